using System.Security.Claims;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
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

    [Fact]
    public async Task Handler_ForSomeoneNotSignedIn_CountsNothing()
    {
        for (var i = 0; i < 5; i++)
        {
            var handler = Handler(TestUsers.Anonymous(), out _);
            await handler.OnCircuitOpenedAsync(null!, default);
            Assert.False(handler.Refused);
        }
    }

    private CircuitLimitHandler Handler(ClaimsPrincipal user, out RecordingNavigationManager navigation)
    {
        navigation = new RecordingNavigationManager();
        return new CircuitLimitHandler(_open, new FixedAuthenticationState(user), navigation, NullLogger<CircuitLimitHandler>.Instance);
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
