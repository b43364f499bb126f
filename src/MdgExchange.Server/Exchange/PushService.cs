using System.Buffers.Binary;
using System.Security.Cryptography;
using Google.Protobuf;
using MdgExchange.Domain.Data;
using MdgExchange.Domain.Structure;
using MdgExchange.Protos.V1;
using MdgExchange.Server.Hosting;
using MdgExchange.Storage;
using ArtefactRef = MdgExchange.Domain.Structure.ArtefactRef;
using ArtefactType = MdgExchange.Domain.Structure.ArtefactType;
using Observation = MdgExchange.Domain.Data.Observation;
using Series = MdgExchange.Domain.Data.Series;

namespace MdgExchange.Server.Exchange;

/// <summary>Who pushes through which channel, for the transfer record.</summary>
public sealed record ExchangeCaller(string Channel, string? Principal);

/// <summary>
/// A push, in two phases so that nothing is written unless everything is valid and the database's write
/// lock is held only while writing: (1) receive every batch, validate it against the DSD and spool it to a
/// temporary file; (2) replay the spool into one write transaction that also appends the transfer. A crash
/// leaves a start note that the next start turns into a failed transfer.
/// </summary>
public sealed class PushService(IDataStore data, ITransferStore transfers, DataflowSchemas schemas, TimeProvider clock, ILogger<PushService> logger)
{
    public async Task<PushSeriesResponse> PushAsync(PushHeader header, IAsyncEnumerable<SeriesBatch> batches, ExchangeCaller caller, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(header);
        ArgumentNullException.ThrowIfNull(batches);
        ArgumentNullException.ThrowIfNull(caller);
        var transferId = Guid.NewGuid();
        var started = clock.GetUtcNow();
        var record = new TransferRecorder(transfers, clock, transferId, started, caller, header);

        // Header problems are reported before anything else is read.
        var violations = new List<DataViolation>();
        if (string.IsNullOrWhiteSpace(header.Sender) || !Identifiers.IsValidAgencyId(header.Sender))
        {
            violations.Add(new("header.sender", $"the sending organisation must be an SDMX id, not '{header.Sender}'"));
        }

        var action = DataAction.Information;
        if (!string.IsNullOrEmpty(header.Action) && !DataActions.TryParse(header.Action, out action))
        {
            violations.Add(new("header.action", $"'{header.Action}' is not a dataset action; use I, A, M, R or D"));
        }

        ArtefactRef? flowRef = null;
        if (!ArtefactRef.TryParse(header.Dataflow, ArtefactType.Dataflow, out flowRef, out var refError))
        {
            violations.Add(new("header.dataflow", refError ?? "invalid dataflow reference"));
        }

        if (violations.Count > 0)
        {
            await record.FinishAsync("rejected", string.Join("; ", violations.Select(v => $"{v.Field}: {v.Description}")));
            throw new ExchangeRejectedException(transferId, "the push header is invalid", violations);
        }

        var schema = await schemas.LoadAsync(flowRef!, cancellationToken);
        if (schema is null)
        {
            await record.FinishAsync("rejected", $"dataflow {flowRef} does not exist");
            throw new ExchangeNotFoundException(transferId, "Dataflow", flowRef!.ToString()!, $"dataflow {flowRef} does not exist");
        }

        record.Dataflow = schema.Dataflow.ToString();
        var warnings = new List<string>();
        DateTimeOffset? embargo = header.EmbargoUntil?.ToDateTimeOffset();
        if (embargo is { } until && until <= started)
        {
            warnings.Add($"embargo_until {until:O} is in the past; the data are public at once");
        }

        await transfers.BeginAsync(new TransferStart(transferId, "push", caller.Channel, header.SourceFormat, header.Sender, caller.Principal, record.Dataflow, NullIfEmpty(header.IdempotencyKey), started), CancellationToken.None);
        try
        {
            await using var spool = new FileStream(Path.GetTempFileName(), FileMode.Create, FileAccess.ReadWrite, FileShare.None, 1 << 16, FileOptions.DeleteOnClose);
            var validator = new DataValidator(schema);
            using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
            hash.AppendData(System.Text.Encoding.UTF8.GetBytes($"{schema.Dataflow}|{action.Code()}|{embargo:O}\n"));
            var seriesIndex = 0;
            var length = new byte[4];
            await foreach (var batch in batches.WithCancellation(cancellationToken))
            {
                var bytes = batch.ToByteArray();
                hash.AppendData(bytes);
                record.Bytes += bytes.Length;
                BinaryPrimitives.WriteInt32LittleEndian(length, bytes.Length);
                spool.Write(length);
                spool.Write(bytes);
                foreach (var problem in batch.ReadProblems)
                {
                    validator.Add(problem.Component.Length > 0 ? $"{problem.Location}.{problem.Component}" : problem.Location, problem.Message);
                }

                foreach (var series in batch.Series)
                {
                    var domain = ToDomain(series);
                    // A series read from a file is named by its line, one pushed directly by its index.
                    var path = domain.Location ?? $"series[{seriesIndex}]";
                    var seriesAction = ResolveAction(series, action, path, validator);
                    validator.Validate(domain, path, seriesAction);
                    record.Touch(domain);
                    seriesIndex++;
                }
            }

            var checksum = Convert.ToHexStringLower(hash.GetHashAndReset());
            record.PayloadSha256 = checksum;
            if (!string.IsNullOrEmpty(header.IdempotencyKey)
                && await transfers.FindByIdempotencyKeyAsync(header.Sender, header.IdempotencyKey, cancellationToken) is { } earlier)
            {
                if (earlier.PayloadSha256 == checksum)
                {
                    // A replay is not a new exchange: no second record, just the first result.
                    await transfers.EndAsync(transferId, CancellationToken.None);
                    record.Finished = true;
                    return Replay(earlier);
                }

                await record.FinishAsync("rejected", $"idempotency key '{header.IdempotencyKey}' was used by transfer {earlier.TransferId} for a different payload");
                throw new IdempotencyConflictException(transferId, $"the idempotency key '{header.IdempotencyKey}' was already used by transfer {earlier.TransferId} with a different payload; use a new key for new data");
            }

            if (validator.HasViolations)
            {
                var summary = $"{validator.Violations.Count + validator.Suppressed} problem(s); first: {validator.Violations[0].Field}: {validator.Violations[0].Description}";
                await record.FinishAsync("rejected", summary);
                Log.PushRejected(logger, transferId, summary);
                throw new ExchangeRejectedException(transferId, $"the push was refused and nothing was stored: {summary}", validator.Violations, validator.Suppressed);
            }

            var counts = await WriteAsync(spool, schema, action, transferId, started, embargo, record, warnings, validator, cancellationToken);
            var response = new PushSeriesResponse
            {
                TransferId = transferId.ToString(),
                Series = record.SeriesCount,
                Observations = record.ObservationCount,
                Inserted = counts.Inserted,
                Revised = counts.Revised,
                Unchanged = counts.Unchanged,
                Deleted = counts.Deleted,
                Warnings = { warnings },
            };
            Log.Pushed(logger, transferId, record.Dataflow, record.SeriesCount, record.ObservationCount, counts.Inserted, counts.Revised, counts.Deleted);
            return response;
        }
        catch (Exception ex) when (!record.Finished)
        {
            // Whatever stopped the push (cancel, deadline, a broken stream, a store failure), nothing was committed.
            if (cancellationToken.IsCancellationRequested)
            {
                await record.FinishAsync("cancelled", "the caller cancelled or the deadline passed before the push completed; nothing was stored");
            }
            else
            {
                await record.FinishAsync("failed", $"the push failed and nothing was stored: {ex.Message}");
            }

            throw;
        }
    }

    /// <summary>Records a push that ended before its header could be read.</summary>
    public Task RecordAbandonedAsync(ExchangeCaller caller, string reason, string outcome = "cancelled")
    {
        ArgumentNullException.ThrowIfNull(caller);
        var now = clock.GetUtcNow();
        return transfers.AppendAsync(new TransferRecorder(transfers, clock, Guid.NewGuid(), now, caller, null).Build(outcome, reason), CancellationToken.None);
    }

    private async Task<SeriesWriteCounts> WriteAsync(
        FileStream spool, DataflowSchema schema, DataAction action, Guid transferId, DateTimeOffset started, DateTimeOffset? embargo,
        TransferRecorder record, List<string> warnings, DataValidator validator, CancellationToken cancellationToken)
    {
        spool.Position = 0;
        var counts = default(SeriesWriteCounts);
        var seriesIndex = 0;
        (DuplicateObservationException Error, string At)? duplicate = null;
        await using (var session = await data.BeginWriteAsync(transferId, schema.Dataflow.ToString(), started, embargo, cancellationToken))
        {
            var length = new byte[4];
            while (duplicate is null && await spool.ReadAsync(length, cancellationToken) == 4)
            {
                var buffer = new byte[BinaryPrimitives.ReadInt32LittleEndian(length)];
                await spool.ReadExactlyAsync(buffer, cancellationToken);
                foreach (var series in SeriesBatch.Parser.ParseFrom(buffer).Series)
                {
                    var domain = ToDomain(series);
                    var seriesAction = DataActions.TryParse(series.Action, out var own) ? own : action;
                    try
                    {
                        counts += await session.WriteSeriesAsync(schema.SeriesKey(domain.Key), domain.Key, domain.Attributes, domain.Observations, seriesAction, cancellationToken);
                    }
                    catch (DuplicateObservationException error)
                    {
                        // The same period in two messages of one push: found only now, against this transfer's own rows.
                        var at = series.Observations[error.ObservationIndex].Location is { Length: > 0 } where ? where : $"series[{seriesIndex}].observations[{error.ObservationIndex}]";
                        duplicate = (error, at);
                        break;
                    }

                    seriesIndex++;
                }
            }

            if (duplicate is null)
            {
                await session.CommitAsync(record.Build("completed", null, counts, warnings), cancellationToken);
                record.Finished = true;
                return counts;
            }
        }

        // Disposing the uncommitted session rolled everything back.
        var (dup, location) = duplicate.Value;
        validator.Add($"{location}.time_period", $"series {dup.SeriesKey} has the period {dup.TimePeriod} more than once in this push; each observation may be sent once per transfer");
        var message = $"the push was refused and nothing was stored: {location}.time_period: the period {dup.TimePeriod} of series {dup.SeriesKey} appears more than once";
        await record.FinishAsync("rejected", message);
        throw new ExchangeRejectedException(transferId, message, validator.Violations);
    }

    private static DataAction ResolveAction(SeriesData series, DataAction headerAction, string path, DataValidator validator)
    {
        if (string.IsNullOrEmpty(series.Action))
        {
            return headerAction;
        }

        if (DataActions.TryParse(series.Action, out var own))
        {
            return own;
        }

        validator.Add($"{path}.action", $"'{series.Action}' is not a dataset action; use I, A, M, R or D");
        return headerAction;
    }

    internal static Series ToDomain(SeriesData series)
    {
        var domain = new Series
        {
            Key = Copy(series.Key),
            Attributes = Copy(series.Attributes),
            Location = NullIfEmpty(series.Location),
            Observations = new List<Observation>(series.Observations.Count),
        };
        List<string>? locations = null;
        for (var i = 0; i < series.Observations.Count; i++)
        {
            var o = series.Observations[i];
            domain.Observations.Add(new Observation
            {
                TimePeriod = o.TimePeriod,
                Value = o.HasObsValue ? o.ObsValue : null,
                RawValue = o.ObsValueText.Length > 0 ? o.ObsValueText : null,
                Attributes = Copy(o.Attributes),
            });
            if (o.Location.Length > 0)
            {
                locations ??= Enumerable.Range(0, series.Observations.Count).Select(j => $"observations[{j}]").ToList();
                locations[i] = o.Location;
            }
        }

        domain.ObservationLocations = locations;
        foreach (var problem in series.ReadProblems)
        {
            domain.AddError(new DataReadError(problem.Location, problem.Component.Length > 0 ? problem.Component : null, problem.Message));
        }

        return domain;
    }

    private static Dictionary<string, string> Copy(Google.Protobuf.Collections.MapField<string, string> map)
    {
        var copy = new Dictionary<string, string>(map.Count, StringComparer.Ordinal);
        foreach (var (key, value) in map)
        {
            copy[key] = value;
        }

        return copy;
    }

    private static PushSeriesResponse Replay(Transfer earlier) => new()
    {
        TransferId = earlier.TransferId.ToString(),
        Series = earlier.SeriesCount,
        Observations = earlier.ObservationCount,
        Inserted = earlier.ObservationsInserted,
        Revised = earlier.ObservationsRevised,
        Unchanged = earlier.ObservationsUnchanged,
        Deleted = earlier.ObservationsDeleted,
        Warnings = { (earlier.Warnings ?? "").Split('\n', StringSplitOptions.RemoveEmptyEntries) },
        Replayed = true,
    };

    private static string? NullIfEmpty(string text) => string.IsNullOrEmpty(text) ? null : text;
}
