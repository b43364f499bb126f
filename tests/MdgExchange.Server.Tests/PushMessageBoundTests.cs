using System.Globalization;
using System.Text;
using Google.Rpc;
using Grpc.Core;
using MdgExchange.Protos.V1;
using MdgExchange.Application.Security;
using MdgExchange.Server.Security;
using MdgExchange.Server.Tests.Infrastructure;
using static MdgExchange.Server.Tests.Infrastructure.DataClientExtensions;

namespace MdgExchange.Server.Tests;

/// <summary>A server that accepts messages of at most 64 KiB, the bound <c>mdgx push</c> learns from it.</summary>
public sealed class SmallMessageServerFixture : ServerFixture
{
    public const int MaxMessageBytes = 65_536;

    protected override IEnumerable<string> ExtraArguments => [$"--MdgExchange:Limits:MaxMessageBytes={MaxMessageBytes}"];
}

/// <summary>
/// <c>mdgx push</c> keeps every message under the server's <c>MdgExchange:Limits:MaxMessageBytes</c>: a series larger
/// than one message goes in consecutive parts that the server merges into one series; a line that alone is over the
/// limit is refused before it is sent, with the file's name and line, and nothing is stored.
/// </summary>
public sealed class PushMessageBoundTests(SmallMessageServerFixture server) : IClassFixture<SmallMessageServerFixture>, IDisposable
{
    private const string Columns = "STRUCTURE,STRUCTURE_ID,ACTION,FREQ,REPORTING_TYPE,SERIES,REF_AREA,SEX,AGE,URBANISATION,INCOME_WEALTH_QUANTILE,EDUCATION_LEV,OCCUPATION,CUST_BREAKDOWN,COMPOSITE_BREAKDOWN,DISABILITY_STATUS,ACTIVITY,PRODUCT,TIME_PERIOD,OBS_VALUE,UNIT_MEASURE,OBS_STATUS,UNIT_MULT,NATURE,COMMENT_OBS";
    private static readonly DateOnly Day0 = new(2000, 1, 1);
    private readonly string _directory = Directory.CreateTempSubdirectory("mdgx-bound-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public async Task A_series_larger_than_one_message_is_pushed_in_parts_replaced_as_one_and_pulled_back_identical()
    {
        await server.RegisterAgreementAsync("INDEC", Flow, "32");
        var key = await server.KeyAsync("INDEC", Roles.Provider);
        const int count = 6_000;
        var file = Path.Combine(_directory, "long.csv");
        await File.WriteAllLinesAsync(file, [Columns, .. Enumerable.Range(0, count).Select(i => Row("SH_DYN_MORT", i, i * 0.25))]);
        new FileInfo(file).Length.Should().BeGreaterThan(6 * SmallMessageServerFixture.MaxMessageBytes, "the series cannot go in one message");

        var push = await ServerProcess.MdgxAsync("push", file, "--action", "R", "--server", Address, "--api-key", key);

        push.ExitCode.Should().Be(0, push.Err);
        push.Out.Should().Contain($"pushed: 1 series, {count} observations ({count} inserted, 0 revised, 0 unchanged, 0 deleted)");
        var pulled = Path.Combine(_directory, "pulled.csv");
        var pull = await ServerProcess.MdgxAsync("pull", "--flow", Flow, "--key", "D.N.SH_DYN_MORT.32._T.Y0T4.........", "--out", pulled, "--server", Address, "--api-key", key);
        pull.ExitCode.Should().Be(0, pull.Err);
        var lines = await File.ReadAllLinesAsync(pulled);
        var header = lines[0].Split(',');
        var rows = lines.Skip(1).Select(l => l.Split(',')).ToList();
        rows.Select(f => f[Array.IndexOf(header, "TIME_PERIOD")]).Should().Equal(Enumerable.Range(0, count).Select(Period));
        rows.Select(f => double.Parse(f[Array.IndexOf(header, "OBS_VALUE")], CultureInfo.InvariantCulture)).Should().Equal(Enumerable.Range(0, count).Select(i => i * 0.25));

        // Pushed again as a replace with half of it changed: one series of the push, every part in it, nothing deleted.
        await File.WriteAllLinesAsync(file, [Columns, .. Enumerable.Range(0, count).Select(i => Row("SH_DYN_MORT", i, i < count / 2 ? i * 0.25 : -1))]);
        var again = await ServerProcess.MdgxAsync("push", file, "--action", "R", "--server", Address, "--api-key", key);
        again.ExitCode.Should().Be(0, again.Err);
        again.Out.Should().Contain($"pushed: 1 series, {count} observations (0 inserted, {count / 2} revised, {count / 2} unchanged, 0 deleted)");
    }

    [Fact]
    public async Task A_line_alone_over_the_message_limit_is_refused_before_sending_with_its_line_and_nothing_is_stored()
    {
        await server.RegisterAgreementAsync("INDEC", Flow, "32");
        var key = await server.KeyAsync("INDEC", Roles.Provider);
        var file = Path.Combine(_directory, "huge-comment.csv");
        var huge = new string('x', SmallMessageServerFixture.MaxMessageBytes + 1_000);
        await File.WriteAllLinesAsync(file, [Columns, .. Enumerable.Range(0, 3_000).Select(i => Row("SH_STA_MORT", i, i, i == 2_500 ? huge : ""))]);
        var before = await new TransferService.TransferServiceClient(server.Coordinator).ListTransfersAsync(new ListTransfersRequest { Organisation = "INDEC", Kind = "push", Outcome = "completed" });

        var push = await ServerProcess.MdgxAsync("push", file, "--server", Address, "--api-key", key);

        push.ExitCode.Should().Be(2, push.Err);
        var error = push.Err.Split('\n', StringSplitOptions.RemoveEmptyEntries).Should().ContainSingle().Subject;
        error.Should().StartWith("error: huge-comment.csv, line 2502: ")
            .And.Contain($"{SmallMessageServerFixture.MaxMessageBytes:N0} bytes").And.Contain("MdgExchange:Limits:MaxMessageBytes").And.Contain("nothing was pushed");
        push.Err.Should().NotContain("   at ");
        var data = new DataExchangeService.DataExchangeServiceClient(server.AsOrganisation("INDEC"));
        (await data.PullAllAsync(new PullSeriesRequest { Dataflow = Flow, Key = "D.N.SH_STA_MORT.32..........." })).Should().BeEmpty();
        var after = await new TransferService.TransferServiceClient(server.Coordinator).ListTransfersAsync(new ListTransfersRequest { Organisation = "INDEC", Kind = "push", Outcome = "completed" });
        after.Transfers.Should().HaveCount(before.Transfers.Count, "no push was completed");
    }

    [Fact]
    public async Task Parts_from_any_client_are_merged_and_a_part_that_continues_nothing_is_refused_naming_it()
    {
        var data = new DataExchangeService.DataExchangeServiceClient(server.AsOrganisation("WHO"));
        var first = Sdg("SH_DYN_NMRT", "76", "G", ("2015", 1, "C"), ("2016", 2, "C"));
        var second = Sdg("SH_DYN_NMRT", "76", "G", ("2017", 3, "C"));
        second.ContinuesPrevious = true;

        var merged = await data.PushAsync(Header(sender: "WHO", action: "R"), [first], [second]);

        merged.Series.Should().Be(1);
        merged.Inserted.Should().Be(3);
        var pulled = await data.PullAllAsync(new PullSeriesRequest { Dataflow = Flow, Key = SdgKey("SH_DYN_NMRT", "76", "G") });
        pulled.Should().ContainSingle().Which.Observations.Select(o => o.TimePeriod).Should().Equal("2015", "2016", "2017");

        var orphan = Sdg("SH_DYN_NMRT", "484", "G", ("2015", 1, "C"));
        orphan.ContinuesPrevious = true;
        var refused = await FluentActions.Awaiting(() => data.PushAsync(Header(sender: "WHO"), [orphan])).Should().ThrowAsync<RpcException>();
        refused.Which.StatusCode.Should().Be(StatusCode.InvalidArgument);
        refused.Which.GetRpcStatus()!.GetDetail<BadRequest>().FieldViolations.Select(v => v.Field).Should().Contain("series[0].continues_previous");
    }

    private string Address => server.GrpcAddress.ToString();

    private static string Period(int day) => Day0.AddDays(day).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>A row of a daily series of Argentina; day <c>i</c> is line <c>i + 2</c> of the file (line 1 is the header).</summary>
    private static string Row(string series, int day, double value, string comment = "") => new StringBuilder()
        .Append("dataflow,MDGX:DF_SDG(1.0),I,D,N,").Append(series).Append(",32,_T,Y0T4,_T,_T,_T,_T,_T,_T,_T,_T,_T,")
        .Append(Period(day)).Append(',').Append(value.ToString("R", CultureInfo.InvariantCulture)).Append(",PER_1000_LIVE_BIRTHS,A,0,")
        .Append("C,").Append(comment)
        .ToString();
}
