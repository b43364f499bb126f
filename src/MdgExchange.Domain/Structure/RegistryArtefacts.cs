namespace MdgExchange.Domain.Structure;

/// <summary>Links an artefact (usually a dataflow) to a category.</summary>
public sealed class Categorisation : MaintainableArtefact
{
    public override ArtefactType Type => ArtefactType.Categorisation;

    /// <summary>The categorised artefact.</summary>
    public ArtefactRef? Source { get; set; }

    /// <summary>The category (a dotted path for nested categories).</summary>
    public ItemRef? Target { get; set; }

    public override IEnumerable<ArtefactRef> References() =>
        new[] { Source, Target?.Scheme }.OfType<ArtefactRef>();
}

/// <summary>Which data provider may report which dataflow.</summary>
public sealed class ProvisionAgreement : MaintainableArtefact
{
    public override ArtefactType Type => ArtefactType.ProvisionAgreement;
    public ArtefactRef? StructureUsage { get; set; }
    public ItemRef? DataProvider { get; set; }

    public override IEnumerable<ArtefactRef> References() =>
        new[] { StructureUsage, DataProvider?.Scheme }.OfType<ArtefactRef>();
}

public enum ConstraintRole
{
    Allowed,
    Actual,
}

/// <summary>The values allowed for one component in a cube region.</summary>
public sealed class ComponentValueSet
{
    public string Id { get; set; } = "";
    public bool Include { get; set; } = true;
    public List<string> Values { get; set; } = [];

    /// <summary>A range of time periods, instead of <see cref="Values"/> (typically for TIME_PERIOD).</summary>
    public TimeRange? TimeRange { get; set; }
}

/// <summary>One end of a <see cref="TimeRange"/>: a time period and whether the period itself is in the range.</summary>
public sealed record TimePeriodBound(string Period, bool IsInclusive = true);

/// <summary>
/// A range of time periods in a cube region: after <see cref="Start"/>, before <see cref="End"/>, or
/// between the two (SDMX-ML <c>AfterPeriod</c>, <c>BeforePeriod</c>, <c>StartPeriod</c>/<c>EndPeriod</c>).
/// </summary>
public sealed class TimeRange
{
    public TimePeriodBound? Start { get; set; }
    public TimePeriodBound? End { get; set; }
}

/// <summary>A region of the data cube: per component, the values included (or excluded).</summary>
public sealed class CubeRegion
{
    public bool Include { get; set; } = true;
    public List<ComponentValueSet> KeyValues { get; set; } = [];
    public List<ComponentValueSet> Attributes { get; set; } = [];
}

/// <summary>One full or partial key: component id → value.</summary>
public sealed class DataKey
{
    public bool Include { get; set; } = true;
    public SortedDictionary<string, string> Values { get; set; } = new(StringComparer.Ordinal);
}

public sealed class DataKeySet
{
    public bool IsIncluded { get; set; } = true;
    public List<DataKey> Keys { get; set; } = [];
}

/// <summary>A content constraint: the allowed (or actual) content of dataflows, DSDs or provision agreements.</summary>
public sealed class ContentConstraint : MaintainableArtefact
{
    public override ArtefactType Type => ArtefactType.ContentConstraint;
    public ConstraintRole Role { get; set; } = ConstraintRole.Allowed;

    /// <summary>The artefacts constrained: dataflows, DSDs, provision agreements.</summary>
    public List<ArtefactRef> Attachments { get; set; } = [];

    /// <summary>Data providers constrained.</summary>
    public List<ItemRef> DataProviders { get; set; } = [];
    public List<DataKeySet> DataKeySets { get; set; } = [];
    public List<CubeRegion> CubeRegions { get; set; } = [];

    public override IEnumerable<ArtefactRef> References() =>
        Attachments.Concat(DataProviders.Select(p => p.Scheme)).Distinct();
}
