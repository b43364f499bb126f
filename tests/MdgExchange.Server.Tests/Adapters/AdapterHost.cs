using MdgExchange.Application.Configuration;
using MdgExchange.Application.Hosting;
using MdgExchange.Application.Registry;
using MdgExchange.Application.Seed;
using MdgExchange.Domain.Registry;
using MdgExchange.Domain.Structure;
using MdgExchange.Server.Hosting;
using MdgExchange.Server.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace MdgExchange.Server.Tests.Adapters;

/// <summary>
/// The server's services as the host registers them, without Kestrel: the stores of a fresh SQLite file (migrated and
/// seeded), the application core, and a fixed clock. gRPC service classes are made from it and called directly.
/// </summary>
public sealed class AdapterHost : IAsyncLifetime
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "mdgx-adapters-" + Guid.NewGuid().ToString("N"));
    private ServiceProvider _services = null!;

    public ManualClock Clock { get; } = new();

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(_directory);
        var options = new MdgExchangeOptions();
        options.Storage.SqlitePath = Path.Combine(_directory, "mdgexchange.db");
        _services = new ServiceCollection()
            .AddLogging()
            .AddSingleton<TimeProvider>(Clock)
            .AddSingleton(Microsoft.Extensions.Options.Options.Create(options))
            .AddMdgExchangeStorage(options.Storage)
            .AddMdgExchangeApplication()
            .BuildServiceProvider();
        await _services.GetRequiredService<StorageBundle>().MigrateAsync(CancellationToken.None);
        await _services.GetRequiredService<StructureSeeding>().SeedAsync(CancellationToken.None);
    }

    /// <summary>A gRPC service class with its dependencies from the host.</summary>
    public T Service<T>() => ActivatorUtilities.CreateInstance<T>(_services);

    public T Get<T>()
        where T : notnull => _services.GetRequiredService<T>();

    public Task OnboardAsync(string organisation, params string[] areas) =>
        Get<ProviderOnboarding>().AddAsync(
            new ProviderRegistration(organisation, [new LocalisedString("en", organisation)], [new ArtefactRef(ArtefactType.Dataflow, "MDGX", "DF_SDG", "1.0")], areas),
            new SubmissionContext("test", "provider", "key:cepal", null, "provider-onboard"),
            CancellationToken.None);

    public async Task DisposeAsync()
    {
        await _services.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
            // Left for the OS temp cleaner.
        }
    }
}
