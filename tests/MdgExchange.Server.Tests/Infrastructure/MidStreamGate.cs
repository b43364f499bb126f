using Grpc.Core;
using Grpc.AspNetCore.Server;
using Grpc.Core.Interceptors;
using Microsoft.Extensions.DependencyInjection;

namespace MdgExchange.Server.Tests.Infrastructure;

/// <summary>
/// Holds a streaming call in the middle, once armed: after <see cref="After"/> messages received (client streaming) or
/// sent (server streaming) the call waits until it is cut off, so a test stops the server or the client exactly
/// mid-stream, knowing that it is there (<see cref="Reached"/>) without sleeping.
/// </summary>
public sealed class MidStreamGate : Interceptor
{
    private TaskCompletionSource _reached = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public int After { get; private set; } = int.MaxValue;

    /// <summary>Completed when an armed call has passed <see cref="After"/> messages and is held.</summary>
    public Task Reached => _reached.Task;

    public void Arm(int after)
    {
        _reached = new(TaskCreationOptions.RunContinuationsAsynchronously);
        After = after;
    }

    public override Task<TResponse> ClientStreamingServerHandler<TRequest, TResponse>(IAsyncStreamReader<TRequest> requestStream, ServerCallContext context, ClientStreamingServerMethod<TRequest, TResponse> continuation)
    {
        ArgumentNullException.ThrowIfNull(continuation);
        return continuation(new Reader<TRequest>(requestStream, this, context), context);
    }

    public override Task ServerStreamingServerHandler<TRequest, TResponse>(TRequest request, IServerStreamWriter<TResponse> responseStream, ServerCallContext context, ServerStreamingServerMethod<TRequest, TResponse> continuation)
    {
        ArgumentNullException.ThrowIfNull(continuation);
        return continuation(request, new Writer<TResponse>(responseStream, this, context), context);
    }

    private async Task PassAsync(int count, ServerCallContext context)
    {
        if (count >= After)
        {
            _reached.TrySetResult();
            await Task.Delay(Timeout.Infinite, context.CancellationToken);
        }
    }

    private sealed class Reader<T>(IAsyncStreamReader<T> inner, MidStreamGate gate, ServerCallContext context) : IAsyncStreamReader<T>
    {
        private int _count;

        public T Current => inner.Current;

        public async Task<bool> MoveNext(CancellationToken cancellationToken)
        {
            await gate.PassAsync(_count, context);
            _count++;
            return await inner.MoveNext(cancellationToken);
        }
    }

    private sealed class Writer<T>(IServerStreamWriter<T> inner, MidStreamGate gate, ServerCallContext context) : IServerStreamWriter<T>
    {
        private int _count;

        public WriteOptions? WriteOptions
        {
            get => inner.WriteOptions;
            set => inner.WriteOptions = value;
        }

        public Task WriteAsync(T message) => WriteAsync(message, CancellationToken.None);

        public async Task WriteAsync(T message, CancellationToken cancellationToken)
        {
            await gate.PassAsync(_count, context);
            _count++;
            await inner.WriteAsync(message, cancellationToken);
        }
    }
}

/// <summary>A server of its own (one per test, to be stopped mid-stream) with a <see cref="MidStreamGate"/> on every call.</summary>
public sealed class MidStreamServerFixture : ServerFixture
{
    public MidStreamGate Gate { get; } = new();

    protected override void ConfigureServices(IServiceCollection services)
    {
        base.ConfigureServices(services);
        services.AddSingleton(Gate);
        services.Configure<GrpcServiceOptions>(o => o.Interceptors.Add<MidStreamGate>());
    }
}
