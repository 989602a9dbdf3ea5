using Microsoft.EntityFrameworkCore;
using ParentPortal.Data.Entities;
using ParentPortal.Domain.Cases;
using ParentPortal.Domain.Triage;
using ParentPortal.Features.Reports;
using ParentPortal.Platform.Calendar;
using ParentPortal.Platform.Hosting.Seeding;
using ParentPortal.Platform.Identity;
using ParentPortal.Tests.Domain;
using ParentPortal.Tests.TestSupport;

namespace ParentPortal.Tests.Integration.Data;

public sealed class VolumeDataTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 20, 15, 30, 0, TimeSpan.Zero);

    private static readonly VolumeContext Context = new(
        [new LocalAuthority { Id = 1, Code = "herts", Name = "Hertfordshire" }, new LocalAuthority { Id = 2, Code = "beds", Name = "Bedford Borough" }, new LocalAuthority { Id = 3, Code = "essex", Name = "Essex" }],
        [new VolumeStaff(1, "demo-adviser", "Priya Shah"), new VolumeStaff(5, "adviser-2", "Second Adviser")],
        new VolumeStaff(2, "demo-mediator", "Tom Okafor"),
        TestCalendars.Shipped);

    private static readonly Lazy<VolumeDataSet> Demo = new(() => VolumeData.Generate(VolumeSize.Demo, Context, Now));

    [Fact]
    public void Generate_TheSameSizeSeedAndNow_GivesTheSameRows()
    {
        var again = VolumeData.Generate(VolumeSize.Demo, Context, Now);

        Assert.Equal(Demo.Value.Applications.Select(a => (a.Id, a.Reference, a.SubmittedAt, a.Stage, a.AnswersJson)), again.Applications.Select(a => (a.Id, a.Reference, a.SubmittedAt, a.Stage, a.AnswersJson)));
        Assert.Equal(Demo.Value.Calls.Select(c => (c.StartedAt, c.CallerType, c.Topic, c.Language)), again.Calls.Select(c => (c.StartedAt, c.CallerType, c.Topic, c.Language)));
        Assert.Equal(Demo.Value.Responses.Select(r => (r.ApplicationId, r.Rating)), again.Responses.Select(r => (r.ApplicationId, r.Rating)));
        Assert.NotEqual(
            Demo.Value.Applications.Select(a => a.Reference),
            VolumeData.Generate(VolumeSize.Demo with { Seed = 8 }, Context, Now).Applications.Select(a => a.Reference));
    }

    [Fact]
    public void Generate_GivesTheVolumesAsked_WithOneFamilyPerCase_AndReadableUniqueReferences()
    {
        var data = Demo.Value;

        Assert.Equal(400, data.Applications.Count);
        Assert.Equal(3000, data.Calls.Count);
        Assert.Equal(400, data.Users.Select(u => u.Subject).Distinct().Count());
        Assert.Equal(data.Users.Select(u => u.Id).Order(), data.Applications.Select(a => a.OwnerId).Order());
        Assert.All(data.Users, u => Assert.EndsWith("@example.com", u.Email, StringComparison.Ordinal));
        Assert.Equal(400, data.Applications.Select(a => a.Reference).Distinct().Count());
        Assert.All(data.Applications, a => Assert.Equal(a.Reference, ApplicationReference.Normalise(a.Reference)));
        Assert.All(data.Applications, a => Assert.Equal(ApplicationStatus.Submitted, a.Status));
        Assert.All(data.Applications, a => Assert.Equal(a.Route, TriageAnswers.FromJson(a.AnswersJson).Route));
    }

    [Fact]
    public void Generate_EveryCaseHistoryFollowsItsRoutesWorkflow_AndNothingHappensAfterNow()
    {
        var data = Demo.Value;
        var today = UkDates.DateIn(Now);
        var events = data.Events.ToLookup(e => e.ApplicationId);

        foreach (var application in data.Applications)
        {
            var history = events[application.Id].ToList();
            Assert.Equal("submitted", history[0].Kind);
            Assert.Equal(application.SubmittedAt, history[0].At);
            Assert.True(history.Zip(history.Skip(1)).All(p => p.First.At < p.Second.At), "history in time order");
            Assert.All(history, e => Assert.True(e.At <= Now && e.At.Offset == TimeSpan.Zero));
            foreach (var move in history.Skip(1))
            {
                Assert.True(
                    CaseWorkflow.CanMove(application.Route, Enum.Parse<CaseStage>(move.FromStage!), Enum.Parse<CaseStage>(move.ToStage!)),
                    $"{application.Route}: {move.FromStage} to {move.ToStage}");
            }

            var stages = history.Select(e => Enum.Parse<CaseStage>(e.ToStage!)).ToList();
            Assert.Equal(application.Stage, stages[^1]);
            Assert.Equal(stages.Contains(CaseStage.MeetingHeld), application.MeetingHeldOn is not null);
            Assert.Equal(stages.Contains(CaseStage.CertificateIssued), application.CertificateIssuedOn is not null);
            Assert.Equal(application.Stage == CaseStage.Closed, application.ClosedAt is not null);
            Assert.All(
                new[] { application.InformationGivenOn, application.LaToldOfMediationOn, application.CertificateTriggeredOn, application.CertificateIssuedOn, application.MeetingHeldOn },
                date => Assert.True(date is null || date <= today));
        }

        Assert.All(data.Responses, r => Assert.True(r.SubmittedAt <= Now && r.Rating is >= 1 and <= 5));
    }

    [Fact]
    public void Generate_LooksLikeAService_MostClocksMet_SomeMissed_CallsOnWorkingDays()
    {
        var data = Demo.Value;
        var calculator = TestCalendars.Calculator;

        var routes = data.Applications.GroupBy(a => a.Route!).ToDictionary(g => g.Key, g => g.Count());
        Assert.InRange(routes[CaseWorkflow.Sen], 200, 280);
        Assert.InRange(routes[CaseWorkflow.Bullying], 70, 130);
        Assert.InRange(routes[CaseWorkflow.Facilitation], 35, 90);
        Assert.Equal(3, data.Applications.Select(a => a.LocalAuthorityId).OfType<int>().Distinct().Count());

        var certificates = data.Applications.Where(a => a.CertificateIssuedOn is not null).ToList();
        var onTime = certificates.Count(a => a.CertificateIssuedOn <= calculator.CertificateDueBy(a.CertificateTriggeredOn!.Value).Date);
        Assert.True(certificates.Count > 100, $"{certificates.Count} certificates");
        Assert.InRange(100.0 * onTime / certificates.Count, 75, 97);

        var mediations = data.Applications.Where(a => a.LaToldOfMediationOn is not null && a.MeetingHeldOn is not null).ToList();
        var inTime = mediations.Count(a => a.MeetingHeldOn <= calculator.MediationHeldBy(a.LaToldOfMediationOn!.Value).Date);
        Assert.InRange(100.0 * inTime / mediations.Count, 60, 95);

        Assert.All(data.Calls, c =>
        {
            Assert.True(TestCalendars.Shipped.IsWorkingDay(UkDates.DateIn(c.StartedAt)), $"call on {c.StartedAt}");
            Assert.InRange(UkDates.LocalTime(c.StartedAt).Hour, 9, 16);
        });
        Assert.InRange(data.Calls.Count(c => c.InterpreterUsed), 100, 400);
    }

    [Fact]
    public async Task SeedAsync_AddsTheVolumesOnce_InOneGo_AndTheReportAddsUpToTheRows()
    {
        await using var host = await ReportsHost.StartAsync(new SqliteTestDatabase());
        await using (var db = await host.DbAsync())
        {
            Assert.Equal(400, await VolumeData.SeedAsync(db, ReportsHost.Now, VolumeSize.Demo, CancellationToken.None));
            Assert.Equal(0, await VolumeData.SeedAsync(db, ReportsHost.Now, VolumeSize.Demo, CancellationToken.None));
        }

        await using var check = await host.DbAsync();
        Assert.Equal(400, await check.Applications.CountAsync());
        Assert.Equal(3000, await check.CallLog.CountAsync());
        var manager = TestUsers.Staff(PortalRoles.Manager, "demo-manager", "Martin Fowler-Hughes");
        var today = UkDates.DateIn(ReportsHost.Now);
        var report = await host.Get<ReportsQuery>().HandleAsync(manager, ReportPeriod.Create(today.AddMonths(-25), today));

        Assert.NotNull(report);
        Assert.Equal(3000, report.Calls.Total);
        Assert.Equal(3000, report.Calls.ByMonth.Sum(m => m.Total));
        Assert.Equal(400, report.Cases.Total);
        Assert.Equal(await check.SatisfactionResponses.CountAsync(), report.Satisfaction.Responses);
        Assert.Equal(await check.Applications.CountAsync(a => a.CertificateIssuedOn != null), report.Outcomes.CertificatesOnTime.OutOf);
    }
}
