using Microsoft.EntityFrameworkCore;
using ParentPortal.Data.Entities;
using ParentPortal.Features.Advisers;
using ParentPortal.Features.Cases;
using ParentPortal.Tests.TestSupport;
using static ParentPortal.Tests.Features.Cases.CaseTestData;

namespace ParentPortal.Tests.Features.Advisers;

/// <summary>
/// Issue 12 item 10: a call is linked only to a case the adviser may open, and a reference they may not open reads like
/// one that does not exist. Failed before: any reference was linked, and the message told real references from invented.
/// </summary>
public sealed class CallLogTests : IAsyncLifetime
{
    private ApplicationsHost _host = null!;

    public async Task InitializeAsync()
    {
        _host = await ApplicationsHost.StartAsync();
        await AddOtherStaffAsync(_host);
    }

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task AReferenceTheAdviserMayNotOpen_IsRefusedLikeAnInventedOne_AndTheirOwnCaseIsLinked()
    {
        var id = await SenCaseAsync(_host);
        Succeeded(await _host.Get<TakeCaseHandler>().HandleAsync(Adviser, id));
        string reference;
        await using (var db = await _host.DbAsync())
        {
            reference = (await db.Applications.SingleAsync(a => a.Id == id)).Reference!;
        }

        var calls = _host.Get<CallLogHandler>();
        var othersCase = await calls.LogAsync(OtherAdviser, Call(reference));
        var invented = await calls.LogAsync(OtherAdviser, Call("ZZZZ-ZZZZ"));
        var ownCase = await calls.LogAsync(Adviser, Call(reference.ToLowerInvariant()));

        Assert.False(othersCase.Succeeded);
        Assert.Equal(invented.Errors.Select(e => (e.FieldKey, e.Message)), othersCase.Errors.Select(e => (e.FieldKey, e.Message)));
        Assert.Equal(CallLogHandler.NoSuchReference, Assert.Single(othersCase.Errors).Message);
        Assert.True(ownCase.Succeeded, string.Join("; ", ownCase.Errors.Select(e => e.Message)));
        await using var check = await _host.DbAsync();
        Assert.Equal([id], await check.CallLog.Select(c => c.ApplicationId).ToListAsync());
    }

    private CallForm Call(string reference) => new()
    {
        StartedAt = _host.Clock.GetUtcNow().AddMinutes(-20),
        DurationMinutes = 15,
        CallerType = CallerType.Parent,
        Topic = "mediation",
        Outcome = CallOutcome.InformationGiven,
        ApplicationReference = reference,
    };
}
