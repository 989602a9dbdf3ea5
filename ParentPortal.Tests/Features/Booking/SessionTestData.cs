using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using ParentPortal.Data.Entities;
using ParentPortal.Domain.Meetings;
using ParentPortal.Features.Booking;
using ParentPortal.Platform.Identity;
using ParentPortal.Tests.TestSupport;

namespace ParentPortal.Tests.Features.Booking;

internal static class SessionTestData
{
    public static readonly ClaimsPrincipal Adviser = TestUsers.Make("demo-adviser", "Priya Shah", PortalRoles.Adviser);

    /// <summary>A session starting in <paramref name="startsIn"/>, created through the real handler.</summary>
    /// <param name="area">The local authority's code when the session is for one area's families only.</param>
    public static async Task<int> CreateSessionAsync(ApplicationsHost host, int capacity, TimeSpan startsIn, bool online = true, string? area = null, string title = "Mediation Information and Awareness Session")
    {
        int hostId;
        int? areaId;
        await using (var db = await host.DbAsync())
        {
            hostId = await db.StaffMembers.Where(s => s.Subject == "demo-adviser").Select(s => s.Id).SingleAsync();
            areaId = area is null ? null : await db.LocalAuthorities.Where(l => l.Code == area).Select(l => (int?)l.Id).SingleAsync();
        }

        var start = host.Clock.GetUtcNow() + startsIn;
        var result = await host.Get<ManageSessionsHandler>().SaveAsync(Adviser, null, new SessionForm
        {
            Title = title,
            LocalAuthorityId = areaId,
            StartsAt = start,
            EndsAt = start.AddHours(1),
            Format = online ? SessionFormat.Online : SessionFormat.InPerson,
            MeetingLink = online ? "https://meet.example.org/mias" : null,
            VenueName = online ? null : "Community Centre",
            VenueAddress = online ? null : "12 High Street",
            Capacity = capacity,
            Language = "English",
            HostId = hostId,
        });
        Assert.True(result.Succeeded, string.Join("; ", result.Errors.Select(e => e.Message)));
        return result.SessionId!.Value;
    }

    /// <summary>Parents who have signed in (so they have a user row), each with an e-mail address.</summary>
    public static async Task<ClaimsPrincipal[]> ParentsAsync(ApplicationsHost host, int count, string prefix = "parent")
    {
        await using var db = await host.DbAsync();
        var now = host.Clock.GetUtcNow();
        var parents = new ClaimsPrincipal[count];
        for (var i = 0; i < count; i++)
        {
            var subject = $"{prefix}-{i}";
            db.Users.Add(new PortalUser { Id = Guid.NewGuid(), Subject = subject, DisplayName = $"Parent {i}", Email = $"{subject}@example.com", FirstSignedInAt = now, LastSignedInAt = now });
            parents[i] = TestUsers.Parent(subject, $"Parent {i}");
        }

        await db.SaveChangesAsync();
        return parents;
    }
}
