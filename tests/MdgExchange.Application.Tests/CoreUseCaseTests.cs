using MdgExchange.Application.Discrepancies;
using MdgExchange.Application.Exchange;
using MdgExchange.Application.Inventory;
using MdgExchange.Application.Registry;
using MdgExchange.Application.Security;
using MdgExchange.Domain.Discrepancies;
using MdgExchange.Domain.Inventory;
using MdgExchange.Domain.Structure;
using MdgExchange.Storage;
using static MdgExchange.Application.Tests.UseCaseHost;

namespace MdgExchange.Application.Tests;

/// <summary>The read and coordination use cases called directly: access, keys, the transfer log, structures, discrepancies, the inventory.</summary>
public sealed class CoreUseCaseTests : IAsyncLifetime
{
    private UseCaseHost _host = null!;

    public async Task InitializeAsync() => _host = await StartAsync();

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Theory]
    [InlineData(Operations.Push, Roles.Provider, AccessOutcome.Allowed)]
    [InlineData(Operations.Push, Roles.Coordinator, AccessOutcome.Denied)]
    [InlineData(Operations.KeyCreate, Roles.Coordinator, AccessOutcome.Denied)]
    [InlineData(Operations.KeyCreate, Roles.Admin, AccessOutcome.Allowed)]
    [InlineData(Operations.InventoryRead, Roles.Agency, AccessOutcome.Denied)]
    [InlineData(Operations.InventoryRead, Roles.Coordinator, AccessOutcome.Allowed)]
    [InlineData(Operations.DiscrepancyAnalysis, Roles.Provider, AccessOutcome.Denied)]
    [InlineData(Operations.Pull, null, AccessOutcome.Allowed)]
    [InlineData(Operations.TransfersRead, null, AccessOutcome.Unauthenticated)]
    [InlineData("no-such-operation", Roles.Admin, AccessOutcome.Denied)]
    public async Task The_gate_decides_each_operation_from_the_policy_and_records_every_refusal(string operation, string? role, AccessOutcome expected)
    {
        var caller = role is null ? Caller.Anonymous : CallerOf("INEGI", role);

        var decision = await _host.Get<AccessGate>().DecideAsync(new AccessRequest(operation, caller, "test", $"the {operation} call"));

        decision.Outcome.Should().Be(expected);
        var refusals = (await _host.TransfersAsync()).Where(t => t.Outcome == "rejected").ToList();
        if (expected == AccessOutcome.Allowed)
        {
            refusals.Should().BeEmpty();
            decision.TransferId.Should().BeEmpty();
        }
        else
        {
            var recorded = refusals.Should().ContainSingle().Subject;
            recorded.TransferId.Should().Be(decision.TransferId);
            (recorded.Channel, recorded.Principal).Should().Be(("test", caller.Principal));
            recorded.ErrorSummary.Should().Contain($"the {operation} call").And.Contain(expected == AccessOutcome.Unauthenticated ? "UNAUTHENTICATED" : "PERMISSION_DENIED");
        }
    }

    [Fact]
    public async Task Credentials_that_were_refused_are_unauthenticated_even_for_a_public_operation()
    {
        var decision = await _host.Get<AccessGate>().DecideAsync(new AccessRequest(Operations.Pull, Caller.Anonymous, "test", "pull", CredentialFailure: "the API key is revoked"));

        decision.Outcome.Should().Be(AccessOutcome.Unauthenticated);
        decision.Message.Should().Contain("the API key is revoked");
    }

    [Fact]
    public async Task A_key_request_names_every_invalid_field_and_a_valid_one_gives_the_secret_once()
    {
        var keys = _host.Get<ApiKeyService>();
        var admin = As("MDGX", Roles.Admin);

        var invalid = await FluentActions.Awaiting(() => keys.CreateAsync(new ApiKeyRequest("not an id!", "overlord", new string('x', 300), _host.Clock.GetUtcNow().AddDays(-1)), admin, CancellationToken.None))
            .Should().ThrowAsync<ExchangeRejectedException>();
        invalid.Which.Violations.Select(v => v.Field).Should().BeEquivalentTo("organisation", "role", "name", "expires_at");
        (await keys.ListAsync(null, CancellationToken.None)).Should().BeEmpty();

        var (key, token) = await keys.CreateAsync(new ApiKeyRequest("INEGI", Roles.Provider, "upload robot"), admin, CancellationToken.None);
        token.Should().StartWith("mdgx_" + key.Record.KeyId + "_");
        key.Status.Should().Be("active");
        var secret = token[("mdgx_".Length + key.Record.KeyId.Length + 1)..];
        key.Record.SecretSha256.Should().Be(ApiKeys.Hash(secret), "only the secret's hash is kept");
        (await keys.ListAsync("INEGI", CancellationToken.None)).Single().Record.Name.Should().Be("upload robot");

        _host.Clock.Advance(TimeSpan.FromHours(1));
        (await keys.RevokeAsync(key.Record.KeyId, admin, CancellationToken.None)).Status.Should().Be("revoked");
        await FluentActions.Awaiting(() => keys.RevokeAsync("nosuchkey", admin, CancellationToken.None)).Should().ThrowAsync<ExchangeNotFoundException>();
    }

    [Fact]
    public async Task An_organisation_reads_only_its_own_transfers_and_asking_for_another_is_refused_and_recorded()
    {
        await _host.OnboardAsync("INEGI", "484");
        var push = await _host.PushAsync(Header("INEGI"), As("INEGI", Roles.Provider), Sdg("SH_DYN_MORT", "484", "N", ("2014", 10, "C")));
        var log = _host.Get<TransferLog>();

        (await log.ListAsync(new TransferFilter { Kind = "push" }, As("INEGI", Roles.Provider), CancellationToken.None)).Should().ContainSingle(t => t.TransferId == push.TransferId);
        (await log.ListAsync(new TransferFilter { Kind = "push" }, As("IBGE", Roles.Provider), CancellationToken.None)).Should().BeEmpty();
        (await log.ListAsync(new TransferFilter { Organisation = "INEGI", Kind = "push" }, As("CEPAL", Roles.Coordinator), CancellationToken.None)).Should().ContainSingle();
        await FluentActions.Awaiting(() => log.GetAsync(push.TransferId, As("IBGE", Roles.Provider), CancellationToken.None)).Should().ThrowAsync<ExchangeNotFoundException>();

        var denied = await FluentActions.Awaiting(() => log.ListAsync(new TransferFilter { Organisation = "INEGI" }, As("IBGE", Roles.Provider), CancellationToken.None)).Should().ThrowAsync<ExchangeDeniedException>();
        var refusal = await _host.Get<ITransferStore>().GetAsync(denied.Which.TransferId, CancellationToken.None);
        (refusal!.Kind, refusal.Outcome, refusal.SenderOrganisation).Should().Be(("transfers-read", "rejected", "IBGE"));

        await FluentActions.Awaiting(() => log.ListAsync(new TransferFilter { Limit = TransferLog.MaxLimit + 1 }, As("CEPAL", Roles.Coordinator), CancellationToken.None))
            .Should().ThrowAsync<ExchangeRejectedException>().Where(e => e.Violations.Single().Field == "limit");
    }

    [Fact]
    public async Task Structure_queries_resolve_latest_page_codes_and_name_what_is_missing()
    {
        var queries = _host.Get<StructureQueries>();

        var dsd = await queries.QueryAsync(new StructureQuery { Types = [ArtefactType.Dataflow], ResourceIds = ["DF_SDG"], References = StructureReferences.Children }, "http://localhost/sdmx/rest", CancellationToken.None);
        dsd.Select(a => a.Type).Should().Contain([ArtefactType.Dataflow, ArtefactType.DataStructure]);

        var areas = (await queries.ListAsync(ArtefactType.Codelist, null, CancellationToken.None)).Single(c => c.Ref.Id == "CL_AREA").Ref;
        var first = await queries.CodesAsync(areas, 0, 10, CancellationToken.None);
        first.Codes.Should().HaveCount(10);
        first.Next.Should().Be(10);
        var second = await queries.CodesAsync(areas, first.Next!.Value, 10, CancellationToken.None);
        second.Codes.Select(c => c.Id).Should().NotIntersectWith(first.Codes.Select(c => c.Id));
        first.Total.Should().BeGreaterThan(200);

        await FluentActions.Awaiting(() => queries.CodesAsync(areas, 0, StructureQueries.MaxPageSize + 1, CancellationToken.None))
            .Should().ThrowAsync<ExchangeRejectedException>().Where(e => e.Violations.Single().Field == "page_size");
        await FluentActions.Awaiting(() => queries.CodesAsync(areas with { Type = ArtefactType.ConceptScheme }, 0, 10, CancellationToken.None))
            .Should().ThrowAsync<ExchangeRejectedException>().Where(e => e.Violations.Single().Field == "codelist");
        var missing = await FluentActions.Awaiting(() => queries.GetAsync(new ArtefactRef(ArtefactType.Codelist, "MDGX", "CL_NOTHING", "1.0"), CancellationToken.None))
            .Should().ThrowAsync<ExchangeNotFoundException>();
        missing.Which.ResourceName.Should().Be("MDGX:CL_NOTHING(1.0)");
        await FluentActions.Awaiting(() => queries.DataflowAsync("all", "DF_NOTHING", "latest", CancellationToken.None)).Should().ThrowAsync<ExchangeNotFoundException>();
    }

    [Fact]
    public async Task Seeding_twice_adds_nothing_the_second_time()
    {
        (await _host.Get<Seed.StructureSeeding>().SeedAsync(CancellationToken.None)).Should().BeEmpty();
        (await _host.TransfersAsync("seed")).Should().ContainSingle().Which.Principal.Should().Be("system");
    }

    [Fact]
    public async Task The_analysis_pairs_national_and_international_values_and_the_workflow_follows_the_parties()
    {
        await _host.OnboardAsync("INDEC", "32");
        await _host.PushAsync(Header("INDEC"), As("INDEC", Roles.Provider), Sdg("SH_DYN_MORT", "32", "N", ("2019", 9.25, "C")));
        _host.Clock.Advance(TimeSpan.FromDays(2));
        await _host.PushAsync(Header("UNICEF"), As("UNICEF", Roles.Agency), Sdg("SH_DYN_MORT", "32", "G", ("2019", 9.3, "E")));

        var summary = await _host.Get<DiscrepancyQueries>().RunAsync(new AnalysisRequest(Flow, Series: ["SH_DYN_MORT"]), As("CEPAL", Roles.Coordinator), CancellationToken.None);

        var pair = summary.Pairs.Should().ContainSingle().Subject;
        (pair.Area, pair.Period, pair.NationalValue, pair.InternationalValue, pair.State).Should().Be(("32", "2019", 9.25, 9.3, ReconciliationStates.Raised));
        pair.ActiveCodes.Should().Contain(["EST", "RND"]);
        summary.Indicators["SH_DYN_MORT"].Should().Be("3.2.1");
        summary.Codes["RND"].Should().Be(1);

        var workflow = _host.Get<DiscrepancyWorkflow>();
        await FluentActions.Awaiting(() => workflow.MoveAsync(pair.PairId, ReconciliationStates.AgencyRetained, "x", As("INDEC", Roles.Provider), CancellationToken.None))
            .Should().ThrowAsync<ExchangeDeniedException>();
        await FluentActions.Awaiting(() => workflow.MoveAsync(pair.PairId, ReconciliationStates.InConsultation, "x", As("WHO", Roles.Agency), CancellationToken.None))
            .Should().ThrowAsync<ExchangeDeniedException>();
        await workflow.MoveAsync(pair.PairId, ReconciliationStates.InConsultation, "¿9,3 o 9,25?", As("INDEC", Roles.Provider), CancellationToken.None);
        await workflow.MoveAsync(pair.PairId, ReconciliationStates.AgencyRetained, "published to one decimal", As("UNICEF", Roles.Agency), CancellationToken.None);

        var details = await _host.Get<DiscrepancyQueries>().GetAsync(pair.PairId, CancellationToken.None);
        details.Pair.State.Should().Be(ReconciliationStates.AgencyRetained);
        details.History.Where(e => e.Kind == PairEvent.StateMove).Select(e => (e.Organisation, e.ToState)).Should().Equal(("INDEC", "in-consultation"), ("UNICEF", "agency-retained"));
        await FluentActions.Awaiting(() => _host.Get<DiscrepancyQueries>().GetAsync(Guid.NewGuid(), CancellationToken.None)).Should().ThrowAsync<ExchangeNotFoundException>();
        (await _host.Get<DiscrepancyQueries>().ListAsync(new DiscrepancyFilter(Limit: 0), CancellationToken.None)).Should().ContainSingle();
    }

    [Fact]
    public async Task The_inventory_sums_recorded_pushes_and_pulls_into_flows_between_organisations()
    {
        await _host.OnboardAsync("INEGI", "484");
        await _host.PushAsync(Header("INEGI"), As("INEGI", Roles.Provider), Sdg("SH_DYN_MORT", "484", "N", ("2014", 10, "C"), ("2015", 9, "C")));
        _host.Clock.Advance(TimeSpan.FromDays(10));
        await _host.PushAsync(Header("INEGI"), As("INEGI", Roles.Provider), Sdg("SH_DYN_MORT", "484", "N", ("2016", 8, "C")));
        _host.Clock.Advance(TimeSpan.FromDays(1));
        (await _host.PullAsync(SdgKey("SH_DYN_MORT", "484", "N"), As("UNICEF", Roles.Agency))).Should().ContainSingle();

        var inventory = await _host.Get<IInventory>().ComputeAsync(new InventoryQuery(Country: "484"), CancellationToken.None);

        var pushes = inventory.Flows.Single(f => f.Kind == "push" && f.Sender == "INEGI");
        (pushes.Indicator, pushes.Series, pushes.Transfers, pushes.Rejected, pushes.Observations).Should().Be(("3.2.1", "SH_DYN_MORT", 2L, 0L, 3L));
        pushes.MedianInterval.Should().Be(TimeSpan.FromDays(10));
        inventory.Flows.Should().Contain(f => f.Kind == "pull" && f.Receiver == "UNICEF" && f.Sender == "INEGI");
    }
}
