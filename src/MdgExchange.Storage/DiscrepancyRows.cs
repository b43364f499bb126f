using System.Text.Json;
using MdgExchange.Domain.Discrepancies;

namespace MdgExchange.Storage;

/// <summary>
/// A row of <c>discrepancy_pair</c> (columns aliased to these names). The timestamp type is the dialect's (ISO text
/// in SQLite, datetimeoffset in SQL Server).
/// </summary>
internal sealed class DiscrepancyPairRow<TTimestamp>
    where TTimestamp : notnull
{
    public string PairId { get; set; } = "";
    public string Dataflow { get; set; } = "";
    public string Series { get; set; } = "";
    public string Area { get; set; } = "";
    public string Period { get; set; } = "";
    public string Breakdown { get; set; } = "";
    public string? NationalOrganisation { get; set; }
    public double? NationalValue { get; set; }
    public string? NationalNature { get; set; }
    public string? InternationalOrganisation { get; set; }
    public double? InternationalValue { get; set; }
    public string? InternationalNature { get; set; }
    public double? Difference { get; set; }
    public string State { get; set; } = "";
    public TTimestamp FirstFoundAt { get; set; } = default!;
    public TTimestamp AnalysedAt { get; set; } = default!;

    public DiscrepancyPair ToPair(IReadOnlyList<PairCode> codes, Func<TTimestamp, DateTimeOffset> timestamp) => new()
    {
        PairId = TransferIds.Parse(PairId),
        Dataflow = Dataflow,
        Series = Series,
        Area = Area,
        Period = Period,
        Breakdown = Breakdown,
        NationalOrganisation = NationalOrganisation,
        NationalValue = NationalValue,
        NationalNature = NationalNature,
        InternationalOrganisation = InternationalOrganisation,
        InternationalValue = InternationalValue,
        InternationalNature = InternationalNature,
        Difference = Difference,
        State = State,
        FirstFoundAt = timestamp(FirstFoundAt),
        AnalysedAt = timestamp(AnalysedAt),
        Codes = codes,
    };
}

/// <summary>A row of <c>discrepancy_code</c> (columns aliased to these names).</summary>
internal sealed class DiscrepancyCodeRow<TTimestamp>
    where TTimestamp : notnull
{
    public string PairId { get; set; } = "";
    public string Code { get; set; } = "";
    public string Origin { get; set; } = "";
    public string Status { get; set; } = "";
    public string RuleName { get; set; } = "";
    public string Facts { get; set; } = "[]";
    public string? DecidedBy { get; set; }
    public string? Reason { get; set; }
    public TTimestamp StatusAt { get; set; } = default!;

    public PairCode ToCode(Func<TTimestamp, DateTimeOffset> timestamp) =>
        new(Code, Origin, Status, RuleName, DiscrepancyRows.ParseFacts(Facts), DecidedBy, Reason, timestamp(StatusAt));
}

/// <summary>A row of <c>discrepancy_event</c> (columns aliased to these names).</summary>
internal sealed class DiscrepancyEventRow<TTimestamp>
    where TTimestamp : notnull
{
    public string PairId { get; set; } = "";
    public TTimestamp EventAt { get; set; } = default!;
    public string Organisation { get; set; } = "";
    public string? Principal { get; set; }
    public string Kind { get; set; } = "";
    public string? FromState { get; set; }
    public string? ToState { get; set; }
    public string? Code { get; set; }
    public string Comment { get; set; } = "";

    public PairEvent ToEvent(Func<TTimestamp, DateTimeOffset> timestamp) =>
        new(TransferIds.Parse(PairId), timestamp(EventAt), Organisation, Principal, Kind, FromState, ToState, Code, Comment);
}

/// <summary>What both dialects' discrepancy stores do alike: no SQL here.</summary>
internal static class DiscrepancyRows
{
    public static string FactsJson(IReadOnlyList<string>? facts) => JsonSerializer.Serialize(facts ?? []);

    public static List<string> ParseFacts(string json) => JsonSerializer.Deserialize<List<string>>(json) ?? [];

    /// <summary>A list filter as a JSON array for json_each / OPENJSON; null matches everything.</summary>
    public static string? ListJson(IReadOnlyCollection<string>? values) => values is null ? null : JsonSerializer.Serialize(values);

    /// <summary>Codes in the order every read gives them: by code, then origin.</summary>
    public static List<PairCode> Ordered(IEnumerable<PairCode> codes) => PairReanalysis.Ordered(codes);

    public static void CheckSavable(IReadOnlyList<DiscrepancyPair> pairs)
    {
        ArgumentNullException.ThrowIfNull(pairs);
        foreach (var pair in pairs)
        {
            ArgumentNullException.ThrowIfNull(pair, nameof(pairs));
            ArgumentNullException.ThrowIfNull(pair.Codes, nameof(pairs));
            if (pair.Codes.Any(c => c is null))
            {
                throw new ArgumentException($"pair {pair.Series}/{pair.Area}/{pair.Period} has a null code", nameof(pairs));
            }
        }
    }

    public static void CheckRecordable(PairEvent step)
    {
        ArgumentNullException.ThrowIfNull(step);
        switch (step.Kind)
        {
            case PairEvent.StateMove when step.FromState is null || step.ToState is null:
                throw new ArgumentException("a state move names the state it moves from and the one it moves to", nameof(step));
            case PairEvent.CodeConfirmed or PairEvent.CodeRemoved or PairEvent.CodeAdded when string.IsNullOrEmpty(step.Code):
                throw new ArgumentException($"a {step.Kind} step names its code", nameof(step));
            case PairEvent.StateMove or PairEvent.CodeConfirmed or PairEvent.CodeRemoved or PairEvent.CodeAdded:
                return;
            default:
                throw new ArgumentException($"'{step.Kind}' is not a kind of pair event", nameof(step));
        }
    }

    /// <summary>The status a code step sets.</summary>
    public static string StatusOf(PairEvent step) => step.Kind == PairEvent.CodeRemoved ? PairCode.Removed : PairCode.Confirmed;

    /// <summary>Who set a code's status: the person when known, else their organisation.</summary>
    public static string DecidedBy(PairEvent step) => step.Principal ?? step.Organisation;
}
