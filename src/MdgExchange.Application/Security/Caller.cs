using System.Security.Claims;

namespace MdgExchange.Application.Security;

/// <summary>Who is calling, whatever authenticated them: the principal, its organisation and roles.</summary>
public sealed record Caller(string Principal, string? Organisation, IReadOnlySet<string> Roles)
{
    public static readonly Caller Anonymous = new("anonymous", null, new HashSet<string>(StringComparer.Ordinal));

    public bool IsAuthenticated => Organisation is not null;

    public bool Has(string role) => Roles.Contains(role);

    /// <summary>Reads the server's own claims (<see cref="MdgxClaims"/>); anonymous when there are none.</summary>
    public static Caller From(ClaimsPrincipal? user)
    {
        if (user?.FindFirst(MdgxClaims.Organisation)?.Value is not { Length: > 0 } organisation)
        {
            return Anonymous;
        }

        var principal = user.FindFirst(MdgxClaims.Principal)?.Value ?? "unknown";
        return new Caller(principal, organisation, user.FindAll(MdgxClaims.Role).Select(c => c.Value).ToHashSet(StringComparer.Ordinal));
    }

    /// <summary>For the transfer log and messages: <c>key:abc… (INEGI, provider)</c>.</summary>
    public override string ToString() =>
        IsAuthenticated ? $"{Principal} ({Organisation}, {string.Join('+', Roles.Order(StringComparer.Ordinal))})" : Principal;
}
