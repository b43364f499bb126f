using System.Security.Cryptography;
using System.Text.RegularExpressions;
using MdgExchange.Domain.Catalog;
using MdgExchange.Application.Exchange;
using MdgExchange.Application.Reports;
using MdgExchange.Storage;

namespace MdgExchange.Application.Catalog;

/// <summary>A catalogue query as the caller wrote it (empty strings: any).</summary>
public sealed record CatalogQueryText(string Country = "", string Indicator = "", string Level = "", string Area = "", string Type = "");

/// <summary>A query the caller got wrong; <see cref="Field"/> names the request field.</summary>
public sealed class CatalogQueryException(string field, string message) : Exception(message)
{
    public string Field { get; } = field;
}

/// <summary>A rendered report and the transfer that recorded its export.</summary>
public sealed record RenderedCatalogReport(string Format, string MediaType, string FileName, byte[] Content, Guid TransferId);

/// <summary>The catalogue's reads: operations by country, indicator, level and area; gaps; citations in the data; the report.</summary>
public sealed partial class CatalogReader(ICatalogStore catalog, IDataStore data, ITransferStore transfers, CatalogRegistry registry, TimeProvider clock, ILogger<CatalogReader> logger)
{
    public const string SourceAttribute = "SOURCE_DETAIL";
    public const string ReportKind = "report-export";

    public async Task<IReadOnlyList<StatisticalOperation>> ListAsync(CatalogQueryText query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        var country = Empty(CatalogValidator.NormaliseCountry(query.Country));
        var all = await catalog.ListAsync(null, cancellationToken);
        GeographicLevel? level = null;
        if (Empty(query.Level) is { } levelText)
        {
            level = CatalogVocabulary.TryParseLevel(levelText, out var parsed)
                ? parsed
                : throw new CatalogQueryException("level", $"'{levelText}' is not a geographic level; use {string.Join(", ", CatalogVocabulary.Levels.Select(l => l.Code))}");
        }

        string? type = null;
        if (Empty(query.Type) is { } typeText)
        {
            type = CatalogVocabulary.Find(CatalogVocabulary.OperationTypes, typeText)?.Code
                ?? throw new CatalogQueryException("type", $"'{typeText}' is not an operation type; use {string.Join(", ", CatalogVocabulary.OperationTypes.Select(t => t.Code))}");
        }

        ResolvedArea? area = null;
        if (Empty(query.Area) is { } areaCode)
        {
            var hierarchies = await registry.HierarchiesAsync(all.Select(o => o.AreaCodelist).OfType<string>(), cancellationToken);
            area = CatalogQueries.Resolve(CatalogValidator.NormaliseCountry(areaCode), all.Select(o => o.Country).Append(country).OfType<string>(), hierarchies.Values)
                ?? throw new CatalogQueryException("area", $"'{areaCode}' is neither a country of the catalogue nor an area below one in the area codelists its operations name");
        }

        var indicator = Empty(query.Indicator) is { } text && Notation().IsMatch(text) ? CatalogValidator.NormaliseIndicator(text) : Empty(query.Indicator);
        var filter = new CatalogFilter(country, indicator, level, type, area);
        return ByCountry(all.Where(o => CatalogQueries.Matches(o, filter)), o => o.Country).ThenBy(o => o.Id, StringComparer.Ordinal).ToList();
    }

    /// <summary>M49 codes in numeric order (32 before 152), other codes after them.</summary>
    private static IOrderedEnumerable<T> ByCountry<T>(IEnumerable<T> items, Func<T, string> country) =>
        items.OrderBy(i => int.TryParse(country(i), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var n) ? n : int.MaxValue)
            .ThenBy(country, StringComparer.Ordinal);

    public Task<StatisticalOperation?> GetAsync(string operationId, CancellationToken cancellationToken) => catalog.GetAsync(operationId, cancellationToken);

    /// <summary>The gaps of one country (checked against CL_AREA) or of every country of the catalogue, and the framework's size.</summary>
    public async Task<(IReadOnlyList<IndicatorGap> Gaps, IReadOnlyList<FrameworkIndicator> Framework, IReadOnlyList<string> Countries, IReadOnlyList<StatisticalOperation> Operations)> GapsAsync(string country, CancellationToken cancellationToken)
    {
        var code = Empty(CatalogValidator.NormaliseCountry(country));
        var countryNames = await registry.CountriesAsync(cancellationToken);
        if (code is not null && !countryNames.ContainsKey(code))
        {
            throw new CatalogQueryException("country", $"'{country}' is not an area of IAEG-SDGs:CL_AREA(1.0); give an M49 code (32, 152, 484)");
        }

        var operations = await catalog.ListAsync(code, cancellationToken);
        IReadOnlyList<string> countries = code is null ? ByCountry(operations.Select(o => o.Country).Distinct(StringComparer.Ordinal), c => c).ToList() : [code];
        var framework = await registry.FrameworkAsync(cancellationToken);
        return (CatalogQueries.Gaps(countries, framework.Select(f => f.Notation).ToList(), operations), framework, countries, operations);
    }

    /// <summary>Current observations (and series) whose SOURCE_DETAIL names the operation as a whole word; embargoed values only for those who may see them.</summary>
    public async Task<(IReadOnlyList<StoredCitation> Citations, bool Truncated)> CitationsAsync(string operationId, string? dataflow, int limit, ExchangeCaller caller, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(caller);
        if (await catalog.GetAsync(operationId, cancellationToken) is null)
        {
            throw new KeyNotFoundException($"the catalogue has no operation {operationId}");
        }

        var found = await data.FindCitationsAsync(new CitationQuery(SourceAttribute, operationId, dataflow, limit + 1), cancellationToken);
        var word = new Regex($"(?<![A-Za-z0-9_@$-]){Regex.Escape(operationId)}(?![A-Za-z0-9_@$-])", RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));
        var now = clock.GetUtcNow();
        var senders = new Dictionary<Guid, Transfer?>();
        var visible = new List<StoredCitation>();
        foreach (var citation in found.Where(c => word.IsMatch(c.AttributeValue)))
        {
            if (citation.EmbargoUntil > now && !caller.ReadsForAnyone)
            {
                if (!senders.TryGetValue(citation.TransferId, out var transfer))
                {
                    senders[citation.TransferId] = transfer = await transfers.GetAsync(citation.TransferId, cancellationToken);
                }

                if (transfer is null || (transfer.SenderOrganisation != caller.Organisation && !(transfer.SharedWith ?? "").Split(' ').Contains(caller.Organisation)))
                {
                    continue;
                }
            }

            visible.Add(citation);
        }

        return (visible.Take(limit).ToList(), found.Count > limit);
    }

    /// <summary>Renders the catalogue report and records its export as a transfer.</summary>
    public async Task<RenderedCatalogReport> RenderAsync(string format, string lang, string country, ExchangeCaller caller, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(caller);
        format = string.IsNullOrWhiteSpace(format) ? ReportFormats.Html : format.Trim().ToLowerInvariant();
        lang = string.IsNullOrWhiteSpace(lang) ? "en" : lang.Trim().ToLowerInvariant();
        if (!ReportFormats.All.Contains(format))
        {
            throw new CatalogQueryException("format", $"'{format}' is not a report format; use {string.Join(", ", ReportFormats.All)}");
        }

        if (!ReportFormats.Languages.Contains(lang))
        {
            throw new CatalogQueryException("lang", $"'{lang}' is not a report language; use {string.Join(", ", ReportFormats.Languages)}");
        }

        var started = clock.GetUtcNow();
        var (gaps, framework, countries, operations) = await GapsAsync(country, cancellationToken);
        var code = Empty(CatalogValidator.NormaliseCountry(country));
        var document = CatalogReport.Build(lang, code, countries, operations, gaps, framework, await registry.CountriesAsync(cancellationToken), started)
            with { Names = await registry.NamesAsync(lang, cancellationToken) };
        var content = ReportRenderer.Render(document, format);
        var transferId = Guid.NewGuid();
        await transfers.AppendAsync(
            new Transfer
            {
                TransferId = transferId, Kind = ReportKind, Channel = caller.Channel, Format = $"catalog-{format}", ReceiverOrganisation = caller.Organisation,
                Principal = caller.Principal, RefAreas = code, Bytes = content.Length, PayloadSha256 = Convert.ToHexStringLower(SHA256.HashData(content)),
                ArtefactCount = operations.Count, StartedAt = started, FinishedAt = clock.GetUtcNow(), Outcome = "completed",
            },
            CancellationToken.None);
        CatalogLog.ReportExported(logger, format, lang, code ?? "region", transferId);
        return new RenderedCatalogReport(format, ReportFormats.MediaType(format), $"catalog-{code ?? "region"}-{lang}.{format}", content, transferId);
    }

    private static string? Empty(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();

    [GeneratedRegex(@"^\d+[.-]\w+[.-]\d+$")]
    private static partial Regex Notation();
}
