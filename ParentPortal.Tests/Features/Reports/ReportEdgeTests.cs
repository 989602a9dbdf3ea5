using Microsoft.EntityFrameworkCore;
using ParentPortal.Data.Entities;
using ParentPortal.Domain.Cases;
using ParentPortal.Features.Reports;
using ParentPortal.Platform.Identity;
using ParentPortal.Tests.TestSupport;

namespace ParentPortal.Tests.Features.Reports;

public sealed class ReportEdgeTests : IAsyncLifetime
{
    private static readonly ReportPeriod Period = ReportPeriod.Create(new DateOnly(2026, 1, 1), new DateOnly(2026, 3, 31));
    private static readonly System.Security.Claims.ClaimsPrincipal Manager = TestUsers.Staff(PortalRoles.Manager, "demo-manager", "Martin Fowler-Hughes");

    private ReportsHost _host = null!;

    public async Task InitializeAsync() => _host = await ReportsHost.StartAsync(new SqliteTestDatabase());

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task NothingInThePeriod_GivesZeros_EveryMonth_AndNoPercentages()
    {
        var report = await _host.Get<ReportsQuery>().HandleAsync(Manager, Period);

        Assert.NotNull(report);
        Assert.Equal(0, report.Calls.Total);
        Assert.Equal([0, 0, 0], report.Calls.ByMonth.Select(m => m.Total));
        Assert.All(report.Calls.ByCallerType.Items, i => Assert.Equal("", report.Calls.ByCallerType.ShareOf(i).PercentText));
        Assert.Null(report.Outcomes.CertificatesOnTime.Percent);
        Assert.Null(report.Satisfaction.AverageRating);
        Assert.Equal(["Bedford Borough", "Essex", "Hertfordshire"], report.Cases.ByLocalAuthority.Items.Select(i => i.Label));
        Assert.Contains("Certificates,Certificates issued within 3 working days,,0,0,\r\n", ReportCsv.ToText(report), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnAreaNoLongerServed_IsListedOnlyWhenItHasCasesInThePeriod()
    {
        await using (var db = await _host.DbAsync())
        {
            var organisation = await db.Organisations.SingleAsync();
            var owner = new PortalUser { Id = Guid.NewGuid(), Subject = "edge-family", FirstSignedInAt = Period.StartsAt, LastSignedInAt = Period.StartsAt };
            var former = new LocalAuthority { OrganisationId = organisation.Id, Code = "former", Name = "Former County", IsActive = false };
            db.LocalAuthorities.AddRange(former, new LocalAuthority { OrganisationId = organisation.Id, Code = "gone", Name = "Gone County", IsActive = false });
            db.Users.Add(owner);
            await db.SaveChangesAsync();
            db.Applications.Add(new Application
            {
                Id = Guid.NewGuid(),
                OwnerId = owner.Id,
                Status = ApplicationStatus.Submitted,
                Route = CaseWorkflow.Sen,
                LocalAuthorityId = former.Id,
                AnswersJson = "{}",
                SubmittedAt = new DateTimeOffset(2026, 2, 2, 10, 0, 0, TimeSpan.Zero),
                Reference = "EDGE-0001",
                CreatedBySubject = owner.Subject,
            });
            await db.SaveChangesAsync();
        }

        var report = await _host.Get<ReportsQuery>().HandleAsync(Manager, Period);

        Assert.Equal(["Bedford Borough", "Essex", "Former County", "Hertfordshire"], report!.Cases.ByLocalAuthority.Items.Select(i => i.Label));
        Assert.Equal(1, report.Cases.ByLocalAuthority.CountOf(report.Cases.ByLocalAuthority.Items[2].Key));
        Assert.Equal([("Not recorded", 1)], report.ApplicationLanguages.ByLanguage.Items.Select(i => (i.Label, i.Count)));
    }
}
