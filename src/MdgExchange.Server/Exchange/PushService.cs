using System.Buffers.Binary;
using System.Security.Cryptography;
using MdgExchange.Domain.Data;
using MdgExchange.Domain.Structure;
using MdgExchange.Protos.V1;
using MdgExchange.Server.Hosting;
using MdgExchange.Storage;
using Microsoft.Extensions.Options;
using ArtefactRef = MdgExchange.Domain.Structure.ArtefactRef;
using ArtefactType = MdgExchange.Domain.Structure.ArtefactType;

namespace MdgExchange.Server.Exchange;

/// <summary>
/// Who calls through which channel: the principal for the transfer record and, when authenticated, the
/// organisation and roles the exchange rules check (a provider pushes only as itself and only national series).
/// </summary>
public sealed record ExchangeCaller(string Channel, string? Principal, string? Organisation = null, IReadOnlySet<string>? Roles = null)
{
    public bool Has(string role) => Roles?.Contains(role) ?? false;

    /// <summary>Coordinators and admins act for any organisation when reading; others only for their own.</summary>
    public bool ReadsForAnyone => Has(Security.Roles.Coordinator) || Has(Security.Roles.Admin);
}

/// <summary>
/// A push: every batch is validated against the DSD as it arrives and spooled to a temporary file. When the
/// database's writer is free, valid series are also written through at once, on a second task, into the
/// transfer's write transaction (<see cref="WriteThrough"/>); the first problem, a caller that goes quiet for
/// <see cref="ExchangeOptions.WriteThroughIdleTimeout"/> or a reused idempotency key rolls that back, and the
/// spool is replayed into a fresh transaction once everything is known to be valid. Either way the transfer
/// record is appended in the same transaction as the data: all or nothing. A crash leaves a start note that
/// the next start turns into a failed transfer.
/// </summary>
public sealed partial class PushService(IDataStore data, ITransferStore transfers, DataflowSchemas schemas, ProviderScopes scopes, TimeProvider clock, IOptions<MdgExchangeOptions> options, ILogger<PushService> logger)
{
    public async Task<PushSeriesResponse> PushAsync(PushHeader header, IAsyncEnumerable<byte[]> batches, ExchangeCaller caller, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(header);
        ArgumentNullException.ThrowIfNull(batches);
        ArgumentNullException.ThrowIfNull(caller);
        if (string.IsNullOrEmpty(header.Sender) && caller.Organisation is { } self)
        {
            // An authenticated caller pushes as its own organisation unless the header names one.
            header = header.Clone();
            header.Sender = self;
        }

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

        for (var i = 0; i < header.ShareWith.Count; i++)
        {
            if (!Identifiers.IsValidAgencyId(header.ShareWith[i]))
            {
                violations.Add(new($"header.share_with[{i}]", $"'{header.ShareWith[i]}' is not an SDMX organisation id"));
            }
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

        if (caller.Organisation is { } organisation && !string.Equals(header.Sender, organisation, StringComparison.Ordinal))
        {
            var why = $"{caller.Principal} acts for {organisation} and may not push as {header.Sender}";
            throw await record.DenyAsync(why, [new("header.sender", why)]);
        }

        var schema = await schemas.LoadAsync(flowRef!, cancellationToken);
        if (schema is null)
        {
            await record.FinishAsync("rejected", $"dataflow {flowRef} does not exist");
            throw new ExchangeNotFoundException(transferId, "Dataflow", flowRef!.ToString()!, $"dataflow {flowRef} does not exist");
        }

        record.Dataflow = schema.Dataflow.ToString();

        // A national provider reports what its provision agreements allow: the dataflow, and its areas.
        ProviderScope? scope = null;
        if (caller.Organisation is { } provider && caller.Has(Security.Roles.Provider) && !caller.Has(Security.Roles.Agency))
        {
            scope = await scopes.ForAsync(provider, schema, cancellationToken);
            if (scope is null)
            {
                var why = $"{provider} has no provision agreement for {schema.Dataflow}; an admin registers one (a ProvisionAgreement naming {provider} as the data provider of the dataflow)";
                throw await record.DenyAsync(why, [new("header.dataflow", why)]);
            }
        }

        var warnings = new List<string>();
        DateTimeOffset? embargo = header.EmbargoUntil?.ToDateTimeOffset();
        if (embargo is { } until && until <= started)
        {
            warnings.Add($"embargo_until {until:O} is in the past; the data are public at once");
        }

        await transfers.BeginAsync(new TransferStart(transferId, "push", caller.Channel, header.SourceFormat, header.Sender, caller.Principal, record.Dataflow, NullIfEmpty(header.IdempotencyKey), started), CancellationToken.None);
        WriteThrough? direct = null;
        try
        {
            // A key seen before means the push is a replay or a conflict: it is only verified, never written through.
            var keyUsed = !string.IsNullOrEmpty(header.IdempotencyKey)
                && await transfers.FindByIdempotencyKeyAsync(header.Sender, header.IdempotencyKey, cancellationToken) is not null;
            if (!keyUsed && await data.TryBeginWriteAsync(transferId, record.Dataflow, started, embargo, cancellationToken) is { } session)
            {
                session.Owner = record.Owner;
                direct = new WriteThrough(session);
            }

            await using var spool = new FileStream(Path.GetTempFileName(), FileMode.Create, FileAccess.ReadWrite, FileShare.None, 1 << 16, FileOptions.DeleteOnClose);
            var validator = new DataValidator(schema);
            using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
            hash.AppendData(System.Text.Encoding.UTF8.GetBytes($"{schema.Dataflow}|{action.Code()}|{embargo:O}\n"));
            var seriesIndex = 0;
            var batchCount = 0;
            var denied = new List<DataViolation>();
            var decoder = new SeriesBatchDecoder();
            var length = new byte[4];
            var idle = options.Value.Exchange.WriteThroughIdleTimeout;
            var parts = new SeriesParts();

            // The batch's wire bytes are hashed and spooled as sent, and decoded once.
            List<DecodedSeries> Receive(byte[] bytes, int batchIndex)
            {
                hash.AppendData(bytes);
                record.Bytes += bytes.Length;
                BinaryPrimitives.WriteInt32LittleEndian(length, bytes.Length);
                spool.Write(length);
                spool.Write(bytes);
                DecodedBatch batch;
                try
                {
                    batch = decoder.Decode(bytes);
                }
                catch (MalformedBatchException malformed)
                {
                    validator.Add($"batches[{batchIndex}]", $"not a valid SeriesBatch message: {malformed.Message}");
                    batch = new DecodedBatch([], []);
                }

                foreach (var problem in batch.Problems)
                {
                    validator.Add(problem.Component is { } component ? $"{problem.Location}.{component}" : problem.Location, problem.Message);
                }

                return parts.Add(batch.Series, validator, seriesIndex);
            }

            await using var stream = batches.GetAsyncEnumerator(cancellationToken);
            while (true)
            {
                var moving = stream.MoveNextAsync();
                if (direct is not null && !moving.IsCompleted)
                {
                    // A caller that goes quiet must not keep the database's writer from everyone else: the series
                    // written so far are rolled back and the push goes on through the spool.
                    var next = moving.AsTask();
                    using var timer = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
                    var waited = await Task.WhenAny(next, Task.Delay(idle, clock, timer.Token));
                    await timer.CancelAsync();
                    if (waited != next)
                    {
                        Log.WriteThroughStopped(logger, transferId, idle.TotalSeconds);
                        await StopAsync(direct);
                        direct = null;
                    }

                    moving = new ValueTask<bool>(next);
                }

                List<DecodedSeries> complete;
                var ended = !await moving;
                if (ended)
                {
                    // The last series held back (it might have continued in another batch) is complete now.
                    complete = parts.Flush();
                }
                else
                {
                    complete = Receive(stream.Current, batchCount++);
                }

                var pending = direct is null ? null : new List<PendingSeries>(complete.Count);
                foreach (var (domain, ownAction, _) in complete)
                {
                    // A series read from a file is named by its line, one pushed directly by its index.
                    var path = domain.Location ?? $"series[{seriesIndex}]";
                    var seriesAction = ResolveAction(ownAction, action, path, validator);
                    validator.Validate(domain, path, seriesAction);
                    if (ReportingTypeDenied(caller, domain) is { } denial && denied.Count < 100)
                    {
                        denied.Add(new($"{path}.key.REPORTING_TYPE", denial));
                    }

                    if (scope is not null && domain.Key.TryGetValue(ProviderScopes.AreaDimension, out var area) && area.Length > 0 && !scope.Allows(area) && denied.Count < 100)
                    {
                        denied.Add(new($"{path}.key.{ProviderScopes.AreaDimension}", $"{caller.Organisation}'s provision agreements allow {scope.Describe()}, not {area}"));
                    }

                    record.Touch(domain);
                    pending?.Add(new PendingSeries(schema.SeriesKey(domain.Key), domain, seriesAction, seriesIndex));
                    seriesIndex++;
                }

                var limits = options.Value.Limits;
                if (record.SeriesCount > limits.MaxSeriesPerPush || record.ObservationCount > limits.MaxObservationsPerPush)
                {
                    // Over a limit: stop here, store nothing; the rest of the stream is not read.
                    var (subject, why) = record.SeriesCount > limits.MaxSeriesPerPush
                        ? ("series", $"the push has more than {limits.MaxSeriesPerPush:N0} series (MdgExchange:Limits:MaxSeriesPerPush); split it into several pushes")
                        : ("observations", $"the push has more than {limits.MaxObservationsPerPush:N0} observations (MdgExchange:Limits:MaxObservationsPerPush); split it into several pushes");
                    await StopAsync(direct);
                    direct = null;
                    await record.FinishAsync("rejected", $"RESOURCE_EXHAUSTED: {why}");
                    throw new ExchangeLimitException(transferId, subject, why);
                }

                if (direct is not null && (validator.HasViolations || denied.Count > 0))
                {
                    // Nothing of a refused push is kept: stop writing, go on validating to report every problem.
                    await StopAsync(direct);
                    direct = null;
                }
                else if (direct is not null && pending!.Count > 0)
                {
                    await direct.EnqueueAsync(pending, cancellationToken);
                }

                if (ended)
                {
                    break;
                }
            }

            var checksum = Convert.ToHexStringLower(hash.GetHashAndReset());
            record.PayloadSha256 = checksum;
            if (!string.IsNullOrEmpty(header.IdempotencyKey)
                && await transfers.FindByIdempotencyKeyAsync(header.Sender, header.IdempotencyKey, cancellationToken) is { } earlier)
            {
                await StopAsync(direct);
                direct = null;
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

            if (denied.Count > 0)
            {
                var why = $"{denied.Count} series the caller may not push; first: {denied[0].Field}: {denied[0].Description}";
                throw await record.DenyAsync(why, denied, $"the push was refused and nothing was stored: {why}");
            }

            if (validator.HasViolations)
            {
                var summary = $"{validator.Violations.Count + validator.Suppressed} problem(s); first: {validator.Violations[0].Field}: {validator.Violations[0].Description}";
                await record.FinishAsync("rejected", summary);
                Log.PushRejected(logger, transferId, summary);
                throw new ExchangeRejectedException(transferId, $"the push was refused and nothing was stored: {summary}", validator.Violations, validator.Suppressed);
            }

            SeriesWriteCounts counts;
            if (direct is not null)
            {
                if (!await direct.DrainAsync())
                {
                    var (duplicate, foreign) = (direct.Duplicate, direct.Foreign);
                    await StopAsync(direct);
                    direct = null;
                    throw foreign is { } f
                        ? await DenyForeignAsync(record, f.Error, f.At)
                        : await RejectDuplicateAsync(transferId, record, validator, duplicate!.Value.Error, duplicate.Value.At);
                }

                counts = direct.Counts;
                await direct.CommitAsync(record.Build("completed", null, counts, warnings), cancellationToken);
                record.Finished = true;
            }
            else
            {
                counts = await WriteAsync(spool, schema, action, transferId, started, embargo, record, warnings, validator, cancellationToken);
            }

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
            // The session is rolled back first: on SQLite the transfer record needs the writer it holds.
            await StopAsync(direct);
            direct = null;
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
        finally
        {
            await StopAsync(direct);
        }
    }

    private static async Task StopAsync(WriteThrough? direct)
    {
        if (direct is not null)
        {
            await direct.DisposeAsync();
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
        var decoder = new SeriesBatchDecoder();
        (DuplicateObservationException Error, string At)? duplicate = null;
        (ForeignObservationException Error, string At)? foreign = null;
        await using (var session = await data.BeginWriteAsync(transferId, schema.Dataflow.ToString(), started, embargo, cancellationToken))
        {
            session.Owner = record.Owner;
            var length = new byte[4];
            var parts = new SeriesParts();
            var ended = false;
            while (duplicate is null && foreign is null && !ended)
            {
                List<DecodedSeries> complete;
                if (await spool.ReadAsync(length, cancellationToken) == 4)
                {
                    var buffer = new byte[BinaryPrimitives.ReadInt32LittleEndian(length)];
                    await spool.ReadExactlyAsync(buffer, cancellationToken);
                    complete = parts.Add(decoder.Decode(buffer).Series, null, seriesIndex);
                }
                else
                {
                    (complete, ended) = (parts.Flush(), true);
                }

                foreach (var (domain, ownAction, _) in complete)
                {
                    var seriesAction = DataActions.TryParse(ownAction, out var own) ? own : action;
                    try
                    {
                        counts += await session.WriteSeriesAsync(schema.SeriesKey(domain.Key), domain.Key, domain.Attributes, domain.Observations, seriesAction, cancellationToken);
                    }
                    catch (DuplicateObservationException error)
                    {
                        // The same period in two messages of one push: found only now, against this transfer's own rows.
                        duplicate = (error, ObservationLocation(domain, seriesIndex, error.ObservationIndex));
                        break;
                    }
                    catch (ForeignObservationException error)
                    {
                        foreign = (error, ForeignLocation(domain, seriesIndex, error));
                        break;
                    }

                    seriesIndex++;
                }
            }

            if (duplicate is null && foreign is null)
            {
                await session.CommitAsync(record.Build("completed", null, counts, warnings), cancellationToken);
                record.Finished = true;
                return counts;
            }
        }

        // Disposing the uncommitted session rolled everything back.
        throw foreign is { } f
            ? await DenyForeignAsync(record, f.Error, f.At)
            : await RejectDuplicateAsync(transferId, record, validator, duplicate!.Value.Error, duplicate.Value.At);
    }
}
