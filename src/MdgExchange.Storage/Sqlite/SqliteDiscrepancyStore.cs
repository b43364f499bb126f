using Dapper;
using MdgExchange.Domain.Discrepancies;
using Microsoft.Data.Sqlite;

namespace MdgExchange.Storage.Sqlite;

/// <summary>Discrepancy pairs, their typology codes and reconciliation history in SQLite.</summary>
public sealed class SqliteDiscrepancyStore(SqliteConnectionFactory connections) : IDiscrepancyStore
{
    public async Task<IReadOnlyList<DiscrepancyPair>> SaveAnalysisAsync(IReadOnlyList<DiscrepancyPair> pairs, DateTimeOffset at, CancellationToken cancellationToken)
    {
        DiscrepancyRows.CheckSavable(pairs);
        using var writer = await connections.EnterWriterAsync(cancellationToken);
        await using var connection = await connections.OpenAsync(cancellationToken);
        await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(cancellationToken);
        var stored = new List<DiscrepancyPair>(pairs.Count);
        foreach (var pair in pairs)
        {
            var known = await connection.QuerySingleOrDefaultAsync<DiscrepancyPairRow<string>>(new CommandDefinition(
                """
                SELECT pair_id AS PairId, state AS State, first_found_at AS FirstFoundAt
                FROM discrepancy_pair
                WHERE dataflow = @Dataflow AND series = @Series AND area = @Area AND period = @Period AND breakdown = @Breakdown
                """,
                new { pair.Dataflow, pair.Series, pair.Area, pair.Period, pair.Breakdown },
                transaction,
                cancellationToken: cancellationToken));

            DiscrepancyPair result;
            List<PairCode> kept = [];
            List<PairCode> added;
            if (known is null)
            {
                result = PairReanalysis.FirstFound(pair, Guid.NewGuid(), at);
                added = pair.Codes.ToList();
                await InsertPairAsync(connection, transaction, result, cancellationToken);
            }
            else
            {
                result = PairReanalysis.FoundAgain(pair, TransferIds.Parse(known.PairId), known.State, SqliteText.ToTimestamp(known.FirstFoundAt), at);
                kept = await RefreshPairAsync(connection, transaction, result, cancellationToken);
                added = PairReanalysis.NewCodes(pair.Codes, kept);
            }

            await InsertCodesAsync(connection, transaction, result.PairId, added, cancellationToken);
            stored.Add(PairReanalysis.Saved(result, kept, added));
        }

        await transaction.CommitAsync(cancellationToken);
        return stored;
    }

    private static Task InsertPairAsync(SqliteConnection connection, SqliteTransaction transaction, DiscrepancyPair pair, CancellationToken cancellationToken) =>
        connection.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO discrepancy_pair (
                pair_id, dataflow, series, area, period, breakdown, national_organisation, national_value, national_nature,
                international_organisation, international_value, international_nature, difference, state, first_found_at, analysed_at)
            VALUES (
                @PairId, @Dataflow, @Series, @Area, @Period, @Breakdown, @NationalOrganisation, @NationalValue, @NationalNature,
                @InternationalOrganisation, @InternationalValue, @InternationalNature, @Difference, @State, @At, @At)
            """,
            new
            {
                PairId = TransferIds.ToText(pair.PairId),
                pair.Dataflow,
                pair.Series,
                pair.Area,
                pair.Period,
                pair.Breakdown,
                pair.NationalOrganisation,
                pair.NationalValue,
                pair.NationalNature,
                pair.InternationalOrganisation,
                pair.InternationalValue,
                pair.InternationalNature,
                pair.Difference,
                pair.State,
                At = SqliteText.FromTimestamp(pair.AnalysedAt),
            },
            transaction,
            cancellationToken: cancellationToken));

    /// <summary>Writes the new values on a known pair, drops the codes the analysis replaces and returns those kept.</summary>
    private static async Task<List<PairCode>> RefreshPairAsync(SqliteConnection connection, SqliteTransaction transaction, DiscrepancyPair pair, CancellationToken cancellationToken)
    {
        var pairId = TransferIds.ToText(pair.PairId);
        await connection.ExecuteAsync(new CommandDefinition(
            """
            UPDATE discrepancy_pair
            SET national_organisation = @NationalOrganisation, national_value = @NationalValue, national_nature = @NationalNature,
                international_organisation = @InternationalOrganisation, international_value = @InternationalValue,
                international_nature = @InternationalNature, difference = @Difference, analysed_at = @At
            WHERE pair_id = @PairId
            """,
            new
            {
                PairId = pairId,
                pair.NationalOrganisation,
                pair.NationalValue,
                pair.NationalNature,
                pair.InternationalOrganisation,
                pair.InternationalValue,
                pair.InternationalNature,
                pair.Difference,
                At = SqliteText.FromTimestamp(pair.AnalysedAt),
            },
            transaction,
            cancellationToken: cancellationToken));

        var rows = await connection.QueryAsync<DiscrepancyCodeRow<string>>(new CommandDefinition(
            """
            SELECT pair_id AS PairId, code AS Code, origin AS Origin, status AS Status, rule_name AS RuleName, facts AS Facts,
                   decided_by AS DecidedBy, reason AS Reason, status_at AS StatusAt
            FROM discrepancy_code
            WHERE pair_id = @PairId
            """,
            new { PairId = pairId },
            transaction,
            cancellationToken: cancellationToken));
        var codes = rows.Select(r => r.ToCode(SqliteText.ToTimestamp)).ToList();
        var replaced = codes.Where(PairReanalysis.IsReplaced).Select(c => c.Code).ToList();
        await connection.ExecuteAsync(new CommandDefinition(
            "DELETE FROM discrepancy_code WHERE pair_id = @PairId AND code = @Code AND origin = @Origin",
            replaced.Select(code => new { PairId = pairId, Code = code, Origin = PairCode.Automatic }).ToList(),
            transaction,
            cancellationToken: cancellationToken));
        return codes.Where(c => !PairReanalysis.IsReplaced(c)).ToList();
    }

    // A pair has a handful of codes: one command run per code is enough here.
    private static Task InsertCodesAsync(SqliteConnection connection, SqliteTransaction transaction, Guid pairId, IReadOnlyList<PairCode> codes, CancellationToken cancellationToken) =>
        connection.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO discrepancy_code (pair_id, code, origin, status, rule_name, facts, decided_by, reason, status_at)
            VALUES (@PairId, @Code, @Origin, @Status, @RuleName, @Facts, @DecidedBy, @Reason, @StatusAt)
            """,
            codes.Select(c => new
            {
                PairId = TransferIds.ToText(pairId),
                c.Code,
                c.Origin,
                c.Status,
                RuleName = c.Rule,
                Facts = DiscrepancyRows.FactsJson(c.Facts),
                DecidedBy = c.By,
                c.Reason,
                StatusAt = SqliteText.FromTimestamp(c.At),
            }).ToList(),
            transaction,
            cancellationToken: cancellationToken));

    public async Task<DiscrepancyPair?> GetAsync(Guid pairId, CancellationToken cancellationToken)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        var row = await connection.QuerySingleOrDefaultAsync<DiscrepancyPairRow<string>>(new CommandDefinition(
            """
            SELECT pair_id AS PairId, dataflow AS Dataflow, series AS Series, area AS Area, period AS Period, breakdown AS Breakdown,
                   national_organisation AS NationalOrganisation, national_value AS NationalValue, national_nature AS NationalNature,
                   international_organisation AS InternationalOrganisation, international_value AS InternationalValue,
                   international_nature AS InternationalNature, difference AS Difference, state AS State,
                   first_found_at AS FirstFoundAt, analysed_at AS AnalysedAt
            FROM discrepancy_pair
            WHERE pair_id = @PairId
            """,
            new { PairId = TransferIds.ToText(pairId) },
            cancellationToken: cancellationToken));
        return row is null ? null : (await WithCodesAsync(connection, [row], cancellationToken))[0];
    }

    public async Task<IReadOnlyList<DiscrepancyPair>> ListAsync(DiscrepancyFilter filter, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(filter);
        TransferIds.CheckLimit(filter.Limit);
        await using var connection = await connections.OpenAsync(cancellationToken);
        var rows = (await connection.QueryAsync<DiscrepancyPairRow<string>>(new CommandDefinition(
            """
            SELECT p.pair_id AS PairId, p.dataflow AS Dataflow, p.series AS Series, p.area AS Area, p.period AS Period,
                   p.breakdown AS Breakdown, p.national_organisation AS NationalOrganisation, p.national_value AS NationalValue,
                   p.national_nature AS NationalNature, p.international_organisation AS InternationalOrganisation,
                   p.international_value AS InternationalValue, p.international_nature AS InternationalNature,
                   p.difference AS Difference, p.state AS State, p.first_found_at AS FirstFoundAt, p.analysed_at AS AnalysedAt
            FROM discrepancy_pair p
            WHERE (@Dataflow IS NULL OR p.dataflow = @Dataflow)
              AND (@Series IS NULL OR p.series IN (SELECT value FROM json_each(@Series)))
              AND (@Areas IS NULL OR p.area IN (SELECT value FROM json_each(@Areas)))
              AND (@Period IS NULL OR p.period = @Period)
              AND (@State IS NULL OR p.state = @State)
              AND (@Organisation IS NULL OR p.national_organisation = @Organisation OR p.international_organisation = @Organisation)
              AND (@Code IS NULL OR EXISTS (
                    SELECT 1 FROM discrepancy_code c WHERE c.pair_id = p.pair_id AND c.code = @Code AND c.status <> 'removed'))
            ORDER BY p.series, p.area, p.period, p.breakdown, p.dataflow
            LIMIT @Limit
            """,
            new
            {
                filter.Dataflow,
                Series = DiscrepancyRows.ListJson(filter.Series),
                Areas = DiscrepancyRows.ListJson(filter.Areas),
                filter.Period,
                filter.State,
                filter.Organisation,
                filter.Code,
                filter.Limit,
            },
            cancellationToken: cancellationToken))).ToList();
        return await WithCodesAsync(connection, rows, cancellationToken);
    }

    public async Task<bool> RecordAsync(PairEvent step, CancellationToken cancellationToken)
    {
        DiscrepancyRows.CheckRecordable(step);
        var pairId = TransferIds.ToText(step.PairId);
        var at = SqliteText.FromTimestamp(step.At);
        using var writer = await connections.EnterWriterAsync(cancellationToken);
        await using var connection = await connections.OpenAsync(cancellationToken);
        await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(cancellationToken);
        int changed;
        if (step.Kind == PairEvent.StateMove)
        {
            changed = await connection.ExecuteAsync(new CommandDefinition(
                """
                UPDATE discrepancy_pair SET state = @ToState WHERE pair_id = @PairId AND state = @FromState
                """,
                new { PairId = pairId, step.FromState, step.ToState },
                transaction,
                cancellationToken: cancellationToken));
        }
        else if (step.Kind == PairEvent.CodeAdded)
        {
            changed = await connection.ExecuteAsync(new CommandDefinition(
                """
                INSERT INTO discrepancy_code (pair_id, code, origin, status, rule_name, facts, decided_by, reason, status_at)
                SELECT pair_id, @Code, 'manual', 'confirmed', '', '[]', @DecidedBy, @Reason, @At
                FROM discrepancy_pair
                WHERE pair_id = @PairId
                ON CONFLICT (pair_id, code, origin) DO UPDATE
                SET status = 'confirmed', decided_by = excluded.decided_by, reason = excluded.reason, status_at = excluded.status_at
                """,
                new { PairId = pairId, step.Code, DecidedBy = DiscrepancyRows.DecidedBy(step), Reason = step.Comment, At = at },
                transaction,
                cancellationToken: cancellationToken));
        }
        else
        {
            changed = await connection.ExecuteAsync(new CommandDefinition(
                """
                UPDATE discrepancy_code SET status = @Status, decided_by = @DecidedBy, reason = @Reason, status_at = @At
                WHERE pair_id = @PairId AND code = @Code
                """,
                new { PairId = pairId, step.Code, Status = DiscrepancyRows.StatusOf(step), DecidedBy = DiscrepancyRows.DecidedBy(step), Reason = step.Comment, At = at },
                transaction,
                cancellationToken: cancellationToken));
        }

        if (changed == 0)
        {
            // Nothing applied (a stale state, an unknown pair or code): the step is not history either.
            return false;
        }

        await connection.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO discrepancy_event (pair_id, ordinal, event_at, organisation, principal, kind, from_state, to_state, code, comment)
            SELECT @PairId, coalesce(max(ordinal), 0) + 1, @At, @Organisation, @Principal, @Kind, @FromState, @ToState, @Code, @Comment
            FROM discrepancy_event
            WHERE pair_id = @PairId
            """,
            new { PairId = pairId, At = at, step.Organisation, step.Principal, step.Kind, step.FromState, step.ToState, step.Code, step.Comment },
            transaction,
            cancellationToken: cancellationToken));

        await transaction.CommitAsync(cancellationToken);
        return true;
    }

    public async Task<IReadOnlyList<PairEvent>> HistoryAsync(Guid pairId, CancellationToken cancellationToken)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<DiscrepancyEventRow<string>>(new CommandDefinition(
            """
            SELECT pair_id AS PairId, event_at AS EventAt, organisation AS Organisation, principal AS Principal, kind AS Kind,
                   from_state AS FromState, to_state AS ToState, code AS Code, comment AS Comment
            FROM discrepancy_event
            WHERE pair_id = @PairId
            ORDER BY ordinal
            """,
            new { PairId = TransferIds.ToText(pairId) },
            cancellationToken: cancellationToken));
        return rows.Select(r => r.ToEvent(SqliteText.ToTimestamp)).ToList();
    }

    private static async Task<List<DiscrepancyPair>> WithCodesAsync(SqliteConnection connection, List<DiscrepancyPairRow<string>> rows, CancellationToken cancellationToken)
    {
        if (rows.Count == 0)
        {
            return [];
        }

        var codes = (await connection.QueryAsync<DiscrepancyCodeRow<string>>(new CommandDefinition(
            """
            SELECT pair_id AS PairId, code AS Code, origin AS Origin, status AS Status, rule_name AS RuleName, facts AS Facts,
                   decided_by AS DecidedBy, reason AS Reason, status_at AS StatusAt
            FROM discrepancy_code
            WHERE pair_id IN (SELECT value FROM json_each(@PairIds))
            ORDER BY pair_id, code, origin
            """,
            new { PairIds = DiscrepancyRows.ListJson(rows.Select(r => r.PairId).ToList()) },
            cancellationToken: cancellationToken)))
            .ToLookup(c => c.PairId, c => c.ToCode(SqliteText.ToTimestamp), StringComparer.Ordinal);
        return rows.Select(r => r.ToPair(codes[r.PairId].ToList(), SqliteText.ToTimestamp)).ToList();
    }
}
