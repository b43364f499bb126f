using System.Buffers;
using Google.Protobuf;
using Grpc.Core;
using Grpc.AspNetCore.Server.Model;
using MdgExchange.Protos.V1;

namespace MdgExchange.Server.Grpc;

/// <summary>
/// One message of a PushSeries stream as the server receives it: the header parsed, a batch kept as the wire
/// bytes of its <c>SeriesBatch</c>. The wire format is exactly <c>PushSeriesRequest</c>'s; only the server's
/// reading differs, so that a batch is decoded once, straight into Domain series, by <see cref="SeriesBatchDecoder"/>.
/// </summary>
public sealed class PushMessage
{
    private PushMessage(PushHeader? header, byte[]? batch)
    {
        Header = header;
        Batch = batch;
    }

    /// <summary>Set when the message is the push header.</summary>
    public PushHeader? Header { get; }

    /// <summary>The bytes of the <c>SeriesBatch</c> when the message is a batch.</summary>
    public byte[]? Batch { get; }

    /// <summary>Reads a <c>PushSeriesRequest</c> as protobuf would: the last member of the oneof wins, repeated occurrences of a message field merge.</summary>
    /// <exception cref="InvalidProtocolBufferException">The bytes are not a valid message.</exception>
    public static PushMessage Parse(ReadOnlySequence<byte> payload)
    {
        var input = new CodedInputStream(payload.ToArray());
        PushHeader? header = null;
        MemoryStream? batch = null;
        var last = 0;
        uint tag;
        while ((tag = input.ReadTag()) != 0)
        {
            switch (tag)
            {
                case 10: // header = 1, length-delimited
                    header ??= new PushHeader();
                    input.ReadMessage(header);
                    last = 1;
                    break;
                case 18: // batch = 2, length-delimited: occurrences concatenate, which is how protobuf merges them
                    batch ??= new MemoryStream();
                    input.ReadBytes().WriteTo(batch);
                    last = 2;
                    break;
                default:
                    input.SkipLastField();
                    break;
            }
        }

        return last switch
        {
            1 => new PushMessage(header, null),
            2 => new PushMessage(null, batch!.ToArray()),
            _ => new PushMessage(null, null),
        };
    }

    /// <summary>Only for clients of the server's own binding (tests); real clients send <c>PushSeriesRequest</c>.</summary>
    public byte[] ToByteArray()
    {
        var request = new PushSeriesRequest();
        if (Header is not null)
        {
            request.Header = Header;
        }
        else if (Batch is not null)
        {
            request.Batch = SeriesBatch.Parser.ParseFrom(Batch);
        }

        return request.ToByteArray();
    }
}

/// <summary>One PullSeries response as the server sends it: the wire bytes <see cref="PullBatchEncoder"/> wrote.</summary>
public sealed class PullMessage(ReadOnlyMemory<byte> bytes)
{
    public ReadOnlyMemory<byte> Bytes { get; } = bytes;
}

/// <summary>
/// Binds <see cref="DataExchangeGrpcService"/>: every method as generated from <c>data.proto</c>, except PushSeries
/// and PullSeries, which <see cref="StreamingMethodProvider"/> adds with the server's own message types (same
/// methods, same wire format): a pushed batch is read as <see cref="PushMessage"/>, a pulled one written as
/// <see cref="PullMessage"/>.
/// </summary>
public static class DataExchangeBinding
{
    public static readonly Method<PullSeriesRequest, PullMessage> PullSeries = new(
        MethodType.ServerStreaming,
        DataExchangeService.Descriptor.FullName,
        "PullSeries",
        Marshallers.Create(static (PullSeriesRequest r) => r.ToByteArray(), static (byte[] bytes) => PullSeriesRequest.Parser.ParseFrom(bytes)),
        new Marshaller<PullMessage>(
            static (message, context) =>
            {
                context.SetPayloadLength(message.Bytes.Length);
                var writer = context.GetBufferWriter();
                writer.Write(message.Bytes.Span);
                context.Complete();
            },
            static context => new PullMessage(context.PayloadAsNewBuffer())));

    public static readonly Method<PushMessage, PushSeriesResponse> PushSeries = new(
        MethodType.ClientStreaming,
        DataExchangeService.Descriptor.FullName,
        "PushSeries",
        new Marshaller<PushMessage>(
            static (message, context) => context.Complete(message.ToByteArray()),
            static context => PushMessage.Parse(context.PayloadAsReadOnlySequence())),
        Marshallers.Create(static (PushSeriesResponse r) => r.ToByteArray(), static (byte[] bytes) => PushSeriesResponse.Parser.ParseFrom(bytes)));

    /// <summary>
    /// Called by ASP.NET Core gRPC (through <see cref="BindServiceMethodAttribute"/>, with a null service). The
    /// parameter is the generated base type, so that the overrides of <see cref="DataExchangeGrpcService"/> bind.
    /// </summary>
    public static void BindService(ServiceBinderBase binder, DataExchangeService.DataExchangeServiceBase? service)
    {
        ArgumentNullException.ThrowIfNull(binder);
        DataExchangeService.BindService(new ExceptStreams(binder), service);
    }

    /// <summary>Passes every generated method on but PushSeries and PullSeries.</summary>
    private sealed class ExceptStreams(ServiceBinderBase inner) : ServiceBinderBase
    {
        public override void AddMethod<TRequest, TResponse>(Method<TRequest, TResponse> method, UnaryServerMethod<TRequest, TResponse>? handler)
            => inner.AddMethod(method, handler);

        public override void AddMethod<TRequest, TResponse>(Method<TRequest, TResponse> method, ClientStreamingServerMethod<TRequest, TResponse>? handler)
        {
            if (method.Name != PushSeries.Name)
            {
                inner.AddMethod(method, handler);
            }
        }

        public override void AddMethod<TRequest, TResponse>(Method<TRequest, TResponse> method, ServerStreamingServerMethod<TRequest, TResponse>? handler)
        {
            if (method.Name != PullSeries.Name)
            {
                inner.AddMethod(method, handler);
            }
        }

        public override void AddMethod<TRequest, TResponse>(Method<TRequest, TResponse> method, DuplexStreamingServerMethod<TRequest, TResponse>? handler)
            => inner.AddMethod(method, handler);
    }
}

/// <summary>Adds PushSeries and PullSeries with the server's message types; the service's and each method's attributes are their endpoint metadata.</summary>
internal sealed class StreamingMethodProvider : IServiceMethodProvider<DataExchangeGrpcService>
{
    public void OnServiceMethodDiscovery(ServiceMethodProviderContext<DataExchangeGrpcService> context)
    {
        context.AddClientStreamingMethod(
            DataExchangeBinding.PushSeries,
            Metadata(nameof(DataExchangeGrpcService.PushSeries), typeof(IAsyncStreamReader<PushMessage>), typeof(ServerCallContext)),
            static (service, reader, call) => service.PushSeries(reader, call));
        context.AddServerStreamingMethod(
            DataExchangeBinding.PullSeries,
            Metadata(nameof(DataExchangeGrpcService.PullSeries), typeof(PullSeriesRequest), typeof(IServerStreamWriter<PullMessage>), typeof(ServerCallContext)),
            static (service, request, writer, call) => service.PullSeries(request, writer, call));
    }

    private static List<object> Metadata(string method, params Type[] parameters)
    {
        var handler = typeof(DataExchangeGrpcService).GetMethod(method, parameters)!;
        var metadata = new List<object>();
        metadata.AddRange(typeof(DataExchangeGrpcService).GetCustomAttributes(inherit: true));
        metadata.AddRange(handler.GetCustomAttributes(inherit: true));
        return metadata;
    }
}
