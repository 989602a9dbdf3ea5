using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using ParentPortal.Data.Entities;
using ParentPortal.Features.Apply;
using ParentPortal.Platform.Identity;
using ParentPortal.Tests.Domain.Triage;
using ParentPortal.Tests.TestSupport;

namespace ParentPortal.Tests.Features.Apply;

/// <summary>Every refusal the issue names, checked in the handlers: each is clear and changes nothing.</summary>
public sealed class ApplicationHandlerTests : IAsyncLifetime
{
    private static readonly ClaimsPrincipal Sam = TestUsers.Parent("demo-parent", "Sam Taylor");
    private static readonly ClaimsPrincipal Lukasz = TestUsers.Parent("demo-parent-2", "Łukasz Dvořák");
    private ApplicationsHost _host = null!;

    public async Task InitializeAsync() => _host = await ApplicationsHost.StartAsync();

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task Start_KeepsValidCarriedOverAnswers_AndIgnoresOthers()
    {
        var id = await Start(Sam, new ApplicationPrefill("sen", "narnia", "2026-10-05"));

        var view = await _host.Get<GetApplicationHandler>().HandleAsync(Sam, id);
        Assert.Equal("sen", view!.Answers.Route);
        Assert.Null(view.Answers["local-authority"]);
        Assert.Equal("2026-10-05", view.Answers["sen-letter-date"]);
    }

    [Fact]
    public async Task SaveStep_ByTheOwner_SavesAtOnceAndSaysWhereToGoNext()
    {
        var id = await Start(Sam);

        var result = await Save(Sam, id, "route", ("route", "facilitation"));

        Assert.Equal(SaveStepOutcome.Saved, result.Outcome);
        Assert.Equal("applicant", result.NextStep);
        await using var db = await _host.DbAsync();
        var application = await db.Applications.SingleAsync();
        Assert.Equal("facilitation", application.Route);
        Assert.Equal(1, application.Version);
    }

    [Fact]
    public async Task SaveStep_ToAnotherParentsDraft_IsNotFound_AndChangesNothing()
    {
        var id = await Start(Sam);
        await Save(Sam, id, "route", ("route", "sen"));

        var result = await Save(Lukasz, id, "route", ("route", "bullying"));

        Assert.Equal(SaveStepOutcome.NotFound, result.Outcome);
        Assert.Equal("sen", await RouteOf(id));
        Assert.Null(await _host.Get<GetApplicationHandler>().HandleAsync(Lukasz, id));
    }

    [Theory]
    [InlineData(PortalRoles.Adviser)]
    [InlineData(PortalRoles.Manager)]
    public async Task SaveStep_ByStaffWhoDoNotOwnIt_IsNotFound(string role)
    {
        var id = await Start(Sam);

        var result = await Save(TestUsers.Staff(role), id, "route", ("route", "bullying"));

        Assert.Equal(SaveStepOutcome.NotFound, result.Outcome);
    }

    [Fact]
    public async Task SaveStep_WhenSignedOut_IsNotFound()
    {
        var id = await Start(Sam);

        Assert.Equal(SaveStepOutcome.NotFound, (await Save(TestUsers.Anonymous(), id, "route", ("route", "sen"))).Outcome);
    }

    [Theory]
    [InlineData("route", "route", "divorce", "Select what you need help with")]
    [InlineData("child-name", "child-first-name", null, "Enter their first name")]
    [InlineData("child-date-of-birth", "child-date-of-birth", "2027-01-01", "Date of birth must be today or in the past")]
    [InlineData("sen-letter-date", "sen-letter-date", "2026-12-25", "The date the decision letter was sent must be today or in the past")]
    public async Task SaveStep_WithABadValue_IsRefusedWithAClearMessage_AndChangesNothing(string step, string field, string? value, string message)
    {
        var id = await Start(Sam, new ApplicationPrefill("sen", "herts", null));
        await using (var before = await _host.DbAsync())
        {
            var version = (await before.Applications.SingleAsync()).Version;

            var result = await Save(Sam, id, step, (field, value), step == "child-name" ? ("child-last-name", "Taylor") : default);

            Assert.Equal(SaveStepOutcome.Invalid, result.Outcome);
            Assert.Contains(result.Errors, e => e.FieldKey == field && e.Message == message);
            await using var after = await _host.DbAsync();
            Assert.Equal(version, (await after.Applications.SingleAsync()).Version);
        }
    }

    [Fact]
    public async Task SaveStep_WithOverLongText_IsRefused()
    {
        var id = await Start(Sam, new ApplicationPrefill("bullying", "herts", null));

        var result = await Save(Sam, id, "bullying-hopes", ("bullying-hopes", new string('x', 2001)));

        Assert.Equal("What you would like to happen must be 2000 characters or fewer", Assert.Single(result.Errors).Message);
    }

    [Fact]
    public async Task SaveStep_ForAQuestionTheRouteDoesNotAsk_IsNotFound()
    {
        var id = await Start(Sam, new ApplicationPrefill("sen", "herts", null));

        var result = await Save(Sam, id, "meeting-type", ("meeting-type", "annual-review"));

        Assert.Equal(SaveStepOutcome.NotFound, result.Outcome);
    }

    [Fact]
    public async Task Submit_AnIncompleteApplication_SaysWhereToGo()
    {
        var id = await Start(Sam, new ApplicationPrefill("sen", "herts", null));

        var result = await _host.Get<SubmitApplicationHandler>().HandleAsync(Sam, id);

        Assert.Equal(SubmitOutcome.Incomplete, result.Outcome);
        Assert.Equal("applicant", result.FirstIncompleteStep);
    }

    [Fact]
    public async Task Submit_Twice_GivesOneReference_AndOneConfirmation()
    {
        var id = await Complete(Sam, TriageFixtures.SenPages());
        var submit = _host.Get<SubmitApplicationHandler>();

        var first = await submit.HandleAsync(Sam, id);
        var second = await submit.HandleAsync(Sam, id);

        Assert.Equal(SubmitOutcome.Submitted, first.Outcome);
        Assert.Equal(first.Reference, second.Reference);
        await using var db = await _host.DbAsync();
        Assert.Equal(1, await db.OutboxMessages.CountAsync());
        var message = await db.OutboxMessages.SingleAsync();
        Assert.Equal("parent@example.com", message.ToAddress);
        Assert.Contains(first.Reference!, message.Body, StringComparison.Ordinal);
        Assert.DoesNotContain("Siân", message.Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Submit_FromManyTabsAtOnce_GivesOneReference()
    {
        var id = await Complete(Sam, TriageFixtures.BullyingPages());
        var submit = _host.Get<SubmitApplicationHandler>();

        var results = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(() => submit.HandleAsync(Sam, id))));

        Assert.All(results, r => Assert.Equal(SubmitOutcome.Submitted, r.Outcome));
        Assert.Single(results.Select(r => r.Reference).Distinct());
        await using var db = await _host.DbAsync();
        Assert.Equal(1, await db.OutboxMessages.CountAsync(m => m.Kind == "application-submitted"));
    }

    [Fact]
    public async Task Submit_ByAnotherParent_IsNotFound_AndLeavesTheDraft()
    {
        var id = await Complete(Sam, TriageFixtures.FacilitationPages());

        var result = await _host.Get<SubmitApplicationHandler>().HandleAsync(Lukasz, id);

        Assert.Equal(SubmitOutcome.NotFound, result.Outcome);
        await using var db = await _host.DbAsync();
        Assert.Equal(ApplicationStatus.Draft, (await db.Applications.SingleAsync()).Status);
    }

    [Fact]
    public async Task Submit_KeepsOnlyTheAnswersTheRouteAsks()
    {
        var id = await Complete(Sam, TriageFixtures.SenPages());
        await Save(Sam, id, "route", ("route", "facilitation"));
        await Save(Sam, id, "route", ("route", "sen"));

        await _host.Get<SubmitApplicationHandler>().HandleAsync(Sam, id);

        var view = await _host.Get<GetApplicationHandler>().HandleAsync(Sam, id);
        Assert.Equal(ApplicationStatus.Submitted, view!.Status);
        Assert.DoesNotContain(view.Answers.Values.Keys, k => k.StartsWith("meeting", StringComparison.Ordinal));
    }

    [Fact]
    public async Task SaveStep_AfterSubmission_IsRefused()
    {
        var id = await Complete(Sam, TriageFixtures.SenPages());
        await _host.Get<SubmitApplicationHandler>().HandleAsync(Sam, id);

        var result = await Save(Sam, id, "child-name", ("child-first-name", "Changed"), ("child-last-name", "Name"));

        Assert.Equal(SaveStepOutcome.AlreadySubmitted, result.Outcome);
        Assert.Equal("Siân", (await _host.Get<GetApplicationHandler>().HandleAsync(Sam, id))!.Answers["child-first-name"]);
    }

    [Fact]
    public async Task List_ShowsOnlyYourOwnApplications()
    {
        await Start(Sam);
        await Start(Sam);
        await Start(Lukasz);

        Assert.Equal(2, (await _host.Get<ListApplicationsHandler>().HandleAsync(Sam)).Count);
        Assert.Single(await _host.Get<ListApplicationsHandler>().HandleAsync(Lukasz));
    }

    [Fact]
    public async Task Retention_WarnsBeforeDeletingAnUntouchedDraft_AndKeepsOnesInUse()
    {
        var idle = await Start(Sam, new ApplicationPrefill("sen", "herts", null));
        var active = await Start(Sam, new ApplicationPrefill("bullying", "herts", null));
        await Save(Sam, idle, "contact", ("contact-email", "sam@example.com"), ("contact-method", "email"));
        var job = _host.Get<DraftRetentionJob>();

        _host.Clock.Advance(TimeSpan.FromDays(77));
        await Save(Sam, active, "applicant", ("applicant", "parent"));
        Assert.Equal((1, 0), await job.RunOnceAsync());
        Assert.Equal((0, 0), await job.RunOnceAsync());

        _host.Clock.Advance(TimeSpan.FromDays(14));
        Assert.Equal((0, 1), await job.RunOnceAsync());

        await using var db = await _host.DbAsync();
        Assert.Equal([active], await db.Applications.Select(a => a.Id).ToListAsync());
        var warning = await db.OutboxMessages.SingleAsync(m => m.Kind == "draft-deletion-warning");
        Assert.Equal("sam@example.com", warning.ToAddress);
    }

    [Fact]
    public async Task Retention_ContinuingAWarnedDraft_KeepsIt()
    {
        var id = await Start(Sam, new ApplicationPrefill("sen", "herts", null));
        var job = _host.Get<DraftRetentionJob>();
        _host.Clock.Advance(TimeSpan.FromDays(80));
        Assert.Equal((1, 0), await job.RunOnceAsync());

        await Save(Sam, id, "applicant", ("applicant", "parent"));
        _host.Clock.Advance(TimeSpan.FromDays(20));

        Assert.Equal((0, 0), await job.RunOnceAsync());
        await using var db = await _host.DbAsync();
        Assert.Equal(1, await db.Applications.CountAsync());
    }

    private async Task<Guid> Start(ClaimsPrincipal user, ApplicationPrefill? prefill = null) =>
        (await _host.Get<StartApplicationHandler>().HandleAsync(user, prefill ?? new ApplicationPrefill(null, null, null)))!.Value;

    private Task<SaveStepResult> Save(ClaimsPrincipal user, Guid id, string step, params (string Key, string? Value)[] values) =>
        _host.Get<SaveStepHandler>().HandleAsync(user, id, step, values.Where(v => v.Key is not null).ToDictionary(v => v.Key, v => v.Value));

    private async Task<Guid> Complete(ClaimsPrincipal user, IReadOnlyDictionary<string, Dictionary<string, string?>> pages)
    {
        var id = await Start(user);
        foreach (var (step, values) in pages)
        {
            var result = await _host.Get<SaveStepHandler>().HandleAsync(user, id, step, values);
            Assert.True(result.Outcome == SaveStepOutcome.Saved, $"{step}: {string.Join("; ", result.Errors.Select(e => e.Message))}");
        }

        return id;
    }

    private async Task<string?> RouteOf(Guid id)
    {
        await using var db = await _host.DbAsync();
        return (await db.Applications.SingleAsync(a => a.Id == id)).Route;
    }
}
