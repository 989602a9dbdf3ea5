using System.Net;
using ParentPortal.Tests.TestSupport;

namespace ParentPortal.Tests.Integration.Identity;

/// <summary>The development provider signs anyone in without a password: it must never run in Production.</summary>
public sealed class DevProviderGuardTests
{
    private static readonly Dictionary<string, string?> RealProvider = new()
    {
        ["Authentication:OpenIdConnect:Authority"] = "https://login.example.invalid",
        ["Authentication:OpenIdConnect:ClientId"] = "parentportal",
        ["Portal:PublicBaseUrl"] = "http://127.0.0.1",
    };

    [Theory]
    [InlineData("Production")]
    [InlineData("Staging")]
    [InlineData("UAT")]
    public async Task SwitchingItOn_OutsideDevelopment_StopsThePortalFromStarting(string environment)
    {
        await using var database = new SqliteTestDatabase();
        await using var portal = new PortalFactory(database, environment: environment, settings: new Dictionary<string, string?>(RealProvider)
        {
            ["DevIdentityProvider:Enabled"] = "true",
        });

        var error = Assert.Throws<InvalidOperationException>(() => portal.StartServer());

        Assert.Contains("DevIdentityProvider:Enabled", error.Message, StringComparison.Ordinal);
        Assert.Contains(environment, error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/dev-idp/login")]
    [InlineData("/dev-idp/.well-known/openid-configuration")]
    [InlineData("/dev-idp/connect/authorize?client_id=parentportal-dev&response_type=code")]
    public async Task InProduction_ItsEndpointsDoNotExist(string path)
    {
        await using var database = new SqliteTestDatabase();
        await using var portal = new PortalFactory(database, environment: "Production", settings: RealProvider);
        using var client = portal.CreateHttpClient();

        using var response = await client.GetAsync(new Uri(path, UriKind.Relative));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        Assert.DoesNotContain("demo account", html, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task InProduction_WithoutAProviderConfigured_ThePortalExplainsWhatToSet()
    {
        await using var database = new SqliteTestDatabase();
        await using var portal = new PortalFactory(database, environment: "Production", settings: new Dictionary<string, string?>
        {
            ["Portal:PublicBaseUrl"] = "http://127.0.0.1",
        });

        var error = Assert.Throws<InvalidOperationException>(() => portal.StartServer());

        Assert.Contains("Authentication:OpenIdConnect:Authority", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task InProduction_TheConfiguredProviderIsUsed()
    {
        await using var database = new SqliteTestDatabase();
        await using var portal = new PortalFactory(database, environment: "Production", settings: RealProvider);

        Assert.Equal("https://login.example.invalid", OidcAuthority(portal));
    }

    private static string? OidcAuthority(PortalFactory portal)
    {
        portal.StartServer();
        var options = Microsoft.Extensions.DependencyInjection.ServiceProviderServiceExtensions
            .GetRequiredService<Microsoft.Extensions.Options.IOptionsMonitor<Microsoft.AspNetCore.Authentication.OpenIdConnect.OpenIdConnectOptions>>(portal.Services);
        return options.Get(ParentPortal.Platform.Identity.AuthenticationSetup.OidcScheme).Authority;
    }

    [Fact]
    public async Task InProduction_TheErrorPageIsFriendlyAndShowsNoInternals()
    {
        await using var database = new SqliteTestDatabase();
        await using var portal = new PortalFactory(database, environment: "Production", settings: RealProvider);
        using var client = portal.CreateHttpClient();

        var html = await client.GetStringAsync(new Uri("/Error", UriKind.Relative));

        Assert.Contains("Sorry, there is a problem with the service", html, StringComparison.Ordinal);
        Assert.Contains("Anything you had already saved is kept", html, StringComparison.Ordinal);
        Assert.DoesNotContain("Exception", html, StringComparison.Ordinal);
        Assert.DoesNotContain("ASPNETCORE_ENVIRONMENT", html, StringComparison.Ordinal);
    }

    /// <summary>Failed before the provider checked where the portal listens: Testing on every address started.</summary>
    [Fact]
    public async Task SwitchingItOn_InTesting_OnANetworkAddress_StopsThePortalFromStarting()
    {
        await using var database = new SqliteTestDatabase();
        await using var portal = new PortalFactory(database, environment: "Testing", listenOnEveryAddress: true, settings: new Dictionary<string, string?>
        {
            ["DevIdentityProvider:Enabled"] = "true",
            ["Portal:PublicBaseUrl"] = "http://127.0.0.1",
        });

        var error = Assert.ThrowsAny<Exception>(() => portal.StartServer());

        Assert.Contains("only runs on loopback", error.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("http://127.0.0.1:5000", true)]
    [InlineData("http://localhost:5080", true)]
    [InlineData("http://[::1]:5000", true)]
    [InlineData("http://0.0.0.0:5000", false)]
    [InlineData("http://[::]:80", false)]
    [InlineData("http://+:80", false)]
    [InlineData("http://*:80", false)]
    [InlineData("https://10.0.0.5:443", false)]
    public void OnlyLoopbackAddressesCount(string address, bool loopback) =>
        Assert.Equal(loopback, ParentPortal.Platform.Identity.DevProvider.LoopbackOnlyGuard.IsLoopback(address));

    /// <summary>Demo staff sign in without a password through the development provider: never seeded outside Development.</summary>
    [Theory]
    [InlineData("Testing")]
    [InlineData("Staging")]
    [InlineData("UAT")]
    [InlineData("Production")]
    public async Task DemoData_OutsideDevelopment_StopsThePortalFromStarting(string environment)
    {
        await using var database = new SqliteTestDatabase();
        await using var portal = new PortalFactory(database, environment: environment, settings: new Dictionary<string, string?>(RealProvider)
        {
            ["Database:SeedDemoData"] = "true",
        });

        var error = Assert.Throws<InvalidOperationException>(() => portal.StartServer());

        Assert.Contains("Database:SeedDemoData", error.Message, StringComparison.Ordinal);
    }
}
