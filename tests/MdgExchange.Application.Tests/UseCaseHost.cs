using MdgExchange.Application.Configuration;
using MdgExchange.Application.Exchange;
using MdgExchange.Application.Hosting;
using MdgExchange.Application.Seed;
using MdgExchange.Application.Security;
using MdgExchange.Domain.Data;
using MdgExchange.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace MdgExchange.Application.Tests;

/// <summary>
/// The application core as a host builds it, without a transport: the stores of a fresh SQLite file (migrated and seeded
/// with the SDG structures, as a first start does), a clock the tests move, and every use case.
/// </summary>
public sealed class UseCaseHost : IAsyncDisposable
{
    public const string Flow = "MDGX:DF_SDG(1.0)";

    private static readonly string[] Breakdowns = ["SEX", "AGE", "URBANISATION", "INCOME_WEALTH_QUANTILE", "EDUCATION_LEV", "OCCUPATION", "CUST_BREAKDOWN", "COMPOSITE_BREAKDOWN", "DISABILITY_STATUS", "ACTIVITY", "PRODUCT"];

    private readonly string _directory;
    private readonly ServiceProvider _services;

    private UseCaseHost(string directory, ServiceProvider services)
    {
        _directory = directory;
        _services = services;
    }

    public ManualClock Clock => (ManualClock)_services.GetRequiredService<TimeProvider>();

    public static async Task<UseCaseHost> StartAsync(Action<MdgExchangeOptions>? configure = null, Action<IServiceCollection>? services = null)
    {
        var directory = Path.Combine(Path.GetTempPath(), "mdgx-usecases-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(directory);
        var clock = new ManualClock(new DateTimeOffset(2026, 3, 2, 9, 0, 0, TimeSpan.Zero));
        var options = new MdgExchangeOptions();
        options.Storage.SqlitePath = Path.Combine(directory, "mdgexchange.db");
        configure?.Invoke(options);

        var storage = StorageFactory.Create(options.Storage, clock);
        var collection = new ServiceCollection();
        services?.Invoke(collection);
        var provider = collection
            .AddLogging()
            .AddSingleton<TimeProvider>(clock)
            .AddSingleton(Microsoft.Extensions.Options.Options.Create(options))
            .AddSingleton(storage.Structures)
            .AddSingleton(storage.Transfers)
            .AddSingleton(storage.Data)
            .AddSingleton(storage.Keys)
            .AddSingleton(storage.Metadata)
            .AddSingleton(storage.Discrepancies)
            .AddSingleton(storage.Catalog)
            .AddSingleton(storage.Accounts)
            .AddSingleton(storage.Forum)
            .AddMdgExchangeApplication()
            .BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = true });
        await storage.Migrator.MigrateAsync(CancellationToken.None);
        await provider.GetRequiredService<StructureSeeding>().SeedAsync(CancellationToken.None);
        return new UseCaseHost(directory, provider);
    }

    /// <summary>Onboards a national provider for the SDG dataflow (its areas when given), as the coordinator does.</summary>
    public async Task OnboardAsync(string organisation, params string[] areas)
    {
        var flow = new Domain.Structure.ArtefactRef(Domain.Structure.ArtefactType.Dataflow, "MDGX", "DF_SDG", "1.0");
        await Get<Registry.ProviderOnboarding>().AddAsync(
            new Domain.Registry.ProviderRegistration(organisation, [new Domain.Structure.LocalisedString("en", organisation)], [flow], areas),
            new Registry.SubmissionContext("test", "provider", "key:cepal", null, "provider-onboard"),
            CancellationToken.None);
    }

    public T Get<T>()
        where T : notnull => _services.GetRequiredService<T>();

    public static ExchangeCaller As(string organisation, string role) =>
        new("test", $"key:{organisation.ToLowerInvariant()}", organisation, new HashSet<string>([role], StringComparer.Ordinal));

    public static Caller CallerOf(string organisation, string role) =>
        new($"key:{organisation.ToLowerInvariant()}", organisation, new HashSet<string>([role], StringComparer.Ordinal));

    /// <summary>An SDG series (FREQ=A, every breakdown _T), OBS_STATUS=A, UNIT_MULT=0 and the NATURE on each observation.</summary>
    public static Series Sdg(string series, string area, string reportingType, params (string Period, double? Value, string Nature)[] observations)
    {
        var data = new Series
        {
            Key = { ["FREQ"] = "A", ["REPORTING_TYPE"] = reportingType, ["SERIES"] = series, ["REF_AREA"] = area },
            Attributes = { ["UNIT_MEASURE"] = "PER_1000_LIVE_BIRTHS" },
        };
        foreach (var breakdown in Breakdowns)
        {
            data.Key[breakdown] = "_T";
        }

        foreach (var (period, value, nature) in observations)
        {
            data.Observations.Add(new Observation { TimePeriod = period, Value = value, Attributes = { ["OBS_STATUS"] = "A", ["UNIT_MULT"] = "0", ["NATURE"] = nature } });
        }

        return data;
    }

    public static string SdgKey(string series, string area, string reportingType) =>
        $"A.{reportingType}.{series}.{area}." + string.Join('.', Breakdowns.Select(_ => "_T"));

    public static PushRequest Header(string sender, string action = "I", string idempotencyKey = "") =>
        new() { Dataflow = Flow, Sender = sender, Action = action, IdempotencyKey = idempotencyKey, SourceFormat = "test" };

    /// <summary>Pushes the series in one batch each, as <paramref name="caller"/>.</summary>
    public Task<PushResult> PushAsync(PushRequest request, ExchangeCaller caller, params Series[] series) =>
        Get<PushService>().PushAsync(request, Batches(series), caller, CancellationToken.None);

    /// <summary>Every series of the dataflow matching the key, as <paramref name="caller"/> sees them.</summary>
    public async Task<List<PulledSeriesData>> PullAsync(string? key, ExchangeCaller caller, DateTimeOffset? asOf = null)
    {
        var pull = await Get<PullService>().PrepareAsync(new PullRequest(Flow, key, null, null, null, asOf, IncludeAnnotations: true, Receiver: null), caller, CancellationToken.None);
        var all = new List<PulledSeriesData>();
        await foreach (var series in pull.ReadAsync(CancellationToken.None))
        {
            all.Add(series);
        }

        await pull.FinishAsync("completed", null);
        return all;
    }

    public async Task<IReadOnlyList<Transfer>> TransfersAsync(string? kind = null, string? organisation = null) =>
        await Get<ITransferStore>().QueryAsync(new TransferFilter { Kind = kind, Organisation = organisation, Limit = 1000 }, CancellationToken.None);

    public static async IAsyncEnumerable<PushBatch> Batches(IEnumerable<Series> series)
    {
        foreach (var one in series)
        {
            await Task.Yield();
            yield return new PushBatch([new PushedSeries(one)], []);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _services.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
            // A file still held open is left for the OS temp cleaner.
        }
    }
}

/// <summary>A clock the tests move.</summary>
public sealed class ManualClock(DateTimeOffset start) : TimeProvider
{
    private long _ticks = start.UtcTicks;

    public override DateTimeOffset GetUtcNow() => new(Interlocked.Read(ref _ticks), TimeSpan.Zero);

    public void Advance(TimeSpan by) => Interlocked.Add(ref _ticks, by.Ticks);
}
