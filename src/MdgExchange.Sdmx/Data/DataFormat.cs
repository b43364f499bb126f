namespace MdgExchange.Sdmx.Data;

/// <summary>The data message formats MdgExchange reads and writes.</summary>
public enum DataFormat
{
    /// <summary>SDMX-ML 2.1 structure-specific data (<c>message:StructureSpecificData</c>).</summary>
    SdmxMlStructureSpecific,

    /// <summary>SDMX-ML 2.1 generic data (<c>message:GenericData</c>).</summary>
    SdmxMlGeneric,

    /// <summary>SDMX-CSV 1.0: first column <c>DATAFLOW</c>.</summary>
    SdmxCsv10,

    /// <summary>SDMX-CSV 2.0: columns <c>STRUCTURE</c>, <c>STRUCTURE_ID</c>, optional <c>ACTION</c>.</summary>
    SdmxCsv20,

    /// <summary>SDMX-JSON data message 1.0 (written only).</summary>
    SdmxJson10,

    /// <summary>SDMX-JSON data message 2.0 (written only).</summary>
    SdmxJson20,
}

/// <summary>
/// How a data message is laid out (SDMX REST <c>dimensionAtObservation</c>): by series along
/// <c>TIME_PERIOD</c> (the default), or flat, every observation carrying its full key (<c>AllDimensions</c>).
/// SDMX-CSV is always flat.
/// </summary>
public sealed record DataWriteOptions(bool AllDimensions = false)
{
    public static DataWriteOptions Default { get; } = new();
}

/// <summary>Names and media types of the <see cref="DataFormat"/>s, as used by the API, the CLI and transfers.</summary>
public static class DataFormats
{
    public const string StructureSpecific = "sdmx-ml-2.1-structure-specific";
    public const string Generic = "sdmx-ml-2.1-generic";
    public const string Csv10 = "sdmx-csv-1.0";
    public const string Csv20 = "sdmx-csv-2.0";
    public const string Json10 = "sdmx-json-1.0";
    public const string Json20 = "sdmx-json-2.0";

    /// <summary>Every format, in the order above.</summary>
    public static IReadOnlyList<DataFormat> All { get; } =
        [DataFormat.SdmxMlStructureSpecific, DataFormat.SdmxMlGeneric, DataFormat.SdmxCsv10, DataFormat.SdmxCsv20, DataFormat.SdmxJson10, DataFormat.SdmxJson20];

    /// <summary>The format's name, e.g. <c>sdmx-csv-2.0</c>.</summary>
    public static string Name(this DataFormat format) => format switch
    {
        DataFormat.SdmxMlStructureSpecific => StructureSpecific,
        DataFormat.SdmxMlGeneric => Generic,
        DataFormat.SdmxCsv10 => Csv10,
        DataFormat.SdmxCsv20 => Csv20,
        DataFormat.SdmxJson10 => Json10,
        _ => Json20,
    };

    /// <summary>The SDMX media type of the format (SDMX REST content negotiation).</summary>
    public static string MediaType(this DataFormat format) => format switch
    {
        DataFormat.SdmxMlStructureSpecific => "application/vnd.sdmx.structurespecificdata+xml;version=2.1",
        DataFormat.SdmxMlGeneric => "application/vnd.sdmx.genericdata+xml;version=2.1",
        DataFormat.SdmxCsv10 => "application/vnd.sdmx.data+csv;version=1.0.0",
        DataFormat.SdmxCsv20 => "application/vnd.sdmx.data+csv;version=2.0.0",
        DataFormat.SdmxJson10 => "application/vnd.sdmx.data+json;version=1.0.0",
        _ => "application/vnd.sdmx.data+json;version=2.0.0",
    };

    /// <summary>True for the SDMX-JSON formats.</summary>
    public static bool IsJson(this DataFormat format) => format is DataFormat.SdmxJson10 or DataFormat.SdmxJson20;

    /// <summary>True for the SDMX-CSV formats.</summary>
    public static bool IsCsv(this DataFormat format) => format is DataFormat.SdmxCsv10 or DataFormat.SdmxCsv20;

    /// <summary>Parses a format name (case-insensitive).</summary>
    public static bool TryParse(string? name, out DataFormat format)
    {
        format = default;
        foreach (var candidate in All)
        {
            if (string.Equals(name?.Trim(), candidate.Name(), StringComparison.OrdinalIgnoreCase))
            {
                format = candidate;
                return true;
            }
        }

        return false;
    }
}
