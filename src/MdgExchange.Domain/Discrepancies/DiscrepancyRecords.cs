namespace MdgExchange.Domain.Discrepancies;

/// <summary>The reconciliation states of a pair (IAEG-SDGs data-flow guidelines) and the moves between them.</summary>
public static class ReconciliationStates
{
    public const string Raised = "raised";
    public const string InConsultation = "in-consultation";
    public const string Reconciled = "reconciled";
    public const string DocumentedSideBySide = "documented-side-by-side";
    public const string NationalAccepted = "national-accepted";
    public const string AgencyRetained = "agency-retained";

    public static IReadOnlyList<string> All { get; } = [Raised, InConsultation, Reconciled, DocumentedSideBySide, NationalAccepted, AgencyRetained];

    /// <summary>The outcomes that end a consultation.</summary>
    public static IReadOnlySet<string> Outcomes { get; } = new HashSet<string> { Reconciled, DocumentedSideBySide, NationalAccepted, AgencyRetained };

    /// <summary>
    /// Why a party may not move a pair from one state to another; null when it may. Either side raises a pair and
    /// consults; an outcome is reached from consultation; either side may agree on reconciled or documented side by
    /// side. Accepting the national value and retaining the agency's are the agency's decisions (its publication is
    /// what changes or stays), so a national body can do neither. A pair goes back to raised only from consultation.
    /// The coordinator may make any move.
    /// </summary>
    /// <summary>
    /// Why the move is not the party's to make (a permission, not a state, question); null when it may be. A caller
    /// that is no party of the pair may make no move.
    /// </summary>
    public static string? NotTheirs(string to, PartySide side) => side switch
    {
        PartySide.Coordinator => null,
        PartySide.None => "only the national body, the agency that published the international value, or the coordinator may move a pair",
        _ => to switch
        {
            AgencyRetained when side != PartySide.International => "only the agency that published the international value may retain it",
            NationalAccepted when side != PartySide.International => "the national value is accepted by the agency that published the international one",
            _ => null,
        },
    };

    public static string? Refusal(string from, string to, PartySide side)
    {
        if (!All.Contains(to))
        {
            return $"'{to}' is not a reconciliation state; use {string.Join(", ", All)}";
        }

        if (from == to)
        {
            return $"the pair is already {to}";
        }

        if (side == PartySide.Coordinator)
        {
            return null;
        }

        if (side == PartySide.None)
        {
            return "only the national body, the agency that published the international value, or the coordinator may move a pair";
        }

        // Who decides comes before when: a national body may never retain or accept, whatever the state.
        if (NotTheirs(to, side) is { } refusal)
        {
            return refusal;
        }

        if (Outcomes.Contains(to) && from != InConsultation)
        {
            return $"a pair reaches {to} from {InConsultation}, not from {from}";
        }

        return to == Raised && from != InConsultation ? $"a pair goes back to {Raised} only from {InConsultation}" : null;
    }
}

/// <summary>Which party of a pair a caller is.</summary>
public enum PartySide
{
    None,
    National,
    International,
    Coordinator,
}

/// <summary>A typology code on a pair: proposed by the analysis (with its evidence) or added by a person; confirmed or removed with a reason.</summary>
public sealed record PairCode(
    string Code,
    string Origin,
    string Status,
    string Rule,
    IReadOnlyList<string> Facts,
    string? By,
    string? Reason,
    DateTimeOffset At)
{
    public const string Automatic = "automatic";
    public const string Manual = "manual";
    public const string Proposed = "proposed";
    public const string Confirmed = "confirmed";
    public const string Removed = "removed";
}

/// <summary>A national/international pair as stored: both values, the difference, its codes and its state.</summary>
public sealed record DiscrepancyPair
{
    public required Guid PairId { get; init; }
    public required string Dataflow { get; init; }
    public required string Series { get; init; }
    public required string Area { get; init; }
    public required string Period { get; init; }

    /// <summary>The breakdown codes, canonical: <c>AGE=Y0T4;SEX=F</c> (sorted, _T omitted).</summary>
    public required string Breakdown { get; init; }
    public string? NationalOrganisation { get; init; }
    public double? NationalValue { get; init; }
    public string? NationalNature { get; init; }
    public string? InternationalOrganisation { get; init; }
    public double? InternationalValue { get; init; }
    public string? InternationalNature { get; init; }
    public double? Difference { get; init; }
    public required string State { get; init; }
    public required DateTimeOffset FirstFoundAt { get; init; }
    public required DateTimeOffset AnalysedAt { get; init; }
    public IReadOnlyList<PairCode> Codes { get; init; } = [];

    /// <summary>The codes in force: proposed or confirmed, not removed.</summary>
    public IEnumerable<string> ActiveCodes => Codes.Where(c => c.Status != PairCode.Removed).Select(c => c.Code).Distinct();
}

/// <summary>One step of a pair's history: a state move or a code confirmed, removed or added, by whom and why.</summary>
public sealed record PairEvent(
    Guid PairId,
    DateTimeOffset At,
    string Organisation,
    string? Principal,
    string Kind,
    string? FromState,
    string? ToState,
    string? Code,
    string Comment)
{
    public const string StateMove = "state";
    public const string CodeConfirmed = "code-confirmed";
    public const string CodeRemoved = "code-removed";
    public const string CodeAdded = "code-added";
}
