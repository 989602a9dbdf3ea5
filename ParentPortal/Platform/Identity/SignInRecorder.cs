using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.EntityFrameworkCore;
using ParentPortal.Data;
using ParentPortal.Data.Entities;

namespace ParentPortal.Platform.Identity;

/// <summary>Records who has signed in (subject, name, e-mail) so staff can find and contact them.</summary>
public static partial class SignInRecorder
{
    public static async Task OnTokenValidatedAsync(TokenValidatedContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var principal = context.Principal;
        var subject = principal?.FindFirst("sub")?.Value;
        if (principal is null || string.IsNullOrEmpty(subject))
        {
            context.Fail("The sign-in service did not say who you are.");
            return;
        }

        // Role claims from the provider never reach the sign-in cookie: the portal's roles come from its own table.
        context.Principal = new System.Security.Claims.ClaimsPrincipal(principal.Identities.Select(StaffRoleClaimsTransformation.WithoutProviderRoles));
        var services = context.HttpContext.RequestServices;
        var factory = services.GetRequiredService<IDbContextFactory<PortalDbContext>>();
        var now = services.GetRequiredService<TimeProvider>().GetUtcNow();
        var ct = context.HttpContext.RequestAborted;
        await using var db = await factory.CreateDbContextAsync(ct);
        var user = await db.Users.FirstOrDefaultAsync(u => u.Subject == subject, ct);
        if (user is null)
        {
            user = new PortalUser { Id = Guid.NewGuid(), Subject = subject, FirstSignedInAt = now };
            db.Users.Add(user);
        }

        user.DisplayName = Truncate(principal.FindFirst("name")?.Value, 200);
        user.Email = Truncate(principal.FindFirst("email")?.Value, 320);
        user.LastSignedInAt = now;
        // Open tabs from before a later sign-out elsewhere are ended by comparing this with PortalUser.SignedOutAt.
        context.Principal.Identities.First().AddClaim(RevalidatingPortalAuthenticationState.SignedInAtClaimFor(now));
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            // Two first sign-ins for one subject at the same moment: the other request made the row.
            LogConcurrentFirstSignIn(services.GetRequiredService<ILogger<PortalUser>>(), user.Id);
        }
    }

    private static string? Truncate(string? value, int max) => value is null || value.Length <= max ? value : value[..max];

    [LoggerMessage(Level = LogLevel.Information, Message = "Concurrent first sign-in for user {UserId}; kept the existing record.")]
    private static partial void LogConcurrentFirstSignIn(ILogger logger, Guid userId);
}
