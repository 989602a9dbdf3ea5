using Bunit;
using MudBlazor;
using MudBlazor.Services;
using ParentPortal.Components.Layout;
using ParentPortal.Tests.TestSupport;

namespace ParentPortal.Tests.Components.Layout;

/// <summary>
/// Server-rendered pages take MudBlazor's theme (its CSS variables) from <c>wwwroot/css/theme.css</c>, a file cached
/// for good, instead of <see cref="MudThemeProvider"/> writing the same 8 KB into every page (and costing each request
/// its work). This keeps the file what <see cref="MudThemeProvider"/> renders for <see cref="PortalTheme.Theme"/>.
/// After changing the theme or upgrading MudBlazor: <c>PORTAL_WRITE_THEME_CSS=1 dotnet test --filter StaticThemeTests</c>.
/// </summary>
public sealed class StaticThemeTests : BunitContext
{
    public const string Header = "/* MudBlazor's CSS variables for PortalTheme.Theme, as MudThemeProvider renders them: written by StaticThemeTests, do not edit. */\n";

    public StaticThemeTests()
    {
        JSInterop.Mode = JSRuntimeMode.Loose;
        Services.AddMudServices();
    }

    [Fact]
    public async Task ThemeCss_IsWhatMudThemeProviderRenders_ForThePortalsTheme()
    {
        var provider = Render<MudThemeProvider>(p => p.Add(t => t.Theme, PortalTheme.Theme));
        var rendered = string.Concat(provider.FindAll("style").Select(s => s.TextContent.Trim() + "\n"));
        Assert.Contains("--mud-palette-primary", rendered, StringComparison.Ordinal);
        var path = Path.Combine(RepositoryPaths.Root, "ParentPortal", "wwwroot", "css", "theme.css");
        if (Environment.GetEnvironmentVariable("PORTAL_WRITE_THEME_CSS") == "1")
        {
            await File.WriteAllTextAsync(path, Header + rendered);
        }

        Assert.True(File.Exists(path), $"{path} is missing: PORTAL_WRITE_THEME_CSS=1 dotnet test --filter StaticThemeTests writes it.");
        Assert.Equal(Header + rendered, await File.ReadAllTextAsync(path));
    }
}
