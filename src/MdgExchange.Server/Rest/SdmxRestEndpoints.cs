using MdgExchange.Domain.Structure;
using Microsoft.Extensions.Options;

namespace MdgExchange.Server.Rest;

/// <summary>
/// The SDMX REST API on the HTTP endpoint: 1.5 (SDMX 2.1) under <see cref="V1"/> and 2.x under <see cref="V2"/> —
/// data, structure and availability queries, and the maintenance API's POSTs. Every route is a row of
/// <see cref="Security.AccessTable"/>; errors are SDMX error messages in the format the client accepts.
/// </summary>
public static class SdmxRestEndpoints
{
    public const string V1 = "/sdmx/rest";
    public const string V2 = "/sdmx/v2";

    public const string V1Data = V1 + "/data/{flowRef}/{key?}/{providerRef?}";
    public const string V1Availability = V1 + "/availableconstraint/{flowRef}/{key?}/{providerRef?}/{componentID?}";
    public const string V1Structure = V1 + "/{structureType}/{agencyID?}/{resourceID?}/{version?}/{itemID?}";
    public const string V1PostStructure = V1 + "/structure";
    public const string V1PostData = V1 + "/data/{flowRef}";
    public const string V2Data = V2 + "/data/{context?}/{agencyID?}/{resourceID?}/{version?}/{key?}";
    public const string V2Availability = V2 + "/availability/{context?}/{agencyID?}/{resourceID?}/{version?}/{key?}/{componentID?}";
    public const string V2Structure = V2 + "/structure/{structureType?}/{agencyID?}/{resourceID?}/{version?}/{itemID?}";
    public const string V2PostStructure = V2 + "/structure";
    public const string V2PostData = V2 + "/data/{context}/{agencyID}/{resourceID}/{version}";

    /// <summary>The CORS policy of the API's routes (origins from <c>MdgExchange:CorsOrigins</c>).</summary>
    public const string CorsPolicy = "sdmx-rest";

    /// <summary>Any other path under the APIs: an SDMX 400 instead of an empty 404.</summary>
    public const string Unknown = "/sdmx/{**path}";

    public static IEndpointRouteBuilder MapSdmxRest(this IEndpointRouteBuilder root)
    {
        // Every route of the API in one group, for the CORS policy of browser clients (a data explorer).
        var app = root.MapGroup("").RequireCors(CorsPolicy);
        app.MapGet(V1Data, (HttpContext http, RestDataService data, string flowRef, string? key, string? providerRef) => Run(http, async () =>
        {
            var format = RestFormats.Negotiate(Accept(http), Format(http), structure: false, RestApi.V1);
            var request = RestQueryParser.ParseV1Data(flowRef, key, providerRef, http.Request.Query);
            await data.WriteDataAsync(http, request, format);
        }));
        app.MapGet(V2Data, (HttpContext http, RestDataService data, IOptions<MdgExchangeOptions> options, string? context, string? agencyID, string? resourceID, string? version, string? key) => Run(http, async () =>
        {
            var format = RestFormats.Negotiate(Accept(http), Format(http), structure: false, RestApi.V2);
            var request = RestQueryParser.ParseV2Data(context ?? "*", agencyID ?? "*", resourceID ?? "*", version ?? "*", key, http.Request.Query);
            if (request.Limit > options.Value.Limits.MaxRestPage)
            {
                throw SdmxRestException.TooLarge($"limit: at most {options.Value.Limits.MaxRestPage} series per page (MdgExchange:Limits:MaxRestPage); page with offset");
            }

            await data.WriteDataAsync(http, request, format);
        }));
        app.MapGet(V1Availability, (HttpContext http, RestDataService data, RestStructureService structures, string flowRef, string? key, string? providerRef, string? componentID) => Run(http, async () =>
        {
            var format = RestFormats.Negotiate(Accept(http), Format(http), structure: true, RestApi.V1);
            var request = RestQueryParser.ParseV1Data(flowRef, key, providerRef, http.Request.Query);
            var constraint = await data.AvailabilityAsync(http, request, componentID, Mode(http));
            await WriteStructuresAsync(http, format, [constraint, .. await AvailabilityReferencesAsync(http, structures, constraint)]);
        }));
        app.MapGet(V2Availability, (HttpContext http, RestDataService data, RestStructureService structures, string? context, string? agencyID, string? resourceID, string? version, string? key, string? componentID) => Run(http, async () =>
        {
            var format = RestFormats.Negotiate(Accept(http), Format(http), structure: true, RestApi.V2);
            var request = RestQueryParser.ParseV2Data(context ?? "*", agencyID ?? "*", resourceID ?? "*", version ?? "*", key, http.Request.Query);
            var constraint = await data.AvailabilityAsync(http, request, componentID is null or "*" ? null : componentID, Mode(http));
            await WriteStructuresAsync(http, format, [constraint, .. await AvailabilityReferencesAsync(http, structures, constraint)]);
        }));
        app.MapGet(V1Structure, (HttpContext http, RestStructureService structures, string structureType, string? agencyID, string? resourceID, string? version, string? itemID) => Run(http, async () =>
        {
            var format = RestFormats.Negotiate(Accept(http), Format(http), structure: true, RestApi.V1);
            var request = RestQueryParser.ParseV1Structure(structureType, agencyID, resourceID, version, itemID, http.Request.Query);
            var artefacts = await structures.QueryAsync(request, BaseUrl(http, V1), http.RequestAborted);
            await WriteStructuresAsync(http, format, artefacts);
        }));
        app.MapGet(V2Structure, (HttpContext http, RestStructureService structures, string? structureType, string? agencyID, string? resourceID, string? version, string? itemID) => Run(http, async () =>
        {
            var format = RestFormats.Negotiate(Accept(http), Format(http), structure: true, RestApi.V2);
            var request = RestQueryParser.ParseV2Structure(structureType ?? "*", agencyID ?? "*", resourceID ?? "*", version ?? "~", itemID, http.Request.Query);
            var artefacts = await structures.QueryAsync(request, BaseUrl(http, V1), http.RequestAborted);
            await WriteStructuresAsync(http, format, artefacts);
        }));
        app.MapPost(V1PostStructure, (HttpContext http, RestImportService imports) => Run(http, () => imports.SubmitStructuresAsync(http)));
        app.MapPost(V2PostStructure, (HttpContext http, RestImportService imports) => Run(http, () => imports.SubmitStructuresAsync(http)));
        app.MapPost(V1PostData, (HttpContext http, RestImportService imports, string flowRef) => Run(http, () =>
            imports.PushDataAsync(http, RestQueryParser.ParseV1Data(flowRef, null, null, EmptyQuery))));
        app.MapPost(V2PostData, (HttpContext http, RestImportService imports, string context, string agencyID, string resourceID, string version) => Run(http, () =>
            imports.PushDataAsync(http, RestQueryParser.ParseV2Data(context, agencyID, resourceID, version, null, EmptyQuery))));
        app.MapMethods(Unknown, ["GET", "POST"], (HttpContext http, string path) => Run(http, () =>
            throw SdmxRestException.Syntax($"/sdmx/{path} is not an SDMX REST resource: see {V1}/data/{{flowRef}}/{{key}}, {V1}/{{structureType}}/{{agency}}/{{id}}/{{version}}, {V2}/data/dataflow/{{agency}}/{{id}}/{{version}}/{{key}} or {V2}/structure/{{type}}/{{agency}}/{{id}}/{{version}}")));
        return root;
    }

    private static readonly QueryCollection EmptyQuery = new();

    /// <summary>Availability <c>mode</c>: <c>exact</c> (the default) or <c>available</c>.</summary>
    private static bool Mode(HttpContext http) => http.Request.Query["mode"].ToString() switch
    {
        "" or "exact" => false,
        "available" => true,
        var other => throw SdmxRestException.Syntax($"mode: must be exact or available, not '{other}'"),
    };

    /// <summary>
    /// Availability <c>references</c>: <c>none</c> (the default), <c>all</c> (the dataflow and everything it uses:
    /// data structure, codelists, concept schemes), or one of those types.
    /// </summary>
    private static async Task<IReadOnlyList<MaintainableArtefact>> AvailabilityReferencesAsync(HttpContext http, RestStructureService structures, ContentConstraint constraint)
    {
        var references = http.Request.Query["references"].ToString();
        if (references is "" or "none")
        {
            return [];
        }

        ArtefactType? only = null;
        if (references != "all" && references != "descendants")
        {
            only = ArtefactTypes.TryParse(references, out var type) && type is ArtefactType.Dataflow or ArtefactType.DataStructure or ArtefactType.Codelist or ArtefactType.ConceptScheme
                ? type
                : throw SdmxRestException.Syntax($"references: must be none, all, dataflow, datastructure, codelist or conceptscheme, not '{references}'");
        }

        var flow = constraint.Attachments[0];
        var artefacts = await structures.QueryAsync(
            new StructureQuery
            {
                Types = [ArtefactType.Dataflow], AgencyIds = [flow.AgencyId], ResourceIds = [flow.Id], VersionPattern = flow.Version,
                References = StructureReferences.Descendants,
            },
            BaseUrl(http, V1),
            http.RequestAborted);
        return artefacts.Where(a => only is null || a.Type == only).ToList();
    }

    /// <summary>The client's preferred language (<c>Accept-Language</c>, by quality), as a primary subtag: <c>es</c> for <c>es-AR</c>.</summary>
    private static string? Language(HttpContext http) =>
        http.Request.GetTypedHeaders().AcceptLanguage
            .Where(l => l.Value.HasValue && l.Value.Value != "*" && (l.Quality ?? 1) > 0)
            .OrderByDescending(l => l.Quality ?? 1)
            .Select(l => l.Value.Value!.Split('-')[0].ToLowerInvariant())
            .FirstOrDefault();

    private static string? Accept(HttpContext http) => http.Request.Headers.Accept.ToString() is { Length: > 0 } accept ? accept : null;

    private static string? Format(HttpContext http) => http.Request.Query["format"].ToString() is { Length: > 0 } format ? format : null;

    /// <summary>The API's base URL as the client called it (for stubs' structure URLs).</summary>
    private static string BaseUrl(HttpContext http, string api) => $"{http.Request.Scheme}://{http.Request.Host}{http.Request.PathBase}{api}";

    private static async Task WriteStructuresAsync(HttpContext http, NegotiatedFormat format, IReadOnlyList<MaintainableArtefact> artefacts)
    {
        var structure = format.Structure ?? throw SdmxRestException.NotAcceptable("a structure query answers with a structure message: SDMX-ML 2.1 structure or SDMX-JSON structure");
        var clock = http.RequestServices.GetRequiredService<TimeProvider>();

        // Structure messages are small next to data: formatted in memory, then sent with their length.
        await using var buffer = new MemoryStream();
        RestStructureService.Write(buffer, structure, artefacts, clock.GetUtcNow(), Language(http));
        http.Response.StatusCode = StatusCodes.Status200OK;
        http.Response.ContentType = format.MediaType;
        http.Response.ContentLength = buffer.Length;
        buffer.Position = 0;
        await buffer.CopyToAsync(http.Response.Body, http.RequestAborted);
    }

    /// <summary>
    /// Runs a REST action: its <see cref="SdmxRestException"/> becomes the SDMX error message; an unexpected failure a
    /// 500 that says nothing of the server's insides. Once a streamed response has begun, a failure can no longer
    /// change the status: the connection is aborted, so that the client sees a broken message, not a short one.
    /// </summary>
    private static async Task Run(HttpContext http, Func<Task> action)
    {
        http.Response.Headers.Vary = "Accept, Accept-Encoding";
        try
        {
            await action();
        }
        catch (SdmxRestException ex) when (!http.Response.HasStarted)
        {
            await SdmxErrorWriter.WriteAsync(http.Response, ex, Accept(http));
        }
        catch (Exception ex) when (SdmxRestErrors.IsExchangeError(ex) && !http.Response.HasStarted)
        {
            // The application core's errors, mapped by the one function every REST endpoint shares.
            await SdmxErrorWriter.WriteAsync(http.Response, SdmxRestErrors.From(ex), Accept(http));
        }
        catch (OperationCanceledException) when (http.RequestAborted.IsCancellationRequested)
        {
            // The client went away; the transfer was recorded as cancelled.
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            Hosting.HostLog.RestFailed(http.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(SdmxRestEndpoints)), ex, http.Request.Method, http.Request.Path);
            if (http.Response.HasStarted)
            {
                http.Abort();
                return;
            }

            await SdmxErrorWriter.WriteAsync(http.Response, new SdmxRestException(StatusCodes.Status500InternalServerError, 500, "the server failed to answer; the failure is logged"), Accept(http));
        }
    }
}
