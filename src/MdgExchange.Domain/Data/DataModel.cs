namespace MdgExchange.Domain.Data;

/// <summary>What a data message asks the receiver to do with its series (SDMX dataset actions).</summary>
public enum DataAction
{
    /// <summary>I: information; stored like a merge.</summary>
    Information,

    /// <summary>A: append new observations; existing ones are revised when they differ.</summary>
    Append,

    /// <summary>M: merge: insert new observations, revise changed ones, keep the others.</summary>
    Merge,

    /// <summary>R: replace: every series in the message replaces the stored series whole (observations not sent are deleted).</summary>
    Replace,

    /// <summary>D: delete the observations sent (or the whole series when a series has no observations).</summary>
    Delete,
}

/// <summary>SDMX one-letter action codes.</summary>
public static class DataActions
{
    public static bool TryParse(string? text, out DataAction action)
    {
        switch (text?.Trim().ToUpperInvariant())
        {
            case "I" or "INFORMATION": action = DataAction.Information; return true;
            case "A" or "APPEND": action = DataAction.Append; return true;
            case "M" or "MERGE": action = DataAction.Merge; return true;
            case "R" or "REPLACE": action = DataAction.Replace; return true;
            case "D" or "DELETE": action = DataAction.Delete; return true;
            default: action = DataAction.Information; return false;
        }
    }

    public static string Code(this DataAction action) => action switch
    {
        DataAction.Information => "I",
        DataAction.Append => "A",
        DataAction.Merge => "M",
        DataAction.Replace => "R",
        _ => "D",
    };
}

/// <summary>One observation: the period, the value (NaN allowed; null when not reported) and its attributes.</summary>
public sealed class Observation
{
    public string TimePeriod { get; set; } = "";

    /// <summary>The value; <see cref="double.NaN"/> for an explicit NaN, null when the value is absent (e.g. a deletion).</summary>
    public double? Value { get; set; }

    /// <summary>Observation-level attributes: component id → coded or text value.</summary>
    public Dictionary<string, string> Attributes { get; set; } = new(StringComparer.Ordinal);

    /// <summary>
    /// The value as written in a file when it could not be read as a number (e.g. <c>12,5</c> or <c>n/a</c>);
    /// <see cref="Value"/> is then null and the series lists the error in <see cref="Series.Errors"/>.
    /// Null for every value that was read.
    /// </summary>
    public string? RawValue { get; set; }
}

/// <summary>
/// One series: its full key (dimension id → code, every dimension but time), its series-level attributes,
/// and its observations. Files and pushes deliver series one at a time.
/// </summary>
public sealed class Series
{
    public Dictionary<string, string> Key { get; set; } = new(StringComparer.Ordinal);
    public Dictionary<string, string> Attributes { get; set; } = new(StringComparer.Ordinal);
    public List<Observation> Observations { get; set; } = [];

    /// <summary>
    /// Where the series came from, for error messages: e.g. <c>line 17</c> of a CSV file or
    /// <c>series[3]</c> of a push. Observations may carry their own locations in <see cref="ObservationLocations"/>.
    /// </summary>
    public string? Location { get; set; }

    /// <summary>Per observation (same index), where it came from, when the source knows (file lines).</summary>
    public List<string>? ObservationLocations { get; set; }

    /// <summary>The dataset action for this series when the source sets it per row (SDMX-CSV ACTION column).</summary>
    public DataAction? Action { get; set; }

    /// <summary>
    /// When the values written are a past version (SDMX REST <c>includeHistory</c>): the instant they became valid.
    /// Writers start a new data set, with <c>validFromDate</c>/<c>validToDate</c>, whenever this or
    /// <see cref="ValidTo"/> changes. Null for current data.
    /// </summary>
    public DateTimeOffset? ValidFrom { get; set; }

    /// <summary>When the version stopped being valid; null while it is the current one.</summary>
    public DateTimeOffset? ValidTo { get; set; }

    /// <summary>
    /// Problems a reader found in this series that did not stop it (a value that is not a number, a row with
    /// the wrong number of fields, a component the DSD does not have), so that an import can report every
    /// error of a file at once. Null when there are none.
    /// </summary>
    public List<DataReadError>? Errors { get; set; }

    /// <summary>True when <see cref="Errors"/> holds at least one error.</summary>
    public bool HasErrors => Errors is { Count: > 0 };

    /// <summary>Records a problem found while reading this series.</summary>
    public void AddError(DataReadError error) => (Errors ??= []).Add(error);
}

/// <summary>
/// A problem in one series or observation of a data file, found while reading it.
/// </summary>
/// <param name="Location">Where, e.g. <c>line 17</c>.</param>
/// <param name="Component">The component or column at fault (e.g. <c>OBS_VALUE</c>), if any.</param>
/// <param name="Message">The rule broken, e.g. <c>'12,5' is not a number</c>.</param>
/// <param name="ObservationIndex">The index in <see cref="Series.Observations"/> of the observation at fault, if any.</param>
public sealed record DataReadError(string Location, string? Component, string Message, int? ObservationIndex = null)
{
    /// <inheritdoc />
    public override string ToString() => Component is null ? $"{Location}: {Message}" : $"{Location}, {Component}: {Message}";
}

/// <summary>The header part of a data message that matters to an import.</summary>
public sealed class DataMessageHeader
{
    public string? Id { get; set; }
    public string? SenderId { get; set; }
    public DateTimeOffset? Prepared { get; set; }

    /// <summary>The dataflow or DSD the data say they follow, as written in the file (e.g. <c>KE1:SDG(1.0)</c>).</summary>
    public string? StructureRef { get; set; }

    /// <summary>True when <see cref="StructureRef"/> names a DSD rather than a dataflow.</summary>
    public bool StructureIsDsd { get; set; }

    /// <summary>The dataset action when the whole message has one.</summary>
    public DataAction? Action { get; set; }
}
