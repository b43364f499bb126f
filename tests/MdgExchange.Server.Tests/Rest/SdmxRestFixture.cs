using System.Net.Http.Headers;
using System.Xml;
using System.Xml.Schema;
using MdgExchange.Domain.Structure;
using MdgExchange.Protos.V1;
using MdgExchange.Sdmx.Tests.Fixtures;
using MdgExchange.Server.Tests.Infrastructure;
using static MdgExchange.Server.Tests.Infrastructure.DataClientExtensions;

namespace MdgExchange.Server.Tests.Rest;

/// <summary>
/// A server holding the real LAC international series (UN Global SDG Database extract, 3,430 observations)
/// pushed over gRPC by UNSD, for the SDMX REST tests to read back in every format.
/// </summary>
public sealed class SdmxRestFixture : ServerFixture, IAsyncLifetime
{
    public List<MdgExchange.Domain.Data.Series> Lac { get; } = LacGlobalSeries.Load();

    public DataStructureDefinition Dsd { get; } = LoadDsd();

    public string PushedTransfer { get; private set; } = "";

    async Task IAsyncLifetime.InitializeAsync()
    {
        await InitializeAsync();
        var client = new DataExchangeService.DataExchangeServiceClient(AsOrganisation("UNSD"));
        var batches = Lac.Select(MdgExchange.Cli.Commands.SeriesProtos.ToProto).Chunk(50).Select(chunk => (IEnumerable<SeriesData>)chunk).ToArray();
        var response = await client.PushAsync(Header(sender: "UNSD"), batches);
        PushedTransfer = response.TransferId;
    }

    Task IAsyncLifetime.DisposeAsync() => DisposeAsync();

    /// <summary>An HTTP client on the server's HTTP endpoint, anonymous or with an API key of that organisation and role.</summary>
    public async Task<HttpClient> HttpAsync(string? organisation = null, string? role = null)
    {
        var http = new HttpClient(new HttpClientHandler { AutomaticDecompression = System.Net.DecompressionMethods.None }) { BaseAddress = HttpAddress };
        if (organisation is not null)
        {
            http.DefaultRequestHeaders.Add("x-api-key", await KeyAsync(organisation, role ?? "provider"));
        }

        return http;
    }

    public static async Task<HttpResponseMessage> GetAsync(HttpClient http, string path, string? accept = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(path, UriKind.Relative));
        if (accept is not null)
        {
            request.Headers.Accept.Add(MediaTypeWithQualityHeaderValue.Parse(accept));
        }

        return await http.SendAsync(request);
    }

    /// <summary>Every XSD problem of an SDMX-ML 2.1 message (generic data, structure, error, registry interface).</summary>
    public static IReadOnlyList<string> XsdProblems(byte[] xml)
    {
        var problems = new List<string>();
        var settings = new XmlReaderSettings { ValidationType = ValidationType.Schema, Schemas = Schemas.Value };
        settings.ValidationFlags |= XmlSchemaValidationFlags.ReportValidationWarnings;
        settings.ValidationEventHandler += (_, e) => problems.Add($"{e.Severity} line {e.Exception.LineNumber}: {e.Message}");
        using var reader = XmlReader.Create(new MemoryStream(xml), settings);
        while (reader.Read())
        {
        }

        return problems;
    }

    private static readonly Lazy<XmlSchemaSet> Schemas = new(() =>
    {
        var set = new XmlSchemaSet { XmlResolver = new XmlUrlResolver() };
        set.Add(null, Path.Combine(AppContext.BaseDirectory, "xsd", "SDMXMessage.xsd"));
        set.Compile();
        return set;
    });

    private static DataStructureDefinition LoadDsd()
    {
        using var file = File.OpenRead(TestFiles.SdgDsd);
        return MdgExchange.Sdmx.Ml.StructureReader.Read(file).Artefacts.OfType<DataStructureDefinition>().Single();
    }
}
