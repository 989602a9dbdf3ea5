using ParentPortal.Platform.Security;
using System.Security.Claims;
using Microsoft.Extensions.Options;

using ParentPortal.Platform.Hosting;
using ParentPortal.Platform.Settings;

namespace ParentPortal.Features.Admin.Privacy;

public static class PrivacySetup
{
    /// <summary>Retention periods and their clean-up job, and a manager's export and erasure of one family's records.</summary>
    public static WebApplicationBuilder AddPortalPrivacy(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        services.AddOptions<RetentionOptions>().Bind(builder.Configuration.GetSection(RetentionOptions.Section)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<RetentionOptions>, RetentionOptionsValidation>();
        services.AddTransient<RetentionJob>();
        services.AddTransient<FamilyErasure>();
        services.AddTransient<SubjectAccessExport>();
        if (builder.Configuration.GetValue($"{RetentionOptions.Section}:{nameof(RetentionOptions.JobEnabled)}", true))
        {
            services.AddPeriodicJob("retention", TimeSpan.FromHours(1), (provider, cancellationToken) => provider.GetRequiredService<RetentionJob>().RunOnceAsync(cancellationToken));
        }

        return builder;
    }

    /// <summary>
    /// GET /manage/families/{applicationId}/export: the family's records as one ZIP, for a manager (checked
    /// against the staff list now, not the sign-in cookie). Anyone else, signed in or not, gets 404 and no bytes.
    /// </summary>
    public static IEndpointRouteBuilder MapPrivacyEndpoints(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/manage/families/{applicationId:guid}/export", async (Guid applicationId, ClaimsPrincipal user, SubjectAccessExport export, HttpContext context, CancellationToken cancellationToken) =>
        {
            context.Response.Headers.CacheControl = "no-store";
            var file = await export.ExportAsync(user, applicationId, cancellationToken);
            if (file is null)
            {
                return Results.NotFound();
            }

            context.Response.Headers.XContentTypeOptions = "nosniff";
            return Results.File(file.Content, "application/zip", SafeZipName(file.FileName));
        }).AllowAnonymous().RefuseFromOtherSites();
        return endpoints;
    }

    /// <summary>Letters, digits, dot and hyphen only, so the name cannot break out of the Content-Disposition header or a folder.</summary>
    public static string SafeZipName(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        var safe = new string([.. name.Select(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '.' ? c : '-')]).Trim('.', '-');
        return safe.Length == 0 ? "subject-access.zip" : safe.EndsWith(".zip", StringComparison.OrdinalIgnoreCase) ? safe : safe + ".zip";
    }
}
