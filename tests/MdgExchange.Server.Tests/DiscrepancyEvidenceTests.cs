using System.Globalization;
using Grpc.Core;
using MdgExchange.Protos.V1;
using MdgExchange.Application.Security;
using MdgExchange.Server.Security;
using MdgExchange.Server.Tests.Infrastructure;
using static MdgExchange.Server.Tests.Infrastructure.DataClientExtensions;

namespace MdgExchange.Server.Tests;

/// <summary>
/// What the story shows and the analysis must too: a national revision the agency never pulled (VIN with the three
/// times), the consultation questions and answers in a pair's history, and the pairs a run found printed by mdgx.
/// Each test has its own series and area, so the shared server does not mix them.
/// </summary>
public sealed class DiscrepancyEvidenceTests(ClockServerFixture server) : IClassFixture<ClockServerFixture>
{
    private static DiscrepancyService.DiscrepancyServiceClient Client(CallInvoker invoker) => new(invoker);

    private DataExchangeService.DataExchangeServiceClient Data(string organisation) => new(server.AsOrganisation(organisation));

    private static string U(DateTimeOffset at) => at.ToString("u", CultureInfo.InvariantCulture);

    [Fact]
    public async Task A_national_revision_the_agency_never_pulled_is_a_vintage_with_its_three_times_until_the_agency_pulls()
    {
        await Data("INDEC").PushAsync(Header("INDEC"), [Sdg("SH_DYN_MORT", "32", "N", ("2016", 11.0, "C"))]);
        server.Clock.Advance(TimeSpan.FromDays(2));
        var pushedAt = server.Clock.GetUtcNow();
        await Data("UNICEF").PushAsync(Header("UNICEF"), [Sdg("SH_DYN_MORT", "32", "G", ("2016", 11.0, "C"))]);
        server.Clock.Advance(TimeSpan.FromDays(3));
        var revisedAt = server.Clock.GetUtcNow();
        await Data("INDEC").PushAsync(Header("INDEC"), [Sdg("SH_DYN_MORT", "32", "N", ("2016", 10.4, "C"))]);
        server.Clock.Advance(TimeSpan.FromDays(1));

        var run = await Client(server.Coordinator).RunAnalysisAsync(new RunAnalysisRequest { Dataflow = "MDGX:DF_SDG(1.0)", Series = { "SH_DYN_MORT" }, Areas = { "32" }, StartPeriod = "2016", EndPeriod = "2016" });
        var pair = run.Found.Should().ContainSingle().Which;
        var vin = pair.Codes.Should().ContainSingle(c => c.Code == "VIN").Which;
        vin.Facts.Should().HaveCount(3);
        vin.Facts[0].Should().StartWith($"international value pushed {U(pushedAt)}");
        vin.Facts[1].Should().StartWith($"national value revised {U(revisedAt)} (was 11, now 10.4");
        vin.Facts[2].Should().Be("agency never pulled");

        // Stored: the pair as read back, over gRPC and through mdgx show and list.
        var stored = await Client(server.AsOrganisation("INDEC")).GetPairAsync(new GetPairRequest { PairId = pair.PairId });
        stored.Pair.Codes.Single(c => c.Code == "VIN").Facts.Should().Equal(vin.Facts);
        var key = await server.KeyAsync("INDEC", Roles.Provider);
        var (code, shown, _) = await MdgxAsync("discrepancies", "show", pair.PairId, "--api-key", key);
        code.Should().Be(0);
        shown.Should().Contain("VIN (automatic, proposed)").And.Contain($"international value pushed {U(pushedAt)}").And.Contain("agency never pulled");
        var (_, listed, _) = await MdgxAsync("discrepancies", "list", "--series", "SH_DYN_MORT", "--area", "32", "--code", "VIN", "--api-key", key);
        listed.Should().Contain(pair.PairId).And.Contain($"national value revised {U(revisedAt)}").And.Contain("agency never pulled");

        // Once the agency pulls the revised series, the vintage is gone.
        server.Clock.Advance(TimeSpan.FromDays(1));
        await Data("UNICEF").PullAllAsync(new PullSeriesRequest { Dataflow = "MDGX:DF_SDG(1.0)", Key = "A.N.SH_DYN_MORT.32" + new string('.', 11) });
        server.Clock.Advance(TimeSpan.FromDays(1));
        var again = await Client(server.Coordinator).RunAnalysisAsync(new RunAnalysisRequest { Dataflow = "MDGX:DF_SDG(1.0)", Series = { "SH_DYN_MORT" }, Areas = { "32" }, StartPeriod = "2016", EndPeriod = "2016" });
        again.Found.Should().ContainSingle().Which.Codes.Select(c => c.Code).Should().NotContain("VIN");
        (await Client(server.Coordinator).GetPairAsync(new GetPairRequest { PairId = pair.PairId })).Pair.Codes.Select(c => c.Code).Should().NotContain("VIN");
    }

    [Fact]
    public async Task The_consultation_questions_and_answers_on_the_series_of_a_pair_are_in_its_history()
    {
        await Data("INEGI").PushAsync(Header("INEGI"), [Sdg("SH_DYN_NMRT", "484", "N", ("2014", 8.0, "C"), ("2015", 7.9, "C"))]);
        server.Clock.Advance(TimeSpan.FromDays(1));
        await Data("UNICEF").PushAsync(Header("UNICEF"), [Sdg("SH_DYN_NMRT", "484", "G", ("2014", 8.6, "E"), ("2015", 8.4, "E"))]);
        server.Clock.Advance(TimeSpan.FromDays(1));
        var key = SdgKey("SH_DYN_NMRT", "484", "N");
        var asked = server.Clock.GetUtcNow();
        var question = await Data("UNICEF").AnnotateSeriesAsync(new AnnotateSeriesRequest
        {
            Dataflow = Flow, SeriesKey = key, TimePeriod = "2014", Type = AnnotationType.ConsultationQuestion, Organisation = "UNICEF",
            Texts = { new LocalisedText { Lang = "en", Text = "Vital registration undercount?" } },
        });
        server.Clock.Advance(TimeSpan.FromDays(2));
        var answered = server.Clock.GetUtcNow();
        await Data("INEGI").AnnotateSeriesAsync(new AnnotateSeriesRequest
        {
            Dataflow = Flow, SeriesKey = key, TimePeriod = "2014", Type = AnnotationType.ConsultationAnswer, Organisation = "INEGI",
            Texts = { new LocalisedText { Lang = "es", Text = "Ajustado con la encuesta intercensal 2015." } }, ReplyTo = question.AnnotationId,
        });
        await Data("INEGI").AnnotateSeriesAsync(new AnnotateSeriesRequest { Dataflow = Flow, SeriesKey = key, TimePeriod = "2015", Type = AnnotationType.ConsultationQuestion, Organisation = "INEGI", Texts = { new LocalisedText { Lang = "en", Text = "Another year." } } });

        var run = await Client(server.Coordinator).RunAnalysisAsync(new RunAnalysisRequest { Dataflow = "MDGX:DF_SDG(1.0)", Series = { "SH_DYN_NMRT" }, Areas = { "484" } });
        var pair = run.Found.Single(p => p.Period == "2014").PairId;
        server.Clock.Advance(TimeSpan.FromDays(1));
        await Client(server.AsOrganisation("UNICEF")).MovePairAsync(new MovePairRequest { PairId = pair, ToState = "in-consultation", Comment = "see the question" });

        var detail = await Client(server.AsOrganisation("INEGI")).GetPairAsync(new GetPairRequest { PairId = pair });
        detail.History.Select(h => (h.Kind, h.Organisation)).Should().Equal(("consultation-question", "UNICEF"), ("consultation-answer", "INEGI"), ("state", "UNICEF"));
        detail.History[0].At.ToDateTimeOffset().Should().Be(asked);
        detail.History[0].Comment.Should().Contain("Vital registration undercount?").And.Contain($"{key} 2014");
        detail.History[1].At.ToDateTimeOffset().Should().Be(answered);
        detail.History[1].Comment.Should().Contain("Ajustado con la encuesta intercensal 2015.");

        var (code, shown, _) = await MdgxAsync("discrepancies", "show", pair, "--api-key", await server.KeyAsync("INEGI", Roles.Provider));
        code.Should().Be(0);
        shown.Should().Contain($"{U(asked)} UNICEF").And.Contain("question — Vital registration undercount?").And.Contain("INEGI").And.Contain("answer — Ajustado con la encuesta intercensal 2015.");
    }

    [Fact]
    public async Task Mdgx_discrepancies_run_prints_the_pairs_it_found_and_how_to_list_them_all()
    {
        await Data("INDEC").PushAsync(Header("INDEC"), [Sdg("SH_DYN_NMRT", "32", "N", ("2015", 6.1, "C"), ("2016", 6.0, "C"), ("2017", 5.9, "C"))]);
        server.Clock.Advance(TimeSpan.FromDays(1));
        await Data("UNICEF").PushAsync(Header("UNICEF"), [Sdg("SH_DYN_NMRT", "32", "G", ("2015", 6.5, "E"), ("2016", 6.4, "E"), ("2017", 6.3, "E"))]);

        var key = await server.KeyAsync("UNICEF", Roles.Agency);
        var (code, all, error) = await MdgxAsync("discrepancies", "run", "--series", "SH_DYN_NMRT", "--area", "32", "--api-key", key);
        code.Should().Be(0, error);
        var lines = all.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        lines[0].Should().StartWith("3 pair(s): ");
        lines[1].Should().MatchRegex(@"^INDICATOR/SERIES\s+AREA\s+PERIOD\s+BREAKDOWN\s+NATIONAL\s+INTERNATIONAL\s+CODES$");
        lines[2].Should().MatchRegex(@"^3\.2\.2/SH_DYN_NMRT\s+32\s+2015\s+-\s+6\.1 C\s+6\.5 E\s+.*EST");
        lines.Should().HaveCount(5).And.Contain(l => l.Contains("2017", StringComparison.Ordinal) && l.Contains("5.9 C", StringComparison.Ordinal) && l.Contains("6.3 E", StringComparison.Ordinal));

        var (_, top, _) = await MdgxAsync("discrepancies", "run", "--series", "SH_DYN_NMRT", "--area", "32", "--top", "2", "--api-key", key);
        var shown = top.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        shown.Should().HaveCount(5);
        shown[^1].Should().Be("... 1 more; all of them: mdgx discrepancies list --series SH_DYN_NMRT --area 32");
    }

    /// <summary>mdgx against this server (the built CLI; the test project does not reference its assembly).</summary>
    private Task<(int ExitCode, string Out, string Err)> MdgxAsync(params string[] args) =>
        ServerProcess.MdgxAsync([.. args, "--server", server.GrpcAddress.ToString()]);
}
