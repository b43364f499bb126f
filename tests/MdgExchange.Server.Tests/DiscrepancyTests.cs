using Grpc.Core;
using MdgExchange.Protos.V1;
using MdgExchange.Server.Tests.Infrastructure;
using static MdgExchange.Server.Tests.Infrastructure.DataClientExtensions;

namespace MdgExchange.Server.Tests;

/// <summary>
/// The discrepancy analysis against the real server: UNICEF's real under-five mortality estimates for Argentina and
/// Mexico (LAC extract of the UN Global SDG Database) against national values pushed by INDEC so that each code
/// appears for a stated reason; then the reconciliation workflow and its permissions.
/// </summary>
public sealed class DiscrepancyTests(ClockServerFixture server) : IClassFixture<ClockServerFixture>
{
    private static SeriesData Sexed(SeriesData series, string sex)
    {
        series.Key["SEX"] = sex;
        return series;
    }

    private static DiscrepancyService.DiscrepancyServiceClient Client(CallInvoker invoker) => new(invoker);

    [Fact]
    public async Task The_analysis_proposes_each_code_with_its_evidence_and_the_parties_reconcile()
    {
        var indec = new DataExchangeService.DataExchangeServiceClient(server.AsOrganisation("INDEC"));
        var unicef = new DataExchangeService.DataExchangeServiceClient(server.AsOrganisation("UNICEF"));

        // INDEC: 2019 rounded to two decimals (9.25 against UNICEF's 9.3), female and male rates swapped, 2018 as 9.8.
        await indec.PushAsync(Header("INDEC"), [
            Sdg("SH_DYN_MORT", "32", "N", ("2018", 9.8, "C"), ("2019", 9.25, "C")),
            Sexed(Sdg("SH_DYN_MORT", "32", "N", ("2019", 10.3, "C")), "F"),
            Sexed(Sdg("SH_DYN_MORT", "32", "N", ("2019", 8.2, "C")), "M")]);
        server.Clock.Advance(TimeSpan.FromDays(1));
        await unicef.PullAllAsync(new PullSeriesRequest { Dataflow = "MDGX:DF_SDG(1.0)", Key = "A.N.SH_DYN_MORT.32" + new string('.', 11) });
        server.Clock.Advance(TimeSpan.FromDays(4));
        // INDEC revises 2018 after UNICEF's pull; UNICEF publishes the 2018 value it had pulled (country data).
        await indec.PushAsync(Header("INDEC"), [Sdg("SH_DYN_MORT", "32", "N", ("2018", 10.1, "C"))]);
        server.Clock.Advance(TimeSpan.FromDays(1));
        await unicef.PushAsync(Header("UNICEF"), [
            Sdg("SH_DYN_MORT", "32", "G", ("2018", 9.8, "C"), ("2019", 9.3, "E")),
            Sexed(Sdg("SH_DYN_MORT", "32", "G", ("2019", 8.2, "E")), "F"),
            Sexed(Sdg("SH_DYN_MORT", "32", "G", ("2019", 10.3, "E")), "M"),
            Sdg("SH_DYN_MORT", "484", "G", ("2019", 14.2, "M"))]);

        var run = await Client(server.Coordinator).RunAnalysisAsync(new RunAnalysisRequest { Dataflow = "MDGX:DF_SDG(1.0)", Indicators = { "3.2.1" } });
        var pairs = (await Client(server.AsOrganisation("INDEC")).ListPairsAsync(new ListPairsRequest { Series = { "SH_DYN_MORT" } })).Pairs;

        Pair At(string area, string period, string breakdown = "") => pairs.Single(p => p.Area == area && p.Period == period && p.Breakdown == breakdown);
        static string[] Codes(Pair p) => p.Codes.Select(c => c.Code).Order(StringComparer.Ordinal).ToArray();
        Codes(At("32", "2019")).Should().Equal("CRD", "EST", "RND");
        At("32", "2019").Codes.Single(c => c.Code == "RND").Facts.Single().Should().Contain("≤ 0.05");
        Codes(At("32", "2019", "SEX=F")).Should().Equal("CRD", "DIS", "ERR", "EST");
        Codes(At("32", "2018")).Should().Equal("CRD", "SRC", "VIN");
        At("32", "2018").Codes.Single(c => c.Code == "VIN").Facts.Should().Contain("international 9.8 = earlier national value 9.8");
        Codes(At("484", "2019")).Should().Equal("MOD", "NAV");
        At("484", "2019").HasNationalValue.Should().BeFalse();
        (At("32", "2019").NationalOrganisation, At("32", "2019").InternationalOrganisation, At("32", "2019").State).Should().Be(("INDEC", "UNICEF", "raised"));
        run.Pairs.Should().Be(pairs.Count);
        run.Codes["CRD"].Should().Be(4);

        // The workflow: the national body cannot retain the agency's value; it opens a consultation; the agency retains.
        var pair = At("32", "2019").PairId;
        var refused = await FluentActions.Awaiting(() => Client(server.AsOrganisation("INDEC")).MovePairAsync(new MovePairRequest { PairId = pair, ToState = "agency-retained", Comment = "x" }).ResponseAsync).Should().ThrowAsync<RpcException>();
        refused.Which.StatusCode.Should().Be(StatusCode.PermissionDenied);
        var other = await FluentActions.Awaiting(() => Client(server.AsOrganisation("WHO")).MovePairAsync(new MovePairRequest { PairId = pair, ToState = "in-consultation", Comment = "x" }).ResponseAsync).Should().ThrowAsync<RpcException>();
        other.Which.StatusCode.Should().Be(StatusCode.PermissionDenied);
        await Client(server.AsOrganisation("INDEC")).MovePairAsync(new MovePairRequest { PairId = pair, ToState = "in-consultation", Comment = "¿Por qué 9,3 y no 9,25?" });
        var retained = await Client(server.AsOrganisation("UNICEF")).MovePairAsync(new MovePairRequest { PairId = pair, ToState = "agency-retained", Comment = "IGME estimate published to one decimal" });
        await Client(server.AsOrganisation("UNICEF")).ChangeCodeAsync(new ChangeCodeRequest { PairId = pair, Code = "CRD", Action = "remove", Reason = "consulted by e-mail before publication" });

        retained.Pair.State.Should().Be("agency-retained");
        retained.History.Select(h => (h.Organisation, h.FromState, h.ToState)).Should().Equal(("INDEC", "raised", "in-consultation"), ("UNICEF", "in-consultation", "agency-retained"));

        // A second run keeps the state, the history and the removed code.
        await Client(server.Coordinator).RunAnalysisAsync(new RunAnalysisRequest { Dataflow = "MDGX:DF_SDG(1.0)", Series = { "SH_DYN_MORT" } });
        var again = await Client(server.AsOrganisation("INDEC")).GetPairAsync(new GetPairRequest { PairId = pair });
        again.Pair.State.Should().Be("agency-retained");
        again.Pair.Codes.Single(c => c.Code == "CRD").Should().BeEquivalentTo(new { Status = "removed", Reason = "consulted by e-mail before publication" }, o => o.ExcludingMissingMembers());
        again.History.Should().HaveCount(3);

        // The same through mdgx.
        var key = await server.KeyAsync("INDEC", MdgExchange.Application.Security.Roles.Provider);
        var address = server.GrpcAddress.ToString();
        var listed = await ServerProcess.MdgxAsync("discrepancies", "list", "--series", "SH_DYN_MORT", "--code", "ERR", "--server", address, "--api-key", key);
        listed.ExitCode.Should().Be(0, listed.Err);
        listed.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries).Should().HaveCount(2, "the female and the male pair of 2019 carry ERR")
            .And.Contain(l => l.Contains("\tSEX=F\t10.3 C\t8.2 E\t", StringComparison.Ordinal));
        var shown = await ServerProcess.MdgxAsync("discrepancies", "show", pair, "--server", address, "--api-key", key);
        shown.ExitCode.Should().Be(0, shown.Err);
        shown.Out.Should().Contain("state agency-retained").And.Contain("RND (automatic, proposed)").And.Contain("CRD (automatic, removed: consulted by e-mail before publication)")
            .And.Contain("INDEC: raised → in-consultation — ¿Por qué 9,3 y no 9,25?");
        var wrong = await ServerProcess.MdgxAsync("discrepancies", "move", pair, "--to", "national-accepted", "--comment", "x", "--server", address, "--api-key", key);
        wrong.ExitCode.Should().Be(2);
        wrong.Err.Should().Contain("PermissionDenied").And.Contain("accepted by the agency");
    }
}
