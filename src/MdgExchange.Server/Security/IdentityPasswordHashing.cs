using MdgExchange.Application.Accounts;
using Microsoft.AspNetCore.Identity;
using MdgExchange.Storage;

namespace MdgExchange.Server.Security;

/// <summary>The core's password port on ASP.NET Core Identity's <see cref="PasswordHasher{TUser}"/> (PBKDF2 with HMAC-SHA512, salted, versioned).</summary>
public sealed class IdentityPasswordHashing : IPasswordHashing
{
    private static readonly PasswordHasher<PortalAccount> Hasher = new();
    private static readonly PortalAccount Nobody = new("", "", "", "", "", "", null, default, null);

    public string Hash(string password) => Hasher.HashPassword(Nobody, password);

    public bool Verify(string hash, string password, out bool rehash)
    {
        var result = Hasher.VerifyHashedPassword(Nobody, hash, password);
        rehash = result == PasswordVerificationResult.SuccessRehashNeeded;
        return result != PasswordVerificationResult.Failed;
    }
}
