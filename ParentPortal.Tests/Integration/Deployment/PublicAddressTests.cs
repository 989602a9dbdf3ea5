using System.Net;
using Microsoft.Extensions.DependencyInjection;
using ParentPortal.Features.Documents;
using ParentPortal.Tests.TestSupport;

namespace ParentPortal.Tests.Integration.Deployment;

/// <summary>
/// The address printed on documents is the configured public address, never one a browser or request supplies:
/// outside Development the portal does not start without it, and answers only requests for its host.
/// </summary>
public sealed class PublicAddressTests
{
    private static Dictionary<string, string?> Production(string? publicBaseUrl) => new()
    {
        ["Authentication:OpenIdConnect:Authority"] = "https://login.example.invalid",
        ["Authentication:OpenIdConnect:ClientId"] = "parentportal",
        ["Messaging:DispatcherEnabled"] = "false",
        ["Portal:PublicBaseUrl"] = publicBaseUrl,
    };

    /// <summary>Failed before the fix: the portal started, and printed whatever address the last signer's browser used.</summary>
    [Theory]
    [InlineData("Production")]
    [InlineData("Staging")]
    public async Task OutsideDevelopment_WithoutThePublicAddress_ThePortalDoesNotStart(string environment)
    {
        await using var database = new SqliteTestDatabase();
        await using var portal = new PortalFactory(database, environment: environment, settings: Production(publicBaseUrl: null));

        var error = Assert.Throws<InvalidOperationException>(() => portal.StartServer());

        Assert.Contains("Portal:PublicBaseUrl", error.Message, StringComparison.Ordinal);
    }

    /// <summary>Failed before the fix: AllowedHosts was "*", so any Host header was answered.</summary>
    [Fact]
    public async Task OutsideDevelopment_OnlyRequestsForThePublicHostAreAnswered()
    {
        await using var database = new SqliteTestDatabase();
        await using var portal = new PortalFactory(database, environment: "Production", settings: Production("http://127.0.0.1"));
        using var client = portal.CreateHttpClient();

        using var own = await client.GetAsync(new Uri("/", UriKind.Relative));
        using var request = new HttpRequestMessage(HttpMethod.Get, "/");
        request.Headers.Host = "portal.attacker.example";
        using var other = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, own.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, other.StatusCode);
    }

    [Fact]
    public async Task TheVerificationLink_IsTheConfiguredAddress()
    {
        await using var database = new SqliteTestDatabase();
        await using var portal = new PortalFactory(database, environment: "Production", settings: Production("https://mediation.example.org/"));
        portal.StartServer();

        var link = portal.Services.GetRequiredService<VerificationLinks>().For("ABCDEFGHJKMNP");

        Assert.Equal("https://mediation.example.org/verify/" + VerificationCodes.Display("ABCDEFGHJKMNP"), link);
    }

    [Fact]
    public async Task InDevelopment_WithoutTheSetting_TheLinkIsTheAddressThePortalListensOn()
    {
        await using var database = new SqliteTestDatabase();
        await using var portal = new PortalFactory(database);
        var port = portal.BaseAddress.Port;

        var link = portal.Services.GetRequiredService<VerificationLinks>().For("ABCDEFGHJKMNP");

        Assert.StartsWith("http://", link, StringComparison.Ordinal);
        Assert.EndsWith(":" + port + "/verify/" + VerificationCodes.Display("ABCDEFGHJKMNP"), link, StringComparison.Ordinal);
    }
}
