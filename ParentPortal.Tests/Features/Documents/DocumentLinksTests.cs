using System.Security.Claims;
using ParentPortal.Data.Entities;
using ParentPortal.Domain.Cases;
using ParentPortal.Features.Cases;
using ParentPortal.Features.Documents;
using ParentPortal.Tests.Domain.Triage;
using ParentPortal.Tests.TestSupport;
using static ParentPortal.Tests.Features.Cases.CaseTestData;

namespace ParentPortal.Tests.Features.Documents;

/// <summary>
/// Issue 12 item 10: the case page links to the agreement or the meeting record only for those the page opens for.
/// Failed before: a local authority officer on a facilitated case (and any adviser who could see a case) was shown a
/// link to the meeting record that answered 404.
/// </summary>
public sealed class DocumentLinksTests : IAsyncLifetime
{
    private ApplicationsHost _host = null!;

    public async Task InitializeAsync()
    {
        _host = await ApplicationsHost.StartAsync();
        await AddOtherStaffAsync(_host);
    }

    public async Task DisposeAsync() => await _host.DisposeAsync();

    private static IEnumerable<ClaimsPrincipal> Everyone => [Adviser, OtherAdviser, Mediator, OtherMediator, HertsOfficer, BedsOfficer, Manager];

    [Fact]
    public async Task TheMeetingRecordLink_IsShownExactlyToThoseItsPageOpensFor()
    {
        var id = await SubmitAsync(_host, Sam, TriageFixtures.FacilitationPages());
        Succeeded(await _host.Get<TakeCaseHandler>().HandleAsync(Adviser, id));
        Succeeded(await _host.Get<AssignMediatorHandler>().HandleAsync(Adviser, id, await StaffIdAsync(_host, "demo-mediator")));
        var meeting = MeetingInDays(_host, 21);
        Succeeded(await _host.Get<ScheduleMeetingHandler>().HandleAsync(Mediator, id, meeting));
        _host.Clock.Advance(TimeSpan.FromDays(22));
        Succeeded(await _host.Get<ChangeStageHandler>().HandleAsync(Mediator, id, CaseStage.MeetingHeld, null));

        var officer = (await _host.Get<CaseDetailsQuery>().HandleAsync(HertsOfficer, id))!;
        Assert.False(officer.Can.ReadMeetingRecord);
        foreach (var user in Everyone)
        {
            if (await _host.Get<CaseDetailsQuery>().HandleAsync(user, id) is { } view)
            {
                var opens = await _host.Get<MeetingRecordsHandler>().GetAsync(user, id) is not null;
                Assert.True(view.Can.ReadMeetingRecord == opens, $"{user.Identity!.Name}: link {view.Can.ReadMeetingRecord}, page opens {opens}");
            }
        }
    }

    [Fact]
    public async Task TheAgreementLink_IsShownExactlyToThoseItsPageOpensFor()
    {
        var id = await HeldMediationAsync(_host);

        Assert.True((await _host.Get<CaseDetailsQuery>().HandleAsync(HertsOfficer, id))!.Can.ReadAgreement);
        foreach (var user in Everyone)
        {
            if (await _host.Get<CaseDetailsQuery>().HandleAsync(user, id) is { } view)
            {
                var opens = await _host.Get<AgreementsHandler>().GetAsync(user, id) is not null;
                Assert.True(view.Can.ReadAgreement == opens, $"{user.Identity!.Name}: link {view.Can.ReadAgreement}, page opens {opens}");
            }
        }
    }
}
