using System.IO.Compression;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using ParentPortal.Data.Entities;
using ParentPortal.Domain.Triage;
using ParentPortal.Features.Admin.Privacy;
using ParentPortal.Features.Apply;
using ParentPortal.Features.Cases;
using ParentPortal.Tests.Domain.Triage;
using ParentPortal.Tests.TestSupport;
using static ParentPortal.Tests.Features.Cases.CaseTestData;

namespace ParentPortal.Tests.Features.Cases;

/// <summary>Issue 14 item 2: the adviser makes the correction the family asked for, or says why not; audited, and the family are told.</summary>
public sealed class HandleCorrectionTests : IAsyncLifetime
{
    private ApplicationsHost _host = null!;

    public async Task InitializeAsync() => _host = await ApplicationsHost.StartAsync();

    public async Task DisposeAsync() => await _host.DisposeAsync();

    private async Task<(Guid Case, Guid Request)> AskedAsync(string stepKey, string wanted, IReadOnlyDictionary<string, Dictionary<string, string?>>? pages = null)
    {
        var id = await SubmitAsync(_host, Sam, pages ?? TriageFixtures.SenPages());
        Succeeded(await _host.Get<TakeCaseHandler>().HandleAsync(Adviser, id));
        Assert.True((await _host.Get<AskForCorrectionHandler>().AskAsync(Sam, id, stepKey, wanted))!.Succeeded);
        var view = await _host.Get<CaseDetailsQuery>().HandleAsync(Adviser, id);
        return (id, Assert.Single(view!.Corrections!).Id);
    }

    [Fact]
    public async Task TheAdviser_MakesTheCorrection_ThroughTheJourneysChecks_AndTheFamilyAreTold()
    {
        var (id, request) = await AskedAsync("child-school", "Hillside Academy");
        var handler = _host.Get<HandleCorrectionHandler>();

        // The same checks as the journey's page: a name with a control character in it is refused, and nothing changes.
        var refused = await handler.MakeAsync(Adviser, id, request, new Dictionary<string, string?> { ["child-school"] = "Hillside\u0007 Academy" });
        Assert.False(refused.Succeeded);
        Assert.Equal("child-school", Assert.Single(refused.Errors).FieldKey);

        Succeeded(await handler.MakeAsync(Adviser, id, request, new Dictionary<string, string?> { ["child-school"] = "Hillside Academy" }));
        // Dealt with once: a second adviser's click is refused kindly.
        Assert.Contains("already dealt with", Assert.Single((await handler.MakeAsync(Adviser, id, request, new Dictionary<string, string?> { ["child-school"] = "Other" })).Errors).Message, StringComparison.Ordinal);

        var family = await _host.Get<FamilyCaseQuery>().HandleAsync(Sam, id);
        Assert.Equal("Hillside Academy", family!.Answers["child-school"]);
        Assert.Contains(family.Timeline, e => e.What == "We corrected an answer, as you asked");
        var item = Assert.Single((await _host.Get<AskForCorrectionHandler>().GetAsync(Sam, id))!.Requests);
        Assert.Equal(CorrectionStatus.Made, item.Status);
        Assert.Empty((await _host.Get<CaseDetailsQuery>().HandleAsync(Adviser, id))!.Corrections!);
        Assert.Equal(0, Assert.Single((await _host.Get<CaseQueueQuery>().HandleAsync(Adviser, new CaseQueueFilter()))!.Rows, r => r.Id == id).CorrectionsAsked);

        await using var db = await _host.DbAsync();
        var history = await db.CaseEvents.SingleAsync(e => e.ApplicationId == id && e.Kind == "correction-made");
        Assert.Equal("Priya Shah", history.ActorName);
        Assert.DoesNotContain("Academy", history.Note, StringComparison.Ordinal);
        Assert.True(await db.AuditEntries.AnyAsync(a => a.Action == "case-correction-made" && a.TargetId == id.ToString()));
        Assert.True(await db.OutboxMessages.AnyAsync(m => m.ApplicationId == id && m.Kind == "correction-made" && m.ToFamily));
    }

    [Fact]
    public async Task TheAdviser_SaysWhyNot_AndTheFamilySeeTheReason()
    {
        var (id, request) = await AskedAsync("child-school", "Hillside Academy");
        var handler = _host.Get<HandleCorrectionHandler>();
        Assert.Equal(HandleCorrectionHandler.Reason.Key, Assert.Single((await handler.DeclineAsync(Adviser, id, request, " ")).Errors).FieldKey);
        Succeeded(await handler.DeclineAsync(Adviser, id, request, "The school has not changed its name yet: we will update it when it does."));

        var item = Assert.Single((await _host.Get<AskForCorrectionHandler>().GetAsync(Sam, id))!.Requests);
        Assert.Equal(CorrectionStatus.NotMade, item.Status);
        Assert.Equal("The school has not changed its name yet: we will update it when it does.", item.Reply);
        Assert.Equal("Hillside Primary", (await _host.Get<FamilyCaseQuery>().HandleAsync(Sam, id))!.Answers["child-school"]);
        await using var db = await _host.DbAsync();
        Assert.True(await db.OutboxMessages.AnyAsync(m => m.ApplicationId == id && m.Kind == "correction-not-made" && m.ToFamily && m.Body.Contains("has not changed its name")));
    }

    [Fact]
    public async Task ACorrectionThatWouldChangeTheRoute_IsRefused_AndOnlyAdvisersAndManagersMayDealWithOne()
    {
        var (id, request) = await AskedAsync("route", "It is about bullying");
        var handler = _host.Get<HandleCorrectionHandler>();
        var refused = await handler.MakeAsync(Adviser, id, request, new Dictionary<string, string?> { ["route"] = AnswerKeys.Bullying });
        Assert.Contains("withdraw and apply again", Assert.Single(refused.Errors).Message, StringComparison.Ordinal);
        Assert.Equal(AnswerKeys.Sen, (await _host.Get<FamilyCaseQuery>().HandleAsync(Sam, id))!.Answers["route"]);

        Assert.False((await handler.DeclineAsync(Mediator, id, request, "No")).Succeeded);
        Assert.False((await handler.DeclineAsync(HertsOfficer, id, request, "No")).Succeeded);
        Assert.Empty((await _host.Get<CaseDetailsQuery>().HandleAsync(HertsOfficer, id))?.Corrections ?? []);
        Succeeded(await handler.DeclineAsync(Manager, id, request, "Please withdraw and apply again about the bullying."));
    }

    [Fact]
    public async Task AnOldCase_CanBeCorrected_EvenWhenAnotherAnswerWouldNotPassTodaysChecks()
    {
        // A facilitation request whose meeting date has passed since it was sent: correcting the school is still allowed.
        var (id, request) = await AskedAsync("child-school", "Hillside Academy", TriageFixtures.FacilitationPages());
        var meetingDate = DateOnly.Parse(TriageFixtures.FacilitationPages()["meeting-date"]["meeting-date"]!, System.Globalization.CultureInfo.InvariantCulture);
        _host.Clock.SetUtcNow(new DateTimeOffset(meetingDate.AddDays(10), new TimeOnly(10, 0), TimeSpan.Zero));
        Succeeded(await _host.Get<HandleCorrectionHandler>().MakeAsync(Adviser, id, request, new Dictionary<string, string?> { ["child-school"] = "Hillside Academy" }));
    }

    [Fact]
    public async Task Requests_AreInTheSubjectAccessExport_AndGoWithErasure()
    {
        // A bullying complaint: nothing keeps its records for an appeal, so it can be erased at once.
        var (id, _) = await AskedAsync("child-school", "Hillside Academy", TriageFixtures.BullyingPages());
        var export = await _host.Get<SubjectAccessExport>().ExportAsync(Manager, id);
        using (var zip = new ZipArchive(new MemoryStream(export!.Content)))
        {
            using var json = JsonDocument.Parse(zip.GetEntry(SubjectAccessExport.JsonEntry)!.Open());
            var listed = json.RootElement.GetProperty("applications")[0].GetProperty("correctionRequests")[0];
            Assert.Equal(("Hillside Academy", "Asked"), (listed.GetProperty("wanted").GetString(), listed.GetProperty("status").GetString()));
        }

        Assert.True((await _host.Get<WithdrawApplicationHandler>().HandleAsync(Sam, id, null))!.Succeeded);
        var reference = (await _host.Get<WithdrawApplicationHandler>().GetAsync(Sam, id))!.Reference;
        var erased = await _host.Get<FamilyErasure>().EraseAsync(Manager, id, new ErasureForm { ConfirmReference = reference, Reason = ErasureReason.FamilyRequest });
        Assert.True(erased.Succeeded, string.Join("; ", erased.Errors.Select(e => e.Message)));
        await using var db = await _host.DbAsync();
        Assert.False(await db.CorrectionRequests.AnyAsync());
    }
}
