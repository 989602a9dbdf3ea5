using Microsoft.EntityFrameworkCore;
using ParentPortal.Data;
using ParentPortal.Data.Entities;
using ParentPortal.Domain.Meetings;
using ParentPortal.Platform.Calendar;
using ParentPortal.Platform.Identity;

namespace ParentPortal.Platform.Hosting.Seeding;

/// <summary>
/// Demo staff for Development. Their subjects match the demo accounts that the development OpenID
/// provider offers (appsettings.Development.json), so signing in as "demo-adviser" gives the adviser role.
/// Anyone who signs in is a parent; the demo parents are seeded as users so staff can find them
/// before their first sign-in.
/// </summary>
public static class DemoData
{
    public static readonly IReadOnlyList<(string Subject, string Name, string Email, string Role, string? LocalAuthorityCode)> Staff =
    [
        ("demo-adviser", "Priya Shah", "priya.shah@example.org", PortalRoles.Adviser, null),
        ("demo-mediator", "Tom Okafor", "tom.okafor@example.org", PortalRoles.Mediator, null),
        ("demo-la-officer", "Gwen Ellis", "gwen.ellis@example.org", PortalRoles.LaOfficer, "herts"),
        ("demo-manager", "Martin Fowler-Hughes", "martin.fowler-hughes@example.org", PortalRoles.Manager, null),
    ];

    public static readonly IReadOnlyList<(string Subject, string Name, string Email)> Parents =
    [
        ("demo-parent", "Sam Taylor", "sam.taylor@example.com"),
        ("demo-parent-2", "Łukasz Dvořák", "lukasz.dvorak@example.com"),
        ("demo-young-person", "Siân O'Brien-Núñez", "sian.obrien@example.com"),
    ];

    public static async Task SeedAsync(PortalDbContext db, TimeProvider clock, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(clock);
        var now = clock.GetUtcNow();
        foreach (var (subject, name, email) in Parents)
        {
            if (!await db.Users.AnyAsync(u => u.Subject == subject, cancellationToken))
            {
                db.Users.Add(new PortalUser { Id = Guid.NewGuid(), Subject = subject, DisplayName = name, Email = email, FirstSignedInAt = now, LastSignedInAt = now });
            }
        }

        foreach (var (subject, name, email, role, laCode) in Staff)
        {
            if (await db.StaffMembers.AnyAsync(s => s.Subject == subject, cancellationToken))
            {
                continue;
            }

            int? laId = laCode is null
                ? null
                : await db.LocalAuthorities.Where(l => l.Code == laCode).Select(l => (int?)l.Id).FirstOrDefaultAsync(cancellationToken);
            db.StaffMembers.Add(new StaffMember
            {
                Subject = subject,
                DisplayName = name,
                Email = email,
                LocalAuthorityId = laId,
                Roles = [new StaffRole { Role = role }],
            });
        }

        await db.SaveChangesAsync(cancellationToken);
        await SeedSessionsAsync(db, now, cancellationToken);
        await SeedSettingsAsync(db, cancellationToken);
    }

    /// <summary>Areas ("quadrants", each with its own line in the seed service), by local authority code.</summary>
    public static readonly IReadOnlyList<(string LocalAuthorityCode, string Name, string? HelplinePhone)> Areas =
    [
        ("herts", "North", "01632 960 101"),
        ("herts", "South", "01632 960 102"),
        ("herts", "East", "01632 960 103"),
        ("herts", "West", "01632 960 104"),
        ("beds", "Bedford and Kempston", null),
        ("beds", "Rural Bedford", null),
        ("essex", "North Essex", "01632 960 201"),
        ("essex", "Mid Essex", "01632 960 202"),
        ("essex", "South Essex", "01632 960 203"),
        ("essex", "West Essex", "01632 960 204"),
    ];

    /// <summary>
    /// Areas for each local authority that has none yet, and two venues and three session types when
    /// there are none: running it again, or after a manager has changed them, adds nothing.
    /// </summary>
    private static async Task SeedSettingsAsync(PortalDbContext db, CancellationToken cancellationToken)
    {
        var authorities = await db.LocalAuthorities.ToDictionaryAsync(l => l.Code, l => l.Id, cancellationToken);
        var withAreas = (await db.Areas.Select(a => a.LocalAuthorityId).Distinct().ToListAsync(cancellationToken)).ToHashSet();
        foreach (var (code, name, phone) in Areas)
        {
            if (authorities.TryGetValue(code, out var laId) && !withAreas.Contains(laId))
            {
                db.Areas.Add(new Area { LocalAuthorityId = laId, Name = name, HelplinePhone = phone });
            }
        }

        if (!await db.Venues.AnyAsync(cancellationToken))
        {
            db.Venues.Add(new Venue
            {
                Name = "Hatfield Community Centre",
                Address = "12 High Street, Hatfield AL10 0AA",
                AccessInformation = "Step-free entrance and an accessible toilet on the ground floor. Hearing loop in the meeting room. Free parking at the rear; 10 minutes' walk from Hatfield station.",
                LocalAuthorityId = authorities.TryGetValue("herts", out var herts) ? herts : null,
            });
            db.Venues.Add(new Venue
            {
                Name = "Chelmsford Library meeting room",
                Address = "Market Road, Chelmsford CM1 1QH",
                AccessInformation = "Lift to the first-floor meeting room and an accessible toilet. No parking on site; the Market Road car park is next door.",
                LocalAuthorityId = authorities.TryGetValue("essex", out var essex) ? essex : null,
            });
        }

        if (!await db.IndependentSupporters.AnyAsync(cancellationToken))
        {
            // The demo's pool of Independent Parental Supporters (issue 13 item 8); addresses on example.org, which takes no mail.
            db.IndependentSupporters.Add(new IndependentSupporter { Name = "Grace Mensah", Email = "grace.mensah@ips.example.org", Phone = "07700 900 414", Notes = "Speaks Twi. Hertfordshire and north London." });
            db.IndependentSupporters.Add(new IndependentSupporter { Name = "Dafydd Hughes", Email = "dafydd.hughes@ips.example.org", Notes = "Speaks Welsh. Essex and Bedfordshire; evenings only." });
        }

        if (!await db.SessionTemplates.AnyAsync(cancellationToken))
        {
            db.SessionTemplates.Add(new SessionTemplate
            {
                Kind = SessionType.InformationSession,
                DefaultTitle = "Mediation Information and Awareness Session",
                DefaultDescription = "What mediation is, how it works, and what happens if you decide not to have it. Bring your questions.",
                DefaultDurationMinutes = 60,
                DefaultCapacity = 12,
            });
            db.SessionTemplates.Add(new SessionTemplate
            {
                Kind = SessionType.Workshop,
                DefaultTitle = "Understanding EHC plans workshop",
                DefaultDescription = "How education, health and care plans are written and reviewed, what each section means, and how to ask for changes.",
                DefaultDurationMinutes = 120,
                DefaultCapacity = 30,
            });
            db.SessionTemplates.Add(new SessionTemplate
            {
                Kind = SessionType.Event,
                DefaultTitle = "Parent Partnership information day",
                DefaultDescription = "A day of short talks and stalls from local services, schools and support groups, with advisers on hand to answer questions.",
                DefaultDurationMinutes = 300,
                DefaultCapacity = 200,
            });
        }

        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>A few upcoming information sessions, online and at venues, one nearly full.</summary>
    private static async Task SeedSessionsAsync(PortalDbContext db, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (await db.InformationSessions.AnyAsync(cancellationToken))
        {
            return;
        }

        var host = await db.StaffMembers.Where(s => s.Subject == "demo-adviser").Select(s => s.Id).FirstAsync(cancellationToken);
        var areas = await db.LocalAuthorities.OrderBy(l => l.Name).Select(l => new { l.Id, l.Name }).ToListAsync(cancellationToken);
        var today = UkDates.DateIn(now);
        var day = 3;
        foreach (var area in areas)
        {
            db.InformationSessions.Add(Session(host, area.Id, "Mediation Information and Awareness Session", today.AddDays(day), online: true, capacity: 12, now));
            db.InformationSessions.Add(Session(host, area.Id, $"Mediation Information and Awareness Session ({area.Name})", today.AddDays(day + 7), online: false, capacity: 2, now));
            day += 2;
        }

        var workshop = Session(host, null, "Understanding EHC plans: a workshop for parents", today.AddDays(12), online: true, capacity: 30, now);
        workshop.Type = SessionType.Workshop;
        db.InformationSessions.Add(workshop);
        await db.SaveChangesAsync(cancellationToken);
    }

    private static InformationSession Session(int host, int? area, string title, DateOnly day, bool online, int capacity, DateTimeOffset now) => Build(host, area, title, Weekday(day), online, capacity, now);

    private static DateOnly Weekday(DateOnly day) => day.DayOfWeek switch
    {
        DayOfWeek.Saturday => day.AddDays(2),
        DayOfWeek.Sunday => day.AddDays(1),
        _ => day,
    };

    private static InformationSession Build(int host, int? area, string title, DateOnly date, bool online, int capacity, DateTimeOffset now) => new()
    {
        Type = SessionType.InformationSession,
        Title = title,
        Description = "What mediation is, how it works, and what happens if you decide not to have it. Bring your questions.",
        StartsAt = UkDates.FromLocal(date, new TimeOnly(10, 0)),
        EndsAt = UkDates.FromLocal(date, new TimeOnly(11, 0)),
        Format = online ? SessionFormat.Online : SessionFormat.InPerson,
        MeetingLink = online ? "https://meet.example.org/mias-" + date.ToString("yyyyMMdd", System.Globalization.CultureInfo.InvariantCulture) : null,
        VenueName = online ? null : "Community Centre",
        VenueAddress = online ? null : "12 High Street",
        AccessInformation = online ? "Captions are on. Tell us if you need an interpreter." : "Step-free entrance and an accessible toilet. Parking at the rear.",
        Capacity = capacity,
        LocalAuthorityId = area,
        Language = "English",
        HostId = host,
        Status = SessionStatus.Scheduled,
        CalendarUid = $"{Guid.NewGuid():N}@parentportal",
        CreatedAt = now,
        UpdatedAt = now,
    };
}
