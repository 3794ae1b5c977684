using Microsoft.Playwright;

namespace BackOffice.Tests.Browser;

/// <summary>One real server and one Debian chromium for a browser test class.</summary>
public sealed class BrowserFixture : IAsyncLifetime
{
    public TestApp App { get; } = new(kestrel: true, fakeClock: false);
    public IBrowser Browser { get; private set; } = default!;
    private IPlaywright? _playwright;

    public static string ArtifactsDirectory
    {
        get
        {
            var dir = new DirectoryInfo(AppContext.BaseDirectory);
            while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "BackOffice.sln"))) dir = dir.Parent;
            var path = Path.Combine(dir?.FullName ?? AppContext.BaseDirectory, "artifacts");
            Directory.CreateDirectory(path);
            return path;
        }
    }

    public async Task InitializeAsync()
    {
        _ = App.BaseAddress; // starts the server
        // Other test classes share the two cores while a workflow runs: a push or a render may take longer than
        // Playwright's five-second default without anything being wrong, so expectations wait up to fifteen.
        Assertions.SetDefaultExpectTimeout(15_000);
        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = "/usr/bin/chromium",
            Headless = true,
            Args = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
        });
    }

    /// <summary>A fresh browser context (its own cookies) signed in as the staff member, on the home page, interactive.</summary>
    public async Task<IPage> SignedInPageAsync(string user)
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = App.BaseAddress.ToString(), ViewportSize = new() { Width = 1400, Height = 900 } });
        var page = await context.NewPageAsync();
        await page.GotoAsync("/account/login");
        await page.FillAsync("#username", user);
        await page.FillAsync("#password", Infrastructure.Data.Seeder.DemoPassword);
        await page.ClickAsync("button[type=submit]");
        if (page.Url.Contains("/account/login-2fa", StringComparison.Ordinal))
        {
            await page.FillAsync("#code", await App.AuthenticatorCodeAsync(user));
            await page.ClickAsync("button[type=submit]");
        }
        await WaitInteractiveAsync(page);
        return page;
    }

    /// <summary>A click before the circuit is connected is lost: wait until the layout says it is interactive and live.</summary>
    public static async Task WaitInteractiveAsync(IPage page)
    {
        await page.WaitForSelectorAsync("#page[data-interactive='true']", new() { Timeout = 20_000 });
        await page.WaitForSelectorAsync("#page[data-live='connected']", new() { Timeout = 20_000 });
    }

    public static Task ScreenshotAsync(IPage page, string name) =>
        page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(ArtifactsDirectory, name + ".png"), FullPage = true });

    public async Task DisposeAsync()
    {
        if (Browser is not null) await Browser.DisposeAsync();
        _playwright?.Dispose();
        await App.DisposeAsync();
    }
}

/// <summary>Browser workflows run one after another: each drives several chromium pages against its own server, and two at once starve a two-core machine.</summary>
[CollectionDefinition("Browser")]
public sealed class BrowserCollection;
