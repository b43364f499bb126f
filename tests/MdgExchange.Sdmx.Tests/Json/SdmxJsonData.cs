using System.Globalization;
using System.Text.Json;
using MdgExchange.Domain.Data;
using MdgExchange.Domain.Structure;
using MdgExchange.Sdmx.Data;

namespace MdgExchange.Sdmx.Tests.Json;

/// <summary>
/// Reads an SDMX-JSON data message (1.0 or 2.0) back into series by resolving its value indices, written here
/// from the field guides rather than with the writer's code, so that a round trip can catch the writer's mistakes.
/// Both layouts: series (<c>series</c> → <c>observations</c>) and flat (<c>observations</c> keyed by the full key,
/// consecutive observations of one key making one series). Each data set's action and validity go on its series.
/// Anything the message should not hold (an unknown action, a key without a period carrying a value) throws.
/// </summary>
public static class SdmxJsonData
{
    /// <param name="json">The message.</param>
    /// <param name="dsd">
    /// In the flat layout every attribute sits on the observations; with the DSD, those it does not attach to
    /// observations are moved to their series, as a series-layout reader would have them.
    /// </param>
    public static List<Series> Read(byte[] json, DataStructureDefinition? dsd = null)
    {
        using var document = JsonDocument.Parse(json);
        var data = document.RootElement.GetProperty("data");
        var structure = data.TryGetProperty("structures", out var structures) ? structures[0] : data.GetProperty("structure");
        var seriesDimensions = Components(structure.GetProperty("dimensions"), "series");
        var observationDimensions = Components(structure.GetProperty("dimensions"), "observation");
        var attributes = structure.GetProperty("attributes");
        var seriesAttributes = Components(attributes, "series");
        var observationAttributes = Components(attributes, "observation");
        var measures = structure.TryGetProperty("measures", out var m) && m.TryGetProperty("observation", out var mo) ? mo.GetArrayLength() : 1;
        var time = observationDimensions.FirstOrDefault(d => d.Id == (dsd?.TimeDimension?.Id ?? "TIME_PERIOD"))?.Id ?? "TIME_PERIOD";

        var result = new List<Series>();
        foreach (var dataSet in data.GetProperty("dataSets").EnumerateArray())
        {
            var actionName = dataSet.GetProperty("action").GetString();
            var action = DataActions.TryParse(actionName, out var parsed) ? parsed : throw new FormatException($"'{actionName}' is not a data set action");
            DateTimeOffset? validFrom = dataSet.TryGetProperty("validFrom", out var f) ? f.GetDateTimeOffset() : null;
            DateTimeOffset? validTo = dataSet.TryGetProperty("validTo", out var t) ? t.GetDateTimeOffset() : null;
            Series New() => new() { Action = action, ValidFrom = validFrom, ValidTo = validTo };

            if (dataSet.TryGetProperty("series", out var series))
            {
                foreach (var one in series.EnumerateObject())
                {
                    var s = New();
                    Key(s.Key, seriesDimensions, one.Name);
                    if (one.Value.TryGetProperty("attributes", out var values))
                    {
                        Attributes(s.Attributes, seriesAttributes, values.EnumerateArray());
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

            if (!dataSet.TryGetProperty("observations", out var flat))
            {
                continue;
            }

            Series? previous = null;
            foreach (var observation in flat.EnumerateObject())
            {
                var key = new Dictionary<string, string>(StringComparer.Ordinal);
                var parts = Key(key, observationDimensions, observation.Name);
                var period = key.Remove(time, out var p) ? p : null;
                if (previous is null || !previous.Key.OrderBy(k => k.Key).SequenceEqual(key.OrderBy(k => k.Key)))
                {
                    previous = New();
                    foreach (var (id, code) in key)
                    {
                        previous.Key[id] = code;
                    }

                    result.Add(previous);
                }

                var read = Observation(period ?? "", observation.Value, measures, observationAttributes);
                foreach (var id in read.Attributes.Keys.ToList())
                {
                    if (dsd?.Attributes.SingleOrDefault(x => x.Id == id) is { AttachmentLevel: not AttachmentLevel.Observation })
                    {
                        previous.Attributes[id] = read.Attributes[id];
                        read.Attributes.Remove(id);
                    }
                }

                if (period is not null)
                {
                    previous.Observations.Add(read);
                }
                else if (parts != observationDimensions.Count(d => d.Id != time) || read.Value is not null)
                {
                    // A series without observations is keyed without its period and has no value.
                    throw new FormatException($"observation {observation.Name} has no period but {parts} key parts and a value");
                }
            }
        }

        return result;
    }

    private sealed record Component(string Id, List<string?> Values);

    private static List<Component> Components(JsonElement parent, string level) =>
        parent.TryGetProperty(level, out var list)
            ? list.EnumerateArray().Select(c => new Component(
                c.GetProperty("id").GetString()!,
                c.TryGetProperty("values", out var values) ? values.EnumerateArray().Select(Value).ToList() : [])).ToList()
            : [];

    /// <summary>A value's id (codes), else its value (2.0.0 texts), else its name (1.0 texts).</summary>
    private static string? Value(JsonElement value) =>
        value.ValueKind == JsonValueKind.Object
            ? (value.TryGetProperty("id", out var id) ? id.GetString()
                : value.TryGetProperty("value", out var v) ? v.ToString()
                : value.TryGetProperty("name", out var name) ? name.ToString() : null)
            : value.ToString();

    /// <summary>Sets the key from the indices (<c>0:3:1</c>); returns how many parts there were.</summary>
    private static int Key(IDictionary<string, string> key, List<Component> dimensions, string indices)
    {
        var parts = indices.Split(':');
        for (var i = 0; i < parts.Length; i++)
        {
            key[dimensions[i].Id] = dimensions[i].Values[int.Parse(parts[i], CultureInfo.InvariantCulture)]!;
        }

        return parts.Length;
    }

    private static void Attributes(IDictionary<string, string> target, List<Component> components, IEnumerable<JsonElement> indices)
    {
        var i = 0;
        foreach (var index in indices)
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
        var first = values[0];
        var observation = new Observation
        {
            TimePeriod = period,
            Value = first.ValueKind switch
            {
                JsonValueKind.Number => first.GetDouble(),
                JsonValueKind.String => ObservationValues.TryParse(first.GetString(), out var parsed) ? parsed : throw new FormatException($"'{first.GetString()}' is not a value"),
                _ => null,
            },
        };
        Attributes(observation.Attributes, attributes, values.EnumerateArray().Skip(measures));
        return observation;
    }
}
