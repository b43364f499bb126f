using Microsoft.Playwright;

namespace MdgExchange.Server.Tests.Infrastructure;

/// <summary>
/// Where the report tests find a browser: <c>MDGX_CHROMIUM</c> when set, else <c>chromium</c>, <c>chromium-browser</c>
/// or <c>google-chrome</c> on PATH (Debian's chromium; Playwright's own browser download is not used).
/// </summary>
public static class Chromium
{
    public const string Variable = "MDGX_CHROMIUM";

    public const string Missing =
        "no Chromium to render the reports in: install it (apt-get install chromium; .ci/run does) or set MDGX_CHROMIUM to its executable";

    public static string? Find() =>
        Environment.GetEnvironmentVariable(Variable) is { Length: > 0 } path
            ? (File.Exists(path) ? path : null)
            : ExternalPrograms.Which("chromium", "chromium-browser", "google-chrome");
}

/// <summary>
/// One headless Chromium for every test of the browser collection, driven by Playwright through the Node driver its
/// package ships (copied beside the test assembly). Without a browser, or when it does not start, every test of the
/// collection fails saying why: these tests are never skipped.
/// </summary>
public sealed class BrowserFixture : IAsyncLifetime
{
    /// <summary>Where the screenshots go when set; else <c>TestResults/screenshots</c> beside the test assembly.</summary>
    public const string ScreenshotsVariable = "MDGX_SCREENSHOTS";

    private IPlaywright? _playwright;
    private IBrowser? _browser;
    private string _failure = Chromium.Missing;

    public IBrowser Browser => _browser ?? throw new InvalidOperationException(_failure);

    public string Screenshots { get; } = Environment.GetEnvironmentVariable(ScreenshotsVariable) is { Length: > 0 } folder
        ? Path.GetFullPath(folder)
        : Path.Combine(AppContext.BaseDirectory, "TestResults", "screenshots");

    public async Task InitializeAsync()
    {
        if (Chromium.Find() is not { } chromium)
        {
            return;
        }

        try
        {
            _playwright = await Playwright.CreateAsync();
            _browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
            {
                ExecutablePath = chromium,
                Headless = true,
                Args = ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking"],
            });
        }
        catch (PlaywrightException e)
        {
            _failure = $"Chromium at {chromium} did not start under Playwright: {e.Message}";
        }
    }

    public async Task DisposeAsync()
    {
        if (_browser is not null)
        {
            await _browser.CloseAsync();
        }

        _playwright?.Dispose();
    }
}

[CollectionDefinition(Name)]
public sealed class BrowserCollection : ICollectionFixture<BrowserFixture>
{
    public const string Name = "Browser";
}
