using MdgExchange.Domain.Structure;
using static MdgExchange.Storage.Tests.TestArtefacts;

namespace MdgExchange.Storage.Tests;

/// <summary>What every <see cref="IStructureStore"/> must do, run against each dialect by a subclass.</summary>
public abstract class StructureStoreContract(TestDatabase database) : IAsyncLifetime
{
    private static readonly DateTimeOffset Now = new(2025, 3, 1, 12, 0, 0, TimeSpan.Zero);
    private static readonly CancellationToken None = CancellationToken.None;
    private IStructureStore? _store;

    /// <summary>The store under test; skips the test when the dialect cannot run here.</summary>
    private IStructureStore Store
    {
        get
        {
            Skip.If(database.SkipReason is not null, database.SkipReason);
            return _store ??= database.CreateStructureStore();
        }
    }

    public Task InitializeAsync() => database.CreateAsync();

    public Task DisposeAsync() => database.DisposeAsync().AsTask();

    private Task CreateAsync(params MaintainableArtefact[] artefacts) =>
        Store.SaveAsync(artefacts.Select(a => new ArtefactChange(ArtefactWrite.Create, a)).ToList(), Now, None);

    [SkippableFact]
    public async Task Create_then_get_returns_the_artefact_its_hash_and_timestamps()
    {
        var area = Area();
        await CreateAsync(area);

        var stored = await Store.GetAsync(area.Ref, None);

        stored.Should().NotBeNull();
        stored!.Artefact.Should().BeOfType<Codelist>().And.BeEquivalentTo(area);
        stored.BodyHash.Should().Be(ArtefactJson.Hash(area));
        stored.CreatedAt.Should().Be(Now);
        stored.UpdatedAt.Should().Be(Now);
        stored.CreatedAt.Offset.Should().Be(TimeSpan.Zero);
    }

    [SkippableFact]
    public async Task Get_of_an_unknown_artefact_returns_null()
    {
        await CreateAsync(Area());

        (await Store.GetAsync(CodelistRef("CL_AREA", "2.0"), None)).Should().BeNull();
        (await Store.GetAsync(CodelistRef("CL_SEX", ArtefactRef.Latest), None)).Should().BeNull();
        (await Store.GetAsync(new ArtefactRef(ArtefactType.ConceptScheme, Unsd, "CL_AREA", "1.0"), None)).Should().BeNull();
    }

    [SkippableFact]
    public async Task List_filters_by_type_and_agency_and_orders_by_type_agency_id_version()
    {
        var other = Frequency("CL_FREQ");
        other.AgencyId = "ESTAT";
        await CreateAsync([.. All().Reverse(), other]);

        var all = await Store.ListAsync(null, null, None);
        var codelists = await Store.ListAsync(ArtefactType.Codelist, null, None);
        var unsd = await Store.ListAsync(ArtefactType.Codelist, Unsd, None);

        all.Select(s => s.Ref.ToString()).Should().Equal(
            "ESTAT:CL_FREQ(1.0)", "UNSD:CL_AREA(1.0)", "UNSD:CL_FREQ(1.0)", "UNSD:CS_SDG(1.0)", "UNSD:DSD_SDG(1.0)", "UNSD:DF_SDG(1.0)");
        codelists.Select(s => s.Ref.ToString()).Should().Equal("ESTAT:CL_FREQ(1.0)", "UNSD:CL_AREA(1.0)", "UNSD:CL_FREQ(1.0)");
        unsd.Select(s => s.Ref.Id).Should().Equal("CL_AREA", "CL_FREQ");
        var area = all.Single(s => s.Ref.Id == "CL_AREA");
        area.Should().Be(new ArtefactSummary(CodelistRef("CL_AREA"), true, "Reference area", Now));
        (await Store.ListAsync(ArtefactType.Categorisation, null, None)).Should().BeEmpty();
    }

    [SkippableFact]
    public async Task Latest_resolves_to_the_numerically_highest_version()
    {
        var versions = new[] { "1.9", "1.10", "1.2" }.Select(v =>
        {
            var codelist = Area(v);
            codelist.Items = [new Code { Id = $"V{v.Replace('.', '_')}", Names = [En(v)] }];
            return codelist;
        });
        await CreateAsync([.. versions]);

        var latest = await Store.GetAsync(CodelistRef("CL_AREA", ArtefactRef.Latest), None);
        var codes = await Store.GetCodesAsync(CodelistRef("CL_AREA", "LATEST"), None);
        var listed = await Store.ListAsync(ArtefactType.Codelist, Unsd, None);

        latest!.Artefact.Version.Should().Be("1.10");
        codes.Select(c => c.Id).Should().Equal("V1_10");
        listed.Select(s => s.Ref.Version).Should().Equal("1.2", "1.9", "1.10");
    }

    [SkippableFact]
    public async Task Replace_updates_the_body_codes_and_references_and_keeps_the_creation_time()
    {
        await CreateAsync([.. All(), Frequency("CL_FREQ_2")]);
        var later = Now.AddHours(3);
        var area = Area();
        area.Names = [En("Geographic area")];
        area.Items = [area.Items[1], new Code { Id = "99", Names = [En("New area")] }];
        area.Items[0].ParentId = null;
        var structure = Structure(frequencyCodelist: "CL_FREQ_2");

        await Store.SaveAsync([new(ArtefactWrite.Replace, area), new(ArtefactWrite.Replace, structure)], later, None);

        var stored = await Store.GetAsync(area.Ref, None);
        stored!.Artefact.Should().BeEquivalentTo(area);
        stored.BodyHash.Should().Be(ArtefactJson.Hash(area));
        stored.CreatedAt.Should().Be(Now);
        stored.UpdatedAt.Should().Be(later);
        (await Store.GetCodesAsync(area.Ref, None)).Should().BeEquivalentTo(area.Items, o => o.WithStrictOrdering());
        (await Store.ReferencedByAsync(CodelistRef("CL_FREQ"), None)).Should().BeEmpty();
        (await Store.ReferencedByAsync(CodelistRef("CL_FREQ_2"), None)).Should().Equal(structure.Ref);
        (await Store.ListAsync(ArtefactType.Codelist, null, None)).Single(s => s.Ref.Id == "CL_AREA").Name.Should().Be("Geographic area");
    }

    [SkippableFact]
    public async Task Replace_of_an_unknown_artefact_fails_and_writes_nothing()
    {
        var store = Store;

        var act = () => store.SaveAsync([new(ArtefactWrite.Create, Frequency()), new(ArtefactWrite.Replace, Area())], Now, None);

        (await act.Should().ThrowAsync<ArtefactNotFoundException>()).Which.Reference.Should().Be(Area().Ref);
        (await Store.ListAsync(null, null, None)).Should().BeEmpty();
    }

    [SkippableFact]
    public async Task Delete_removes_the_artefact_its_codes_and_its_references()
    {
        await CreateAsync([.. All()]);
        var structure = Structure().Ref;

        (await Store.DeleteAsync(Flow().Ref, None)).Should().BeTrue();
        (await Store.DeleteAsync(structure, None)).Should().BeTrue();
        (await Store.DeleteAsync(CodelistRef("CL_AREA"), None)).Should().BeTrue();

        (await Store.GetAsync(structure, None)).Should().BeNull();
        (await Store.ReferencedByAsync(structure, None)).Should().BeEmpty();
        (await Store.ReferencedByAsync(CodelistRef("CL_FREQ"), None)).Should().BeEmpty();
        (await Store.GetCodesAsync(CodelistRef("CL_AREA"), None)).Should().BeEmpty();
        (await Store.DeleteAsync(structure, None)).Should().BeFalse();
        (await Store.ListAsync(null, null, None)).Select(s => s.Ref.Id).Should().Equal("CL_FREQ", "CS_SDG");
    }

    [SkippableFact]
    public async Task ReferencedBy_returns_the_artefacts_that_refer_to_an_exact_version()
    {
        await CreateAsync([.. All()]);

        (await Store.ReferencedByAsync(CodelistRef("CL_AREA"), None)).Should().Equal(Concepts().Ref, Structure().Ref);
        (await Store.ReferencedByAsync(Concepts().Ref, None)).Should().Equal(Structure().Ref);
        (await Store.ReferencedByAsync(Structure().Ref, None)).Should().Equal(Flow().Ref);
        (await Store.ReferencedByAsync(Flow().Ref, None)).Should().BeEmpty();
        (await Store.ReferencedByAsync(CodelistRef("CL_AREA", "2.0"), None)).Should().BeEmpty();
    }

    [SkippableFact]
    public async Task Codes_keep_their_order_hierarchy_names_descriptions_uris_and_annotations()
    {
        var area = Area();
        await CreateAsync(area, Concepts());

        var codes = await Store.GetCodesAsync(area.Ref, None);

        codes.Should().BeEquivalentTo(area.Items, o => o.WithStrictOrdering());
        codes.Select(c => c.ParentId).Should().Equal(null, "1", "2", "15");
        codes[0].Annotations.Single().Texts.Should().Contain(new LocalisedString("ar", "العالم"));
        (await Store.GetCodesAsync(Concepts().Ref, None)).Should().BeEmpty("only codelists have code rows");
        (await Store.GetCodesAsync(CodelistRef("CL_NONE"), None)).Should().BeEmpty();
    }

    [SkippableFact]
    public async Task A_codelist_as_long_as_CL_AREA_round_trips()
    {
        var large = Large(572);
        await CreateAsync(large);

        var codes = await Store.GetCodesAsync(large.Ref, None);

        codes.Should().HaveCount(572);
        codes.Select(c => c.Id).Should().Equal(large.Items.Select(c => c.Id));
        codes[571].Should().BeEquivalentTo(large.Items[571]);
    }

    [SkippableFact]
    public async Task Ids_are_case_sensitive()
    {
        var lower = Area();
        lower.Id = "cl_area";
        await CreateAsync(Area(), lower);

        (await Store.ListAsync(ArtefactType.Codelist, null, None)).Select(s => s.Ref.Id).Should().Equal("CL_AREA", "cl_area");
    }

    [SkippableFact]
    public async Task A_duplicate_create_fails_and_leaves_the_store_unchanged()
    {
        var original = Area();
        await CreateAsync(original);
        var duplicate = Area();
        duplicate.Names = [En("Changed")];
        duplicate.Items = [new Code { Id = "X", Names = [En("X")] }];

        var store = Store;

        var act = () => store.SaveAsync([new(ArtefactWrite.Create, Frequency()), new(ArtefactWrite.Create, duplicate)], Now, None);

        (await act.Should().ThrowAsync<ArtefactExistsException>()).Which.Reference.Should().Be(original.Ref);
        (await Store.GetAsync(original.Ref, None))!.Artefact.Should().BeEquivalentTo(original);
        (await Store.GetCodesAsync(original.Ref, None)).Select(c => c.Id).Should().Equal("1", "2", "15", "12");
        (await Store.ListAsync(null, null, None)).Select(s => s.Ref.Id).Should().Equal("CL_AREA");
    }

    [SkippableFact]
    public async Task A_save_that_fails_midway_leaves_nothing_of_it()
    {
        await CreateAsync(Frequency("CL_OLD"));
        var replaced = Frequency("CL_OLD");
        replaced.Items = [];

        var store = Store;

        var act = () => store.SaveAsync(
            [
                new(ArtefactWrite.Replace, replaced),
                .. All().Select(a => new ArtefactChange(ArtefactWrite.Create, a)),
                new(ArtefactWrite.Create, Area()),
            ],
            Now,
            None);

        await act.Should().ThrowAsync<ArtefactExistsException>();
        (await Store.ListAsync(null, null, None)).Select(s => s.Ref.Id).Should().Equal("CL_OLD");
        (await Store.GetCodesAsync(CodelistRef("CL_OLD"), None)).Select(c => c.Id).Should().Equal("A", "M");
        (await Store.GetCodesAsync(CodelistRef("CL_AREA"), None)).Should().BeEmpty();
        (await Store.ReferencedByAsync(CodelistRef("CL_AREA"), None)).Should().BeEmpty();
    }

    [SkippableFact]
    public async Task A_version_that_is_not_concrete_cannot_be_stored()
    {
        var store = Store;
        var area = Area(ArtefactRef.Latest);

        var act = () => store.SaveAsync([new(ArtefactWrite.Create, area)], Now, None);

        await act.Should().ThrowAsync<ArgumentException>();
        (await Store.ListAsync(null, null, None)).Should().BeEmpty();
    }
}

public sealed class SqliteStructureStoreTests() : StructureStoreContract(new SqliteTestDatabase());

public sealed class SqlServerStructureStoreTests() : StructureStoreContract(new SqlServerTestDatabase());
