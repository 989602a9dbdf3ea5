using Microsoft.EntityFrameworkCore;
using ParentPortal.Data.Entities;
using ParentPortal.Domain.Cases;
using ParentPortal.Features.Cases;
using ParentPortal.Platform.Calendar;
using ParentPortal.Tests.Domain.Triage;
using ParentPortal.Tests.TestSupport;
using static ParentPortal.Tests.Features.Cases.CaseTestData;

namespace ParentPortal.Tests.Features.Cases;

/// <summary>
/// Issue 13 item 2: when the family chooses mediation, the local authority's SEN team is told through the outbox with only
/// what the family agreed to share, and its 30 days run from that day; health or social care issues tell the health contact
/// too, and the 3 working days for that are a clock on the case until someone has.
/// </summary>
public sealed class LocalAuthorityNoticeTests : IAsyncLifetime
{
    private const string SenTeam = "sen.team@herts.example.org";
    private const string HealthContact = "dco@icb.example.org";

    private ApplicationsHost _host = null!;

    public async Task InitializeAsync() => _host = await ApplicationsHost.StartAsync();

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task ChoosingMediation_EmailsTheSenTeam_WithTheSummaryOnly_AndStartsItsThirtyDaysToday()
    {
        await ContactsAsync(SenTeam, null);
        var id = await SubmitAsync(_host, Sam, TriageFixtures.SenPages());
        Succeeded(await _host.Get<TakeCaseHandler>().HandleAsync(Adviser, id));

        var recorded = await _host.Get<RecordDecisionHandler>().HandleAsync(Adviser, id, SessionChoice.TryMediation);

        Succeeded(recorded);
        Assert.StartsWith("Recorded. The local authority has been e-mailed today: it has until ", recorded.Message, StringComparison.Ordinal);
        await using var db = await _host.DbAsync();
        var message = await db.OutboxMessages.AsNoTracking().SingleAsync(m => m.Kind == "la-mediation-chosen");
        Assert.Equal(SenTeam, message.ToAddress);
        Assert.Equal(id, message.ApplicationId);
        Assert.False(message.ToFamily);
        var reference = await db.Applications.Where(a => a.Id == id).Select(a => a.Reference).SingleAsync();
        Assert.Contains(reference!, message.Body, StringComparison.Ordinal);
        Assert.Contains("Sam Taylor, for Siân O'Brien-Núñez, wants to try mediation about a refusal to carry out an EHC needs assessment", message.Body, StringComparison.Ordinal);
        Assert.Contains($"/advisers/cases/{id}", message.Body, StringComparison.Ordinal);
        Assert.Contains("The family agreed to share only that they asked for help, and what kind", message.Body, StringComparison.Ordinal);
        foreach (var beyondSummary in new[] { "Hillside Primary", "07700 900 982", "parent@example.com", "2015" })
        {
            Assert.DoesNotContain(beyondSummary, message.Body, StringComparison.Ordinal);
        }

        var today = UkDates.DateIn(_host.Clock.GetUtcNow());
        Assert.Equal(today, await db.Applications.Where(a => a.Id == id).Select(a => a.LaToldOfMediationOn).SingleAsync());
        var clocks = await ClocksAsync(_host, id);
        var calculator = await _host.Get<WorkingDayCalendarSource>().CalculatorAsync();
        Assert.Equal(calculator.MediationHeldBy(today).Date, clocks.Single(c => c.Key == "mediation").Deadline.Date);
        Assert.DoesNotContain(clocks, c => c.Key is "tell-la" or "health");
        Assert.Contains((await _host.Get<CaseDetailsQuery>().HandleAsync(Adviser, id))!.History, e => e.Kind == "la-told");
    }

    [Fact]
    public async Task WhenTheFamilyAgreedToNoContact_TheLawStillRequiresIt_AndTheEmailSaysSo()
    {
        await ContactsAsync(SenTeam, null);
        var pages = TriageFixtures.SenPages().ToDictionary(p => p.Key, p => p.Value);
        pages["consent"] = new() { ["consent-contact"] = "none" };
        var id = await SubmitAsync(_host, Sam, pages);

        Succeeded(await _host.Get<RecordDecisionHandler>().HandleAsync(Adviser, id, SessionChoice.TryMediation));

        await using var db = await _host.DbAsync();
        var body = await db.OutboxMessages.Where(m => m.Kind == "la-mediation-chosen").Select(m => m.Body).SingleAsync();
        Assert.Contains("The law requires us to tell you, so that you can arrange the mediation.", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task WithoutAnSenTeamAddress_NothingIsSent_AndTellingTheLaStaysTheAdvisersClock()
    {
        var id = await SubmitAsync(_host, Sam, TriageFixtures.SenPages());

        var recorded = await _host.Get<RecordDecisionHandler>().HandleAsync(Adviser, id, SessionChoice.TryMediation);

        Assert.Equal("Recorded. Now tell the local authority and record the day you did: its 30 days to arrange mediation start then.", recorded.Message);
        await using var db = await _host.DbAsync();
        Assert.False(await db.OutboxMessages.AnyAsync(m => m.Kind == "la-mediation-chosen"));
        Assert.Contains(await ClocksAsync(_host, id), c => c.Key == "tell-la");
    }

    [Fact]
    public async Task HealthOrSocialCareIssues_TellTheHealthContactToo_WithNoNames()
    {
        await ContactsAsync(SenTeam, HealthContact);
        var id = await SubmitAsync(_host, Sam, HealthPages());

        var recorded = await _host.Get<RecordDecisionHandler>().HandleAsync(Adviser, id, SessionChoice.TryMediation);

        Assert.StartsWith("Recorded. The local authority has been e-mailed today, and so has the health contact", recorded.Message, StringComparison.Ordinal);
        await using var db = await _host.DbAsync();
        var health = await db.OutboxMessages.AsNoTracking().SingleAsync(m => m.Kind == "health-mediation-chosen");
        Assert.Equal(HealthContact, health.ToAddress);
        Assert.Equal(id, health.ApplicationId);
        Assert.DoesNotContain("Sam Taylor", health.Body, StringComparison.Ordinal);
        Assert.DoesNotContain("Siân", health.Body, StringComparison.Ordinal);
        Assert.DoesNotContain(await ClocksAsync(_host, id), c => c.Key == "health");
    }

    [Fact]
    public async Task WithoutAHealthContact_TheThreeWorkingDaysAreAClock_UntilStaffRecordTheyToldIt()
    {
        await ContactsAsync(SenTeam, null);
        var id = await SubmitAsync(_host, Sam, HealthPages());
        Succeeded(await _host.Get<RecordDecisionHandler>().HandleAsync(Adviser, id, SessionChoice.TryMediation));
        var today = UkDates.DateIn(_host.Clock.GetUtcNow());
        var calculator = await _host.Get<WorkingDayCalendarSource>().CalculatorAsync();

        var health = Assert.Single(await ClocksAsync(_host, id), c => c.Key == "health");
        Assert.Equal(calculator.HealthReferralBy(today).Date, health.Deadline.Date);
        Assert.True(health.StaffAction);

        var record = _host.Get<RecordHealthToldHandler>();
        var missing = await record.HandleAsync(Adviser, id, null, null);
        Assert.Equal(["health-told-date", "health-told-how"], missing.Errors.Select(e => e.FieldKey));
        Assert.False((await record.HandleAsync(HertsOfficer, id, today, NoticeMethod.Email)).Succeeded);
        Succeeded(await record.HandleAsync(Adviser, id, today, NoticeMethod.Email));

        Assert.DoesNotContain(await ClocksAsync(_host, id), c => c.Key == "health");
        Assert.Contains((await _host.Get<CaseDetailsQuery>().HandleAsync(Adviser, id))!.History, e => e.Kind == "health-told");
    }

    [Fact]
    public async Task HealthCanBeRecordedOnlyWhenTheDisagreementIncludesIt()
    {
        await ContactsAsync(SenTeam, null);
        var id = await SubmitAsync(_host, Sam, TriageFixtures.SenPages());
        Succeeded(await _host.Get<RecordDecisionHandler>().HandleAsync(Adviser, id, SessionChoice.TryMediation));

        var refused = await _host.Get<RecordHealthToldHandler>().HandleAsync(Adviser, id, UkDates.DateIn(_host.Clock.GetUtcNow()), NoticeMethod.Email);

        Assert.False(refused.Succeeded);
    }

    private static Dictionary<string, Dictionary<string, string?>> HealthPages()
    {
        var pages = TriageFixtures.SenPages().ToDictionary(p => p.Key, p => p.Value);
        pages["sen-decision"] = new() { ["sen-decision"] = "plan-contents" };
        pages["sen-disputed-parts"] = new() { ["sen-disputed-parts"] = "section-f,health" };
        return pages;
    }

    private async Task ContactsAsync(string? senTeam, string? health)
    {
        await using var db = await _host.DbAsync();
        var herts = await db.LocalAuthorities.SingleAsync(l => l.Code == "herts");
        herts.SenTeamName = "SEN Statutory Assessment Team";
        herts.SenTeamEmail = senTeam;
        herts.SenTeamPhone = "01632 960 500";
        herts.HealthContactName = health is null ? null : "Designated Clinical Officer";
        herts.HealthContactEmail = health;
        await db.SaveChangesAsync();
    }
}
