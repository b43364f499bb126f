using System.Globalization;
using Google.Protobuf;
using Grpc.Core;
using MdgExchange.Domain.Structure;
using MdgExchange.Application.Exchange;
using MdgExchange.Protos.V1;
using MdgExchange.Sdmx.Ml;
using MdgExchange.Storage;
using Microsoft.Extensions.Options;
using ArtefactRef = MdgExchange.Domain.Structure.ArtefactRef;
using ArtefactType = MdgExchange.Domain.Structure.ArtefactType;

namespace MdgExchange.Server.Grpc;

/// <summary>The gRPC face of the structure registry: validates requests, calls the registry or the store, maps.</summary>
public sealed partial class StructureGrpcService(StructureRegistry registry, StructureQueries queries, ProviderOnboarding providers, IOptions<MdgExchangeOptions> options)
    : StructureService.StructureServiceBase
{
    private const string SdmxMl21 = "sdmx-ml-2.1";
    private const string SdmxMl30 = "sdmx-ml-3.0";

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
        StoredArtefact stored;
        try
        {
            stored = await queries.GetAsync(reference, context.CancellationToken);
        }
        catch (ExchangeNotFoundException ex)
        {
            throw ExchangeErrors.ToRpc(ex);
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
        var list = await queries.ListAsync(request.Type.FromProto(), request.AgencyId, context.CancellationToken);
        return new ListArtefactsResponse { Artefacts = { list.Select(s => s.ToProto()) } };
    }

    public override async Task<ListCodesResponse> ListCodes(ListCodesRequest request, ServerCallContext context)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(context);
        var reference = ParseRef(request.Codelist, MdgExchange.Protos.V1.ArtefactType.Codelist, "codelist");
        var offset = 0;
        if (!string.IsNullOrEmpty(request.PageToken) && !int.TryParse(request.PageToken, NumberStyles.None, CultureInfo.InvariantCulture, out offset))
        {
            offset = -1;
        }

        try
        {
            var page = await queries.CodesAsync(reference, offset, request.PageSize, context.CancellationToken);
            return new ListCodesResponse
            {
                Codelist = page.Codelist.ToProto(),
                Codes = { page.Codes.Select(c => c.ToProto()) },
                TotalSize = page.Total,
                NextPageToken = page.Next is { } next ? next.ToString(CultureInfo.InvariantCulture) : "",
            };
        }
        catch (Exception ex) when (ex is ExchangeRejectedException or ExchangeNotFoundException)
        {
            throw ExchangeErrors.ToRpc(ex);
        }
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
