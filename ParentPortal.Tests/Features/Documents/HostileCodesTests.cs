using CsCheck;
using Microsoft.EntityFrameworkCore;
using ParentPortal.Domain.Cases;
using ParentPortal.Features.Advisers;
using ParentPortal.Features.Apply;
using ParentPortal.Features.Documents;
using ParentPortal.Tests.TestSupport;
using static ParentPortal.Tests.Features.Cases.CaseTestData;

namespace ParentPortal.Tests.Features.Documents;

/// <summary>
/// Part of the fault suite: the typed codes and the one hidden value the family sends back, with generated hostile
/// values: a verification code, a one-time claim code and the content hash a signature is bound to. Nothing throws,
/// nothing is matched that should not be, and nothing changes.
/// </summary>
public sealed class HostileCodesTests : IAsyncLifetime
{
    private ApplicationsHost _host = null!;

    public async Task InitializeAsync()
    {
        _host = await ApplicationsHost.StartAsync();
        await AddOtherStaffAsync(_host);
    }

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task VerificationCodes_NeverThrow_AndFindNothing()
    {
        var queries = _host.Get<DocumentQueries>();
        await HostileValues.OptionalText.SampleAsync(async code =>
        {
            var result = await queries.VerifyAsync(code);
            Assert.Null(result);
        }, iter: 400, threads: 1, print: HostileValues.Show);
    }

    [Fact]
    public async Task ClaimCodes_NeverThrow_ClaimNothing_AndChangeNothing()
    {
        var started = await _host.Get<StartPhoneApplicationHandler>().HandleAsync(Adviser, new PhoneCallDetails { CallerName = "Sam Taylor", CallerEmail = "sam@example.com", ConsentToAct = true });
        Assert.True(started.Succeeded);
        var invitation = await _host.Get<InviteFamilyHandler>().HandleAsync(Adviser, started.ApplicationId!.Value);
        Assert.True(invitation.Succeeded, invitation.Message);

        await HostileValues.OptionalText.SampleAsync(async code =>
        {
            var result = await _host.Get<ClaimApplicationHandler>().HandleAsync(Sam, code);
            Assert.False(result.Succeeded, HostileValues.Show(code));
            Assert.False(string.IsNullOrWhiteSpace(result.Message));
        }, iter: 300, threads: 1, print: HostileValues.Show);

        await using var db = await _host.DbAsync();
        Assert.Null(await db.ApplicationInvitations.Where(i => i.ApplicationId == started.ApplicationId).Select(i => i.ClaimedAt).SingleAsync());
        // The real code still works afterwards (the attempts above were all wrong, none of them used it up).
        var claimed = await _host.Get<ClaimApplicationHandler>().HandleAsync(Sam, invitation.Code);
        Assert.True(claimed.Succeeded);
        // An adviser's phone application is the family's own answers: no referral consent to confirm.
        Assert.False(claimed.ConfirmSharing);
    }

    [Fact]
    public async Task SignaturesWithAnyOtherContentHash_AreRefused_AndSignNothing()
    {
        var id = await HeldMediationAsync(_host);
        var agreements = _host.Get<AgreementsHandler>();
        Assert.True((await agreements.SaveAsync(Mediator, id, new AgreementForm { Issues = ["Transport to school"] })).Succeeded);

        await HostileValues.Text.SampleAsync(async hash =>
        {
            var (succeeded, message) = await agreements.SignAsync(Sam, id, hash);
            Assert.False(succeeded, HostileValues.Show(hash));
            Assert.False(string.IsNullOrWhiteSpace(message));
        }, iter: 300, threads: 1, print: HostileValues.Show);

        await using var db = await _host.DbAsync();
        Assert.Equal(0, await db.AgreementSignatures.CountAsync(s => s.ApplicationId == id));
        Assert.Equal(CaseStage.AgreementRecorded, await db.Applications.Where(a => a.Id == id).Select(a => a.Stage).SingleAsync());
    }
}
