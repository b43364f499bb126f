using System.Security.Cryptography;
using MdgExchange.Domain.Catalog;
using MdgExchange.Domain.Data;
using MdgExchange.Application.Exchange;
using MdgExchange.Application.Security;
using MdgExchange.Storage;

namespace MdgExchange.Application.Catalog;

/// <summary>What an import brings: CSV bytes or operations already structured (gRPC), each value with its location.</summary>
public sealed record CatalogSubmission(IReadOnlyList<OperationDraft> Drafts, IReadOnlyList<CatalogViolation> ReadViolations, string Format, long Bytes, string PayloadSha256)
{
    public static CatalogSubmission FromCsv(byte[] content)
    {
        ArgumentNullException.ThrowIfNull(content);
        var violations = new List<CatalogViolation>();
        var drafts = CatalogCsvReader.Read(content, violations);
        return new CatalogSubmission(drafts, violations, "catalog-csv", content.Length, Convert.ToHexStringLower(SHA256.HashData(content)));
    }
}

/// <summary>What an import did.</summary>
public sealed record CatalogImportResult(Guid TransferId, IReadOnlyList<string> Created, IReadOnlyList<string> Replaced, int Indicators);

/// <summary>
/// The catalogue's writes: validation against the registry, who may write which country, atomic storage with
/// the transfer record; every refusal is recorded as a rejected transfer too. Writers: coordinators and admins
/// for any country; a national provider for the countries its provision agreements' area constraints list.
/// </summary>
public sealed class CatalogWriter(ICatalogStore catalog, ITransferStore transfers, CatalogRegistry registry, ProviderScopes scopes, TimeProvider clock, ILogger<CatalogWriter> logger)
{
    public const string ImportKind = "catalog-import";
    public const string DeleteKind = "catalog-delete";
    private const int MaxListed = 100;

    public async Task<CatalogImportResult> ImportAsync(CatalogSubmission submission, ExchangeCaller caller, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(submission);
        ArgumentNullException.ThrowIfNull(caller);
        var transfer = new Transfer
        {
            TransferId = Guid.NewGuid(), Kind = ImportKind, Channel = caller.Channel, Format = submission.Format, SenderOrganisation = caller.Organisation,
            Principal = caller.Principal, Bytes = submission.Bytes, PayloadSha256 = submission.PayloadSha256, StartedAt = clock.GetUtcNow(),
            FinishedAt = clock.GetUtcNow(), Outcome = "completed", ArtefactCount = submission.Drafts.Count,
            RefAreas = Listed(submission.Drafts.Select(d => CatalogValidator.NormaliseCountry(d.Country.Value))),
            SeriesCodes = Listed(submission.Drafts.SelectMany(d => d.Indicators).Select(i => i.Series.Value)),
        };

        var violations = submission.ReadViolations.ToList();
        if (violations.Count == 0 && submission.Drafts.Count == 0)
        {
            violations.Add(new("operations", "the import holds no operation"));
        }

        IReadOnlyList<StatisticalOperation> operations = [];
        if (violations.Count == 0)
        {
            var references = await registry.ReferencesAsync(CatalogValidator.AreaCodelistsNamed(submission.Drafts), cancellationToken);
            operations = CatalogValidator.Validate(submission.Drafts, references, violations);
        }

        if (violations.Count > 0)
        {
            // In file order: by row (or message index), then as found.
            violations = violations.OrderBy(v => Position(v.Path)).ToList();
            var summary = $"INVALID_ARGUMENT: {violations.Count} problem(s); {violations[0].Path}: {violations[0].Description}";
            await transfers.AppendAsync(transfer with { Outcome = "rejected", ErrorSummary = Cut(summary), FinishedAt = clock.GetUtcNow() }, CancellationToken.None);
            CatalogLog.Rejected(logger, transfer.TransferId, caller.Principal ?? "", violations.Count);
            throw new ExchangeRejectedException(
                transfer.TransferId, $"the catalogue import has {violations.Count} problem(s); nothing was stored",
                violations.Take(MaxListed).Select(v => new DataViolation(v.Path, v.Description)).ToList(), Math.Max(0, violations.Count - MaxListed));
        }

        var denied = new List<DataViolation>();
        var mayWrite = await WriterAsync(caller, cancellationToken);
        foreach (var (operation, draft) in operations.Zip(submission.Drafts))
        {
            var existing = await catalog.GetAsync(operation.Id, cancellationToken);
            foreach (var country in new[] { operation.Country, existing?.Country }.OfType<string>().Distinct())
            {
                if (!mayWrite(country))
                {
                    denied.Add(new(draft.Country.Path, $"{caller.Organisation} may write the catalogue of its own country only, not of {country}{(country == operation.Country ? "" : $" (operation {operation.Id} is {country}'s)")}"));
                }
            }
        }

        if (denied.Count > 0)
        {
            var why = $"{caller.Principal} ({caller.Organisation}) may not write the catalogue of another country: {denied[0].Field}: {denied[0].Description}";
            await transfers.AppendAsync(transfer with { Outcome = "rejected", ErrorSummary = Cut($"PERMISSION_DENIED: {why}"), FinishedAt = clock.GetUtcNow() }, CancellationToken.None);
            throw new ExchangeDeniedException(transfer.TransferId, why, denied);
        }

        var now = clock.GetUtcNow();
        var stamped = operations.Select(o => o with { UpdatedAt = now, UpdatedBy = caller.Principal, TransferId = transfer.TransferId }).ToList();
        var replaced = await catalog.SaveAsync(stamped, transfer with { FinishedAt = clock.GetUtcNow() }, cancellationToken);
        var result = new CatalogImportResult(transfer.TransferId, stamped.Select(o => o.Id).Except(replaced).ToList(), replaced, stamped.Sum(o => o.Indicators.Count));
        CatalogLog.Imported(logger, transfer.TransferId, caller.Principal ?? "", result.Created.Count, result.Replaced.Count);
        return result;
    }

    public async Task<Guid> DeleteAsync(string operationId, ExchangeCaller caller, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(caller);
        var transfer = new Transfer
        {
            TransferId = Guid.NewGuid(), Kind = DeleteKind, Channel = caller.Channel, SenderOrganisation = caller.Organisation, Principal = caller.Principal,
            StartedAt = clock.GetUtcNow(), FinishedAt = clock.GetUtcNow(), Outcome = "completed", ArtefactCount = 1,
        };
        var existing = await catalog.GetAsync(operationId, cancellationToken);
        if (existing is null)
        {
            await transfers.AppendAsync(transfer with { Outcome = "rejected", ArtefactCount = 0, ErrorSummary = Cut($"NOT_FOUND: operation {operationId}") }, CancellationToken.None);
            throw new ExchangeNotFoundException(transfer.TransferId, "StatisticalOperation", operationId, $"the catalogue has no operation {operationId}");
        }

        transfer = transfer with { RefAreas = existing.Country };
        if (!(await WriterAsync(caller, cancellationToken))(existing.Country))
        {
            var why = $"{caller.Principal} ({caller.Organisation}) may not change the catalogue of {existing.Country}";
            await transfers.AppendAsync(transfer with { Outcome = "rejected", ErrorSummary = Cut($"PERMISSION_DENIED: {why}") }, CancellationToken.None);
            throw new ExchangeDeniedException(transfer.TransferId, why, [new DataViolation("id", why)]);
        }

        await catalog.DeleteAsync(operationId, transfer with { FinishedAt = clock.GetUtcNow() }, cancellationToken);
        CatalogLog.Deleted(logger, operationId, transfer.TransferId, caller.Principal ?? "");
        return transfer.TransferId;
    }

    /// <summary>
    /// The countries the caller may write: null for every one (coordinators and admins), its agreements' areas for a
    /// provider, none for anyone else. The rule this writer applies; the portal shows it before the writer applies it.
    /// </summary>
    public async Task<IReadOnlySet<string>?> WritableCountriesAsync(ExchangeCaller caller, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(caller);
        if (caller.Has(Roles.Coordinator) || caller.Has(Roles.Admin))
        {
            return null;
        }

        return caller.Has(Roles.Provider) && caller.Organisation is { } organisation ? await scopes.AreasOfAsync(organisation, cancellationToken) : new HashSet<string>();
    }

    private async Task<Func<string, bool>> WriterAsync(ExchangeCaller caller, CancellationToken cancellationToken) =>
        await WritableCountriesAsync(caller, cancellationToken) is { } areas ? areas.Contains : _ => true;

    private static string? Listed(IEnumerable<string> values) =>
        string.Join(' ', values.Where(MdgExchange.Domain.Structure.Identifiers.IsValidId).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).Take(200)) is { Length: > 0 } text ? text : null;

    private static int Position(string path) =>
        path.IndexOf('[', StringComparison.Ordinal) is var open and >= 0 && path.IndexOf(']', open) is var close and > 0
        && int.TryParse(path.AsSpan(open + 1, close - open - 1), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var n) ? n : -1;

    private static string Cut(string text) => text.Length > 4000 ? text[..4000] : text;
}

internal static partial class CatalogLog
{
    [LoggerMessage(1500, LogLevel.Information, "Catalogue import {TransferId} by {By}: {Created} created, {Replaced} replaced")]
    public static partial void Imported(ILogger logger, Guid transferId, string by, int created, int replaced);

    [LoggerMessage(1501, LogLevel.Warning, "Catalogue import {TransferId} by {By} rejected: {Problems} problem(s)")]
    public static partial void Rejected(ILogger logger, Guid transferId, string by, int problems);

    [LoggerMessage(1502, LogLevel.Information, "Catalogue operation {OperationId} deleted (transfer {TransferId}) by {By}")]
    public static partial void Deleted(ILogger logger, string operationId, Guid transferId, string by);

    [LoggerMessage(1503, LogLevel.Information, "Catalogue report {Format}/{Lang} ({Scope}) exported, transfer {TransferId}")]
    public static partial void ReportExported(ILogger logger, string format, string lang, string scope, Guid transferId);
}
