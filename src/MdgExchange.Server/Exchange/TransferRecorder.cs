using MdgExchange.Domain.Data;
using MdgExchange.Protos.V1;
using MdgExchange.Storage;
using Series = MdgExchange.Domain.Data.Series;

namespace MdgExchange.Server.Exchange;

/// <summary>Collects what a data transfer touched (series codes, areas, periods, counts) and writes its record.</summary>
internal sealed class TransferRecorder(ITransferStore transfers, TimeProvider clock, Guid transferId, DateTimeOffset started, ExchangeCaller caller, PushHeader? header, string kind = "push")
{
    private const int MaxListed = 200;
    private readonly SortedSet<string> _seriesCodes = new(StringComparer.Ordinal);
    private readonly SortedSet<string> _areas = new(StringComparer.Ordinal);
    private string? _periodStart;
    private string? _periodEnd;

    public string? Dataflow { get; set; }

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
        Touch(series.Key.GetValueOrDefault("SERIES"), series.Key.GetValueOrDefault("REF_AREA"));
        string? first = null, last = null;
        foreach (var observation in series.Observations)
        {
            var period = observation.TimePeriod;
            first = first is null || string.CompareOrdinal(period, first) < 0 ? period : first;
            last = last is null || string.CompareOrdinal(period, last) > 0 ? period : last;
        }

        CountObservations(1, series.Observations.Count, first, last);
    }

    public void Touch(string? seriesCode, string? area)
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
        EmbargoUntil = header?.EmbargoUntil?.ToDateTimeOffset(),
        ObservationsInserted = counts.Inserted,
        ObservationsRevised = counts.Revised,
        ObservationsUnchanged = counts.Unchanged,
        ObservationsDeleted = counts.Deleted,
        Warnings = warnings is { Count: > 0 } ? string.Join('\n', warnings) : null,
        SharedWith = header is { ShareWith.Count: > 0 } ? string.Join(' ', header.ShareWith.Distinct(StringComparer.Ordinal)) : null,
    };

    /// <summary>True once the record has been written (by <see cref="FinishAsync"/> or a data session's commit).</summary>
    public bool Finished { get; set; }

    /// <summary>Appends the record (whatever the caller's state: refusals are evidence too) and drops the start note.</summary>
    public async Task FinishAsync(string outcome, string? error, SeriesWriteCounts counts = default, IReadOnlyList<string>? warnings = null)
    {
        Finished = true;
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
