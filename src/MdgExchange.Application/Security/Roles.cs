namespace MdgExchange.Application.Security;

/// <summary>The roles a principal can hold (DESIGN §2); anonymous callers are <see cref="Public"/>.</summary>
public static class Roles
{
    /// <summary>A national body: pushes and reads its own country's series.</summary>
    public const string Provider = "provider";

    /// <summary>An international agency: pulls national data, annotates, publishes REPORTING_TYPE=G series.</summary>
    public const string Agency = "agency";

    /// <summary>The regional coordinator: reads every transfer and report.</summary>
    public const string Coordinator = "coordinator";

    /// <summary>Manages structures, organisations and keys.</summary>
    public const string Admin = "admin";

    /// <summary>Not a role one is given: what an anonymous caller is.</summary>
    public const string Public = "public";

    public static readonly IReadOnlyList<string> All = [Provider, Agency, Coordinator, Admin];

    public static bool IsValid(string role) => All.Contains(role, StringComparer.Ordinal);
}

/// <summary>The claim types the server puts on every authenticated principal, whatever authenticated it.</summary>
public static class MdgxClaims
{
    public const string Organisation = "mdgx:org";
    public const string Role = "mdgx:role";
    public const string Principal = "mdgx:principal";
}
