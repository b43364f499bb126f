using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using Grpc.Core;
using Grpc.Core.Interceptors;
using Grpc.Net.Client;
using MdgExchange.Application.Security;
using MdgExchange.Server.Security;
using MdgExchange.Storage;
using MdgExchange.Application.Configuration;
using MdgExchange.Server.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;

namespace MdgExchange.Server.Tests.Infrastructure;

/// <summary>
/// The real server in-process on Kestrel with real sockets (HTTP/2 for gRPC, HTTP/1.1 for health), on a
/// temporary SQLite database of its own, migrated and seeded as on a fresh install.
/// </summary>
public class ServerFixture : IAsyncLifetime
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "mdgx-tests-" + Guid.NewGuid().ToString("N"));
    private WebApplication? _app;

    public string DatabasePath => Path.Combine(_directory, "mdgexchange.db");
    public int GrpcPort { get; private set; }
    public int HttpPort { get; private set; }
    public Uri GrpcAddress => new($"http://127.0.0.1:{GrpcPort}");
    public Uri HttpAddress => new($"http://127.0.0.1:{HttpPort}");
    public GrpcChannel Channel { get; private set; } = null!;
    public IServiceProvider Services => _app!.Services;

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(_directory);
        // A free port can be taken by another process between asking and binding: then the server starts on others.
        for (var attempt = 1; ; attempt++)
        {
            GrpcPort = FreePort();
            HttpPort = FreePort();
            try
            {
                _app = await StartAsync(GrpcPort, HttpPort);
                break;
            }
            catch (IOException e) when (attempt < 5 && e.InnerException is Microsoft.AspNetCore.Connections.AddressInUseException)
            {
            }
        }

        Channel = GrpcChannel.ForAddress(GrpcAddress);
    }

    /// <summary>Starts another server in-process on the same database (a restart), on ports of its own.</summary>
    public Task<WebApplication> StartAsync() => StartAsync(FreePort(), FreePort());

    private async Task<WebApplication> StartAsync(int grpcPort, int httpPort)
    {
        string[] args =
        [
            "--MdgExchange:Grpc:Host=127.0.0.1", $"--MdgExchange:Grpc:Port={grpcPort}",
            "--MdgExchange:Http:Host=127.0.0.1", $"--MdgExchange:Http:Port={httpPort}",
            $"--MdgExchange:Storage:SqlitePath={DatabasePath}",
            "--Logging:LogLevel:Default=Warning",
            .. ExtraArguments,
        ];
        var app = ServerHost.Build(args, ConfigureServices);
        await app.InitialiseStoreAsync(args);
        await app.StartAsync();
        return app;
    }

    // International agencies among the organisations the tests use; every other one is a national provider.
    private static readonly HashSet<string> Agencies = ["UNICEF", "WHO", "ILO", "UNSD", "UIS", "FAO", "UNFPA", "WB"];
    private readonly ConcurrentDictionary<(string Organisation, string Role), CallInvoker> _invokers = new();

    /// <summary>Calls with a fresh API key of that organisation and role (created once, in the server's own key store).</summary>
    /// <remarks>A provider also gets a provision agreement for MDGX:DF_SDG(1.0) covering any area, as an admin would register.</remarks>
    public CallInvoker As(string organisation, string role) => _invokers.GetOrAdd((organisation, role), key =>
    {
        var (record, token) = ApiKeys.Create(key.Organisation, key.Role, "test key", Clock.GetUtcNow(), "tests", null);
        GetService<IKeyStore>().AddAsync(record, CancellationToken.None).GetAwaiter().GetResult();
        if (key.Role == Roles.Provider)
        {
            RegisterAgreementAsync(key.Organisation).GetAwaiter().GetResult();
        }

        return Channel.Intercept(metadata =>
        {
            metadata.Add(ApiKeyAuthenticationHandler.Header, token);
            return metadata;
        });
    });

    /// <summary>An API key (the token text, for the CLI) of that organisation and role, in the server's key store.</summary>
    public async Task<string> KeyAsync(string organisation, string role)
    {
        var (record, token) = ApiKeys.Create(organisation, role, "cli test key", Clock.GetUtcNow(), "tests", null);
        await GetService<IKeyStore>().AddAsync(record, CancellationToken.None);
        return token;
    }

    /// <summary>Calls as a national provider whose only provision agreement (on MDGX:DF_SDG(1.0)) covers those areas.</summary>
    public CallInvoker AsProviderOf(string organisation, params string[] areas) => _invokers.GetOrAdd((organisation, Roles.Provider), key =>
    {
        var (record, token) = ApiKeys.Create(key.Organisation, key.Role, "test key", Clock.GetUtcNow(), "tests", null);
        GetService<IKeyStore>().AddAsync(record, CancellationToken.None).GetAwaiter().GetResult();
        RegisterAgreementAsync(key.Organisation, "MDGX:DF_SDG(1.0)", areas).GetAwaiter().GetResult();
        return Channel.Intercept(metadata =>
        {
            metadata.Add(ApiKeyAuthenticationHandler.Header, token);
            return metadata;
        });
    });

    /// <summary>Registers (as the admin, over gRPC) a provision agreement for the organisation, limited to those areas when given.</summary>
    public async Task RegisterAgreementAsync(string organisation, string dataflow = "MDGX:DF_SDG(1.0)", params string[] areas)
    {
        var result = await new Protos.V1.StructureService.StructureServiceClient(Admin).SubmitBytesAsync(ProvisionAgreementFile.For(organisation, dataflow, areas));
        // Registered already (every artefact unchanged) is as good as registered now.
        if (!result.Applied && result.Results.Any(r => r.Outcome != Protos.V1.ArtefactOutcome.Unchanged))
        {
            throw new InvalidOperationException($"the provision agreement of {organisation} was not registered: {result}");
        }
    }

    /// <summary>The organisation's usual role: agency for the international agencies the tests name, provider otherwise.</summary>
    public CallInvoker AsOrganisation(string organisation) => As(organisation, Agencies.Contains(organisation) ? Roles.Agency : Roles.Provider);

    public CallInvoker Admin => As("MDGX", Roles.Admin);

    public CallInvoker Coordinator => As("CEPAL", Roles.Coordinator);

    /// <summary>No credentials at all.</summary>
    public CallInvoker Anonymous => Channel.CreateCallInvoker();

    /// <summary>
    /// The server's clock: fixed at the instant the fixture was made, moved only by the tests
    /// (<see cref="ManualClock.Advance"/>), so that instants the server records are the tests' to choose.
    /// </summary>
    public ManualClock Clock { get; } = new();

    /// <summary>Services a derived fixture replaces; the base puts in the fixture's <see cref="Clock"/>.</summary>
    protected virtual void ConfigureServices(IServiceCollection services) => services.AddSingleton<TimeProvider>(Clock);

    /// <summary>Configuration a derived fixture adds, as command-line arguments.</summary>
    protected virtual IEnumerable<string> ExtraArguments => [];

    public T GetService<T>()
        where T : notnull => Services.GetRequiredService<T>();

    /// <summary>
    /// Stops the server as a crash or a lost network would: Kestrel closes every connection at once, calls in
    /// progress are cut off, not finished. The fixture serves nothing afterwards.
    /// </summary>
    public async Task AbortAsync()
    {
        if (_app is { } app)
        {
            _app = null;
            await app.Services.GetRequiredService<Microsoft.AspNetCore.Hosting.Server.IServer>().StopAsync(new CancellationToken(canceled: true));
            await app.DisposeAsync();
        }
    }

    public virtual async Task DisposeAsync()
    {
        Channel?.Dispose();
        if (_app is not null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }

        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
            // A file still held open on a slow shutdown is left for the OS temp cleaner.
        }
    }

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}

/// <summary>A clock that stands still until a test moves it.</summary>
public sealed class ManualClock : TimeProvider
{
    private long _ticks = DateTimeOffset.UtcNow.UtcTicks;

    public override DateTimeOffset GetUtcNow() => new(Interlocked.Read(ref _ticks), TimeSpan.Zero);

    /// <summary>Moves the clock forward (a positive span) or back.</summary>
    public void Advance(TimeSpan by) => Interlocked.Add(ref _ticks, by.Ticks);
}

/// <summary>The server on a clock the tests move (every <see cref="ServerFixture"/> is; the name is kept for the tests that say so).</summary>
public class ClockServerFixture : ServerFixture;

/// <summary>Where the shipped data files are in the test output.</summary>
public static class TestFiles
{
    public static string Dataset(params string[] parts) => Path.Combine([AppContext.BaseDirectory, "datasets", .. parts]);

    public static string Data(params string[] parts) => Path.Combine([AppContext.BaseDirectory, "data", .. parts]);

    public static string SdgDsd => Dataset("sdmx", "IAEG-SDGs_SDG_DSD_v1.0_full.xml");
}
