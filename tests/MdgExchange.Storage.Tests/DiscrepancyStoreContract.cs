using System.Data.Common;
using MdgExchange.Domain.Discrepancies;

namespace MdgExchange.Storage.Tests;

/// <summary>What every <see cref="IDiscrepancyStore"/> must do, run against each dialect by a subclass.</summary>
public abstract class DiscrepancyStoreContract(TestDatabase database) : IAsyncLifetime
{
    private static readonly DateTimeOffset First = new(2025, 4, 1, 9, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset Second = new(2025, 6, 1, 9, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset Later = new(2025, 5, 1, 9, 0, 0, TimeSpan.Zero);
    private static readonly CancellationToken None = CancellationToken.None;
    private const string Flow = "MDGX:DF_SDG_LAC(1.0)";
    private IDiscrepancyStore? _store;

    private IDiscrepancyStore Store
    {
        get
        {
            Skip.If(database.SkipReason is not null, database.SkipReason);
            return _store ??= database.CreateDiscrepancyStore();
        }
    }

    public Task InitializeAsync() => database.CreateAsync();

    public Task DisposeAsync() => database.DisposeAsync().AsTask();

    private static PairCode Proposed(string code, params string[] facts) =>
        new(code, PairCode.Automatic, PairCode.Proposed, $"rule of {code}", facts, null, null, First);

    private static DiscrepancyPair Pair(
        string series = "SH_DYN_MORT",
        string area = "484",
        string period = "2020",
        string breakdown = "",
        double? national = 14.2,
        double? international = 13.1,
        string nationalOrganisation = "INEGI",
        string internationalOrganisation = "UNICEF",
        params PairCode[] codes) => new()
    {
        PairId = Guid.Empty,
        Dataflow = Flow,
        Series = series,
        Area = area,
        Period = period,
        Breakdown = breakdown,
        NationalOrganisation = nationalOrganisation,
        NationalValue = national,
        NationalNature = "C",
        InternationalOrganisation = internationalOrganisation,
        InternationalValue = international,
        InternationalNature = "E",
        Difference = national - international,
        State = ReconciliationStates.Raised,
        FirstFoundAt = First,
        AnalysedAt = First,
        Codes = codes,
    };

    private static PairEvent Step(Guid pairId, string kind, string? from = null, string? to = null, string? code = null, string organisation = "UNICEF", DateTimeOffset? at = null) =>
        new(pairId, at ?? Later, organisation, "ana@unicef.org", kind, from, to, code, $"{kind} {code ?? to}");

    private static IEnumerable<string> Keys(IEnumerable<DiscrepancyPair> pairs) =>
        pairs.Select(p => $"{p.Series}/{p.Area}/{p.Period}/{p.Breakdown}");

    private static IEnumerable<string> Codes(DiscrepancyPair pair) =>
        pair.Codes.Select(c => $"{c.Code}:{c.Origin}:{c.Status}");

    [SkippableFact]
    public async Task A_first_save_inserts_raised_pairs_whose_fields_codes_and_facts_read_back()
    {
        var est = Proposed("EST", "International NATURE=E", "OBS_STATUS=I");
        var given = Pair(breakdown: "AGE=Y0T4;SEX=F", codes: [est, Proposed("SRC", "SOURCE_DETAIL differs")]);
        var nulls = Pair(area: "170", national: null, internationalOrganisation: "WHO");

        // An instant given with an offset is the same instant in UTC.
        var stored = await Store.SaveAnalysisAsync([given, nulls], First.ToOffset(TimeSpan.FromHours(-6)), None);

        stored.Should().HaveCount(2);
        stored.Select(p => p.PairId).Should().OnlyHaveUniqueItems().And.NotContain(Guid.Empty);
        stored.Select(p => p.Area).Should().Equal("484", "170");
        var read = await Store.GetAsync(stored[0].PairId, None);
        read.Should().NotBeNull();
        read!.State.Should().Be(ReconciliationStates.Raised);
        read.FirstFoundAt.Should().Be(First);
        read.AnalysedAt.Should().Be(First);
        read.Should().BeEquivalentTo(given with { PairId = stored[0].PairId }, o => o.Excluding(p => p.Codes));
        read.Codes.Should().BeEquivalentTo([est, Proposed("SRC", "SOURCE_DETAIL differs")], o => o.WithStrictOrdering());
        read.Codes[0].Facts.Should().Equal("International NATURE=E", "OBS_STATUS=I");
        stored[0].Should().BeEquivalentTo(read);

        var other = await Store.GetAsync(stored[1].PairId, None);
        other!.NationalValue.Should().BeNull();
        other.Difference.Should().BeNull();
        other.Codes.Should().BeEmpty();
        (await Store.GetAsync(Guid.NewGuid(), None)).Should().BeNull();
    }

    [SkippableFact]
    public async Task A_second_save_keeps_the_pair_and_its_decisions_and_replaces_only_the_automatic_proposals()
    {
        var first = (await Store.SaveAnalysisAsync([Pair(codes: [Proposed("SRC"), Proposed("EST"), Proposed("MOD"), Proposed("ADJ")])], First, None))[0];
        var id = first.PairId;
        (await Store.RecordAsync(Step(id, PairEvent.StateMove, ReconciliationStates.Raised, ReconciliationStates.InConsultation), None)).Should().BeTrue();
        (await Store.RecordAsync(Step(id, PairEvent.CodeConfirmed, code: "EST"), None)).Should().BeTrue();
        (await Store.RecordAsync(Step(id, PairEvent.CodeRemoved, code: "MOD"), None)).Should().BeTrue();
        (await Store.RecordAsync(Step(id, PairEvent.CodeAdded, code: "DEF", organisation: "INEGI"), None)).Should().BeTrue();

        // The new analysis proposes EST (confirmed), MOD (removed) and DEF (added by hand) again, ADJ with new evidence,
        // and MTH for the first time; SRC is no longer found.
        var again = Pair(national: 15.0, international: 12.0, codes: [Proposed("EST"), Proposed("MOD"), Proposed("DEF"), Proposed("ADJ", "new evidence"), Proposed("MTH")]);
        var second = (await Store.SaveAnalysisAsync([again], Second, None))[0];

        var read = (await Store.GetAsync(id, None))!;
        second.Should().BeEquivalentTo(read);
        read.PairId.Should().Be(id);
        read.State.Should().Be(ReconciliationStates.InConsultation);
        read.FirstFoundAt.Should().Be(First);
        read.AnalysedAt.Should().Be(Second);
        read.NationalValue.Should().Be(15.0);
        read.InternationalValue.Should().Be(12.0);
        read.Difference.Should().Be(3.0);
        Codes(read).Should().Equal(
            "ADJ:automatic:proposed", "DEF:manual:confirmed", "EST:automatic:confirmed", "MOD:automatic:removed", "MTH:automatic:proposed");
        read.Codes.Single(c => c.Code == "ADJ").Facts.Should().Equal("new evidence");
        read.ActiveCodes.Should().BeEquivalentTo(["ADJ", "DEF", "EST", "MTH"]);
        (await Store.ListAsync(new DiscrepancyFilter(), None)).Should().ContainSingle();
    }

    [SkippableFact]
    public async Task A_state_move_applies_from_the_current_state_and_a_stale_one_writes_nothing()
    {
        var id = (await Store.SaveAnalysisAsync([Pair()], First, None))[0].PairId;
        var consult = Step(id, PairEvent.StateMove, ReconciliationStates.Raised, ReconciliationStates.InConsultation);

        (await Store.RecordAsync(consult, None)).Should().BeTrue();
        (await Store.RecordAsync(consult with { Comment = "stale" }, None)).Should().BeFalse();
        (await Store.RecordAsync(Step(Guid.NewGuid(), PairEvent.StateMove, ReconciliationStates.Raised, ReconciliationStates.InConsultation), None)).Should().BeFalse();

        (await Store.GetAsync(id, None))!.State.Should().Be(ReconciliationStates.InConsultation);
        (await Store.HistoryAsync(id, None)).Should().Equal(consult);
    }

    [SkippableFact]
    public async Task Code_steps_set_status_by_and_reason_and_history_keeps_every_step_in_order()
    {
        var id = (await Store.SaveAnalysisAsync([Pair(codes: [Proposed("EST"), Proposed("SRC")])], First, None))[0].PairId;
        var confirm = Step(id, PairEvent.CodeConfirmed, code: "EST", at: Later);
        var remove = Step(id, PairEvent.CodeRemoved, code: "SRC", at: Later.AddMinutes(1)) with { Principal = null, Organisation = "INEGI" };
        var add = Step(id, PairEvent.CodeAdded, code: "DEN", at: Later.AddMinutes(2));
        var move = Step(id, PairEvent.StateMove, ReconciliationStates.Raised, ReconciliationStates.InConsultation, at: Later.AddMinutes(3));

        foreach (var step in new[] { confirm, remove, add, move })
        {
            (await Store.RecordAsync(step, None)).Should().BeTrue();
        }

        (await Store.RecordAsync(Step(id, PairEvent.CodeConfirmed, code: "XXX"), None)).Should().BeFalse("the pair has no such code");

        var read = (await Store.GetAsync(id, None))!;
        read.Codes.Should().BeEquivalentTo(
            [
                new PairCode("DEN", PairCode.Manual, PairCode.Confirmed, "", [], "ana@unicef.org", add.Comment, add.At),
                new PairCode("EST", PairCode.Automatic, PairCode.Confirmed, "rule of EST", [], "ana@unicef.org", confirm.Comment, confirm.At),
                new PairCode("SRC", PairCode.Automatic, PairCode.Removed, "rule of SRC", [], "INEGI", remove.Comment, remove.At),
            ],
            o => o.WithStrictOrdering());
        read.ActiveCodes.Should().BeEquivalentTo(["DEN", "EST"]);
        (await Store.HistoryAsync(id, None)).Should().Equal(confirm, remove, add, move);
        (await Store.HistoryAsync(Guid.NewGuid(), None)).Should().BeEmpty();
    }

    [SkippableFact]
    public async Task List_filters_by_series_areas_state_code_organisation_and_limit_in_key_order()
    {
        var stored = await Store.SaveAnalysisAsync(
            [
                Pair("SH_DYN_MORT", "484", "2021", codes: [Proposed("EST")]),
                Pair("SH_DYN_MORT", "484", "2020", "SEX=F", codes: [Proposed("SRC")]),
                Pair("SH_DYN_MORT", "484", "2020", codes: [Proposed("SRC")]),
                Pair("SH_DYN_MORT", "170", "2020", nationalOrganisation: "DANE", codes: [Proposed("EST")]),
                Pair("SI_POV_DAY1", "484", "2020", internationalOrganisation: "WB"),
                Pair("AG_LND_FRST", "032", "2020", nationalOrganisation: "INDEC", internationalOrganisation: "FAO"),
            ],
            First,
            None);
        var colombia = stored.Single(p => p.Area == "170").PairId;
        (await Store.RecordAsync(Step(colombia, PairEvent.StateMove, ReconciliationStates.Raised, ReconciliationStates.InConsultation), None)).Should().BeTrue();
        (await Store.RecordAsync(Step(stored[0].PairId, PairEvent.CodeRemoved, code: "EST"), None)).Should().BeTrue();

        Keys(await Store.ListAsync(new DiscrepancyFilter(), None)).Should().Equal(
            "AG_LND_FRST/032/2020/", "SH_DYN_MORT/170/2020/", "SH_DYN_MORT/484/2020/", "SH_DYN_MORT/484/2020/SEX=F", "SH_DYN_MORT/484/2021/", "SI_POV_DAY1/484/2020/");
        Keys(await Store.ListAsync(new DiscrepancyFilter(Series: ["SI_POV_DAY1", "AG_LND_FRST"]), None)).Should().Equal("AG_LND_FRST/032/2020/", "SI_POV_DAY1/484/2020/");
        Keys(await Store.ListAsync(new DiscrepancyFilter(Series: ["SH_DYN_MORT"], Areas: ["170", "032"]), None)).Should().Equal("SH_DYN_MORT/170/2020/");
        Keys(await Store.ListAsync(new DiscrepancyFilter(Areas: []), None)).Should().BeEmpty();
        Keys(await Store.ListAsync(new DiscrepancyFilter(State: ReconciliationStates.InConsultation), None)).Should().Equal("SH_DYN_MORT/170/2020/");
        Keys(await Store.ListAsync(new DiscrepancyFilter(Code: "EST"), None)).Should().ContainSingle("a removed code does not match").Which.Should().Be("SH_DYN_MORT/170/2020/");
        Keys(await Store.ListAsync(new DiscrepancyFilter(Code: "SRC", Period: "2020"), None)).Should().Equal("SH_DYN_MORT/484/2020/", "SH_DYN_MORT/484/2020/SEX=F");
        Keys(await Store.ListAsync(new DiscrepancyFilter(Organisation: "INEGI"), None)).Should().Equal("SH_DYN_MORT/484/2020/", "SH_DYN_MORT/484/2020/SEX=F", "SH_DYN_MORT/484/2021/", "SI_POV_DAY1/484/2020/");
        Keys(await Store.ListAsync(new DiscrepancyFilter(Organisation: "FAO"), None)).Should().Equal("AG_LND_FRST/032/2020/");
        Keys(await Store.ListAsync(new DiscrepancyFilter(Dataflow: "OTHER:DF(1.0)"), None)).Should().BeEmpty();
        Keys(await Store.ListAsync(new DiscrepancyFilter(Series: ["SH_DYN_MORT"], Limit: 2), None)).Should().Equal("SH_DYN_MORT/170/2020/", "SH_DYN_MORT/484/2020/");

        var listed = await Store.ListAsync(new DiscrepancyFilter(Series: ["SH_DYN_MORT"], Areas: ["484"], Period: "2021"), None);
        Codes(listed.Should().ContainSingle().Subject).Should().Equal("EST:automatic:removed");
        await FluentActions.Awaiting(() => Store.ListAsync(new DiscrepancyFilter(Limit: 0), None)).Should().ThrowAsync<ArgumentOutOfRangeException>();
    }

    [SkippableFact]
    public async Task A_failing_save_stores_nothing_of_its_batch()
    {
        var id = (await Store.SaveAnalysisAsync([Pair(codes: [Proposed("EST")])], First, None))[0].PairId;
        var bad = new PairCode("SRC", PairCode.Automatic, "maybe", "rule", [], null, null, Second);
        var store = Store;

        var act = () => store.SaveAnalysisAsync([Pair(national: 99, codes: [Proposed("MTH")]), Pair(area: "170", codes: [bad])], Second, None);

        await act.Should().ThrowAsync<DbException>();
        var all = await store.ListAsync(new DiscrepancyFilter(), None);
        all.Should().ContainSingle().Which.PairId.Should().Be(id);
        all[0].NationalValue.Should().Be(14.2);
        all[0].AnalysedAt.Should().Be(First);
        Codes(all[0]).Should().Equal("EST:automatic:proposed");
    }

    [SkippableFact]
    public async Task A_step_of_an_unknown_kind_or_without_its_states_is_refused_before_writing()
    {
        var id = (await Store.SaveAnalysisAsync([Pair()], First, None))[0].PairId;
        var store = Store;

        await FluentActions.Awaiting(() => store.RecordAsync(Step(id, "renamed"), None)).Should().ThrowAsync<ArgumentException>();
        await FluentActions.Awaiting(() => store.RecordAsync(Step(id, PairEvent.StateMove, to: ReconciliationStates.Reconciled), None)).Should().ThrowAsync<ArgumentException>();
        (await store.HistoryAsync(id, None)).Should().BeEmpty();
    }
}

public sealed class SqliteDiscrepancyStoreTests() : DiscrepancyStoreContract(new SqliteTestDatabase());

public sealed class SqlServerDiscrepancyStoreTests() : DiscrepancyStoreContract(new SqlServerTestDatabase());
