using System.Net;
using System.Text;
using System.Xml.Linq;
using Google.Rpc;
using Grpc.Core;
using MdgExchange.Protos.V1;
using MdgExchange.Application.Security;
using MdgExchange.Server.Security;
using MdgExchange.Server.Tests.Infrastructure;
using MdgExchange.Storage;

namespace MdgExchange.Server.Tests;

/// <summary>
/// The inventory over gRPC, HTTP and <c>mdgx</c>: who may call it, filters refused with the field named, the report
/// rendered and recorded. The computation itself is tested elsewhere; here the server's inventory may be empty.
/// </summary>
public sealed class InventoryServiceTests(ServerFixture server) : IClassFixture<ServerFixture>
{
    private static readonly XNamespace Xhtml = "http://www.w3.org/1999/xhtml";

    private Task<string> KeyAsync(string organisation, string role) => server.KeyAsync(organisation, role);

    [Fact]
    public async Task The_four_RPCs_answer_a_coordinator_and_the_report_is_recorded()
    {
        var client = new InventoryService.InventoryServiceClient(server.Coordinator);

        var flows = await client.ListFlowsAsync(new InventoryRequest { Country = "032", Indicator = "3-2-1" });
        flows.Flows.Should().NotContain(f => f.Country != "32" || f.Indicator != "3.2.1", "the filters were normalised (032, 3-2-1)");
        var chain = await client.GetChainAsync(new GetChainRequest { Indicator = "3-2-1", Country = "032" });
        (chain.Indicator, chain.Country).Should().Be(("3.2.1", "32"));
        (await client.ListInventoryGapsAsync(new InventoryRequest { ThematicArea = "health" })).Gaps.Should().NotContain(g => !g.Indicator.StartsWith("3.", StringComparison.Ordinal));

        var report = await client.RenderInventoryReportAsync(new RenderInventoryReportRequest { Filter = new InventoryRequest { Country = "999" }, Lang = "es" });
        report.Format.Should().Be("html");
        report.FileName.Should().Be("inventory-999-es.html");
        var page = InventoryReportTests.Html(report.Content.ToByteArray());
        page.Descendants(Xhtml + "section").Single(s => (string?)s.Attribute("id") == "flows").Value.Should().Contain("No hay flujos para estos filtros.");
        var transfer = await new TransferService.TransferServiceClient(server.Coordinator).GetTransferAsync(new GetTransferRequest { TransferId = report.TransferId });
        transfer.Kind.Should().Be("report-export");
        transfer.Format.Should().Be("inventory-html");
        transfer.Receiver.Should().Be("CEPAL");
        transfer.Bytes.Should().Be(report.Content.Length);

        var csv = await new InventoryService.InventoryServiceClient(server.Admin).RenderInventoryReportAsync(new RenderInventoryReportRequest { Format = "csv", Filter = new InventoryRequest { Country = "999" } });
        csv.Content.ToStringUtf8().Should().StartWith("indicator,series,country,sender,receiver,direction,kind,");
    }

    [Fact]
    public async Task Providers_and_agencies_are_refused_every_RPC()
    {
        foreach (var caller in new[] { server.As("INDEC", Roles.Provider), server.As("UNICEF", Roles.Agency) })
        {
            var client = new InventoryService.InventoryServiceClient(caller);
            var calls = new Func<Task>[]
            {
                async () => await client.ListFlowsAsync(new InventoryRequest()),
                async () => await client.GetChainAsync(new GetChainRequest { Indicator = "3.2.1", Country = "32" }),
                async () => await client.ListInventoryGapsAsync(new InventoryRequest()),
                async () => await client.RenderInventoryReportAsync(new RenderInventoryReportRequest()),
            };
            foreach (var call in calls)
            {
                (await call.Should().ThrowAsync<RpcException>()).Which.StatusCode.Should().Be(StatusCode.PermissionDenied);
            }
        }
    }

    [Theory]
    [InlineData("thematic_area", "weather")]
    [InlineData("country", "Argentina")]
    [InlineData("indicator", "3.2")]
    public async Task A_bad_filter_is_INVALID_ARGUMENT_naming_the_field(string field, string value)
    {
        var request = new InventoryRequest();
        InventoryRequest.Descriptor.FindFieldByName(field).Accessor.SetValue(request, value);

        var error = (await FluentActions.Awaiting(async () => await new InventoryService.InventoryServiceClient(server.Coordinator).ListFlowsAsync(request))
            .Should().ThrowAsync<RpcException>()).Which;

        error.StatusCode.Should().Be(StatusCode.InvalidArgument);
        error.GetRpcStatus()!.GetDetail<BadRequest>().FieldViolations.Single().Field.Should().Be(field);
        var format = await FluentActions.Awaiting(async () => await new InventoryService.InventoryServiceClient(server.Coordinator).RenderInventoryReportAsync(new RenderInventoryReportRequest { Format = "pdf" }))
            .Should().ThrowAsync<RpcException>();
        format.Which.GetRpcStatus()!.GetDetail<BadRequest>().FieldViolations.Single().Field.Should().Be("format");
        var chain = await FluentActions.Awaiting(async () => await new InventoryService.InventoryServiceClient(server.Coordinator).GetChainAsync(new GetChainRequest { Indicator = "3.2.1" }))
            .Should().ThrowAsync<RpcException>();
        chain.Which.GetRpcStatus()!.GetDetail<BadRequest>().FieldViolations.Single().Field.Should().Be("country");
    }

    [Fact]
    public async Task Over_HTTP_for_coordinators_only()
    {
        using var http = new HttpClient { BaseAddress = server.HttpAddress };
        (await http.GetAsync(new Uri("/reports/inventory", UriKind.Relative))).StatusCode.Should().Be(HttpStatusCode.Unauthorized);

        using var agency = new HttpRequestMessage(HttpMethod.Get, "/reports/inventory");
        agency.Headers.Add(ApiKeyAuthenticationHandler.Header, await KeyAsync("UNICEF", Roles.Agency));
        (await http.SendAsync(agency)).StatusCode.Should().Be(HttpStatusCode.Forbidden);

        http.DefaultRequestHeaders.Add(ApiKeyAuthenticationHandler.Header, await KeyAsync("CEPAL", Roles.Coordinator));
        var html = await http.GetAsync(new Uri("/reports/inventory?lang=es&country=032&from=2024-01-01&to=2025-01-01&thematic_area=health", UriKind.Relative));
        html.StatusCode.Should().Be(HttpStatusCode.OK);
        html.Content.Headers.ContentType!.MediaType.Should().Be("text/html");
        html.Headers.GetValues("X-Transfer-Id").Single().Should().NotBeEmpty();
        var page = InventoryReportTests.Html(await html.Content.ReadAsByteArrayAsync());
        page.Descendants(Xhtml + "p").Single(p => (string?)p.Attribute("class") == "subtitle").Value.Should().Contain("país Argentina (32)").And.Contain("Salud");

        var csv = await http.GetAsync(new Uri("/reports/inventory?format=csv", UriKind.Relative));
        csv.Content.Headers.ContentType!.MediaType.Should().Be("text/csv");
        csv.Content.Headers.ContentDisposition!.FileName.Should().Be("inventory-region-en.csv");

        var bad = await http.GetAsync(new Uri("/reports/inventory?thematic_area=weather", UriKind.Relative));
        bad.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await bad.Content.ReadAsStringAsync()).Should().StartWith("thematic_area: ").And.Contain("poverty, hunger, health");
        var backwards = await http.GetAsync(new Uri("/reports/inventory?from=2025-01-01&to=2024-01-01", UriKind.Relative));
        backwards.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await backwards.Content.ReadAsStringAsync()).Should().StartWith("to: ");
    }

    [Fact]
    public async Task Mdgx_writes_the_report_and_lists_flows_and_gaps()
    {
        var coordinator = await KeyAsync("CEPAL", Roles.Coordinator);
        var address = server.GrpcAddress.ToString();
        var directory = Directory.CreateTempSubdirectory("mdgx-inventory-");
        try
        {
            var help = await ServerProcess.MdgxAsync("report", "inventory", "--help");
            help.ExitCode.Should().Be(0);
            help.Out.Should().Contain("--format").And.Contain("--theme").And.Contain("--indicator").And.Contain("--out");

            var output = Path.Combine(directory.FullName, "inventario.csv");
            var report = await ServerProcess.MdgxAsync("report", "inventory", "--format", "csv", "--lang", "es", "--goal", "3", "--out", output, "--server", address, "--api-key", coordinator);
            report.ExitCode.Should().Be(0, report.Err);
            report.Out.Should().Contain("transfer ");
            (await File.ReadAllTextAsync(output, Encoding.UTF8)).Should().StartWith("indicator,series,country,sender,receiver,");

            var flows = await ServerProcess.MdgxAsync("inventory", "flows", "--country", "32", "--server", address, "--api-key", coordinator);
            flows.ExitCode.Should().Be(0, flows.Err);
            flows.Err.Should().Contain("flows from");
            var gaps = await ServerProcess.MdgxAsync("inventory", "gaps", "--theme", "health", "--server", address, "--api-key", coordinator);
            gaps.ExitCode.Should().Be(0, gaps.Err);
            var chain = await ServerProcess.MdgxAsync("inventory", "chain", "--indicator", "3-2-1", "--country", "032", "--server", address, "--api-key", coordinator);
            chain.ExitCode.Should().Be(0, chain.Err);
            chain.Out.Should().Contain("indicator 3.2.1, country 32");

            var refused = await ServerProcess.MdgxAsync("inventory", "flows", "--theme", "weather", "--server", address, "--api-key", coordinator);
            refused.ExitCode.Should().Be(2);
            refused.Err.Should().Contain("weather");
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }
}
