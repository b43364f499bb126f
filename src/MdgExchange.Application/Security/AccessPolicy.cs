namespace MdgExchange.Application.Security;

/// <summary>
/// Who may do an operation: anyone (<see cref="Public"/>), any authenticated caller, or the roles listed.
/// <see cref="Kind"/> is the transfer kind a refusal is recorded under.
/// </summary>
public sealed record AccessRule(string Kind, bool Public, bool AnyRole, IReadOnlySet<string> Roles)
{
    public bool Allows(Caller caller)
    {
        ArgumentNullException.ThrowIfNull(caller);
        return Public || (caller.IsAuthenticated && (AnyRole || Roles.Overlaps(caller.Roles)));
    }

    /// <summary>For messages: <c>anyone</c>, <c>any authenticated caller</c> or the roles.</summary>
    public string Describe() => Public ? "anyone" : AnyRole ? "any authenticated caller" : "the role " + string.Join(" or ", Roles.Order(StringComparer.Ordinal));
}

/// <summary>The operations of the service, as the access policy names them.</summary>
public static class Operations
{
    public const string StructureSubmit = "structure-submit";
    public const string StructureDelete = "structure-delete";
    public const string StructureRead = "structure-read";
    public const string ProviderOnboard = "provider-onboard";
    public const string Push = "push";
    public const string Pull = "pull";
    public const string Annotate = "annotate";
    public const string AnnotationsRead = "annotations-read";
    public const string TransfersRead = "transfers-read";
    public const string MetadataSubmit = "metadata-submit";
    public const string MetadataRead = "metadata-read";
    public const string MetadataExport = "metadata-export";
    public const string DiscrepancyAnalysis = "discrepancy-analysis";
    public const string DiscrepancyRead = "discrepancy-read";
    public const string DiscrepancyMove = "discrepancy-move";
    public const string DiscrepancyCode = "discrepancy-code";
    public const string ReportExport = "report-export";
    public const string KeyCreate = "key-create";
    public const string KeysRead = "keys-read";
    public const string KeyRevoke = "key-revoke";
    public const string Whoami = "whoami";
    public const string UserInvite = "user-invite";

    /// <summary>The group's forum: reading its threads, and opening or replying to one.</summary>
    public const string ForumRead = "forum-read";
    public const string ForumPost = "forum-post";

    /// <summary>The portal's sign-in, sign-up and assets: open to anyone.</summary>
    public const string PortalPublic = "portal-public";

    /// <summary>The portal's pages: any signed-in person (finer rules per page are the use cases').</summary>
    public const string Portal = "portal";
    public const string CatalogImport = "catalog-import";
    public const string CatalogDelete = "catalog-delete";
    public const string CatalogRead = "catalog-read";
    public const string InventoryRead = "inventory-read";
    public const string InventoryReportExport = "inventory-report-export";
    public const string SdmxData = "sdmx-data";
    public const string SdmxUnknown = "sdmx-unknown";
    public const string Health = "health";
    public const string About = "about";
    public const string Reflection = "reflection";
}

/// <summary>
/// The one table of who may do what, by operation, for every transport: gRPC, SDMX REST, the report endpoints and the
/// portal only establish who the caller is and which operation a request is (the server's route table), and ask this
/// policy. Finer rules that depend on the request — a provider pushes only as its own organisation and only its areas,
/// an agency only REPORTING_TYPE=G series, non-coordinators read only their own transfers — are the use cases'.
/// </summary>
public static class AccessPolicy
{
    private static readonly Dictionary<string, AccessRule> Rules = new(StringComparer.Ordinal)
    {
        [Operations.StructureSubmit] = Only("structure-submit", Roles.Admin),
        [Operations.StructureDelete] = Only("structure-delete", Roles.Admin),
        [Operations.StructureRead] = Anyone("structure-read"),
        [Operations.ProviderOnboard] = Only("structure-submit", Roles.Coordinator, Roles.Admin),
        [Operations.Push] = Only("push", Roles.Provider, Roles.Agency),
        [Operations.Pull] = Anyone("pull"),
        [Operations.Annotate] = Only("annotate", Roles.Provider, Roles.Agency, Roles.Coordinator),
        [Operations.AnnotationsRead] = AnyRole("annotations-read"),
        [Operations.TransfersRead] = AnyRole("transfers-read"),
        [Operations.MetadataSubmit] = Only("metadata-submit", Roles.Provider, Roles.Agency, Roles.Coordinator),
        [Operations.MetadataRead] = AnyRole("metadata-read"),
        [Operations.MetadataExport] = AnyRole("metadata-export"),
        [Operations.DiscrepancyAnalysis] = Only("discrepancy-analysis", Roles.Agency, Roles.Coordinator, Roles.Admin),
        [Operations.DiscrepancyRead] = AnyRole("discrepancy-read"),
        [Operations.DiscrepancyMove] = Only("discrepancy-move", Roles.Provider, Roles.Agency, Roles.Coordinator),
        [Operations.DiscrepancyCode] = Only("discrepancy-code", Roles.Provider, Roles.Agency, Roles.Coordinator),
        [Operations.ReportExport] = AnyRole("report-export"),
        [Operations.KeyCreate] = Only("key-create", Roles.Admin),
        [Operations.KeysRead] = Only("keys-read", Roles.Admin),
        [Operations.KeyRevoke] = Only("key-revoke", Roles.Admin),
        [Operations.UserInvite] = Only("user-invite", Roles.Coordinator, Roles.Admin),
        [Operations.ForumRead] = AnyRole("forum-read"),
        [Operations.ForumPost] = Only("forum-post", Roles.Provider, Roles.Agency, Roles.Coordinator, Roles.Admin),
        [Operations.PortalPublic] = Anyone("portal"),
        [Operations.Portal] = AnyRole("portal"),
        [Operations.Whoami] = Anyone("whoami"),
        [Operations.CatalogImport] = Only("catalog-import", Roles.Provider, Roles.Coordinator, Roles.Admin),
        [Operations.CatalogDelete] = Only("catalog-delete", Roles.Provider, Roles.Coordinator, Roles.Admin),
        [Operations.CatalogRead] = AnyRole("catalog-read"),
        [Operations.InventoryRead] = Only("inventory-read", Roles.Coordinator, Roles.Admin),
        [Operations.InventoryReportExport] = Only("report-export", Roles.Coordinator, Roles.Admin),
        [Operations.SdmxData] = Anyone("sdmx-data"),
        [Operations.SdmxUnknown] = Anyone("sdmx-unknown"),
        [Operations.Health] = Anyone("health"),
        [Operations.About] = Anyone("about"),
        [Operations.Reflection] = Anyone("reflection"),
    };

    public static IReadOnlyDictionary<string, AccessRule> All => Rules;

    /// <summary>The rule of an operation; null for an operation the policy does not know (refused).</summary>
    public static AccessRule? For(string operation) => Rules.GetValueOrDefault(operation);

    /// <summary>Whether <paramref name="caller"/> may do <paramref name="operation"/>; an unknown operation is allowed to no one.</summary>
    public static bool Allows(Caller caller, string operation) => For(operation)?.Allows(caller) ?? false;

    private static AccessRule Anyone(string kind) => new(kind, Public: true, AnyRole: true, new HashSet<string>());

    private static AccessRule AnyRole(string kind) => new(kind, Public: false, AnyRole: true, new HashSet<string>());

    private static AccessRule Only(string kind, params string[] roles) => new(kind, Public: false, AnyRole: false, roles.ToHashSet(StringComparer.Ordinal));
}
