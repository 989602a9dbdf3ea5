using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using ParentPortal.Data;

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
        // both schemes ends the portal's session and then the provider's (RP-initiated logout). The time is kept, so
        // tabs still open from this sign-in are signed out too (RevalidatingPortalAuthenticationState).
        group.MapPost("/logout", async ([FromForm] string? returnUrl, ClaimsPrincipal user, IDbContextFactory<PortalDbContext> contextFactory, TimeProvider clock, CancellationToken cancellationToken) =>
        {
            if (user.Subject() is { } subject)
            {
                await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
                var now = clock.GetUtcNow();
                await db.Users.Where(u => u.Subject == subject).ExecuteUpdateAsync(u => u.SetProperty(x => x.SignedOutAt, now), cancellationToken);
            }

            return TypedResults.SignOut(
                new AuthenticationProperties { RedirectUri = LocalReturnUrl.Sanitize(returnUrl) },
                [AuthenticationSetup.CookieScheme, AuthenticationSetup.OidcScheme]);
        }).AllowAnonymous();

        return endpoints;
    }
}
