using MdgExchange.Domain.Structure;

namespace MdgExchange.Domain.Data;

/// <summary>
/// Everything needed to validate and store data of one dataflow: its DSD, the codes each enumerated
/// component allows, and what the dataflow's content constraints allow.
/// </summary>
public sealed class DataflowSchema
{
    private readonly Dictionary<string, DataAttribute> _attributes;

    private DataflowSchema(ArtefactRef dataflow, DataStructureDefinition dsd, Dictionary<string, IReadOnlySet<string>> codes, Dictionary<string, IReadOnlySet<string>> allowed, Dictionary<string, IReadOnlySet<string>> excluded)
    {
        Dataflow = dataflow;
        Structure = dsd;
        Dimensions = dsd.Dimensions.OrderBy(d => d.Position).ToList();
        DimensionIds = Dimensions.Select(d => d.Id).ToList();
        _attributes = dsd.Attributes.ToDictionary(a => a.Id, StringComparer.Ordinal);
        Codes = codes;
        Allowed = allowed;
        Excluded = excluded;
        Frequency = Dimensions.FirstOrDefault(d => d.Id == "FREQ")?.Id;
        SeriesAttributes = dsd.Attributes.Where(a => a.AttachmentLevel != AttachmentLevel.Observation).ToList();
        ObservationAttributes = dsd.Attributes.Where(a => a.AttachmentLevel == AttachmentLevel.Observation).ToList();
        MandatoryObservationAttributes = ObservationAttributes.Where(a => a.AssignmentStatus == UsageStatus.Mandatory).ToList();
    }

    public ArtefactRef Dataflow { get; }
    public DataStructureDefinition Structure { get; }

    /// <summary>Dimensions other than time, in key order.</summary>
    public IReadOnlyList<Dimension> Dimensions { get; }
    public IReadOnlyList<string> DimensionIds { get; }

    /// <summary>Component id → the codes of its codelist (enumerated components only).</summary>
    public IReadOnlyDictionary<string, IReadOnlySet<string>> Codes { get; }

    /// <summary>Component id → the values the content constraints allow (only components they constrain).</summary>
    public IReadOnlyDictionary<string, IReadOnlySet<string>> Allowed { get; }

    /// <summary>Component id → the values the content constraints exclude.</summary>
    public IReadOnlyDictionary<string, IReadOnlySet<string>> Excluded { get; }

    /// <summary>The id of the frequency dimension (FREQ) when the DSD has one.</summary>
    public string? Frequency { get; }

    public string TimeDimensionId => Structure.TimeDimension?.Id ?? "TIME_PERIOD";
    public string MeasureId => Structure.PrimaryMeasure?.Id ?? "OBS_VALUE";

    public DataAttribute? Attribute(string id) => _attributes.GetValueOrDefault(id);

    /// <summary>Attributes attached to series, groups or the data set.</summary>
    public IReadOnlyList<DataAttribute> SeriesAttributes { get; }

    /// <summary>Attributes attached to observations.</summary>
    public IReadOnlyList<DataAttribute> ObservationAttributes { get; }

    /// <summary>Mandatory observation attributes (checked on every observation, so kept apart).</summary>
    public IReadOnlyList<DataAttribute> MandatoryObservationAttributes { get; }

    /// <summary>The positional key, e.g. <c>A.N.SH_DYN_MORT.032._T</c>; missing dimensions give empty parts.</summary>
    public string SeriesKey(IReadOnlyDictionary<string, string> key)
    {
        ArgumentNullException.ThrowIfNull(key);
        return string.Join('.', DimensionIds.Select(id => key.GetValueOrDefault(id) ?? ""));
    }

    /// <summary>Splits a positional key back into dimension id → value.</summary>
    public Dictionary<string, string> KeyValues(string seriesKey)
    {
        ArgumentNullException.ThrowIfNull(seriesKey);
        var parts = seriesKey.Split('.');
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i < DimensionIds.Count && i < parts.Length; i++)
        {
            values[DimensionIds[i]] = parts[i];
        }

        return values;
    }

    /// <param name="dataflow">The dataflow (or, for a file imported against a DSD, the DSD's reference).</param>
    /// <param name="dsd">Its data structure.</param>
    /// <param name="codes">The code ids of a codelist, or null when it is not in the registry.</param>
    /// <param name="constraints">Content constraints attached to the dataflow or the DSD; only Allowed ones count.</param>
    /// <param name="extensions">Codelists whose codes a component accepts besides its own (national extensions).</param>
    public static DataflowSchema Create(
        ArtefactRef dataflow,
        DataStructureDefinition dsd,
        Func<ArtefactRef, IReadOnlySet<string>?> codes,
        IEnumerable<ContentConstraint> constraints,
        IEnumerable<(string ComponentId, ArtefactRef Codelist)>? extensions = null)
    {
        ArgumentNullException.ThrowIfNull(dsd);
        ArgumentNullException.ThrowIfNull(codes);
        ArgumentNullException.ThrowIfNull(constraints);
        var componentCodes = new Dictionary<string, IReadOnlySet<string>>(StringComparer.Ordinal);
        foreach (var component in dsd.Components())
        {
            if (component.LocalRepresentation?.Enumeration is { } enumeration && codes(enumeration) is { } set)
            {
                componentCodes[component.Id] = set;
            }
        }

        foreach (var (componentId, codelist) in extensions ?? [])
        {
            if (componentCodes.TryGetValue(componentId, out var own) && codes(codelist) is { } extra)
            {
                var union = new HashSet<string>(own, StringComparer.Ordinal);
                union.UnionWith(extra);
                componentCodes[componentId] = union;
            }
        }

        var allowed = new Dictionary<string, HashSet<string>>(StringComparer.Ordinal);
        var excluded = new Dictionary<string, HashSet<string>>(StringComparer.Ordinal);
        foreach (var region in constraints.Where(c => c.Role == ConstraintRole.Allowed).SelectMany(c => c.CubeRegions))
        {
            foreach (var values in region.KeyValues.Concat(region.Attributes))
            {
                var target = region.Include && values.Include ? allowed : excluded;
                if (!target.TryGetValue(values.Id, out var set))
                {
                    target[values.Id] = set = new HashSet<string>(StringComparer.Ordinal);
                }

                set.UnionWith(values.Values);
            }
        }

        return new DataflowSchema(
            dataflow,
            dsd,
            componentCodes,
            allowed.ToDictionary(kv => kv.Key, kv => (IReadOnlySet<string>)kv.Value, StringComparer.Ordinal),
            excluded.ToDictionary(kv => kv.Key, kv => (IReadOnlySet<string>)kv.Value, StringComparer.Ordinal));
    }
}
