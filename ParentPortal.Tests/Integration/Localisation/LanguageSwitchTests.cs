using System.Net;
using ParentPortal.Platform.Localisation;
using ParentPortal.Tests.TestSupport;

namespace ParentPortal.Tests.Integration.Localisation;

/// <summary>
/// Issue 17 item 3: the header's language link remembers the choice in a strictly necessary cookie and goes back to the
/// page; an unknown language or an address off the site is ignored (no open redirect); the browser's own language does
/// not switch the service.
/// </summary>
public sealed class LanguageSwitchTests : IAsyncLifetime
{
    private readonly SqliteTestDatabase _database = new();
    private PortalFactory _portal = null!;

    public Task InitializeAsync()
    {
        _portal = new PortalFactory(_database);
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        await _portal.DisposeAsync();
        await _database.DisposeAsync();
    }

    [Fact]
    public async Task ChoosingWelsh_SetsAStrictlyNecessaryCookie_AndGoesBackToThePage()
    {
        using var client = _portal.CreateHttpClient(new CookieContainer());
        using var response = await client.GetAsync(new Uri("/language/cy?returnUrl=%2Fcheck%3Froute%3Dsen", UriKind.Relative));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/check?route=sen", response.Headers.Location!.OriginalString);
        var cookie = Assert.Single(response.Headers.GetValues("Set-Cookie"), c => c.StartsWith(PortalLanguages.CookieName + "=", StringComparison.Ordinal));
        Assert.Contains("httponly", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=lax", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("max-age=31536000", cookie, StringComparison.OrdinalIgnoreCase);

        var page = await client.GetStringAsync(new Uri("/", UriKind.Relative));
        Assert.Contains("<html lang=\"cy\" dir=\"ltr\">", page, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/language/fr?returnUrl=%2F", "/")]
    [InlineData("/language/qps-ploc?returnUrl=%2F", "/")]
    [InlineData("/language/cy?returnUrl=https%3A%2F%2Fevil.example%2F", "/")]
    [InlineData("/language/cy?returnUrl=%2F%2Fevil.example", "/")]
    [InlineData("/language/cy?returnUrl=%2F%5Cevil.example", "/")]
    public async Task AnUnknownLanguage_OrAnAddressOffTheSite_IsIgnored(string path, string location)
    {
        using var client = _portal.CreateHttpClient(new CookieContainer());
        using var response = await client.GetAsync(new Uri(path, UriKind.Relative));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal(location, response.Headers.Location!.OriginalString);
        if (!path.StartsWith("/language/cy", StringComparison.Ordinal))
        {
            Assert.False(response.Headers.TryGetValues("Set-Cookie", out var cookies) && cookies.Any(c => c.StartsWith(PortalLanguages.CookieName, StringComparison.Ordinal)));
        }
    }

    [Fact]
    public async Task TheBrowsersOwnLanguage_DoesNotSwitchTheService()
    {
        using var client = _portal.CreateHttpClient(new CookieContainer());
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri("/", UriKind.Relative));
        request.Headers.AcceptLanguage.ParseAdd("cy-GB,cy;q=0.9");
        using var response = await client.SendAsync(request);

        Assert.Contains("<html lang=\"en-GB\" dir=\"ltr\">", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    /// <summary>Staff pages stay in English whatever the browser chose on the family side, with no language links.</summary>
    [Theory]
    [InlineData("/advisers")]
    [InlineData("/advisers/phone")]
    [InlineData("/manage/reports")]
    public async Task StaffPages_StayInEnglish_WithTheWelshCookie(string path)
    {
        var (staff, _) = await PortalHttpSession.SignInAsync(_portal, "demo-manager", "/");
        using var _1 = staff;
        using (await staff.GetAsync(new Uri("/language/cy?returnUrl=%2F", UriKind.Relative)))
        {
        }

        Assert.Contains("<html lang=\"cy\"", await staff.GetStringAsync(new Uri("/privacy", UriKind.Relative)), StringComparison.Ordinal);
        using var response = await staff.GetAsync(new Uri(path, UriKind.Relative));
        var page = await response.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("<html lang=\"en-GB\" dir=\"ltr\">", page, StringComparison.Ordinal);
        Assert.DoesNotContain("language-switcher", page, StringComparison.Ordinal);
    }
}
