using System.Runtime.CompilerServices;
using MdgExchange.Domain.Data;
using MdgExchange.Domain.Structure;
using MdgExchange.Application.Configuration;
using MdgExchange.Storage;

namespace MdgExchange.Application.Exchange;

/// <summary>
/// A validated pull: what to read and how to filter it. <see cref="AllVersions"/> reads every version of each
/// value (SDMX REST includeHistory); <see cref="Format"/> is the format the transfer is recorded with.
/// </summary>
public sealed record PullRequest(
    string Dataflow,
    string? Key,
    string? StartPeriod,
    string? EndPeriod,
    DateTimeOffset? UpdatedAfter,
    DateTimeOffset? AsOf,
    bool IncludeAnnotations,
    string? Receiver,
    bool AllVersions = false,
    string Format = "protobuf");

/// <summary>One series of a pull, with its annotations when asked for.</summary>
public sealed record PulledSeriesData(DataflowSchema Schema, StoredSeries Series, IReadOnlyList<StoredObservation> Observations, IReadOnlyList<SeriesAnnotation> Annotations);

/// <summary>
/// A pull: resolves the dataflow, parses the key expression and periods, streams matching series from the
/// store (one at a time), filters periods, and records the transfer when the stream ends, however it ends.
/// </summary>
public sealed class PullService(IDataStore data, ITransferStore transfers, DataflowSchemas schemas, TimeProvider clock, ILogger<PullService> logger)
{
    /// <summary>A filter on the senders of pulled values (no providers: everything passes).</summary>
    public SenderFilter SentBy(IReadOnlyList<string>? providers) => new(providers, transfers);

    /// <summary>Validates the request; throws <see cref="ExchangeRejectedException"/> or <see cref="ExchangeNotFoundException"/> (both recorded).</summary>
    public async Task<PreparedPull> PrepareAsync(PullRequest request, ExchangeCaller caller, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(caller);
        if (request.Receiver is null && caller.Organisation is { } self)
        {
            // An authenticated caller receives as its own organisation: the flow inventory counts it.
            request = request with { Receiver = self };
        }

        var transferId = Guid.NewGuid();
        var record = new TransferRecorder(transfers, clock, transferId, clock.GetUtcNow(), caller, null, "pull")
        {
            Receiver = request.Receiver,
            Format = request.Format,
        };
        if (request.Receiver is { } receiver && receiver != caller.Organisation && !caller.ReadsForAnyone)
        {
            var why = caller.Organisation is null
                ? $"an anonymous caller cannot pull as {receiver}; authenticate as that organisation"
                : $"{caller.Principal} acts for {caller.Organisation} and may not pull as {receiver}";
            throw await record.DenyAsync(why, [new("receiver", why)]);
        }

        var violations = new List<DataViolation>();
        if (!ArtefactRef.TryParse(request.Dataflow, ArtefactType.Dataflow, out var flowRef, out var refError))
        {
            violations.Add(new("dataflow", refError ?? "invalid dataflow reference"));
        }

        var (from, to) = PeriodRange(request, violations);

        if (violations.Count > 0)
        {
            await record.FinishAsync("rejected", string.Join("; ", violations.Select(v => $"{v.Field}: {v.Description}")));
            throw new ExchangeRejectedException(transferId, "the pull request is invalid", violations);
        }

        var schema = await schemas.LoadAsync(flowRef!, cancellationToken);
        if (schema is null)
        {
            await record.FinishAsync("rejected", $"dataflow {flowRef} does not exist");
            throw new ExchangeNotFoundException(transferId, "Dataflow", flowRef!.ToString(), $"dataflow {flowRef} does not exist");
        }

        record.Dataflow = schema.Dataflow.ToString();
        if (!KeyExpression.TryParse(request.Key, schema.DimensionIds, out var key, out var keyError))
        {
            await record.FinishAsync("rejected", $"key: {keyError}");
            throw new ExchangeRejectedException(transferId, "the key expression is invalid", [new("key", keyError!)]);
        }

        // A pull of millions of values takes a while: a crash in the middle must still leave its record.
        await transfers.BeginAsync(new TransferStart(transferId, "pull", caller.Channel, record.Format, null, caller.Principal, record.Dataflow, null, clock.GetUtcNow()), cancellationToken);
        return new PreparedPull(this, request, schema, key, from, to, record, transferId)
        {
            Embargo = new EmbargoFilter(transfers, caller, clock.GetUtcNow()),
        };
    }

    /// <summary>The first and last day the request's start and end periods cover; a period that is not SDMX is a violation.</summary>
    private static (DateOnly? From, DateOnly? To) PeriodRange(PullRequest request, List<DataViolation> violations)
    {
        DateOnly? from = null, to = null;
        if (!string.IsNullOrEmpty(request.StartPeriod))
        {
            if (TimePeriods.TryGetRange(request.StartPeriod, out var start, out _))
            {
                from = start;
            }
            else
            {
                violations.Add(new("start_period", $"'{request.StartPeriod}' is not an SDMX period: expected {TimePeriods.ExpectedFormat(null)}"));
            }
        }

        if (!string.IsNullOrEmpty(request.EndPeriod))
        {
            if (TimePeriods.TryGetRange(request.EndPeriod, out _, out var end))
            {
                to = end;
            }
            else
            {
                violations.Add(new("end_period", $"'{request.EndPeriod}' is not an SDMX period: expected {TimePeriods.ExpectedFormat(null)}"));
            }
        }

        return (from, to);
    }

    internal async IAsyncEnumerable<PulledSeriesData> ReadAsync(PreparedPull pull, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var query = new DataQuery(pull.Schema.Dataflow.ToString(), pull.Key.Matches, pull.Request.AsOf, pull.Request.UpdatedAfter, pull.Request.AllVersions);
        await foreach (var series in data.QueryAsync(query, cancellationToken))
        {
            var observations = pull.From is null && pull.To is null
                ? series.Observations
                : series.Observations.Where(o => TimePeriods.Overlaps(o.TimePeriod, pull.From, pull.To)).ToList();

            // Values under embargo exist only for those who may see them; a series with none left is not there.
            observations = await pull.Embargo.VisibleAsync(observations, cancellationToken);
            if (observations.Count == 0)
            {
                continue;
            }

            if (pull.Refine is { } refine)
            {
                // The REST API's own selection (providers, component filters, first/last n, detail): what it
                // delivers is what the transfer counts.
                if (await refine(series, observations, cancellationToken) is not { } delivered)
                {
                    continue;
                }

                observations = delivered;
            }

            IReadOnlyList<SeriesAnnotation> annotations = pull.Request.IncludeAnnotations
                ? await data.ListAnnotationsAsync(pull.Schema.Dataflow.ToString(), [series.SeriesKey], cancellationToken)
                : [];
            pull.Record.TouchPulled(series.KeyValues.GetValueOrDefault("SERIES"), series.KeyValues.GetValueOrDefault("REF_AREA"), observations);
            pull.Record.CountObservations(1, observations.Count, observations.Count > 0 ? observations[0].TimePeriod : null, observations.Count > 0 ? observations[^1].TimePeriod : null);
            yield return new PulledSeriesData(pull.Schema, series, observations, annotations);
        }
    }

    internal async Task FinishAsync(PreparedPull pull, string outcome, string? error)
    {
        await pull.Record.FinishAsync(outcome, error);
        Log.Pulled(logger, pull.TransferId, pull.Record.Dataflow, pull.Record.SeriesCount, pull.Record.ObservationCount);
    }
}

/// <summary>A pull ready to stream; <see cref="FinishAsync"/> records it.</summary>
public sealed class PreparedPull
{
    private readonly PullService _service;

    internal PreparedPull(PullService service, PullRequest request, DataflowSchema schema, KeyExpression key, DateOnly? from, DateOnly? to, TransferRecorder record, Guid transferId)
    {
        _service = service;
        Request = request;
        Schema = schema;
        Key = key;
        From = from;
        To = to;
        Record = record;
        TransferId = transferId;
    }

    public PullRequest Request { get; }
    public DataflowSchema Schema { get; }
    public KeyExpression Key { get; }
    public DateOnly? From { get; }
    public DateOnly? To { get; }
    public Guid TransferId { get; }
    internal TransferRecorder Record { get; }
    internal EmbargoFilter Embargo { get; init; } = null!;

    /// <summary>
    /// A further selection on each series' visible observations before it is delivered and counted: the
    /// observations to deliver (possibly none: the series goes out as a key), or null to leave the series out.
    /// </summary>
    public Func<StoredSeries, IReadOnlyList<StoredObservation>, CancellationToken, ValueTask<IReadOnlyList<StoredObservation>?>>? Refine { get; set; }

    public IAsyncEnumerable<PulledSeriesData> ReadAsync(CancellationToken cancellationToken) => _service.ReadAsync(this, cancellationToken);

    public Task FinishAsync(string outcome, string? error) => _service.FinishAsync(this, outcome, error);
}
