using Microsoft.AspNetCore.Authorization;

namespace ParentPortal.Platform.Identity;

/// <summary>Staff roles, held in the portal's data. Anyone signed in without one is a parent.</summary>
public static class PortalRoles
{
    public const string Adviser = "adviser";
    public const string Mediator = "mediator";
    public const string LaOfficer = "la-officer";
    public const string Manager = "manager";

    public const string ClaimType = "role";

    public static readonly IReadOnlyList<string> All = [Adviser, Mediator, LaOfficer, Manager];

    public static bool IsKnown(string role) => All.Contains(role, StringComparer.Ordinal);
}

public static class PortalPolicies
{
    public static AuthorizationBuilder AddTo(AuthorizationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder
            .AddPolicy(Staff, policy => policy.RequireAuthenticatedUser().RequireRole(PortalRoles.All))
            .AddPolicy(Manager, policy => policy.RequireAuthenticatedUser().RequireRole(PortalRoles.Manager))
            .AddPolicy(Parent, policy => policy.RequireAuthenticatedUser()
                .RequireAssertion(context => !PortalRoles.All.Any(context.User.IsInRole)));
    }

    /// <summary>Any member of staff (adviser, mediator, LA officer or manager).</summary>
    public const string Staff = "staff";

    public const string Manager = "manager";

    /// <summary>Signed in without a staff role: a parent, carer or young person.</summary>
    public const string Parent = "parent";
}
