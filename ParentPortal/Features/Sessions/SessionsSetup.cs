using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using ParentPortal.Data;
using ParentPortal.Data.Entities;
using ParentPortal.Features.Applications;
using ParentPortal.Features.Identity;
using ParentPortal.Features.Security;
using ParentPortal.Features.Service;

namespace ParentPortal.Features.Sessions;

public static class SessionsSetup
{
    public static WebApplicationBuilder AddPortalSessions(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        services.AddUserRateLimiter(builder.Configuration);
        services.AddSingleton<SessionMessages>();
        services.AddTransient<BookSessionHandler>();
        services.AddTransient<ChangeBookingHandler>();
        services.AddTransient<ManageSessionsHandler>();
        services.AddTransient<RecordChoiceHandler>();
        services.AddTransient<SessionQueries>();
        services.AddTransient<ExpireOffersJob>();
        if (builder.Configuration.GetValue("Sessions:OfferExpiryJobEnabled", true))
        {
            services.AddHostedService<ExpireOffersService>();
        }

        return builder;
    }

    /// <summary>The calendar invite for one's own place: the owner only; anyone else (staff and signed-out visitors too) gets 404 and no bytes.</summary>
    public static IEndpointRouteBuilder MapSessionEndpoints(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/sessions/bookings/{bookingId:guid}/invite.ics", async (Guid bookingId, ClaimsPrincipal user, IDbContextFactory<PortalDbContext> contextFactory, ServiceDirectory directory, TimeProvider clock, HttpContext context, CancellationToken cancellationToken) =>
        {
            await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
            var userId = await ApplicationAccess.UserIdAsync(db, user, cancellationToken);
            var booking = userId is null ? null : await db.SessionBookings.AsNoTracking().Include(b => b.Session)
                .FirstOrDefaultAsync(b => b.Id == bookingId && b.UserId == userId && b.Status == BookingStatus.Booked, cancellationToken);
            if (booking?.Session is not { Status: SessionStatus.Scheduled } session)
            {
                return Results.NotFound();
            }

            context.Response.Headers.CacheControl = "no-store";
            var organisation = (await directory.GetAsync(cancellationToken)).Name;
            return Results.File(
                System.Text.Encoding.UTF8.GetBytes(CalendarInvites.Request(session, organisation, clock.GetUtcNow())),
                CalendarInvites.ContentType + "; charset=utf-8",
                CalendarInvites.FileName(session));
        }).AllowAnonymous(); // Checked above against the booking's owner: anyone else, signed in or not, gets the same 404 as for an invented id.
        return endpoints;
    }
}

/// <summary>Every minute, passes on seats whose offers ran out.</summary>
public sealed partial class ExpireOffersService(IServiceProvider services, TimeProvider clock, ILogger<ExpireOffersService> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromMinutes(1), clock);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await services.GetRequiredService<ExpireOffersJob>().RunOnceAsync(stoppingToken);
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                LogFailed(logger, exception.GetType().Name);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Expiring session offers failed ({ExceptionType}); trying again in a minute.")]
    private static partial void LogFailed(ILogger logger, string exceptionType);
}
