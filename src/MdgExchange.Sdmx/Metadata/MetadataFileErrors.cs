namespace MdgExchange.Sdmx.Metadata;

/// <summary>One problem in a metadata file: the row (1-based, the header is row 1; 0 for the whole file), the column, the rule.</summary>
public sealed record MetadataFileError(int Row, string Column, string Message)
{
    /// <summary>A field path for error details: <c>row[3].STAT_CONC_DEF</c>, or the column alone for the whole file.</summary>
    public string Path => Row > 0 ? $"row[{Row}].{Column}" : Column;

    /// <inheritdoc />
    public override string ToString() => Row > 0 ? $"row {Row}, column {Column}: {Message}" : $"{Column}: {Message}";
}

/// <summary>A metadata file that cannot be read; <see cref="Errors"/> names every row and column at fault.</summary>
public sealed class MetadataFileException : Exception
{
    public MetadataFileException()
        : this([])
    {
    }

    public MetadataFileException(string message)
        : base(message)
    {
        Errors = [new MetadataFileError(0, "file", message)];
    }

    public MetadataFileException(string message, Exception innerException)
        : base(message, innerException)
    {
        Errors = [new MetadataFileError(0, "file", message)];
    }

    public MetadataFileException(IReadOnlyList<MetadataFileError> errors)
        : base(errors.Count == 0 ? "the metadata file cannot be read" : string.Join("; ", errors.Take(20)) + (errors.Count > 20 ? $"; and {errors.Count - 20} more" : ""))
    {
        Errors = errors;
    }

    public IReadOnlyList<MetadataFileError> Errors { get; }
}

/// <summary>
/// A metadataset as a file gives it, before the registry has been consulted: the metadataflow, the set's id, the
/// targets (codes of a codelist, as <c>AGENCY:ID(VERSION).CODE</c>), and the values of the MSD's attributes.
/// </summary>
public sealed class ParsedMetadataSet
{
    /// <summary>The data row it came from (SDMX-CSV), 0 for a file that holds one set.</summary>
    public int Row { get; init; }

    /// <summary>The metadataflow, <c>AGENCY:ID(VERSION)</c>; null when the file does not say (Open SDG).</summary>
    public string? Metadataflow { get; init; }

    /// <summary>The set's agency (the authoring organisation); null when the file does not say.</summary>
    public string? SetAgency { get; init; }

    public string? SetId { get; init; }
    public string? SetVersion { get; init; }

    /// <summary>I, A, R or D (SDMX-CSV <c>ACTION</c>); I when absent.</summary>
    public string Action { get; init; } = "I";

    public List<(string Type, string Id)> Targets { get; init; } = [];

    /// <summary>The indicator in dotted notation, when the file names it directly rather than as a target (Open SDG).</summary>
    public string? Indicator { get; init; }

    /// <summary>The series code, when given directly rather than as a target.</summary>
    public string? Series { get; init; }

    /// <summary>The area, when given directly rather than as a target.</summary>
    public string? RefArea { get; init; }

    public string? Name { get; init; }

    /// <summary>For a report given as a message: its path (<c>reports[2]</c>), which errors on the report are named by.</summary>
    public string? MessagePrefix { get; init; }

    public List<(string Concept, string Lang, string Text)> Values { get; init; } = [];

    /// <summary>The column each concept came from, for errors found later (unknown concept, wrong target).</summary>
    public Dictionary<string, string> ColumnOf { get; init; } = new(StringComparer.Ordinal);

    /// <summary>Fields of the file that carry no metadata concept and were not kept.</summary>
    public List<string> Ignored { get; init; } = [];
}
