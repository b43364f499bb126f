using MdgExchange.Domain.Structure;

namespace MdgExchange.Domain.Tests.Structure;

/// <summary>The domain validator on small artefacts built in code.</summary>
public sealed class StructureValidatorTests
{
    private static readonly ArtefactRef Concepts = new(ArtefactType.ConceptScheme, "MDG", "CS_MDG", "1.0");

    [Fact]
    public void A_consistent_codelist_has_no_error()
    {
        StructureValidator.Validate(Codelist(("A", null), ("B", "A"), ("C", "B"))).Should().BeEmpty();
    }

    [Fact]
    public void Invalid_agency_id_and_version_are_each_named()
    {
        var codelist = Codelist(("A", null));
        codelist.AgencyId = "1MDG";
        codelist.Id = "CL SEX";
        codelist.Version = "1.x";

        var errors = StructureValidator.Validate(codelist);

        errors.Select(e => e.Message).Should().SatisfyRespectively(
            m => m.Should().Contain("agency id '1MDG'").And.Contain("not valid"),
            m => m.Should().Contain("id 'CL SEX'").And.Contain("not valid"),
            m => m.Should().Contain("version '1.x'").And.Contain("not valid"));
        errors.Should().AllSatisfy(e => e.Message.Should().StartWith("Codelist 1MDG:CL SEX(1.x): "));
    }

    [Fact]
    public void Duplicate_item_ids_are_named()
    {
        var error = StructureValidator.Validate(Codelist(("A", null), ("B", null), ("A", null))).Should().ContainSingle().Subject;

        error.Path.Should().Be("Codes/A");
        error.Message.Should().Be("Codelist MDG:CL_TEST(1.0): code id 'A' is used 2 times; item ids must be unique");
        error.Artefact.Should().Be(new ArtefactRef(ArtefactType.Codelist, "MDG", "CL_TEST", "1.0"));
        error.ToString().Should().Be(error.Message);
    }

    [Fact]
    public void A_parent_that_is_not_in_the_scheme_is_named()
    {
        var error = StructureValidator.Validate(Codelist(("A", null), ("B", "Z"))).Should().ContainSingle().Subject;

        error.Path.Should().Be("Codes/B/Parent");
        error.Message.Should().Contain("code 'B' has the parent 'Z', which is not in the scheme");
    }

    [Fact]
    public void A_parent_cycle_is_reported_once_with_its_members()
    {
        var errors = StructureValidator.Validate(Codelist(("A", "C"), ("B", "A"), ("C", "B"), ("D", "A")));

        errors.Should().ContainSingle().Which.Message.Should().Contain("code 'A' is its own ancestor (cycle A → C → B → A)");
    }

    [Fact]
    public void An_item_that_is_its_own_parent_is_named()
    {
        StructureValidator.Validate(Codelist(("A", "A"))).Should().ContainSingle()
            .Which.Message.Should().Contain("code 'A' is its own parent");
    }

    [Fact]
    public void Names_are_required_on_the_artefact_and_its_items()
    {
        var codelist = Codelist(("A", null));
        codelist.Names.Clear();
        codelist.Items[0].Names.Clear();

        StructureValidator.Validate(codelist).Select(e => e.Message).Should().Equal(
            "Codelist MDG:CL_TEST(1.0): the artefact has no name (SDMX requires at least one)",
            "Codelist MDG:CL_TEST(1.0): code 'A' has no name (SDMX requires at least one)");
    }

    [Fact]
    public void A_concept_with_both_enumeration_and_text_format_is_named()
    {
        var scheme = new ConceptScheme
        {
            AgencyId = "MDG", Id = "CS_MDG", Names = Name("Concepts"),
            Items =
            [
                new Concept
                {
                    Id = "FREQ", Names = Name("Frequency"),
                    CoreRepresentation = new Representation { Enumeration = new ArtefactRef(ArtefactType.Codelist, "SDMX", "CL_FREQ", "2.0"), TextFormat = new TextFormat() },
                },
            ],
        };

        StructureValidator.Validate(scheme).Should().ContainSingle()
            .Which.Message.Should().Contain("concept 'FREQ' has both an enumeration and a text format");
    }

    [Fact]
    public void An_empty_representation_is_named()
    {
        var dsd = Dsd();
        dsd.Dimensions[1].LocalRepresentation = new Representation();

        StructureValidator.Validate(dsd).Should().ContainSingle().Which.Should().Match<StructureError>(e =>
            e.Path == "Dimensions/REF_AREA/LocalRepresentation" && e.Message.Contains("dimension 'REF_AREA' has an empty representation"));
    }

    [Fact]
    public void Nested_categories_may_repeat_ids_under_different_parents_but_need_their_parent_path()
    {
        var scheme = new CategoryScheme
        {
            AgencyId = "MDG", Id = "GOALS", Names = Name("Goals"),
            Items = [Category("G1", null), Category("T1", "G1"), Category("G2", null), Category("T1", "G2"), Category("I1", "G2.T1")],
        };
        StructureValidator.Validate(scheme).Should().BeEmpty();

        scheme.Items.Add(Category("I2", "G3.T1"));
        scheme.Items.Add(Category("T1", "G1"));
        StructureValidator.Validate(scheme).Select(e => e.Message).Should().BeEquivalentTo(
            "CategoryScheme MDG:GOALS(1.0): category id 'T1' is used 2 times; item ids must be unique",
            "CategoryScheme MDG:GOALS(1.0): category 'I2' has the parent 'G3.T1', which is not a category path in the scheme");
    }

    [Fact]
    public void Organisation_schemes_have_the_fixed_id_version_and_no_hierarchy()
    {
        var providers = new DataProviderScheme
        {
            AgencyId = "MDG", Id = "PROVIDERS", Version = "2.0", IsFinal = true, Names = Name("Providers"),
            Items = [new DataProvider { Id = "A", Names = Name("A") }, new DataProvider { Id = "B", Names = Name("B"), ParentId = "A" }],
        };

        StructureValidator.Validate(providers).Select(e => e.Message).Should().Equal(
            "DataProviderScheme MDG:PROVIDERS(2.0): a DataProviderScheme must have the id 'DATA_PROVIDERS', not 'PROVIDERS'",
            "DataProviderScheme MDG:PROVIDERS(2.0): a DataProviderScheme must have the version 1.0, not '2.0'",
            "DataProviderScheme MDG:PROVIDERS(2.0): a DataProviderScheme cannot be final in SDMX 2.1",
            "DataProviderScheme MDG:PROVIDERS(2.0): data provider 'B' has a parent; organisation schemes are flat");
    }

    [Fact]
    public void A_consistent_DSD_has_no_error()
    {
        StructureValidator.Validate(Dsd()).Should().BeEmpty();
    }

    [Fact]
    public void A_DSD_needs_a_dimension_and_a_primary_measure()
    {
        var dsd = Dsd();
        dsd.Dimensions.Clear();
        dsd.Attributes.Clear();
        dsd.Groups.Clear();
        dsd.TimeDimension = null;
        dsd.PrimaryMeasure = null;

        StructureValidator.Validate(dsd).Select(e => e.Message).Should().Equal(
            "DataStructure MDG:DSD(1.0): the DSD has no dimension; it needs at least one",
            "DataStructure MDG:DSD(1.0): the DSD has no primary measure");
    }

    [Fact]
    public void Component_ids_are_unique_across_dimensions_attributes_and_measure()
    {
        var dsd = Dsd();
        dsd.Attributes[0].Id = "FREQ";

        StructureValidator.Validate(dsd).Should().ContainSingle().Which.Message
            .Should().Contain("the component or group id 'FREQ' is used 2 times");
    }

    [Fact]
    public void Positions_run_from_one_in_key_order_and_time_comes_after()
    {
        var dsd = Dsd();
        dsd.Dimensions[0].Position = 2;
        dsd.Dimensions[1].Position = 1;
        dsd.TimeDimension!.Position = 7;

        StructureValidator.Validate(dsd).Select(e => e.Path).Should().Equal(
            "Dimensions/FREQ/Position", "Dimensions/REF_AREA/Position", "TimeDimension/TIME_PERIOD/Position");
        StructureValidator.Validate(dsd)[0].Message.Should().Contain("dimension 'FREQ' has position 2 but is dimension number 1");
    }

    [Fact]
    public void Attribute_relationships_must_name_existing_dimensions_groups_and_the_primary_measure()
    {
        var dsd = Dsd();
        dsd.Attributes.Add(Attribute("A_DIM", new AttributeRelationship { Dimensions = ["FREQ", "SEX"], AttachmentGroups = ["NO_GROUP"] }));
        dsd.Attributes.Add(Attribute("A_GROUP", new AttributeRelationship { Group = "AREA_GROUP_X" }));
        dsd.Attributes.Add(Attribute("A_MEASURE", new AttributeRelationship { PrimaryMeasure = "VALUE" }));
        dsd.Attributes.Add(Attribute("A_BOTH", new AttributeRelationship { None = true, PrimaryMeasure = "OBS_VALUE" }));

        StructureValidator.Validate(dsd).Select(e => e.Message).Should().Equal(
            "DataStructure MDG:DSD(1.0): attribute 'A_DIM' relates to the dimension 'SEX', which is not a dimension of the DSD",
            "DataStructure MDG:DSD(1.0): attribute 'A_DIM' relates to the group 'NO_GROUP', which is not a group of the DSD",
            "DataStructure MDG:DSD(1.0): attribute 'A_GROUP' relates to the group 'AREA_GROUP_X', which is not a group of the DSD",
            "DataStructure MDG:DSD(1.0): attribute 'A_MEASURE' relates to the primary measure 'VALUE', but the DSD's primary measure is 'OBS_VALUE'",
            "DataStructure MDG:DSD(1.0): attribute 'A_BOTH' relates to None and the primary measure; an attribute relationship is exactly one of None, dimensions, a group or the primary measure");
    }

    [Fact]
    public void Groups_must_name_existing_dimensions_and_components_need_a_concept()
    {
        var dsd = Dsd();
        dsd.Groups[0].DimensionIds.Add("SEX");
        dsd.Dimensions[0].ConceptIdentity = null;

        StructureValidator.Validate(dsd).Select(e => e.Message).Should().Equal(
            "DataStructure MDG:DSD(1.0): dimension 'FREQ' has no concept identity",
            "DataStructure MDG:DSD(1.0): group 'AREA_GROUP' names the dimension 'SEX', which is not a dimension of the DSD");
    }

    [Fact]
    public void Dataflow_provision_agreement_and_categorisation_need_their_references()
    {
        StructureValidator.Validate(new Dataflow { AgencyId = "MDG", Id = "DF", Names = Name("DF") }).Should().ContainSingle()
            .Which.Message.Should().Be("Dataflow MDG:DF(1.0): the data structure it uses is missing; a Dataflow must name it");
        StructureValidator.Validate(new ProvisionAgreement { AgencyId = "MDG", Id = "PA", Names = Name("PA") }).Select(e => e.Path)
            .Should().Equal("StructureUsage", "DataProvider");
        StructureValidator.Validate(new Categorisation { AgencyId = "MDG", Id = "CAT", Names = Name("CAT") }).Select(e => e.Path)
            .Should().Equal("Source", "Target");
    }

    [Fact]
    public void References_must_name_an_exact_valid_version()
    {
        var dataflow = new Dataflow { AgencyId = "MDG", Id = "DF", Names = Name("DF"), Structure = new ArtefactRef(ArtefactType.DataStructure, "MDG", "DSD", "latest") };

        StructureValidator.Validate(dataflow).Should().ContainSingle()
            .Which.Message.Should().Contain("uses 'latest'; a stored artefact must name an exact version");
    }

    [Fact]
    public void A_content_constraint_is_attached_to_one_kind_and_its_regions_name_values()
    {
        var constraint = new ContentConstraint
        {
            AgencyId = "MDG", Id = "CC", Names = Name("CC"),
            Attachments = [new ArtefactRef(ArtefactType.Dataflow, "MDG", "DF", "1.0"), new ArtefactRef(ArtefactType.DataStructure, "MDG", "DSD", "1.0")],
            CubeRegions = [new CubeRegion { KeyValues = [new ComponentValueSet { Id = "SEX" }, new ComponentValueSet { Id = "AGE", Values = ["Y0T4"], TimeRange = new TimeRange { Start = new("2000") } }] }],
            DataKeySets = [new DataKeySet { Keys = [new DataKey { Include = false, Values = { ["SEX"] = "F" } }] }],
        };

        StructureValidator.Validate(constraint).Select(e => e.Path).Should().Equal(
            "ConstraintAttachment", "CubeRegion[0]/KeyValue/SEX", "CubeRegion[0]/KeyValue/AGE", "DataKeySet[0]/Key[0]");
    }

    private static List<LocalisedString> Name(string text) => [new LocalisedString("en", text)];

    private static Codelist Codelist(params (string Id, string? Parent)[] codes) => new()
    {
        AgencyId = "MDG",
        Id = "CL_TEST",
        Names = Name("Test codes"),
        Items = codes.Select(c => new Code { Id = c.Id, ParentId = c.Parent, Names = Name(c.Id) }).ToList(),
    };

    private static Category Category(string id, string? parentPath) => new() { Id = id, ParentId = parentPath, Names = Name(id) };

    private static ItemRef Concept(string id) => new(Concepts, id);

    private static DataAttribute Attribute(string id, AttributeRelationship relationship) =>
        new() { Id = id, ConceptIdentity = Concept(id), Relationship = relationship };

    private static DataStructureDefinition Dsd() => new()
    {
        AgencyId = "MDG",
        Id = "DSD",
        Names = Name("Test DSD"),
        Dimensions =
        [
            new Dimension { Id = "FREQ", Position = 1, ConceptIdentity = Concept("FREQ") },
            new Dimension { Id = "REF_AREA", Position = 2, ConceptIdentity = Concept("REF_AREA") },
        ],
        TimeDimension = new TimeDimension
        {
            Id = "TIME_PERIOD", Position = 3, ConceptIdentity = Concept("TIME_PERIOD"),
            LocalRepresentation = new Representation { TextFormat = new TextFormat { TextType = "ObservationalTimePeriod" } },
        },
        Groups = [new GroupDimensionDescriptor { Id = "AREA_GROUP", DimensionIds = ["REF_AREA"] }],
        Attributes =
        [
            Attribute("UNIT_MEASURE", new AttributeRelationship { Dimensions = ["FREQ", "REF_AREA"] }),
            Attribute("OBS_STATUS", new AttributeRelationship { PrimaryMeasure = "OBS_VALUE" }),
            Attribute("AREA_NOTE", new AttributeRelationship { Group = "AREA_GROUP" }),
        ],
        PrimaryMeasure = new PrimaryMeasure { Id = "OBS_VALUE", ConceptIdentity = Concept("OBS_VALUE") },
    };
}
