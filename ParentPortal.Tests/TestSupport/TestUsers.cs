using System.Security.Claims;
using ParentPortal.Platform.Identity;

namespace ParentPortal.Tests.TestSupport;

/// <summary>Principals as the portal builds them after sign-in (subject, name, and roles from its own data).</summary>
public static class TestUsers
{
    public static ClaimsPrincipal Parent(string subject = "demo-parent", string name = "Sam Taylor") => Make(subject, name);

    public static ClaimsPrincipal Staff(string role, string subject = "demo-staff", string name = "Staff Member") => Make(subject, name, role);

    public static ClaimsPrincipal Anonymous() => new(new ClaimsIdentity());

    public static ClaimsPrincipal Make(string subject, string name, params string[] roles)
    {
        var identity = new ClaimsIdentity([new Claim("sub", subject), new Claim("name", name)], "test", "name", PortalRoles.ClaimType);
        identity.AddClaims(roles.Select(r => new Claim(PortalRoles.ClaimType, r)));
        return new ClaimsPrincipal(identity);
    }
}
