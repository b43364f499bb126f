using MdgExchange.Domain.Data;
using MdgExchange.Storage;
using Series = MdgExchange.Domain.Data.Series;

namespace MdgExchange.Application.Exchange;

/// <summary>The rules and locations of a push that need nothing of the service's state.</summary>
public sealed partial class PushService
{
    /// <summary>Where a refused change of another organisation's value was sent: the observation, or the series (a replace or delete).</summary>
    internal static string ForeignLocation(Series series, int seriesIndex, ForeignObservationException error) =>
        error.ObservationIndex >= 0 ? $"{ObservationLocation(series, seriesIndex, error.ObservationIndex)}.obs_value" : series.Location ?? $"series[{seriesIndex}]";

    /// <summary>Records the push as refused for changing another organisation's value and returns the error to throw.</summary>
    internal static async Task<ExchangeDeniedException> DenyForeignAsync(TransferRecorder record, ForeignObservationException foreign, string location)
    {
        var why = $"series {foreign.SeriesKey}, period {foreign.TimePeriod}, was pushed by {foreign.Owner}; only {foreign.Owner} may revise or delete it (an agency never changes a national series)";
        return await record.DenyAsync($"{location}: {why}", [new(location, why)], $"the push was refused and nothing was stored: {why}");
    }

    /// <summary>Records the push as rejected for a period sent twice and returns the error to throw.</summary>
    internal static async Task<ExchangeRejectedException> RejectDuplicateAsync(Guid transferId, TransferRecorder record, DataValidator validator, DuplicateObservationException duplicate, string location)
    {
        validator.Add($"{location}.time_period", $"series {duplicate.SeriesKey} has the period {duplicate.TimePeriod} more than once in this push; each observation may be sent once per transfer");
        var message = $"the push was refused and nothing was stored: {location}.time_period: the period {duplicate.TimePeriod} of series {duplicate.SeriesKey} appears more than once";
        await record.FinishAsync("rejected", message);
        return new ExchangeRejectedException(transferId, message, validator.Violations);
    }

    /// <summary>
    /// Agencies publish international series (REPORTING_TYPE=G) and never push national ones. National bodies are
    /// not restricted here: real national files mark their series G as well (Kenya's does); what a provider may
    /// report is its own areas, by its provision agreements.
    /// </summary>
    internal static string? ReportingTypeDenied(ExchangeCaller caller, Series series)
    {
        if (caller.Organisation is null || caller.Has(Security.Roles.Provider) || !caller.Has(Security.Roles.Agency)
            || !series.Key.TryGetValue("REPORTING_TYPE", out var type) || type.Length == 0 || type == "G")
        {
            return null;
        }

        return $"an agency pushes international series (REPORTING_TYPE=G), not REPORTING_TYPE={type}: national series are the national provider's";
    }

    internal static DataAction ResolveAction(string seriesAction, DataAction headerAction, string path, DataValidator validator)
    {
        if (string.IsNullOrEmpty(seriesAction))
        {
            return headerAction;
        }

        if (DataActions.TryParse(seriesAction, out var own))
        {
            return own;
        }

        validator.Add($"{path}.action", $"'{seriesAction}' is not a dataset action; use I, A, M, R or D");
        return headerAction;
    }

    /// <summary>Where an observation was sent: its location in the source file, or <c>series[i].observations[j]</c>.</summary>
    internal static string ObservationLocation(Series series, int seriesIndex, int observationIndex) =>
        series.ObservationLocations is { } locations && observationIndex < locations.Count && !locations[observationIndex].StartsWith("observations[", StringComparison.Ordinal)
            ? locations[observationIndex]
            : $"series[{seriesIndex}].observations[{observationIndex}]";

    internal static PushResult Replay(Transfer earlier) => new(
        earlier.TransferId,
        earlier.SeriesCount,
        earlier.ObservationCount,
        earlier.ObservationsInserted,
        earlier.ObservationsRevised,
        earlier.ObservationsUnchanged,
        earlier.ObservationsDeleted,
        (earlier.Warnings ?? "").Split('\n', StringSplitOptions.RemoveEmptyEntries),
        Replayed: true);

    private static string? NullIfEmpty(string text) => string.IsNullOrEmpty(text) ? null : text;
}
