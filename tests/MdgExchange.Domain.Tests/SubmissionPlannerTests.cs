using MdgExchange.Domain.Registry;
using MdgExchange.Domain.Structure;

namespace MdgExchange.Domain.Tests;

public sealed class SubmissionPlannerTests
{
    private static Codelist Colours(bool final = false, string name = "Colours") => new()
    {
        AgencyId = "TEST", Id = "CL_COLOUR", Version = "1.0", IsFinal = final,
        Names = [new("en", name)],
        Items = [new Code { Id = "R", Names = [new("en", "Red")] }, new Code { Id = "G", Names = [new("en", "Green")] }],
    };

    private static ConceptScheme Concepts() => new()
    {
        AgencyId = "TEST", Id = "CS", Version = "1.0",
        Names = [new("en", "Concepts")],
        Items = [new Concept { Id = "COLOUR", Names = [new("en", "Colour")] }, new Concept { Id = "TIME_PERIOD", Names = [new("en", "Time")] }, new Concept { Id = "OBS_VALUE", Names = [new("en", "Value")] }],
    };

    private static DataStructureDefinition Dsd(string codelistId = "CL_COLOUR", string conceptId = "COLOUR")
    {
        var scheme = new ArtefactRef(ArtefactType.ConceptScheme, "TEST", "CS", "1.0");
        return new DataStructureDefinition
        {
            AgencyId = "TEST", Id = "DSD", Version = "1.0",
            Names = [new("en", "DSD")],
            Dimensions =
            [
                new Dimension
                {
                    Id = "COLOUR", Position = 1, ConceptIdentity = new ItemRef(scheme, conceptId),
                    LocalRepresentation = new Representation { Enumeration = new ArtefactRef(ArtefactType.Codelist, "TEST", codelistId, "1.0") },
                },
            ],
            TimeDimension = new TimeDimension
            {
                Id = "TIME_PERIOD", Position = 2, ConceptIdentity = new ItemRef(scheme, "TIME_PERIOD"),
                LocalRepresentation = new Representation { TextFormat = new TextFormat { TextType = "ObservationalTimePeriod" } },
            },
            PrimaryMeasure = new PrimaryMeasure { Id = "OBS_VALUE", ConceptIdentity = new ItemRef(scheme, "OBS_VALUE") },
        };
    }

    private static Dictionary<ArtefactRef, ExistingArtefact?> Stored(params MaintainableArtefact[] artefacts) =>
        artefacts.ToDictionary(a => a.Ref, a => (ExistingArtefact?)new ExistingArtefact(a, ArtefactJson.Hash(a)));

    [Fact]
    public void New_artefacts_referring_to_each_other_are_created_together()
    {
        var plan = SubmissionPlanner.Plan([Colours(), Concepts(), Dsd()], Stored(), partial: false);

        plan.Artefacts.Select(a => a.Outcome).Should().AllBeEquivalentTo(SubmissionOutcome.Created);
        plan.Applied.Should().BeTrue();
    }

    [Fact]
    public void An_identical_resubmission_is_unchanged_and_writes_nothing()
    {
        var plan = SubmissionPlanner.Plan([Colours(final: true)], Stored(Colours(final: true)), partial: false);

        plan.Artefacts.Single().Outcome.Should().Be(SubmissionOutcome.Unchanged);
        plan.Applied.Should().BeFalse();
    }

    [Fact]
    public void A_changed_non_final_artefact_is_replaced_but_a_changed_final_one_fails()
    {
        SubmissionPlanner.Plan([Colours(name: "Colors")], Stored(Colours()), partial: false)
            .Artefacts.Single().Outcome.Should().Be(SubmissionOutcome.Replaced);

        var refused = SubmissionPlanner.Plan([Colours(final: true, name: "Colors")], Stored(Colours(final: true)), partial: false).Artefacts.Single();
        refused.Outcome.Should().Be(SubmissionOutcome.Failed);
        refused.Messages.Single().Should().Contain("TEST:CL_COLOUR(1.0)").And.Contain("final");
    }

    [Fact]
    public void A_missing_codelist_is_named_and_fails_the_whole_submission()
    {
        var plan = SubmissionPlanner.Plan([Concepts(), Dsd(codelistId: "CL_NONE")], Stored(), partial: false);

        var dsd = plan.Artefacts.Single(a => a.Ref.Id == "DSD");
        dsd.Outcome.Should().Be(SubmissionOutcome.Failed);
        dsd.Messages.Should().ContainSingle(m => m.Contains("TEST:CL_NONE(1.0)") && m.Contains("COLOUR"));
        plan.Artefacts.Single(a => a.Ref.Id == "CS").Outcome.Should().Be(SubmissionOutcome.NotApplied);
        plan.Applied.Should().BeFalse();
    }

    [Fact]
    public void A_concept_missing_from_its_scheme_is_named()
    {
        var plan = SubmissionPlanner.Plan([Colours(), Concepts(), Dsd(conceptId: "SHADE")], Stored(), partial: false);

        plan.Artefacts.Single(a => a.Ref.Id == "DSD").Messages.Should().Contain(m => m.Contains("'SHADE'") && m.Contains("TEST:CS(1.0)"));
    }

    [Fact]
    public void An_artefact_referring_to_a_failed_artefact_of_the_same_message_fails_too_even_when_partial()
    {
        var brokenCodelist = Colours();
        brokenCodelist.Items.Add(new Code { Id = "R", Names = [new("en", "Red again")] });

        var plan = SubmissionPlanner.Plan([brokenCodelist, Concepts(), Dsd()], Stored(), partial: true);

        plan.Artefacts.Single(a => a.Ref.Id == "CL_COLOUR").Outcome.Should().Be(SubmissionOutcome.Failed);
        var dsd = plan.Artefacts.Single(a => a.Ref.Id == "DSD");
        dsd.Outcome.Should().Be(SubmissionOutcome.Failed);
        dsd.Messages.Should().Contain(m => m.Contains("failed in this submission"));
        plan.Artefacts.Single(a => a.Ref.Id == "CS").Outcome.Should().Be(SubmissionOutcome.Created);
        plan.Applied.Should().BeTrue();
    }

    [Fact]
    public void The_same_artefact_twice_in_a_message_fails()
    {
        var plan = SubmissionPlanner.Plan([Colours(), Colours()], Stored(), partial: false);

        plan.Artefacts.Should().OnlyContain(a => a.Outcome == SubmissionOutcome.Failed && a.Messages.Any(m => m.Contains("2 times")));
    }

    [Fact]
    public void References_resolve_against_the_registry()
    {
        var plan = SubmissionPlanner.Plan([Dsd()], Stored(Colours(final: true), Concepts()), partial: false);

        plan.Artefacts.Single().Outcome.Should().Be(SubmissionOutcome.Created);
    }

    [Fact]
    public void Deletion_is_refused_while_referenced_or_final()
    {
        DeletionRules.Refusal(Colours(), [new ArtefactRef(ArtefactType.DataStructure, "TEST", "DSD", "1.0")])
            .Should().Contain("TEST:DSD(1.0)");
        DeletionRules.Refusal(Colours(final: true), []).Should().Contain("final");
        DeletionRules.Refusal(Colours(), []).Should().BeNull();
    }
}
