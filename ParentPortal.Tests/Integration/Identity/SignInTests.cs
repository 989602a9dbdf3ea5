using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.DependencyInjection;
using ParentPortal.Data;
using ParentPortal.Platform.Identity;
using ParentPortal.Tests.TestSupport;

namespace ParentPortal.Tests.Integration.Identity;

/// <summary>Sign-in and authorization over HTTP, through the real OIDC handler and the development provider.</summary>
public sealed class SignInTests : IAsyncLifetime
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
        await _portal.DisposeAsync();
        await _database.DisposeAsync();
    }

    [Fact]
    public async Task Applications_WhenSignedOut_RedirectsToTheProvider()
    {
        using var client = _portal.CreateHttpClient();

        using var response = await client.GetAsync(new Uri("/applications", UriKind.Relative));

        Assert.Equal(HttpStatusCode.Found, response.StatusCode);
        var location = response.Headers.Location!;
        Assert.Equal("/dev-idp/connect/authorize", location.AbsolutePath);
        Assert.Contains("code_challenge_method=S256", location.Query, StringComparison.Ordinal);
        Assert.Contains("response_type=code", location.Query, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SignIn_AsParent_LandsOnTheReturnUrl_AndRecordsTheUser()
    {
        var (client, finalUri) = await PortalHttpSession.SignInAsync(_portal, "demo-parent", "/applications");
        using var _ = client;

        Assert.Equal("/applications", finalUri.AbsolutePath);
        var page = await client.GetStringAsync(new Uri("/applications", UriKind.Relative));
        Assert.Contains("Your applications", page, StringComparison.Ordinal);
        await using var db = await _portal.Services.GetRequiredService<IDbContextFactory<PortalDbContext>>().CreateDbContextAsync();
        var user = await db.Users.SingleAsync(u => u.Subject == "demo-parent");
        Assert.Equal("Sam Taylor", user.DisplayName);
    }

    [Fact]
    public async Task Advisers_AsParent_Returns403WithAFriendlyPage()
    {
        var (client, _) = await PortalHttpSession.SignInAsync(_portal, "demo-parent");
        using var _c = client;

        using var response = await client.GetAsync(new Uri("/advisers", UriKind.Relative));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains("You cannot open this page", html, StringComparison.Ordinal);
        Assert.DoesNotContain("Exception", html, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("demo-adviser")]
    [InlineData("demo-mediator")]
    [InlineData("demo-la-officer")]
    [InlineData("demo-manager")]
    public async Task Advisers_AsStaff_Returns200(string subject)
    {
        var (client, _) = await PortalHttpSession.SignInAsync(_portal, subject);
        using var _c = client;

        using var response = await client.GetAsync(new Uri("/advisers", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Adviser console", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Applications_AsAdviser_Returns403BecauseItIsForParents()
    {
        var (client, _) = await PortalHttpSession.SignInAsync(_portal, "demo-adviser");
        using var _c = client;

        using var response = await client.GetAsync(new Uri("/applications", UriKind.Relative));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Fact]
    public async Task StaffRole_RemovedFromThePortalsData_StopsWorkingWithoutSigningOut()
    {
        var (client, _) = await PortalHttpSession.SignInAsync(_portal, "demo-adviser");
        using var _c = client;
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(new Uri("/advisers", UriKind.Relative))).StatusCode);

        await using (var db = await _portal.Services.GetRequiredService<IDbContextFactory<PortalDbContext>>().CreateDbContextAsync())
        {
            var adviser = await db.StaffMembers.SingleAsync(s => s.Subject == "demo-adviser");
            adviser.IsActive = false;
            await db.SaveChangesAsync();
        }

        StaffRoleClaimsTransformation.Forget(_portal.Services.GetRequiredService<IMemoryCache>(), "demo-adviser");

        using var response = await client.GetAsync(new Uri("/advisers", UriKind.Relative));
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Theory]
    [InlineData("https://evil.example/steal")]
    [InlineData("//evil.example/steal")]
    [InlineData("/\\evil.example")]
    [InlineData("javascript:alert(1)")]
    public async Task Login_WithAnOffSiteReturnUrl_LandsOnTheStartPage(string returnUrl)
    {
        var (client, finalUri) = await PortalHttpSession.SignInAsync(_portal, "demo-parent", returnUrl);
        using var _ = client;

        Assert.Equal(_portal.BaseAddress.Authority, finalUri.Authority);
        Assert.Equal("/", finalUri.AbsolutePath);
    }

    [Fact]
    public async Task Logout_WithoutAnAntiforgeryToken_IsRefused()
    {
        var (client, _) = await PortalHttpSession.SignInAsync(_portal, "demo-parent");
        using var _c = client;
        using var form = new FormUrlEncodedContent(new Dictionary<string, string> { ["returnUrl"] = "/" });

        using var response = await client.PostAsync(new Uri("/account/logout", UriKind.Relative), form);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(new Uri("/applications", UriKind.Relative))).StatusCode);
    }

    [Fact]
    public async Task Logout_EndsThePortalSessionAndTheProviderSession()
    {
        var (client, _) = await PortalHttpSession.SignInAsync(_portal, "demo-parent");
        using var _c = client;
        var page = await client.GetStringAsync(new Uri("/applications", UriKind.Relative));
        using var form = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = PortalHttpSession.HiddenValue(page, "__RequestVerificationToken"),
            ["returnUrl"] = "https://evil.example/",
        });

        var (afterLogout, afterLogoutUri) = await PortalHttpSession.FollowAsync(client, await client.PostAsync(new Uri("/account/logout", UriKind.Relative), form));

        Assert.Equal(HttpStatusCode.OK, afterLogout.StatusCode);
        Assert.Equal(_portal.BaseAddress.Authority, afterLogoutUri.Authority);
        Assert.Equal("/", afterLogoutUri.AbsolutePath);
        // The portal's session is gone, and the provider asks again who you are rather than signing you straight back in.
        var (again, againUri) = await PortalHttpSession.FollowAsync(client, await client.GetAsync(new Uri("/applications", UriKind.Relative)));
        Assert.Equal("/dev-idp/login", againUri.AbsolutePath);
        Assert.Contains("Choose a demo account", await again.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task UnknownPage_Returns404WithAFriendlyPage()
    {
        using var client = _portal.CreateHttpClient();

        using var response = await client.GetAsync(new Uri("/no-such-page", UriKind.Relative));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("Page not found", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task DevProviderLogin_WithAnUnknownAccount_SignsNobodyIn()
    {
        var cookies = new CookieContainer();
        using var client = _portal.CreateHttpClient(cookies);
        var (loginPage, _) = await PortalHttpSession.FollowAsync(client, await client.GetAsync(new Uri("/account/login", UriKind.Relative)));
        var html = await loginPage.Content.ReadAsStringAsync();
        using var form = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = PortalHttpSession.HiddenValue(html, "__RequestVerificationToken"),
            ["returnUrl"] = System.Net.WebUtility.HtmlDecode(PortalHttpSession.HiddenValue(html, "returnUrl")),
            ["subject"] = "someone-else",
        });

        var (_, uri) = await PortalHttpSession.FollowAsync(client, await client.PostAsync(new Uri("/dev-idp/login", UriKind.Relative), form));

        Assert.Equal("/dev-idp/login", uri.AbsolutePath);
        Assert.Equal(HttpStatusCode.Found, (await client.GetAsync(new Uri("/applications", UriKind.Relative))).StatusCode);
    }

    /// <summary>
    /// Staff roles live in the portal's own table: a provider token saying <c>role: manager</c> gives nothing.
    /// Failed before provider role claims were stripped (the token's role claim was read as a portal role).
    /// </summary>
    [Fact]
    public async Task ARoleClaimFromTheProvider_IsNotAPortalRole()
    {
        await using var database = new SqliteTestDatabase();
        await using var portal = new PortalFactory(database, settings: new Dictionary<string, string?>
        {
            ["DevIdentityProvider:Accounts:40:Subject"] = "provider-says-manager",
            ["DevIdentityProvider:Accounts:40:Name"] = "Mallory Provider",
            ["DevIdentityProvider:Accounts:40:Email"] = "mallory@example.com",
            ["DevIdentityProvider:Accounts:40:Description"] = "Provider-asserted manager",
            ["DevIdentityProvider:Accounts:40:Roles:0"] = "manager",
            ["DevIdentityProvider:Accounts:40:Roles:1"] = "adviser",
        });
        portal.StartServer();
        var (client, _) = await PortalHttpSession.SignInAsync(portal, "provider-says-manager");
        using var _c = client;

        foreach (var path in new[] { "/manage/staff", "/advisers", "/manage" })
        {
            using var response = await client.GetAsync(new Uri(path, UriKind.Relative));
            Assert.True(response.StatusCode is HttpStatusCode.Forbidden or HttpStatusCode.NotFound, $"{path}: {response.StatusCode}");
        }
    }
}
