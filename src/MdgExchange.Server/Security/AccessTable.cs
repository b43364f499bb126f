namespace MdgExchange.Server.Security;

/// <summary>Who may call an RPC: anyone (<see cref="Public"/>), any authenticated caller, or the roles listed.</summary>
public sealed record AccessRule(string Kind, bool Public, bool AnyRole, IReadOnlySet<string> Roles)
{
    public bool Allows(Caller caller)
    {
        ArgumentNullException.ThrowIfNull(caller);
        return Public || (caller.IsAuthenticated && (AnyRole || Roles.Overlaps(caller.Roles)));
    }

    /// <summary>For messages: <c>public</c>, <c>any authenticated caller</c> or the roles.</summary>
    public string Describe() => Public ? "anyone" : AnyRole ? "any authenticated caller" : "the role " + string.Join(" or ", Roles.Order(StringComparer.Ordinal));
}

/// <summary>
/// The one table of who may call what: every RPC of every service the server exposes, by its full gRPC path, and
/// every HTTP endpoint, by method and route. A method or endpoint missing from the table is refused (tests check
/// that every one has a row). Finer rules — a provider
/// pushes only as its own organisation, an agency only REPORTING_TYPE=G series, non-coordinators read only their
/// own transfers — are applied by the services, which know the request.
/// </summary>
public static class AccessTable
{
    private static readonly Dictionary<string, AccessRule> Rules = new(StringComparer.Ordinal)
    {
        // Structures: everyone reads the registry; only the admin changes it.
        ["/mdgexchange.v1.StructureService/SubmitStructures"] = Only("structure-submit", Roles.Admin),
        ["/mdgexchange.v1.StructureService/DeleteArtefact"] = Only("structure-delete", Roles.Admin),
        ["/mdgexchange.v1.StructureService/GetArtefact"] = Anyone("structure-read"),
        ["/mdgexchange.v1.StructureService/ListArtefacts"] = Anyone("structure-read"),
        ["/mdgexchange.v1.StructureService/ListCodes"] = Anyone("structure-read"),

        // Onboarding a national provider (its data provider, provision agreements and area constraints) is the
        // coordinator's work (DESIGN §2) as well as the admin's; the providers are read like any structure.
        ["/mdgexchange.v1.StructureService/AddProvider"] = Only("structure-submit", Roles.Coordinator, Roles.Admin),
        ["/mdgexchange.v1.StructureService/ListProviders"] = Anyone("structure-read"),
        ["/mdgexchange.v1.StructureService/GetProvider"] = Anyone("structure-read"),

        // Data: national bodies and agencies push; everyone pulls what they may see; annotations are the parties'.
        ["/mdgexchange.v1.DataExchangeService/PushSeries"] = Only("push", Roles.Provider, Roles.Agency),
        ["/mdgexchange.v1.DataExchangeService/PullSeries"] = Anyone("pull"),
        ["/mdgexchange.v1.DataExchangeService/AnnotateSeries"] = Only("annotate", Roles.Provider, Roles.Agency, Roles.Coordinator),
        ["/mdgexchange.v1.DataExchangeService/ListAnnotations"] = AnyRole("annotations-read"),

        // The transfer log: every authenticated caller, restricted by the service to its own organisation's
        // transfers unless coordinator or admin.
        ["/mdgexchange.v1.TransferService/ListTransfers"] = AnyRole("transfers-read"),
        ["/mdgexchange.v1.TransferService/GetTransfer"] = AnyRole("transfers-read"),

        // Reference metadata: national providers, agencies and the coordinator (regional metadata) submit their own;
        // every authenticated caller reads, compares and exports.
        ["/mdgexchange.v1.MetadataService/SubmitMetadata"] = Only("metadata-submit", Roles.Provider, Roles.Agency, Roles.Coordinator),
        ["/mdgexchange.v1.MetadataService/GetMetadataReport"] = AnyRole("metadata-read"),
        ["/mdgexchange.v1.MetadataService/ListMetadataReports"] = AnyRole("metadata-read"),
        ["/mdgexchange.v1.MetadataService/CompareMetadata"] = AnyRole("metadata-read"),
        ["/mdgexchange.v1.MetadataService/ExportMetadata"] = AnyRole("metadata-export"),

        // Discrepancies: the coordinator, admins and agencies run the analysis; every authenticated caller reads the
        // pairs; the parties of a pair (checked by the service) and the coordinator move it and change its codes.
        ["/mdgexchange.v1.DiscrepancyService/RunAnalysis"] = Only("discrepancy-analysis", Roles.Agency, Roles.Coordinator, Roles.Admin),
        ["/mdgexchange.v1.DiscrepancyService/ListPairs"] = AnyRole("discrepancy-read"),
        ["/mdgexchange.v1.DiscrepancyService/GetPair"] = AnyRole("discrepancy-read"),
        ["/mdgexchange.v1.DiscrepancyService/MovePair"] = Only("discrepancy-move", Roles.Provider, Roles.Agency, Roles.Coordinator),
        ["/mdgexchange.v1.DiscrepancyService/ChangeCode"] = Only("discrepancy-code", Roles.Provider, Roles.Agency, Roles.Coordinator),
        ["/mdgexchange.v1.DiscrepancyService/RenderDiscrepancyReport"] = AnyRole("report-export"),

        // Keys: the admin's.
        ["/mdgexchange.v1.KeyService/CreateKey"] = Only("key-create", Roles.Admin),
        ["/mdgexchange.v1.KeyService/ListKeys"] = Only("keys-read", Roles.Admin),
        ["/mdgexchange.v1.KeyService/RevokeKey"] = Only("key-revoke", Roles.Admin),
        ["/mdgexchange.v1.KeyService/WhoAmI"] = Anyone("whoami"),

        // The catalogue of statistical operations: every authenticated caller reads it (it describes national
        // sources, not data, but stays behind credentials like the transfer log); coordinators and admins write any
        // country, a provider only the countries its provision agreements name (checked by CatalogWriter).
        ["/mdgexchange.v1.CatalogService/ImportOperations"] = Only("catalog-import", Roles.Provider, Roles.Coordinator, Roles.Admin),
        ["/mdgexchange.v1.CatalogService/DeleteOperation"] = Only("catalog-delete", Roles.Provider, Roles.Coordinator, Roles.Admin),
        ["/mdgexchange.v1.CatalogService/ListOperations"] = AnyRole("catalog-read"),
        ["/mdgexchange.v1.CatalogService/GetOperation"] = AnyRole("catalog-read"),
        ["/mdgexchange.v1.CatalogService/ListGaps"] = AnyRole("catalog-read"),
        ["/mdgexchange.v1.CatalogService/ListCitations"] = AnyRole("catalog-read"),
        ["/mdgexchange.v1.CatalogService/RenderCatalogReport"] = AnyRole("report-export"),

        // The information-flow inventory: who sends what to whom, across every organisation, so coordinators and
        // admins only (DESIGN §2); each report export is recorded as a transfer.
        ["/mdgexchange.v1.InventoryService/ListFlows"] = Only("inventory-read", Roles.Coordinator, Roles.Admin),
        ["/mdgexchange.v1.InventoryService/GetChain"] = Only("inventory-read", Roles.Coordinator, Roles.Admin),
        ["/mdgexchange.v1.InventoryService/ListInventoryGaps"] = Only("inventory-read", Roles.Coordinator, Roles.Admin),
        ["/mdgexchange.v1.InventoryService/RenderInventoryReport"] = Only("report-export", Roles.Coordinator, Roles.Admin),

        // SDMX REST: everyone reads, as over gRPC (what a caller sees is decided by the pull: embargoed values only
        // for their owners, those they shared them with, the coordinator and the admin); the admin submits
        // structures; national providers and agencies push data (checked per series by the push, as over gRPC).
        ["GET " + Rest.SdmxRestEndpoints.V1Data] = Anyone("sdmx-data"),
        ["GET " + Rest.SdmxRestEndpoints.V2Data] = Anyone("sdmx-data"),
        ["GET " + Rest.SdmxRestEndpoints.V1Availability] = Anyone("sdmx-data"),
        ["GET " + Rest.SdmxRestEndpoints.V2Availability] = Anyone("sdmx-data"),
        ["GET " + Rest.SdmxRestEndpoints.V1Structure] = Anyone("structure-read"),
        ["GET " + Rest.SdmxRestEndpoints.V2Structure] = Anyone("structure-read"),
        ["POST " + Rest.SdmxRestEndpoints.V1PostStructure] = Only("structure-submit", Roles.Admin),
        ["POST " + Rest.SdmxRestEndpoints.V2PostStructure] = Only("structure-submit", Roles.Admin),
        ["POST " + Rest.SdmxRestEndpoints.V1PostData] = Only("push", Roles.Provider, Roles.Agency),
        ["POST " + Rest.SdmxRestEndpoints.V2PostData] = Only("push", Roles.Provider, Roles.Agency),
        ["GET " + Rest.SdmxRestEndpoints.Unknown] = Anyone("sdmx-unknown"),
        ["POST " + Rest.SdmxRestEndpoints.Unknown] = Anyone("sdmx-unknown"),

        // Other HTTP endpoints, by method and path.
        ["GET /healthz"] = Anyone("health"),
        ["GET /"] = Anyone("about"),
        ["GET /reports/catalog"] = AnyRole("report-export"),
        ["GET /reports/inventory"] = Only("report-export", Roles.Coordinator, Roles.Admin),
        ["GET /reports/discrepancies"] = AnyRole("report-export"),

        // Probes and discovery.
        ["/grpc.health.v1.Health/Check"] = Anyone("health"),
        ["/grpc.health.v1.Health/Watch"] = Anyone("health"),
        ["/grpc.reflection.v1alpha.ServerReflection/ServerReflectionInfo"] = Anyone("reflection"),
        ["/grpc.reflection.v1.ServerReflection/ServerReflectionInfo"] = Anyone("reflection"),
    };

    public static IReadOnlyDictionary<string, AccessRule> All => Rules;

    public static AccessRule? For(string method) => Rules.GetValueOrDefault(method);

    private static AccessRule Anyone(string kind) => new(kind, Public: true, AnyRole: true, new HashSet<string>());

    private static AccessRule AnyRole(string kind) => new(kind, Public: false, AnyRole: true, new HashSet<string>());

    private static AccessRule Only(string kind, params string[] roles) => new(kind, Public: false, AnyRole: false, roles.ToHashSet(StringComparer.Ordinal));
}
