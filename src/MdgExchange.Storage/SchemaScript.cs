using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;

namespace MdgExchange.Storage;

/// <summary>One forward-only schema script embedded in this assembly.</summary>
public sealed partial record SchemaScript(string Name, string Text, string Checksum)
{
    /// <summary>The scripts of a dialect, in the order they are applied.</summary>
    public static IReadOnlyList<SchemaScript> For(SqlDialect dialect)
    {
        var folder = dialect switch
        {
            SqlDialect.Sqlite => "schemas/sqlite/",
            SqlDialect.SqlServer => "schemas/sqlserver/",
            _ => throw new ArgumentOutOfRangeException(nameof(dialect), dialect, "unknown dialect"),
        };

        var assembly = typeof(SchemaScript).Assembly;
        var scripts = new List<SchemaScript>();
        foreach (var resource in assembly.GetManifestResourceNames())
        {
            // MSBuild's RecursiveDir uses the platform separator in the logical name.
            var logical = resource.Replace('\\', '/');
            if (!logical.StartsWith(folder, StringComparison.Ordinal))
            {
                continue;
            }

            var name = logical[folder.Length..];
            if (!NamePattern().IsMatch(name))
            {
                throw new SchemaMigrationException($"the embedded script '{logical}' is not named NNNN_verb_object.sql");
            }

            using var stream = assembly.GetManifestResourceStream(resource)
                ?? throw new SchemaMigrationException($"the embedded script '{logical}' cannot be read");
            using var reader = new StreamReader(stream, Encoding.UTF8, detectEncodingFromByteOrderMarks: true);
            scripts.Add(FromText(name, reader.ReadToEnd()));
        }

        scripts.Sort((a, b) => string.CompareOrdinal(a.Name, b.Name));
        return scripts;
    }

    /// <summary>
    /// The checksum is taken over LF line endings so that a checkout with CRLF (git on Windows) does not
    /// look like an edited script to a database migrated from another machine.
    /// </summary>
    internal static SchemaScript FromText(string name, string text)
    {
        var normalised = text.Replace("\r\n", "\n", StringComparison.Ordinal);
        var checksum = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(normalised)));
        return new SchemaScript(name, normalised, checksum);
    }

    [GeneratedRegex(@"^[0-9]{4}_[a-z0-9]+(_[a-z0-9]+)+\.sql$")]
    private static partial Regex NamePattern();
}
