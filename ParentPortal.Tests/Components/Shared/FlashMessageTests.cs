using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Http;
using Microsoft.Net.Http.Headers;
using ParentPortal.Components.Shared;

namespace ParentPortal.Tests.Components.Shared;

public sealed class FlashMessageTests
{
    private readonly FlashMessage _flash = new(new EphemeralDataProtectionProvider());

    [Fact]
    public void AMessageSetBeforeTheRedirect_IsReadOnceOnTheNextPage_ThenForgotten()
    {
        var post = new DefaultHttpContext();
        post.Request.IsHttps = true;
        _flash.Set(post, "/sessions", true, "You have a place on the session.");
        var cookie = SetCookieHeaderValue.Parse(post.Response.Headers.SetCookie.Single());
        Assert.True(cookie.HttpOnly);
        Assert.True(cookie.Secure);
        Assert.Equal("/sessions", cookie.Path.Value);
        Assert.DoesNotContain("place", cookie.Value.Value, StringComparison.Ordinal);

        var get = WithCookie(cookie.Value.Value!);
        Assert.Equal((true, "You have a place on the session."), _flash.Take(get, "/sessions"));
        Assert.Contains("expires=Thu, 01 Jan 1970", get.Response.Headers.SetCookie.Single(), StringComparison.OrdinalIgnoreCase);
    }

    [Theory]
    [InlineData("")]
    [InlineData("not-protected")]
    [InlineData("CfDJ8AAAA")]
    public void ACookieWeDidNotWrite_ShowsNothing(string value) =>
        Assert.Null(_flash.Take(WithCookie(value), "/sessions"));

    [Fact]
    public void AMessageFromAnotherKeyRing_ShowsNothing()
    {
        var post = new DefaultHttpContext();
        new FlashMessage(new EphemeralDataProtectionProvider()).Set(post, "/sessions", false, "Planted words");
        var value = SetCookieHeaderValue.Parse(post.Response.Headers.SetCookie.Single()).Value.Value!;
        Assert.Null(_flash.Take(WithCookie(value), "/sessions"));
    }

    private static DefaultHttpContext WithCookie(string value)
    {
        var context = new DefaultHttpContext();
        context.Request.Headers.Cookie = $"pp-flash={value}";
        return context;
    }
}
