using System.Data.Common;
using System.Text;
using MdgExchange.Domain.Metadata;
using MdgExchange.Domain.Structure;

namespace MdgExchange.Storage.Tests;

/// <summary>What every <see cref="IMetadataStore"/> must do, run against each dialect by a subclass.</summary>
public abstract class MetadataStoreContract(TestDatabase database) : IAsyncLifetime
{
    private static readonly DateTimeOffset First = new(2025, 4, 1, 9, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset Second = new(2025, 6, 1, 9, 0, 0, TimeSpan.Zero);
    private static readonly CancellationToken None = CancellationToken.None;
    private static readonly ArtefactRef Flow = new(ArtefactType.Metadataflow, "MDGX", "MDF_SDG", "1.0");
    private IMetadataStore? _store;

    private IMetadataStore Store
    {
        get
        {
            Skip.If(database.SkipReason is not null, database.SkipReason);
            return _store ??= database.CreateMetadataStore();
        }
    }

    public Task InitializeAsync() => database.CreateAsync();

    public Task DisposeAsync() => database.DisposeAsync().AsTask();

    private static MetadataReport Report(
        string organisation = "INEGI",
        string setId = "SDG_3_2_1_MEX",
        string targetCode = "3.2.1",
        string? refArea = "484",
        string reportingType = "N",
        string targetKind = MetadataTargetKinds.Indicator,
        params MetadataValue[] values) => new()
    {
        Metadataflow = Flow,
        SetId = setId,
        Organisation = organisation,
        ReportingType = reportingType,
        TargetKind = targetKind,
        TargetCode = targetCode,
        RefArea = refArea,
        Name = $"{organisation} metadata for {targetCode}",
        Values = values.Length > 0 ? values : [new MetadataValue("SRC_DATA_REC.SOURCE_TYPE", "en", $"{organisation} vital statistics")],
    };

    private Task<IReadOnlyList<MetadataReport>> SubmitAsync(DateTimeOffset at, params MetadataReport[] reports) =>
        Store.SubmitAsync(reports, Guid.NewGuid(), at, None);

    private static IEnumerable<string> Keys(IEnumerable<MetadataReport> reports) =>
        reports.Select(r => $"{r.Organisation}:{r.SetId}:{r.Version}");

    [SkippableFact]
    public async Task A_first_submission_is_version_1_and_reads_back_every_field()
    {
        var transferId = Guid.NewGuid();
        var report = Report(values:
        [
            new MetadataValue("CONTACT.CONTACT_ORGANISATION", "en", "INEGI"),
            new MetadataValue("SRC_DATA_REC.SOURCE_TYPE", "en", "Vital statistics"),
        ]);

        // An instant given with an offset is the same instant in UTC.
        var stored = await Store.SubmitAsync([report], transferId, First.ToOffset(TimeSpan.FromHours(-6)), None);

        stored.Should().ContainSingle().Which.Version.Should().Be(1);
        var read = (await Store.ListAsync(new MetadataQuery(), None)).Should().ContainSingle().Subject;
        read.Version.Should().Be(1);
        read.ValidFrom.Should().Be(First);
        read.ValidTo.Should().BeNull();
        read.TransferId.Should().Be(transferId);
        read.Metadataflow.Should().Be(Flow);
        read.Organisation.Should().Be("INEGI");
        read.SetId.Should().Be("SDG_3_2_1_MEX");
        read.TargetKind.Should().Be(MetadataTargetKinds.Indicator);
        read.Name.Should().Be("INEGI metadata for 3.2.1");
        read.Values.Should().Equal(report.Values);
        read.SameContentAs(report).Should().BeTrue();
        stored[0].SameContentAs(read).Should().BeTrue();
        stored[0].ValidFrom.Should().Be(read.ValidFrom);
        stored[0].TransferId.Should().Be(transferId);
    }

    [SkippableFact]
    public async Task A_second_submission_makes_version_2_and_closes_version_1_at_its_instant()
    {
        var v1 = Report(values: [new MetadataValue("COMPILING_ORG", "en", "first text")]);
        var v2 = Report(values: [new MetadataValue("COMPILING_ORG", "en", "second text"), new MetadataValue("COMMENT", "en", "added")]);
        await SubmitAsync(First, v1);

        var stored = await SubmitAsync(Second, v2);

        stored.Single().Version.Should().Be(2);
        var current = (await Store.ListAsync(new MetadataQuery(), None)).Should().ContainSingle().Subject;
        current.Version.Should().Be(2);
        current.ValidFrom.Should().Be(Second);
        current.Values.Should().Equal(v2.Values);

        var all = await Store.ListAsync(new MetadataQuery(AllVersions: true), None);
        Keys(all).Should().Equal("INEGI:SDG_3_2_1_MEX:1", "INEGI:SDG_3_2_1_MEX:2");
        all[0].ValidFrom.Should().Be(First);
        all[0].ValidTo.Should().Be(Second);
        all[0].Values.Should().Equal(v1.Values);
        all[1].ValidTo.Should().BeNull();
    }

    [SkippableFact]
    public async Task As_of_reads_the_version_valid_at_that_instant_with_its_own_values()
    {
        var v1 = Report(values: [new MetadataValue("COMPILING_ORG", "en", "first text")]);
        var v2 = Report(values: [new MetadataValue("COMPILING_ORG", "en", "second text")]);
        await SubmitAsync(First, v1);
        await SubmitAsync(Second, v2);

        var between = (await Store.ListAsync(new MetadataQuery(AsOf: First.AddDays(10)), None)).Should().ContainSingle().Subject;
        between.Version.Should().Be(1);
        between.Values.Should().Equal(v1.Values);

        // Valid from inclusive, valid to exclusive.
        (await Store.ListAsync(new MetadataQuery(AsOf: First), None)).Single().Version.Should().Be(1);
        (await Store.ListAsync(new MetadataQuery(AsOf: Second.AddTicks(-1)), None)).Single().Version.Should().Be(1);
        (await Store.ListAsync(new MetadataQuery(AsOf: Second), None)).Single().Version.Should().Be(2);
        (await Store.ListAsync(new MetadataQuery(AsOf: First.AddTicks(-1)), None)).Should().BeEmpty();

        // Every version, as far back as the instant: those that had begun by then.
        Keys(await Store.ListAsync(new MetadataQuery(AsOf: First.AddDays(10), AllVersions: true), None))
            .Should().Equal("INEGI:SDG_3_2_1_MEX:1");
        Keys(await Store.ListAsync(new MetadataQuery(AsOf: Second, AllVersions: true), None))
            .Should().Equal("INEGI:SDG_3_2_1_MEX:1", "INEGI:SDG_3_2_1_MEX:2");
    }

    [SkippableFact]
    public async Task Sets_are_versioned_each_on_their_own_and_listed_by_organisation_set_and_version()
    {
        // The same set id under two organisations is two sets.
        await SubmitAsync(First, Report("INEGI", "SDG_3_2_1"), Report("DANE", "SDG_3_2_1", refArea: "170"));
        var stored = await SubmitAsync(Second, Report("INEGI", "SDG_3_2_1"), Report("INEGI", "SDG_1_1_1", targetCode: "1.1.1"));

        stored.Select(r => r.Version).Should().Equal(2, 1);
        Keys(await Store.ListAsync(new MetadataQuery(), None))
            .Should().Equal("DANE:SDG_3_2_1:1", "INEGI:SDG_1_1_1:1", "INEGI:SDG_3_2_1:2");
        Keys(await Store.ListAsync(new MetadataQuery(AllVersions: true), None))
            .Should().Equal("DANE:SDG_3_2_1:1", "INEGI:SDG_1_1_1:1", "INEGI:SDG_3_2_1:1", "INEGI:SDG_3_2_1:2");
    }

    [SkippableFact]
    public async Task Each_filter_excludes_what_it_should()
    {
        await SubmitAsync(
            First,
            Report("INEGI", "MEX_3_2_1", "3.2.1", "484"),
            Report("INEGI", "MEX_SH_DYN_MORT", "SH_DYN_MORT", "484", targetKind: MetadataTargetKinds.Series),
            Report("DANE", "COL_3_2_1", "3.2.1", "170"),
            Report("UNICEF", "GLOBAL_3_2_1", "3.2.1", null, reportingType: "G"));

        Keys(await Store.ListAsync(new MetadataQuery(TargetCode: "3.2.1"), None))
            .Should().Equal("DANE:COL_3_2_1:1", "INEGI:MEX_3_2_1:1", "UNICEF:GLOBAL_3_2_1:1");
        Keys(await Store.ListAsync(new MetadataQuery(TargetCode: "SH_DYN_MORT"), None))
            .Should().Equal("INEGI:MEX_SH_DYN_MORT:1");
        // An area matches exactly: the global report (no area) is not among them.
        Keys(await Store.ListAsync(new MetadataQuery(RefArea: "484"), None))
            .Should().Equal("INEGI:MEX_3_2_1:1", "INEGI:MEX_SH_DYN_MORT:1");
        Keys(await Store.ListAsync(new MetadataQuery(Organisation: "DANE"), None))
            .Should().Equal("DANE:COL_3_2_1:1");
        Keys(await Store.ListAsync(new MetadataQuery(ReportingType: "G"), None))
            .Should().Equal("UNICEF:GLOBAL_3_2_1:1");
        Keys(await Store.ListAsync(new MetadataQuery(SetId: "COL_3_2_1"), None))
            .Should().Equal("DANE:COL_3_2_1:1");
        Keys(await Store.ListAsync(new MetadataQuery(TargetCode: "3.2.1", RefArea: "170", Organisation: "DANE", ReportingType: "N"), None))
            .Should().Equal("DANE:COL_3_2_1:1");
        (await Store.ListAsync(new MetadataQuery(TargetCode: "3.2.1", Organisation: "UNICEF", ReportingType: "N"), None)).Should().BeEmpty();
        (await Store.ListAsync(new MetadataQuery(TargetCode: "3.2"), None)).Should().BeEmpty("codes match whole");
        (await Store.ListAsync(new MetadataQuery(Organisation: "inegi"), None)).Should().BeEmpty("identifiers are case-sensitive");
    }

    [SkippableFact]
    public async Task Values_in_many_languages_and_long_xhtml_round_trip_exactly_in_their_order()
    {
        var xhtml = new StringBuilder("<div xmlns=\"http://www.w3.org/1999/xhtml\">");
        for (var i = 0; xhtml.Length < 100 * 1024; i++)
        {
            xhtml.Append("<p>Paragraph ").Append(i).Append(": taux de mortalité — 死亡率 — معدل الوفيات — 🧒 &amp; &lt;5</p>\n");
        }

        xhtml.Append("</div>");
        var values = new[]
        {
            new MetadataValue("STAT_PRES.DATA_DESCR", "en", xhtml.ToString()),
            new MetadataValue("STAT_PRES.DATA_DESCR", "fr", "Taux de mortalité des enfants de moins de 5 ans"),
            new MetadataValue("STAT_PRES.DATA_DESCR", "es", "Tasa de mortalidad de niños menores de 5 años"),
            new MetadataValue("STAT_PRES.DATA_DESCR", "ar", "معدل وفيات الأطفال دون سن الخامسة"),
            new MetadataValue("STAT_PRES.DATA_DESCR", "zh", "五岁以下儿童死亡率"),
            new MetadataValue("STAT_PRES.DATA_DESCR", "ru", "Коэффициент смертности детей в возрасте до 5 лет"),
            new MetadataValue("ACCURACY", "en", "  leading and trailing spaces, a tab\tand lines\r\nkept  "),
            new MetadataValue("ACCURACY", "en-GB", ""),
            new MetadataValue("ACCESS", "en", "before ACCURACY in text order, after it here"),
        };
        var report = Report(values: values);

        await SubmitAsync(First, report);

        var read = (await Store.ListAsync(new MetadataQuery(), None)).Single();
        read.Values.Should().Equal(values);
        read.Values[0].Text.Length.Should().BeGreaterThanOrEqualTo(100 * 1024);
        read.Text("STAT_PRES.DATA_DESCR", "zh").Should().Be("五岁以下儿童死亡率");
    }

    [SkippableFact]
    public async Task A_report_failing_mid_batch_leaves_nothing_of_the_batch()
    {
        await SubmitAsync(First, Report("INEGI", "MEX_3_2_1"));

        // The new set is written and the existing set's version closed before its value is refused by the
        // database (a language tag longer than the column allows): all of it must be undone.
        var tooLong = Report("INEGI", "MEX_3_2_1", values: [new MetadataValue("COMMENT", new string('x', 100), "text")]);
        var act = () => SubmitAsync(Second, Report("DANE", "COL_3_2_1", refArea: "170"), tooLong);

        await act.Should().ThrowAsync<DbException>();
        var all = await Store.ListAsync(new MetadataQuery(AllVersions: true), None);
        Keys(all).Should().Equal("INEGI:MEX_3_2_1:1");
        all[0].ValidTo.Should().BeNull();

        // The store still takes the next batch, with the version numbers it would have had.
        (await SubmitAsync(Second, Report("INEGI", "MEX_3_2_1"))).Single().Version.Should().Be(2);
    }

    [SkippableFact]
    public async Task A_submission_stamped_before_the_current_version_began_is_refused_whole()
    {
        await SubmitAsync(Second, Report("INEGI", "MEX_3_2_1"));

        // Closing version 1 before it began would break its validity check after the first report is in.
        var act = () => SubmitAsync(First, Report("DANE", "COL_3_2_1", refArea: "170"), Report("INEGI", "MEX_3_2_1"));

        await act.Should().ThrowAsync<DbException>();
        var all = await Store.ListAsync(new MetadataQuery(AllVersions: true), None);
        Keys(all).Should().Equal("INEGI:MEX_3_2_1:1");
        all[0].ValidTo.Should().BeNull();
    }

    [SkippableFact]
    public async Task A_batch_with_two_reports_of_one_set_or_another_artefact_type_is_refused_before_writing()
    {
        var store = Store;
        var twice = () => store.SubmitAsync([Report("INEGI", "MEX_3_2_1"), Report("DANE", "COL_3_2_1"), Report("INEGI", "MEX_3_2_1")], Guid.NewGuid(), First, None);

        await twice.Should().ThrowAsync<ArgumentException>().WithMessage("*INEGI:MEX_3_2_1*");
        var wrongType = new MetadataReport
        {
            Metadataflow = Flow with { Type = ArtefactType.Dataflow },
            SetId = "S",
            Organisation = "INEGI",
            ReportingType = "N",
            TargetKind = MetadataTargetKinds.Indicator,
            TargetCode = "3.2.1",
        };
        await FluentActions.Awaiting(() => store.SubmitAsync([wrongType], Guid.NewGuid(), First, None)).Should().ThrowAsync<ArgumentException>().WithMessage("*metadataflow*");
        (await store.ListAsync(new MetadataQuery(AllVersions: true), None)).Should().BeEmpty();
    }
}

public sealed class SqliteMetadataStoreTests() : MetadataStoreContract(new SqliteTestDatabase());

public sealed class SqlServerMetadataStoreTests() : MetadataStoreContract(new SqlServerTestDatabase());
