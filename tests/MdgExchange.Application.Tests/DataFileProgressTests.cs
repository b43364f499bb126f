using System.Globalization;
using System.Text;
using MdgExchange.Application.Exchange;
using MdgExchange.Application.Security;
using static MdgExchange.Application.Tests.UseCaseHost;

namespace MdgExchange.Application.Tests;

/// <summary>A file push tells its progress: bytes read of the file and observations so far after each batch, then the end.</summary>
public sealed class DataFileProgressTests : IAsyncLifetime
{
    private UseCaseHost _host = null!;

    public async Task InitializeAsync()
    {
        _host = await StartAsync();
        await _host.OnboardAsync("INDEC", "32");
    }

    public async Task DisposeAsync() => await _host.DisposeAsync();

    /// <summary>An SDMX-CSV file of daily values of nine series (by sex and urbanisation), one row per day from 1 January 2000.</summary>
    private static MemoryStream DailyCsv(int days, int badRow = -1)
    {
        var row = 0;
        var csv = new StringBuilder("STRUCTURE,STRUCTURE_ID,ACTION,FREQ,REPORTING_TYPE,SERIES,REF_AREA,SEX,AGE,URBANISATION,INCOME_WEALTH_QUANTILE,EDUCATION_LEV,OCCUPATION,CUST_BREAKDOWN,COMPOSITE_BREAKDOWN,DISABILITY_STATUS,ACTIVITY,PRODUCT,TIME_PERIOD,OBS_VALUE,UNIT_MEASURE,OBS_STATUS,UNIT_MULT,NATURE\n");
        foreach (var (sex, urbanisation) in new[] { "_T", "F", "M" }.SelectMany(s => new[] { "_T", "U", "R" }.Select(u => (s, u))))
        {
            for (var day = 0; day < days; day++, row++)
            {
                var period = row == badRow ? "2000-13-45" : new DateOnly(2000, 1, 1).AddDays(day).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
                csv.Append(CultureInfo.InvariantCulture, $"dataflow,MDGX:DF_SDG(1.0),I,D,N,SH_DYN_MORT,32,{sex},Y0T4,{urbanisation},_T,_T,_T,_T,_T,_T,_T,_T,{period},{day % 100}.5,PER_1000_LIVE_BIRTHS,A,0,C\n");
            }
        }

        return new MemoryStream(Encoding.UTF8.GetBytes(csv.ToString()));
    }

    private sealed class Recorder : IProgress<DataFileProgress>
    {
        public List<DataFileProgress> Reports { get; } = [];

        public void Report(DataFileProgress value) => Reports.Add(value);
    }

    [Fact]
    public async Task Each_batch_read_is_reported_with_the_bytes_and_observations_so_far_and_the_end_with_the_whole_file()
    {
        using var file = DailyCsv(600);
        var progress = new Recorder();

        var result = await _host.Get<DataFilePush>().PushAsync(file, new DataFileRequest("MDGX", "DF_SDG", "1.0", null, null, "daily.csv"), As("INDEC", Roles.Provider), progress, CancellationToken.None);

        result.Push.Observations.Should().Be(5_400);
        progress.Reports.Should().HaveCountGreaterThan(2, "nine series of 600 observations are read in batches of at least 1,000");
        progress.Reports.Select(r => r.Observations).Should().BeInAscendingOrder().And.OnlyContain(o => o <= 5_400);
        progress.Reports.Select(r => r.BytesRead).Should().BeInAscendingOrder();
        progress.Reports.SkipLast(1).Should().OnlyContain(r => !r.Read && r.BytesTotal == file.Length && r.BytesRead <= file.Length);
        progress.Reports[^1].Should().Be(new DataFileProgress(file.Length, file.Length, 5_400, Read: true));
    }

    [Fact]
    public async Task A_refused_file_reports_how_far_it_was_read_before_the_refusal()
    {
        using var file = DailyCsv(400, badRow: 3_000);
        var progress = new Recorder();

        await FluentActions.Awaiting(() => _host.Get<DataFilePush>().PushAsync(file, new DataFileRequest("MDGX", "DF_SDG", "1.0", null, null, "daily.csv"), As("INDEC", Roles.Provider), progress, CancellationToken.None))
            .Should().ThrowAsync<ExchangeRejectedException>().WithMessage("*");
        progress.Reports.Should().NotBeEmpty();
        progress.Reports.Max(r => r.Observations).Should().BeGreaterThanOrEqualTo(2_000, "the batches before the bad row were read and checked");
    }
}
