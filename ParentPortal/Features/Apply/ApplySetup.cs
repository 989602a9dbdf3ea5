using System.Security.Claims;
using ParentPortal.Platform.Calendar;
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
        services.AddTransient<AskForCorrectionHandler>();
        services.AddTransient<ChangeContactDetailsHandler>();
        services.AddTransient<FamilyCaseQuery>();
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

    /// <summary>
    /// "Add to calendar" on the family's case page: a meeting they attend, as an iCalendar file. Checked against the case's
    /// owner in the handler, so anyone else (signed in or not) gets the same 404 as for an invented id.
    /// </summary>
    public static IEndpointRouteBuilder MapApplyEndpoints(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/applications/{applicationId:guid}/meetings/{meetingId:guid}/calendar.ics", async (Guid applicationId, Guid meetingId, ClaimsPrincipal user, FamilyCaseQuery query, HttpContext context, CancellationToken cancellationToken) =>
        {
            context.Response.Headers.CacheControl = "no-store";
            var file = await query.CalendarAsync(user, applicationId, meetingId, cancellationToken);
            if (file is null)
            {
                return Results.NotFound();
            }

            context.Response.Headers.XContentTypeOptions = "nosniff";
            return Results.File(System.Text.Encoding.UTF8.GetBytes(file.Content), MeetingInvites.ContentType + "; charset=utf-8", file.FileName);
        }).AllowAnonymous().RefuseFromOtherSites();
        return endpoints;
    }
}
