namespace ParentPortal.Features.Cases;

public static class CasesSetup
{
    public static WebApplicationBuilder AddPortalCases(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        services.AddTransient<CaseQueueQuery>();
        services.AddTransient<CaseDetailsQuery>();
        services.AddTransient<CaseCommands>();
        services.AddTransient<FamilySearchQuery>();
        services.AddTransient<CallLogHandler>();
        services.AddTransient<PhoneApplications>();
        services.AddTransient<SurveyHandler>();
        return builder;
    }
}
