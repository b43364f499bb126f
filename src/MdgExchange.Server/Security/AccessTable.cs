namespace MdgExchange.Server.Security;

/// <summary>
/// Which operation of the application core's <see cref="AccessPolicy"/> each route is: every RPC of every service the
/// server exposes, by its full gRPC path, and every HTTP endpoint, by method and route. Who may do an operation is
/// decided by the policy alone, the same for every transport; a route missing here is refused (tests check that
/// every one has a row).
/// </summary>
public static class AccessTable
{
    private static readonly Dictionary<string, string> Routes = new(StringComparer.Ordinal)
    {
        // Structures: everyone reads the registry; only the admin changes it.
        ["/mdgexchange.v1.StructureService/SubmitStructures"] = Operations.StructureSubmit,
        ["/mdgexchange.v1.StructureService/DeleteArtefact"] = Operations.StructureDelete,
        ["/mdgexchange.v1.StructureService/GetArtefact"] = Operations.StructureRead,
        ["/mdgexchange.v1.StructureService/ListArtefacts"] = Operations.StructureRead,
        ["/mdgexchange.v1.StructureService/ListCodes"] = Operations.StructureRead,

        // Onboarding a national provider (its data provider, provision agreements and area constraints) is the
        // coordinator's work (DESIGN §2) as well as the admin's; the providers are read like any structure.
        ["/mdgexchange.v1.StructureService/AddProvider"] = Operations.ProviderOnboard,
        ["/mdgexchange.v1.StructureService/ListProviders"] = Operations.StructureRead,
        ["/mdgexchange.v1.StructureService/GetProvider"] = Operations.StructureRead,

        // Data: national bodies and agencies push; everyone pulls what they may see; annotations are the parties'.
        ["/mdgexchange.v1.DataExchangeService/PushSeries"] = Operations.Push,
        ["/mdgexchange.v1.DataExchangeService/PullSeries"] = Operations.Pull,
        ["/mdgexchange.v1.DataExchangeService/AnnotateSeries"] = Operations.Annotate,
        ["/mdgexchange.v1.DataExchangeService/ListAnnotations"] = Operations.AnnotationsRead,

        // The transfer log: every authenticated caller, restricted by the service to its own organisation's
        // transfers unless coordinator or admin.
        ["/mdgexchange.v1.TransferService/ListTransfers"] = Operations.TransfersRead,
        ["/mdgexchange.v1.TransferService/GetTransfer"] = Operations.TransfersRead,

        // Reference metadata: national providers, agencies and the coordinator (regional metadata) submit their own;
        // every authenticated caller reads, compares and exports.
        ["/mdgexchange.v1.MetadataService/SubmitMetadata"] = Operations.MetadataSubmit,
        ["/mdgexchange.v1.MetadataService/GetMetadataReport"] = Operations.MetadataRead,
        ["/mdgexchange.v1.MetadataService/ListMetadataReports"] = Operations.MetadataRead,
        ["/mdgexchange.v1.MetadataService/CompareMetadata"] = Operations.MetadataRead,
        ["/mdgexchange.v1.MetadataService/ExportMetadata"] = Operations.MetadataExport,

        // Discrepancies: the coordinator, admins and agencies run the analysis; every authenticated caller reads the
        // pairs; the parties of a pair (checked by the service) and the coordinator move it and change its codes.
        ["/mdgexchange.v1.DiscrepancyService/RunAnalysis"] = Operations.DiscrepancyAnalysis,
        ["/mdgexchange.v1.DiscrepancyService/ListPairs"] = Operations.DiscrepancyRead,
        ["/mdgexchange.v1.DiscrepancyService/GetPair"] = Operations.DiscrepancyRead,
        ["/mdgexchange.v1.DiscrepancyService/MovePair"] = Operations.DiscrepancyMove,
        ["/mdgexchange.v1.DiscrepancyService/ChangeCode"] = Operations.DiscrepancyCode,
        ["/mdgexchange.v1.DiscrepancyService/RenderDiscrepancyReport"] = Operations.ReportExport,

        // Keys: the admin's.
        ["/mdgexchange.v1.KeyService/CreateKey"] = Operations.KeyCreate,
        ["/mdgexchange.v1.UserService/InviteUser"] = Operations.UserInvite,
        ["/mdgexchange.v1.KeyService/ListKeys"] = Operations.KeysRead,
        ["/mdgexchange.v1.KeyService/RevokeKey"] = Operations.KeyRevoke,
        ["/mdgexchange.v1.KeyService/WhoAmI"] = Operations.Whoami,

        // The catalogue of statistical operations: every authenticated caller reads it (it describes national
        // sources, not data, but stays behind credentials like the transfer log); coordinators and admins write any
        // country, a provider only the countries its provision agreements name (checked by CatalogWriter).
        ["/mdgexchange.v1.CatalogService/ImportOperations"] = Operations.CatalogImport,
        ["/mdgexchange.v1.CatalogService/DeleteOperation"] = Operations.CatalogDelete,
        ["/mdgexchange.v1.CatalogService/ListOperations"] = Operations.CatalogRead,
        ["/mdgexchange.v1.CatalogService/GetOperation"] = Operations.CatalogRead,
        ["/mdgexchange.v1.CatalogService/ListGaps"] = Operations.CatalogRead,
        ["/mdgexchange.v1.CatalogService/ListCitations"] = Operations.CatalogRead,
        ["/mdgexchange.v1.CatalogService/RenderCatalogReport"] = Operations.ReportExport,

        // The information-flow inventory: who sends what to whom, across every organisation, so coordinators and
        // admins only (DESIGN §2); each report export is recorded as a transfer.
        ["/mdgexchange.v1.InventoryService/ListFlows"] = Operations.InventoryRead,
        ["/mdgexchange.v1.InventoryService/GetChain"] = Operations.InventoryRead,
        ["/mdgexchange.v1.InventoryService/ListInventoryGaps"] = Operations.InventoryRead,
        ["/mdgexchange.v1.InventoryService/RenderInventoryReport"] = Operations.InventoryReportExport,

        // SDMX REST: everyone reads, as over gRPC (what a caller sees is decided by the pull: embargoed values only
        // for their owners, those they shared them with, the coordinator and the admin); the admin submits
        // structures; national providers and agencies push data (checked per series by the push, as over gRPC).
        ["GET " + Rest.SdmxRestEndpoints.V1Data] = Operations.SdmxData,
        ["GET " + Rest.SdmxRestEndpoints.V2Data] = Operations.SdmxData,
        ["GET " + Rest.SdmxRestEndpoints.V1Availability] = Operations.SdmxData,
        ["GET " + Rest.SdmxRestEndpoints.V2Availability] = Operations.SdmxData,
        ["GET " + Rest.SdmxRestEndpoints.V1Structure] = Operations.StructureRead,
        ["GET " + Rest.SdmxRestEndpoints.V2Structure] = Operations.StructureRead,
        ["POST " + Rest.SdmxRestEndpoints.V1PostStructure] = Operations.StructureSubmit,
        ["POST " + Rest.SdmxRestEndpoints.V2PostStructure] = Operations.StructureSubmit,
        ["POST " + Rest.SdmxRestEndpoints.V1PostData] = Operations.Push,
        ["POST " + Rest.SdmxRestEndpoints.V2PostData] = Operations.Push,
        ["GET " + Rest.SdmxRestEndpoints.Unknown] = Operations.SdmxUnknown,
        ["POST " + Rest.SdmxRestEndpoints.Unknown] = Operations.SdmxUnknown,

        // Other HTTP endpoints, by method and path.
        ["GET /healthz"] = Operations.Health,
        ["GET /about"] = Operations.About,

        // The portal: sign-in, sign-up and its stylesheet are open; every page needs a signed-in person.
        ["GET /login"] = Operations.PortalPublic,
        ["POST /login"] = Operations.PortalPublic,
        ["GET /signup"] = Operations.PortalPublic,
        ["POST /signup"] = Operations.PortalPublic,
        ["GET " + Portal.PortalAssets.StylesheetPath] = Operations.PortalPublic,
        ["GET " + Portal.PortalAssets.UploadScriptPath] = Operations.PortalPublic,
        // Where a sign-in through the OpenID Connect issuer lands (its callback, /signin-oidc, is the authentication
        // middleware's and reaches no endpoint).
        ["GET /login/complete"] = Operations.PortalPublic,
        ["GET /logout"] = Operations.Portal,
        ["POST /logout"] = Operations.Portal,
        ["GET /"] = Operations.Portal,
        ["GET /upload"] = Operations.Push,
        ["POST /upload"] = Operations.Push,
        ["GET /series"] = Operations.Portal,
        ["POST /series"] = Operations.Annotate,
        ["GET /new"] = Operations.Portal,
        ["GET /reports"] = Operations.Portal,
        ["GET /discrepancies"] = Operations.DiscrepancyRead,
        ["POST /discrepancies"] = Operations.DiscrepancyAnalysis,
        ["GET /discrepancies/pair"] = Operations.DiscrepancyRead,
        // Moving, changing a code and asking share the roles of their gRPC twins; which party may do what is the use cases'.
        ["POST /discrepancies/pair"] = Operations.DiscrepancyMove,
        // The group's forum: reading is anyone's who signed in; opening a thread and replying are forum-post.
        ["GET /forum"] = Operations.ForumRead,
        ["POST /forum"] = Operations.ForumPost,
        ["GET /forum/thread"] = Operations.ForumRead,
        ["POST /forum/thread"] = Operations.ForumPost,
        // Metadata, the catalogue's technical sheets and onboarding: each page has the operation of its gRPC twin.
        ["GET /metadata"] = Operations.MetadataRead,
        ["GET /metadata/compare"] = Operations.MetadataRead,
        ["GET /metadata/edit"] = Operations.MetadataSubmit,
        ["POST /metadata/edit"] = Operations.MetadataSubmit,
        ["GET /catalog"] = Operations.CatalogRead,
        ["GET /catalog/edit"] = Operations.CatalogImport,
        ["POST /catalog/edit"] = Operations.CatalogImport,
        ["GET /catalog/delete"] = Operations.CatalogDelete,
        ["POST /catalog/delete"] = Operations.CatalogDelete,
        ["GET /onboard"] = Operations.ProviderOnboard,
        ["POST /onboard"] = Operations.ProviderOnboard,
        ["GET /onboard/invite"] = Operations.UserInvite,
        ["POST /onboard/invite"] = Operations.UserInvite,
        ["GET /reports/catalog"] = Operations.ReportExport,
        ["GET /reports/inventory"] = Operations.InventoryReportExport,
        ["GET /reports/discrepancies"] = Operations.ReportExport,

        // Probes and discovery.
        ["/grpc.health.v1.Health/Check"] = Operations.Health,
        ["/grpc.health.v1.Health/Watch"] = Operations.Health,
        ["/grpc.reflection.v1alpha.ServerReflection/ServerReflectionInfo"] = Operations.Reflection,
        ["/grpc.reflection.v1.ServerReflection/ServerReflectionInfo"] = Operations.Reflection,
    };

    /// <summary>Every route with the rule of its operation.</summary>
    public static IReadOnlyDictionary<string, AccessRule> All { get; } =
        Routes.ToDictionary(route => route.Key, route => AccessPolicy.For(route.Value)!, StringComparer.Ordinal);

    /// <summary>The portal's pages a person opens in a browser: signed out, they are sent to sign in.</summary>
    public static IReadOnlySet<string> PortalPages { get; } = new HashSet<string>(["GET /", "GET /upload", "GET /logout", "GET /series", "GET /new", "GET /reports", "GET /discrepancies", "GET /discrepancies/pair", "GET /metadata", "GET /metadata/compare", "GET /metadata/edit", "GET /catalog", "GET /catalog/edit", "GET /onboard", "GET /onboard/invite", "GET /forum", "GET /forum/thread"], StringComparer.Ordinal);

    /// <summary>The operation a route is; null for a route no one may call.</summary>
    public static string? OperationOf(string route) => Routes.GetValueOrDefault(route);

    /// <summary>The rule the application core's policy applies to a route's operation.</summary>
    public static AccessRule? For(string route) => OperationOf(route) is { } operation ? AccessPolicy.For(operation) : null;
}
