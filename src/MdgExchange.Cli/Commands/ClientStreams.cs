using Grpc.Core;

namespace MdgExchange.Cli.Commands;

/// <summary>
/// Writing a client stream (push, structures import) to a server that already ended the call — refused at the door
/// before it read a message — fails with a local error (<c>Cancelled</c>, a closed stream) that says nothing of why.
/// The server's own status is what the user needs, so it is thrown instead.
/// </summary>
internal static class ClientStreams
{
    public static async Task SendAsync<TRequest, TResponse>(this AsyncClientStreamingCall<TRequest, TResponse> call, TRequest message, CancellationToken cancellationToken)
    {
        try
        {
            await call.RequestStream.WriteAsync(message, cancellationToken);
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested && ex is RpcException or InvalidOperationException or IOException)
        {
            await call.ResponseAsync; // throws the status the server ended the call with
            throw;
        }
    }

    public static async Task EndAsync<TRequest, TResponse>(this AsyncClientStreamingCall<TRequest, TResponse> call)
    {
        try
        {
            await call.RequestStream.CompleteAsync();
        }
        catch (Exception ex) when (ex is RpcException or InvalidOperationException or IOException)
        {
            await call.ResponseAsync;
            throw;
        }
    }
}
