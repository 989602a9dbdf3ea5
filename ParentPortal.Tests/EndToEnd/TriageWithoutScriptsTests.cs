using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using ParentPortal.Data;
using ParentPortal.Tests.TestSupport;

namespace ParentPortal.Tests.EndToEnd;

/// <summary>
/// Issue 18 item 1: the SEN application works on any connection. With JavaScript switched off, every question is a
/// plain form that posts and redirects; with scripts on but no WebSocket (a proxy that blocks them), Blazor's enhanced
/// forms post without reloading the page. Either way the parent reaches "Accept and send" and gets one reference, a
/// failed post shows the page again with what they typed, and sending the same form twice gives the same reference.
/// </summary>
[Collection(BrowserTestGroup.Name)]
public sealed class TriageWithoutScriptsTests(BrowserFixture browser) : IAsyncLifetime
{
    private readonly SqliteTestDatabase _database = new();
    private PortalFactory _portal = null!;

    public Task InitializeAsync()
    {
        _portal = new PortalFactory(_database);
        _portal.StartServer();
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        await browser.CloseTestPagesAsync();
        await _portal.DisposeAsync();
        await _database.DisposeAsync();
    }

    [Fact]
    public async Task WithJavaScriptOff_AParentAppliesForSenMediation_ToAcceptAndSend()
    {
        var page = await browser.NewPageAsync(_portal.BaseAddress, javaScriptEnabled: false);
        await page.SignInAsync("Sam Taylor", "/apply/new?route=sen&la=herts&decisionLetterSent=" + TestDates.FromToday(-30));
        await Assertions.Expect(page.GetByText("Local authority: Hertfordshire")).ToBeVisibleAsync();
        await page.CheckPageAsync("no-js-01-start");
        await page.GetByRole(AriaRole.Button, new() { Name = "Start", Exact = true }).ClickAsync();
        await page.WaitForAddressAsync(url => new Uri(url).AbsolutePath.EndsWith("/applicant", StringComparison.Ordinal));
        var draftPath = string.Join('/', new Uri(page.Url).AbsolutePath.Split('/').Take(3));

        // A follow-up question is in the page without scripts (shown by CSS while its option is chosen).
        await TriageDriver.ContinueAsync(page, TriageJourneyTests.Values("applicant=parent"), "no-js-02-applicant");
        await TriageDriver.ContinueAsync(page, TriageJourneyTests.Values("parent-name=Sam Taylor"), "no-js-03-your-name");
        var path = new Uri(page.Url).AbsolutePath;
        var n = 4;
        foreach (var spec in TriageJourneyTests.SenJourney.Concat(TriageJourneyTests.CommonPages("sen")))
        {
            var (step, values) = TriageJourneyTests.Split(spec);
            Assert.EndsWith("/" + step, path, StringComparison.Ordinal);
            if (step == "child-date-of-birth")
            {
                // A date that does not exist: the page comes back with the problem and what they typed, nothing lost.
                var year = TestDates.Today.Year - 11;
                await TriageDriver.AnswerAsync(page, new Dictionary<string, string> { ["child-date-of-birth"] = $"{year}-02-31" });
                await page.GetByRole(AriaRole.Button, new() { Name = "Continue" }).ClickAsync();
                await Assertions.Expect(page.Locator(".error-summary")).ToBeVisibleAsync();
                await Assertions.Expect(page.Locator("#f-child-date-of-birth-day")).ToHaveValueAsync("31");
                await Assertions.Expect(page.Locator("#f-child-date-of-birth-month")).ToHaveValueAsync("2");
                await Assertions.Expect(page.Locator("#f-child-date-of-birth-year")).ToHaveValueAsync(year.ToString(System.Globalization.CultureInfo.InvariantCulture));
                Assert.StartsWith("Error:", await page.TitleAsync(), StringComparison.Ordinal);
                await page.ScreenshotAsync(new() { Path = RepositoryPaths.Artifacts("screenshots/no-js-error-on-a-question.png"), FullPage = true });
            }

            path = await TriageDriver.ContinueAsync(page, values, $"no-js-{n++:00}-{step}");
        }

        Assert.EndsWith("/check-answers", path, StringComparison.Ordinal);
        await Assertions.Expect(page.GetByText("Siân")).ToBeVisibleAsync();
        await page.CheckPageAsync($"no-js-{n++:00}-check-answers");
        var sendForm = await FormFieldsAsync(page, "Accept and send");
        await page.GetByRole(AriaRole.Button, new() { Name = "Accept and send" }).ClickAsync();
        await page.WaitForAddressAsync(url => url.EndsWith("/confirmation", StringComparison.Ordinal));
        var reference = await page.Locator(".reference--large").InnerTextAsync();
        Assert.Matches("^[A-Z2-9]{4}-[A-Z2-9]{4}$", reference);
        await page.CheckPageAsync($"no-js-{n:00}-confirmation");

        // The same form sent again (the browser's "resend", a second tab): the same reference, still one application.
        var again = await page.Context.APIRequest.PostAsync(draftPath + "/check-answers", new() { Form = sendForm, MaxRedirects = 0 });
        Assert.True(again.Status == (int)HttpStatusCode.Redirect, $"{again.Status}: {await again.TextAsync()}");
        Assert.EndsWith(draftPath + "/confirmation", again.Headers["location"], StringComparison.Ordinal);
        await AssertOneApplicationAsync(reference);
    }

    [Fact]
    public async Task WithWebSocketsBlocked_TheJourneyStillWorks_WithoutReloadingThePage()
    {
        var page = await browser.NewPageAsync(_portal.BaseAddress);
        // A proxy that lets no WebSocket through, and no fallback either: Blazor's circuit can never start.
        await page.RouteWebSocketAsync(new System.Text.RegularExpressions.Regex("/_blazor"), socket => socket.CloseAsync());
        await page.RouteAsync("**/_blazor/**", route => route.AbortAsync());
        await page.RouteAsync("**/_blazor?**", route => route.AbortAsync());

        await page.SignInAsync("Sam Taylor", "/apply/new?route=sen&la=herts&decisionLetterSent=" + TestDates.FromToday(-30));
        await page.GetByRole(AriaRole.Button, new() { Name = "Start", Exact = true }).ClickAsync();
        await page.WaitForAddressAsync(url => new Uri(url).AbsolutePath.EndsWith("/applicant", StringComparison.Ordinal));
        // Enhanced forms patch the page in place: a mark left on this document is still there at the end.
        await page.EvaluateAsync("() => { window.portalJourneyMark = 'same document'; }");

        var path = await TriageDriver.ContinueAsync(page, TriageJourneyTests.Values("applicant=parent"), "no-ws-01-applicant");
        path = await TriageDriver.ContinueAsync(page, TriageJourneyTests.Values("parent-name=Sam Taylor"), "no-ws-02-your-name");
        var n = 3;
        foreach (var spec in TriageJourneyTests.SenJourney.Concat(TriageJourneyTests.CommonPages("sen")))
        {
            var (step, values) = TriageJourneyTests.Split(spec);
            Assert.EndsWith("/" + step, path, StringComparison.Ordinal);
            path = await TriageDriver.ContinueAsync(page, values, $"no-ws-{n++:00}-{step}");
        }

        Assert.EndsWith("/check-answers", path, StringComparison.Ordinal);
        Assert.Equal("same document", await page.EvaluateAsync<string?>("() => window.portalJourneyMark ?? null"));
        await page.GetByRole(AriaRole.Button, new() { Name = "Accept and send" }).ClickAsync();
        await page.WaitForAddressAsync(url => url.EndsWith("/confirmation", StringComparison.Ordinal));
        var reference = await page.Locator(".reference--large").InnerTextAsync();
        await page.CheckPageAsync($"no-ws-{n:00}-confirmation");
        await AssertOneApplicationAsync(reference);
    }

    [Fact]
    public async Task WithJavaScriptOff_PressingStartTwice_MakesOneDraft()
    {
        var page = await browser.NewPageAsync(_portal.BaseAddress, javaScriptEnabled: false);
        await page.SignInAsync("Sam Taylor", "/apply/new?route=sen&la=herts");
        var startForm = await FormFieldsAsync(page, "Start");

        var first = await page.Context.APIRequest.PostAsync("/apply/new?route=sen&la=herts", new() { Form = startForm, MaxRedirects = 0 });
        var second = await page.Context.APIRequest.PostAsync("/apply/new?route=sen&la=herts", new() { Form = startForm, MaxRedirects = 0 });

        Assert.Equal((int)HttpStatusCode.Redirect, first.Status);
        Assert.Equal(first.Headers["location"], second.Headers["location"]);
        await using var db = await _portal.Services.GetRequiredService<IDbContextFactory<PortalDbContext>>().CreateDbContextAsync();
        Assert.Equal(1, await db.Applications.CountAsync());
    }

    /// <summary>The named fields of the form holding the button, as the browser would send them.</summary>
    private static async Task<IFormData> FormFieldsAsync(IPage page, string button)
    {
        var form = page.Locator("form").Filter(new() { Has = page.GetByRole(AriaRole.Button, new() { Name = button, Exact = true }) });
        var data = page.Context.APIRequest.CreateFormData();
        foreach (var input in await form.Locator("input[type=hidden]").AllAsync())
        {
            data.Set((await input.GetAttributeAsync("name"))!, await input.GetAttributeAsync("value") ?? "");
        }

        return data;
    }

    private async Task AssertOneApplicationAsync(string reference)
    {
        await using var db = await _portal.Services.GetRequiredService<IDbContextFactory<PortalDbContext>>().CreateDbContextAsync();
        var application = await db.Applications.SingleAsync();
        Assert.Equal(reference, application.Reference);
        Assert.Equal("sen", application.Route);
        Assert.Equal(1, await db.OutboxMessages.CountAsync(m => m.Kind == "application-submitted"));
    }
}
