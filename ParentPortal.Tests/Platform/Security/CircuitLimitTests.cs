using System.Security.Claims;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging.Abstractions;
using ParentPortal.Platform.Security;
using ParentPortal.Tests.TestSupport;

namespace ParentPortal.Tests.Platform.Security;

/// <summary>The per-person circuit cap: counting, refusing one too many, and letting go when circuits close.</summary>
public sealed class CircuitLimitTests
{
    private readonly OpenCircuits _open = new(new CircuitLimitOptions { MaxPerUser = 2 });

    [Fact]
    public void OpenCircuits_UpToTheLimit_ThenRefuses_AndCountsPeopleSeparately()
    {
        Assert.True(_open.TryOpen("demo-parent"));
        Assert.True(_open.TryOpen("demo-parent"));
        Assert.False(_open.TryOpen("demo-parent"));
        Assert.True(_open.TryOpen("demo-parent-2"));

        _open.Close("demo-parent");

        Assert.Equal(1, _open.CountFor("demo-parent"));
        Assert.True(_open.TryOpen("demo-parent"));
    }

    [Fact]
    public void OpenCircuits_ClosedMoreOftenThanOpened_NeverGoesBelowNothing()
    {
        _open.TryOpen("demo-parent");
        _open.Close("demo-parent");
        _open.Close("demo-parent");

        Assert.Equal(0, _open.CountFor("demo-parent"));
        Assert.True(_open.TryOpen("demo-parent"));
        Assert.True(_open.TryOpen("demo-parent"));
        Assert.False(_open.TryOpen("demo-parent"));
    }

    [Fact]
    public async Task Handler_OneCircuitTooMany_IsRefused_IgnoresTheBrowser_AndSendsTheTabToTheExplanation()
    {
        var first = Handler(TestUsers.Parent(), out _);
        var second = Handler(TestUsers.Parent(), out _);
        var third = Handler(TestUsers.Parent(), out var thirdNavigation);
        await first.OnCircuitOpenedAsync(null!, default);
        await second.OnCircuitOpenedAsync(null!, default);

        await third.OnCircuitOpenedAsync(null!, default);

        Assert.True(third.Refused);
        Assert.Equal("http://portal.test/too-many-windows?returnUrl=%2Fsessions%3Fapplication%3D1", thirdNavigation.NavigatedTo);
        Assert.True(thirdNavigation.ForceLoad);
        var handled = false;
        await third.CreateInboundActivityHandler(_ => { handled = true; return Task.CompletedTask; })(null!);
        Assert.False(handled);
        Assert.Equal(2, _open.CountFor("demo-parent"));
    }

    [Fact]
    public async Task Handler_WhenACircuitCloses_MakesRoomForAnother()
    {
        var first = Handler(TestUsers.Parent(), out _);
        var second = Handler(TestUsers.Parent(), out _);
        await first.OnCircuitOpenedAsync(null!, default);
        await second.OnCircuitOpenedAsync(null!, default);

        await first.OnCircuitClosedAsync(null!, default);
        await first.OnCircuitClosedAsync(null!, default);
        var third = Handler(TestUsers.Parent(), out _);
        await third.OnCircuitOpenedAsync(null!, default);

        Assert.False(third.Refused);
        Assert.Equal(2, _open.CountFor("demo-parent"));
        var handled = false;
        await third.CreateInboundActivityHandler(_ => { handled = true; return Task.CompletedTask; })(null!);
        Assert.True(handled);
    }

    /// <summary>
    /// Issue 12 item 8: visitors who are not signed in are counted per network address and in all. Failed before: any
    /// number of anonymous circuits was let through.
    /// </summary>
    [Fact]
    public async Task Handler_VisitorsNotSignedIn_AreCappedPerAddress_AndInAll()
    {
        var open = new OpenCircuits(new CircuitLimitOptions { MaxPerUser = 2, MaxPerAnonymousAddress = 3, MaxAnonymous = 5 });
        var fromSchool = new List<CircuitLimitHandler>();
        for (var i = 0; i < 4; i++)
        {
            var handler = Handler(open, TestUsers.Anonymous(), "203.0.113.7", out _);
            await handler.OnCircuitOpenedAsync(null!, default);
            fromSchool.Add(handler);
        }

        Assert.Equal([false, false, false, true], fromSchool.Select(h => h.Refused));
        var elsewhere = Handler(open, TestUsers.Anonymous(), "198.51.100.1", out _);
        var elsewhereToo = Handler(open, TestUsers.Anonymous(), "198.51.100.1", out _);
        var third = Handler(open, TestUsers.Anonymous(), "192.0.2.9", out var thirdNavigation);
        await elsewhere.OnCircuitOpenedAsync(null!, default);
        await elsewhereToo.OnCircuitOpenedAsync(null!, default);
        await third.OnCircuitOpenedAsync(null!, default);

        Assert.False(elsewhere.Refused);
        Assert.False(elsewhereToo.Refused);
        Assert.True(third.Refused); // five visitors' circuits are open in all
        Assert.StartsWith("http://portal.test/too-many-windows", thirdNavigation.NavigatedTo, StringComparison.Ordinal);
        var signedIn = Handler(open, TestUsers.Parent(), "192.0.2.9", out _);
        await signedIn.OnCircuitOpenedAsync(null!, default);
        Assert.False(signedIn.Refused); // a signed-in person has their own allowance

        await fromSchool[0].OnCircuitClosedAsync(null!, default);
        await fromSchool[3].OnCircuitClosedAsync(null!, default); // refused: never counted, so closing frees nothing
        Assert.Equal(4, open.Anonymous);
        var again = Handler(open, TestUsers.Anonymous(), "203.0.113.7", out _);
        await again.OnCircuitOpenedAsync(null!, default);
        Assert.False(again.Refused);
    }

    private CircuitLimitHandler Handler(ClaimsPrincipal user, out RecordingNavigationManager navigation) => Handler(_open, user, "127.0.0.1", out navigation);

    private static CircuitLimitHandler Handler(OpenCircuits open, ClaimsPrincipal user, string address, out RecordingNavigationManager navigation)
    {
        navigation = new RecordingNavigationManager();
        var context = new DefaultHttpContext();
        context.Connection.RemoteIpAddress = System.Net.IPAddress.Parse(address);
        return new CircuitLimitHandler(open, new FixedAuthenticationState(user), navigation, new HttpContextAccessor { HttpContext = context }, NullLogger<CircuitLimitHandler>.Instance);
    }

    private sealed class FixedAuthenticationState(ClaimsPrincipal user) : AuthenticationStateProvider
    {
        public override Task<AuthenticationState> GetAuthenticationStateAsync() => Task.FromResult(new AuthenticationState(user));
    }

    private sealed class RecordingNavigationManager : NavigationManager
    {
        public RecordingNavigationManager() => Initialize("http://portal.test/", "http://portal.test/sessions?application=1");

        public string? NavigatedTo { get; private set; }

        public bool ForceLoad { get; private set; }

        protected override void NavigateToCore(string uri, NavigationOptions options)
        {
            NavigatedTo = ToAbsoluteUri(uri).AbsoluteUri;
            ForceLoad = options.ForceLoad;
        }
    }
}
