using System.Text.Json;
using System.Text.Json.Nodes;
using Json.Schema;
using Microsoft.EntityFrameworkCore;
using ParentPortal.Data.Entities;
using ParentPortal.Domain.Appeals;
using ParentPortal.Features.Apply;
using ParentPortal.Features.Cases;
using ParentPortal.Features.Documents;
using ParentPortal.Platform.Calendar;
using ParentPortal.Platform.Cases;
using ParentPortal.Platform.Settings;
using ParentPortal.Tests.Domain.Triage;
using ParentPortal.Tests.Features.Admin.Settings;
using ParentPortal.Tests.TestSupport;
using static ParentPortal.Tests.Features.Cases.CaseTestData;

namespace ParentPortal.Tests.Features.Documents;

/// <summary>
/// Issue 14 item 4 through the real handlers on a real SQLite file: the appeal deadline is the case's own clock (the same as
/// the family's case page and the certificate), reminders are opt-in outbox messages at 9am 14 and 3 days before it, the
/// summary validates against the repository's SEND35 schema, and only the family who own the case get any of it.
/// </summary>
public sealed class AppealSupportTests : IAsyncLifetime
{
    private static readonly Lazy<JsonSchema> Schema = new(() => JsonSchema.FromText(
        File.ReadAllText(Path.Combine(RepositoryPaths.Root, "docs", "schemas", "send35-appeal-summary.schema.json")),
        new BuildOptions { SchemaRegistry = new SchemaRegistry() }));

    private ApplicationsHost _host = null!;

    public async Task InitializeAsync() => _host = await ApplicationsHost.StartAsync();

    public async Task DisposeAsync() => await _host.DisposeAsync();

    private AppealSupportHandler Appeal => _host.Get<AppealSupportHandler>();

    [Fact]
    public async Task TheDeadline_IsTheCasesOwnClock_OnTheAppealPageTheCasePageAndTheCertificate()
    {
        var id = await CertificateCaseAsync();
        var today = UkDates.DateIn(_host.Clock.GetUtcNow());

        var view = await Appeal.GetAsync(Sam, id);

        Assert.NotNull(view);
        var expected = (await _host.Get<TriageContextSource>().CalculatorAsync()).AppealBy(new DateOnly(2026, 10, 1), today);
        Assert.Equal(expected.Date, view.Summary.Deadline.Date);
        Assert.Equal(expected.Reason, view.Summary.Deadline.Reason);
        Assert.Equal((await _host.Get<FamilyCaseQuery>().HandleAsync(Sam, id))!.Appeal!.Deadline.Date, view.Summary.Deadline.Date);
        Assert.Equal(expected.Date.DayNumber - today.DayNumber, view.DaysLeft);
        await using var db = await _host.DbAsync();
        var certificate = await db.CaseDocuments.SingleAsync(d => d.ApplicationId == id && d.Kind == DocumentKind.Certificate);
        Assert.Equal((certificate.Number, today), (view.Summary.CertificateNumber, view.Summary.CertificateIssuedOn));
        Assert.Equal(("SEND35a", "Hertfordshire", true), (view.Summary.Form, view.Summary.LocalAuthority, view.Summary.NeedsCertificate));
    }

    [Fact]
    public async Task NobodyButTheFamily_GetsAnything_AndABullyingCaseHasNoAppeal()
    {
        var id = await CertificateCaseAsync();
        foreach (var someone in new[] { Lukasz, Adviser, Mediator, HertsOfficer, Manager, TestUsers.Anonymous() })
        {
            Assert.Null(await Appeal.GetAsync(someone, id));
            Assert.Null(await Appeal.SetRemindersAsync(someone, id, true));
            Assert.Null(await Appeal.RecordAsync(someone, id, AppealStatus.Appealed, null));
            Assert.Null(await Appeal.SummaryPdfAsync(someone, id));
            Assert.Null(await Appeal.SummaryJsonAsync(someone, id));
        }

        var bullying = await SubmitAsync(_host, Sam, TriageFixtures.BullyingPages());
        Assert.Null(await Appeal.GetAsync(Sam, bullying));
        await using var db = await _host.DbAsync();
        Assert.False(await db.OutboxMessages.AnyAsync(m => m.Kind == "appeal-reminder"));
        Assert.Null((await db.Applications.SingleAsync(a => a.Id == id)).AppealStatus);
    }

    [Fact]
    public async Task Reminders_AreOptIn_At9am14And3DaysBefore_CancelledWhenTurnedOffOrWhenTheFamilyAppeal()
    {
        var id = await CertificateCaseAsync();
        var deadline = (await Appeal.GetAsync(Sam, id))!.Summary.Deadline.Date;

        Assert.Equal(new AppealChange(true), await Appeal.SetRemindersAsync(Sam, id, true));

        var queued = await RemindersAsync(id);
        Assert.Equal(
            [UkDates.FromLocal(deadline.AddDays(-14), new TimeOnly(9, 0)), UkDates.FromLocal(deadline.AddDays(-3), new TimeOnly(9, 0))],
            queued.Where(m => m.CancelledAt is null).Select(m => m.NotBefore).Order());
        Assert.All(queued, m => Assert.Equal("parent@example.com", m.ToAddress));
        Assert.All(queued, m => Assert.Contains(UkDates.LongDate(deadline), m.Body, StringComparison.Ordinal));
        Assert.True((await Appeal.GetAsync(Sam, id))!.RemindersWanted);

        Assert.Equal(new AppealChange(true), await Appeal.SetRemindersAsync(Sam, id, false));
        Assert.All(await RemindersAsync(id), m => Assert.NotNull(m.CancelledAt));
        Assert.False((await Appeal.GetAsync(Sam, id))!.RemindersWanted);

        // On again: new messages (the outbox enqueues a key once ever), then the family say they have appealed.
        Assert.Equal(new AppealChange(true), await Appeal.SetRemindersAsync(Sam, id, true));
        Assert.Equal(2, (await RemindersAsync(id)).Count(m => m.CancelledAt is null));
        Assert.Equal(new AppealChange(true), await Appeal.RecordAsync(Sam, id, AppealStatus.Appealed, UkDates.DateIn(_host.Clock.GetUtcNow())));
        Assert.All(await RemindersAsync(id), m => Assert.NotNull(m.CancelledAt));
        Assert.False((await Appeal.GetAsync(Sam, id))!.RemindersWanted);

        var timeline = (await _host.Get<FamilyCaseQuery>().HandleAsync(Sam, id))!.Timeline.Select(e => e.What.English).ToList();
        Assert.Contains("You asked us to remind you of your appeal deadline", timeline);
        Assert.Contains("You turned off the reminders of your appeal deadline", timeline);
        Assert.Contains("You told us what happened with your appeal", timeline);
    }

    [Fact]
    public async Task Reminders_FollowTheDeadline_WhenACertificateIsIssuedOrWithdrawn()
    {
        // Before the certificate: 2 months from the letter of 1 October 2026; 14 days before has passed on 20 November.
        var id = await SenCaseAsync(_host);
        var before = (await Appeal.GetAsync(Sam, id))!.Summary.Deadline.Date;
        Assert.Equal(new AppealChange(true), await Appeal.SetRemindersAsync(Sam, id, true));
        Assert.Equal([At(before, 3)], await LiveReminderTimesAsync(id));

        Succeeded(await _host.Get<TakeCaseHandler>().HandleAsync(Adviser, id));
        Succeeded(await _host.Get<RecordDecisionHandler>().HandleAsync(Adviser, id, SessionChoice.CertificateOnly));
        var issued = await _host.Get<IssueCertificateHandler>().HandleAsync(Adviser, id);
        Assert.True(issued.Succeeded, issued.Message);
        var after = (await Appeal.GetAsync(Sam, id))!.Summary.Deadline.Date;
        Assert.True(after > before);
        Assert.Equal([At(after, 14), At(after, 3)], await LiveReminderTimesAsync(id));

        var withdrawn = await _host.Get<RevokeDocumentHandler>().HandleAsync(Adviser, issued.DocumentId!.Value, "The child's name was wrong");
        Assert.True(withdrawn.Succeeded, withdrawn.Message);
        Assert.Equal([At(before, 3)], await LiveReminderTimesAsync(id));
        Assert.True((await Appeal.GetAsync(Sam, id))!.RemindersWanted);
    }

    private static DateTimeOffset At(DateOnly deadline, int daysBefore) => UkDates.FromLocal(deadline.AddDays(-daysBefore), new TimeOnly(9, 0));

    private async Task<List<DateTimeOffset>> LiveReminderTimesAsync(Guid id) =>
        [.. (await RemindersAsync(id)).Where(m => m.CancelledAt is null).Select(m => m.NotBefore).Order()];

    [Fact]
    public async Task Reminders_TooCloseToTheDeadline_AreRefusedKindly_AndNothingIsQueued()
    {
        var id = await CertificateCaseAsync();
        var deadline = (await Appeal.GetAsync(Sam, id))!.Summary.Deadline.Date;
        _host.Clock.SetUtcNow(UkDates.FromLocal(deadline.AddDays(-2), new TimeOnly(12, 0)));

        var view = await Appeal.GetAsync(Sam, id);
        var result = await Appeal.SetRemindersAsync(Sam, id, true);

        Assert.False(view!.MayRemind);
        Assert.Equal(2, view.DaysLeft);
        Assert.False(result!.Succeeded);
        Assert.Contains("less than 3 days away", result.Error, StringComparison.Ordinal);
        Assert.Empty(await RemindersAsync(id));
    }

    [Fact]
    public async Task WhatHappened_IsRecorded_WithTheDateTheyAppealed_AndABadDateIsRefused()
    {
        var id = await CertificateCaseAsync();
        var today = UkDates.DateIn(_host.Clock.GetUtcNow());

        var future = await Appeal.RecordAsync(Sam, id, AppealStatus.Appealed, today.AddDays(1));
        var beforeLetter = await Appeal.RecordAsync(Sam, id, AppealStatus.Appealed, new DateOnly(2026, 9, 1));
        Assert.Equal(("appealed-on", "appealed-on"), (future!.Field, beforeLetter!.Field));
        Assert.False(future.Succeeded || beforeLetter.Succeeded);

        Assert.Equal(new AppealChange(true), await Appeal.RecordAsync(Sam, id, AppealStatus.ResolvedBeforeHearing, today.AddDays(-1)));
        var view = await Appeal.GetAsync(Sam, id);
        Assert.Equal((AppealStatus.ResolvedBeforeHearing, today.AddDays(-1)), (view!.Status, view.AppealedOn));

        // The managers' report counts it, with a second certificate whose family told us nothing.
        await CertificateCaseAsync();
        var report = (await _host.Handler<ParentPortal.Features.Reports.ReportsQuery>().HandleAsync(Manager, ParentPortal.Features.Reports.ReportPeriod.Create(today, today)))!;
        Assert.Equal(new ParentPortal.Features.Reports.AppealFigures(2, 1, 0, 1, new ParentPortal.Features.Reports.Share(1, 1)), report.Appeals);

        // Not appealing has no appeal date, whatever was typed.
        Assert.Equal(new AppealChange(true), await Appeal.RecordAsync(Sam, id, AppealStatus.NotAppealing, today));
        view = await Appeal.GetAsync(Sam, id);
        Assert.Equal((AppealStatus.NotAppealing, (DateOnly?)null), (view!.Status, view.AppealedOn));
    }

    [Fact]
    public async Task TheJsonSummary_ValidatesAgainstTheRepositorysSend35Schema_ForEveryKindOfAppeal()
    {
        var assess = await CertificateCaseAsync();
        var pages = TriageFixtures.SenPages().ToDictionary(p => p.Key, p => p.Value);
        pages["sen-decision"] = new() { ["sen-decision"] = "plan-contents" };
        pages["sen-disputed-parts"] = new() { ["sen-disputed-parts"] = "section-i,health" };
        var placementOnly = await SubmitAsync(_host, Sam, pages);

        foreach (var (id, form, needsCertificate) in new[] { (assess, "SEND35a", true), (placementOnly, "SEND35", false) })
        {
            var (json, fileName) = (await Appeal.SummaryJsonAsync(Sam, id))!.Value;
            var node = JsonNode.Parse(json)!;
            var result = Schema.Value.Evaluate(JsonDocument.Parse(json).RootElement, new EvaluationOptions { OutputFormat = OutputFormat.List });
            Assert.True(result.IsValid, string.Join("; ", (result.Details ?? []).Where(d => d.Errors is not null).SelectMany(d => d.Errors!.Select(e => $"{d.InstanceLocation}: {e.Value}"))));
            Assert.Equal(form, (string?)node["form"]);
            Assert.Equal(needsCertificate, (bool?)node["mediation"]!["certificateRequired"]);
            Assert.Equal("2026-10-01", (string?)node["decisionLetter"]!["dateOfLetter"]);
            Assert.Equal("Siân", (string?)node["section1ChildOrYoungPerson"]!["firstName"]);
            Assert.StartsWith("appeal-summary-", fileName, StringComparison.Ordinal);
        }

        // The schema can fail: a summary without the decision letter's date is not the form's data.
        var broken = JsonNode.Parse((await Appeal.SummaryJsonAsync(Sam, assess))!.Value.Json)!.AsObject();
        broken["decisionLetter"]!.AsObject().Remove("dateOfLetter");
        Assert.False(Schema.Value.Evaluate(JsonDocument.Parse(broken.ToJsonString()).RootElement).IsValid);
    }

    [Fact]
    public async Task ThePdfSummary_CarriesWhatTheFormAsksFor_AndWhatOnlyTheFamilyCanAdd()
    {
        var id = await CertificateCaseAsync();
        var view = (await Appeal.GetAsync(Sam, id))!;

        var (pdf, fileName) = (await Appeal.SummaryPdfAsync(Sam, id))!.Value;

        Assert.Equal($"appeal-summary-{view.Reference}.pdf", fileName);
        await File.WriteAllBytesAsync(RepositoryPaths.Artifacts("documents", "appeal-summary.pdf"), pdf);
        Assert.Single(PdfText.Pages(pdf));
        var text = PdfText.All(pdf);
        PdfText.AssertContains("Form SEND35a", text);
        PdfText.AssertContains($"Appeal deadline {UkDates.LongDate(view.Summary.Deadline.Date)}", text);
        PdfText.AssertContains($"Certificate number {view.Summary.CertificateNumber}", text);
        PdfText.AssertContains("Date of the decision letter Thursday 1 October 2026", text);
        PdfText.AssertContains("The decision Refusal to carry out an EHC needs assessment", text);
        PdfText.AssertContains("Local authority Hertfordshire", text);
        PdfText.AssertContains("Name Siân O'Brien-Núñez", text);
        PdfText.AssertContains("Write your reasons for appealing", text);
    }

    /// <summary>An SEN case (a refusal to assess, letter of 1 October 2026) whose certificate was issued today.</summary>
    private async Task<Guid> CertificateCaseAsync()
    {
        var id = await SenCaseAsync(_host);
        Succeeded(await _host.Get<TakeCaseHandler>().HandleAsync(Adviser, id));
        Succeeded(await _host.Get<RecordDecisionHandler>().HandleAsync(Adviser, id, SessionChoice.CertificateOnly));
        var issued = await _host.Get<IssueCertificateHandler>().HandleAsync(Adviser, id);
        Assert.True(issued.Succeeded, issued.Message);
        return id;
    }

    private async Task<List<OutboxMessage>> RemindersAsync(Guid id)
    {
        await using var db = await _host.DbAsync();
        var prefix = CaseFile.AppealReminderPrefix(id);
        return await db.OutboxMessages.Where(m => m.CorrelationKey!.StartsWith(prefix)).ToListAsync();
    }
}
