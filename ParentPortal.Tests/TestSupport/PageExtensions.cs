using System.Text;
using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;

namespace ParentPortal.Tests.TestSupport;

public static class PageExtensions
{
    private static readonly string[] WcagTags = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"];

    /// <summary>Waits until the interactive circuit is connected: clicks sent before that are lost.</summary>
    public static Task WaitForInteractiveAsync(this IPage page) =>
        page.Locator(".app-root[data-interactive='true']").WaitForAsync();

    /// <summary>Signs in through the development provider's login page and waits to land back on the portal.</summary>
    public static async Task SignInAsync(this IPage page, string accountName, string returnUrl = "/", Func<IPage, Task>? onProviderPage = null)
    {
        ArgumentNullException.ThrowIfNull(page);
        await page.GotoAsync("/account/login?returnUrl=" + Uri.EscapeDataString(returnUrl));
        await page.WaitForURLAsync(url => new Uri(url).AbsolutePath == "/dev-idp/login");
        if (onProviderPage is not null)
        {
            await onProviderPage(page);
        }

        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in as " + accountName }).ClickAsync();
        await page.WaitForURLAsync(url => !new Uri(url).AbsolutePath.StartsWith("/dev-idp", StringComparison.Ordinal) && !new Uri(url).AbsolutePath.StartsWith("/signin-oidc", StringComparison.Ordinal));
    }

    /// <summary>Runs axe-core for WCAG 2.2 A and AA; any violation fails the test with a readable list.</summary>
    public static async Task AssertAccessibleAsync(this IPage page)
    {
        ArgumentNullException.ThrowIfNull(page);
        var result = await page.RunAxe(new AxeRunOptions
        {
            RunOnly = new RunOnlyOptions { Type = "tag", Values = [.. WcagTags] },
        });
        if (result.Violations.Length == 0)
        {
            return;
        }

        var report = new StringBuilder($"Accessibility violations on {page.Url}:\n");
        foreach (var violation in result.Violations)
        {
            report.AppendLine($"- {violation.Id} ({violation.Impact}): {violation.Help}");
            foreach (var node in violation.Nodes.Take(5))
            {
                report.AppendLine($"    {node.Target} :: {node.Html}");
            }
        }

        Assert.Fail(report.ToString());
    }

    /// <summary>Saves a full-page screenshot under artifacts/screenshots (git-ignored) for people to look at.</summary>
    public static Task ScreenshotAsync(this IPage page, string name)
    {
        ArgumentNullException.ThrowIfNull(page);
        return page.ScreenshotAsync(new PageScreenshotOptions { Path = RepositoryPaths.Artifacts("screenshots", name + ".png"), FullPage = true });
    }

    /// <summary>Check accessibility and keep a screenshot: what every browser test does on every page.</summary>
    public static async Task CheckPageAsync(this IPage page, string screenshotName)
    {
        await page.ScreenshotAsync(screenshotName);
        await page.AssertAccessibleAsync();
    }
}
