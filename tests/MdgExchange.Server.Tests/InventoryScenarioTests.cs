using System.Xml.Linq;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using MdgExchange.Domain.Inventory;
using MdgExchange.Protos.V1;
using MdgExchange.Application.Inventory;
using MdgExchange.Server.Tests.Infrastructure;
using static MdgExchange.Server.Tests.Infrastructure.DataClientExtensions;
using InventoryFlow = MdgExchange.Domain.Inventory.InventoryFlow;
using InventoryGap = MdgExchange.Domain.Inventory.InventoryGap;

namespace MdgExchange.Server.Tests;

/// <summary>
/// A scripted year of exchanges against the real server on a moved clock — three countries, two agencies, pushes,
/// pulls, an annotation, a revision, a rejected push, an embargoed push — and the inventory computed from the
/// recorded transfers, asserted flow by flow.
/// </summary>
public sealed class InventoryScenarioTests(InventoryScenarioTests.Scenario server) : IClassFixture<InventoryScenarioTests.Scenario>, IAsyncLifetime
{
    private const string Flow = "MDGX:DF_SDG(1.0)";
    private DateTimeOffset _t0;
    private InventoryResult _inventory = null!;

    /// <summary>The server the scenario runs on, once for every test of the class.</summary>
    public sealed class Scenario : ClockServerFixture
    {
        private readonly SemaphoreSlim _once = new(1, 1);

        public (DateTimeOffset T0, InventoryResult Inventory)? Result { get; set; }

        public async Task<(DateTimeOffset, InventoryResult)> RunOnceAsync(Func<Task<(DateTimeOffset, InventoryResult)>> run)
        {
            await _once.WaitAsync();
            try
            {
                return Result ??= await run();
            }
            finally
            {
                _once.Release();
            }
        }
    }

    private static DataExchangeService.DataExchangeServiceClient Client(CallInvoker invoker) => new(invoker);

    private static SeriesData WithSource(SeriesData series, string source)
    {
        foreach (var observation in series.Observations)
        {
            observation.Attributes["SOURCE_DETAIL"] = source;
        }

        return series;
    }

    private void At(double days) => server.Clock.Advance(_t0.AddDays(days) - server.Clock.GetUtcNow());

    private async Task PullAsync(string organisation, string key) =>
        await Client(server.AsOrganisation(organisation)).PullAllAsync(new PullSeriesRequest { Dataflow = Flow, Key = key });

    public async Task InitializeAsync() => (_t0, _inventory) = await server.RunOnceAsync(RunAsync);

    private async Task<(DateTimeOffset, InventoryResult)> RunAsync()
    {
        _t0 = server.Clock.GetUtcNow();
        var indec = Client(server.AsOrganisation("INDEC"));
        var chile = Client(server.AsProviderOf("INE_CL", "152"));
        var inegi = Client(server.AsOrganisation("INEGI"));
        var unicef = Client(server.AsOrganisation("UNICEF"));

        // Argentina: three pushes ten days apart (the second revises a value), two UNICEF pulls, one question.
        await indec.PushAsync(Header("INDEC"), [WithSource(Sdg("SH_DYN_MORT", "32", "N", ("2018", 9.9, "C"), ("2019", 9.4, "C")), "DEIS")]);
        At(1);
        await PullAsync("UNICEF", SdgKey("SH_DYN_MORT", "32", "N"));
        At(10);
        await indec.PushAsync(Header("INDEC"), [WithSource(Sdg("SH_DYN_MORT", "32", "N", ("2019", 9.3, "C")), "DEIS")]);
        At(12);
        await PullAsync("UNICEF", SdgKey("SH_DYN_MORT", "32", "N"));
        At(13);
        await unicef.AnnotateSeriesAsync(new AnnotateSeriesRequest { Dataflow = Flow, SeriesKey = SdgKey("SH_DYN_MORT", "32", "N"), TimePeriod = "2019", Type = AnnotationType.ConsultationQuestion, Texts = { new LocalisedText { Lang = "es", Text = "¿Fuente del dato 2019?" } } });
        At(20);
        await indec.PushAsync(Header("INDEC"), [WithSource(Sdg("SH_DYN_MORT", "32", "N", ("2020", 8.8, "C")), "DEIS")]);

        // Chile: one push, one refused (an area outside its agreement), one under embargo; WHO pulls once.
        At(2);
        await chile.PushAsync(Header("INE_CL"), [Sdg("SH_DYN_MORT", "152", "N", ("2019", 7.1, "C"))]);
        At(3);
        var refused = await FluentActions.Awaiting(() => chile.PushAsync(Header("INE_CL"), [Sdg("SH_DYN_MORT", "484", "N", ("2019", 13.2, "C"))])).Should().ThrowAsync<RpcException>();
        refused.Which.StatusCode.Should().Be(StatusCode.PermissionDenied);
        At(5);
        var embargoed = Header("INE_CL");
        embargoed.EmbargoUntil = Timestamp.FromDateTimeOffset(_t0.AddDays(60));
        await chile.PushAsync(embargoed, [Sdg("SH_DYN_MORT", "152", "N", ("2020", 6.9, "C"))]);
        At(6);
        await PullAsync("WHO", SdgKey("SH_DYN_MORT", "152", "N"));

        // Mexico: neonatal mortality that no agency pulls; UNICEF publishes under-five mortality for Mexico and Argentina.
        At(4);
        await inegi.PushAsync(Header("INEGI"), [Sdg("SH_DYN_NMRT", "484", "N", ("2019", 7.8, "C"))]);
        At(15);
        await unicef.PushAsync(Header("UNICEF"), [Sdg("SH_DYN_MORT", "484", "G", ("2019", 13.1, "M")), Sdg("SH_DYN_MORT", "32", "G", ("2018", 9.9, "C"), ("2019", 9.6, "E"))]);

        return (_t0, await server.GetService<IInventory>().ComputeAsync(new InventoryQuery(From: _t0.AddMinutes(-1)), CancellationToken.None));
    }

    public Task DisposeAsync() => Task.CompletedTask;

    private InventoryFlow Single(string kind, string sender, string receiver, string country, string series = "SH_DYN_MORT") =>
        _inventory.Flows.Should().ContainSingle(f => f.Kind == kind && f.Sender == sender && f.Receiver == receiver && f.Country == country && f.Series == series,
            $"one {kind} flow {sender} → {receiver} for {series} {country}").Subject;

    [Fact]
    public void A_national_push_flow_has_its_count_periodicity_and_volumes()
    {
        var pushes = Single("push", "INDEC", "*", "32");

        pushes.Should().BeEquivalentTo(new
        {
            Indicator = "3.2.1", Goal = "3", Target = "3.2", ThematicArea = "health", Direction = FlowDirections.NationalToAgency,
            Channel = "grpc", Format = "protobuf", Transfers = 3L, Rejected = 0L, SeriesCount = 3L, Observations = 4L,
            FirstTransfer = _t0, LastTransfer = _t0.AddDays(20), MedianInterval = (TimeSpan?)TimeSpan.FromDays(10),
        }, o => o.ExcludingMissingMembers().Using<DateTimeOffset>(c => c.Subject.Should().BeCloseTo(c.Expectation, TimeSpan.FromMilliseconds(1))).WhenTypeIs<DateTimeOffset>());
    }

    [Fact]
    public void A_pull_flow_credits_the_national_owner_and_measures_the_lags()
    {
        var pulls = Single("pull", "INDEC", "UNICEF", "32");

        pulls.Direction.Should().Be(FlowDirections.NationalToAgency);
        (pulls.Transfers, pulls.SeriesCount).Should().Be((2L, 2L));
        pulls.Observations.Should().Be(4, "two values at the first pull, two (one of them revised) at the second");
        pulls.MedianInterval.Should().Be(TimeSpan.FromDays(11));
        pulls.MedianPullLag.Should().Be(TimeSpan.FromDays(1.5), "pushes at day 0 and 10 were pulled at day 1 and 12");
        pulls.MedianRevisionLag.Should().Be(TimeSpan.FromDays(2), "the revision of day 10 was used on day 12");
        pulls.PushesNotYetPulled.Should().Be(1, "the push of day 20 has not been pulled");
    }

    [Fact]
    public void A_rejected_push_counts_in_the_share_with_its_error_and_an_embargoed_push_is_a_transfer_like_any()
    {
        var chile = Single("push", "INE_CL", "*", "152");
        chile.Should().BeEquivalentTo(new { Transfers = 2L, Rejected = 0L, Observations = 2L }, o => o.ExcludingMissingMembers());
        var refused = Single("push", "INE_CL", "*", "484");
        (refused.Transfers, refused.Rejected, refused.RejectedShare).Should().Be((1L, 1L, 1.0));
        refused.LastError.Should().Contain("PERMISSION_DENIED").And.Contain("484");
        refused.LastErrorAt.Should().BeCloseTo(_t0.AddDays(3), TimeSpan.FromMilliseconds(1));
        Single("pull", "INE_CL", "WHO", "152").Observations.Should().Be(1, "the embargoed value is not WHO's to see yet");
    }

    [Fact]
    public void An_agency_question_on_a_national_series_flows_back_to_the_country()
    {
        var question = Single("annotate", "UNICEF", "INDEC", "32");

        question.Direction.Should().Be(FlowDirections.AgencyToNational);
        question.Transfers.Should().Be(1);
    }

    [Fact]
    public void The_gaps_are_the_series_no_agency_pulled_and_the_publications_without_national_data()
    {
        _inventory.Gaps.Select(g => (g.Kind, g.Indicator, g.Series, g.Country, g.Organisation)).Should().BeEquivalentTo(
        [
            (InventoryGap.NoNationalTransfer, "3.2.1", "SH_DYN_MORT", "484", "UNICEF"),
            (InventoryGap.NotPulled, "3.2.2", "SH_DYN_NMRT", "484", "INEGI"),
        ]);
    }

    [Fact]
    public async Task Filters_select_by_country_organisation_indicator_goal_theme_and_time()
    {
        async Task<IEnumerable<(string Kind, string Sender, string Receiver, string Country)>> FlowsAsync(InventoryQuery query) =>
            (await server.GetService<IInventory>().ComputeAsync(query, CancellationToken.None)).Flows.Select(f => (f.Kind, f.Sender, f.Receiver, f.Country));

        (await FlowsAsync(new InventoryQuery(From: _t0.AddMinutes(-1), Country: "152"))).Should().BeEquivalentTo([("push", "INE_CL", "*", "152"), ("pull", "INE_CL", "WHO", "152")]);
        (await FlowsAsync(new InventoryQuery(From: _t0.AddMinutes(-1), Organisation: "WHO"))).Should().ContainSingle();
        (await FlowsAsync(new InventoryQuery(From: _t0.AddMinutes(-1), Indicator: "3.2.2"))).Should().Equal([("push", "INEGI", "*", "484")]);
        (await FlowsAsync(new InventoryQuery(From: _t0.AddMinutes(-1), Goal: "3", Country: "484"))).Should().HaveCount(3);
        (await FlowsAsync(new InventoryQuery(From: _t0.AddMinutes(-1), ThematicArea: "education"))).Should().BeEmpty();
        var early = await server.GetService<IInventory>().ComputeAsync(new InventoryQuery(From: _t0.AddMinutes(-1), To: _t0.AddDays(2.5), Country: "32"), CancellationToken.None);
        early.Flows.Select(f => (f.Kind, f.Transfers)).Should().BeEquivalentTo([("push", 1L), ("pull", 1L)]);
    }

    [Fact]
    public async Task The_chain_runs_from_the_producer_to_the_international_series_and_its_nature_mix()
    {
        var chain = await server.GetService<IInventory>().ChainAsync("3.2.1", "32", new InventoryQuery(From: _t0.AddMinutes(-1)), CancellationToken.None);

        chain.Producers.Should().Equal("DEIS");
        chain.Providers.Should().ContainSingle().Which.Should().BeEquivalentTo(new { Organisation = "INDEC", Transfers = 3L, Series = new[] { "SH_DYN_MORT" } }, o => o.ExcludingMissingMembers());
        chain.Pulls.Should().ContainSingle().Which.Organisation.Should().Be("UNICEF");
        var published = chain.Publications.Should().ContainSingle().Subject;
        (published.Organisation, published.Series, published.Observations).Should().Be(("UNICEF", "SH_DYN_MORT", 2L));
        published.NatureMix.Should().BeEquivalentTo(new Dictionary<string, long> { ["C"] = 1, ["E"] = 1 });
    }

    [Fact]
    public async Task The_HTML_report_of_the_scenario_parses_draws_every_pair_and_lists_every_flow_and_gap()
    {
        var client = new InventoryService.InventoryServiceClient(server.Coordinator);
        var request = new InventoryRequest { From = Timestamp.FromDateTimeOffset(_t0.AddMinutes(-1)) };

        var html = await client.RenderInventoryReportAsync(new RenderInventoryReportRequest { Filter = request, Lang = "es" });
        var listed = await client.ListFlowsAsync(request);

        listed.Flows.Should().HaveCount(_inventory.Flows.Count);
        var page = InventoryReportTests.Html(html.Content.ToByteArray());
        var svg = XNamespace.Get("http://www.w3.org/2000/svg");
        page.Descendants(svg + "svg").Should().NotBeEmpty();
        var table = page.Descendants(InventoryReportTests.Xhtml + "section").Single(s => (string?)s.Attribute("id") == "flows");
        foreach (var flow in _inventory.Flows)
        {
            table.Descendants(InventoryReportTests.Xhtml + "tr").Should().Contain(
                tr => tr.Value.Contains(flow.Sender, StringComparison.Ordinal) && tr.Value.Contains(flow.Receiver, StringComparison.Ordinal) && tr.Value.Contains(flow.Kind, StringComparison.Ordinal),
                $"the flow {flow.Kind} {flow.Sender} → {flow.Receiver} {flow.Country} is in the table");
        }

        page.ToString().Should().Contain("SH_DYN_NMRT").And.Contain("Indicadores");
    }

    [Fact]
    public async Task The_headline_transfer_count_is_the_number_of_distinct_transfers_in_the_log_behind_the_flows()
    {
        var client = new InventoryService.InventoryServiceClient(server.Coordinator);
        var report = await client.RenderInventoryReportAsync(new RenderInventoryReportRequest { Filter = new InventoryRequest(), Lang = "en", Format = "json" });
        using var json = System.Text.Json.JsonDocument.Parse(report.Content.ToByteArray());
        var figures = json.RootElement.GetProperty("figures");

        await using var db = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={server.DatabasePath};Mode=ReadOnly");
        await db.OpenAsync();
        async Task<long> Scalar(string sql)
        {
            await using var command = db.CreateCommand();
            command.CommandText = sql;
            return (long)(await command.ExecuteScalarAsync())!;
        }

        var behindFlows = await Scalar("SELECT count(DISTINCT transfer_id) FROM transfer_flow_event");
        var rejected = await Scalar("SELECT count(DISTINCT transfer_id) FROM transfer_flow_event WHERE rejected = 1");
        var logged = await Scalar("SELECT count(*) FROM transfer");
        var flowRows = figures.GetProperty("flows").GetString();

        figures.GetProperty("transfers").GetString().Should().Be(behindFlows.ToString(System.Globalization.CultureInfo.InvariantCulture));
        behindFlows.Should().BeLessThanOrEqualTo(logged, "the headline can never count more transfers than the log holds");
        long.Parse(flowRows!, System.Globalization.CultureInfo.InvariantCulture).Should().BeGreaterThan(0);
        figures.GetProperty("rejected_share").GetString().Should().Be(((double)rejected * 100 / behindFlows).ToString("0.#", System.Globalization.CultureInfo.InvariantCulture) + "\u00A0%");
        json.RootElement.GetProperty("figureDefinitions").GetProperty("transfers").GetString().Should().Contain("counts once");
    }
}
