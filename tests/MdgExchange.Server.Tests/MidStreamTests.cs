using System.Diagnostics;
using System.Globalization;
using MdgExchange.Protos.V1;
using MdgExchange.Application.Security;
using MdgExchange.Server.Security;
using MdgExchange.Server.Tests.Infrastructure;
using static MdgExchange.Server.Tests.Infrastructure.DataClientExtensions;

namespace MdgExchange.Server.Tests;

/// <summary>
/// <c>mdgx push</c> and <c>mdgx pull</c> cut off in the middle of their stream: by the server going away (exit 3, one
/// line, no stack trace) or by Ctrl-C (exit 130). A pull so stopped leaves no partial <c>--out</c> file. Each test has a
/// server of its own, held mid-stream by a <see cref="MidStreamGate"/> until the test stops it.
/// </summary>
public sealed class MidStreamTests : IAsyncLifetime
{
    private const int Unavailable = 3;
    private const int Cancelled = 130;
    private const int DaysPerSeries = 20_000;
    private static readonly DateOnly Day0 = new(2000, 1, 1);
    private static readonly string[] Codes = ["SH_DYN_MORT", "SH_DYN_IMRT", "SH_DYN_NMRT"];
    private static readonly string[] Sexes = ["_T", "F", "M"];
    private static readonly string[] Areas = ["32", "76", "484", "152", "170", "604", "218", "858", "600", "68"];
    private readonly MidStreamServerFixture _server = new();
    private readonly string _directory = Directory.CreateTempSubdirectory("mdgx-midstream-").FullName;

    public Task InitializeAsync() => _server.InitializeAsync();

    public async Task DisposeAsync()
    {
        await _server.DisposeAsync();
        Directory.Delete(_directory, recursive: true);
    }

    [Fact]
    public async Task A_push_whose_server_stops_mid_stream_is_exit_3_in_one_line()
    {
        await _server.RegisterAgreementAsync("INDEC", Flow, "32");
        var key = await _server.KeyAsync("INDEC", Roles.Provider);
        var file = Path.Combine(_directory, "big.csv");
        await File.WriteAllLinesAsync(file, [Columns, .. Enumerable.Range(0, 9 * 2_000).Select(Row)]);
        _server.Gate.Arm(after: 4); // the header and three of the nine batches (one series each)

        using var push = ServerProcess.StartMdgx(new Dictionary<string, string>(), "push", file, "--server", _server.GrpcAddress.ToString(), "--api-key", key);
        var output = Output(push);
        await WaitUntilHeldAsync(push, output);
        await _server.AbortAsync();
        var (exitCode, _, err) = await ExitAsync(push, output);

        exitCode.Should().Be(Unavailable, err);
        ErrorLines(err).Should().ContainSingle().Which.Should().StartWith("error: ");
        err.Should().NotContain("   at ");
    }

    [Fact]
    public async Task A_pull_whose_server_stops_mid_stream_is_exit_3_and_leaves_no_output_file()
    {
        var (pull, output, target) = await StartHeldPullAsync();
        await _server.AbortAsync();
        var (exitCode, _, err) = await ExitAsync(pull, output);
        pull.Dispose();

        exitCode.Should().Be(Unavailable, err);
        ErrorLines(err).Should().ContainSingle().Which.Should().StartWith("error: ");
        err.Should().NotContain("   at ");
        File.Exists(target).Should().BeFalse("a partial output is removed");
    }

    [Fact]
    public async Task A_pull_cancelled_with_ctrl_c_mid_stream_is_exit_130_and_leaves_no_output_file()
    {
        var (pull, output, target) = await StartHeldPullAsync();
        File.Exists(target).Should().BeTrue("the output is written as the series arrive");
        // Ctrl-C, as a user presses it: once, and again if the first went unseen (seen once under a loaded CI run).
        for (var press = 0; press < 2 && !pull.HasExited; press++)
        {
            using (var signal = Process.Start("kill", ["-INT", pull.Id.ToString(CultureInfo.InvariantCulture)]))
            {
                await signal.WaitForExitAsync();
            }

            await Task.WhenAny(pull.WaitForExitAsync(), Task.Delay(TimeSpan.FromSeconds(20)));
        }

        var (exitCode, _, err) = await ExitAsync(pull, output);
        pull.Dispose();

        exitCode.Should().Be(Cancelled, err);
        ErrorLines(err).Should().Equal("error: cancelled");
        File.Exists(target).Should().BeFalse("a partial output is removed");
    }

    /// <summary>Ten daily series of 20,000 observations pulled to a file, held after two messages of about 1 MiB.</summary>
    private async Task<(Process Pull, Task<(string Out, string Err)> Output, string Target)> StartHeldPullAsync()
    {
        var data = new DataExchangeService.DataExchangeServiceClient(_server.AsOrganisation("UNICEF"));
        foreach (var area in Areas)
        {
            await data.PushAsync(Header(sender: "UNICEF"), [Daily(area)]);
        }

        var target = Path.Combine(_directory, "pulled.csv");
        _server.Gate.Arm(after: 2);
        var pull = ServerProcess.StartMdgx(
            new Dictionary<string, string>(), "pull", "--flow", Flow, "--key", "D.G.SH_DYN_MORT............", "--out", target,
            "--server", _server.GrpcAddress.ToString(), "--api-key", await _server.KeyAsync("UNICEF", Roles.Agency));
        var output = Output(pull);
        await WaitUntilHeldAsync(pull, output);
        return (pull, output, target);
    }

    private async Task WaitUntilHeldAsync(Process process, Task<(string Out, string Err)> output)
    {
        var exited = process.WaitForExitAsync();
        if (await Task.WhenAny(_server.Gate.Reached, exited).WaitAsync(TimeSpan.FromMinutes(1)) == exited)
        {
            var (stdout, stderr) = await output;
            throw new InvalidOperationException($"mdgx ended before the middle of its stream ({process.ExitCode}): {stdout} {stderr}");
        }
    }

    private static async Task<(string Out, string Err)> Output(Process process)
    {
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        return (await stdout, await stderr);
    }

    private static async Task<(int ExitCode, string Out, string Err)> ExitAsync(Process process, Task<(string Out, string Err)> output)
    {
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(1));
        var (stdout, stderr) = await output;
        return (process.ExitCode, stdout, stderr);
    }

    private static List<string> ErrorLines(string stderr) => [.. stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.TrimEnd('\r')).Where(l => l.Trim().Length > 0)];

    private const string Columns = "STRUCTURE,STRUCTURE_ID,ACTION,FREQ,REPORTING_TYPE,SERIES,REF_AREA,SEX,AGE,URBANISATION,INCOME_WEALTH_QUANTILE,EDUCATION_LEV,OCCUPATION,CUST_BREAKDOWN,COMPOSITE_BREAKDOWN,DISABILITY_STATUS,ACTIVITY,PRODUCT,TIME_PERIOD,OBS_VALUE,UNIT_MEASURE,OBS_STATUS,UNIT_MULT,NATURE";

    private static string Period(int day) => Day0.AddDays(day).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>Row <c>i</c> of nine daily series of Argentina of 2,000 days each (three series codes by three sexes).</summary>
    private static string Row(int i)
    {
        var (series, sex) = (Codes[i / 2_000 % 3], Sexes[i / 6_000]);
        return $"dataflow,MDGX:DF_SDG(1.0),I,D,N,{series},32,{sex},Y0T4,_T,_T,_T,_T,_T,_T,_T,_T,_T,{Period(i % 2_000)},{i.ToString(CultureInfo.InvariantCulture)},PER_1000_LIVE_BIRTHS,A,0,C";
    }

    private static SeriesData Daily(string area)
    {
        var series = Sdg("SH_DYN_MORT", area, "G");
        series.Key["FREQ"] = "D";
        for (var i = 0; i < DaysPerSeries; i++)
        {
            series.Observations.Add(new ObservationData { TimePeriod = Period(i), ObsValue = i, Attributes = { ["OBS_STATUS"] = "A", ["UNIT_MULT"] = "0" } });
        }

        return series;
    }
}
