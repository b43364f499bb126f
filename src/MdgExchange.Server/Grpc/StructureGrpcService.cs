using System.Globalization;
using Google.Protobuf;
using Grpc.Core;
using MdgExchange.Domain.Structure;
using MdgExchange.Protos.V1;
using MdgExchange.Sdmx.Ml;
using MdgExchange.Application.Registry;
using MdgExchange.Storage;
using Microsoft.Extensions.Options;
using ArtefactRef = MdgExchange.Domain.Structure.ArtefactRef;
using ArtefactType = MdgExchange.Domain.Structure.ArtefactType;

namespace MdgExchange.Server.Grpc;

/// <summary>The gRPC face of the structure registry: validates requests, calls the registry or the store, maps.</summary>
public sealed partial class StructureGrpcService(StructureRegistry registry, IStructureStore store, ProviderOnboarding providers, IOptions<MdgExchangeOptions> options)
    : StructureService.StructureServiceBase
{
    private const string SdmxMl21 = "sdmx-ml-2.1";
    private const string SdmxMl30 = "sdmx-ml-3.0";
    private const int DefaultPageSize = 1000;
    private const int MaxPageSize = 10_000;

    public override async Task<SubmitStructuresResponse> SubmitStructures(IAsyncStreamReader<SubmitStructuresRequest> requestStream, ServerCallContext context)
    {
        ArgumentNullException.ThrowIfNull(requestStream);
        ArgumentNullException.ThrowIfNull(context);
        var submitOptions = new SubmitStructuresOptions();
        var limit = options.Value.MaxStructureBytes;

        // Spool to a temporary file so a submission of any size is read as a stream, never held in memory.
        await using var spool = new FileStream(Path.GetTempFileName(), FileMode.Create, FileAccess.ReadWrite, FileShare.None, 81920, FileOptions.DeleteOnClose | FileOptions.Asynchronous);
        var index = 0;
        await foreach (var request in requestStream.ReadAllAsync(context.CancellationToken))
        {
            switch (request.PayloadCase)
            {
                case SubmitStructuresRequest.PayloadOneofCase.Options when index == 0:
                    submitOptions = request.Options;
                    break;
                case SubmitStructuresRequest.PayloadOneofCase.Options:
                    RpcErrors.InvalidArgument($"requests[{index}].options", "options may only be sent in the first request of the stream");
                    break;
                case SubmitStructuresRequest.PayloadOneofCase.Chunk:
                    if (spool.Length + request.Chunk.Length > limit)
                    {
                        RpcErrors.ResourceExhausted($"the structure message exceeds the limit of {limit} bytes (MdgExchange:MaxStructureBytes)");
                    }

                    request.Chunk.WriteTo(spool);
                    break;
                default:
                    RpcErrors.InvalidArgument($"requests[{index}]", "each request must carry options or a chunk");
                    break;
            }

            index++;
        }

        var format = string.IsNullOrEmpty(submitOptions.Format) ? SdmxMl21 : submitOptions.Format.ToLowerInvariant();
        if (format is not (SdmxMl21 or SdmxMl30))
        {
            RpcErrors.InvalidArgument("options.format", $"format '{submitOptions.Format}' is not supported; only {SdmxMl21} and {SdmxMl30} structure messages are accepted");
        }

        if (spool.Length == 0)
        {
            RpcErrors.InvalidArgument("chunk", "the structure message is empty");
        }

        spool.Position = 0;
        var submission = new SubmissionContext("grpc", $"{format}-structure", Principal(context), NullIfEmpty(submitOptions.FileName));
        SubmissionResult result;
        try
        {
            result = await registry.SubmitAsync(spool, submitOptions.Partial, submission, context.CancellationToken);
        }
        catch (SubmissionRejectedException ex)
        {
            RpcErrors.InvalidArgument(ex.Message, [("chunk", ex.Message), ("transfer_id", ex.TransferId.ToString())]);
            throw; // unreachable
        }
        catch (ConcurrentChangeException ex)
        {
            throw new RpcException(new global::Grpc.Core.Status(StatusCode.Aborted, ex.Message));
        }

        var response = new SubmitStructuresResponse { TransferId = result.TransferId.ToString(), Applied = result.Plan.Applied };
        response.Results.AddRange(result.Plan.Artefacts.Select(p => new ArtefactResult
        {
            Ref = p.Ref.ToProto(),
            Outcome = p.Outcome.ToProto(),
            Messages = { p.Messages },
        }));
        response.Results.AddRange(result.Unsupported.Select(u => new ArtefactResult
        {
            Outcome = ArtefactOutcome.Failed,
            Messages = { $"{u} is not supported by this registry and was ignored" },
        }));
        return response;
    }

    public override async Task<GetArtefactResponse> GetArtefact(GetArtefactRequest request, ServerCallContext context)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(context);
        var reference = ParseRef(request.Ref, request.Type, "ref");
        var stored = await store.GetAsync(reference, context.CancellationToken);
        if (stored is null)
        {
            RpcErrors.NotFound(reference.Type.ElementName(), reference.ToString(), $"{reference.Type.ElementName()} {reference} does not exist");
        }

        var response = new GetArtefactResponse { Artefact = stored.ToProto() };
        if (request.IncludeSdmxMl)
        {
            using var buffer = new MemoryStream();
            StructureWriter.Write(buffer, new StructureMessage { Artefacts = { stored.Artefact } });
            response.SdmxMl = ByteString.CopyFrom(buffer.GetBuffer(), 0, (int)buffer.Length);
        }

        return response;
    }

    public override async Task<ListArtefactsResponse> ListArtefacts(ListArtefactsRequest request, ServerCallContext context)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(context);
        var list = await store.ListAsync(request.Type.FromProto(), NullIfEmpty(request.AgencyId), context.CancellationToken);
        return new ListArtefactsResponse { Artefacts = { list.Select(s => s.ToProto()) } };
    }

    public override async Task<ListCodesResponse> ListCodes(ListCodesRequest request, ServerCallContext context)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(context);
        var reference = ParseRef(request.Codelist, MdgExchange.Protos.V1.ArtefactType.Codelist, "codelist");
        if (reference.Type != ArtefactType.Codelist)
        {
            RpcErrors.InvalidArgument("codelist", $"{request.Codelist} is a {reference.Type.ElementName()}, not a codelist");
        }

        if (request.PageSize is < 0 or > MaxPageSize)
        {
            RpcErrors.InvalidArgument("page_size", $"page_size must be between 0 and {MaxPageSize}");
        }

        var offset = 0;
        if (!string.IsNullOrEmpty(request.PageToken) && (!int.TryParse(request.PageToken, NumberStyles.None, CultureInfo.InvariantCulture, out offset) || offset < 0))
        {
            RpcErrors.InvalidArgument("page_token", "page_token is not one this server issued");
        }

        var stored = await store.GetAsync(reference, context.CancellationToken);
        if (stored is null)
        {
            RpcErrors.NotFound("Codelist", reference.ToString(), $"Codelist {reference} does not exist");
        }

        var codes = await store.GetCodesAsync(stored.Artefact.Ref, context.CancellationToken);
        var size = request.PageSize == 0 ? DefaultPageSize : request.PageSize;
        var page = codes.Skip(offset).Take(size).ToList();
        var next = offset + page.Count;
        return new ListCodesResponse
        {
            Codelist = stored.Artefact.Ref.ToProto(),
            Codes = { page.Select(c => c.ToProto()) },
            TotalSize = codes.Count,
            NextPageToken = next < codes.Count ? next.ToString(CultureInfo.InvariantCulture) : "",
        };
    }

    public override async Task<DeleteArtefactResponse> DeleteArtefact(DeleteArtefactRequest request, ServerCallContext context)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(context);
        var reference = ParseRef(request.Ref, request.Type, "ref");
        if (reference.IsLatest)
        {
            RpcErrors.InvalidArgument("ref", "a deletion must name an exact version, not 'latest'");
        }

        (Guid TransferId, string? Refusal, ArtefactRef Deleted) result;
        try
        {
            result = await registry.DeleteAsync(reference, new SubmissionContext("grpc", "", Principal(context), null, "structure-delete"), context.CancellationToken);
        }
        catch (KeyNotFoundException ex)
        {
            RpcErrors.NotFound(reference.Type.ElementName(), reference.ToString(), ex.Message);
            throw; // unreachable
        }

        if (result.Refusal is not null)
        {
            RpcErrors.FailedPrecondition(reference.ToString(), "REFERENCED_OR_FINAL", result.Refusal);
        }

        return new DeleteArtefactResponse { Deleted = result.Deleted.ToProto(), TransferId = result.TransferId.ToString() };
    }

    private static ArtefactRef ParseRef(string text, MdgExchange.Protos.V1.ArtefactType type, string field)
    {
        var isUrn = text.StartsWith("urn:", StringComparison.OrdinalIgnoreCase);
        var domainType = type.FromProto();
        if (domainType is null && !isUrn)
        {
            RpcErrors.InvalidArgument("type", "the artefact type is required unless the reference is an SDMX URN");
        }

        if (!ArtefactRef.TryParse(text, domainType ?? ArtefactType.Codelist, out var reference, out var error))
        {
            RpcErrors.InvalidArgument(field, error ?? "invalid reference");
        }

        return reference;
    }

    private static string? Principal(ServerCallContext context) =>
        context.GetHttpContext().User.Identity?.Name ?? "anonymous";

    private static string? NullIfEmpty(string text) => string.IsNullOrEmpty(text) ? null : text;
}
