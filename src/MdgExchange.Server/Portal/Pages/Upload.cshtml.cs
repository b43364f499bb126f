using MdgExchange.Application.Exchange;
using MdgExchange.Domain.Data;
using MdgExchange.Domain.Structure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;

namespace MdgExchange.Server.Portal.Pages;

/// <summary>
/// A national office (or an agency) uploads a data file (SDMX-ML or SDMX-CSV): pushed through the same use case as
/// <c>mdgx push</c> and the SDMX REST import, so the same validation applies, nothing is stored unless all is valid,
/// every problem is shown with its line or path and rule, and the transfer is recorded either way.
/// </summary>
[RequestFormLimits(MultipartBodyLengthLimit = long.MaxValue)]
[RequestSizeLimit(long.MaxValue)]
public sealed class UploadModel(DataFilePush files, StructureQueries structures, PortalUploads uploads, IOptions<MdgExchangeOptions> options) : PageModel
{
    /// <summary>The id of the next upload from this page, which its script polls while the server reads the file.</summary>
    public Guid UploadId { get; } = Guid.NewGuid();

    public IReadOnlyList<string> Dataflows { get; private set; } = [];

    public DataFileResult? Result { get; private set; }

    public string? Refusal { get; private set; }

    public IReadOnlyList<DataViolation> Violations { get; private set; } = [];

    public Guid? RefusalTransfer { get; private set; }

    public async Task OnGetAsync() => await LoadDataflowsAsync();

    /// <summary>How far an upload of the signed-in person has come (JSON); 404 for an unknown or another person's upload.</summary>
    public IActionResult OnGetProgress(Guid id) =>
        uploads.Get(Owner, id) is { } progress
            ? new JsonResult(new { bytesRead = progress.BytesRead, bytesTotal = progress.BytesTotal, observations = progress.Observations, read = progress.Read, done = progress.Done, transferId = progress.TransferId })
            : NotFound();

    public async Task<IActionResult> OnPostAsync(IFormFile? file, string? dataflow, string? action, Guid? uploadId)
    {
        await LoadDataflowsAsync();
        if (file is null || file.Length == 0 || !ArtefactRef.TryParse(dataflow, ArtefactType.Dataflow, out var flow, out _))
        {
            Refusal = PortalText.T("nofile");
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }

        if (file.Length > options.Value.Limits.MaxUploadBytes)
        {
            Refusal = PortalText.T("toolarge", PortalText.Number(options.Value.Limits.MaxUploadBytes));
            Response.StatusCode = StatusCodes.Status413PayloadTooLarge;
            return Page();
        }

        // Readers detect the format from the file's start and read synchronously: a seekable copy on disk.
        await using var spool = new FileStream(Path.GetTempFileName(), FileMode.Create, FileAccess.ReadWrite, FileShare.None, 1 << 16, FileOptions.DeleteOnClose | FileOptions.Asynchronous);
        await file.CopyToAsync(spool, HttpContext.RequestAborted);
        spool.Position = 0;
        var id = uploadId ?? Guid.NewGuid();
        var progress = uploads.Track(Owner, id);
        try
        {
            Result = await files.PushAsync(spool, new DataFileRequest(flow.AgencyId, flow.Id, flow.Version, action, null, file.FileName), PortalSession.ExchangeCaller(User), progress, HttpContext.RequestAborted);
            uploads.Finish(Owner, id, Result.Push.TransferId);
        }
        catch (ExchangeRejectedException ex)
        {
            uploads.Finish(Owner, id, ex.TransferId);
            (Refusal, Violations, RefusalTransfer) = (ex.Message, ex.Violations, ex.TransferId);
            Response.StatusCode = StatusCodes.Status400BadRequest;
        }
        catch (ExchangeDeniedException ex)
        {
            uploads.Finish(Owner, id, ex.TransferId);
            (Refusal, Violations, RefusalTransfer) = (ex.Message, ex.Violations, ex.TransferId);
            Response.StatusCode = StatusCodes.Status403Forbidden;
        }
        catch (Exception ex) when (ex is ExchangeLimitException or IdempotencyConflictException or ExchangeNotFoundException)
        {
            uploads.Finish(Owner, id, ex switch { ExchangeLimitException l => l.TransferId, IdempotencyConflictException c => c.TransferId, ExchangeNotFoundException n => n.TransferId, _ => null });
            Refusal = ex.Message;
            Response.StatusCode = StatusCodes.Status400BadRequest;
        }

        return Page();
    }

    private string Owner => Application.Security.Caller.From(User).Principal;

    private async Task LoadDataflowsAsync() =>
        Dataflows = (await structures.ListAsync(ArtefactType.Dataflow, null, HttpContext.RequestAborted)).Select(f => f.Ref.ToString()).Order(StringComparer.Ordinal).ToList();
}
