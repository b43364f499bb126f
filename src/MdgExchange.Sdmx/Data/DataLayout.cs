using MdgExchange.Domain.Structure;

namespace MdgExchange.Sdmx.Data;

/// <summary>What a column or XML attribute of a data message holds, according to the DSD.</summary>
internal enum ComponentKind
{
    Dimension,
    Time,
    Measure,
    SeriesAttribute,
    ObservationAttribute,
}

/// <summary>A component found by id: its kind and its index among the dimensions or attributes.</summary>
internal readonly record struct ComponentSlot(ComponentKind Kind, int Index);

/// <summary>
/// The shape of a DSD as readers and writers need it: dimension ids in key order, the time dimension and
/// measure ids, attribute ids in DSD order with their level. Attributes attached to the data set, a group
/// or the series key all travel with the series (<see cref="Domain.Data.Series.Attributes"/>); only those
/// attached to the primary measure travel with the observation.
/// </summary>
internal sealed class DataLayout
{
    private readonly Dictionary<string, ComponentSlot> _byId = new(StringComparer.Ordinal);

    public DataLayout(DataStructureDefinition dsd)
    {
        ArgumentNullException.ThrowIfNull(dsd);
        Dsd = dsd;
        DimensionIds = new string[dsd.Dimensions.Count];
        for (var i = 0; i < DimensionIds.Length; i++)
        {
            DimensionIds[i] = dsd.Dimensions[i].Id;
            _byId[DimensionIds[i]] = new ComponentSlot(ComponentKind.Dimension, i);
        }

        TimeId = dsd.TimeDimension?.Id ?? "TIME_PERIOD";
        MeasureId = dsd.PrimaryMeasure?.Id ?? "OBS_VALUE";
        _byId[TimeId] = new ComponentSlot(ComponentKind.Time, 0);
        _byId[MeasureId] = new ComponentSlot(ComponentKind.Measure, 0);
        AttributeIds = new string[dsd.Attributes.Count];
        AttributeIsCoded = new bool[dsd.Attributes.Count];
        for (var i = 0; i < AttributeIds.Length; i++)
        {
            var attribute = dsd.Attributes[i];
            AttributeIds[i] = attribute.Id;
            AttributeIsCoded[i] = attribute.LocalRepresentation?.Enumeration is not null;
            var kind = attribute.AttachmentLevel == AttachmentLevel.Observation ? ComponentKind.ObservationAttribute : ComponentKind.SeriesAttribute;
            _byId[attribute.Id] = new ComponentSlot(kind, i);
        }
    }

    public DataStructureDefinition Dsd { get; }

    /// <summary><c>AGENCY:ID(VERSION)</c> of the DSD, for messages.</summary>
    public string DsdName => Dsd.Ref.ToString();

    /// <summary>The dimensions other than time, in key order.</summary>
    public string[] DimensionIds { get; }

    public string TimeId { get; }
    public string MeasureId { get; }

    /// <summary>The attributes in DSD order.</summary>
    public string[] AttributeIds { get; }

    /// <summary>Per attribute, whether a codelist enumerates its values (labels are stripped from coded values only).</summary>
    public bool[] AttributeIsCoded { get; }

    public bool TryFind(string id, out ComponentSlot slot) => _byId.TryGetValue(id, out slot);

    /// <summary>True for an attribute id of this DSD.</summary>
    public bool IsAttribute(string id) =>
        _byId.TryGetValue(id, out var slot) && slot.Kind is ComponentKind.SeriesAttribute or ComponentKind.ObservationAttribute;

    /// <summary>The series key written the SDMX way, <c>A.N.SI_POV_DAY1...</c>, for messages.</summary>
    public string KeyText(IReadOnlyDictionary<string, string> key)
    {
        var parts = new string[DimensionIds.Length];
        for (var i = 0; i < parts.Length; i++)
        {
            parts[i] = key.TryGetValue(DimensionIds[i], out var code) ? code : "";
        }

        return string.Join('.', parts);
    }
}
