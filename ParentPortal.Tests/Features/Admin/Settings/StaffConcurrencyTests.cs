using Microsoft.EntityFrameworkCore;
using ParentPortal.Data;
using ParentPortal.Features.Admin.Settings;
using ParentPortal.Platform.Identity;
using ParentPortal.Tests.TestSupport;

namespace ParentPortal.Tests.Features.Admin.Settings;

/// <summary>Two managers demoting each other at the same moment must not leave the service without one.</summary>
public abstract class StaffConcurrencyTests(DatabaseProvider provider) : IAsyncLifetime
{
    private ApplicationsHost _host = null!;

    public async Task InitializeAsync() => _host = await ApplicationsHost.StartAsync(TestDatabase.Create(provider));

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task TwoManagersDemotingEachOther_AtTheSameMoment_LeaveOneManager()
    {
        var martin = TestUsers.Make("demo-manager", "Martin Fowler-Hughes", PortalRoles.Manager);
        var priya = TestUsers.Make("demo-adviser", "Priya Shah", PortalRoles.Adviser, PortalRoles.Manager);
        var martinId = await _host.StaffIdAsync("demo-manager");
        var priyaId = await _host.StaffIdAsync("demo-adviser");

        for (var round = 0; round < 4; round++)
        {
            await SetRolesAsync(priyaId, PortalRoles.Adviser, PortalRoles.Manager);
            await SetRolesAsync(martinId, PortalRoles.Manager);

            using var start = new Barrier(2);
            var results = await Task.WhenAll(
                Task.Run(() => { start.SignalAndWait(); return Demote(martin, priyaId); }),
                Task.Run(() => { start.SignalAndWait(); return Demote(priya, martinId); }));

            Assert.Single(results, r => r.Succeeded);
            // The other is refused: by the last-manager rule, or (if the winner committed first) because they are no longer a manager.
            Assert.Matches("is the only active manager|no longer shows you as one", Assert.Single(results, r => !r.Succeeded).Errors[0].Message);
            await using var db = await _host.DbAsync();
            Assert.Equal(1, await db.StaffMembers.CountAsync(s => s.IsActive && s.Roles.Any(r => r.Role == PortalRoles.Manager)));
        }
    }

    private Task<SettingsResult> Demote(System.Security.Claims.ClaimsPrincipal actor, int target)
    {
        var form = new StaffForm { DisplayName = "Someone", Email = "someone@example.org" };
        form.Roles.Add(PortalRoles.Mediator);
        return _host.Handler<StaffHandler>().UpdateAsync(actor, target, form);
    }

    /// <summary>Puts both back as managers between rounds, straight in the data.</summary>
    private async Task SetRolesAsync(int id, params string[] roles)
    {
        await using var db = await _host.DbAsync();
        var member = await db.StaffMembers.Include(s => s.Roles).SingleAsync(s => s.Id == id);
        member.Roles.Clear();
        await db.SaveChangesAsync();
        member.Roles.AddRange(roles.Select(r => new ParentPortal.Data.Entities.StaffRole { Role = r }));
        await db.SaveChangesAsync();
    }
}

public sealed class SqliteStaffConcurrencyTests() : StaffConcurrencyTests(DatabaseProvider.Sqlite);

public sealed class PostgresStaffConcurrencyTests() : StaffConcurrencyTests(DatabaseProvider.Postgres);
