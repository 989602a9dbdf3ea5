using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using ParentPortal.Data;
using ParentPortal.Data.Entities;
using ParentPortal.Platform.Access;
using ParentPortal.Platform.Cases;
using ParentPortal.Platform.Hosting;
using ParentPortal.Platform.Security;
using ParentPortal.Platform.Settings;

namespace ParentPortal.Features.Booking;

public static class BookingSetup
{
    public static WebApplicationBuilder AddPortalBooking(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        services.AddUserRateLimiter(builder.Configuration);
        services.AddSingleton<SessionMessages>();
        services.AddTransient<BookSessionHandler>();
        services.AddTransient<ChangeBookingHandler>();
        services.AddTransient<ManageSessionsHandler>();
        services.AddTransient<RecordChoiceHandler>();
        services.AddTransient<RequestChoiceChangeHandler>();
        services.AddTransient<SessionQueries>();
        services.AddTransient<Staff.SessionPresetsQuery>();
        services.AddTransient<ExpireOffersJob>();
        if (builder.Configuration.GetValue("Sessions:OfferExpiryJobEnabled", true))
        {
            services.AddPeriodicJob("session-offers", TimeSpan.FromMinutes(1), (provider, cancellationToken) => provider.GetRequiredService<ExpireOffersJob>().RunOnceAsync(cancellationToken));
        }

        services.AddCasePanel<Staff.FamilySessionsLink>(CasePanelPlace.StaffLinks);

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
