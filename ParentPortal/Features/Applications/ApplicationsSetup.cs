using ParentPortal.Features.Security;

namespace ParentPortal.Features.Applications;

public static class ApplicationsSetup
{
    public static WebApplicationBuilder AddPortalApplications(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        services.Configure<ApplicationOptions>(builder.Configuration.GetSection(ApplicationOptions.Section));
        services.AddUserRateLimiter(builder.Configuration);
        services.AddSingleton<TriageContextSource>();
        services.AddSingleton<ApplicationMessages>();
        services.AddTransient<StartApplicationHandler>();
        services.AddTransient<GetApplicationHandler>();
        services.AddTransient<SaveStepHandler>();
        services.AddTransient<SubmitApplicationHandler>();
        services.AddTransient<ListApplicationsHandler>();
        services.AddTransient<DraftRetentionJob>();
        if (builder.Configuration.GetValue("Applications:RetentionJobEnabled", true))
        {
            services.AddHostedService<DraftRetentionService>();
        }

        return builder;
    }
}
