using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using MdgExchange.Domain.Discrepancies;
using MdgExchange.Protos.V1;
using MdgExchange.Application.Discrepancies;
using MdgExchange.Application.Exchange;
using MdgExchange.Storage;

namespace MdgExchange.Server.Grpc;

/// <summary>Discrepancies over gRPC: a thin adapter over the queries, the workflow and the reports. Access: <see cref="Security.AccessTable"/>.</summary>
public sealed class DiscrepancyGrpcService(DiscrepancyQueries queries, DiscrepancyWorkflow workflow, DiscrepancyReports reports) : DiscrepancyService.DiscrepancyServiceBase
{
    public override async Task<RunAnalysisResponse> RunAnalysis(RunAnalysisRequest request, ServerCallContext context)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(context);
        try
        {
            var summary = await queries.RunAsync(
                new AnalysisRequest(request.Dataflow, request.Areas.Count == 0 ? null : request.Areas, request.Series.Count == 0 ? null : request.Series, Empty(request.StartPeriod), Empty(request.EndPeriod), request.Indicators.Count == 0 ? null : request.Indicators.Select(i => i.Replace('-', '.')).ToList()),
                context.ExchangeCaller(),
                context.CancellationToken);
            var response = new RunAnalysisResponse { TransferId = summary.TransferId.ToString(), Pairs = summary.Pairs.Count };
            response.Found.AddRange(summary.Pairs.Select(ToProto));
            response.Indicators.Add(summary.Indicators.ToDictionary());
            response.Codes.Add(summary.Codes.ToDictionary());
            return response;
        }
        catch (ExchangeRejectedException ex)
        {
            throw ExchangeErrors.ToRpc(ex);
        }
    }

    public override async Task<ListPairsResponse> ListPairs(ListPairsRequest request, ServerCallContext context)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(context);
        var pairs = await queries.ListAsync(Filter(request), context.CancellationToken);
        return new ListPairsResponse { Pairs = { pairs.Select(ToProto) } };
    }

    public override async Task<RenderedReport> RenderDiscrepancyReport(RenderDiscrepancyReportRequest request, ServerCallContext context)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(context);
        try
        {
            var report = await reports.RenderAsync(Filter(request.Filter ?? new ListPairsRequest()), request.Format, request.Lang, context.ExchangeCaller(), context.CancellationToken);
            return new RenderedReport { Format = report.Format, MediaType = report.MediaType, FileName = report.FileName, Content = ByteString.CopyFrom(report.Content), TransferId = report.TransferId.ToString() };
        }
        catch (DiscrepancyReportException ex)
        {
            RpcErrors.InvalidArgument(ex.Field, ex.Message);
            throw;
        }
    }

    private static DiscrepancyFilter Filter(ListPairsRequest request) =>
        new(Empty(request.Dataflow), request.Series.Count == 0 ? null : request.Series, request.Areas.Count == 0 ? null : request.Areas, Empty(request.Period), Empty(request.State), Empty(request.Code), Empty(request.Organisation), request.Limit);

    public override async Task<PairDetail> GetPair(GetPairRequest request, ServerCallContext context)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(context);
        try
        {
            return ToProto(await queries.GetAsync(PairId(request.PairId), context.CancellationToken));
        }
        catch (ExchangeNotFoundException ex)
        {
            throw ExchangeErrors.ToRpc(ex);
        }
    }

    public override async Task<PairDetail> MovePair(MovePairRequest request, ServerCallContext context)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(context);
        try
        {
            var pair = await workflow.MoveAsync(PairId(request.PairId), request.ToState, request.Comment, context.ExchangeCaller(), context.CancellationToken);
            return ToProto(await queries.DetailsAsync(pair, context.CancellationToken));
        }
        catch (Exception ex) when (ex is ExchangeRejectedException or ExchangeNotFoundException or ExchangeDeniedException)
        {
            throw ExchangeErrors.ToRpc(ex);
        }
    }

    public override async Task<PairDetail> ChangeCode(ChangeCodeRequest request, ServerCallContext context)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(context);
        try
        {
            var pair = await workflow.ChangeCodeAsync(PairId(request.PairId), request.Code, request.Action, request.Reason, context.ExchangeCaller(), context.CancellationToken);
            return ToProto(await queries.DetailsAsync(pair, context.CancellationToken));
        }
        catch (Exception ex) when (ex is ExchangeRejectedException or ExchangeNotFoundException or ExchangeDeniedException)
        {
            throw ExchangeErrors.ToRpc(ex);
        }
    }

    private static PairDetail ToProto(PairDetails details)
    {
        var detail = new PairDetail { Pair = ToProto(details.Pair) };
        detail.History.AddRange(details.History.Select(e => new PairHistoryEntry
        {
            At = Timestamp.FromDateTimeOffset(e.At),
            Organisation = e.Organisation,
            Principal = e.Principal ?? "",
            Kind = e.Kind,
            FromState = e.FromState ?? "",
            ToState = e.ToState ?? "",
            Code = e.Code ?? "",
            Comment = e.Comment,
        }));
        return detail;
    }

    private static Pair ToProto(DiscrepancyPair pair)
    {
        var proto = new Pair
        {
            PairId = pair.PairId.ToString(),
            Dataflow = pair.Dataflow,
            Series = pair.Series,
            Area = pair.Area,
            Period = pair.Period,
            Breakdown = pair.Breakdown,
            NationalOrganisation = pair.NationalOrganisation ?? "",
            NationalNature = pair.NationalNature ?? "",
            InternationalOrganisation = pair.InternationalOrganisation ?? "",
            InternationalNature = pair.InternationalNature ?? "",
            State = pair.State,
            FirstFoundAt = Timestamp.FromDateTimeOffset(pair.FirstFoundAt),
            AnalysedAt = Timestamp.FromDateTimeOffset(pair.AnalysedAt),
        };
        if (pair.NationalValue is { } n)
        {
            proto.NationalValue = n;
        }

        if (pair.InternationalValue is { } g)
        {
            proto.InternationalValue = g;
        }

        if (pair.Difference is { } d)
        {
            proto.Difference = d;
        }

        proto.Codes.AddRange(pair.Codes.Select(c => new PairCodeDetail
        {
            Code = c.Code, Origin = c.Origin, Status = c.Status, Rule = c.Rule, Facts = { c.Facts }, By = c.By ?? "", Reason = c.Reason ?? "", At = Timestamp.FromDateTimeOffset(c.At),
        }));
        return proto;
    }

    private static Guid PairId(string text)
    {
        if (!Guid.TryParse(text, out var id))
        {
            RpcErrors.InvalidArgument("pair_id", $"'{text}' is not a pair id");
        }

        return id;
    }

    private static string? Empty(string text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();
}
