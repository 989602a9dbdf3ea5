using System.Net;
using System.Text.Json;
using ParentPortal.Tests.TestSupport;

namespace ParentPortal.Tests.Integration.Deployment;

/// <summary>
/// Two portals over real HTTP: one told that 127.0.0.1 is its proxy (with an instance name and a key seed), one not
/// (same key seed). Forwarded headers count only from the configured proxy; the seed gives both the same provider keys.
/// </summary>
public sealed class BehindAProxyTests(BehindAProxyTests.Portals portals) : IClassFixture<BehindAProxyTests.Portals>
{
    [Fact]
    public async Task SignInLimit_BehindAKnownProxy_CountsEachForwardedClientAddressSeparately()
    {
        using var client = portals.BehindProxy.CreateHttpClient();

        var first = await StartSignInAsync(client, "203.0.113.10");
        var second = await StartSignInAsync(client, "203.0.113.10");
        var third = await StartSignInAsync(client, "203.0.113.10");
        var anotherClient = await StartSignInAsync(client, "203.0.113.20");

        Assert.Equal([HttpStatusCode.Redirect, HttpStatusCode.Redirect, HttpStatusCode.TooManyRequests, HttpStatusCode.Redirect], [first, second, third, anotherClient]);
    }

    [Fact]
    public async Task SignInLimit_WithoutAKnownProxy_IgnoresForwardedAddresses()
    {
        using var client = portals.Direct.CreateHttpClient();

        var first = await StartSignInAsync(client, "203.0.113.10");
        var second = await StartSignInAsync(client, "203.0.113.20");
        var third = await StartSignInAsync(client, "203.0.113.30");

        Assert.Equal([HttpStatusCode.Redirect, HttpStatusCode.Redirect, HttpStatusCode.TooManyRequests], [first, second, third]);
    }

    [Fact]
    public async Task ForwardedSchemeAndHost_FromTheKnownProxy_AreThePublicAddress_AndIgnoredFromAnyoneElse()
    {
        using var viaProxy = portals.BehindProxy.CreateHttpClient();
        using var direct = portals.Direct.CreateHttpClient();

        var proxied = await DiscoveryAsync(viaProxy, forwardedProto: "https", forwardedHost: "mediation.example.org");
        var notTrusted = await DiscoveryAsync(direct, forwardedProto: "https", forwardedHost: "mediation.example.org");

        Assert.Equal("https://mediation.example.org/", proxied.GetProperty("issuer").GetString());
        Assert.Equal("https://mediation.example.org/dev-idp/connect/authorize", proxied.GetProperty("authorization_endpoint").GetString());
        Assert.Equal(portals.Direct.BaseAddress.ToString(), notTrusted.GetProperty("issuer").GetString());
    }

    [Fact]
    public async Task InstanceName_IsOnEveryResponse_ErrorsToo_AndOnlyWhenSet()
    {
        using var named = portals.BehindProxy.CreateHttpClient();
        using var unnamed = portals.Direct.CreateHttpClient();

        using var health = await named.GetAsync(new Uri("/health", UriKind.Relative));
        using var missing = await named.GetAsync(new Uri("/no-such-page", UriKind.Relative));
        using var other = await unnamed.GetAsync(new Uri("/health", UriKind.Relative));

        Assert.Equal(["web-1"], health.Headers.GetValues("X-Portal-Instance"));
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Equal(["web-1"], missing.Headers.GetValues("X-Portal-Instance"));
        Assert.False(other.Headers.Contains("X-Portal-Instance"));
    }

    [Fact]
    public async Task KeySeed_GivesEveryInstanceTheSameProviderKeys()
    {
        using var first = portals.BehindProxy.CreateHttpClient();
        using var second = portals.Direct.CreateHttpClient();

        var firstKeys = await first.GetStringAsync(new Uri("/dev-idp/.well-known/jwks", UriKind.Relative));
        var secondKeys = await second.GetStringAsync(new Uri("/dev-idp/.well-known/jwks", UriKind.Relative));

        Assert.Equal(firstKeys, secondKeys);
        Assert.Equal("ES256", JsonDocument.Parse(firstKeys).RootElement.GetProperty("keys")[0].GetProperty("alg").GetString());
    }

    private static async Task<HttpStatusCode> StartSignInAsync(HttpClient client, string forwardedFor)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/account/login?returnUrl=%2F");
        request.Headers.Add("X-Forwarded-For", forwardedFor);
        using var response = await client.SendAsync(request);
        return response.StatusCode;
    }

    private static async Task<JsonElement> DiscoveryAsync(HttpClient client, string forwardedProto, string forwardedHost)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/dev-idp/.well-known/openid-configuration");
        request.Headers.Add("X-Forwarded-Proto", forwardedProto);
        request.Headers.Add("X-Forwarded-Host", forwardedHost);
        using var response = await client.SendAsync(request);
        response.EnsureSuccessStatusCode();
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();
    }

    public sealed class Portals : IAsyncLifetime
    {
        private const string KeySeed = "behind-a-proxy-tests";
        private readonly SqliteTestDatabase _behindProxyDatabase = new();
        private readonly SqliteTestDatabase _directDatabase = new();

        public PortalFactory BehindProxy { get; private set; } = null!;

        public PortalFactory Direct { get; private set; } = null!;

        public Task InitializeAsync()
        {
            BehindProxy = new PortalFactory(_behindProxyDatabase, settings: new Dictionary<string, string?>
            {
                ["ForwardedHeaders:KnownProxies"] = "127.0.0.1, ::1",
                ["Portal:InstanceName"] = "web-1",
                ["DevIdentityProvider:KeySeed"] = KeySeed,
                ["RateLimits:SignInPerMinute"] = "2",
            });
            Direct = new PortalFactory(_directDatabase, settings: new Dictionary<string, string?>
            {
                ["DevIdentityProvider:KeySeed"] = KeySeed,
                ["RateLimits:SignInPerMinute"] = "2",
            });
            BehindProxy.StartServer();
            Direct.StartServer();
            return Task.CompletedTask;
        }

        public async Task DisposeAsync()
        {
            await BehindProxy.DisposeAsync();
            await Direct.DisposeAsync();
            await _behindProxyDatabase.DisposeAsync();
            await _directDatabase.DisposeAsync();
        }
    }
}
