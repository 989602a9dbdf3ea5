using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using ParentPortal.Data.Entities;
using ParentPortal.Domain.Cases;
using ParentPortal.Domain.Privacy;
using ParentPortal.Features.Apply;
using ParentPortal.Features.Cases;
using ParentPortal.Tests.Domain.Triage;
using ParentPortal.Tests.TestSupport;
using static ParentPortal.Tests.Features.Cases.CaseTestData;

namespace ParentPortal.Tests.Features.Cases;

/// <summary>
/// Issue 13 item 1: the family's consent decides what the local authority sees, and when. Each choice on the consent page,
/// the "ask first" answer, the summary the law requires when the family pursues mediation, and a withdrawal.
/// </summary>
public sealed class CaseSharingTests : IAsyncLifetime
{
    private ApplicationsHost _host = null!;

    public async Task InitializeAsync()
    {
        _host = await ApplicationsHost.StartAsync();
        await AddOtherStaffAsync(_host);
    }

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Theory]
    [InlineData("none", null)]
    [InlineData("school", "everything")]
    public async Task WithoutConsentToContactTheLa_ItsOfficerSeesNothing_NotEvenThatTheCaseExists(string contact, string? share)
    {
        var id = await CaseAsync(contact, share);

        Assert.Null(await _host.Get<CaseDetailsQuery>().HandleAsync(HertsOfficer, id));
        Assert.Null(await _host.Get<CaseAnswersQuery>().HandleAsync(HertsOfficer, id));
        Assert.DoesNotContain((await _host.Get<CaseQueueQuery>().HandleAsync(HertsOfficer, new CaseQueueFilter(IncludeClosed: true)))!.Rows, r => r.Id == id);
        // Nor is the LA a party the portal writes to (the agreement's copies, for one).
        Assert.Empty((await _host.Get<CaseDetailsQuery>().HandleAsync(Adviser, id))!.Parties.LaOfficers);
    }

    [Fact]
    public async Task WithSummary_TheOfficerSeesWhoAskedAndWhatKind_NeverTheChildsDetailsTheFamilysContactOrNotes()
    {
        var id = await CaseAsync("school,local-authority", "summary");
        Succeeded(await _host.Get<TakeCaseHandler>().HandleAsync(Adviser, id));
        Succeeded(await _host.Get<AddNoteHandler>().HandleAsync(Adviser, id, "Mum says the school refused the assessment twice"));

        var view = await _host.Get<CaseDetailsQuery>().HandleAsync(HertsOfficer, id);

        Assert.NotNull(view);
        Assert.Equal(PartyView.Summary, view.Sharing.ViewerSees);
        Assert.Equal("Sam Taylor", view.Parties.Family.Name);
        Assert.NotNull(view.Profile.SenDecision);
        Assert.NotNull(view.Profile.DecisionLetterSent);
        Assert.Null(view.Parties.Family.Email);
        Assert.Null(view.Parties.Family.Phone);
        Assert.Null(view.Profile.ChildDateOfBirth);
        Assert.Null(view.Profile.ChildSchool);
        Assert.Null(view.Profile.SupportNeeds);
        Assert.False(view.Can.ReadAnswers);
        Assert.DoesNotContain(view.History, e => e.Kind == "note" || e.Note is not null);
        Assert.Null(await _host.Get<CaseAnswersQuery>().HandleAsync(HertsOfficer, id));
        Assert.Contains((await _host.Get<CaseQueueQuery>().HandleAsync(HertsOfficer, new CaseQueueFilter()))!.Rows, r => r.Id == id);
        // The service's own staff see all of it, and another LA's officer nothing.
        var adviserView = (await _host.Get<CaseDetailsQuery>().HandleAsync(Adviser, id))!;
        Assert.NotNull(adviserView.Parties.Family.Email);
        Assert.Contains(adviserView.History, e => e.Kind == "note");
        Assert.Null(await _host.Get<CaseDetailsQuery>().HandleAsync(BedsOfficer, id));
    }

    [Fact]
    public async Task WithEverything_TheOfficerSeesTheApplication_ButNotTheServicesOwnNotes()
    {
        var id = await CaseAsync("local-authority", "everything");
        Succeeded(await _host.Get<TakeCaseHandler>().HandleAsync(Adviser, id));
        Succeeded(await _host.Get<AddNoteHandler>().HandleAsync(Adviser, id, "Called the family back"));

        var view = (await _host.Get<CaseDetailsQuery>().HandleAsync(HertsOfficer, id))!;

        Assert.Equal(PartyView.Everything, view.Sharing.ViewerSees);
        Assert.True(view.Can.ReadAnswers);
        Assert.NotNull(view.Parties.Family.Email);
        Assert.NotNull(await _host.Get<CaseAnswersQuery>().HandleAsync(HertsOfficer, id));
        Assert.DoesNotContain(view.History, e => e.Kind == "note");
    }

    [Fact]
    public async Task WithAskFirst_NothingIsShared_UntilAnAdviserRecordsTheFamilysYes()
    {
        var id = await CaseAsync("local-authority", "ask-first");
        Succeeded(await _host.Get<TakeCaseHandler>().HandleAsync(Adviser, id));
        var record = _host.Get<RecordSharingAnswerHandler>();
        Assert.Null(await _host.Get<CaseDetailsQuery>().HandleAsync(HertsOfficer, id));
        Assert.True((await _host.Get<CaseDetailsQuery>().HandleAsync(Adviser, id))!.Sharing.Consent.WaitingForAnswer);

        // Nothing given: every field says what is missing, and nothing is recorded.
        var empty = await record.HandleAsync(Adviser, id, null, null, null);
        Assert.Equal(["sharing-answer", "sharing-date", "sharing-how"], empty.Errors.Select(e => e.FieldKey));
        var tomorrow = await record.HandleAsync(Adviser, id, true, Today().AddDays(1), NoticeMethod.Phone);
        Assert.Equal("The date the family answered must be today or in the past", Assert.Single(tomorrow.Errors).Message);
        Assert.Null(await _host.Get<CaseDetailsQuery>().HandleAsync(HertsOfficer, id));

        // Only the service's staff record it: not the officer, not the family.
        Assert.False((await record.HandleAsync(HertsOfficer, id, true, Today(), NoticeMethod.Phone)).Succeeded);

        Succeeded(await record.HandleAsync(Adviser, id, false, Today(), NoticeMethod.Phone));
        Assert.Null(await _host.Get<CaseDetailsQuery>().HandleAsync(HertsOfficer, id));

        Succeeded(await record.HandleAsync(Adviser, id, true, Today(), NoticeMethod.Email));
        var officer = (await _host.Get<CaseDetailsQuery>().HandleAsync(HertsOfficer, id))!;
        Assert.Equal(PartyView.Everything, officer.Sharing.ViewerSees);
        var history = (await _host.Get<CaseDetailsQuery>().HandleAsync(Adviser, id))!.History;
        Assert.Equal(2, history.Count(e => e.Kind == "sharing-answer"));
        Assert.Contains(history, e => e.Note!.StartsWith("The family agreed by e-mail on", StringComparison.Ordinal));
    }

    [Fact]
    public async Task ChoosingMediation_AboutAnAppealableDecision_LetsTheLaSeeTheSummary_WhateverTheFamilyChose()
    {
        var id = await CaseAsync("none", null);
        Succeeded(await _host.Get<TakeCaseHandler>().HandleAsync(Adviser, id));
        Assert.Null(await _host.Get<CaseDetailsQuery>().HandleAsync(HertsOfficer, id));

        Succeeded(await _host.Get<RecordDecisionHandler>().HandleAsync(Adviser, id, SessionChoice.TryMediation));

        var view = (await _host.Get<CaseDetailsQuery>().HandleAsync(HertsOfficer, id))!;
        Assert.Equal(PartyView.Summary, view.Sharing.ViewerSees);
        Assert.Null(await _host.Get<CaseAnswersQuery>().HandleAsync(HertsOfficer, id));
        Assert.True((await _host.Get<ChangeSharingHandler>().GetAsync(Sam, id))!.LawRequiresTellingLa);
    }

    [Fact]
    public async Task TheFamily_WithdrawsConsent_AndTheOfficerLosesTheCaseAtOnce_WithTheChangeRecorded()
    {
        var id = await CaseAsync("school,local-authority", "everything");
        Assert.NotNull(await _host.Get<CaseAnswersQuery>().HandleAsync(HertsOfficer, id));
        var sharing = _host.Get<ChangeSharingHandler>();

        var narrowed = await sharing.ChangeAsync(Sam, id, ["local-authority"], "summary");
        Assert.True(narrowed.Succeeded);
        Assert.StartsWith("Saved. From now on we will not share anything more", narrowed.Message, StringComparison.Ordinal);
        Assert.Null(await _host.Get<CaseAnswersQuery>().HandleAsync(HertsOfficer, id));
        Assert.NotNull(await _host.Get<CaseDetailsQuery>().HandleAsync(HertsOfficer, id));

        var withdrawn = await sharing.ChangeAsync(Sam, id, ["none"], null);
        Assert.True(withdrawn.Succeeded);
        Assert.Equal(SharingConsent.None, withdrawn.Sharing!.Consent);
        Assert.Equal(_host.Clock.GetUtcNow(), withdrawn.Sharing.ChangedAt);
        Assert.Null(await _host.Get<CaseDetailsQuery>().HandleAsync(HertsOfficer, id));

        var history = (await _host.Get<CaseDetailsQuery>().HandleAsync(Adviser, id))!.History;
        Assert.Contains(history, e => e.Kind == "sharing-changed" && e.Note == "The family changed what we may share: Do not contact the school or the local authority");
        await using var db = await _host.DbAsync();
        Assert.Equal(2, await db.AuditEntries.CountAsync(a => a.Action == "case-sharing-changed" && a.TargetId == id.ToString()));
    }

    [Fact]
    public async Task AChangeTheConsentPageWouldRefuse_IsRefusedKindly_AndChangesNothing()
    {
        var id = await CaseAsync("local-authority", "summary");
        var sharing = _host.Get<ChangeSharingHandler>();

        var noShare = await sharing.ChangeAsync(Sam, id, ["school"], null);
        var both = await sharing.ChangeAsync(Sam, id, ["none", "school"], null);
        var nothing = await sharing.ChangeAsync(Sam, id, [], "everything");

        Assert.Equal("Select what we can share", Assert.Single(noShare.Errors).Message);
        Assert.False(both.Succeeded);
        Assert.False(nothing.Succeeded);
        Assert.Equal(new SharingConsent(false, true, ShareChoice.Summary), (await sharing.GetAsync(Sam, id))!.Consent);
        Assert.Equal(PartyView.Summary, (await _host.Get<CaseDetailsQuery>().HandleAsync(HertsOfficer, id))!.Sharing.ViewerSees);
    }

    [Fact]
    public async Task OnlyTheFamily_SeesAndChangesTheirConsent()
    {
        var id = await CaseAsync("local-authority", "everything");
        var sharing = _host.Get<ChangeSharingHandler>();

        foreach (var other in new ClaimsPrincipal[] { Lukasz, Adviser, HertsOfficer, TestUsers.Anonymous() })
        {
            Assert.Null(await sharing.GetAsync(other, id));
            Assert.False((await sharing.ChangeAsync(other, id, ["none"], null)).Succeeded);
        }

        Assert.Equal(PartyView.Everything, (await _host.Get<CaseDetailsQuery>().HandleAsync(HertsOfficer, id))!.Sharing.ViewerSees);
    }

    [Fact]
    public async Task ABullyingComplaint_IsNeverTheLocalAuthoritys_WhateverTheConsent()
    {
        var pages = TriageFixtures.BullyingPages().ToDictionary(p => p.Key, p => p.Value);
        pages["local-authority"] = new() { ["local-authority"] = "herts" };
        pages["consent"] = new() { ["consent-contact"] = "school,local-authority", ["consent-share"] = "everything" };
        var id = await SubmitAsync(_host, Sam, pages);

        Assert.Null(await _host.Get<CaseDetailsQuery>().HandleAsync(HertsOfficer, id));
    }

    private Task<Guid> CaseAsync(string contact, string? share)
    {
        var pages = TriageFixtures.SenPages().ToDictionary(p => p.Key, p => p.Value);
        pages["consent"] = share is null
            ? new() { ["consent-contact"] = contact }
            : new() { ["consent-contact"] = contact, ["consent-share"] = share };
        return SubmitAsync(_host, Sam, pages);
    }

    private DateOnly Today() => DateOnly.FromDateTime(_host.Clock.GetUtcNow().UtcDateTime);
}
