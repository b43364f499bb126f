using System.Text;
using Google.Rpc;
using Grpc.Core;
using MdgExchange.Protos.V1;
using MdgExchange.Server.Tests.Infrastructure;
using MdgExchange.Storage;

namespace MdgExchange.Server.Tests;

/// <summary>The structure registry through a real gRPC channel over HTTP/2.</summary>
public sealed class StructureServiceTests(ServerFixture server) : IClassFixture<ServerFixture>
{
    private StructureService.StructureServiceClient Client => new(server.Admin);

    private static string Fixture(string name) => TestFiles.Data("registry", name);

    [Fact]
    public async Task Resubmitting_the_real_SDG_DSD_file_leaves_every_artefact_unchanged()
    {
        var response = await Client.SubmitFileAsync(TestFiles.SdgDsd, chunkSize: 8 * 1024);

        response.Results.Should().HaveCount(23);
        response.Results.Should().OnlyContain(r => r.Outcome == ArtefactOutcome.Unchanged);
        response.Applied.Should().BeFalse("nothing needed writing");
    }

    [Fact]
    public async Task An_artefact_exported_as_SDMX_ML_reimports_unchanged()
    {
        foreach (var (reference, type) in new[] { ("IAEG-SDGs:SDG(1.0)", ArtefactType.DataStructure), ("IAEG-SDGs:CL_SERIES(1.0)", ArtefactType.Codelist), ("MDGX:CL_FRAMEWORK_SDG(latest)", ArtefactType.Codelist) })
        {
            var exported = await Client.GetArtefactAsync(new GetArtefactRequest { Ref = reference, Type = type, IncludeSdmxMl = true });
            exported.SdmxMl.ToStringUtf8().Should().Contain("http://www.sdmx.org/resources/sdmxml/schemas/v2_1/message");

            var response = await Client.SubmitBytesAsync(exported.SdmxMl.ToByteArray());

            response.Results.Should().ContainSingle().Which.Outcome.Should().Be(ArtefactOutcome.Unchanged, reference);
        }
    }

    [Fact]
    public async Task A_new_structure_message_is_created_read_back_replaced_and_deleted_in_reference_order()
    {
        var created = await Client.SubmitFileAsync(Fixture("test_structures.xml"));
        created.Results.Select(r => (r.Ref.Id, r.Outcome)).Should().BeEquivalentTo(
            [("CL_REGION", ArtefactOutcome.Created), ("CS_TEST", ArtefactOutcome.Created), ("DSD_TEST", ArtefactOutcome.Created), ("DF_TEST", ArtefactOutcome.Created)]);
        created.Applied.Should().BeTrue();

        var codes = await Client.AllCodesAsync("TEST:CL_REGION(1.0)");
        codes.Select(c => (c.Id, c.ParentId)).Should().Equal(("AR", ""), ("AR_B", "AR"), ("AR_X", "AR"));
        codes[2].Names.Should().BeEquivalentTo([new LocalisedText { Lang = "en", Text = "Córdoba province" }, new LocalisedText { Lang = "es", Text = "Provincia de Córdoba" }]);
        var annotation = codes[0].Annotations.Single();
        (annotation.Id, annotation.Type, annotation.Title).Should().Be(("M49", "M49", "032"));
        annotation.Texts.Select(t => t.Lang).Should().Equal("en", "es");

        // Non-final: a changed version replaces the stored one.
        var changed = File.ReadAllText(Fixture("test_structures.xml")).Replace("Test dataflow", "Test dataflow, renamed", StringComparison.Ordinal);
        var replaced = await Client.SubmitBytesAsync(Encoding.UTF8.GetBytes(changed));
        replaced.Results.Single(r => r.Ref.Id == "DF_TEST").Outcome.Should().Be(ArtefactOutcome.Replaced);
        replaced.Results.Where(r => r.Ref.Id != "DF_TEST").Should().OnlyContain(r => r.Outcome == ArtefactOutcome.Unchanged);
        var flow = await Client.GetArtefactAsync(new GetArtefactRequest { Ref = "TEST:DF_TEST(1.0)", Type = ArtefactType.Dataflow });
        flow.Artefact.Names.Single().Text.Should().Be("Test dataflow, renamed");

        // The codelist is referenced by the DSD: refused, and names who refers to it.
        var refused = await FluentActions.Awaiting(() => Client.DeleteArtefactAsync(new DeleteArtefactRequest { Ref = "TEST:CL_REGION(1.0)", Type = ArtefactType.Codelist }).ResponseAsync)
            .Should().ThrowAsync<RpcException>();
        refused.Which.StatusCode.Should().Be(StatusCode.FailedPrecondition);
        refused.Which.Status.Detail.Should().Contain("TEST:DSD_TEST(1.0)");

        foreach (var (reference, type) in new[] { ("TEST:DF_TEST(1.0)", ArtefactType.Dataflow), ("TEST:DSD_TEST(1.0)", ArtefactType.DataStructure), ("TEST:CL_REGION(1.0)", ArtefactType.Codelist), ("TEST:CS_TEST(1.0)", ArtefactType.ConceptScheme) })
        {
            var deleted = await Client.DeleteArtefactAsync(new DeleteArtefactRequest { Ref = reference, Type = type });
            deleted.Deleted.Version.Should().Be("1.0");
        }

        var missing = await FluentActions.Awaiting(() => Client.GetArtefactAsync(new GetArtefactRequest { Ref = "TEST:CL_REGION(1.0)", Type = ArtefactType.Codelist }).ResponseAsync)
            .Should().ThrowAsync<RpcException>();
        missing.Which.StatusCode.Should().Be(StatusCode.NotFound);
    }

    [Fact]
    public async Task A_final_artefact_cannot_be_changed_or_deleted()
    {
        var changed = File.ReadAllText(TestFiles.SdgDsd).Replace("SDG DSD", "SDG DSD changed", StringComparison.Ordinal);
        var before = await Client.RegistrySnapshotAsync();

        var response = await Client.SubmitBytesAsync(Encoding.UTF8.GetBytes(changed));

        var dsd = response.Results.Single(r => r.Ref.Id == "SDG" && r.Ref.Type == ArtefactType.DataStructure);
        dsd.Outcome.Should().Be(ArtefactOutcome.Failed);
        dsd.Messages.Should().ContainSingle().Which.Should().Contain("IAEG-SDGs:SDG(1.0)").And.Contain("final");
        response.Applied.Should().BeFalse();
        (await Client.RegistrySnapshotAsync()).Should().Equal(before);

        var delete = await FluentActions.Awaiting(() => Client.DeleteArtefactAsync(new DeleteArtefactRequest { Ref = "MDGX:CL_DISCREPANCY_TYPE(1.0)", Type = ArtefactType.Codelist }).ResponseAsync)
            .Should().ThrowAsync<RpcException>();
        delete.Which.StatusCode.Should().Be(StatusCode.FailedPrecondition);
        delete.Which.Status.Detail.Should().Contain("final");
    }

    [Fact]
    public async Task A_DSD_whose_codelist_is_missing_is_refused_naming_it_and_nothing_is_stored()
    {
        var before = await Client.RegistrySnapshotAsync();

        var response = await Client.SubmitFileAsync(Fixture("dangling_reference.xml"));

        response.Applied.Should().BeFalse();
        var dsd = response.Results.Single(r => r.Ref.Id == "DSD_DANGLING");
        dsd.Outcome.Should().Be(ArtefactOutcome.Failed);
        dsd.Messages.Should().Contain(m => m.Contains("TEST:CL_MISSING(1.0)") && m.Contains("REF_AREA"));
        response.Results.Single(r => r.Ref.Id == "CS_DANGLING").Outcome.Should().Be(ArtefactOutcome.NotApplied);
        (await Client.RegistrySnapshotAsync()).Should().Equal(before);

        var transfer = await server.GetService<ITransferStore>().GetAsync(Guid.Parse(response.TransferId), CancellationToken.None);
        transfer!.Outcome.Should().Be("rejected");
        transfer.ErrorSummary.Should().Contain("TEST:CL_MISSING(1.0)");
    }

    [Fact]
    public async Task With_partial_the_valid_artefacts_are_stored_and_the_invalid_refused()
    {
        // Ids of its own, so the all-or-nothing test on the same file still finds nothing stored.
        var content = File.ReadAllText(Fixture("dangling_reference.xml")).Replace("DANGLING", "PARTIAL", StringComparison.Ordinal);

        var response = await Client.SubmitBytesAsync(Encoding.UTF8.GetBytes(content), partial: true);

        response.Applied.Should().BeTrue();
        response.Results.Single(r => r.Ref.Id == "CS_PARTIAL").Outcome.Should().Be(ArtefactOutcome.Created);
        response.Results.Single(r => r.Ref.Id == "DSD_PARTIAL").Outcome.Should().Be(ArtefactOutcome.Failed);
        (await Client.GetArtefactAsync(new GetArtefactRequest { Ref = "TEST:CS_PARTIAL", Type = ArtefactType.ConceptScheme })).Artefact.ItemScheme.Items.Should().HaveCount(4);
    }

    [Theory]
    [InlineData("not_xml.txt", "XML")]
    [InlineData("not_sdmx.xml", "catalog")]
    [InlineData("wrong_version.xml", "1.x")]
    public async Task Bad_files_get_INVALID_ARGUMENT_naming_the_problem_leave_the_registry_unchanged_and_are_recorded(string file, string expected)
    {
        var before = await Client.RegistrySnapshotAsync();

        var error = await FluentActions.Awaiting(() => Client.SubmitFileAsync(Fixture(file))).Should().ThrowAsync<RpcException>();

        error.Which.StatusCode.Should().Be(StatusCode.InvalidArgument);
        error.Which.Status.Detail.Should().Contain(expected);
        var badRequest = error.Which.GetRpcStatus()!.GetDetail<BadRequest>();
        badRequest.FieldViolations.Should().Contain(v => v.Field == "chunk");
        var transferId = Guid.Parse(badRequest.FieldViolations.Single(v => v.Field == "transfer_id").Description);
        (await server.GetService<ITransferStore>().GetAsync(transferId, CancellationToken.None))!.Outcome.Should().Be("rejected");
        (await Client.RegistrySnapshotAsync()).Should().Equal(before);
    }

    [Fact]
    public async Task Unsupported_artefacts_are_reported_as_failures_and_stop_an_all_or_nothing_submission()
    {
        var before = await Client.RegistrySnapshotAsync();

        var response = await Client.SubmitFileAsync(TestFiles.Data("sdmx", "unsupported.xml"));

        response.Applied.Should().BeFalse();
        response.Results.Single(r => r.Ref?.Id == "CL_SEX").Outcome.Should().Be(ArtefactOutcome.NotApplied);
        var unsupported = response.Results.Where(r => r.Ref is null).ToList();
        unsupported.Should().OnlyContain(r => r.Outcome == ArtefactOutcome.Failed);
        unsupported.SelectMany(r => r.Messages).Should().Contain(m => m.Contains("HierarchicalCodelist MDG:HCL_REGIONS(1.1)"))
            .And.Contain(m => m.Contains("StructureSet"));
        (await Client.RegistrySnapshotAsync()).Should().Equal(before);
    }

    [Fact]
    public async Task Organisation_schemes_categories_categorisations_constraints_and_provision_agreements_are_registered_and_read_back()
    {
        foreach (var file in new[] { "categories.xml", "organisations.xml" })
        {
            var response = await Client.SubmitFileAsync(TestFiles.Data("sdmx", file));
            response.Results.Should().NotContain(r => r.Outcome == ArtefactOutcome.Failed, $"{file}: {string.Join("; ", response.Results.SelectMany(r => r.Messages))}");
        }

        // The constraints fixture carries its own draft of MDG:DF_SDG(1.0), which is final here now: without it,
        // its constraints attach to the registered one; one of them also names a DSD version that does not exist.
        var constraints = File.ReadAllText(TestFiles.Data("sdmx", "constraints.xml"));
        constraints = System.Text.RegularExpressions.Regex.Replace(constraints, "<str:Dataflows>.*?</str:Dataflows>", "", System.Text.RegularExpressions.RegexOptions.Singleline);
        var partial = await Client.SubmitBytesAsync(Encoding.UTF8.GetBytes(constraints), partial: true);
        partial.Results.Where(r => r.Outcome == ArtefactOutcome.Failed).Should().ContainSingle()
            .Which.Messages.Should().ContainSingle(m => m.Contains("IAEG-SDGs:SDG(1.1)"));
        partial.Results.Count(r => r.Outcome == ArtefactOutcome.Created).Should().BeGreaterThanOrEqualTo(2);

        var types = (await Client.ListArtefactsAsync(new ListArtefactsRequest())).Artefacts.Select(a => a.Ref.Type).Distinct();
        types.Should().Contain([ArtefactType.AgencyScheme, ArtefactType.DataProviderScheme, ArtefactType.DataConsumerScheme, ArtefactType.CategoryScheme,
            ArtefactType.Categorisation, ArtefactType.ContentConstraint, ArtefactType.ProvisionAgreement, ArtefactType.Dataflow, ArtefactType.DataStructure]);

        var agreement = (await Client.ListArtefactsAsync(new ListArtefactsRequest { Type = ArtefactType.ProvisionAgreement })).Artefacts.First();
        var detail = await Client.GetArtefactAsync(new GetArtefactRequest { Ref = agreement.Ref.Urn });
        detail.Artefact.ProvisionAgreement.Dataflow.Should().NotBeNull();
        detail.Artefact.ProvisionAgreement.DataProvider.ItemId.Should().NotBeEmpty();

        var allowed = (await Client.GetArtefactAsync(new GetArtefactRequest { Ref = "MDG:CC_SDG_ALLOWED(1.0)", Type = ArtefactType.ContentConstraint })).Artefact.ContentConstraint;
        allowed.Attachments.Should().ContainSingle().Which.Id.Should().Be("DF_SDG");
        allowed.CubeRegions.SelectMany(r => r.KeyValues).Should().Contain(v => v.ComponentId == "SERIES" && v.Values.Contains("SI_POV_DAY1"));
    }

    [Fact]
    public async Task An_empty_submission_and_an_unknown_format_are_invalid_arguments()
    {
        var empty = await FluentActions.Awaiting(() => Client.SubmitBytesAsync([])).Should().ThrowAsync<RpcException>();
        empty.Which.StatusCode.Should().Be(StatusCode.InvalidArgument);

        using var call = Client.SubmitStructures();
        await call.RequestStream.WriteAsync(new SubmitStructuresRequest { Options = new SubmitStructuresOptions { Format = "sdmx-json" } });
        await call.RequestStream.WriteAsync(new SubmitStructuresRequest { Chunk = Google.Protobuf.ByteString.CopyFromUtf8("{}") });
        await call.RequestStream.CompleteAsync();
        var format = await FluentActions.Awaiting(() => call.ResponseAsync).Should().ThrowAsync<RpcException>();
        format.Which.Status.Detail.Should().Contain("sdmx-json");
        format.Which.GetRpcStatus()!.GetDetail<BadRequest>().FieldViolations.Single().Field.Should().Be("options.format");
    }

    [Fact]
    public async Task The_same_artefact_twice_in_one_message_is_refused()
    {
        var text = File.ReadAllText(Fixture("test_structures.xml"));
        var codelist = text[text.IndexOf("<str:Codelist ", StringComparison.Ordinal)..(text.IndexOf("</str:Codelist>", StringComparison.Ordinal) + "</str:Codelist>".Length)];
        var doubled = text.Replace(codelist, codelist + codelist, StringComparison.Ordinal);

        var response = await Client.SubmitBytesAsync(Encoding.UTF8.GetBytes(doubled));

        response.Applied.Should().BeFalse();
        response.Results.Where(r => r.Ref.Id == "CL_REGION").Should().HaveCount(2).And.OnlyContain(r => r.Outcome == ArtefactOutcome.Failed);
    }

    [Fact]
    public async Task References_are_parsed_strictly()
    {
        var noType = await FluentActions.Awaiting(() => Client.GetArtefactAsync(new GetArtefactRequest { Ref = "IAEG-SDGs:SDG(1.0)" }).ResponseAsync).Should().ThrowAsync<RpcException>();
        noType.Which.GetRpcStatus()!.GetDetail<BadRequest>().FieldViolations.Single().Field.Should().Be("type");

        var badVersion = await FluentActions.Awaiting(() => Client.GetArtefactAsync(new GetArtefactRequest { Ref = "IAEG-SDGs:SDG(one)", Type = ArtefactType.DataStructure }).ResponseAsync).Should().ThrowAsync<RpcException>();
        badVersion.Which.StatusCode.Should().Be(StatusCode.InvalidArgument);
        badVersion.Which.Status.Detail.Should().Contain("one");

        var byUrn = await Client.GetArtefactAsync(new GetArtefactRequest { Ref = "urn:sdmx:org.sdmx.infomodel.codelist.Codelist=IAEG-SDGs:CL_NATURE(1.0)" });
        byUrn.Artefact.ItemScheme.Items.Select(i => i.Id).Should().Contain(["C", "CA", "E", "M", "G"]);
    }

    [Fact]
    public async Task Artefacts_are_listed_by_type_and_agency()
    {
        var list = await Client.ListArtefactsAsync(new ListArtefactsRequest { AgencyId = "MDGX" });

        list.Artefacts.Select(a => $"{a.Ref.AgencyId}:{a.Ref.Id}({a.Ref.Version})").Should().BeEquivalentTo(
            ["MDGX:CL_DISCREPANCY_TYPE(1.0)", "MDGX:CL_FRAMEWORK_MDG(1.0)", "MDGX:CL_FRAMEWORK_SDG(1.0)", "MDGX:DF_SDG(1.0)", "MDGX:MDF_SDG(1.0)"]);
        var concepts = await Client.ListArtefactsAsync(new ListArtefactsRequest { Type = ArtefactType.ConceptScheme, AgencyId = "IAEG-SDGs" });
        concepts.Artefacts.Select(a => a.Ref.Id).Should().BeEquivalentTo(["SDG_CONCEPTS", "SDG_META_CONCEPTS"]);
    }

    [Fact]
    public async Task A_large_codelist_streamed_in_small_chunks_is_stored_whole_and_read_in_pages()
    {
        var xml = new StringBuilder("""
            <?xml version="1.0" encoding="UTF-8"?>
            <mes:Structure xmlns:mes="http://www.sdmx.org/resources/sdmxml/schemas/v2_1/message" xmlns:str="http://www.sdmx.org/resources/sdmxml/schemas/v2_1/structure" xmlns:com="http://www.sdmx.org/resources/sdmxml/schemas/v2_1/common">
            <mes:Header><mes:ID>BIG</mes:ID><mes:Test>true</mes:Test><mes:Prepared>2026-01-01T00:00:00</mes:Prepared><mes:Sender id="TEST"/></mes:Header>
            <mes:Structures><str:Codelists><str:Codelist agencyID="TEST" id="CL_BIG" version="1.0" isFinal="false"><com:Name xml:lang="en">Big</com:Name>
            """);
        for (var i = 0; i < 30_000; i++)
        {
            xml.Append(System.Globalization.CultureInfo.InvariantCulture, $"<str:Code id=\"C{i}\"><com:Name xml:lang=\"en\">Code {i}</com:Name><com:Name xml:lang=\"es\">Código {i}</com:Name></str:Code>");
        }

        xml.Append("</str:Codelist></str:Codelists></mes:Structures></mes:Structure>");
        var bytes = Encoding.UTF8.GetBytes(xml.ToString());

        var response = await Client.SubmitBytesAsync(bytes, chunkSize: 16 * 1024);

        response.Results.Single().Outcome.Should().Be(ArtefactOutcome.Created);
        var codes = await Client.AllCodesAsync("TEST:CL_BIG(1.0)", pageSize: 7000);
        codes.Should().HaveCount(30_000);
        codes[29_999].Names.Single(n => n.Lang == "es").Text.Should().Be("Código 29999");
        var transfer = await server.GetService<ITransferStore>().GetAsync(Guid.Parse(response.TransferId), CancellationToken.None);
        transfer!.Bytes.Should().Be(bytes.Length);
    }
}
