using System.Runtime.CompilerServices;
using Grpc.Core;
using MdgExchange.Protos.V1;
using MdgExchange.Application.Exchange;

namespace MdgExchange.Server.Grpc;

/// <summary>The gRPC face of data exchange: maps requests, calls the exchange services, maps errors.</summary>
[BindServiceMethod(typeof(DataExchangeBinding), nameof(DataExchangeBinding.BindService))]
public sealed class DataExchangeGrpcService(PushService pushes, PullService pulls, AnnotationService annotations, Microsoft.Extensions.Options.IOptions<Application.Configuration.MdgExchangeOptions> options)
    : DataExchangeService.DataExchangeServiceBase
{
    private const int DefaultBatch = 100;

    /// <summary>
    /// Response header of PushSeries, sent before the first message is read: the largest message the server accepts
    /// (<c>MdgExchange:Limits:MaxMessageBytes</c>), so that a client bounds its batches to it.
    /// </summary>
    public const string MaxMessageBytesHeader = "mdgx-max-message-bytes";

    /// <summary>PushSeries, bound by <see cref="DataExchangeBinding"/> so that batches arrive as their wire bytes.</summary>
    public async Task<PushSeriesResponse> PushSeries(IAsyncStreamReader<PushMessage> requestStream, ServerCallContext context)
    {
        ArgumentNullException.ThrowIfNull(requestStream);
        ArgumentNullException.ThrowIfNull(context);
        var maxBytes = options.Value.Limits.MaxMessageBytes;
        await context.WriteResponseHeadersAsync(new global::Grpc.Core.Metadata { { MaxMessageBytesHeader, maxBytes.ToString(System.Globalization.CultureInfo.InvariantCulture) } });
        bool hasFirst;
        try
        {
            hasFirst = await requestStream.MoveNext(context.CancellationToken);
        }
        catch (Exception ex) when (ex is OperationCanceledException or IOException)
        {
            // Gone before saying who it is or what it pushes: still an attempt, recorded as such.
            await pushes.RecordAbandonedAsync(Caller(context), "the caller went away before sending the push header");
            throw;
        }

        if (!hasFirst || requestStream.Current.Header is null)
        {
            await pushes.RecordAbandonedAsync(Caller(context), "the push did not start with its header", "rejected");
            RpcErrors.InvalidArgument("header", "the first message of a push must be its header (dataflow, sender, action, ...)");
        }

        try
        {
            var result = await pushes.PushAsync(DataMapper.ToDomain(requestStream.Current.Header), Batches(requestStream, maxBytes, context.CancellationToken), Caller(context), context.CancellationToken);
            return DataMapper.ToProto(result);
        }
        catch (Exception ex) when (ex is ExchangeRejectedException or ExchangeNotFoundException or IdempotencyConflictException or ExchangeDeniedException or ExchangeLimitException)
        {
            throw ExchangeErrors.ToRpc(ex);
        }
    }

    /// <summary>PullSeries, bound by <see cref="DataExchangeBinding"/> so that responses are encoded straight from the store's rows.</summary>
    public async Task PullSeries(PullSeriesRequest request, IServerStreamWriter<PullMessage> responseStream, ServerCallContext context)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(responseStream);
        ArgumentNullException.ThrowIfNull(context);
        var maxBatch = options.Value.Limits.MaxPullBatch;
        if (request.BatchSize < 0)
        {
            RpcErrors.InvalidArgument("batch_size", "batch_size is a number of series per message: 0 (the default, 100) or more");
        }

        if (request.BatchSize > maxBatch)
        {
            RpcErrors.ResourceExhausted("batch_size", $"batch_size {request.BatchSize} is over the limit of {maxBatch} series per message (MdgExchange:Limits:MaxPullBatch)");
        }

        PreparedPull pull;
        try
        {
            pull = await pulls.PrepareAsync(
                new PullRequest(request.Dataflow, request.Key, request.StartPeriod, request.EndPeriod, request.UpdatedAfter?.ToDateTimeOffset(), request.AsOf?.ToDateTimeOffset(), request.IncludeAnnotations, string.IsNullOrEmpty(request.Receiver) ? null : request.Receiver),
                Caller(context),
                context.CancellationToken);
        }
        catch (Exception ex) when (ex is ExchangeRejectedException or ExchangeNotFoundException or ExchangeDeniedException)
        {
            throw ExchangeErrors.ToRpc(ex);
        }

        var batchSize = request.BatchSize == 0 ? DefaultBatch : request.BatchSize;
        var maxBytes = options.Value.Limits.MaxPullMessageBytes;
        var outcome = "failed";
        string? error = "the pull stopped before its end";
        try
        {
            // A response is serialised when written, so the encoder's buffers are reused for the next one.
            var encoder = new PullBatchEncoder();
            await foreach (var series in pull.ReadAsync(context.CancellationToken))
            {
                foreach (var full in encoder.Add(series, request.IncludeLineage, maxBytes))
                {
                    await responseStream.WriteAsync(new PullMessage(full), context.CancellationToken);
                }

                if (encoder.Count >= batchSize)
                {
                    await responseStream.WriteAsync(new PullMessage(encoder.Take()), context.CancellationToken);
                }
            }

            await responseStream.WriteAsync(new PullMessage(encoder.Take(pull.TransferId.ToString())), context.CancellationToken);
            (outcome, error) = ("completed", null);
        }
        catch (OperationCanceledException) when (context.CancellationToken.IsCancellationRequested)
        {
            (outcome, error) = ("cancelled", "the caller cancelled or the deadline passed before the pull completed");
            throw;
        }
        finally
        {
            await pull.FinishAsync(outcome, error);
        }
    }

    public override async Task<AnnotateSeriesResponse> AnnotateSeries(AnnotateSeriesRequest request, ServerCallContext context)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(context);
        try
        {
            var annotation = await annotations.AnnotateAsync(
                new AnnotationRequest(
                    request.Dataflow,
                    request.SeriesKey,
                    request.TimePeriod,
                    DataMapper.AnnotationKind(request.Type),
                    request.Organisation,
                    request.Texts.GroupBy(t => t.Lang).ToDictionary(g => g.Key, g => g.Last().Text),
                    request.HasProposedValue ? request.ProposedValue : null,
                    request.ReplyTo),
                Caller(context),
                context.CancellationToken);
            return new AnnotateSeriesResponse { AnnotationId = annotation.AnnotationId.ToString(), TransferId = annotation.TransferId.ToString() };
        }
        catch (Exception ex) when (ex is ExchangeRejectedException or ExchangeNotFoundException or ExchangeDeniedException)
        {
            throw ExchangeErrors.ToRpc(ex);
        }
    }

    public override async Task<ListAnnotationsResponse> ListAnnotations(ListAnnotationsRequest request, ServerCallContext context)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(context);
        IReadOnlyList<MdgExchange.Storage.SeriesAnnotation>? found;
        try
        {
            found = await annotations.ListAsync(request.Dataflow, request.Key, context.CancellationToken);
        }
        catch (ArgumentException ex)
        {
            RpcErrors.InvalidArgument(ex.ParamName ?? "request", ex.Message);
            throw; // unreachable
        }

        if (found is null)
        {
            RpcErrors.NotFound("Dataflow", request.Dataflow, $"dataflow {request.Dataflow} does not exist");
        }

        return new ListAnnotationsResponse { Annotations = { found.Select(DataMapper.ToProto) } };
    }

    /// <summary>
    /// The push's batches as the use case takes them: each message's wire bytes decoded into Domain series (a message
    /// that is not a valid <c>SeriesBatch</c> becomes a problem at <c>batches[i]</c>), a series sent in parts
    /// (<c>continues_previous</c>) joined, its last part held until the next message shows whether it goes on.
    /// </summary>
    private static async IAsyncEnumerable<PushBatch> Batches(IAsyncStreamReader<PushMessage> stream, int maxBytes, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var decoder = new SeriesBatchDecoder();
        var parts = new SeriesParts();
        var delivered = 0;
        var batchIndex = 0;
        await foreach (var bytes in Messages(stream, maxBytes, cancellationToken))
        {
            var problems = new List<Domain.Data.DataReadError>();
            DecodedBatch batch;
            try
            {
                batch = decoder.Decode(bytes);
            }
            catch (MalformedBatchException malformed)
            {
                problems.Add(new($"batches[{batchIndex}]", null, $"not a valid SeriesBatch message: {malformed.Message}"));
                batch = new DecodedBatch([], []);
            }

            batchIndex++;
            problems.AddRange(batch.Problems);
            var complete = parts.Add(batch.Series, problems, delivered);
            delivered += complete.Count;
            yield return new PushBatch(complete.Select(s => new PushedSeries(s.Series, s.Action)).ToList(), problems, bytes.Length);
        }

        // The last series held back (it might have continued in another message) is complete now.
        var last = parts.Flush();
        if (last.Count > 0)
        {
            yield return new PushBatch(last.Select(s => new PushedSeries(s.Series, s.Action)).ToList(), []);
        }
    }

    private static async IAsyncEnumerable<byte[]> Messages(IAsyncStreamReader<PushMessage> stream, int maxBytes, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var index = 1;
        while (true)
        {
            bool more;
            try
            {
                more = await stream.MoveNext(cancellationToken);
            }
            catch (RpcException ex) when (ex.StatusCode == StatusCode.ResourceExhausted)
            {
                // The transport's own message names no setting: say which one, and what to do.
                throw RpcErrors.Quota(
                    "message",
                    $"message requests[{index}] of the push is larger than the server accepts ({maxBytes:N0} bytes, MdgExchange:Limits:MaxMessageBytes); send smaller batches, a series larger than that in consecutive parts (continues_previous)",
                    null);
            }
            catch (Exception ex) when (ex is IOException || (ex is RpcException rpc && rpc.StatusCode is StatusCode.Cancelled or StatusCode.DeadlineExceeded))
            {
                // The caller went away: the transport can say so before the call's token is cancelled.
                throw new OperationCanceledException("the caller went away before the push completed", ex);
            }

            if (!more)
            {
                yield break;
            }

            if (stream.Current.Batch is null)
            {
                RpcErrors.InvalidArgument($"requests[{index}]", "after the header, every message of a push must be a batch of series");
            }

            index++;
            yield return stream.Current.Batch;
        }
    }

    private static ExchangeCaller Caller(ServerCallContext context) => context.ExchangeCaller();
}
