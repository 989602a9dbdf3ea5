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
            return await CurrentRolesAsync(db, subject, CancellationToken.None);
        }) ?? [];

        var identity = new ClaimsIdentity(AuthenticationType, "name", PortalRoles.ClaimType);
        foreach (var role in roles.Where(PortalRoles.IsKnown))
        {
            identity.AddClaim(new Claim(PortalRoles.ClaimType, role));
        }

        // Staff roles live in the portal's own table: a role the identity provider sends (or a cookie made before
        // this rule) is never a portal role.
        var result = new ClaimsPrincipal(principal.Identities.Select(WithoutProviderRoles));
        result.AddIdentity(identity);
        return result;
    }

    /// <summary>The roles the staff list gives the person now (none unless their record is active).</summary>
    public static Task<List<string>> CurrentRolesAsync(PortalDbContext db, string subject, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        return db.StaffMembers.Where(s => s.Subject == subject && s.IsActive)
            .SelectMany(s => s.Roles.Select(r => r.Role))
            .ToListAsync(cancellationToken);
    }

    /// <summary>Claim types an identity provider may use for roles; none of them is trusted.</summary>
    public static readonly IReadOnlySet<string> ProviderRoleClaimTypes = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
    {
        PortalRoles.ClaimType, "roles", ClaimTypes.Role, "http://schemas.microsoft.com/ws/2008/06/identity/claims/role", "groups",
    };

    /// <summary>The identity with any role claims the identity provider sent taken out.</summary>
    public static ClaimsIdentity WithoutProviderRoles(ClaimsIdentity identity)
    {
        ArgumentNullException.ThrowIfNull(identity);
        if (!identity.Claims.Any(c => ProviderRoleClaimTypes.Contains(c.Type)))
        {
            return identity;
        }

        return new ClaimsIdentity(identity.Claims.Where(c => !ProviderRoleClaimTypes.Contains(c.Type)), identity.AuthenticationType, identity.NameClaimType, identity.RoleClaimType);
    }

    public static void Forget(IMemoryCache cache, string subject)
    {
        ArgumentNullException.ThrowIfNull(cache);
        cache.Remove("staff-roles:" + subject);
    }
}
