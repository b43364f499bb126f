using System.Buffers;
using Google.Protobuf;
using Grpc.Core;
using Grpc.AspNetCore.Server.Model;
using MdgExchange.Protos.V1;

namespace MdgExchange.Server.Grpc;

/// <summary>
/// One message of a PushSeries stream as the server receives it: the header parsed, a batch kept as the wire
/// bytes of its <c>SeriesBatch</c>. The wire format is exactly <c>PushSeriesRequest</c>'s; only the server's
/// reading differs, so that a batch is hashed and spooled as sent, never re-serialised, and decoded once by
/// <see cref="Exchange.SeriesBatchDecoder"/>.
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

/// <summary>
/// Binds <see cref="DataExchangeGrpcService"/>: every method as generated from <c>data.proto</c>, except PushSeries,
/// which <see cref="PushSeriesMethodProvider"/> adds reading its messages as <see cref="PushMessage"/> (same
/// method, same wire format).
/// </summary>
public static class DataExchangeBinding
{
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
        DataExchangeService.BindService(new ExceptPushSeries(binder), service);
    }

    /// <summary>Passes every generated method on but PushSeries.</summary>
    private sealed class ExceptPushSeries(ServiceBinderBase inner) : ServiceBinderBase
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
            => inner.AddMethod(method, handler);

        public override void AddMethod<TRequest, TResponse>(Method<TRequest, TResponse> method, DuplexStreamingServerMethod<TRequest, TResponse>? handler)
            => inner.AddMethod(method, handler);
    }
}

/// <summary>Adds PushSeries with <see cref="PushMessage"/> requests; the service's and the method's attributes are its endpoint metadata.</summary>
internal sealed class PushSeriesMethodProvider : IServiceMethodProvider<DataExchangeGrpcService>
{
    public void OnServiceMethodDiscovery(ServiceMethodProviderContext<DataExchangeGrpcService> context)
    {
        var handler = typeof(DataExchangeGrpcService).GetMethod(nameof(DataExchangeGrpcService.PushSeries), [typeof(IAsyncStreamReader<PushMessage>), typeof(ServerCallContext)])!;
        var metadata = new List<object>();
        metadata.AddRange(typeof(DataExchangeGrpcService).GetCustomAttributes(inherit: true));
        metadata.AddRange(handler.GetCustomAttributes(inherit: true));
        context.AddClientStreamingMethod(DataExchangeBinding.PushSeries, metadata, static (service, reader, call) => service.PushSeries(reader, call));
    }
}
