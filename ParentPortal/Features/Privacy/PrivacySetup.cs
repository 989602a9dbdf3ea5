using Microsoft.Extensions.Options;

namespace ParentPortal.Features.Privacy;

public static class PrivacySetup
{
    /// <summary>Retention periods and their clean-up job.</summary>
    public static WebApplicationBuilder AddPortalPrivacy(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        services.AddOptions<RetentionOptions>().Bind(builder.Configuration.GetSection(RetentionOptions.Section)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<RetentionOptions>, RetentionOptionsValidation>();
        services.AddTransient<RetentionJob>();
        if (builder.Configuration.GetValue($"{RetentionOptions.Section}:{nameof(RetentionOptions.JobEnabled)}", true))
        {
            services.AddHostedService<RetentionService>();
        }

        return builder;
    }
}
