using Microsoft.EntityFrameworkCore;
using ParentPortal.Domain.Triage;
using ParentPortal.Features.Advisers;
using ParentPortal.Features.Apply;
using ParentPortal.Tests.TestSupport;
using static ParentPortal.Tests.Features.Cases.CaseTestData;

namespace ParentPortal.Tests.Features.Apply;

/// <summary>The family shares their draft with the adviser they are on the phone to, with a code they read out, and may stop.</summary>
public sealed class ShareDraftTests : IAsyncLifetime
{
    private ApplicationsHost _host = null!;

    public async Task InitializeAsync()
    {
        _host = await ApplicationsHost.StartAsync();
        await AddOtherStaffAsync(_host);
    }

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task TheCodeOpensTheDraft_ToTheAdviserWhoTypesItOnly_Once_UntilTheFamilyStopsSharing()
    {
        var id = await SamsDraftAsync();
        var shared = await _host.Get<ShareDraftHandler>().NewCodeAsync(Sam, id);
        Assert.True(shared.Succeeded, shared.Message);
        Assert.Null(await _host.Get<GetApplicationHandler>().HandleAsync(Adviser, id));

        // Typed with spaces and in small letters, as read out on the phone.
        var code = shared.Code!;
        var opened = await _host.Get<OpenSharedDraftHandler>().HandleAsync(Adviser, " " + code[..5].ToLowerInvariant() + " " + code[5..]);
        Assert.True(opened.Succeeded, opened.Message);
        Assert.Equal(id, opened.ApplicationId);
        Assert.NotNull(await _host.Get<GetApplicationHandler>().HandleAsync(Adviser, id));
        Assert.Equal(SaveStepOutcome.Saved, (await _host.Get<SaveStepHandler>().HandleAsync(Adviser, id, "route", new Dictionary<string, string?> { ["route"] = "sen" })).Outcome);
        Assert.Null(await _host.Get<GetApplicationHandler>().HandleAsync(OtherAdviser, id));
        Assert.Null(await _host.Get<GetApplicationHandler>().HandleAsync(Manager, id));
        Assert.Equal("Priya Shah", (await _host.Get<ShareDraftHandler>().GetAsync(Sam, id))!.SharedWith);
        Assert.Equal("Priya Shah", Assert.Single(await _host.Get<ListApplicationsHandler>().HandleAsync(Sam)).SharedWith);

        // Once only: another adviser reading the same code gets nothing.
        Assert.Equal(OpenSharedDraftHandler.CodeNotWorked, (await _host.Get<OpenSharedDraftHandler>().HandleAsync(OtherAdviser, code)).Message);
        Assert.Null(await _host.Get<ShareDraftHandler>().GetAsync(Lukasz, id));
        Assert.False((await _host.Get<ShareDraftHandler>().StopAsync(Lukasz, id)).Succeeded);

        Assert.True((await _host.Get<ShareDraftHandler>().StopAsync(Sam, id)).Succeeded);
        Assert.Null(await _host.Get<GetApplicationHandler>().HandleAsync(Adviser, id));
        Assert.Equal(SaveStepOutcome.NotFound, (await _host.Get<SaveStepHandler>().HandleAsync(Adviser, id, "route", new Dictionary<string, string?> { ["route"] = "sen" })).Outcome);

        await using var db = await _host.DbAsync();
        var actions = await db.AuditEntries.Where(e => e.TargetId == id.ToString()).Select(e => e.Action).ToListAsync();
        Assert.Contains("draft-share-code-made", actions);
        Assert.Contains("draft-shared", actions);
        Assert.Contains("draft-share-stopped", actions);
        Assert.DoesNotContain(await db.Applications.AsNoTracking().Select(a => a.ShareCodeHash).ToListAsync(), h => h == DraftShareCodes.Hash(code));
    }

    [Fact]
    public async Task AWrongExpiredOrReplacedCode_IsRefusedKindly_AndOpensNothing()
    {
        var id = await SamsDraftAsync();
        var open = _host.Get<OpenSharedDraftHandler>();
        Assert.StartsWith("Enter the code exactly as the family reads it to you", (await open.HandleAsync(Adviser, "12")).Message);
        Assert.Equal(OpenSharedDraftHandler.CodeNotWorked, (await open.HandleAsync(Adviser, "AAAAA-BBBBB")).Message);
        Assert.False((await open.HandleAsync(Sam, "AAAAA-BBBBB")).Succeeded);

        var first = (await _host.Get<ShareDraftHandler>().NewCodeAsync(Sam, id)).Code!;
        var second = (await _host.Get<ShareDraftHandler>().NewCodeAsync(Sam, id)).Code!;
        Assert.Equal(OpenSharedDraftHandler.CodeNotWorked, (await open.HandleAsync(Adviser, first)).Message);

        _host.Clock.Advance(DraftShareCodes.Lifetime + TimeSpan.FromSeconds(1));
        Assert.Equal(OpenSharedDraftHandler.CodeNotWorked, (await open.HandleAsync(Adviser, second)).Message);
        Assert.Null(await _host.Get<GetApplicationHandler>().HandleAsync(Adviser, id));
        Assert.Null((await _host.Get<ShareDraftHandler>().GetAsync(Sam, id))!.CodeExpiresAt);
    }

    [Fact]
    public async Task GuessingCodes_IsStoppedAfterAFewAMinute()
    {
        var id = await SamsDraftAsync();
        var code = (await _host.Get<ShareDraftHandler>().NewCodeAsync(Sam, id)).Code!;
        var open = _host.Get<OpenSharedDraftHandler>();
        for (var i = 0; i < 10; i++)
        {
            Assert.Equal(OpenSharedDraftHandler.CodeNotWorked, (await open.HandleAsync(OtherAdviser, InvitationCodes.New())).Message);
        }

        Assert.Equal(OpenSharedDraftHandler.TooManyCodes, (await open.HandleAsync(OtherAdviser, code)).Message);
        Assert.Null(await _host.Get<GetApplicationHandler>().HandleAsync(OtherAdviser, id));
        _host.Clock.Advance(TimeSpan.FromMinutes(1));
        Assert.True((await open.HandleAsync(OtherAdviser, code)).Succeeded);
    }

    private async Task<Guid> SamsDraftAsync() =>
        (await _host.Get<StartApplicationHandler>().HandleAsync(Sam, new ApplicationPrefill("sen", "herts", null)))!.Value;
}
