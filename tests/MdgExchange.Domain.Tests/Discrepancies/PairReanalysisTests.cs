using MdgExchange.Domain.Discrepancies;

namespace MdgExchange.Domain.Tests.Discrepancies;

public sealed class PairReanalysisTests
{
    private static readonly DateTimeOffset First = new(2026, 3, 1, 9, 0, 0, TimeSpan.FromHours(-3));
    private static readonly DateTimeOffset Later = new(2026, 6, 1, 9, 0, 0, TimeSpan.Zero);

    [Fact]
    public void A_pair_found_for_the_first_time_is_raised_and_dated_in_UTC()
    {
        var id = Guid.NewGuid();

        var pair = PairReanalysis.FirstFound(Analysed(), id, First);

        pair.PairId.Should().Be(id);
        pair.State.Should().Be(ReconciliationStates.Raised);
        pair.FirstFoundAt.Should().Be(First);
        pair.FirstFoundAt.Offset.Should().Be(TimeSpan.Zero);
        pair.AnalysedAt.Should().Be(First);
    }

    [Fact]
    public void A_pair_found_again_keeps_its_state_and_first_finding_and_takes_the_new_values()
    {
        var id = Guid.NewGuid();

        var pair = PairReanalysis.FoundAgain(Analysed() with { NationalValue = 7.25 }, id, ReconciliationStates.InConsultation, First, Later);

        pair.PairId.Should().Be(id);
        pair.State.Should().Be(ReconciliationStates.InConsultation);
        pair.FirstFoundAt.Should().Be(First);
        pair.AnalysedAt.Should().Be(Later);
        pair.NationalValue.Should().Be(7.25);
    }

    [Theory]
    [InlineData(PairCode.Automatic, PairCode.Proposed, true)]
    [InlineData(PairCode.Automatic, PairCode.Confirmed, false)]
    [InlineData(PairCode.Automatic, PairCode.Removed, false)]
    [InlineData(PairCode.Manual, PairCode.Proposed, false)]
    [InlineData(PairCode.Manual, PairCode.Confirmed, false)]
    public void Only_an_automatic_code_still_proposed_gives_way_to_a_new_analysis(string origin, string status, bool replaced) =>
        PairReanalysis.IsReplaced(Code("EST", origin, status)).Should().Be(replaced);

    [Fact]
    public void A_removed_or_confirmed_code_does_not_come_back_as_proposed()
    {
        var kept = new[] { Code("EST", PairCode.Automatic, PairCode.Removed), Code("SRC", PairCode.Automatic, PairCode.Confirmed) };
        var analysed = new[] { Code("EST", PairCode.Automatic, PairCode.Proposed), Code("SRC", PairCode.Automatic, PairCode.Proposed), Code("VIN", PairCode.Automatic, PairCode.Proposed) };

        var added = PairReanalysis.NewCodes(analysed, kept);
        var saved = PairReanalysis.Saved(Analysed(), kept, added);

        added.Select(c => c.Code).Should().Equal("VIN");
        saved.Codes.Select(c => (c.Code, c.Status)).Should().Equal(("EST", PairCode.Removed), ("SRC", PairCode.Confirmed), ("VIN", PairCode.Proposed));
    }

    private static PairCode Code(string code, string origin, string status) =>
        new(code, origin, status, "rule", [], null, null, First);

    private static DiscrepancyPair Analysed() => new()
    {
        PairId = Guid.Empty,
        Dataflow = "MDGX:DF_SDG(1.0)",
        Series = "SH_DYN_MORT",
        Area = "032",
        Period = "2020",
        Breakdown = "",
        NationalOrganisation = "INDEC",
        NationalValue = 8.5,
        InternationalOrganisation = "UNICEF",
        InternationalValue = 8.8,
        Difference = -0.3,
        State = "",
        FirstFoundAt = DateTimeOffset.MinValue,
        AnalysedAt = DateTimeOffset.MinValue,
        Codes = [],
    };
}
