using MdgExchange.Domain.Structure;

namespace MdgExchange.Domain.Registry;

/// <summary>
/// What a coordinator asks for when onboarding a national provider: the organisation (its keys name it), its names,
/// the dataflows it reports and the REF_AREA codes it reports there, added to those it has or replacing them.
/// </summary>
public sealed record ProviderRegistration(
    string Organisation,
    IReadOnlyList<LocalisedString> Names,
    IReadOnlyList<ArtefactRef> Dataflows,
    IReadOnlyList<string> Areas,
    bool ReplaceAreas = false);

/// <summary>One provision agreement of a provider: the dataflow, the area constraints and their areas (null: any area).</summary>
public sealed record ProviderAgreementView(ArtefactRef Agreement, ArtefactRef Dataflow, IReadOnlyList<ArtefactRef> Constraints, IReadOnlyList<string>? Areas, bool IsFinal);

/// <summary>A data provider as the registry holds it: its names, the schemes that list it and its provision agreements.</summary>
public sealed record ProviderProfile(string Organisation, IReadOnlyList<LocalisedString> Names, IReadOnlyList<ArtefactRef> Schemes, IReadOnlyList<ProviderAgreementView> Agreements);

/// <summary>The data provider schemes, provision agreements and Allowed content constraints of the registry.</summary>
public sealed record ProviderArtefactSet(IReadOnlyList<DataProviderScheme> Schemes, IReadOnlyList<ProvisionAgreement> Agreements, IReadOnlyList<ContentConstraint> Constraints);

/// <summary>
/// The artefacts that let a provider report, built without I/O: the provider in its data provider scheme
/// (<c>ORG:DATA_PROVIDERS(1.0)</c>, the id SDMX fixes, maintained by the provider), a provision agreement per dataflow
/// (<c>MDGX:PA_ORG_FLOW(1.0)</c>) and the agreement's Allowed content constraint on REF_AREA
/// (<c>MDGX:CC_PA_ORG_FLOW(1.0)</c>). Existing artefacts are updated in place (same reference), so the registry's
/// rules decide: a non-final artefact is replaced, an identical one is unchanged, a changed final one fails.
/// </summary>
public static class ProviderArtefacts
{
    public const string SchemeId = "DATA_PROVIDERS";
    public const string AgreementAgency = "MDGX";
    public const string AreaDimension = "REF_AREA";
    private const string FirstVersion = "1.0";

    public static ArtefactRef SchemeOf(string organisation) => new(ArtefactType.DataProviderScheme, organisation, SchemeId, FirstVersion);

    public static ArtefactRef AgreementFor(string organisation, ArtefactRef dataflow)
    {
        ArgumentNullException.ThrowIfNull(dataflow);
        return new(ArtefactType.ProvisionAgreement, AgreementAgency, $"PA_{organisation}_{dataflow.Id}", FirstVersion);
    }

    public static ArtefactRef ConstraintFor(ArtefactRef agreement)
    {
        ArgumentNullException.ThrowIfNull(agreement);
        return new(ArtefactType.ContentConstraint, agreement.AgencyId, "CC_" + agreement.Id, agreement.Version);
    }

    /// <summary>Whether the agreement names the organisation as the data provider of the dataflow (as the push checks it).</summary>
    public static bool Matches(ProvisionAgreement agreement, string organisation, ArtefactRef dataflow)
    {
        ArgumentNullException.ThrowIfNull(agreement);
        ArgumentNullException.ThrowIfNull(dataflow);
        return agreement.DataProvider?.ItemId == organisation && agreement.StructureUsage is { } usage
            && usage.AgencyId == dataflow.AgencyId && usage.Id == dataflow.Id
            && (usage.Version == dataflow.Version || usage.Version is ArtefactRef.Latest or "*");
    }

    /// <summary>Whether the constraint is attached to the agreement (exact version).</summary>
    public static bool IsAttachedTo(ContentConstraint constraint, ArtefactRef agreement)
    {
        ArgumentNullException.ThrowIfNull(constraint);
        ArgumentNullException.ThrowIfNull(agreement);
        return constraint.Attachments.Any(a => a.AgencyId == agreement.AgencyId && a.Id == agreement.Id && a.Version == agreement.Version);
    }

    /// <summary>The REF_AREA codes an Allowed constraint includes, in order, without repeats.</summary>
    public static IReadOnlyList<string> AreasOf(ContentConstraint constraint)
    {
        ArgumentNullException.ThrowIfNull(constraint);
        return constraint.CubeRegions.Where(r => r.Include).SelectMany(r => r.KeyValues)
            .Where(k => k.Id == AreaDimension && k.Include).SelectMany(k => k.Values).Distinct(StringComparer.Ordinal).ToList();
    }

    /// <summary>The scheme holding the provider with these names (new languages added, given ones replaced); a new scheme when none.</summary>
    public static DataProviderScheme WithProvider(DataProviderScheme? scheme, string organisation, IReadOnlyList<LocalisedString> names)
    {
        ArgumentNullException.ThrowIfNull(names);
        scheme ??= new DataProviderScheme
        {
            AgencyId = organisation, Id = SchemeId, Version = FirstVersion,
            Names = [new("en", $"{organisation} as a data provider"), new("es", $"{organisation} como proveedor de datos")],
        };
        var provider = scheme.Find(organisation);
        if (provider is null)
        {
            provider = new DataProvider { Id = organisation };
            scheme.Items.Add(provider);
        }

        foreach (var name in names)
        {
            var index = provider.Names.FindIndex(n => n.Lang == name.Lang);
            if (index < 0)
            {
                provider.Names.Add(name);
            }
            else if (provider.Names[index].Text != name.Text)
            {
                provider.Names[index] = name;
            }
        }

        return scheme;
    }

    /// <summary>A new provision agreement naming the provider (in its scheme) as the data provider of the dataflow.</summary>
    public static ProvisionAgreement NewAgreement(string organisation, ArtefactRef scheme, ArtefactRef dataflow)
    {
        var reference = AgreementFor(organisation, dataflow);
        return new ProvisionAgreement
        {
            AgencyId = reference.AgencyId, Id = reference.Id, Version = reference.Version,
            Names = [new("en", $"{organisation} reports {dataflow}"), new("es", $"{organisation} informa {dataflow}")],
            StructureUsage = dataflow, DataProvider = new ItemRef(scheme, organisation),
        };
    }

    /// <summary>
    /// The agreement's Allowed constraint listing the areas: the existing one with the areas added (or replaced by
    /// them), returned untouched when it already lists exactly the areas asked for; else a new one.
    /// </summary>
    public static ContentConstraint WithAreas(ContentConstraint? constraint, ProvisionAgreement agreement, IReadOnlyList<string> areas, bool replace)
    {
        ArgumentNullException.ThrowIfNull(agreement);
        ArgumentNullException.ThrowIfNull(areas);
        if (constraint is null)
        {
            var reference = ConstraintFor(agreement.Ref);
            var provider = agreement.DataProvider?.ItemId ?? "";
            return new ContentConstraint
            {
                AgencyId = reference.AgencyId, Id = reference.Id, Version = reference.Version,
                Names = [new("en", $"The areas {provider} reports to {agreement.StructureUsage}"), new("es", $"Las áreas que {provider} informa a {agreement.StructureUsage}")],
                Role = ConstraintRole.Allowed, Attachments = [agreement.Ref],
                CubeRegions = [new CubeRegion { KeyValues = [new ComponentValueSet { Id = AreaDimension, Values = [.. areas.Distinct(StringComparer.Ordinal)] }] }],
            };
        }

        var current = AreasOf(constraint);
        var wanted = replace ? areas.Distinct(StringComparer.Ordinal).ToList() : [.. current, .. areas.Where(a => !current.Contains(a, StringComparer.Ordinal)).Distinct(StringComparer.Ordinal)];
        if (current.ToHashSet(StringComparer.Ordinal).SetEquals(wanted))
        {
            return constraint;
        }

        // The first region's REF_AREA values become the wanted areas; REF_AREA leaves the other regions.
        var regions = constraint.CubeRegions.Where(r => r.Include && r.KeyValues.Any(k => k.Id == AreaDimension && k.Include)).ToList();
        regions[0].KeyValues.First(k => k.Id == AreaDimension && k.Include).Values = wanted;
        foreach (var other in regions.Skip(1))
        {
            other.KeyValues.RemoveAll(k => k.Id == AreaDimension && k.Include);
        }

        constraint.CubeRegions.RemoveAll(r => r.KeyValues.Count == 0 && r.Attributes.Count == 0);
        return constraint;
    }

    /// <summary>Every provider of the schemes and agreements, with its agreements and their areas, ordered by id.</summary>
    public static IReadOnlyList<ProviderProfile> Profiles(ProviderArtefactSet registry)
    {
        ArgumentNullException.ThrowIfNull(registry);
        var organisations = registry.Schemes.SelectMany(s => s.Items.Select(i => i.Id))
            .Concat(registry.Agreements.Select(a => a.DataProvider?.ItemId).OfType<string>())
            .Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal);
        return organisations.Select(o => Profile(registry, o)).ToList();
    }

    /// <summary>One provider's profile (empty names, schemes and agreements when the registry does not know it).</summary>
    public static ProviderProfile Profile(ProviderArtefactSet registry, string organisation)
    {
        ArgumentNullException.ThrowIfNull(registry);
        var schemes = registry.Schemes.Where(s => s.Find(organisation) is not null).ToList();
        var names = schemes.Select(s => s.Find(organisation)!.Names).FirstOrDefault(n => n.Count > 0) ?? [];
        var agreements = registry.Agreements
            .Where(a => a.DataProvider?.ItemId == organisation && a.StructureUsage is not null)
            .OrderBy(a => a.Ref.ToString(), StringComparer.Ordinal)
            .Select(a =>
            {
                var constraints = registry.Constraints.Where(c => c.Role == ConstraintRole.Allowed && IsAttachedTo(c, a.Ref) && AreasOf(c).Count > 0).ToList();
                IReadOnlyList<string>? areas = constraints.Count == 0 ? null : constraints.SelectMany(AreasOf).Distinct(StringComparer.Ordinal).ToList();
                return new ProviderAgreementView(a.Ref, a.StructureUsage! with { Type = ArtefactType.Dataflow }, constraints.Select(c => c.Ref).ToList(), areas, a.IsFinal);
            })
            .ToList();
        return new ProviderProfile(organisation, names, schemes.Select(s => s.Ref).ToList(), agreements);
    }
}
