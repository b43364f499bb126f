using MdgExchange.Application.Metadata;
using MdgExchange.Domain.Metadata;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace MdgExchange.Server.Portal.Pages;

/// <summary>
/// A national report beside an international one (an agency's for that country, else its global one) for an indicator
/// or series and a country, concept by concept, as <c>CompareMetadata</c> compares them; the person picks the pair.
/// </summary>
public sealed class MetadataCompareModel(MetadataService metadata) : PageModel
{
    public string Target { get; private set; } = "";

    public string Area { get; private set; } = "";

    public string Lang { get; private set; } = "en";

    public MetadataComparisonResult? Result { get; private set; }

    /// <summary>The pair shown: the national and international organisations asked for, else the first pair.</summary>
    public MetadataComparison? Shown { get; private set; }

    public string? Refusal { get; private set; }

    public async Task<IActionResult> OnGetAsync(string? target, string? area, string? lang, string? national, string? international)
    {
        (Target, Area) = ((target ?? "").Trim(), (area ?? "").Trim());
        Lang = lang is "es" or "en" ? lang : PortalText.Language;
        if (Target.Length == 0 && Area.Length == 0)
        {
            return Page();
        }

        if (Target.Length == 0 || Area.Length == 0)
        {
            Refusal = PortalText.T("fm:comparewhat");
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }

        Result = await metadata.CompareAsync(Target, Area, null, Lang, HttpContext.RequestAborted);
        Shown = Result.Comparisons.FirstOrDefault(c => (string.IsNullOrEmpty(national) || c.National?.Organisation == national) && (string.IsNullOrEmpty(international) || c.International?.Organisation == international))
            ?? Result.Comparisons.FirstOrDefault();
        return Page();
    }

    public static string Pair(MetadataComparison comparison)
    {
        ArgumentNullException.ThrowIfNull(comparison);
        return $"{comparison.National?.Organisation ?? "—"} / {comparison.International?.Organisation ?? "—"}";
    }

    public string ConceptName(string concept) =>
        Result?.ConceptNames.GetValueOrDefault(concept) is { } names ? names.FirstOrDefault(n => n.Lang == PortalText.Language)?.Text ?? names.FirstOrDefault()?.Text ?? concept : concept;

    public static string StatusClass(ConceptStatus status) => status switch
    {
        ConceptStatus.Same => "same",
        ConceptStatus.Different => "different",
        _ => "missing",
    };
}
