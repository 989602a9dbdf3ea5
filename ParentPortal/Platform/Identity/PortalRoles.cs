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
                .RequireAssertion(context => !PortalRoles.All.Any(context.User.IsInRole)))
            .AddPolicy(Referrer, policy => policy.RequireAuthenticatedUser()
                .RequireAssertion(context => IsReferrer(context.User)))
            .AddPolicy(Applicant, policy => policy.RequireAuthenticatedUser()
                .RequireAssertion(context => !PortalRoles.All.Any(context.User.IsInRole) || IsReferrer(context.User)));
    }

    /// <summary>
    /// A local authority officer and nothing else: they refer families and ask for facilitation from their own account
    /// (issue 13 item 3), through the same questions as a school's SENCo. Advisers and managers fill applications in for
    /// callers instead (the phone application), and mediators do not apply.
    /// </summary>
    private static bool IsReferrer(System.Security.Claims.ClaimsPrincipal user) =>
        user.IsInRole(PortalRoles.LaOfficer) && !user.IsInRole(PortalRoles.Adviser) && !user.IsInRole(PortalRoles.Manager) && !user.IsInRole(PortalRoles.Mediator);

    /// <summary>Any member of staff (adviser, mediator, LA officer or manager).</summary>
    public const string Staff = "staff";

    public const string Manager = "manager";

    /// <summary>Signed in without a staff role: a parent, carer or young person.</summary>
    public const string Parent = "parent";

    /// <summary>A local authority officer (with no other staff role), who may refer a family or ask for facilitation.</summary>
    public const string Referrer = "referrer";

    /// <summary>Who may start and fill in an application: a parent, carer or young person, or a referring LA officer.</summary>
    public const string Applicant = "applicant";
}
