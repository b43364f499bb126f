using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using System.Xml;
using System.Xml.Linq;
using CsvHelper;
using MdgExchange.Protos.V1;
using MdgExchange.Application.Security;
using MdgExchange.Server.Security;
using MdgExchange.Server.Tests.Infrastructure;

namespace MdgExchange.Server.Tests;

/// <summary>The catalogue report in CSV, JSON and HTML, English and Spanish, per country and for the region; over gRPC, HTTP and <c>mdgx</c>.</summary>
public sealed class CatalogReportTests(CatalogFixture server) : IClassFixture<CatalogFixture>
{
    private static readonly XNamespace Xhtml = "http://www.w3.org/1999/xhtml";

    private async Task<RenderedReport> RenderAsync(string format, string lang, string country = "") =>
        await new CatalogService.CatalogServiceClient(server.As("UNICEF", Roles.Agency)).RenderCatalogReportAsync(new RenderCatalogReportRequest { Format = format, Lang = lang, Country = country });

    private static XDocument Html(byte[] content)
    {
        using var reader = XmlReader.Create(new MemoryStream(content), new XmlReaderSettings { DtdProcessing = DtdProcessing.Parse, XmlResolver = null });
        return XDocument.Load(reader);
    }

    [Theory]
    [InlineData("en", "Catalogue of statistical operations", "No subnational source", "Permanent Household Survey")]
    [InlineData("es", "Catálogo de operaciones estadísticas", "Sin fuente subnacional", "Encuesta Permanente de Hogares")]
    public async Task The_HTML_page_is_self_contained_well_formed_and_shows_the_gaps(string lang, string title, string noSubnational, string ephName)
    {
        var report = await RenderAsync("html", lang);

        report.MediaType.Should().StartWith("text/html");
        var page = Html(report.Content.ToByteArray());
        page.Root!.Attribute("lang")!.Value.Should().Be(lang);
        page.Descendants(Xhtml + "title").Single().Value.Should().Be(title);
        page.Descendants(Xhtml + "style").Should().ContainSingle("the CSS is inline");
        page.Descendants().Where(e => e.Name.LocalName is "script" or "link" or "img" or "iframe").Should().BeEmpty("nothing is fetched from the network");
        page.Descendants().Attributes("src").Should().BeEmpty();
        var gaps = page.Descendants(Xhtml + "section").Single(s => (string?)s.Attribute("id") == "gaps");
        var rows = gaps.Descendants(Xhtml + "tbody").Single().Elements(Xhtml + "tr").Select(r => r.Elements(Xhtml + "td").Select(td => td.Value).ToList()).ToList();
        rows.Should().Contain(r => r[0] == "484" && r[2] == "3.2.1" && r[4] == noSubnational);
        rows.Select(r => r[0]).Distinct().Should().BeEquivalentTo("32", "152", "484");
        page.Descendants(Xhtml + "section").Single(s => (string?)s.Attribute("id") == "operations").Value.Should().Contain(ephName);
        page.Descendants(Xhtml + "span").Should().Contain(s => (string?)s.Attribute("class") == "fill", "a coverage chart drawn with CSS");
    }

    [Fact]
    public async Task The_Spanish_page_names_countries_and_producers_with_their_codes_the_CSV_keeps_the_codes()
    {
        // INDEC's data provider scheme names it in English and Spanish.
        (await new StructureService.StructureServiceClient(server.Admin).SubmitFileAsync(TestFiles.Data("registry", "indec_provision_agreement.xml"))).Results.Should().NotBeEmpty();

        var page = Html((await RenderAsync("html", "es")).Content.ToByteArray());

        var operations = page.Descendants(Xhtml + "section").Single(s => (string?)s.Attribute("id") == "operations").Descendants(Xhtml + "tbody").Single()
            .Elements(Xhtml + "tr").Select(r => r.Elements(Xhtml + "td").Select(td => td.Value).ToList()).ToList();
        var eph = operations.Single(r => r[0] == "AR_EPH");
        (eph[2], eph[3]).Should().Be(("Argentina (32)", "Instituto Nacional de Estadística y Censos de la República Argentina (INDEC)"));
        operations.Select(r => r[2]).Should().Contain(["México (484)", "Chile (152)"]);
        page.Descendants(Xhtml + "div").Where(d => (string?)d.Attribute("class") == "bar-row").Select(d => d.Elements(Xhtml + "span").First().Value)
            .Should().Contain("México (484)", "the coverage chart names the countries");
        var summary = page.Descendants(Xhtml + "section").Single(s => (string?)s.Attribute("id") == "summary").Descendants(Xhtml + "td").Select(td => td.Value);
        summary.Should().Contain("México", "the summary's name column is in Spanish");

        var csv = Encoding.UTF8.GetString((await RenderAsync("csv", "es", "32")).Content.ToByteArray());
        csv.Should().Contain(",INDEC,").And.NotContain("Instituto Nacional de Estadística y Censos de la República Argentina (INDEC)");
    }

    [Fact]
    public async Task The_CSV_parses_back_as_one_table_with_every_section()
    {
        var report = await RenderAsync("csv", "es", "32");

        report.FileName.Should().Be("catalog-32-es.csv");
        using var csv = new CsvReader(new StringReader(Encoding.UTF8.GetString(report.Content.ToByteArray())), CultureInfo.InvariantCulture);
        var records = csv.GetRecords<dynamic>().Cast<IDictionary<string, object>>().ToList();
        records.Select(r => (string)r["tabla"]).Distinct().Should().Equal("summary", "operations", "indicators", "gaps");
        records.Should().Contain(r => (string)r["tabla"] == "operations" && (string)r["Operación"] == "AR_EPH" && (string)r["Tipo"] == "Encuesta de hogares" && (string)r["Nivel mínimo con estimaciones representativas"] == "Región (primer nivel)");
        records.Where(r => (string)r["tabla"] == "operations").Select(r => (string)r["País"]).Should().OnlyContain(c => c == "32");
        records.Should().Contain(r => (string)r["tabla"] == "gaps" && (string)r["Indicador"] == "5.5.1" && (string)r["Brecha"] == "Sin fuente");
        records.Should().NotContain(r => (string)r["tabla"] == "gaps" && (string)r["Indicador"] == "3.2.1");
    }

    [Fact]
    public async Task The_JSON_has_stable_keys_and_the_region()
    {
        var report = await RenderAsync("json", "en");

        using var json = JsonDocument.Parse(report.Content.Memory);
        json.RootElement.GetProperty("report").GetString().Should().Be("catalog");
        json.RootElement.GetProperty("figures").GetProperty("countries").GetString().Should().Be("3");
        var tables = json.RootElement.GetProperty("tables").EnumerateArray().ToDictionary(t => t.GetProperty("id").GetString()!);
        tables.Keys.Should().Equal("summary", "operations", "indicators", "gaps");
        var summary = tables["summary"].GetProperty("rows").EnumerateArray().ToDictionary(r => r.GetProperty("country").GetString()!);
        summary["484"].GetProperty("with_subnational").GetString().Should().Be("2");
        summary["484"].GetProperty("with_source").GetString().Should().Be("3");
        tables["gaps"].GetProperty("rows").EnumerateArray().Should().Contain(r => r.GetProperty("country").GetString() == "152" && r.GetProperty("gap").GetString() == "No source");

        var transfer = await new TransferService.TransferServiceClient(server.Coordinator).GetTransferAsync(new GetTransferRequest { TransferId = report.TransferId });
        transfer.Kind.Should().Be("report-export");
        transfer.Format.Should().Be("catalog-json");
        transfer.Bytes.Should().Be(report.Content.Length);
    }

    [Fact]
    public async Task Over_HTTP_for_any_authenticated_caller()
    {
        using var http = new HttpClient { BaseAddress = server.HttpAddress };
        (await http.GetAsync(new Uri("/reports/catalog?format=csv", UriKind.Relative))).StatusCode.Should().Be(HttpStatusCode.Unauthorized);

        http.DefaultRequestHeaders.Add(ApiKeyAuthenticationHandler.Header, await server.KeyAsync("INEGI", Roles.Provider));
        var csv = await http.GetAsync(new Uri("/reports/catalog?format=csv&lang=es&country=484", UriKind.Relative));
        csv.StatusCode.Should().Be(HttpStatusCode.OK);
        csv.Content.Headers.ContentType!.MediaType.Should().Be("text/csv");
        (await csv.Content.ReadAsStringAsync()).Should().Contain("MX_ENIGH").And.NotContain("AR_EPH");
        csv.Headers.GetValues("X-Transfer-Id").Single().Should().NotBeEmpty();

        var html = await http.GetAsync(new Uri("/reports/catalog", UriKind.Relative));
        html.Content.Headers.ContentType!.MediaType.Should().Be("text/html");
        Html(await html.Content.ReadAsByteArrayAsync()).Root!.Attribute("lang")!.Value.Should().Be("en");

        var bad = await http.GetAsync(new Uri("/reports/catalog?format=pdf", UriKind.Relative));
        bad.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await bad.Content.ReadAsStringAsync()).Should().Contain("csv, json, html");
    }

    [Fact]
    public async Task Mdgx_imports_shows_and_writes_the_report()
    {
        var coordinator = await server.KeyAsync("CEPAL", Roles.Coordinator);
        var address = server.GrpcAddress.ToString();
        var directory = Directory.CreateTempSubdirectory("mdgx-catalog-");
        try
        {
            var help = await ServerProcess.MdgxAsync("catalog", "import", "--help");
            help.ExitCode.Should().Be(0);
            help.Out.Should().Contain("FILE");

            var import = await ServerProcess.MdgxAsync("catalog", "import", CatalogFixture.CatalogFile, "--server", address, "--api-key", coordinator);
            import.ExitCode.Should().Be(0, import.Err);
            import.Out.Should().Contain("replaced  AR_EPH").And.Contain("imported: 7 operations (0 created, 7 replaced), 12 indicators; transfer ");

            var show = await ServerProcess.MdgxAsync("catalog", "show", "--country", "32", "--indicator", "3.2.1", "--level", "region", "--server", address, "--api-key", coordinator);
            show.ExitCode.Should().Be(0, show.Err);
            show.Out.Trim().Should().Be("AR_DEIS\t32\tcivil-registration\tsecond-level\tVital statistics\t3.1.1,3.2.1");

            var one = await ServerProcess.MdgxAsync("catalog", "show", "CL_CASEN", "--server", address, "--api-key", coordinator);
            one.Out.Should().Contain("lowest level:    region").And.Contain("1.1.1    SI_POV_DAY1");

            var bad = Path.Combine(directory.FullName, "bad.csv");
            await File.WriteAllTextAsync(bad, File.ReadAllText(CatalogFixture.CatalogFile).Replace("quarterly,2019", "quarterly,2O19", StringComparison.Ordinal));
            var refused = await ServerProcess.MdgxAsync("catalog", "import", bad, "--server", address, "--api-key", coordinator);
            refused.ExitCode.Should().Be(2);
            refused.Err.Should().Contain("row[4].reference_years: '2O19' is not a year");

            var missing = await ServerProcess.MdgxAsync("catalog", "import", Path.Combine(directory.FullName, "none.csv"), "--server", address, "--api-key", coordinator);
            missing.ExitCode.Should().Be(1);

            var output = Path.Combine(directory.FullName, "catalogo.html");
            var report = await ServerProcess.MdgxAsync("report", "catalog", "--format", "html", "--lang", "es", "--country", "152", "--out", output, "--server", address, "--api-key", coordinator);
            report.ExitCode.Should().Be(0, report.Err);
            Html(File.ReadAllBytes(output)).Descendants(Xhtml + "h1").Single().Value.Should().Be("Catálogo de operaciones estadísticas");

            var wrongFormat = await ServerProcess.MdgxAsync("report", "catalog", "--format", "pdf", "--server", address);
            wrongFormat.ExitCode.Should().Be(1);
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }
}
