using System.Runtime.CompilerServices;
using MdgExchange.Application.Registry;
using MdgExchange.Domain.Structure;
using MdgExchange.Sdmx;
using MdgExchange.Sdmx.Data;

namespace MdgExchange.Application.Exchange;

/// <summary>A data file to push: the dataflow it is for (agency <c>all</c> = any), the action (else the file's own, else I).</summary>
public sealed record DataFileRequest(string AgencyId, string FlowId, string VersionPattern, string? Action, string? IdempotencyKey, string SourceName);

/// <summary>
/// How far a file push has come: bytes of the file read and checked of its length, observations read so far, and
/// whether the whole file is read (then the push commits, or refuses, and records the transfer).
/// </summary>
public sealed record DataFileProgress(long BytesRead, long BytesTotal, long Observations, bool Read);

/// <summary>What pushing a file did: the dataflow, the push's result, and the reader's warnings besides the push's.</summary>
public sealed record DataFileResult(string Dataflow, PushResult Push, IReadOnlyList<string> Warnings);

/// <summary>
/// Pushes a whole data file (SDMX-ML, SDMX-CSV) held by a front end — an SDMX REST upload, the portal's upload form —
/// through <see cref="PushService"/>: the same validation, all-or-nothing storage and transfer record as a gRPC push.
/// A file that cannot be read, or a dataflow that does not exist, is still pushed (with no series) so that the refusal
/// is recorded.
/// </summary>
public sealed class DataFilePush(PushService pushes, DataflowSchemas schemas, StructureQueries structures)
{
    /// <summary>Pushes the file; <paramref name="file"/> must be seekable (readers detect the format from its start).</summary>
    /// <exception cref="ExchangeRejectedException">The file is unreadable or invalid; each problem names its line or path.</exception>
    public Task<DataFileResult> PushAsync(Stream file, DataFileRequest request, ExchangeCaller caller, CancellationToken cancellationToken) =>
        PushAsync(file, request, caller, null, cancellationToken);

    /// <summary>Pushes the file, telling <paramref name="progress"/> after each batch read how far it has come.</summary>
    /// <exception cref="ExchangeRejectedException">The file is unreadable or invalid; each problem names its line or path.</exception>
    public async Task<DataFileResult> PushAsync(Stream file, DataFileRequest request, ExchangeCaller caller, IProgress<DataFileProgress>? progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(file);
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(caller);
        IReadOnlyList<string>? agencies = request.AgencyId is "all" or "*" ? null : [request.AgencyId];
        var flows = await structures.FindAsync(ArtefactType.Dataflow, agencies, [request.FlowId], request.VersionPattern, cancellationToken);
        var flow = flows.Count > 0 ? flows[^1] : new ArtefactRef(ArtefactType.Dataflow, request.AgencyId, request.FlowId, request.VersionPattern);
        var schema = flows.Count > 0 ? await schemas.LoadAsync(flow, cancellationToken) : null;

        SdmxDataReader? reader = null;
        SdmxFormatException? unreadable = null;
        try
        {
            reader = DataReaderFactory.Open(file);
        }
        catch (SdmxFormatException ex)
        {
            unreadable = ex;
        }

        using var disposeReader = reader;
        var push = new PushRequest
        {
            Dataflow = flow.ToString(),
            Sender = caller.Organisation ?? reader?.Header.SenderId ?? "",
            Action = request.Action is { Length: > 0 } given ? given : reader?.Header.Action?.ToString() ?? "I",
            IdempotencyKey = request.IdempotencyKey ?? "",
            SourceFormat = reader?.Format.Name() ?? "unreadable",
            SourceName = request.SourceName,
        };
        var batches = schema is null && unreadable is null
            ? AsyncEnumerable.Empty<PushBatch>()
            : DataFileBatches.ReadAsync(reader, unreadable, schema?.Structure, request.SourceName, cancellationToken);
        var result = await pushes.PushAsync(push, progress is null ? batches : Reporting(batches, file, progress, cancellationToken), caller, cancellationToken);
        return new DataFileResult(flow.ToString(), result, result.Warnings.Concat(reader?.Warnings ?? []).ToList());
    }

    private static async IAsyncEnumerable<PushBatch> Reporting(IAsyncEnumerable<PushBatch> batches, Stream file, IProgress<DataFileProgress> progress, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        long observations = 0;
        await foreach (var batch in batches.WithCancellation(cancellationToken))
        {
            observations += batch.Series.Sum(s => (long)s.Series.Observations.Count);
            progress.Report(new DataFileProgress(Math.Min(file.Position, file.Length), file.Length, observations, Read: false));
            yield return batch;
        }

        progress.Report(new DataFileProgress(file.Length, file.Length, observations, Read: true));
    }
}
