using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using MdgExchange.Application.Accounts;
using MdgExchange.Application.Exchange;
using MdgExchange.Protos.V1;
using Microsoft.Extensions.Options;

namespace MdgExchange.Server.Grpc;

/// <summary>Portal invitations over gRPC (<c>mdgx users invite</c>): a thin adapter over <see cref="PortalAccounts"/>.</summary>
public sealed class UserGrpcService(PortalAccounts accounts, InvitationMail mail, IOptions<MdgExchangeOptions> options) : UserService.UserServiceBase
{
    public override async Task<InviteUserResponse> InviteUser(InviteUserRequest request, ServerCallContext context)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(context);
        try
        {
            var issued = await accounts.InviteAsync(request.Organisation, request.Role, request.Email, context.ExchangeCaller(), context.CancellationToken);
            var link = Portal.PortalLinks.SignUp(options.Value, issued.Token);
            var delivery = await mail.SendAsync(issued, link, context.CancellationToken);
            return new InviteUserResponse
            {
                SignUpUrl = link,
                MailDelivery = delivery.ToString(),
                ExpiresAt = Timestamp.FromDateTimeOffset(issued.Invitation.ExpiresAt),
                Email = issued.Invitation.Email,
                TransferId = issued.TransferId.ToString(),
            };
        }
        catch (Exception ex) when (ex is ExchangeRejectedException or ExchangeDeniedException)
        {
            throw ExchangeErrors.ToRpc(ex);
        }
    }
}
