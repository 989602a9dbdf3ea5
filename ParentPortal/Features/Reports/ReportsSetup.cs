using ParentPortal.Platform.Security;
using System.Security.Claims;
using ParentPortal.Platform.Calendar;

namespace ParentPortal.Features.Reports;

public static class ReportsSetup
{
    public static WebApplicationBuilder AddPortalReports(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddTransient<ReportsQuery>();
        builder.Services.AddTransient<ExportReportHandler>();
        return builder;
    }

    /// <summary>
    /// The CSV export. Signing in is asked for as usual; after that anyone who is not a manager gets 404, decided
    /// by the handler, so the address does not even say there is something here.
    /// </summary>
    public static IEndpointRouteBuilder MapReportEndpoints(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/manage/reports.csv", async (string? from, string? to, ClaimsPrincipal user, ExportReportHandler handler, ReportsQuery reports, TimeProvider clock, HttpContext context, CancellationToken cancellationToken) =>
        {
            if (!await reports.CanSeeAsync(user, cancellationToken))
            {
                return Results.NotFound();
            }

            var parsed = ReportPeriod.Parse(from, to, clock.Today());
            if (parsed.Period is not { } period)
            {
                return Results.Text(string.Join("\n", parsed.Errors.Select(e => e.Message)), "text/plain; charset=utf-8", statusCode: StatusCodes.Status400BadRequest);
            }

            if (await handler.HandleAsync(user, period, cancellationToken) is not { } export)
            {
                return Results.NotFound();
            }

            context.Response.Headers.CacheControl = "no-store";
            context.Response.Headers.ContentDisposition = $"attachment; filename=\"{export.FileName}\"";
            return Results.Bytes(export.Content, ReportCsv.ContentType);
        }).RequireAuthorization().RefuseFromOtherSites();
        return endpoints;
    }
}
