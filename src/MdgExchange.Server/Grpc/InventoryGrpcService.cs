using Google.Protobuf;
using Grpc.Core;
using MdgExchange.Domain.Inventory;
using MdgExchange.Protos.V1;
using MdgExchange.Application.Inventory;
using IndicatorChain = MdgExchange.Protos.V1.IndicatorChain;

namespace MdgExchange.Server.Grpc;

/// <summary>The information-flow inventory over gRPC, for coordinators and admins (<see cref="Security.AccessTable"/>).</summary>
public sealed class InventoryGrpcService(IInventory inventory, InventoryReports reports) : InventoryService.InventoryServiceBase
{
    public override async Task<ListFlowsResponse> ListFlows(InventoryRequest request, ServerCallContext context)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(context);
        var result = await Query(() => inventory.ComputeAsync(ToQuery(request), context.CancellationToken));
        return new ListFlowsResponse { Flows = { result.Flows.Select(InventoryMapper.ToProto) }, TransfersRead = result.TransfersRead };
    }

    public override async Task<IndicatorChain> GetChain(GetChainRequest request, ServerCallContext context)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(context);
        var chain = await Query(() =>
        {
            var indicator = InventoryFilters.Indicator(request.Indicator) ?? throw new InventoryQueryException("indicator", "an indicator is required (3.2.1)");
            var country = InventoryFilters.Country(request.Country) ?? throw new InventoryQueryException("country", "a country is required (M49: 32, 152, 484)");
            var query = InventoryFilters.Parse(request.From?.ToDateTimeOffset(), request.To?.ToDateTimeOffset(), country, null, null, null, indicator, null);
            return inventory.ChainAsync(indicator, country, query, context.CancellationToken);
        });
        return InventoryMapper.ToProto(chain);
    }

    public override async Task<ListInventoryGapsResponse> ListInventoryGaps(InventoryRequest request, ServerCallContext context)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(context);
        var result = await Query(() => inventory.ComputeAsync(ToQuery(request), context.CancellationToken));
        return new ListInventoryGapsResponse { Gaps = { result.Gaps.Select(InventoryMapper.ToProto) } };
    }

    public override async Task<RenderedReport> RenderInventoryReport(RenderInventoryReportRequest request, ServerCallContext context)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(context);
        var report = await Query(() => reports.RenderAsync(ToQuery(request.Filter ?? new InventoryRequest()), request.Format, request.Lang, context.ExchangeCaller(), context.CancellationToken));
        return new RenderedReport { Format = report.Format, MediaType = report.MediaType, FileName = report.FileName, Content = ByteString.CopyFrom(report.Content), TransferId = report.TransferId.ToString() };
    }

    private static InventoryQuery ToQuery(InventoryRequest r) =>
        InventoryFilters.Parse(r.From?.ToDateTimeOffset(), r.To?.ToDateTimeOffset(), r.Country, r.Organisation, r.Goal, r.Target, r.Indicator, r.ThematicArea);

    private static async Task<T> Query<T>(Func<Task<T>> query)
    {
        try
        {
            return await query();
        }
        catch (InventoryQueryException ex)
        {
            RpcErrors.InvalidArgument(ex.Field, ex.Message);
            throw;
        }
    }
}
