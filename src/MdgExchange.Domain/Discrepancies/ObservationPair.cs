namespace MdgExchange.Domain.Discrepancies;

/// <summary>
/// One side of a national/international pair: who owns the value, the value (null when only the attributes say
/// something, e.g. a missing value), its attributes (NATURE, OBS_STATUS, UNIT_MEASURE, UNIT_MULT, SOURCE_DETAIL,
/// TIME_DETAIL, TIME_COVERAGE, ...), its breakdown codes (SEX, AGE, URBANISATION, ...), and its lineage.
/// </summary>
public sealed record PairSide(
    string Organisation,
    double? Value,
    IReadOnlyDictionary<string, string> Attributes,
    IReadOnlyDictionary<string, string> Breakdown,
    DateTimeOffset ValidFrom,
    Guid TransferId)
{
    public string? Attribute(string id) => Attributes.TryGetValue(id, out var value) && value.Length > 0 ? value : null;
}

/// <summary>
/// A national value (REPORTING_TYPE=N) and an international one (G) for the same series, area, period and breakdown,
/// after series-code mappings and area aliases; either side may be missing.
/// </summary>
public sealed record ObservationPair(string Series, string Area, string Period, PairSide? National, PairSide? International)
{
    /// <summary>International minus national, when both have a value.</summary>
    public double? Difference => National?.Value is { } n && International?.Value is { } g ? g - n : null;

    /// <summary>The difference relative to the national value (0.05 = 5 %), when both have a value and the national one is not 0.</summary>
    public double? RelativeDifference => Difference is { } d && National?.Value is { } n && n != 0 ? d / Math.Abs(n) : null;
}

/// <summary>How far apart two values may be and still count as the same figure.</summary>
public sealed record Tolerance(double Absolute = 0, double Relative = 0)
{
    public bool Within(double national, double international) =>
        Math.Abs(international - national) <= Math.Max(Absolute, Relative * Math.Abs(national)) + (1e-9 * Math.Max(1, Math.Abs(national)));
}

/// <summary>
/// What else is known about a pair when it is classified: the same series, area and period in the other breakdowns
/// (to see swapped categories), the metadata comparison of the indicator, the lineage of the national series as the
/// agency saw it, the consultation, and explanations given in annotations.
/// </summary>
public sealed record PairContext
{
    /// <summary>Pairs of the same series, area and period in other breakdowns (urban/rural, female/male).</summary>
    public IReadOnlyList<ObservationPair> Siblings { get; init; } = [];

    /// <summary>Metadata concepts (STAT_CONC_DEF, DATA_COMP, ...) whose national and international texts differ.</summary>
    public IReadOnlySet<string> DifferingMetadataConcepts { get; init; } = new HashSet<string>();

    /// <summary>When the agency last pulled the national series; null when it never did.</summary>
    public DateTimeOffset? AgencyLastPull { get; init; }

    /// <summary>Earlier national values of this observation (older vintages), newest first.</summary>
    public IReadOnlyList<double> NationalVintages { get; init; } = [];

    /// <summary>
    /// The national value as it stood when the international value was pushed, when the national value has been
    /// revised since and the agency has not pulled it after the revision; null otherwise.
    /// </summary>
    public double? NationalValueAtInternationalPush { get; init; }

    /// <summary>National transfers of the series (pushes) that the agency received (pulled).</summary>
    public long NationalTransfersToAgency { get; init; }

    /// <summary>Whether a consultation (question or answer annotation) exists on the national series.</summary>
    public bool Consulted { get; init; }

    /// <summary>Texts of explanation annotations on either series (a denominator named there gives DEN).</summary>
    public IReadOnlyList<string> Explanations { get; init; } = [];

    /// <summary>The national series is a proxy of the global one (a registered series-code mapping says so).</summary>
    public bool NationalProxy { get; init; }
}

/// <summary>One typology code proposed for a pair, with the facts it rests on.</summary>
public sealed record TypologyEvidence(string Code, string Rule, IReadOnlyList<string> Facts);
