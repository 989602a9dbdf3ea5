using ParentPortal.Platform.Hosting;
using ParentPortal.Platform.Security;

namespace ParentPortal.Features.Apply;

public static class ApplySetup
{
    public static WebApplicationBuilder AddPortalApply(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        services.AddUserRateLimiter(builder.Configuration);
        services.AddSingleton<ApplicationMessages>();
        services.AddTransient<StartApplicationHandler>();
        services.AddTransient<GetApplicationHandler>();
        services.AddTransient<WithdrawApplicationHandler>();
        services.AddTransient<DeleteDraftHandler>();
        services.AddTransient<UnavailableDatesHandler>();
        services.AddTransient<SaveStepHandler>();
        services.AddTransient<SubmitApplicationHandler>();
        services.AddTransient<ListApplicationsHandler>();
        services.AddTransient<ListReferralsHandler>();
        services.AddTransient<ClaimApplicationHandler>();
        services.AddTransient<ShareDraftHandler>();
        services.AddTransient<ChangeSharingHandler>();
        services.AddTransient<DraftRetentionJob>();
        if (builder.Configuration.GetValue("Applications:RetentionJobEnabled", true))
        {
            services.AddPeriodicJob("draft-retention", TimeSpan.FromHours(1), (provider, cancellationToken) => provider.GetRequiredService<DraftRetentionJob>().RunOnceAsync(cancellationToken));
        }

        return builder;
    }
}
