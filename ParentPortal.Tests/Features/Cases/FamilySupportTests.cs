using Microsoft.EntityFrameworkCore;
using ParentPortal.Data.Entities;
using ParentPortal.Domain.Cases;
using ParentPortal.Features.Admin.Settings;
using ParentPortal.Features.Cases;
using ParentPortal.Features.Reports;
using ParentPortal.Platform.Calendar;
using ParentPortal.Platform.Settings;
using ParentPortal.Tests.Domain.Triage;
using ParentPortal.Tests.Features.Admin.Settings;
using ParentPortal.Tests.TestSupport;
using static ParentPortal.Tests.Features.Cases.CaseTestData;

namespace ParentPortal.Tests.Features.Cases;

/// <summary>
/// Issue 13 item 8: the racist-incident advocacy referral a parent asks for is made (seed 000), and a parent can ask for an
/// Independent Parental Supporter, whom an adviser assigns from the service's pool and who is then sent the family's
/// meetings (seeds 002 and 003). Everything goes through the outbox with the case's id on the row.
/// </summary>
public sealed class FamilySupportTests : IAsyncLifetime
{
    private const string Advocacy = "referrals@advocacy.example.org";

    private ApplicationsHost _host = null!;

    public async Task InitializeAsync() => _host = await ApplicationsHost.StartAsync();

    public async Task DisposeAsync() => await _host.DisposeAsync();

    private DateOnly Today => UkDates.DateIn(_host.Clock.GetUtcNow());

    [Fact]
    public async Task AParentWhoAsksForAdvocacy_IsReferredWhenTheyApply_WithHowToReachThem_AndNothingAboutTheComplaint()
    {
        await AdvocacyServiceAsync(Advocacy);

        var id = await SubmitAsync(_host, Sam, RacistBullying(advocacy: "yes"));

        await using var db = await _host.DbAsync();
        var referral = await db.OutboxMessages.AsNoTracking().SingleAsync(m => m.Kind == "advocacy-referral");
        Assert.Equal(Advocacy, referral.ToAddress);
        Assert.Equal(id, referral.ApplicationId);
        Assert.False(referral.ToFamily);
        var reference = await db.Applications.Where(a => a.Id == id).Select(a => a.Reference).SingleAsync();
        Assert.Contains(reference!, referral.Body, StringComparison.Ordinal);
        Assert.Contains("Sam Taylor asked us on", referral.Body, StringComparison.Ordinal);
        Assert.Contains("phone 07700 900 982, e-mail parent@example.com", referral.Body, StringComparison.Ordinal);
        Assert.Contains("They agreed to this referral.", referral.Body, StringComparison.Ordinal);
        foreach (var complaint in new[] { "lunchtimes", "did not uphold", "Hillside Primary", "Siân" })
        {
            Assert.DoesNotContain(complaint, referral.Body, StringComparison.Ordinal);
        }

        var told = await db.OutboxMessages.AsNoTracking().SingleAsync(m => m.Kind == "advocacy-referred");
        Assert.True(told.ToFamily);
        Assert.Contains("Croydon BME Forum", told.Body, StringComparison.Ordinal);
        Assert.Contains("020 8684 3719", told.Body, StringComparison.Ordinal);
        var row = await db.Applications.AsNoTracking().SingleAsync(a => a.Id == id);
        Assert.Equal(Today, row.AdvocacyReferredOn);
        Assert.Equal(NoticeMethod.Email, row.AdvocacyReferredHow);

        var support = (await _host.Get<CaseDetailsQuery>().HandleAsync(Adviser, id))!;
        Assert.True(support.Support!.WantsAdvocacy);
        Assert.False(support.Support.AdvocacyReferralDue);
        Assert.Contains(support.History, e => e.Kind == "advocacy-referred");
        Assert.False((await _host.Get<ReferToAdvocacyHandler>().HandleAsync(Adviser, id)).Succeeded);
    }

    [Theory]
    [InlineData("yes", "no")]
    [InlineData("no", null)]
    [InlineData("prefer-not-to-say", null)]
    public async Task WithoutTheParentsConsent_NobodyIsReferred_AndNobodyCanReferThem(string racist, string? advocacy)
    {
        await AdvocacyServiceAsync(Advocacy);

        var id = await SubmitAsync(_host, Sam, RacistBullying(advocacy, racist));

        await using var db = await _host.DbAsync();
        Assert.False(await db.OutboxMessages.AnyAsync(m => m.Kind == "advocacy-referral" || m.Kind == "advocacy-referred"));
        Assert.False((await _host.Get<CaseDetailsQuery>().HandleAsync(Adviser, id))!.Support!.WantsAdvocacy);
        var refer = await _host.Get<ReferToAdvocacyHandler>().HandleAsync(Adviser, id);
        Assert.Equal("The family did not ask to be put in touch with the advocacy service, so they cannot be referred.", Assert.Single(refer.Errors).Message);
        Assert.False((await _host.Get<RecordAdvocacyReferralHandler>().HandleAsync(Adviser, id, Today, NoticeMethod.Phone)).Succeeded);
        Assert.Null(await db.Applications.Where(a => a.Id == id).Select(a => a.AdvocacyReferredOn).SingleAsync());
    }

    [Fact]
    public async Task WithoutTheServicesAddress_TheReferralIsTheAdvisersTask_RecordedWithTheDayAndHow()
    {
        var id = await SubmitAsync(_host, Sam, RacistBullying(advocacy: "yes"));
        var view = (await _host.Get<CaseDetailsQuery>().HandleAsync(Adviser, id))!;
        Assert.True(view.Support!.AdvocacyReferralDue);
        Assert.False(view.Support.AdvocacyCanBeEmailed);

        var refer = await _host.Get<ReferToAdvocacyHandler>().HandleAsync(Adviser, id);
        Assert.StartsWith("The advocacy service's e-mail address is not set", Assert.Single(refer.Errors).Message, StringComparison.Ordinal);

        var record = _host.Get<RecordAdvocacyReferralHandler>();
        var missing = await record.HandleAsync(Adviser, id, null, null);
        Assert.Equal(["advocacy-date", "advocacy-how"], missing.Errors.Select(e => e.FieldKey));
        Assert.Equal("Enter the date the family was referred", missing.Errors[0].Message);
        var future = await record.HandleAsync(Adviser, id, Today.AddDays(1), NoticeMethod.Phone);
        Assert.Equal("advocacy-date", Assert.Single(future.Errors).FieldKey);
        Assert.False((await record.HandleAsync(Mediator, id, Today, NoticeMethod.Phone)).Succeeded);

        Succeeded(await record.HandleAsync(Adviser, id, Today, NoticeMethod.Phone));

        view = (await _host.Get<CaseDetailsQuery>().HandleAsync(Adviser, id))!;
        Assert.False(view.Support!.AdvocacyReferralDue);
        Assert.Equal(NoticeMethod.Phone, view.Support.AdvocacyReferredHow);
        Assert.Contains(view.History, e => e.Kind == "advocacy-referred" && e.Note!.Contains("by phone", StringComparison.Ordinal));
        Assert.Equal("The family has already been referred to the advocacy service.", Assert.Single((await record.HandleAsync(Adviser, id, Today, NoticeMethod.Phone)).Errors).Message);
    }

    [Fact]
    public async Task OnceTheAddressIsSet_AnAdviserSendsTheReferral_FromTheCase()
    {
        var id = await SubmitAsync(_host, Sam, RacistBullying(advocacy: "yes"));
        await AdvocacyServiceAsync(Advocacy);

        var refer = await _host.Get<ReferToAdvocacyHandler>().HandleAsync(Adviser, id);

        Succeeded(refer);
        Assert.Equal("Referred to Croydon BME Forum by e-mail. The family has been told.", refer.Message);
        await using var db = await _host.DbAsync();
        Assert.Equal(id, (await db.OutboxMessages.SingleAsync(m => m.Kind == "advocacy-referral")).ApplicationId);
    }

    [Fact]
    public async Task AParentWhoAsksForAnIps_IsAssignedOne_WhoIsIntroduced_AndSentTheirMeetings()
    {
        var (first, second) = await PoolAsync();
        var pages = TriageFixtures.SenPages().ToDictionary(p => p.Key, p => p.Value);
        pages["supporter"] = new() { ["supporter"] = "ips-wanted" };
        var id = await SubmitAsync(_host, Sam, pages);
        var view = (await _host.Get<CaseDetailsQuery>().HandleAsync(Adviser, id))!;
        Assert.True(view.Support!.WantsIps);
        Assert.Contains("Amara Okoye", view.Support.Supporters.Select(s => s.Name));
        Assert.Contains("Bronwen Price", view.Support.Supporters.Select(s => s.Name));

        var assign = _host.Get<AssignIpsHandler>();
        Assert.Equal("ips", Assert.Single((await assign.HandleAsync(Adviser, id, null)).Errors).FieldKey);
        Assert.False((await assign.HandleAsync(Mediator, id, first)).Succeeded);
        Succeeded(await assign.HandleAsync(Adviser, id, first));

        await using (var db = await _host.DbAsync())
        {
            var introduction = await db.OutboxMessages.AsNoTracking().SingleAsync(m => m.Kind == "ips-assigned");
            Assert.Equal("amara@ips.example.org", introduction.ToAddress);
            Assert.Equal(id, introduction.ApplicationId);
            Assert.Contains("phone 07700 900 982, e-mail parent@example.com", introduction.Body, StringComparison.Ordinal);
            Assert.Contains("No meeting is arranged yet", introduction.Body, StringComparison.Ordinal);
            var family = await db.OutboxMessages.AsNoTracking().SingleAsync(m => m.Kind == "ips-assigned-family");
            Assert.True(family.ToFamily);
            Assert.Contains("Amara Okoye will be your Independent Parental Supporter", family.Body, StringComparison.Ordinal);
            Assert.Equal(Today, (await db.Applications.SingleAsync(a => a.Id == id)).IpsAssignedOn);
        }

        Assert.Equal("Amara Okoye is already the family's Independent Parental Supporter", Assert.Single((await assign.HandleAsync(Adviser, id, first)).Errors).Message);

        Succeeded(await _host.Get<TakeCaseHandler>().HandleAsync(Adviser, id));
        Succeeded(await _host.Get<RecordDecisionHandler>().HandleAsync(Adviser, id, SessionChoice.TryMediation));
        var scheduled = await _host.Get<ScheduleMeetingHandler>().HandleAsync(Adviser, id, MeetingInDays(_host, 14));
        Succeeded(scheduled);
        Assert.EndsWith("Their Independent Parental Supporter, Amara Okoye, is invited as the family's supporter.", scheduled.Message, StringComparison.Ordinal);
        await using (var db = await _host.DbAsync())
        {
            var invite = await db.OutboxMessages.AsNoTracking().SingleAsync(m => m.Kind == "meeting-invitation" && m.ToAddress == "amara@ips.example.org");
            Assert.Equal("amara@ips.example.org", invite.ToAddress);
            Assert.Equal(id, invite.ApplicationId);
            Assert.Contains("Hatfield Community Centre", invite.Body, StringComparison.Ordinal);
        }

        // Another supporter replaces the first, who is told; the changed meeting goes to the new one, and the first is sent its
        // cancellation (their calendar loses it).
        Succeeded(await assign.HandleAsync(Adviser, id, second));
        var moved = MeetingInDays(_host, 15);
        moved.MeetingId = await MainMeetingIdAsync(_host, id);
        Succeeded(await _host.Get<ScheduleMeetingHandler>().HandleAsync(Adviser, id, moved));
        await using (var db = await _host.DbAsync())
        {
            Assert.Equal("amara@ips.example.org", (await db.OutboxMessages.SingleAsync(m => m.Kind == "ips-unassigned")).ToAddress);
            Assert.Equal(["amara@ips.example.org", "bronwen@ips.example.org"], (await db.OutboxMessages.Where(m => m.Kind == "meeting-invitation" && m.ToAddress.Contains("@ips.")).Select(m => m.ToAddress).ToListAsync()).Order());
            Assert.Equal("amara@ips.example.org", (await db.OutboxMessages.SingleAsync(m => m.Kind == "meeting-cancelled")).ToAddress);
        }

        var history = (await _host.Get<CaseDetailsQuery>().HandleAsync(Adviser, id))!.History;
        Assert.Contains(history, e => e.Kind == "ips-assigned" && e.Note == "Bronwen Price assigned as the family's Independent Parental Supporter, in place of Amara Okoye");
    }

    [Fact]
    public async Task ADeactivatedSupporter_CannotBeAssigned_AndIsNoLongerSentMeetings()
    {
        var (first, second) = await PoolAsync();
        var id = await SenCaseAsync(_host);
        Succeeded(await _host.Get<AssignIpsHandler>().HandleAsync(Adviser, id, first));
        Assert.True((await _host.Handler<SupportersHandler>().SetActiveAsync(Manager, first, false)).Succeeded);

        Assert.Equal("ips", Assert.Single((await _host.Get<AssignIpsHandler>().HandleAsync(Adviser, id, first)).Errors).FieldKey);
        Succeeded(await _host.Get<TakeCaseHandler>().HandleAsync(Adviser, id));
        Succeeded(await _host.Get<ScheduleMeetingHandler>().HandleAsync(Adviser, id, MeetingInDays(_host, 14)));

        await using var db = await _host.DbAsync();
        Assert.False(await db.OutboxMessages.AnyAsync(m => m.Kind == "meeting-invitation" && m.ToAddress.Contains("@ips.")));
        var pool = (await _host.Get<CaseDetailsQuery>().HandleAsync(Adviser, id))!.Support!.Supporters.Select(s => s.Id).ToList();
        Assert.DoesNotContain(first, pool);
        Assert.Contains(second, pool);
    }

    [Fact]
    public async Task TheLocalAuthority_DoesNotSeeTheFamilysSupporters()
    {
        var (first, _) = await PoolAsync();
        var pages = TriageFixtures.SenPages().ToDictionary(p => p.Key, p => p.Value);
        pages["consent"] = new() { ["consent-contact"] = "local-authority", ["consent-share"] = "everything" };
        var id = await SubmitAsync(_host, Sam, pages);
        Succeeded(await _host.Get<AssignIpsHandler>().HandleAsync(Adviser, id, first));

        var officer = await _host.Get<CaseDetailsQuery>().HandleAsync(HertsOfficer, id);

        Assert.NotNull(officer);
        Assert.Null(officer.Support);
        Assert.False(officer.Can.ManageSupport);
    }

    [Fact]
    public async Task TheReport_CountsWhatFamiliesAskedFor_AndWhatWasDone()
    {
        await AdvocacyServiceAsync(Advocacy);
        var (first, _) = await PoolAsync();
        await SubmitAsync(_host, Sam, RacistBullying(advocacy: "yes"));
        await SubmitAsync(_host, Sam, RacistBullying(advocacy: "no"));
        var pages = TriageFixtures.SenPages().ToDictionary(p => p.Key, p => p.Value);
        pages["supporter"] = new() { ["supporter"] = "ips-wanted" };
        var wanted = await SubmitAsync(_host, Sam, pages);
        await SubmitAsync(_host, Sam, pages);
        Succeeded(await _host.Get<AssignIpsHandler>().HandleAsync(Adviser, wanted, first));

        var report = await _host.Handler<ReportsQuery>().HandleAsync(Manager, ReportPeriod.Create(Today.AddDays(-7), Today));

        Assert.Equal(new SupportFigures(AdvocacyAsked: 1, AdvocacyReferred: 1, IpsAsked: 2, IpsAssigned: 1), report!.Support);
        var before = await _host.Handler<ReportsQuery>().HandleAsync(Manager, ReportPeriod.Create(Today.AddDays(-60), Today.AddDays(-30)));
        Assert.Equal(new SupportFigures(0, 0, 0, 0), before!.Support);
    }

    private static Dictionary<string, Dictionary<string, string?>> RacistBullying(string? advocacy, string racist = "yes")
    {
        var pages = TriageFixtures.BullyingPages().ToDictionary(p => p.Key, p => p.Value);
        pages["bullying-racist"] = advocacy is null ? new() { ["bullying-racist"] = racist } : new() { ["bullying-racist"] = racist, ["advocacy-referral"] = advocacy };
        return pages;
    }

    private async Task AdvocacyServiceAsync(string? email)
    {
        await using var db = await _host.DbAsync();
        var organisation = await db.Organisations.OrderBy(o => o.Id).FirstAsync();
        organisation.AdvocacyServiceName = "Croydon BME Forum";
        organisation.AdvocacyServiceEmail = email;
        organisation.AdvocacyServicePhone = "020 8684 3719";
        await db.SaveChangesAsync();
        _host.Get<ServiceDirectory>().Invalidate();
    }

    private async Task<(int First, int Second)> PoolAsync()
    {
        var supporters = _host.Handler<SupportersHandler>();
        var first = await supporters.SaveAsync(Manager, null, new() { Name = "Amara Okoye", Email = "amara@ips.example.org", Phone = "07700 900 111", Notes = "Speaks Yoruba" });
        var second = await supporters.SaveAsync(Manager, null, new() { Name = "Bronwen Price", Email = "bronwen@ips.example.org" });
        Assert.True(first.Succeeded && second.Succeeded);
        return (first.Id!.Value, second.Id!.Value);
    }
}
