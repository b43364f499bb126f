using Grpc.Core;
using MdgExchange.Protos.V1;

namespace MdgExchange.Server.Tests.Infrastructure;

public static class DataClientExtensions
{
    public const string Flow = "MDGX:DF_SDG(1.0)";

    private static readonly string[] Breakdowns = ["SEX", "AGE", "URBANISATION", "INCOME_WEALTH_QUANTILE", "EDUCATION_LEV", "OCCUPATION", "CUST_BREAKDOWN", "COMPOSITE_BREAKDOWN", "DISABILITY_STATUS", "ACTIVITY", "PRODUCT"];

    /// <summary>An SDG series (FREQ=A, every breakdown _T) with OBS_STATUS=A and UNIT_MULT=0 on each observation.</summary>
    public static SeriesData Sdg(string series, string area, string reportingType, params (string Period, double Value, string Nature)[] observations)
    {
        var data = new SeriesData
        {
            Key = { ["FREQ"] = "A", ["REPORTING_TYPE"] = reportingType, ["SERIES"] = series, ["REF_AREA"] = area },
            Attributes = { ["UNIT_MEASURE"] = "PER_1000_LIVE_BIRTHS" },
        };
        foreach (var breakdown in Breakdowns)
        {
            data.Key[breakdown] = "_T";
        }

        foreach (var (period, value, nature) in observations)
        {
            data.Observations.Add(new ObservationData
            {
                TimePeriod = period,
                ObsValue = value,
                Attributes = { ["OBS_STATUS"] = "A", ["UNIT_MULT"] = "0", ["NATURE"] = nature },
            });
        }

        return data;
    }

    /// <summary>The positional key of <see cref="Sdg"/>.</summary>
    public static string SdgKey(string series, string area, string reportingType) =>
        $"A.{reportingType}.{series}.{area}." + string.Join('.', Breakdowns.Select(_ => "_T"));

    public static async Task<PushSeriesResponse> PushAsync(this DataExchangeService.DataExchangeServiceClient client, PushHeader header, params IEnumerable<SeriesData>[] batches)
    {
        using var call = client.PushSeries();
        try
        {
            await call.RequestStream.WriteAsync(new PushSeriesRequest { Header = header });
            foreach (var batch in batches)
            {
                await call.RequestStream.WriteAsync(new PushSeriesRequest { Batch = new SeriesBatch { Series = { batch } } });
            }

            await call.RequestStream.CompleteAsync();
        }
        catch (Exception ex) when (ex is RpcException or InvalidOperationException or IOException)
        {
            // The server refused at the header and ended the call while batches were still being written: a write then
            // fails locally (Cancelled, a closed stream); the server's own status is what the caller asserts on.
            await call.ResponseAsync;
            throw;
        }

        return await call;
    }

    public static PushHeader Header(string sender = "INEGI", string action = "I", string? idempotencyKey = null) =>
        new() { Dataflow = Flow, Sender = sender, Action = action, IdempotencyKey = idempotencyKey ?? "" };

    public static async Task<List<PulledSeries>> PullAllAsync(this DataExchangeService.DataExchangeServiceClient client, PullSeriesRequest request)
    {
        using var call = client.PullSeries(request);
        var all = new List<PulledSeries>();
        await foreach (var response in call.ResponseStream.ReadAllAsync())
        {
            foreach (var series in response.Series)
            {
                MergeChunk(all, series);
            }
        }

        return all;
    }

    /// <summary>A series the server split over consecutive responses comes as consecutive chunks with the same key: one series again.</summary>
    public static void MergeChunk(List<PulledSeries> all, PulledSeries chunk)
    {
        if (all.Count > 0 && all[^1].SeriesKey == chunk.SeriesKey)
        {
            all[^1].Observations.Add(chunk.Observations);
            all[^1].Annotations.Add(chunk.Annotations);
            if (chunk.AttributesTransferId.Length > 0)
            {
                all[^1].AttributesTransferId = chunk.AttributesTransferId;
            }

            return;
        }

        all.Add(chunk);
    }
}
