using Microsoft.EntityFrameworkCore;
using ParentPortal.Features.Reports;
using ParentPortal.Platform.Identity;
using ParentPortal.Tests.TestSupport;

namespace ParentPortal.Tests.Features.Reports;

/// <summary>The handlers themselves refuse anyone but a manager: the page's policy is not the check.</summary>
public sealed class ReportAccessTests : IAsyncLifetime
{
    private static readonly ReportPeriod Period = ReportPeriod.Create(ReportTestData.From, ReportTestData.To);

    private ReportsHost _host = null!;

    public static TheoryData<string> NotManagers => ["adviser", "mediator", "la-officer", "parent", "signed out", "manager role, signed out"];

    public async Task InitializeAsync()
    {
        _host = await ReportsHost.StartAsync(new SqliteTestDatabase());
        await using var db = await _host.DbAsync();
        await ReportTestData.SeedAsync(db);
    }

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Theory]
    [MemberData(nameof(NotManagers))]
    public async Task Report_IsRefusedToAnyoneButAManager(string who)
    {
        Assert.Null(await _host.Get<ReportsQuery>().HandleAsync(User(who), Period));
    }

    [Theory]
    [MemberData(nameof(NotManagers))]
    public async Task Export_IsRefusedToAnyoneButAManager_AndNothingIsAudited(string who)
    {
        Assert.Null(await _host.Get<ExportReportHandler>().HandleAsync(User(who), Period));

        await using var db = await _host.DbAsync();
        Assert.Equal(0, await db.AuditEntries.CountAsync());
    }

    [Fact]
    public async Task Export_ByAManager_GivesTheCsv_AndAuditsThePeriodOnly()
    {
        var manager = TestUsers.Staff(PortalRoles.Manager, "demo-manager", "Martin Fowler-Hughes");

        var export = await _host.Get<ExportReportHandler>().HandleAsync(manager, Period);

        Assert.NotNull(export);
        Assert.Equal("report-2026-01-01-to-2026-06-30.csv", export.FileName);
        await using var db = await _host.DbAsync();
        var audit = await db.AuditEntries.SingleAsync();
        Assert.Equal("report-exported", audit.Action);
        Assert.Equal("report", audit.TargetType);
        Assert.Equal("demo-manager", audit.ActorSubject);
        Assert.Equal("manager", audit.ActorRoles);
        Assert.Equal("from 2026-01-01 to 2026-06-30", audit.Detail);
        Assert.Equal(ReportsHost.Now, audit.At);
    }

    private static System.Security.Claims.ClaimsPrincipal User(string who) => who switch
    {
        "adviser" => TestUsers.Staff(PortalRoles.Adviser, "demo-adviser", "Priya Shah"),
        "mediator" => TestUsers.Staff(PortalRoles.Mediator, "demo-mediator", "Tom Okafor"),
        "la-officer" => TestUsers.Staff(PortalRoles.LaOfficer, "demo-la-officer", "Gwen Ellis"),
        "parent" => TestUsers.Parent(),
        // A principal carrying the role but not signed in is still nobody.
        "manager role, signed out" => new System.Security.Claims.ClaimsPrincipal(new System.Security.Claims.ClaimsIdentity(
            [new System.Security.Claims.Claim("sub", "demo-manager"), new System.Security.Claims.Claim(PortalRoles.ClaimType, PortalRoles.Manager)], null, "name", PortalRoles.ClaimType)),
        _ => TestUsers.Anonymous(),
    };
}
