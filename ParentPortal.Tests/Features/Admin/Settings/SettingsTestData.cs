using System.Security.Claims;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ParentPortal.Platform.Identity;
using ParentPortal.Tests.TestSupport;

namespace ParentPortal.Tests.Features.Admin.Settings;

internal static class SettingsTestData
{
    /// <summary>The seeded demo manager: an active manager in the data, as their claims say.</summary>
    public static readonly ClaimsPrincipal Manager = TestUsers.Make("demo-manager", "Martin Fowler-Hughes", PortalRoles.Manager);

    /// <summary>A settings handler built from the host's real services (the same cache, clock, directory and database).</summary>
    public static T Handler<T>(this ApplicationsHost host)
        where T : class => ActivatorUtilities.CreateInstance<T>(host.Services);

    public static async Task<int> StaffIdAsync(this ApplicationsHost host, string subject)
    {
        await using var db = await host.DbAsync();
        return await db.StaffMembers.Where(s => s.Subject == subject).Select(s => s.Id).SingleAsync();
    }

    public static async Task<int> LocalAuthorityIdAsync(this ApplicationsHost host, string code)
    {
        await using var db = await host.DbAsync();
        return await db.LocalAuthorities.Where(l => l.Code == code).Select(l => l.Id).SingleAsync();
    }

    /// <summary>Everything the settings can change, as text: equal before and after means nothing changed.</summary>
    public static async Task<string> SnapshotAsync(this ApplicationsHost host)
    {
        await using var db = await host.DbAsync();
        var text = new StringBuilder();
        foreach (var o in await db.Organisations.AsNoTracking().OrderBy(o => o.Id).ToListAsync())
        {
            text.AppendLine($"org {o.Id} {o.Name} {o.HelplinePhone} {o.HelplineHours} {o.ContactEmail} {o.AdvocacyServiceName} {o.AdvocacyServiceEmail} {o.AdvocacyServicePhone}");
        }

        foreach (var l in await db.LocalAuthorities.AsNoTracking().OrderBy(l => l.Id).ToListAsync())
        {
            text.AppendLine($"la {l.Id} {l.Code} {l.Name} {l.IsActive} {l.SenTeamName} {l.SenTeamEmail} {l.SenTeamPhone} {l.HealthContactName} {l.HealthContactEmail}");
        }

        foreach (var a in await db.Areas.AsNoTracking().OrderBy(a => a.Id).ToListAsync())
        {
            text.AppendLine($"area {a.Id} {a.LocalAuthorityId} {a.Name} {a.HelplinePhone} {a.IsActive}");
        }

        foreach (var v in await db.Venues.AsNoTracking().OrderBy(v => v.Id).ToListAsync())
        {
            text.AppendLine($"venue {v.Id} {v.Name} {v.Address} {v.AccessInformation} {v.LocalAuthorityId} {v.IsActive}");
        }

        foreach (var s in await db.IndependentSupporters.AsNoTracking().OrderBy(s => s.Id).ToListAsync())
        {
            text.AppendLine($"supporter {s.Id} {s.Name} {s.Email} {s.Phone} {s.Notes} {s.IsActive}");
        }

        foreach (var t in await db.SessionTemplates.AsNoTracking().OrderBy(t => t.Id).ToListAsync())
        {
            text.AppendLine($"template {t.Id} {t.Kind} {t.DefaultTitle} {t.DefaultDescription} {t.DefaultDurationMinutes} {t.DefaultCapacity} {t.IsActive}");
        }

        foreach (var s in await db.StaffMembers.AsNoTracking().Include(s => s.Roles).OrderBy(s => s.Id).ToListAsync())
        {
            text.AppendLine($"staff {s.Id} {s.Subject} {s.DisplayName} {s.Email} {s.LocalAuthorityId} {s.IsActive} {string.Join(",", s.Roles.Select(r => r.Role).Order())}");
        }

        text.AppendLine($"audit {await db.AuditEntries.CountAsync()}");
        return text.ToString();
    }
}
