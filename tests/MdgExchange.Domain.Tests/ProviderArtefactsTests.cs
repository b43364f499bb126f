using MdgExchange.Domain.Registry;
using MdgExchange.Domain.Structure;

namespace MdgExchange.Domain.Tests;

/// <summary>The artefacts <c>mdgx providers add</c> builds: provider, agreement and area constraint, without I/O.</summary>
public sealed class ProviderArtefactsTests
{
    private static readonly ArtefactRef Flow = new(ArtefactType.Dataflow, "MDGX", "DF_SDG", "1.0");

    private static ProvisionAgreement Agreement() => ProviderArtefacts.NewAgreement("TAJSTAT", ProviderArtefacts.SchemeOf("TAJSTAT"), Flow);

    [Fact]
    public void A_new_provider_gets_its_own_scheme_and_an_agreement_on_the_dataflow()
    {
        var scheme = ProviderArtefacts.WithProvider(null, "TAJSTAT", [new("en", "Tajstat")]);
        var agreement = Agreement();

        scheme.Ref.Should().Be(new ArtefactRef(ArtefactType.DataProviderScheme, "TAJSTAT", "DATA_PROVIDERS", "1.0"));
        scheme.IsFinal.Should().BeFalse();
        scheme.Items.Should().ContainSingle().Which.Names.Should().Equal(new LocalisedString("en", "Tajstat"));
        agreement.Ref.ToString().Should().Be("MDGX:PA_TAJSTAT_DF_SDG(1.0)");
        agreement.DataProvider.Should().Be(new ItemRef(scheme.Ref, "TAJSTAT"));
        ProviderArtefacts.Matches(agreement, "TAJSTAT", Flow).Should().BeTrue();
        ProviderArtefacts.Matches(agreement, "TAJSTAT", Flow with { Version = "2.0" }).Should().BeFalse();
        StructureValidator.Validate(scheme).Should().BeEmpty();
        StructureValidator.Validate(agreement).Should().BeEmpty();
    }

    [Fact]
    public void Names_replace_those_in_their_language_and_keep_the_others()
    {
        var scheme = ProviderArtefacts.WithProvider(null, "TAJSTAT", [new("en", "Old"), new("ru", "Таджикстат")]);

        ProviderArtefacts.WithProvider(scheme, "TAJSTAT", [new("en", "New"), new("es", "Nuevo")]);

        scheme.Items.Single().Names.Should().Equal(new LocalisedString("en", "New"), new LocalisedString("ru", "Таджикстат"), new LocalisedString("es", "Nuevo"));
    }

    [Fact]
    public void Areas_are_added_without_repeats_replaced_on_request_and_left_alone_when_already_listed()
    {
        var agreement = Agreement();
        var constraint = ProviderArtefacts.WithAreas(null, agreement, ["762", "762"], replace: false);
        constraint.Ref.ToString().Should().Be("MDGX:CC_PA_TAJSTAT_DF_SDG(1.0)");
        constraint.Role.Should().Be(ConstraintRole.Allowed);
        constraint.Attachments.Should().Equal(agreement.Ref);
        ProviderArtefacts.AreasOf(constraint).Should().Equal("762");

        var hash = ArtefactJson.Hash(constraint);
        ProviderArtefacts.WithAreas(constraint, agreement, ["762"], replace: false).Should().BeSameAs(constraint);
        ArtefactJson.Hash(constraint).Should().Be(hash, "an area it has already changes nothing");

        ProviderArtefacts.AreasOf(ProviderArtefacts.WithAreas(constraint, agreement, ["417", "762"], replace: false)).Should().Equal("762", "417");
        ProviderArtefacts.AreasOf(ProviderArtefacts.WithAreas(constraint, agreement, ["417"], replace: true)).Should().Equal("417");
    }

    [Fact]
    public void Replacing_areas_keeps_the_other_components_of_the_region_and_drops_area_only_regions()
    {
        var agreement = Agreement();
        var constraint = new ContentConstraint
        {
            AgencyId = "MDGX", Id = "CC_HAND", Version = "1.0", Attachments = [agreement.Ref],
            CubeRegions =
            [
                new CubeRegion { KeyValues = [new ComponentValueSet { Id = "REF_AREA", Values = ["762"] }, new ComponentValueSet { Id = "SERIES", Values = ["SH_DYN_MORT"] }] },
                new CubeRegion { KeyValues = [new ComponentValueSet { Id = "REF_AREA", Values = ["417"] }] },
            ],
        };

        ProviderArtefacts.WithAreas(constraint, agreement, ["4"], replace: true);

        constraint.CubeRegions.Should().ContainSingle().Which.KeyValues.Select(k => (k.Id, string.Join(' ', k.Values))).Should().Equal(("REF_AREA", "4"), ("SERIES", "SH_DYN_MORT"));
    }

    [Fact]
    public void A_profile_lists_each_agreement_with_its_areas_or_any_area_without_a_constraint()
    {
        var scheme = ProviderArtefacts.WithProvider(null, "TAJSTAT", [new("en", "Tajstat")]);
        var onSdg = Agreement();
        var onOther = ProviderArtefacts.NewAgreement("TAJSTAT", scheme.Ref, new ArtefactRef(ArtefactType.Dataflow, "MDGX", "DF_OTHER", "1.0"));
        var constraint = ProviderArtefacts.WithAreas(null, onSdg, ["762"], replace: false);

        var profile = ProviderArtefacts.Profile(new ProviderArtefactSet([scheme], [onSdg, onOther], [constraint]), "TAJSTAT");

        profile.Names.Should().Equal(new LocalisedString("en", "Tajstat"));
        profile.Schemes.Should().Equal(scheme.Ref);
        profile.Agreements.Select(a => (a.Dataflow.Id, a.Areas is null ? "any" : string.Join(' ', a.Areas))).Should().Equal(("DF_OTHER", "any"), ("DF_SDG", "762"));
        ProviderArtefacts.Profiles(new ProviderArtefactSet([scheme], [onSdg], [])).Select(p => p.Organisation).Should().Equal("TAJSTAT");
    }
}
