using MdgExchange.Domain.Data;

namespace MdgExchange.Sdmx.Data;

/// <summary>What every reader does to the series it builds: values, attributes and their errors.</summary>
internal static class SeriesReading
{
    /// <summary>
    /// Adds an observation read at <paramref name="location"/>; a value that is not a number is kept as raw text with
    /// an error at <paramref name="valueLocation"/> (where the value is written, when not on the observation's line).
    /// </summary>
    public static void AddObservation(Series series, Observation observation, string? valueText, string location, string measureId, string? valueLocation = null)
    {
        if (valueText is not null)
        {
            if (ObservationValues.TryParse(valueText, out var value))
            {
                observation.Value = value;
            }
            else
            {
                observation.RawValue = valueText;
                series.AddError(new DataReadError(valueLocation ?? location, measureId, $"'{valueText}' {ObservationValues.Rule}", series.Observations.Count));
            }
        }

        series.Observations.Add(observation);
        (series.ObservationLocations ??= []).Add(location);
    }

    /// <summary>
    /// Sets a series-level attribute. Rows of one series repeat the series' attributes; a row that gives another
    /// value contradicts the earlier ones, which is an error rather than a silent overwrite.
    /// </summary>
    public static void SetSeriesAttribute(Series series, string id, string value, string location)
    {
        if (!series.Attributes.TryGetValue(id, out var existing))
        {
            series.Attributes[id] = value;
        }
        else if (!string.Equals(existing, value, StringComparison.Ordinal))
        {
            series.AddError(new DataReadError(location, id,
                $"the series attribute is '{value}' here but '{existing}' earlier in the same series ({series.Location}); a series has one value per attribute"));
        }
    }

    /// <summary>"line 17".</summary>
    public static string Line(int line) => $"line {line}";
}
