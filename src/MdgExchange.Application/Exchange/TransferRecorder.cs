using MdgExchange.Domain.Data;
using MdgExchange.Storage;
using Series = MdgExchange.Domain.Data.Series;

namespace MdgExchange.Application.Exchange;

/// <summary>Collects what a data transfer touched (series codes, areas, periods, counts) and writes its record.</summary>
internal sealed class TransferRecorder(ITransferStore transfers, TimeProvider clock, Guid transferId, DateTimeOffset started, ExchangeCaller caller, PushRequest? header, string kind = "push")
{
    private const int MaxListed = 200;
    private const int MaxParts = 100_000;

    /// <summary>The kinds the flow inventory follows, and whether the caller is the receiving end.</summary>
    private static readonly Dictionary<string, bool> FlowKinds = new(StringComparer.Ordinal)
    {
        ["push"] = false,
        ["annotate"] = false,
        ["metadata-submit"] = false,
        ["pull"] = true,
    };

    // (code, area, counterpart organisation or null, counterpart's transfer when only that is known) → volumes
    private readonly Dictionary<(string Code, string Area, string? Counterpart, Guid Source), (long Series, long Observations)> _parts = [];
    private Guid _owner;
    private readonly SortedSet<string> _seriesCodes = new(StringComparer.Ordinal);
    private readonly SortedSet<string> _areas = new(StringComparer.Ordinal);
    private string? _periodStart;
    private string? _periodEnd;

    public string? Dataflow { get; set; }

    public Guid TransferId => transferId;

    /// <summary>When the transfer began.</summary>
    public DateTimeOffset StartedAt => started;

    /// <summary>The caller's organisation: whose values this transfer writes.</summary>
    public string? Owner => caller.Organisation;
    public string? Sender { get; set; } = header?.Sender;
    public string? Receiver { get; set; } = string.IsNullOrEmpty(header?.Receiver) ? null : header.Receiver;
    public string? Format { get; set; } = string.IsNullOrEmpty(header?.SourceFormat) ? "protobuf" : header.SourceFormat;
    public long Bytes { get; set; }
    public string? PayloadSha256 { get; set; }
    public long SeriesCount { get; private set; }
    public long ObservationCount { get; private set; }
    public long AnnotationCount { get; set; }
    public long ArtefactCount { get; set; }

    public void Touch(Series series)
    {
        Touch(series.Key.GetValueOrDefault("SERIES"), series.Key.GetValueOrDefault("REF_AREA"), series.Observations.Count);
        string? first = null, last = null;
        foreach (var observation in series.Observations)
        {
            var period = observation.TimePeriod;
            first = first is null || string.CompareOrdinal(period, first) < 0 ? period : first;
            last = last is null || string.CompareOrdinal(period, last) > 0 ? period : last;
        }

        CountObservations(1, series.Observations.Count, first, last);
    }

    /// <summary>A series (or indicator) code and area the transfer touched, for the lists and the flow inventory.</summary>
    public void Touch(string? seriesCode, string? area, long observations = 0)
    {
        AddPart(seriesCode, area, null, Guid.Empty, observations);
        ListTouched(seriesCode, area);
    }

    /// <summary>
    /// A pulled series: its values belong to the organisations whose transfers wrote them, which become the senders
    /// of the flow (resolved when the transfer finishes).
    /// </summary>
    public void TouchPulled(string? seriesCode, string? area, IReadOnlyList<StoredObservation> observations)
    {
        ListTouched(seriesCode, area);
        // The series counts once, with its first source; every source gets its observations. Values of a series
        // mostly come from one or two transfers, so runs are counted rather than hashed value by value.
        var first = true;
        var run = Guid.Empty;
        long length = 0;
        foreach (var observation in observations)
        {
            if (observation.TransferId != run && length > 0)
            {
                AddPart(seriesCode, area, null, run, length, first ? 1 : 0);
                first = false;
                length = 0;
            }

            run = observation.TransferId;
            length++;
        }

        if (length > 0)
        {
            AddPart(seriesCode, area, null, run, length, first ? 1 : 0);
        }
    }

    /// <summary>The transfer that wrote what this transfer is about (an annotated series): its sender is the receiver.</summary>
    public void OwnedBy(Guid? sourceTransfer) => _owner = sourceTransfer ?? Guid.Empty;

    private void AddPart(string? code, string? area, string? counterpart, Guid source, long observations, long seriesCount = 1)
    {
        if (string.IsNullOrEmpty(code) || !FlowKinds.ContainsKey(kind) || (_parts.Count >= MaxParts && !_parts.ContainsKey((code, area ?? "", counterpart, source))))
        {
            return;
        }

        var key = (code, area ?? "", counterpart, source);
        var (series, total) = _parts.GetValueOrDefault(key);
        _parts[key] = (series + seriesCount, total + observations);
    }

    private void ListTouched(string? seriesCode, string? area)
    {
        if (!string.IsNullOrEmpty(seriesCode) && _seriesCodes.Count < MaxListed)
        {
            _seriesCodes.Add(seriesCode);
        }

        if (!string.IsNullOrEmpty(area) && _areas.Count < MaxListed)
        {
            _areas.Add(area);
        }
    }

    public void CountObservations(long series, long observations, string? firstPeriod, string? lastPeriod)
    {
        SeriesCount += series;
        ObservationCount += observations;
        if (firstPeriod is not null && (_periodStart is null || string.CompareOrdinal(firstPeriod, _periodStart) < 0))
        {
            _periodStart = firstPeriod;
        }

        if (lastPeriod is not null && (_periodEnd is null || string.CompareOrdinal(lastPeriod, _periodEnd) > 0))
        {
            _periodEnd = lastPeriod;
        }
    }

    public Transfer Build(string outcome, string? error, SeriesWriteCounts counts = default, IReadOnlyList<string>? warnings = null) => new()
    {
        TransferId = transferId,
        IdempotencyKey = string.IsNullOrEmpty(header?.IdempotencyKey) ? null : header.IdempotencyKey,
        Kind = kind,
        Channel = caller.Channel,
        Format = Format,
        SenderOrganisation = Sender,
        ReceiverOrganisation = Receiver,
        Principal = caller.Principal,
        Dataflow = Dataflow,
        SeriesCodes = _seriesCodes.Count == 0 ? null : string.Join(' ', _seriesCodes),
        RefAreas = _areas.Count == 0 ? null : string.Join(' ', _areas),
        PeriodStart = _periodStart,
        PeriodEnd = _periodEnd,
        SeriesCount = SeriesCount,
        ObservationCount = ObservationCount,
        AnnotationCount = AnnotationCount,
        ArtefactCount = ArtefactCount,
        Bytes = Bytes,
        PayloadSha256 = PayloadSha256,
        StartedAt = started,
        FinishedAt = clock.GetUtcNow(),
        Outcome = outcome,
        ErrorSummary = error is { Length: > 4000 } ? error[..4000] : error,
        Action = header is null ? null : (DataActions.TryParse(header.Action, out var a) ? a : DataAction.Information).Code(),
        EmbargoUntil = header?.EmbargoUntil,
        ObservationsInserted = counts.Inserted,
        ObservationsRevised = counts.Revised,
        ObservationsUnchanged = counts.Unchanged,
        ObservationsDeleted = counts.Deleted,
        Warnings = warnings is { Count: > 0 } ? string.Join('\n', warnings) : null,
        SharedWith = header is { ShareWith.Count: > 0 } ? string.Join(' ', header.ShareWith.Distinct(StringComparer.Ordinal)) : null,
        FlowParts = FlowParts(),
    };

    /// <summary>The transfer's flow parts: the caller at its own end, the counterpart (or <c>*</c>) at the other.</summary>
    private List<TransferFlowPart> FlowParts()
    {
        if (!FlowKinds.TryGetValue(kind, out var callerReceives))
        {
            return [];
        }

        var self = callerReceives ? Receiver ?? caller.Organisation : Sender ?? caller.Organisation;
        if (string.IsNullOrEmpty(self))
        {
            return [];
        }

        var role = new[] { Security.Roles.Provider, Security.Roles.Agency, Security.Roles.Coordinator, Security.Roles.Admin }.FirstOrDefault(caller.Has);
        var parts = new Dictionary<(string, string, string), (long Series, long Observations)>();
        foreach (var ((code, area, counterpart, source), (series, observations)) in _parts)
        {
            var source2 = source == Guid.Empty ? _owner : source;
            var other = counterpart ?? (source2 != Guid.Empty && TransferSenders.TryGet(source2, out var sender) ? sender : null) ?? (callerReceives ? null : Receiver) ?? "*";
            var key = (code, area, other);
            var (s, o) = parts.GetValueOrDefault(key);
            parts[key] = (s + series, o + observations);
        }

        return parts.Select(p => callerReceives
            ? new TransferFlowPart(p.Key.Item1, p.Key.Item2, p.Key.Item3, self, null, role, p.Value.Series, p.Value.Observations)
            : new TransferFlowPart(p.Key.Item1, p.Key.Item2, self, p.Key.Item3, role, null, p.Value.Series, p.Value.Observations)).ToList();
    }

    /// <summary><see cref="Build"/> once the senders of what the transfer read or annotated are known.</summary>
    public async Task<Transfer> BuildResolvedAsync(string outcome, string? error)
    {
        await ResolveSendersAsync();
        return Build(outcome, error);
    }

    /// <summary>Looks up the senders of the transfers whose values this transfer read, so that <see cref="Build"/> can name them.</summary>
    private async Task ResolveSendersAsync()
    {
        var sources = _parts.Keys.Select(k => k.Source).Append(_owner).Where(s => s != Guid.Empty && !TransferSenders.TryGet(s, out _)).Distinct().Take(1000).ToList();
        foreach (var source in sources)
        {
            await TransferSenders.GetAsync(transfers, source, CancellationToken.None);
        }
    }

    /// <summary>True once the record has been written (by <see cref="FinishAsync"/> or a data session's commit).</summary>
    public bool Finished { get; set; }

    /// <summary>Appends the record (whatever the caller's state: refusals are evidence too) and drops the start note.</summary>
    public async Task FinishAsync(string outcome, string? error, SeriesWriteCounts counts = default, IReadOnlyList<string>? warnings = null)
    {
        Finished = true;
        await ResolveSendersAsync();
        await transfers.AppendAsync(Build(outcome, error, counts, warnings), CancellationToken.None);
        await transfers.EndAsync(transferId, CancellationToken.None);
    }

    /// <summary>Records the transfer as refused (PERMISSION_DENIED: why) and returns the error to throw.</summary>
    public async Task<ExchangeDeniedException> DenyAsync(string why, IReadOnlyList<DataViolation> violations, string? message = null)
    {
        await FinishAsync("rejected", $"PERMISSION_DENIED: {why}");
        return new ExchangeDeniedException(transferId, message ?? why, violations);
    }
}
