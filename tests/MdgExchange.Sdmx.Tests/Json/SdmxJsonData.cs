using System.Globalization;
using System.Text.Json;
using MdgExchange.Domain.Data;

namespace MdgExchange.Sdmx.Tests.Json;

/// <summary>
/// Reads an SDMX-JSON data message (1.0 or 2.0) back into series by resolving its value indices, written here
/// from the field guides rather than with the writer's code, so that a round trip can catch the writer's mistakes.
/// Both layouts: series (<c>series</c> → <c>observations</c>) and flat (<c>observations</c> keyed by the full key).
/// </summary>
public static class SdmxJsonData
{
    public static List<Series> Read(byte[] json)
    {
        using var document = JsonDocument.Parse(json);
        var data = document.RootElement.GetProperty("data");
        var structure = data.TryGetProperty("structures", out var structures) ? structures[0] : data.GetProperty("structure");
        var seriesDimensions = Components(structure.GetProperty("dimensions"), "series");
        var observationDimensions = Components(structure.GetProperty("dimensions"), "observation");
        var attributes = structure.GetProperty("attributes");
        var seriesAttributes = Components(attributes, "series").Concat(Components(attributes, "dimensionGroup")).ToList();
        var observationAttributes = Components(attributes, "observation");
        var hasGroupAttributes = attributes.TryGetProperty("dimensionGroup", out var groups) && groups.GetArrayLength() > 0;
        var measures = structure.TryGetProperty("measures", out var m) && m.TryGetProperty("observation", out var mo) ? mo.GetArrayLength() : 1;

        var result = new List<Series>();
        foreach (var dataSet in data.GetProperty("dataSets").EnumerateArray())
        {
            var action = dataSet.TryGetProperty("action", out var a) ? a.GetString() : null;
            if (dataSet.TryGetProperty("series", out var series))
            {
                foreach (var one in series.EnumerateObject())
                {
                    var s = new Series { Action = Action(action) };
                    Key(s.Key, seriesDimensions, one.Name);
                    if (one.Value.TryGetProperty("attributes", out var values))
                    {
                        Attributes(s.Attributes, hasGroupAttributes ? Components(attributes, "series") : seriesAttributes, values);
                    }

                    if (one.Value.TryGetProperty("observations", out var observations))
                    {
                        foreach (var observation in observations.EnumerateObject())
                        {
                            var key = new Dictionary<string, string>(StringComparer.Ordinal);
                            Key(key, observationDimensions, observation.Name);
                            s.Observations.Add(Observation(key.Values.Single(), observation.Value, measures, observationAttributes));
                        }
                    }

                    result.Add(s);
                }
            }
            else if (dataSet.TryGetProperty("observations", out var flat))
            {
                foreach (var observation in flat.EnumerateObject())
                {
                    var key = new Dictionary<string, string>(StringComparer.Ordinal);
                    Key(key, observationDimensions, observation.Name);
                    var time = observationDimensions.Single(d => d.Time).Id;
                    var s = new Series { Action = Action(action) };
                    foreach (var (id, code) in key.Where(k => k.Key != time))
                    {
                        s.Key[id] = code;
                    }

                    s.Observations.Add(Observation(key[time], observation.Value, measures, observationAttributes));
                    result.Add(s);
                }
            }
        }

        return result;
    }

    private sealed record Component(string Id, bool Time, List<string?> Values);

    private static List<Component> Components(JsonElement parent, string level)
    {
        if (!parent.TryGetProperty(level, out var list))
        {
            return [];
        }

        return list.EnumerateArray().Select(c => new Component(
            c.GetProperty("id").GetString()!,
            c.GetProperty("id").GetString() == "TIME_PERIOD" || (c.TryGetProperty("role", out var role) && role.ToString().Contains("TIME", StringComparison.Ordinal)),
            c.TryGetProperty("values", out var values) ? values.EnumerateArray().Select(Value).ToList() : [])).ToList();
    }

    /// <summary>A value's id (codes), else its value (2.0.0 texts), else its name (1.0 texts).</summary>
    private static string? Value(JsonElement value) =>
        value.ValueKind == JsonValueKind.Object
            ? (value.TryGetProperty("id", out var id) ? id.GetString()
                : value.TryGetProperty("value", out var v) ? v.ToString()
                : value.TryGetProperty("name", out var name) ? name.ToString() : null)
            : value.ToString();

    private static void Key(IDictionary<string, string> key, List<Component> dimensions, string indices)
    {
        var parts = indices.Split(':');
        for (var i = 0; i < dimensions.Count; i++)
        {
            key[dimensions[i].Id] = dimensions[i].Values[int.Parse(parts[i], CultureInfo.InvariantCulture)]!;
        }
    }

    private static void Attributes(IDictionary<string, string> target, List<Component> components, JsonElement indices)
    {
        var i = 0;
        foreach (var index in indices.EnumerateArray())
        {
            if (index.ValueKind == JsonValueKind.Number && components[i].Values[index.GetInt32()] is { } value)
            {
                target[components[i].Id] = value;
            }

            i++;
        }
    }

    private static Observation Observation(string period, JsonElement values, int measures, List<Component> attributes)
    {
        var observation = new Observation { TimePeriod = period };
        var first = values[0];
        observation.Value = first.ValueKind switch
        {
            JsonValueKind.Number => first.GetDouble(),
            JsonValueKind.String => double.Parse(first.GetString()!, CultureInfo.InvariantCulture),
            _ => null,
        };
        var i = 0;
        foreach (var index in values.EnumerateArray().Skip(measures))
        {
            if (index.ValueKind == JsonValueKind.Number && attributes[i].Values[index.GetInt32()] is { } value)
            {
                observation.Attributes[attributes[i].Id] = value;
            }

            i++;
        }

        return observation;
    }

    private static DataAction? Action(string? name) => name switch
    {
        "Append" => DataAction.Append,
        "Replace" => DataAction.Replace,
        "Delete" => DataAction.Delete,
        "Information" => DataAction.Information,
        _ => null,
    };
}
