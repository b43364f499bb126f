using Google.Protobuf;
using MdgExchange.Protos.V1;
using MdgExchange.Application.Security;
using MdgExchange.Server.Security;
using MdgExchange.Storage;

namespace MdgExchange.Server.Tests.Infrastructure;

/// <summary>
/// A server holding the three-country area codelists (tests/data/catalog/lac_areas.xml: Argentina, Chile, Mexico with
/// regions, second-level divisions and municipalities) and the example catalogue (lac_catalog.csv), imported by the coordinator.
/// </summary>
public sealed class CatalogFixture : ServerFixture, IAsyncLifetime
{
    public static string AreasFile => TestFiles.Data("catalog", "lac_areas.xml");

    public static string CatalogFile => TestFiles.Data("catalog", "lac_catalog.csv");

    public ImportOperationsResponse Imported { get; private set; } = null!;

    async Task IAsyncLifetime.InitializeAsync()
    {
        await InitializeAsync();
        var areas = await new StructureService.StructureServiceClient(Admin).SubmitFileAsync(AreasFile);
        if (!areas.Applied)
        {
            throw new InvalidOperationException($"the area codelists were not registered: {areas}");
        }

        Imported = await new CatalogService.CatalogServiceClient(Coordinator).ImportOperationsAsync(
            new ImportOperationsRequest { Csv = ByteString.CopyFrom(File.ReadAllBytes(CatalogFile)), FileName = "lac_catalog.csv" });
    }

    Task IAsyncLifetime.DisposeAsync() => DisposeAsync();

}
