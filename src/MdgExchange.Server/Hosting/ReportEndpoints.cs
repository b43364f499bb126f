using MdgExchange.Application.Reports;
using MdgExchange.Application.Catalog;
using MdgExchange.Application.Discrepancies;
using MdgExchange.Application.Exchange;
using MdgExchange.Application.Inventory;
using MdgExchange.Server.Security;

namespace MdgExchange.Server.Hosting;

/// <summary>
/// Reports over HTTP (<c>GET /reports/catalog?format=html&amp;lang=es&amp;country=32</c>,
/// <c>GET /reports/inventory?format=csv&amp;goal=3</c>, <c>GET /reports/discrepancies?format=html&amp;lang=es&amp;series=SH_DYN_MORT</c>), for browsers and scripts; rows of <see cref="AccessTable"/>.
/// </summary>
public static class ReportEndpoints
{
    public const string CatalogRoute = "/reports/catalog";
    public const string InventoryRoute = "/reports/inventory";
    public const string DiscrepanciesRoute = "/reports/discrepancies";

    public static IEndpointRouteBuilder MapReportEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet(CatalogRoute, async (HttpContext http, CatalogReader reader, string? format, string? lang, string? country) =>
        {
            var caller = Caller.From(http.User);
            try
            {
                var report = await reader.RenderAsync(format ?? "", lang ?? "", country ?? "", new ExchangeCaller("http", caller.Principal, caller.Organisation, caller.Roles), http.RequestAborted);
                http.Response.Headers["X-Transfer-Id"] = report.TransferId.ToString();
                var inline = report.Format == ReportFormats.Html;
                return Results.File(report.Content, report.MediaType, inline ? null : report.FileName);
            }
            catch (CatalogQueryException ex)
            {
                return Results.Text($"{ex.Field}: {ex.Message}\n", "text/plain; charset=utf-8", statusCode: StatusCodes.Status400BadRequest);
            }
        });
        app.MapGet(InventoryRoute, async (HttpContext http, InventoryReports reports, string? format, string? lang, string? from, string? to, string? country,
            string? organisation, string? goal, string? target, string? indicator, [Microsoft.AspNetCore.Mvc.FromQuery(Name = "thematic_area")] string? thematicArea) =>
        {
            var caller = Caller.From(http.User);
            try
            {
                var query = InventoryFilters.Parse(InventoryFilters.Moment("from", from), InventoryFilters.Moment("to", to), country, organisation, goal, target, indicator, thematicArea);
                var report = await reports.RenderAsync(query, format ?? "", lang ?? "", new ExchangeCaller("http", caller.Principal, caller.Organisation, caller.Roles), http.RequestAborted);
                http.Response.Headers["X-Transfer-Id"] = report.TransferId.ToString();
                return Results.File(report.Content, report.MediaType, report.Format == ReportFormats.Html ? null : report.FileName);
            }
            catch (InventoryQueryException ex)
            {
                return Results.Text($"{ex.Field}: {ex.Message}\n", "text/plain; charset=utf-8", statusCode: StatusCodes.Status400BadRequest);
            }
        });
        app.MapGet(DiscrepanciesRoute, async (HttpContext http, DiscrepancyReports reports, string? format, string? lang, string[]? series, string[]? area, string? state, string? code, string? organisation) =>
        {
            var caller = Caller.From(http.User);
            try
            {
                static IReadOnlyCollection<string>? List(string[]? values) =>
                    values?.SelectMany(v => v.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)).ToList() is { Count: > 0 } list ? list : null;
                static string? Text(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
                var filter = new Storage.DiscrepancyFilter(Series: List(series), Areas: List(area), State: Text(state), Code: Text(code), Organisation: Text(organisation));
                var report = await reports.RenderAsync(filter, format ?? "", lang ?? "", new ExchangeCaller("http", caller.Principal, caller.Organisation, caller.Roles), http.RequestAborted);
                http.Response.Headers["X-Transfer-Id"] = report.TransferId.ToString();
                return Results.File(report.Content, report.MediaType, report.Format == ReportFormats.Html ? null : report.FileName);
            }
            catch (DiscrepancyReportException ex)
            {
                return Results.Text($"{ex.Field}: {ex.Message}\n", "text/plain; charset=utf-8", statusCode: StatusCodes.Status400BadRequest);
            }
        });
        return app;
    }
}
