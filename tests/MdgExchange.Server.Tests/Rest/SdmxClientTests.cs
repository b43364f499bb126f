using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using MdgExchange.Sdmx.Tests.Json;
using MdgExchange.Server.Tests.Infrastructure;

namespace MdgExchange.Server.Tests.Rest;

/// <summary>
/// Independent SDMX clients drive the service over real HTTP: the npm <c>sdmx-rest</c> library builds the query
/// URLs and runs them, and R's <c>rsdmx</c> reads SDMX-ML data and structures into data frames. Each is skipped,
/// with the reason, when its runtime is not installed (node and npm; Rscript with the r-cran-rsdmx package).
/// </summary>
public sealed class SdmxClientTests(SdmxRestFixture server) : IClassFixture<SdmxRestFixture>
{
    private static readonly string Clients = Path.Combine(AppContext.BaseDirectory, "clients");

    [SkippableFact]
    public async Task The_sdmx_rest_library_builds_queries_the_service_answers_in_the_requested_formats()
    {
        var directory = await SdmxRestLibraryAsync();
        var (exit, output, error) = await RunAsync("node", [Path.Combine(directory, "run.js"), server.HttpAddress.ToString()], directory);
        exit.Should().Be(0, error);
        var results = output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonDocument.Parse(l).RootElement).ToDictionary(r => r.GetProperty("name").GetString()!);

        foreach (var (name, result) in results)
        {
            result.GetProperty("status").GetInt32().Should().Be(200, $"{name}: {result.GetProperty("url")} {result.GetProperty("body")}");
            result.GetProperty("mediaTypeAccepted").ValueKind.Should().Be(JsonValueKind.True, $"{name}: sdmx-rest must accept the media type: {result.GetProperty("mediaTypeAccepted")}");
        }

        results.Should().ContainKeys("data-csv", "data-json", "data-generic", "data-last", "codelist-items", "dataflow-json", "availability", "v2-data");
        results["data-csv"].GetProperty("lines").GetInt32().Should().Be(3430 + 1, "one row per observation and the header");
        var json = results["data-json"].GetProperty("body").GetString()!;
        SdmxJsonSchemas.ShouldBeValid(json, SdmxJsonSchemas.Data10);
        var inWindow = server.Lac.Sum(s => s.Observations.Count(o => string.CompareOrdinal(o.TimePeriod[..4], "2010") >= 0 && string.CompareOrdinal(o.TimePeriod[..4], "2015") <= 0));
        SdmxJsonData.Read(Encoding.UTF8.GetBytes(json)).Sum(s => s.Observations.Count).Should().Be(inWindow);
        results["v2-data"].GetProperty("lines").GetInt32().Should().Be(inWindow + 1);
        results["codelist-items"].GetProperty("body").GetString().Should().Contain("id=\"32\"").And.Contain("id=\"76\"").And.NotContain("id=\"484\"");
        results["availability"].GetProperty("body").GetString().Should().Contain("REF_AREA");
        SdmxJsonSchemas.ShouldBeValid(results["dataflow-json"].GetProperty("body").GetString()!, SdmxJsonSchemas.Structure10);
    }

    [SkippableFact]
    public async Task R_rsdmx_reads_the_data_and_the_structures_into_data_frames()
    {
        Skip.If(Which("Rscript") is null, "Rscript is not installed (Debian: apt-get install r-cran-rsdmx)");
        var (hasPackage, _, _) = await RunAsync("Rscript", ["-e", "library(rsdmx)"], Clients);
        Skip.If(hasPackage != 0, "the R package rsdmx is not installed (Debian: apt-get install r-cran-rsdmx)");

        var (exit, output, error) = await RunAsync("Rscript", [Path.Combine(Clients, "rsdmx", "read.R"), server.HttpAddress.ToString()], Clients);
        exit.Should().Be(0, error);
        var rows = output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.Split('\t')).ToDictionary(f => f[0]);
        var areas = server.Lac.Select(s => s.Key["REF_AREA"]).Distinct().Order(StringComparer.Ordinal).ToList();

        rows["generic"][1].Should().Be("SDMXGenericData");
        rows["generic"][2].Should().Be("3430", "one row per observation");
        rows["generic"][4].Split(',').Should().BeEquivalentTo(areas);
        rows["structurespecific"][1].Should().Be("SDMXStructureSpecificData");
        rows["structurespecific"][2].Should().Be("3430");
        rows["codelist"][1].Should().Be("SDMXCodelists");
        rows["codelist"][4].Split(',').Should().BeEquivalentTo(["32", "484", "76"]);
        rows["dataflow"][2].Should().Be("1");
        int.Parse(rows["conceptscheme"][2], System.Globalization.CultureInfo.InvariantCulture).Should().BeGreaterThan(10);
    }

    /// <summary>
    /// The sdmx-rest library, installed once per lock file with <c>npm ci</c> in a folder of the temporary directory
    /// (the package and its lock file are in tests/clients/sdmx-rest). Skips when node or npm is missing or the
    /// registry cannot be reached.
    /// </summary>
    private static async Task<string> SdmxRestLibraryAsync()
    {
        Skip.If(Which("node") is null || Which("npm") is null, "node and npm are not installed (Debian: apt-get install nodejs npm)");
        var source = Path.Combine(Clients, "sdmx-rest");
        var hash = Convert.ToHexStringLower(SHA256.HashData(await File.ReadAllBytesAsync(Path.Combine(source, "package-lock.json"))))[..12];
        var directory = Path.Combine(Path.GetTempPath(), $"mdgx-sdmx-rest-{hash}");
        Directory.CreateDirectory(directory);
        foreach (var file in new[] { "package.json", "package-lock.json", "run.js" })
        {
            File.Copy(Path.Combine(source, file), Path.Combine(directory, file), overwrite: true);
        }

        if (!File.Exists(Path.Combine(directory, "node_modules", "sdmx-rest", "package.json")))
        {
            var (exit, output, error) = await RunAsync("npm", ["ci", "--no-audit", "--no-fund"], directory);
            Skip.If(exit != 0, $"npm ci could not install sdmx-rest: {error}{output}");
        }

        return directory;
    }

    private static string? Which(string program) => ExternalPrograms.Which(program);

    private static Task<(int Exit, string Output, string Error)> RunAsync(string program, string[] arguments, string directory) =>
        ExternalPrograms.RunAsync(program, arguments, directory, TimeSpan.FromMinutes(4));
}
