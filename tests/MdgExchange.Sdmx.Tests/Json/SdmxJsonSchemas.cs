using System.Collections.Concurrent;
using NJsonSchema;
using NJsonSchema.Validation;

namespace MdgExchange.Sdmx.Tests.Json;

/// <summary>
/// The SDMX-JSON JSON Schemas shipped in <c>schemas/sdmx-json</c> (copied beside the test assembly), and validation
/// of a message against one of them. The schemas are draft-04 style (<c>id</c>), which NJsonSchema reads.
/// </summary>
public static class SdmxJsonSchemas
{
    public const string Data10 = "sdmx-json-data-schema-1.0.json";
    public const string Data20 = "sdmx-json-data-schema-2.0.0.json";
    public const string Structure10 = "sdmx-json-structure-schema-1.0.json";
    public const string Structure20 = "sdmx-json-structure-schema-2.0.0.json";
    public const string Metadata20 = "sdmx-json-metadata-schema-2.0.0.json";

    private static readonly ConcurrentDictionary<string, JsonSchema> Loaded = new(StringComparer.Ordinal);

    /// <summary>The schema file's path beside the test assembly.</summary>
    public static string PathOf(string name) => System.IO.Path.Combine(AppContext.BaseDirectory, "json-schema", name);

    /// <summary>The schema, parsed once.</summary>
    public static JsonSchema Schema(string name) =>
        Loaded.GetOrAdd(name, n => JsonSchema.FromJsonAsync(File.ReadAllText(PathOf(n))).GetAwaiter().GetResult());

    /// <summary>Every violation of <paramref name="json"/> against the schema, as "path: kind" lines; empty when valid.</summary>
    public static IReadOnlyList<string> Violations(string json, string schemaName)
    {
        var errors = Schema(schemaName).Validate(json);
        return Flatten(errors).ToList();
    }

    /// <summary>Fails with every violation listed when <paramref name="json"/> is not valid against the schema.</summary>
    public static void ShouldBeValid(string json, string schemaName)
    {
        var violations = Violations(json, schemaName);
        violations.Should().BeEmpty($"the message must be valid against {schemaName}");
    }

    private static IEnumerable<string> Flatten(IEnumerable<ValidationError> errors)
    {
        foreach (var error in errors)
        {
            if (error is ChildSchemaValidationError child)
            {
                foreach (var nested in child.Errors.SelectMany(e => Flatten(e.Value)))
                {
                    yield return $"{error.Path}: {error.Kind} → {nested}";
                }
            }
            else
            {
                yield return $"{error.Path} (line {error.LineNumber}): {error.Kind}";
            }
        }
    }
}
