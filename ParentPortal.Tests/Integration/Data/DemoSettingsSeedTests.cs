using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ParentPortal.Data;
using ParentPortal.Tests.TestSupport;

namespace ParentPortal.Tests.Integration.Data;

public sealed class DemoSettingsSeedTests : IAsyncLifetime
{
    private readonly SqliteTestDatabase _database = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _database.DisposeAsync();

    [Fact]
    public async Task Seed_AddsAreasVenuesAndSessionTypes_Once_AndKeepsAManagersChanges()
    {
        await using (var first = await PortalServices.BuildInitializedAsync(_database))
        {
            await using var db = await first.Services.GetRequiredService<IDbContextFactory<PortalDbContext>>().CreateDbContextAsync();
            var herts = await db.LocalAuthorities.SingleAsync(l => l.Code == "herts");
            Assert.Equal(["East", "North", "South", "West"], await db.Areas.Where(a => a.LocalAuthorityId == herts.Id).Select(a => a.Name).OrderBy(n => n).ToListAsync());
            Assert.All(await db.Areas.Where(a => a.LocalAuthorityId == herts.Id).ToListAsync(), a => Assert.NotNull(a.HelplinePhone));
            Assert.Equal(3, await db.LocalAuthorities.CountAsync(l => db.Areas.Any(a => a.LocalAuthorityId == l.Id)));
            Assert.Equal(2, await db.Venues.CountAsync());
            Assert.Equal(3, await db.SessionTemplates.CountAsync());
            var venue = await db.Venues.FirstAsync();
            venue.Name = "Renamed by a manager";
            await db.SaveChangesAsync();
        }

        await using var second = await PortalServices.BuildInitializedAsync(_database);
        await using var again = await second.Services.GetRequiredService<IDbContextFactory<PortalDbContext>>().CreateDbContextAsync();
        Assert.Equal(10, await again.Areas.CountAsync());
        Assert.Equal(2, await again.Venues.CountAsync());
        Assert.Equal(3, await again.SessionTemplates.CountAsync());
        Assert.True(await again.Venues.AnyAsync(v => v.Name == "Renamed by a manager"));
    }
}
