using System.Text;
using System.Xml;
using MdgExchange.Domain.Registry;
using MdgExchange.Sdmx.Ml;
using MdgExchange.Application.Exchange;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Options;

namespace MdgExchange.Server.Rest;

/// <summary>
/// Imports over SDMX REST (the standard's maintenance API): a structure message POSTed to <c>/structure</c> and a
/// data message (SDMX-ML or SDMX-CSV) POSTed to a dataflow. Both go through the same services as gRPC: the same
/// validation, all-or-nothing storage and a transfer record whatever the outcome.
/// </summary>
public sealed class RestImportService(StructureRegistry registry, DataFilePush files, IOptions<MdgExchangeOptions> options)
{
    /// <summary>The SDMX-ML 2.1 registry interface media type of the submission response.</summary>
    public const string RegistryMediaType = "application/vnd.sdmx.registry+xml;version=2.1";

    /// <summary>
    /// Submits the structure message in the request body, each artefact on its own (a conflict on one does not stop
    /// the others). Answers 201 when every artefact was created, 200 when all were stored or unchanged, 409 when
    /// every one conflicts with the registry, 207 when the outcomes differ; the body is an SDMX-ML 2.1
    /// <c>SubmitStructureResponse</c> with a result per artefact.
    /// </summary>
    public async Task SubmitStructuresAsync(HttpContext http)
    {
        ArgumentNullException.ThrowIfNull(http);
        var caller = Caller.From(http.User);
        await using var body = await SpoolAsync(http);
        SubmissionResult result;
        try
        {
            result = await registry.SubmitAsync(body, partial: true, new SubmissionContext("rest", "sdmx-ml", caller.Principal, null), http.RequestAborted);
        }
        catch (SubmissionRejectedException ex)
        {
            http.Response.Headers["X-Transfer-Id"] = ex.TransferId.ToString();
            throw SdmxRestException.Syntax($"the structure message cannot be read: {ex.Message}");
        }
        catch (ConcurrentChangeException ex)
        {
            http.Response.Headers["X-Transfer-Id"] = ex.TransferId.ToString();
            throw new SdmxRestException(StatusCodes.Status409Conflict, 150, ex.Message);
        }

        var statuses = result.Plan.Artefacts.Select(Status).ToList();
        http.Response.StatusCode = statuses.Count == 0 ? StatusCodes.Status400BadRequest
            : statuses.Distinct().Count() == 1 ? statuses[0]
            : statuses.All(s => s is StatusCodes.Status200OK or StatusCodes.Status201Created) ? StatusCodes.Status200OK
            : StatusCodes.Status207MultiStatus;
        http.Response.ContentType = RegistryMediaType;
        http.Response.Headers["X-Transfer-Id"] = result.TransferId.ToString();
        await using var buffer = new MemoryStream();
        WriteSubmitResponse(buffer, result, caller.Organisation ?? "ANONYMOUS");
        buffer.Position = 0;
        await buffer.CopyToAsync(http.Response.Body, http.RequestAborted);
    }

    /// <summary>
    /// Pushes the data message in the request body to the dataflow: 201 with the counts (JSON) when stored,
    /// else the SDMX error of the refusal (400 invalid, 403 not the caller's, 404 no such dataflow, 409 a reused
    /// idempotency key, 413 over a limit). The <c>Idempotency-Key</c> header and an <c>action</c> parameter
    /// (I, A, M, R, D; else the message's own) are honoured.
    /// </summary>
    public async Task PushDataAsync(HttpContext http, RestDataRequest target)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(target);
        var cancellationToken = http.RequestAborted;
        var caller = Caller.From(http.User);
        var exchangeCaller = new ExchangeCaller("rest", caller.Principal, caller.Organisation, caller.Roles);
        await using var body = await SpoolAsync(http);

        var request = new DataFileRequest(
            target.AgencyId, target.FlowId, target.VersionPattern,
            http.Request.Query["action"].ToString(), http.Request.Headers["Idempotency-Key"].ToString(), "request body");
        DataFileResult pushed;
        try
        {
            pushed = await files.PushAsync(body, request, exchangeCaller, cancellationToken);
        }
        catch (Exception ex) when (SdmxRestErrors.IsExchangeError(ex))
        {
            http.Response.Headers["X-Transfer-Id"] = SdmxRestErrors.TransferOf(ex).ToString();
            throw SdmxRestErrors.From(ex);
        }

        var response = pushed.Push;
        http.Response.StatusCode = response.Replayed ? StatusCodes.Status200OK : StatusCodes.Status201Created;
        http.Response.Headers["X-Transfer-Id"] = response.TransferId.ToString();
        await http.Response.WriteAsJsonAsync(
            new
            {
                transferId = response.TransferId,
                dataflow = pushed.Dataflow,
                replayed = response.Replayed,
                series = response.Series,
                observations = response.Observations,
                inserted = response.Inserted,
                revised = response.Revised,
                unchanged = response.Unchanged,
                deleted = response.Deleted,
                warnings = pushed.Warnings,
            },
            cancellationToken);
    }

    /// <summary>The request body in a temporary file (readers read synchronously; Kestrel does not), within the upload limit.</summary>
    private async Task<FileStream> SpoolAsync(HttpContext http)
    {
        var limit = options.Value.Limits.MaxUploadBytes;
        if (http.Request.ContentLength > limit)
        {
            throw SdmxRestException.TooLarge($"the request body has {http.Request.ContentLength} bytes, over the limit of {limit} (MdgExchange:Limits:MaxUploadBytes)");
        }

        if (http.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } size)
        {
            size.MaxRequestBodySize = limit;
        }

        var path = Path.GetTempFileName();
        var file = new FileStream(path, FileMode.Create, FileAccess.ReadWrite, FileShare.None, 1 << 16, FileOptions.DeleteOnClose | FileOptions.Asynchronous);
        try
        {
            await http.Request.Body.CopyToAsync(file, http.RequestAborted);
            if (file.Length == 0)
            {
                throw SdmxRestException.Syntax("the request body is empty: POST an SDMX message");
            }
        }
        catch (BadHttpRequestException ex) when (ex.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            await file.DisposeAsync();
            throw SdmxRestException.TooLarge($"the request body is over the limit of {limit} bytes (MdgExchange:Limits:MaxUploadBytes)");
        }
        catch
        {
            // Whatever else stopped the upload (the client gone, an empty body), the spool goes with it.
            await file.DisposeAsync();
            throw;
        }

        file.Position = 0;
        return file;
    }

    private static int Status(ArtefactPlan plan) => plan.Outcome switch
    {
        SubmissionOutcome.Created => StatusCodes.Status201Created,
        SubmissionOutcome.Replaced or SubmissionOutcome.Unchanged => StatusCodes.Status200OK,
        SubmissionOutcome.NotApplied => StatusCodes.Status424FailedDependency,
        _ => StatusCodes.Status409Conflict,
    };

    /// <summary>SDMX-ML 2.1 <c>RegistryInterface/SubmitStructureResponse</c>: one submission result per artefact.</summary>
    internal static void WriteSubmitResponse(Stream output, SubmissionResult result, string receiver)
    {
        using var xml = XmlWriter.Create(output, new XmlWriterSettings { Indent = true, Encoding = new UTF8Encoding(false), CloseOutput = false });
        xml.WriteStartDocument();
        xml.WriteStartElement("message", "RegistryInterface", SdmxNamespaces.Message);
        xml.WriteAttributeString("xmlns", "common", null, SdmxNamespaces.Common);
        xml.WriteAttributeString("xmlns", "registry", null, SdmxNamespaces.Registry);
        xml.WriteStartElement("message", "Header", SdmxNamespaces.Message);
        xml.WriteElementString("message", "ID", SdmxNamespaces.Message, "MDGX" + result.TransferId.ToString("N").ToUpperInvariant());
        xml.WriteElementString("message", "Test", SdmxNamespaces.Message, "false");
        xml.WriteElementString("message", "Prepared", SdmxNamespaces.Message, XmlConvert.ToString(DateTimeOffset.UtcNow));
        xml.WriteStartElement("message", "Sender", SdmxNamespaces.Message);
        xml.WriteAttributeString("id", "MDGEXCHANGE");
        xml.WriteEndElement();
        xml.WriteStartElement("message", "Receiver", SdmxNamespaces.Message);
        xml.WriteAttributeString("id", receiver);
        xml.WriteEndElement();
        xml.WriteEndElement();
        xml.WriteStartElement("message", "SubmitStructureResponse", SdmxNamespaces.Message);
        foreach (var plan in result.Plan.Artefacts)
        {
            xml.WriteStartElement("registry", "SubmissionResult", SdmxNamespaces.Registry);
            xml.WriteStartElement("registry", "SubmittedStructure", SdmxNamespaces.Registry);
            xml.WriteAttributeString("action", plan.Outcome == SubmissionOutcome.Replaced ? "Replace" : "Append");
            xml.WriteStartElement("registry", "MaintainableObject", SdmxNamespaces.Registry);
            xml.WriteElementString("URN", plan.Ref.Urn);
            xml.WriteEndElement();
            xml.WriteEndElement();
            xml.WriteStartElement("registry", "StatusMessage", SdmxNamespaces.Registry);
            var failed = plan.Outcome is SubmissionOutcome.Failed or SubmissionOutcome.NotApplied;
            xml.WriteAttributeString("status", failed ? "Failure" : plan.Messages.Count > 0 ? "Warning" : "Success");
            var texts = plan.Messages.Count > 0 ? plan.Messages : [$"{plan.Outcome.ToString().ToLowerInvariant()}"];
            foreach (var text in texts)
            {
                xml.WriteStartElement("registry", "MessageText", SdmxNamespaces.Registry);
                xml.WriteAttributeString("code", Status(plan).ToString(System.Globalization.CultureInfo.InvariantCulture));
                xml.WriteStartElement("common", "Text", SdmxNamespaces.Common);
                xml.WriteAttributeString("xml", "lang", null, "en");
                xml.WriteString(text);
                xml.WriteEndElement();
                xml.WriteEndElement();
            }

            xml.WriteEndElement();
            xml.WriteEndElement();
        }

        xml.WriteEndElement();
        xml.WriteEndElement();
        xml.WriteEndDocument();
    }
}
