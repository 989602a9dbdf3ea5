using System.Net;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using ParentPortal.Platform.Identity;
using ParentPortal.Tests.TestSupport;

namespace ParentPortal.Tests.Integration.Identity;

/// <summary>
/// Issue 12 item 10: a sign-in lasts at most Authentication:AbsoluteLifetime (12 hours unless set), however active the
/// person is, and outside Development the cookie carries the __Host- prefix.
/// </summary>
public sealed class SessionLifetimeTests
{
    /// <summary>Failed before: each request past half the 8 hours renewed the cookie, so an active one never ended.</summary>
    [Fact]
    public async Task AnActiveSignIn_EndsTwelveHoursAfterItBegan_ThoughUseKeptRenewingTheCookie()
    {
        await using var database = new SqliteTestDatabase();
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var portal = new PortalFactory(database, clock: clock);
        var (client, _) = await PortalHttpSession.SignInAsync(portal, "demo-parent", "/applications");

        Assert.Equal(HttpStatusCode.OK, await StatusAsync(client));
        clock.Advance(TimeSpan.FromHours(5));
        Assert.Equal(HttpStatusCode.OK, await StatusAsync(client));
        clock.Advance(TimeSpan.FromHours(5));
        Assert.Equal(HttpStatusCode.OK, await StatusAsync(client));
        clock.Advance(TimeSpan.FromHours(1.9));
        Assert.Equal(HttpStatusCode.OK, await StatusAsync(client));
        clock.Advance(TimeSpan.FromMinutes(10));

        using var expired = await client.GetAsync(new Uri("/applications", UriKind.Relative));

        Assert.Equal(HttpStatusCode.Redirect, expired.StatusCode);
        Assert.Contains("/dev-idp/", expired.Headers.Location!.ToString(), StringComparison.Ordinal);
        client.Dispose();
    }

    [Fact]
    public async Task ALifetimeCanBeSet_AndAnOpenTabsCheckUsesItToo()
    {
        await using var database = new SqliteTestDatabase();
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var portal = new PortalFactory(database, clock: clock, settings: new Dictionary<string, string?> { [RevalidatingPortalAuthenticationState.AbsoluteLifetimeKey] = "01:00:00" });
        var (client, _) = await PortalHttpSession.SignInAsync(portal, "demo-parent", "/applications");
        clock.Advance(TimeSpan.FromMinutes(59));
        Assert.Equal(HttpStatusCode.OK, await StatusAsync(client));
        clock.Advance(TimeSpan.FromMinutes(2));

        Assert.Equal(HttpStatusCode.Redirect, await StatusAsync(client));
        var signedInAt = DateTimeOffset.FromUnixTimeMilliseconds(DateTimeOffset.UtcNow.ToUnixTimeMilliseconds());
        var user = TestUsers.Parent("demo-parent", "Sam Taylor");
        ((System.Security.Claims.ClaimsIdentity)user.Identity!).AddClaim(RevalidatingPortalAuthenticationState.SignedInAtClaimFor(signedInAt));
        Assert.False(RevalidatingPortalAuthenticationState.OutlivedItsSignIn(user, signedInAt.AddHours(1), TimeSpan.FromHours(1)));
        Assert.True(RevalidatingPortalAuthenticationState.OutlivedItsSignIn(user, signedInAt.AddHours(1).AddSeconds(1), TimeSpan.FromHours(1)));
        Assert.True(RevalidatingPortalAuthenticationState.OutlivedItsSignIn(TestUsers.Parent("no-time", "Old cookie"), signedInAt, TimeSpan.FromHours(1)));
        client.Dispose();
    }

    [Theory]
    [InlineData("Production")]
    [InlineData("Staging")]
    [InlineData("UAT")]
    public async Task OutsideDevelopment_TheCookieIsHostPrefixed_SecureAndForTheWholeSite(string environment)
    {
        await using var database = new SqliteTestDatabase();
        await using var portal = new PortalFactory(database, environment: environment, settings: new Dictionary<string, string?>
        {
            ["Authentication:OpenIdConnect:Authority"] = "https://login.example.invalid",
            ["Authentication:OpenIdConnect:ClientId"] = "parentportal",
            ["Portal:PublicBaseUrl"] = "https://portal.example.org",
        });

        var cookie = portal.Services.GetRequiredService<IOptionsMonitor<CookieAuthenticationOptions>>().Get(AuthenticationSetup.CookieScheme).Cookie;

        Assert.Equal(("__Host-ParentPortal.Session", CookieSecurePolicy.Always, "/", (string?)null), (cookie.Name, cookie.SecurePolicy, cookie.Path, cookie.Domain));
    }

    private static async Task<HttpStatusCode> StatusAsync(HttpClient client)
    {
        using var response = await client.GetAsync(new Uri("/applications", UriKind.Relative));
        return response.StatusCode;
    }
}
