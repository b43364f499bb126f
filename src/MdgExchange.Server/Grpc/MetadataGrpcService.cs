using Google.Protobuf;
using Grpc.Core;
using MdgExchange.Protos.V1;
using MdgExchange.Application.Exchange;
using MdgExchange.Application.Metadata;
using Proto = MdgExchange.Protos.V1;

namespace MdgExchange.Server.Grpc;

/// <summary>Reference metadata over gRPC: a thin adapter over <see cref="Application.Metadata.MetadataService"/>. Access: <see cref="Security.AccessTable"/>.</summary>
public sealed class MetadataGrpcService(Application.Metadata.MetadataService metadata) : Proto.MetadataService.MetadataServiceBase
{
    public override async Task<SubmitMetadataResponse> SubmitMetadata(SubmitMetadataRequest request, ServerCallContext context)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(context);
        var messages = request.Reports.Select((r, i) => MetadataMapper.ToParsed(r, i)).ToList();
        var format = request.Format.Length == 0 && request.Content.IsEmpty && messages.Count > 0 ? MetadataFormats.Protobuf : request.Format;
        try
        {
            var submitted = await metadata.SubmitAsync(
                new MetadataSubmission(format, request.Content.ToByteArray(), NullIfEmpty(request.FileName), NullIfEmpty(request.Lang), NullIfEmpty(request.RefArea), NullIfEmpty(request.Organisation), NullIfEmpty(request.Metadataflow), messages),
                context.ExchangeCaller(),
                context.CancellationToken);
            var response = new SubmitMetadataResponse { TransferId = submitted.TransferId.ToString() };
            response.Warnings.AddRange(submitted.Warnings);
            response.Reports.AddRange(submitted.Reports.Select(r => new MetadataReportOutcome
            {
                Organisation = r.Report.Organisation,
                SetId = r.Report.SetId,
                Version = r.Report.Version,
                Outcome = r.Outcome,
                TargetCode = r.Report.TargetCode,
                RefArea = r.Report.RefArea ?? "",
            }));
            return response;
        }
        catch (Exception ex) when (ex is ExchangeRejectedException or ExchangeDeniedException)
        {
            throw ExchangeErrors.ToRpc(ex);
        }
    }

    public override async Task<Proto.MetadataReport> GetMetadataReport(GetMetadataReportRequest request, ServerCallContext context)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(context);
        if (request.Organisation.Length == 0 || request.SetId.Length == 0)
        {
            RpcErrors.InvalidArgument("the request is incomplete", [("organisation", "required: the set's agency"), ("set_id", "required")]);
        }

        var report = await metadata.GetAsync(request.Organisation, request.SetId, request.Version, request.AsOf?.ToDateTimeOffset(), context.CancellationToken);
        if (report is null)
        {
            var what = $"{request.Organisation}:{request.SetId}" + (request.Version > 0 ? $" version {request.Version}" : request.AsOf is null ? "" : $" as of {request.AsOf.ToDateTimeOffset():O}");
            RpcErrors.NotFound("MetadataReport", $"{request.Organisation}:{request.SetId}", $"no metadata report {what}");
        }

        var (_, names) = await metadata.ConceptsAsync(report.Metadataflow, context.CancellationToken);
        return MetadataMapper.ToProto(report, names);
    }

    public override async Task<ListMetadataReportsResponse> ListMetadataReports(ListMetadataReportsRequest request, ServerCallContext context)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(context);
        var reports = await metadata.ListAsync(MetadataMapper.ToQuery(request), context.CancellationToken);
        var response = new ListMetadataReportsResponse();
        foreach (var flow in reports.GroupBy(r => r.Metadataflow))
        {
            var (_, names) = await metadata.ConceptsAsync(flow.Key, context.CancellationToken);
            response.Reports.AddRange(flow.Select(r => MetadataMapper.ToProto(r, names)));
        }

        return response;
    }

    public override async Task<CompareMetadataResponse> CompareMetadata(CompareMetadataRequest request, ServerCallContext context)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(context);
        if (request.Target.Length == 0 || request.RefArea.Length == 0)
        {
            RpcErrors.InvalidArgument("the comparison needs an indicator (or series) and a country", [("target", "required, e.g. 3.2.1"), ("ref_area", "required, e.g. 484")]);
        }

        var lang = request.Lang.Length == 0 ? "en" : request.Lang;
        var result = await metadata.CompareAsync(request.Target, request.RefArea, request.AsOf?.ToDateTimeOffset(), lang, context.CancellationToken);
        var response = new CompareMetadataResponse { Target = result.Target, RefArea = result.RefArea };
        response.Comparisons.AddRange(result.Comparisons.Select(c => MetadataMapper.ToProto(c, result.ConceptNames, lang)));
        return response;
    }

    public override async Task<ExportMetadataResponse> ExportMetadata(ExportMetadataRequest request, ServerCallContext context)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(context);
        try
        {
            var export = await metadata.ExportAsync(MetadataMapper.ToQuery(request.Filter ?? new ListMetadataReportsRequest()), request.Format, context.ExchangeCaller(), context.CancellationToken);
            return new ExportMetadataResponse { Content = ByteString.CopyFrom(export.Content), MediaType = export.MediaType, Reports = export.Reports, TransferId = export.TransferId.ToString() };
        }
        catch (ExchangeRejectedException ex)
        {
            throw ExchangeErrors.ToRpc(ex);
        }
    }

    private static string? NullIfEmpty(string text) => string.IsNullOrWhiteSpace(text) ? null : text;
}
