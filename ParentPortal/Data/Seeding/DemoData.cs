using Microsoft.EntityFrameworkCore;
using ParentPortal.Data.Entities;
using ParentPortal.Features.Identity;

namespace ParentPortal.Data.Seeding;

/// <summary>
/// Demo staff for Development. Their subjects match the demo accounts that the development OpenID
/// provider offers (appsettings.Development.json), so signing in as "demo-adviser" gives the adviser role.
/// The demo parents need no row: anyone who signs in is a parent.
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

    public static async Task SeedAsync(PortalDbContext db, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
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
