using Grpc.Core;
using MdgExchange.Application.Exchange;

namespace MdgExchange.Server.Grpc;

/// <summary>Who is calling, as the exchange services need it, from a gRPC call's authenticated user.</summary>
internal static class CallContexts
{
    public static ExchangeCaller ExchangeCaller(this ServerCallContext context)
    {
        var caller = Application.Security.Caller.From(context.GetHttpContext().User);
        return new("grpc", caller.Principal, caller.Organisation, caller.Roles);
    }
}
