using System.Security.Cryptography;
using MdgExchange.Domain.Registry;
using MdgExchange.Domain.Structure;
using MdgExchange.Sdmx;
using MdgExchange.Sdmx.Ml;
using MdgExchange.Application.Configuration;
using MdgExchange.Storage;

namespace MdgExchange.Application.Registry;

/// <summary>
/// Who submits and how, for the transfer record; structures built for a caller (provider onboarding) also name the
/// caller's organisation, the organisation concerned, the dataflow and the areas.
/// </summary>
public sealed record SubmissionContext(
    string Channel,
    string Format,
    string? Principal,
    string? FileName,
    string Kind = "structure-submit",
    string? Sender = null,
    string? Receiver = null,
    string? Dataflow = null,
    string? RefAreas = null);

/// <summary>The result of a structure submission: the plan that was applied (or not) and its transfer.</summary>
public sealed record SubmissionResult(Guid TransferId, SubmissionPlan Plan, IReadOnlyList<string> Unsupported);

/// <summary>The submitted document could not be read as SDMX-ML; nothing was stored.</summary>
public sealed class SubmissionRejectedException(Guid transferId, string message) : Exception(message)
{
    public Guid TransferId { get; } = transferId;
}

/// <summary>A concurrent submission changed an artefact this one planned to write; nothing was stored.</summary>
public sealed class ConcurrentChangeException(Guid transferId, string message, Exception inner) : Exception(message, inner)
{
    public Guid TransferId { get; } = transferId;
}

/// <summary>
/// Applies structure submissions and deletions: plans them with the domain rules, stores them in one
/// transaction and records every attempt as a transfer, whatever its outcome.
/// </summary>
public sealed class StructureRegistry(IStructureStore store, ITransferStore transfers, TimeProvider clock, ILogger<StructureRegistry> logger)
{
    /// <summary>Reads an SDMX-ML 2.1 structure message from <paramref name="content"/> (seekable) and submits it.</summary>
    public async Task<SubmissionResult> SubmitAsync(Stream content, bool partial, SubmissionContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(content);
        ArgumentNullException.ThrowIfNull(context);
        var started = clock.GetUtcNow();
        var transferId = Guid.NewGuid();
        var bytes = content.Length;
        await transfers.BeginAsync(new TransferStart(transferId, context.Kind, context.Channel, context.Format, null, context.Principal, null, null, started), cancellationToken);
        var sha = Convert.ToHexStringLower(await SHA256.HashDataAsync(content, cancellationToken));
        content.Position = 0;

        StructureMessage message;
        try
        {
            message = StructureReader.Read(content);
        }
        catch (SdmxFormatException ex)
        {
            await RecordAsync(transferId, context, started, "rejected", ex.Message, bytes, sha, 0, sender: null);
            Log.StructuresRejected(logger, transferId, ex.Message);
            throw new SubmissionRejectedException(transferId, ex.Message);
        }

        var unsupported = message.Unsupported.Select(u => u.ToString()).ToList();
        return await SubmitAsync(message.Artefacts, partial, context, transferId, started, bytes, sha, message.Header?.SenderId, unsupported, cancellationToken);
    }

    /// <summary>Submits artefacts built in code (seeding) or already read.</summary>
    public Task<SubmissionResult> SubmitAsync(IReadOnlyList<MaintainableArtefact> artefacts, bool partial, SubmissionContext context, CancellationToken cancellationToken) =>
        SubmitAsync(artefacts, partial, context, Guid.NewGuid(), clock.GetUtcNow(), 0, null, null, [], cancellationToken);

    private async Task<SubmissionResult> SubmitAsync(
        IReadOnlyList<MaintainableArtefact> artefacts,
        bool partial,
        SubmissionContext context,
        Guid transferId,
        DateTimeOffset started,
        long bytes,
        string? sha,
        string? sender,
        IReadOnlyList<string> unsupported,
        CancellationToken cancellationToken)
    {
        SubmissionPlan plan;
        try
        {
            var existing = new Dictionary<ArtefactRef, ExistingArtefact?>();
            foreach (var reference in SubmissionPlanner.RefsToLoad(artefacts))
            {
                var stored = await store.GetAsync(reference, cancellationToken);
                existing[reference] = stored is null ? null : new ExistingArtefact(stored.Artefact, stored.BodyHash);
            }

            plan = SubmissionPlanner.Plan(artefacts, existing, partial, unsupported.Count);
            if (plan.Applied)
            {
                var changes = plan.Artefacts
                    .Where(p => p.Writes)
                    .Select(p => new ArtefactChange(p.Outcome == SubmissionOutcome.Created ? ArtefactWrite.Create : ArtefactWrite.Replace, p.Artefact))
                    .ToList();
                await store.SaveAsync(changes, clock.GetUtcNow(), cancellationToken);
            }
        }
        catch (Exception ex) when (ex is ArtefactExistsException or ArtefactNotFoundException)
        {
            // Another submission changed the same artefact between planning and saving; nothing of this one was stored.
            await RecordAsync(transferId, context, started, "failed", ex.Message, bytes, sha, artefacts.Count, sender);
            throw new ConcurrentChangeException(transferId, $"{ex.Message} (changed by a concurrent submission; submit again)", ex);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // The caller went away or the deadline passed: the transaction rolled back; the attempt is still evidence.
            await RecordAsync(transferId, context, started, "cancelled", "cancelled by the caller before completion", bytes, sha, artefacts.Count, sender);
            throw;
        }

        var failures = plan.Artefacts.Where(p => p.Outcome == SubmissionOutcome.Failed).SelectMany(f => f.Messages).Concat(unsupported).ToList();
        var outcome = failures.Count == 0 ? "completed" : "rejected";
        var summary = failures.Count == 0 ? null : string.Join("; ", failures.Take(20));
        await RecordAsync(transferId, context, started, outcome, summary, bytes, sha, artefacts.Count, sender);
        Log.StructuresSubmitted(logger, transferId, outcome, artefacts.Count, bytes);
        return new SubmissionResult(transferId, plan, unsupported);
    }

    /// <summary>Deletes an artefact; null on success, else why it was refused. Throws <see cref="KeyNotFoundException"/> when absent.</summary>
    public async Task<(Guid TransferId, string? Refusal, ArtefactRef Deleted)> DeleteAsync(ArtefactRef reference, SubmissionContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(reference);
        ArgumentNullException.ThrowIfNull(context);
        var started = clock.GetUtcNow();
        var transferId = Guid.NewGuid();
        var stored = await store.GetAsync(reference, cancellationToken);
        if (stored is null)
        {
            await RecordAsync(transferId, context, started, "rejected", $"{SubmissionPlanner.Describe(reference)} does not exist", 0, null, 0, null);
            throw new KeyNotFoundException($"{SubmissionPlanner.Describe(reference)} does not exist");
        }

        var exact = stored.Artefact.Ref;
        var referencedBy = await store.ReferencedByAsync(exact, cancellationToken);
        var refusal = DeletionRules.Refusal(stored.Artefact, referencedBy);
        if (refusal is null)
        {
            await store.DeleteAsync(exact, cancellationToken);
            Log.ArtefactDeleted(logger, exact.ToString(), transferId);
        }

        await RecordAsync(transferId, context, started, refusal is null ? "completed" : "rejected", refusal, 0, null, 1, null);
        return (transferId, refusal, exact);
    }

    /// <summary>Records a submission refused before anything was planned (e.g. a request naming an unknown code).</summary>
    public async Task<Guid> RecordRejectedAsync(SubmissionContext context, string error)
    {
        ArgumentNullException.ThrowIfNull(context);
        var transferId = Guid.NewGuid();
        var started = clock.GetUtcNow();
        await transfers.BeginAsync(new TransferStart(transferId, context.Kind, context.Channel, context.Format, context.Sender, context.Principal, context.Dataflow, null, started), CancellationToken.None);
        await RecordAsync(transferId, context, started, "rejected", error, 0, null, 0, null);
        return transferId;
    }

    private async Task RecordAsync(Guid transferId, SubmissionContext context, DateTimeOffset started, string outcome, string? error, long bytes, string? sha, int artefacts, string? sender)
    {
        // The record is written even when the caller has gone: a refused or cancelled transfer is evidence too.
        await transfers.AppendAsync(
            new Transfer
            {
                TransferId = transferId,
                Kind = context.Kind,
                Channel = context.Channel,
                Format = context.Format,
                SenderOrganisation = sender ?? context.Sender,
                ReceiverOrganisation = context.Receiver,
                Principal = context.Principal,
                Dataflow = context.Dataflow,
                RefAreas = context.RefAreas,
                Bytes = bytes,
                PayloadSha256 = sha,
                ArtefactCount = artefacts,
                StartedAt = started,
                FinishedAt = clock.GetUtcNow(),
                Outcome = outcome,
                ErrorSummary = error is null ? null : Truncate(context.FileName is null ? error : $"{context.FileName}: {error}", 4000),
            },
            CancellationToken.None);
        await transfers.EndAsync(transferId, CancellationToken.None);
    }

    private static string Truncate(string text, int max) => text.Length <= max ? text : text[..max];
}
