using Google.Rpc;
using Grpc.Core;
using Grpc.Core.Interceptors;
using MdgExchange.Domain.Structure;
using MdgExchange.Protos.V1;
using MdgExchange.Sdmx.Ml;
using MdgExchange.Application.Security;
using MdgExchange.Server.Security;
using MdgExchange.Server.Tests.Infrastructure;
using MdgExchange.Storage;
using static MdgExchange.Server.Tests.Infrastructure.DataClientExtensions;
using ArtefactType = MdgExchange.Domain.Structure.ArtefactType;
using ItemRef = MdgExchange.Domain.Structure.ItemRef;

namespace MdgExchange.Server.Tests;

/// <summary>
/// Onboarding a national provider over gRPC (issue 14): the coordinator names the organisation, its names, the
/// dataflow and the areas; the registry then holds the provider, its provision agreement and the Allowed constraint,
/// the provider pushes those areas and no other, and every attempt is a transfer.
/// </summary>
public sealed class ProviderOnboardingTests(ServerFixture server) : IClassFixture<ServerFixture>
{
    private StructureService.StructureServiceClient Coordinator => new(server.Coordinator);

    private static AddProviderRequest Add(string organisation, params string[] areas) => new()
    {
        Organisation = organisation,
        Names = { new LocalisedText { Lang = "en", Text = $"{organisation} national statistical office" } },
        Dataflows = { Flow },
        Areas = { areas },
    };

    /// <summary>A provider key of the organisation, with no agreement of its own (the fixture's As() would register one).</summary>
    private async Task<DataExchangeService.DataExchangeServiceClient> KeyOfAsync(string organisation)
    {
        var (record, token) = ApiKeys.Create(organisation, Roles.Provider, "onboarded", server.Clock.GetUtcNow(), "tests", null);
        await server.GetService<IKeyStore>().AddAsync(record, CancellationToken.None);
        return new(server.Channel.Intercept(m =>
        {
            m.Add(ApiKeyAuthenticationHandler.Header, token);
            return m;
        }));
    }

    [Fact]
    public async Task Adding_a_provider_stores_the_provider_agreement_and_area_constraint_and_records_a_transfer()
    {
        var request = Add("TAJSTAT", "762");
        request.Names.Add(new LocalisedText { Lang = "es", Text = "Agencia de Estadística de Tayikistán" });

        var response = await Coordinator.AddProviderAsync(request);

        response.Changed.Should().BeTrue();
        response.Results.Select(r => (r.Ref.Type, $"{r.Ref.AgencyId}:{r.Ref.Id}({r.Ref.Version})", r.Outcome)).Should().Equal(
            (Protos.V1.ArtefactType.DataProviderScheme, "TAJSTAT:DATA_PROVIDERS(1.0)", ArtefactOutcome.Created),
            (Protos.V1.ArtefactType.ProvisionAgreement, "MDGX:PA_TAJSTAT_DF_SDG(1.0)", ArtefactOutcome.Created),
            (Protos.V1.ArtefactType.ContentConstraint, "MDGX:CC_PA_TAJSTAT_DF_SDG(1.0)", ArtefactOutcome.Created));

        // Read back through the provider RPCs and as plain structures.
        var shown = await new StructureService.StructureServiceClient(server.Anonymous).GetProviderAsync(new GetProviderRequest { Organisation = "TAJSTAT" });
        shown.Names.Select(n => (n.Lang, n.Text)).Should().Equal(("en", "TAJSTAT national statistical office"), ("es", "Agencia de Estadística de Tayikistán"));
        shown.Agreements.Should().ContainSingle().Which.Areas.Should().Equal("762");
        shown.Agreements[0].Dataflow.Id.Should().Be("DF_SDG");
        var listed = await new StructureService.StructureServiceClient(server.Anonymous).ListProvidersAsync(new ListProvidersRequest());
        listed.Providers.Should().Contain(p => p.Organisation == "TAJSTAT" && p.Agreements.Single().Areas.Single() == "762");
        var constraint = await Coordinator.GetArtefactAsync(new GetArtefactRequest { Ref = "MDGX:CC_PA_TAJSTAT_DF_SDG(1.0)", Type = Protos.V1.ArtefactType.ContentConstraint });
        constraint.Artefact.ContentConstraint.Role.Should().Be("Allowed");
        constraint.Artefact.ContentConstraint.Attachments.Single().Id.Should().Be("PA_TAJSTAT_DF_SDG");
        constraint.Artefact.ContentConstraint.CubeRegions.Single().KeyValues.Single().Values.Should().Equal("762");

        var transfer = await new TransferService.TransferServiceClient(server.Coordinator).GetTransferAsync(new GetTransferRequest { TransferId = response.TransferId });
        transfer.Kind.Should().Be("structure-submit");
        transfer.Outcome.Should().Be("completed");
        transfer.Format.Should().Be("provider-onboarding");
        transfer.Sender.Should().Be("CEPAL");
        transfer.Receiver.Should().Be("TAJSTAT");
        transfer.Dataflow.Should().Be(Flow);
        transfer.RefAreas.Should().Equal("762");
        transfer.Artefacts.Should().Be(3);
    }

    [Fact]
    public async Task After_onboarding_the_provider_pushes_its_areas_and_is_refused_others()
    {
        var client = await KeyOfAsync("GEOSTAT");
        var before = await FluentActions.Awaiting(() => client.PushAsync(Header(sender: "GEOSTAT"), [Sdg("SH_DYN_MORT", "268", "N", ("2015", 11.4, "C"))])).Should().ThrowAsync<RpcException>();
        before.Which.StatusCode.Should().Be(StatusCode.PermissionDenied, "no agreement before onboarding");

        await Coordinator.AddProviderAsync(Add("GEOSTAT", "268"));

        (await client.PushAsync(Header(sender: "GEOSTAT"), [Sdg("SH_DYN_MORT", "268", "N", ("2015", 11.4, "C"))])).Inserted.Should().Be(1);
        var other = await FluentActions.Awaiting(() => client.PushAsync(Header(sender: "GEOSTAT"), [Sdg("SH_DYN_MORT", "51", "N", ("2015", 12.1, "C"))])).Should().ThrowAsync<RpcException>();
        other.Which.StatusCode.Should().Be(StatusCode.PermissionDenied);
        other.Which.GetRpcStatus()!.GetDetail<ErrorInfo>().Metadata["series[0].key.REF_AREA"].Should().Contain("51");

        // An update adds an area: the same key now pushes it.
        var update = await Coordinator.AddProviderAsync(new AddProviderRequest { Organisation = "GEOSTAT", Dataflows = { Flow }, Areas = { "51" } });
        update.Results.Select(r => r.Outcome).Should().Equal(ArtefactOutcome.Unchanged, ArtefactOutcome.Unchanged, ArtefactOutcome.Replaced);
        update.Provider.Agreements.Single().Areas.Should().Equal("268", "51");
        (await client.PushAsync(Header(sender: "GEOSTAT"), [Sdg("SH_DYN_MORT", "51", "N", ("2015", 12.1, "C"))])).Inserted.Should().Be(1);
    }

    [Fact]
    public async Task The_same_add_twice_is_unchanged_and_replace_areas_makes_the_areas_exactly_those_given()
    {
        var first = await Coordinator.AddProviderAsync(Add("NSO_KG", "417", "762"));
        first.Changed.Should().BeTrue();

        var second = await Coordinator.AddProviderAsync(Add("NSO_KG", "417", "762"));
        second.Changed.Should().BeFalse();
        second.Results.Should().OnlyContain(r => r.Outcome == ArtefactOutcome.Unchanged);
        second.TransferId.Should().NotBe(first.TransferId, "an unchanged run is still recorded");
        (await Coordinator.AddProviderAsync(Add("NSO_KG", "762"))).Changed.Should().BeFalse("an area it has already is not added twice");

        var replaced = await Coordinator.AddProviderAsync(new AddProviderRequest { Organisation = "NSO_KG", Dataflows = { Flow }, Areas = { "417" }, ReplaceAreas = true });
        replaced.Changed.Should().BeTrue();
        replaced.Provider.Agreements.Single().Areas.Should().Equal("417");
        (await Coordinator.GetProviderAsync(new GetProviderRequest { Organisation = "NSO_KG" })).Agreements.Single().Areas.Should().Equal("417");
    }

    [Fact]
    public async Task An_area_outside_the_REF_AREA_codelist_is_invalid_naming_the_code_and_the_codelist_and_stores_nothing()
    {
        var error = await FluentActions.Awaiting(async () => await Coordinator.AddProviderAsync(Add("NSO_XX", "762", "9999"))).Should().ThrowAsync<RpcException>();

        error.Which.StatusCode.Should().Be(StatusCode.InvalidArgument);
        var violation = error.Which.GetRpcStatus()!.GetDetail<BadRequest>().FieldViolations.Should().ContainSingle().Subject;
        violation.Field.Should().Be("areas[1]");
        violation.Description.Should().Contain("9999").And.Contain("IAEG-SDGs:CL_AREA(1.0)").And.Contain(Flow);
        await ExpectRejectedTransferAsync(error.Which, "9999");
        var missing = await FluentActions.Awaiting(async () => await Coordinator.GetProviderAsync(new GetProviderRequest { Organisation = "NSO_XX" })).Should().ThrowAsync<RpcException>();
        missing.Which.StatusCode.Should().Be(StatusCode.NotFound, "nothing of a refused onboarding is stored");
    }

    [Fact]
    public async Task An_unknown_dataflow_is_not_found_naming_it()
    {
        var request = Add("NSO_YY", "762");
        request.Dataflows[0] = "MDGX:DF_NOPE(1.0)";

        var error = await FluentActions.Awaiting(async () => await Coordinator.AddProviderAsync(request)).Should().ThrowAsync<RpcException>();

        error.Which.StatusCode.Should().Be(StatusCode.NotFound);
        error.Which.Status.Detail.Should().Contain("MDGX:DF_NOPE(1.0)");
        error.Which.GetRpcStatus()!.GetDetail<ResourceInfo>().ResourceName.Should().Be("MDGX:DF_NOPE(1.0)");
        await ExpectRejectedTransferAsync(error.Which, "MDGX:DF_NOPE(1.0)");
    }

    [Fact]
    public async Task A_new_provider_needs_a_name()
    {
        var error = await FluentActions.Awaiting(async () => await Coordinator.AddProviderAsync(new AddProviderRequest { Organisation = "NSO_ZZ", Dataflows = { Flow }, Areas = { "762" } }))
            .Should().ThrowAsync<RpcException>();

        error.Which.StatusCode.Should().Be(StatusCode.InvalidArgument);
        error.Which.GetRpcStatus()!.GetDetail<BadRequest>().FieldViolations.Single().Field.Should().Be("names");
    }

    [Theory]
    [InlineData("provider", StatusCode.PermissionDenied)]
    [InlineData("agency", StatusCode.PermissionDenied)]
    [InlineData("anonymous", StatusCode.Unauthenticated)]
    public async Task Only_coordinators_and_admins_add_providers(string who, StatusCode expected)
    {
        var invoker = who switch
        {
            "provider" => server.As("INEGI", Roles.Provider),
            "agency" => server.As("UNICEF", Roles.Agency),
            _ => server.Anonymous,
        };

        var error = await FluentActions.Awaiting(async () => await new StructureService.StructureServiceClient(invoker).AddProviderAsync(Add("NSO_DENIED", "762"))).Should().ThrowAsync<RpcException>();

        error.Which.StatusCode.Should().Be(expected);
        (await new StructureService.StructureServiceClient(server.Admin).ListProvidersAsync(new ListProvidersRequest())).Providers.Should().NotContain(p => p.Organisation == "NSO_DENIED");
        (await new StructureService.StructureServiceClient(server.Admin).AddProviderAsync(Add("NSO_ADMIN", "762"))).Provider.Agreements.Single().Areas.Should().Equal(["762"], "the admin may");
    }

    [Fact]
    public async Task A_final_agreement_constraint_is_immutable_so_a_changed_area_list_is_a_failed_precondition()
    {
        // Registered by hand as SDMX-ML, final: the same areas are unchanged, another area would change a final artefact.
        var scheme = new DataProviderScheme { AgencyId = "DGEEC", Id = "DATA_PROVIDERS", Version = "1.0", Names = [new("en", "DGEEC")], Items = [new DataProvider { Id = "DGEEC", Names = [new("en", "DGEEC")] }] };
        var agreement = new ProvisionAgreement
        {
            AgencyId = "MDGX", Id = "PA_DGEEC", Version = "1.0", IsFinal = true, Names = [new("en", "DGEEC reports SDG")],
            StructureUsage = new Domain.Structure.ArtefactRef(ArtefactType.Dataflow, "MDGX", "DF_SDG", "1.0"), DataProvider = new ItemRef(scheme.Ref, "DGEEC"),
        };
        var constraint = new ContentConstraint
        {
            AgencyId = "MDGX", Id = "CC_DGEEC", Version = "1.0", IsFinal = true, Names = [new("en", "Paraguay")], Attachments = [agreement.Ref],
            CubeRegions = [new CubeRegion { KeyValues = [new ComponentValueSet { Id = "REF_AREA", Values = ["600"] }] }],
        };
        using (var file = new MemoryStream())
        {
            StructureWriter.Write(file, new StructureHeader(), [scheme, agreement, constraint]);
            (await new StructureService.StructureServiceClient(server.Admin).SubmitBytesAsync(file.ToArray())).Applied.Should().BeTrue();
        }

        (await Coordinator.AddProviderAsync(new AddProviderRequest { Organisation = "DGEEC", Dataflows = { Flow }, Areas = { "600" } })).Results.Should().OnlyContain(r => r.Outcome == ArtefactOutcome.Unchanged);
        var error = await FluentActions.Awaiting(async () => await Coordinator.AddProviderAsync(new AddProviderRequest { Organisation = "DGEEC", Dataflows = { Flow }, Areas = { "32" } })).Should().ThrowAsync<RpcException>();

        error.Which.StatusCode.Should().Be(StatusCode.FailedPrecondition);
        var violation = error.Which.GetRpcStatus()!.GetDetail<PreconditionFailure>().Violations.Should().ContainSingle().Subject;
        violation.Subject.Should().Be("MDGX:CC_DGEEC(1.0)");
        violation.Description.Should().Contain("final");
        (await Coordinator.GetProviderAsync(new GetProviderRequest { Organisation = "DGEEC" })).Agreements.Single().Areas.Should().Equal("600");
    }

    [Fact]
    public async Task An_unknown_provider_is_not_found_and_a_bad_id_invalid()
    {
        var unknown = await FluentActions.Awaiting(async () => await Coordinator.GetProviderAsync(new GetProviderRequest { Organisation = "NOBODY" })).Should().ThrowAsync<RpcException>();
        unknown.Which.StatusCode.Should().Be(StatusCode.NotFound);
        unknown.Which.Status.Detail.Should().Contain("NOBODY");

        var bad = await FluentActions.Awaiting(async () => await Coordinator.AddProviderAsync(Add("not an id", "762"))).Should().ThrowAsync<RpcException>();
        bad.Which.StatusCode.Should().Be(StatusCode.InvalidArgument);
        bad.Which.GetRpcStatus()!.GetDetail<BadRequest>().FieldViolations.Single().Field.Should().Be("organisation");
    }

    private async Task ExpectRejectedTransferAsync(RpcException error, string named)
    {
        var transferId = error.GetRpcStatus()!.GetDetail<RequestInfo>().RequestId;
        var transfer = await new TransferService.TransferServiceClient(server.Coordinator).GetTransferAsync(new GetTransferRequest { TransferId = transferId });
        transfer.Kind.Should().Be("structure-submit");
        transfer.Outcome.Should().Be("rejected");
        transfer.ErrorSummary.Should().Contain(named);
        transfer.Sender.Should().Be("CEPAL");
    }
}
