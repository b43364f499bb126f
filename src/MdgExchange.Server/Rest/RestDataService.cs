using System.Runtime.CompilerServices;
using MdgExchange.Domain.Data;
using MdgExchange.Domain.Structure;
using MdgExchange.Sdmx.Data;
using MdgExchange.Application.Exchange;

namespace MdgExchange.Server.Rest;

/// <summary>
/// SDMX REST data and availability queries: resolves the dataflow, pulls through <see cref="PullService"/> (so the
/// same embargo rules apply and the transfer is recorded with the REST channel and the format), selects and
/// shapes series with <see cref="RestSelection"/>, and streams the message as it is read.
/// </summary>
public sealed class RestDataService(PullService pulls, StructureQueries artefacts, TimeProvider clock)
{
    /// <summary>Answers a data query on <paramref name="http"/>'s response; 404 (nothing written) when no series matches.</summary>
    public async Task WriteDataAsync(HttpContext http, RestDataRequest request, NegotiatedFormat format)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(format);
        var dataFormat = format.Data ?? throw new ArgumentException("not a data format", nameof(format));
        if (request.IncludeHistory && dataFormat.IsCsv())
        {
            // SDMX-CSV has no column for a version's validity: the versions would read as duplicate rows.
            throw SdmxRestException.NotImplemented("includeHistory: SDMX-CSV cannot tell versions apart; ask for SDMX-ML or SDMX-JSON, whose data sets carry validFrom/validTo");
        }

        var cancellationToken = http.RequestAborted;
        var flow = await artefacts.DataflowAsync(request.AgencyId, request.FlowId, request.VersionPattern, cancellationToken);
        var pull = await PrepareAsync(http, request, flow, dataFormat.Name(), cancellationToken);
        var outcome = "failed";
        string? error = "the response stopped before its end";
        try
        {
            var flat = Layout(request, pull.Schema);
            var selection = new RestSelection(request, pull.Schema.Structure);
            var providers = pulls.SentBy(request.Providers);
            var delivered = 0;
            pull.Refine = async (series, observations, ct) =>
            {
                await providers.LoadAsync(observations, ct);
                if (selection.Select(series, observations, providers.Allows) is not { } kept)
                {
                    return null;
                }

                // Paging counts delivered series: those before the offset are read but not sent (nor counted).
                delivered++;
                return delivered <= request.Offset ? null : kept;
            };

            await using var series = Shape(pull, selection, request.Limit, cancellationToken).GetAsyncEnumerator(cancellationToken);
            if (!await series.MoveNextAsync())
            {
                (outcome, error) = ("completed", null);
                throw SdmxRestException.NoResults($"no data for {flow} match the query");
            }

            http.Response.StatusCode = StatusCodes.Status200OK;
            http.Response.ContentType = format.MediaType;
            http.Response.Headers["X-Transfer-Id"] = pull.TransferId.ToString();
            var header = new DataMessageHeader
            {
                Id = "MDGX" + pull.TransferId.ToString("N").ToUpperInvariant(),
                SenderId = "MDGEXCHANGE",
                Prepared = clock.GetUtcNow(),
                StructureRef = flow.ToString(),
            };
            await DataWriter.WriteAsync(http.Response.Body, dataFormat, pull.Schema.Structure, header, Continue(series), cancellationToken, new DataWriteOptions(flat));
            (outcome, error) = ("completed", null);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            (outcome, error) = ("cancelled", "the client went away before the response was complete");
            throw;
        }
        finally
        {
            await pull.FinishAsync(outcome, error);
        }
    }

    /// <summary>
    /// The values that exist for the query: an actual content constraint on the dataflow with one cube region,
    /// listing per dimension (or only <paramref name="componentId"/>) the codes present and the time range.
    /// <paramref name="available"/> (<c>mode=available</c>, what a data explorer shows beside a selection): each
    /// dimension's codes are those present given the key's selection on the <em>other</em> dimensions; otherwise
    /// (<c>mode=exact</c>) those of the series matching the whole key.
    /// </summary>
    public async Task<ContentConstraint> AvailabilityAsync(HttpContext http, RestDataRequest request, string? componentId, bool available = false)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(request);
        var cancellationToken = http.RequestAborted;
        var flow = await artefacts.DataflowAsync(request.AgencyId, request.FlowId, request.VersionPattern, cancellationToken);
        var pull = await PrepareAsync(http, available ? request with { Key = null } : request, flow, "availableconstraint", cancellationToken);
        KeyExpression? selected = null;
        if (available && !KeyExpression.TryParse(request.Key, pull.Schema.DimensionIds, out selected, out var keyError))
        {
            await pull.FinishAsync("rejected", $"key: {keyError}");
            throw SdmxRestException.Syntax($"key: {keyError}");
        }

        var outcome = "failed";
        try
        {
            var dimensions = pull.Schema.DimensionIds;
            var timeId = pull.Schema.Structure.TimeDimension?.Id ?? "TIME_PERIOD";
            if (componentId is not null && componentId != "all" && !dimensions.Contains(componentId) && componentId != timeId)
            {
                throw SdmxRestException.Syntax($"componentID: {componentId} is not a dimension of {flow}");
            }

            var selection = new RestSelection(request with { Detail = DataDetail.Full, FirstNObservations = null, LastNObservations = null }, pull.Schema.Structure);
            var providers = pulls.SentBy(request.Providers);
            var tally = new AvailabilityTally(dimensions, selected);
            pull.Refine = async (series, observations, ct) =>
            {
                await providers.LoadAsync(observations, ct);
                if (selection.Select(series, observations, providers.Allows) is { Count: > 0 } kept)
                {
                    tally.Add(series, kept);
                }

                // Nothing is delivered: the answer is a constraint, not data.
                return null;
            };

            await foreach (var _ in pull.ReadAsync(cancellationToken))
            {
            }

            outcome = "completed";
            if (!tally.Any)
            {
                throw SdmxRestException.NoResults($"no data for {flow} match the query");
            }

            return tally.Constraint(flow, componentId, timeId);
        }
        finally
        {
            await pull.FinishAsync(outcome, outcome == "completed" ? null : "the availability query stopped before its end");
        }
    }

    private async Task<PreparedPull> PrepareAsync(HttpContext http, RestDataRequest request, ArtefactRef flow, string format, CancellationToken cancellationToken)
    {
        var caller = Caller.From(http.User);
        var exchangeCaller = new ExchangeCaller("rest", caller.Principal, caller.Organisation, caller.Roles);
        try
        {
            return await pulls.PrepareAsync(
                new PullRequest(flow.ToString(), request.Key, request.StartPeriod, request.EndPeriod, request.UpdatedAfter, request.AsOf, false, null, request.IncludeHistory, format),
                exchangeCaller,
                cancellationToken);
        }
        catch (Exception ex) when (SdmxRestErrors.IsExchangeError(ex))
        {
            throw SdmxRestErrors.From(ex, RestName);
        }
    }

    /// <summary>The REST parameter a pull violation is about.</summary>
    private static string RestName(string field) => field switch
    {
        "start_period" => "startPeriod",
        "end_period" => "endPeriod",
        _ => field,
    };

    /// <summary>Series layout along time, or flat; another dimension at observation level is not offered.</summary>
    private static bool Layout(RestDataRequest request, DataflowSchema schema)
    {
        var at = request.DimensionAtObservation;
        if (at == "AllDimensions")
        {
            return true;
        }

        var timeId = schema.Structure.TimeDimension?.Id ?? "TIME_PERIOD";
        if (at == timeId || at == "TIME_PERIOD")
        {
            return false;
        }

        if (schema.DimensionIds.Contains(at))
        {
            throw SdmxRestException.NotImplemented($"dimensionAtObservation={at}: only {timeId} and AllDimensions are offered");
        }

        throw SdmxRestException.Syntax($"dimensionAtObservation: {at} is not a dimension of {schema.Dataflow} (expected {timeId}, AllDimensions or a dimension id)");
    }

    private static async IAsyncEnumerable<Series> Shape(PreparedPull pull, RestSelection selection, int? limit, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var count = 0;
        await foreach (var data in pull.ReadAsync(cancellationToken))
        {
            if (limit is { } max && count >= max)
            {
                yield break;
            }

            count++;
            foreach (var series in selection.Shape(data.Series, data.Observations))
            {
                yield return series;
            }
        }
    }

    /// <summary>The enumeration from its current element on (the first was read to know there is one).</summary>
    private static async IAsyncEnumerable<Series> Continue(IAsyncEnumerator<Series> series)
    {
        do
        {
            yield return series.Current;
        }
        while (await series.MoveNextAsync());
    }
}
