using System.Net;
using System.Text.RegularExpressions;
using ParentPortal.Tests.TestSupport;

namespace ParentPortal.Tests.Integration.Security;

/// <summary>Security headers, cookie attributes and the sign-in rate limit, over real HTTP with the real sign-in.</summary>
public sealed partial class SecurityHeadersTests : IAsyncLifetime
{
    private readonly SqliteTestDatabase _database = new();
    private PortalFactory _portal = null!;

    public Task InitializeAsync()
    {
        _portal = new PortalFactory(_database, settings: new Dictionary<string, string?> { ["RateLimits:SignInPerMinute"] = "6" });
        _portal.StartServer();
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        await _portal.DisposeAsync();
        await _database.DisposeAsync();
    }

    [Fact]
    public async Task PublicPage_HasThePolicyAndHeaders_AndItsImportMapCarriesThePolicysNonce()
    {
        using var client = _portal.CreateHttpClient();

        using var response = await client.GetAsync(new Uri("/", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        AssertSecurityHeaders(response);
        var policy = Header(response, "Content-Security-Policy");
        foreach (var directive in new[]
        {
            "default-src 'self'", "style-src 'self' 'unsafe-inline'", "img-src 'self' data:", "connect-src 'self'",
            "object-src 'none'", "base-uri 'self'", "frame-ancestors 'none'", "form-action 'self'",
        })
        {
            Assert.Contains(directive, policy, StringComparison.Ordinal);
        }

        var nonce = NonceInPolicy().Match(policy).Groups[1].Value;
        Assert.Matches("^[0-9a-f]{32}$", nonce);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains($"<script type=\"importmap\" nonce=\"{nonce}\">", html, StringComparison.Ordinal);
        // Blazor's error panel is hidden before any stylesheet arrives (ReportsTests once saw it, unstyled, mid-load).
        Assert.Matches("<div id=\"blazor-error-ui\"[^>]*style=\"display:none\"", html);
        Assert.DoesNotContain("unsafe-eval", policy, StringComparison.Ordinal);
        Assert.DoesNotContain("'unsafe-inline'", policy.Split(';').Single(d => d.Trim().StartsWith("script-src", StringComparison.Ordinal)), StringComparison.Ordinal);
    }

    [Fact]
    public async Task EachResponse_GetsItsOwnNonce()
    {
        using var client = _portal.CreateHttpClient();

        using var first = await client.GetAsync(new Uri("/", UriKind.Relative));
        using var second = await client.GetAsync(new Uri("/", UriKind.Relative));

        Assert.NotEqual(NonceInPolicy().Match(Header(first, "Content-Security-Policy")).Value, NonceInPolicy().Match(Header(second, "Content-Security-Policy")).Value);
    }

    [Fact]
    public async Task SignedInPages_AreNeverStored_ButStaticFilesStayCacheable()
    {
        var (client, _) = await PortalHttpSession.SignInAsync(_portal, "demo-parent");
        using var _c = client;

        using var page = await client.GetAsync(new Uri("/applications", UriKind.Relative));
        using var forbidden = await client.GetAsync(new Uri("/advisers", UriKind.Relative));
        using var missing = await client.GetAsync(new Uri("/no-such-page", UriKind.Relative));
        var stylesheet = StylesheetLink().Match(await page.Content.ReadAsStringAsync()).Groups[1].Value;
        using var asset = await client.GetAsync(new Uri("/" + stylesheet, UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        foreach (var response in new[] { page, forbidden, missing })
        {
            AssertSecurityHeaders(response);
            Assert.True(response.Headers.CacheControl?.NoStore, $"{response.RequestMessage!.RequestUri} ({(int)response.StatusCode}) may be stored: {response.Headers.CacheControl}");
        }

        Assert.Equal(HttpStatusCode.Forbidden, forbidden.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Equal(HttpStatusCode.OK, asset.StatusCode);
        // Development serves static files with no-cache (revalidate); elsewhere fingerprinted ones are immutable for a year.
        Assert.NotNull(asset.Headers.CacheControl);
        Assert.False(asset.Headers.CacheControl.NoStore);
        Assert.Equal("nosniff", Header(asset, "X-Content-Type-Options"));
    }

    [Fact]
    public async Task SignIn_Cookies_AreHttpOnly_AndLax_OrStricter()
    {
        var cookies = new List<string>();
        using var client = _portal.CreateHttpClient();

        var loginPage = await FollowCollectingCookiesAsync(client, new Uri("/account/login?returnUrl=%2Fapplications", UriKind.Relative), cookies);
        var html = await loginPage.Content.ReadAsStringAsync();
        using var form = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = PortalHttpSession.HiddenValue(html, "__RequestVerificationToken"),
            ["returnUrl"] = WebUtility.HtmlDecode(PortalHttpSession.HiddenValue(html, "returnUrl")),
            ["subject"] = "demo-parent",
        });
        var posted = await client.PostAsync(new Uri("/dev-idp/login", UriKind.Relative), form);
        cookies.AddRange(SetCookies(posted));
        var landed = await FollowCollectingCookiesAsync(client, new Uri(posted.RequestMessage!.RequestUri!, posted.Headers.Location!), cookies);

        Assert.Equal("/applications", landed.RequestMessage!.RequestUri!.AbsolutePath);
        Assert.Contains(cookies, c => c.StartsWith(".ParentPortal.Session=", StringComparison.Ordinal));
        Assert.Contains(cookies, c => c.StartsWith(".AspNetCore.Correlation.", StringComparison.Ordinal));
        Assert.Contains(cookies, c => c.StartsWith(".AspNetCore.Antiforgery.", StringComparison.Ordinal));
        foreach (var cookie in cookies.Where(c => !c.Contains("expires=Thu, 01 Jan 1970", StringComparison.OrdinalIgnoreCase)))
        {
            var attributes = cookie.Split(';').Skip(1).Select(a => a.Trim().ToLowerInvariant()).ToList();
            Assert.True(attributes.Contains("httponly"), $"not HttpOnly: {cookie}");
            Assert.True(attributes.Contains("samesite=lax") || attributes.Contains("samesite=strict"), $"not Lax or Strict: {cookie}");
        }

        Assert.Contains("samesite=lax", cookies.First(c => c.StartsWith(".ParentPortal.Session=", StringComparison.Ordinal)), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task SignIn_StartedTooOftenFromOneAddress_IsRefusedWithAFriendlyPage()
    {
        using var client = _portal.CreateHttpClient();
        var statuses = new List<HttpStatusCode>();
        HttpResponseMessage? last = null;
        for (var i = 0; i < 7; i++)
        {
            last?.Dispose();
            last = await client.GetAsync(new Uri("/account/login", UriKind.Relative));
            statuses.Add(last.StatusCode);
        }

        Assert.Equal(Enumerable.Repeat(HttpStatusCode.Found, 6).Append(HttpStatusCode.TooManyRequests), statuses);
        Assert.Equal("60", Header(last!, "Retry-After"));
        var html = await last!.Content.ReadAsStringAsync();
        Assert.Contains("Too many attempts", html, StringComparison.Ordinal);
        Assert.DoesNotContain("Exception", html, StringComparison.Ordinal);

        // The development provider's sign-in form shares the allowance: it is refused before it reads the form.
        using var empty = new FormUrlEncodedContent(new Dictionary<string, string>());
        using var post = await client.PostAsync(new Uri("/dev-idp/login", UriKind.Relative), empty);
        Assert.Equal(HttpStatusCode.TooManyRequests, post.StatusCode);
        Assert.Contains("Too many attempts", await post.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        last.Dispose();
    }

    [Fact]
    public async Task InProduction_CookiesAreSecure_AndFormsMayLeadToTheSignInProvider()
    {
        await using var database = new SqliteTestDatabase();
        await using var production = new PortalFactory(database, environment: "Production", settings: new Dictionary<string, string?>
        {
            ["Authentication:OpenIdConnect:Authority"] = "https://login.example.test/tenant/v2.0",
            ["Authentication:OpenIdConnect:ClientId"] = "parentportal",
            ["Portal:PublicBaseUrl"] = "http://127.0.0.1",
            ["Messaging:DispatcherEnabled"] = "false",
        });
        using var client = production.CreateHttpClient();

        using var response = await client.GetAsync(new Uri("/", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        AssertSecurityHeaders(response);
        Assert.Contains("form-action 'self' https://login.example.test;", Header(response, "Content-Security-Policy") + ";", StringComparison.Ordinal);
        var antiforgery = Assert.Single(SetCookies(response), c => c.StartsWith(".AspNetCore.Antiforgery.", StringComparison.Ordinal));
        Assert.Contains("secure", antiforgery.Split(';').Select(a => a.Trim().ToLowerInvariant()));
    }

    [Fact]
    public async Task InProduction_BehindTheProxyOverHttps_EveryResponseCarriesHsts()
    {
        await using var database = new SqliteTestDatabase();
        await using var production = new PortalFactory(database, environment: "Production", settings: new Dictionary<string, string?>
        {
            ["Authentication:OpenIdConnect:Authority"] = "https://login.example.test/tenant/v2.0",
            ["Authentication:OpenIdConnect:ClientId"] = "parentportal",
            ["Portal:PublicBaseUrl"] = "http://127.0.0.1",
            ["Messaging:DispatcherEnabled"] = "false",
            ["ForwardedHeaders:KnownProxies"] = "127.0.0.1",
        });
        using var client = production.CreateHttpClient();

        foreach (var path in new[] { "/", "/verify", "/no-such-page", "/documents/00000000-0000-0000-0000-000000000001/download" })
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, path);
            request.Headers.Add("X-Forwarded-Proto", "https");
            request.Headers.Add("X-Forwarded-Host", "portal.example.org");
            using var response = await client.SendAsync(request);

            Assert.True((int)response.StatusCode is 200 or 404, $"{path}: {(int)response.StatusCode}");
            Assert.Equal("max-age=31536000; includeSubDomains", Header(response, "Strict-Transport-Security"));
            AssertSecurityHeaders(response);
        }
    }

    private static async Task<HttpResponseMessage> FollowCollectingCookiesAsync(HttpClient client, Uri uri, List<string> cookies)
    {
        var response = await client.GetAsync(uri);
        cookies.AddRange(SetCookies(response));
        for (var hop = 0; hop < 12 && (int)response.StatusCode is >= 300 and < 400; hop++)
        {
            var next = new Uri(response.RequestMessage!.RequestUri!, response.Headers.Location!);
            response.Dispose();
            response = await client.GetAsync(next);
            cookies.AddRange(SetCookies(response));
        }

        return response;
    }

    private static IEnumerable<string> SetCookies(HttpResponseMessage response) =>
        response.Headers.TryGetValues("Set-Cookie", out var values) ? values : [];

    private static void AssertSecurityHeaders(HttpResponseMessage response)
    {
        Assert.StartsWith("default-src 'self'", Header(response, "Content-Security-Policy"), StringComparison.Ordinal);
        Assert.Equal("nosniff", Header(response, "X-Content-Type-Options"));
        Assert.Equal("DENY", Header(response, "X-Frame-Options"));
        Assert.Equal("no-referrer", Header(response, "Referrer-Policy"));
        Assert.Contains("camera=()", Header(response, "Permissions-Policy"), StringComparison.Ordinal);
        Assert.Contains("geolocation=()", Header(response, "Permissions-Policy"), StringComparison.Ordinal);
    }

    private static string Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) || response.Content.Headers.TryGetValues(name, out values)
            ? string.Join(", ", values)
            : throw new Xunit.Sdk.XunitException($"{response.RequestMessage?.RequestUri} has no {name} header");

    [GeneratedRegex("'nonce-([^']+)'")]
    private static partial Regex NonceInPolicy();

    [GeneratedRegex("<link rel=\"stylesheet\" href=\"(app\\.[^\"]+\\.css)\"")]
    private static partial Regex StylesheetLink();
}
