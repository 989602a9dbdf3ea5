using Microsoft.EntityFrameworkCore;
using ParentPortal.Data.Entities;
using ParentPortal.Features.Cases;
using ParentPortal.Features.Documents;
using ParentPortal.Platform.Identity;
using ParentPortal.Tests.TestSupport;
using static ParentPortal.Tests.Features.Cases.CaseTestData;

namespace ParentPortal.Tests.Features.Documents;

/// <summary>
/// Issue 13 item 5: the local authority's decision maker named for the meeting is a person with an account, and the agreement
/// is signed for the local authority by them alone, not by any officer of it.
/// </summary>
public sealed class DecisionMakerSignsTests : IAsyncLifetime
{
    private static readonly System.Security.Claims.ClaimsPrincipal OtherHertsOfficer = TestUsers.Make("herts-officer-2", "Owen Price", PortalRoles.LaOfficer);

    private ApplicationsHost _host = null!;

    public async Task InitializeAsync()
    {
        _host = await ApplicationsHost.StartAsync();
        await AddOtherStaffAsync(_host);
        await using var db = await _host.DbAsync();
        var herts = await db.LocalAuthorities.Where(l => l.Code == "herts").Select(l => l.Id).SingleAsync();
        db.StaffMembers.Add(new StaffMember { Subject = "herts-officer-2", DisplayName = "Owen Price", Email = "owen@example.org", LocalAuthorityId = herts, Roles = [new StaffRole { Role = PortalRoles.LaOfficer }] });
        await db.SaveChangesAsync();
    }

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task OnlyTheNamedDecisionMaker_SignsForTheLocalAuthority()
    {
        var id = await HeldMediationAsync(_host);
        var agreements = _host.Get<AgreementsHandler>();
        Assert.True((await agreements.SaveAsync(Mediator, id, new AgreementForm { Issues = ["Whether an EHC needs assessment is needed"] })).Succeeded);

        var other = await agreements.GetAsync(OtherHertsOfficer, id);
        Assert.NotNull(other);
        Assert.Null(other.MyRole);
        Assert.True(other.OtherOfficer);
        Assert.False((await agreements.SignAsync(OtherHertsOfficer, id, other.ContentHash)).Succeeded);

        var named = await agreements.GetAsync(HertsOfficer, id);
        Assert.Equal(SignerRole.LaOfficer, named!.MyRole);
        Assert.True((await agreements.SignAsync(HertsOfficer, id, named.ContentHash)).Succeeded);
        Assert.Equal("Gwen Ellis", (await agreements.GetAsync(Mediator, id))!.SignedBy[SignerRole.LaOfficer].Name);
    }

    [Fact]
    public async Task WithoutANamedAccount_NoOfficerSignsInThePortal()
    {
        var id = await SenCaseAsync(_host);
        Succeeded(await _host.Get<TakeCaseHandler>().HandleAsync(Adviser, id));
        Succeeded(await _host.Get<RecordDecisionHandler>().HandleAsync(Adviser, id, SessionChoice.TryMediation));
        Succeeded(await _host.Get<ScheduleMeetingHandler>().HandleAsync(Adviser, id, MeetingInDays(_host, 14)));
        _host.Clock.Advance(TimeSpan.FromDays(15));
        await NoIndividualMeetingsAsync(_host, id);
        Succeeded(await _host.Get<ChangeStageHandler>().HandleAsync(Adviser, id, ParentPortal.Domain.Cases.CaseStage.MeetingHeld, null));
        var agreements = _host.Get<AgreementsHandler>();
        Assert.True((await agreements.SaveAsync(Adviser, id, new AgreementForm { Issues = ["Whether an EHC needs assessment is needed"] })).Succeeded);

        Assert.Null((await agreements.GetAsync(HertsOfficer, id))!.MyRole);
    }

    [Fact]
    public async Task AnOfficerOfAnotherAuthority_CannotBeNamed()
    {
        var id = await SenCaseAsync(_host);
        var beds = await StaffIdAsync(_host, "beds-officer");

        var result = await _host.Get<ScheduleMeetingHandler>().HandleAsync(Adviser, id, MeetingInDays(_host, 14, beds));

        Assert.Equal("decision-maker-account", Assert.Single(result.Errors).FieldKey);
        Assert.Equal(["Gwen Ellis", "Owen Price"], (await _host.Get<CaseDetailsQuery>().HandleAsync(Adviser, id))!.DecisionMakers.Select(d => d.Name));
    }
}
