using Microsoft.EntityFrameworkCore;
using ParentPortal.Data.Entities;
using ParentPortal.Domain.Cases;
using ParentPortal.Domain.Triage;
using ParentPortal.Features.Apply;
using ParentPortal.Features.Cases;
using ParentPortal.Tests.TestSupport;
using static ParentPortal.Tests.Features.Cases.CaseTestData;

namespace ParentPortal.Tests.Features.Apply;

/// <summary>Issue 14 item 2: the family ask for a correction to an answer they sent; only they may, only while the case is open.</summary>
public sealed class AskForCorrectionTests : IAsyncLifetime
{
    private ApplicationsHost _host = null!;

    public async Task InitializeAsync() => _host = await ApplicationsHost.StartAsync();

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task TheFamily_AsksForACorrection_TheAdviserIsToldAndTheHistoryNamesOnlyTheQuestion()
    {
        var id = await SenCaseAsync(_host);
        Succeeded(await _host.Get<TakeCaseHandler>().HandleAsync(Adviser, id));
        var corrections = _host.Get<AskForCorrectionHandler>();

        var view = await corrections.GetAsync(Sam, id);
        Assert.NotNull(view);
        // Every answered question but the contact details, which the family change themselves.
        Assert.Contains(view.Questions, q => q.StepKey == "child-school");
        Assert.DoesNotContain(view.Questions, q => q.StepKey == ChangeContactDetailsHandler.StepKey);

        var asked = await corrections.AskAsync(Sam, id, "child-school", "It is Hillside Academy now, not Hillside Primary.");
        Assert.True(asked!.Succeeded);
        // Sent twice (a double click): one request.
        Assert.True((await corrections.AskAsync(Sam, id, "child-school", "It is Hillside Academy now, not Hillside Primary."))!.Succeeded);

        view = await corrections.GetAsync(Sam, id);
        var request = Assert.Single(view!.Requests);
        Assert.Equal(CorrectionStatus.Asked, request.Status);
        Assert.Equal("It is Hillside Academy now, not Hillside Primary.", request.Wanted);

        await using var db = await _host.DbAsync();
        var history = await db.CaseEvents.SingleAsync(e => e.ApplicationId == id && e.Kind == "correction-asked");
        Assert.DoesNotContain("Academy", history.Note, StringComparison.Ordinal);
        var mail = await db.OutboxMessages.SingleAsync(m => m.ApplicationId == id && m.Kind == "correction-asked");
        Assert.False(mail.ToFamily);
        Assert.DoesNotContain("Academy", mail.Body, StringComparison.Ordinal);
        Assert.Equal(1, Assert.Single((await _host.Get<CaseQueueQuery>().HandleAsync(Adviser, new CaseQueueFilter()))!.Rows, r => r.Id == id).CorrectionsAsked);
    }

    [Fact]
    public async Task AMissingQuestionOrText_IsRefusedKindly_AndNothingIsKept()
    {
        var id = await SenCaseAsync(_host);
        var corrections = _host.Get<AskForCorrectionHandler>();

        var refused = await corrections.AskAsync(Sam, id, null, "  ");
        Assert.Equal(["Select the answer that needs correcting", "Enter what the answer should say"], refused!.Errors.Select(e => e.Message));
        // A question that is not on this application (or the contact details, changed on their own page) is not one to pick.
        Assert.False((await corrections.AskAsync(Sam, id, "bullying-outcome", "Something"))!.Succeeded);
        Assert.False((await corrections.AskAsync(Sam, id, ChangeContactDetailsHandler.StepKey, "New number"))!.Succeeded);
        Assert.Contains("2000 characters or fewer", Assert.Single((await corrections.AskAsync(Sam, id, "child-school", new string('x', 2001)))!.Errors).Message, StringComparison.Ordinal);

        await using var db = await _host.DbAsync();
        Assert.False(await db.CorrectionRequests.AnyAsync(c => c.ApplicationId == id));
    }

    [Fact]
    public async Task OnlyTheFamily_MayAsk_AndNotOnceTheCaseIsClosed()
    {
        var id = await SenCaseAsync(_host);
        var corrections = _host.Get<AskForCorrectionHandler>();
        Assert.Null(await corrections.GetAsync(Lukasz, id));
        Assert.Null(await corrections.AskAsync(Lukasz, id, "child-school", "Hillside Academy"));
        Assert.Null(await corrections.AskAsync(Adviser, id, "child-school", "Hillside Academy"));

        Assert.True((await _host.Get<WithdrawApplicationHandler>().HandleAsync(Sam, id, null))!.Succeeded);
        var refused = await corrections.AskAsync(Sam, id, "child-school", "Hillside Academy");
        Assert.Contains("closed", Assert.Single(refused!.Errors).Message, StringComparison.Ordinal);
        Assert.True((await corrections.GetAsync(Sam, id))!.Closed);
    }

    [Fact]
    public async Task AFamily_CannotFloodTheAdviser_WithRequests()
    {
        var id = await SenCaseAsync(_host);
        var corrections = _host.Get<AskForCorrectionHandler>();
        for (var i = 0; i < AskForCorrectionHandler.MostWaiting; i++)
        {
            Assert.True((await corrections.AskAsync(Sam, id, "child-school", $"School number {i}"))!.Succeeded);
        }

        Assert.Contains("waiting", Assert.Single((await corrections.AskAsync(Sam, id, "child-school", "One more"))!.Errors).Message, StringComparison.Ordinal);
    }
}
