using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Mvc;

namespace ParentPortal.Platform.Identity;

public static class AccountEndpoints
{
    public static IEndpointRouteBuilder MapAccountEndpoints(this IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup("/account");

        group.MapGet("/login", (string? returnUrl) => TypedResults.Challenge(
            new AuthenticationProperties { RedirectUri = LocalReturnUrl.Sanitize(returnUrl) },
            [AuthenticationSetup.OidcScheme])).AllowAnonymous().RequireRateLimiting(AuthenticationSetup.SignInRateLimit);

        // POST with an antiforgery token, so another site cannot sign someone out. Signing out of
        // both schemes ends the portal's session and then the provider's (RP-initiated logout).
        group.MapPost("/logout", ([FromForm] string? returnUrl) => TypedResults.SignOut(
            new AuthenticationProperties { RedirectUri = LocalReturnUrl.Sanitize(returnUrl) },
            [AuthenticationSetup.CookieScheme, AuthenticationSetup.OidcScheme])).AllowAnonymous();

        return endpoints;
    }
}
