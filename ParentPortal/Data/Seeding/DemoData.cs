using Microsoft.EntityFrameworkCore;
using ParentPortal.Data.Entities;
using ParentPortal.Features.Identity;

namespace ParentPortal.Data.Seeding;

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
    }
}
