using System.Net;
using System.Text.RegularExpressions;

namespace MdgExchange.Domain.Metadata;

public enum ConceptStatus
{
    Same,
    Different,
    MissingNational,
    MissingInternational,
    MissingBoth,
}

/// <summary>One concept of a national report against an international one.</summary>
public sealed record ConceptComparison(
    string Concept,
    ConceptStatus Status,
    string? NationalText,
    string? InternationalText,
    string? NationalLang,
    string? InternationalLang,
    double Similarity);

/// <summary>A national report against an international one (either may be missing), concept by concept.</summary>
public sealed record MetadataComparison(MetadataReport? National, MetadataReport? International, IReadOnlyList<ConceptComparison> Concepts)
{
    public int Count(ConceptStatus status) => Concepts.Count(c => c.Status == status);
}

/// <summary>
/// Compares national and international metadata of an indicator concept by concept. Texts are compared in the
/// requested language when both reports have it, else in a language they share (English first), else as they are
/// (which then counts as different). Markup, entities, case, spacing and punctuation do not make a difference; the
/// similarity is the share of distinct words the two texts have in common.
/// </summary>
public static partial class MetadataComparer
{
    /// <summary>The concepts of the SDG MSD that explain discrepancies; shown even when neither side reports them.</summary>
    public static IReadOnlyList<string> KeyConcepts { get; } =
        ["STAT_CONC_DEF", "UNIT_MEASURE", "DATA_COMP", "ADJUSTMENT", "IMPUTATION", "REG_AGG", "DATA_SOURCE", "COLL_METHOD", "COMPARABILITY"];

    /// <summary>
    /// Pairs every national report with every international one (a side with none is compared with nothing) and
    /// compares them over the concepts either reports and the <paramref name="keyConcepts"/>, in
    /// <paramref name="conceptOrder"/> (the MSD's), then the others by id.
    /// </summary>
    public static IReadOnlyList<MetadataComparison> Compare(
        IReadOnlyList<MetadataReport> national,
        IReadOnlyList<MetadataReport> international,
        IReadOnlyList<string> conceptOrder,
        string lang = "en",
        IReadOnlyList<string>? keyConcepts = null)
    {
        ArgumentNullException.ThrowIfNull(national);
        ArgumentNullException.ThrowIfNull(international);
        ArgumentNullException.ThrowIfNull(conceptOrder);
        var nationals = national.Count == 0 ? [null] : national.Cast<MetadataReport?>().ToList();
        var internationals = international.Count == 0 ? [null] : international.Cast<MetadataReport?>().ToList();
        return nationals.SelectMany(n => internationals.Select(i => Compare(n, i, conceptOrder, lang, keyConcepts ?? KeyConcepts))).ToList();
    }

    public static MetadataComparison Compare(MetadataReport? national, MetadataReport? international, IReadOnlyList<string> conceptOrder, string lang, IReadOnlyList<string> keyConcepts)
    {
        ArgumentNullException.ThrowIfNull(conceptOrder);
        ArgumentNullException.ThrowIfNull(keyConcepts);
        var reported = (national?.Values ?? []).Concat(international?.Values ?? []).Select(v => v.Concept).Concat(keyConcepts).ToHashSet(StringComparer.Ordinal);
        var ordered = conceptOrder.Where(reported.Contains).Concat(reported.Except(conceptOrder).Order(StringComparer.Ordinal)).ToList();
        var concepts = ordered.Select(concept => CompareConcept(concept, national, international, lang)).ToList();
        return new MetadataComparison(national, international, concepts);
    }

    private static ConceptComparison CompareConcept(string concept, MetadataReport? national, MetadataReport? international, string lang)
    {
        var nationalLangs = Languages(national, concept);
        var internationalLangs = Languages(international, concept);
        if (nationalLangs.Count == 0 || internationalLangs.Count == 0)
        {
            var (n, nl) = Pick(national, concept, nationalLangs, lang);
            var (i, il) = Pick(international, concept, internationalLangs, lang);
            var status = n is null && i is null ? ConceptStatus.MissingBoth : n is null ? ConceptStatus.MissingNational : ConceptStatus.MissingInternational;
            return new ConceptComparison(concept, status, n, i, nl, il, 0);
        }

        // The requested language if both have it, else a shared one (English first), else each side's own.
        var shared = nationalLangs.Intersect(internationalLangs).OrderBy(l => l == lang ? 0 : l == "en" ? 1 : 2).ThenBy(l => l, StringComparer.Ordinal).FirstOrDefault();
        var (nationalText, nationalLang) = Pick(national, concept, nationalLangs, shared ?? lang);
        var (internationalText, internationalLang) = Pick(international, concept, internationalLangs, shared ?? lang);
        var a = Normalise(nationalText!);
        var b = Normalise(internationalText!);
        var same = shared is not null && a == b;
        return new ConceptComparison(concept, same ? ConceptStatus.Same : ConceptStatus.Different, nationalText, internationalText, nationalLang, internationalLang, Similarity(a, b));
    }

    private static List<string> Languages(MetadataReport? report, string concept) =>
        report?.Values.Where(v => v.Concept == concept && !string.IsNullOrWhiteSpace(v.Text)).Select(v => v.Lang).Distinct().ToList() ?? [];

    /// <summary>The concept's text in the language (several instances joined), else in the first language it has.</summary>
    private static (string? Text, string? Lang) Pick(MetadataReport? report, string concept, List<string> langs, string lang)
    {
        if (report is null || langs.Count == 0)
        {
            return (null, null);
        }

        var chosen = langs.Contains(lang) ? lang : langs.Contains("en") ? "en" : langs[0];
        return (string.Join("\n", report.Values.Where(v => v.Concept == concept && v.Lang == chosen).Select(v => v.Text)), chosen);
    }

    /// <summary>Text without markup and entities, lower case, words separated by one space, no punctuation.</summary>
    public static string Normalise(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var plain = WebUtility.HtmlDecode(Tags().Replace(text, " "));
        return string.Join(' ', Words().Matches(plain.ToLowerInvariant()).Select(m => m.Value));
    }

    private static double Similarity(string a, string b)
    {
        var wa = a.Split(' ', StringSplitOptions.RemoveEmptyEntries).ToHashSet(StringComparer.Ordinal);
        var wb = b.Split(' ', StringSplitOptions.RemoveEmptyEntries).ToHashSet(StringComparer.Ordinal);
        var union = wa.Union(wb).Count();
        return union == 0 ? 1 : Math.Round((double)wa.Intersect(wb).Count() / union, 3);
    }

    [GeneratedRegex("<[^>]*>")]
    private static partial Regex Tags();

    [GeneratedRegex(@"[\p{L}\p{N}]+")]
    private static partial Regex Words();
}
