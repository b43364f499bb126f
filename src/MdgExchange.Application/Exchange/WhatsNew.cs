using MdgExchange.Storage;

namespace MdgExchange.Application.Exchange;

/// <summary>What a person follows: dataflow, series codes and areas (none: everything).</summary>
public sealed record WhatsNewRequest(string? Dataflow = null, IReadOnlyCollection<string>? Series = null, IReadOnlyCollection<string>? Areas = null, int Limit = 500);

/// <summary>
/// A series code in an area that another organisation pushed (new or revised values) after the caller's last pull of
/// it: when, by whom, how many values, and when the caller last pulled it (null: never).
/// </summary>
public sealed record NewData(string Dataflow, string SeriesCode, string Area, string Sender, DateTimeOffset PushedAt, long Observations, long Revised, Guid PushTransfer, DateTimeOffset? LastPulled);

/// <summary>
/// An agency's "what's new": from the transfer record, the completed pushes of other organisations whose series and
/// areas the caller has not pulled since (a pull by any channel counts, a look at a series page too). Values under an
/// embargo the caller may not see are not announced. Reads no observation: it is not itself a pull.
/// </summary>
public sealed class WhatsNew(ITransferStore transfers, TimeProvider clock)
{
    /// <summary>The most pushes looked at, newest first.</summary>
    public const int MaxLimit = 5000;

    public async Task<IReadOnlyList<NewData>> ListAsync(WhatsNewRequest request, ExchangeCaller caller, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(caller);
        if (caller.Organisation is not { } organisation)
        {
            return [];
        }

        var now = clock.GetUtcNow();
        var pushes = await transfers.QueryAsync(
            new TransferFilter { Kind = "push", Outcome = "completed", Dataflow = request.Dataflow, Limit = Math.Clamp(request.Limit, 1, MaxLimit) },
            cancellationToken);
        var lastPulls = new Dictionary<(string, string, string), DateTimeOffset?>();
        var news = new Dictionary<(string, string, string), NewData>();
        foreach (var push in pushes.Where(p => p.SenderOrganisation != organisation && p.Dataflow is not null && EmbargoFilter.Sees(p, caller, now)))
        {
            foreach (var code in Split(push.SeriesCodes).Where(c => request.Series is not { Count: > 0 } wanted || wanted.Contains(c)))
            {
                foreach (var area in Split(push.RefAreas).Where(a => request.Areas is not { Count: > 0 } wanted || wanted.Contains(a)))
                {
                    var key = (push.Dataflow!, code, area);
                    if (news.ContainsKey(key))
                    {
                        continue; // a newer push of the same series and area is already listed
                    }

                    if (!lastPulls.TryGetValue(key, out var lastPull))
                    {
                        var pulls = await transfers.QueryAsync(new TransferFilter { Organisation = organisation, Kind = "pull", Outcome = "completed", Dataflow = push.Dataflow, SeriesCode = code, RefArea = area, Limit = 1 }, cancellationToken);
                        lastPull = lastPulls[key] = pulls.Count == 0 ? null : pulls[0].FinishedAt;
                    }

                    if (lastPull is null || lastPull < push.FinishedAt)
                    {
                        news[key] = new NewData(push.Dataflow!, code, area, push.SenderOrganisation ?? "", push.FinishedAt, push.ObservationCount, push.ObservationsRevised, push.TransferId, lastPull);
                    }
                }
            }
        }

        return news.Values.OrderByDescending(n => n.PushedAt).ThenBy(n => n.SeriesCode, StringComparer.Ordinal).ThenBy(n => n.Area, StringComparer.Ordinal).ToList();
    }

    private static string[] Split(string? codes) => (codes ?? "").Split(' ', StringSplitOptions.RemoveEmptyEntries);
}
