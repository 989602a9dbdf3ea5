using ParentPortal.Platform.Cases;
using ParentPortal.Platform.Security;

namespace ParentPortal.Features.Advisers;

public static class AdvisersSetup
{
    public static WebApplicationBuilder AddPortalAdvisers(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        services.AddTransient<UndeliveredMessagesHandler>();
        services.AddTransient<CallLogHandler>();
        services.AddTransient<StartPhoneApplicationHandler>();
        services.AddTransient<InviteFamilyHandler>();
        services.AddTransient<OpenSharedDraftHandler>();
        services.AddUserRateLimiter(builder.Configuration);
        services.AddCasePanel<FamilyInvitationPanel>(CasePanelPlace.StaffFamily);
        return builder;
    }
}
