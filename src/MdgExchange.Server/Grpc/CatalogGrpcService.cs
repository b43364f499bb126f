using System.Security.Cryptography;
using Google.Protobuf;
using Grpc.Core;
using MdgExchange.Protos.V1;
using MdgExchange.Application.Catalog;
using MdgExchange.Application.Exchange;
using StatisticalOperation = MdgExchange.Protos.V1.StatisticalOperation;

namespace MdgExchange.Server.Grpc;

/// <summary>The catalogue of statistical operations over gRPC. Access: <see cref="Security.AccessTable"/>; who writes which country: <see cref="CatalogWriter"/>.</summary>
public sealed class CatalogGrpcService(CatalogWriter writes, CatalogReader reads, CatalogRegistry registry) : Protos.V1.CatalogService.CatalogServiceBase
{
    private const int MaxCitations = 10_000;

    public override async Task<ImportOperationsResponse> ImportOperations(ImportOperationsRequest request, ServerCallContext context)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(context);
        // Both at once is refused like any bad import: recorded, nothing stored.
        var submission = request.Csv.IsEmpty
            ? new CatalogSubmission(CatalogMapper.ToDrafts(request.Operations), [], "protobuf", request.CalculateSize(), Convert.ToHexStringLower(SHA256.HashData(request.ToByteArray())))
            : CatalogSubmission.FromCsv(request.Csv.ToByteArray());
        if (!request.Csv.IsEmpty && request.Operations.Count > 0)
        {
            submission = submission with { ReadViolations = [new("csv", "give either csv or operations, not both")] };
        }

        try
        {
            var result = await writes.ImportAsync(submission, context.ExchangeCaller(), context.CancellationToken);
            return new ImportOperationsResponse { TransferId = result.TransferId.ToString(), Created = { result.Created }, Replaced = { result.Replaced }, Indicators = result.Indicators };
        }
        catch (Exception ex) when (ex is ExchangeRejectedException or ExchangeDeniedException)
        {
            throw ExchangeErrors.ToRpc(ex);
        }
    }

    public override async Task<ListOperationsResponse> ListOperations(ListOperationsRequest request, ServerCallContext context)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(context);
        var operations = await Query(() => reads.ListAsync(new CatalogQueryText(request.Country, request.Indicator, request.Level, request.Area, request.Type), context.CancellationToken));
        var names = await CountryNamesAsync(context.CancellationToken);
        return new ListOperationsResponse { Operations = { operations.Select(o => CatalogMapper.ToProto(o, names(o.Country))) } };
    }

    public override async Task<StatisticalOperation> GetOperation(GetOperationRequest request, ServerCallContext context)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(context);
        var operation = await reads.GetAsync(request.Id, context.CancellationToken);
        if (operation is null)
        {
            RpcErrors.NotFound("StatisticalOperation", request.Id, $"the catalogue has no operation {request.Id}");
        }

        return CatalogMapper.ToProto(operation, (await CountryNamesAsync(context.CancellationToken))(operation.Country));
    }

    public override async Task<DeleteOperationResponse> DeleteOperation(DeleteOperationRequest request, ServerCallContext context)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(context);
        try
        {
            var transferId = await writes.DeleteAsync(request.Id, context.ExchangeCaller(), context.CancellationToken);
            return new DeleteOperationResponse { TransferId = transferId.ToString() };
        }
        catch (Exception ex) when (ex is ExchangeNotFoundException or ExchangeDeniedException)
        {
            throw ExchangeErrors.ToRpc(ex);
        }
    }

    public override async Task<ListGapsResponse> ListGaps(ListGapsRequest request, ServerCallContext context)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(context);
        var (gaps, framework, _, _) = await Query(() => reads.GapsAsync(request.Country, context.CancellationToken));
        var names = await CountryNamesAsync(context.CancellationToken);
        var indicatorNames = framework.ToDictionary(f => f.Notation, f => f.Name.En, StringComparer.Ordinal);
        return new ListGapsResponse
        {
            FrameworkIndicators = framework.Count,
            Gaps = { gaps.Select(g => new Protos.V1.IndicatorGap { Country = g.Country, CountryName = names(g.Country), Indicator = g.Indicator, IndicatorName = indicatorNames.GetValueOrDefault(g.Indicator, ""), Gap = g.Kind }) },
        };
    }

    public override async Task<ListCitationsResponse> ListCitations(ListCitationsRequest request, ServerCallContext context)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(context);
        if (request.Limit is < 0 or > MaxCitations)
        {
            RpcErrors.InvalidArgument("limit", $"limit must be between 0 and {MaxCitations}");
        }

        try
        {
            var (citations, truncated) = await reads.CitationsAsync(
                request.OperationId, string.IsNullOrEmpty(request.Dataflow) ? null : request.Dataflow, request.Limit == 0 ? 1000 : request.Limit, context.ExchangeCaller(), context.CancellationToken);
            return new ListCitationsResponse { Citations = { citations.Select(CatalogMapper.ToProto) }, Truncated = truncated };
        }
        catch (KeyNotFoundException ex)
        {
            RpcErrors.NotFound("StatisticalOperation", request.OperationId, ex.Message);
            throw;
        }
    }

    public override async Task<RenderedReport> RenderCatalogReport(RenderCatalogReportRequest request, ServerCallContext context)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(context);
        var report = await Query(() => reads.RenderAsync(request.Format, request.Lang, request.Country, context.ExchangeCaller(), context.CancellationToken));
        return new RenderedReport { Format = report.Format, MediaType = report.MediaType, FileName = report.FileName, Content = ByteString.CopyFrom(report.Content), TransferId = report.TransferId.ToString() };
    }

    private static async Task<T> Query<T>(Func<Task<T>> query)
    {
        try
        {
            return await query();
        }
        catch (CatalogQueryException ex)
        {
            RpcErrors.InvalidArgument(ex.Field, ex.Message);
            throw;
        }
    }

    private async Task<Func<string, string>> CountryNamesAsync(CancellationToken cancellationToken)
    {
        var countries = await registry.CountriesAsync(cancellationToken);
        return code => countries.TryGetValue(code, out var name) ? name.En : "";
    }
}
