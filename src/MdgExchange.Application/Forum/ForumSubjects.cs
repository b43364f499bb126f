using MdgExchange.Application.Metadata;
using MdgExchange.Domain.Data;
using MdgExchange.Domain.Forum;
using MdgExchange.Domain.Metadata;
using MdgExchange.Storage;

namespace MdgExchange.Application.Forum;

/// <summary>
/// What a thread may be about, checked against the registry as metadata targets are: an indicator is a series code of
/// <c>IAEG-SDGs:CL_SERIES(1.0)</c> (<c>SI_POV_DAY1</c>) or an indicator of the SDG or MDG framework (<c>1.1.1</c>, kept in
/// its dotted notation); an area a code of <c>CL_AREA</c> or of a national area codelist; a general thread names no code.
/// A new kind (issue 20's complementary indicators) adds its check here.
/// </summary>
internal sealed class ForumSubjects(IStructureStore structures)
{
    private const string Field = "subject_code";
    private const int MaxCodeLength = 128;

    /// <summary>The subject code as stored (an indicator in its dotted notation), or null with the violations added.</summary>
    public async Task<string?> CheckAsync(string? kind, string? code, List<DataViolation> violations, CancellationToken cancellationToken)
    {
        if (!ForumSubjectKinds.IsValid(kind))
        {
            violations.Add(new("subject_kind", GroupForum.KindRule(kind ?? "")));
            return null;
        }

        var trimmed = code?.Trim() ?? "";
        if (!ForumSubjectKinds.HasCode(kind!))
        {
            if (trimmed.Length > 0)
            {
                violations.Add(new(Field, "a general thread names no subject code; open an indicator or an area thread instead"));
            }

            return "";
        }

        if (trimmed.Length is 0 or > MaxCodeLength)
        {
            violations.Add(new(Field, $"a thread on an {kind} names its code (1 to {MaxCodeLength} characters)"));
            return null;
        }

        var targets = new MetadataTargets(structures);
        var ignored = new List<MetadataViolation>();
        switch (kind)
        {
            case ForumSubjectKinds.Indicator:
                if (await targets.SeriesAsync(trimmed, Field, ignored, cancellationToken) is { } series)
                {
                    return series;
                }

                if (await targets.IndicatorAsync(trimmed, Field, ignored, cancellationToken) is { } indicator)
                {
                    return indicator;
                }

                violations.Add(new(Field, $"'{trimmed}' is neither a series code of {MetadataTargets.SdgSeries} nor an indicator of the SDG or MDG framework"));
                return null;
            case ForumSubjectKinds.Area:
                if (await targets.AreaAsync(trimmed, Field, ignored, cancellationToken) is { } area)
                {
                    return area;
                }

                violations.Add(new(Field, $"'{trimmed}' is not an area code of {MetadataTargets.SdgAreas} or of a national area codelist"));
                return null;
            default:
                violations.Add(new(Field, $"threads on a {kind} cannot be checked yet"));
                return null;
        }
    }
}
