using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;
using ParentPortal.Data;

namespace ParentPortal.Platform.Identity;

/// <summary>
/// Adds staff role claims from the portal's own data on each request. Roles are not kept in the
/// cookie, so a role a manager removes stops working within the cache period, not at next sign-in.
/// </summary>
public sealed class StaffRoleClaimsTransformation(IDbContextFactory<PortalDbContext> contextFactory, IMemoryCache cache) : IClaimsTransformation
{
    private const string AuthenticationType = "portal-roles";
    private static readonly TimeSpan CacheFor = TimeSpan.FromSeconds(30);

    public async Task<ClaimsPrincipal> TransformAsync(ClaimsPrincipal principal)
    {
        ArgumentNullException.ThrowIfNull(principal);
        var subject = principal.Subject();
        if (subject is null || principal.Identities.Any(i => i.AuthenticationType == AuthenticationType))
        {
            return principal;
        }

        var roles = await cache.GetOrCreateAsync("staff-roles:" + subject, async entry =>
        {
            entry.AbsoluteExpirationRelativeToNow = CacheFor;
            await using var db = await contextFactory.CreateDbContextAsync();
            return await db.StaffMembers
                .Where(s => s.Subject == subject && s.IsActive)
                .SelectMany(s => s.Roles.Select(r => r.Role))
                .ToListAsync();
        }) ?? [];

        var identity = new ClaimsIdentity(AuthenticationType, "name", PortalRoles.ClaimType);
        foreach (var role in roles.Where(PortalRoles.IsKnown))
        {
            identity.AddClaim(new Claim(PortalRoles.ClaimType, role));
        }

        var result = new ClaimsPrincipal(principal.Identities);
        result.AddIdentity(identity);
        return result;
    }

    public static void Forget(IMemoryCache cache, string subject)
    {
        ArgumentNullException.ThrowIfNull(cache);
        cache.Remove("staff-roles:" + subject);
    }
}
