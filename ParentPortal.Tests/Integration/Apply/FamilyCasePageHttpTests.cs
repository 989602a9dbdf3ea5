using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ParentPortal.Data;
using ParentPortal.Data.Entities;
using ParentPortal.Domain.Meetings;
using ParentPortal.Features.Cases;
using ParentPortal.Tests.Features.Cases;
using ParentPortal.Tests.TestSupport;

namespace ParentPortal.Tests.Integration.Apply;

/// <summary>
/// The family's case page and its "Add to calendar" file over real HTTP, signed in through the real OIDC handler: the page is
/// plain server-rendered HTML with what the family may see, and the calendar file comes with the headers of a download.
/// </summary>
public sealed class FamilyCasePageHttpTests : IAsyncLifetime
{
    private const string StaffNoteMarker = "STAFF-NOTE-4410";

    private readonly SqliteTestDatabase _database = new();
    private PortalFactory _portal = null!;
    private Guid _caseId;
    private Guid _meetingId;
    private string _reference = "";

    public async Task InitializeAsync()
    {
        // The real clock: the OpenID provider and the OIDC handler must agree on the time for sign-in to work.
        _portal = new PortalFactory(_database);
        var services = _portal.Services;
        _caseId = await StoredCases.SubmittedAsync(services, "demo-parent", "Sam Taylor");
        CaseTestData.Succeeded(await services.GetRequiredService<TakeCaseHandler>().HandleAsync(CaseTestData.Adviser, _caseId));
        CaseTestData.Succeeded(await services.GetRequiredService<RecordDecisionHandler>().HandleAsync(CaseTestData.Adviser, _caseId, SessionChoice.TryMediation));
        var factory = services.GetRequiredService<IDbContextFactory<PortalDbContext>>();
        await using (var db = await factory.CreateDbContextAsync())
        {
            var mediator = await db.StaffMembers.Where(s => s.Subject == "demo-mediator").Select(s => s.Id).SingleAsync();
            CaseTestData.Succeeded(await services.GetRequiredService<AssignMediatorHandler>().HandleAsync(CaseTestData.Adviser, _caseId, mediator));
            var officer = await db.StaffMembers.Where(s => s.Subject == "demo-la-officer").Select(s => s.Id).SingleAsync();
            CaseTestData.Succeeded(await services.GetRequiredService<ScheduleMeetingHandler>().HandleAsync(CaseTestData.Mediator, _caseId, new MeetingForm
            {
                Date = DateOnly.FromDateTime(DateTime.Today.AddDays(40)),
                Starts = new TimeOnly(10, 0),
                Ends = new TimeOnly(12, 0),
                Format = SessionFormat.Online,
                MeetingLink = "https://meet.example.org/family-case",
                People = [new() { Name = "Dr Helen Ward", Role = AttendeeRole.LaDecisionMaker }],
                LaDecisionMakerStaffId = officer,
            }));
        }

        CaseTestData.Succeeded(await services.GetRequiredService<AddNoteHandler>().HandleAsync(CaseTestData.Adviser, _caseId, StaffNoteMarker + " a private view"));
        await using var read = await factory.CreateDbContextAsync();
        _meetingId = await read.CaseMeetings.Where(m => m.ApplicationId == _caseId && m.Kind == MeetingKind.Joint).Select(m => m.Id).SingleAsync();
        _reference = (await read.Applications.Where(a => a.Id == _caseId).Select(a => a.Reference).SingleAsync())!;
    }

    public async Task DisposeAsync()
    {
        await _portal.DisposeAsync();
        await _database.DisposeAsync();
    }

    [Fact]
    public async Task TheFamily_SeesTheirCase_AsPlainHtml_AndAddsTheMeetingToTheirCalendar()
    {
        var (client, _) = await PortalHttpSession.SignInAsync(_portal, "demo-parent");

        var list = await client.GetStringAsync(new Uri("/applications", UriKind.Relative));
        Assert.Contains($"href=\"applications/{_caseId}\"", list, StringComparison.Ordinal);
        Assert.Contains("View your case", list, StringComparison.Ordinal);

        using var response = await client.GetAsync(new Uri($"/applications/{_caseId}", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());

        // Server-rendered: no interactive component marker, so it works without JavaScript.
        Assert.DoesNotContain("<!--Blazor:{\"type\":\"server\"", html, StringComparison.Ordinal);
        Assert.Contains(_reference, html, StringComparison.Ordinal);
        Assert.Contains("Your meeting is arranged", html, StringComparison.Ordinal);
        Assert.Contains("Priya, your adviser", html, StringComparison.Ordinal);
        Assert.Contains("Tom, your mediator", html, StringComparison.Ordinal);
        Assert.Contains("Helen, local authority decision maker", html, StringComparison.Ordinal);
        Assert.Contains("https://meet.example.org/family-case", html, StringComparison.Ordinal);
        Assert.Contains("data-testid=\"case-answers\"", html, StringComparison.Ordinal);
        Assert.DoesNotContain(StaffNoteMarker, html, StringComparison.Ordinal);
        Assert.DoesNotContain("Shah", html, StringComparison.Ordinal);
        Assert.DoesNotContain("Okafor", html, StringComparison.Ordinal);
        var link = $"applications/{_caseId}/meetings/{_meetingId}/calendar.ics";
        Assert.Contains($"href=\"{link}\"", html, StringComparison.Ordinal);

        using var calendar = await client.GetAsync(new Uri("/" + link, UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, calendar.StatusCode);
        Assert.Equal("text/calendar", calendar.Content.Headers.ContentType?.MediaType);
        Assert.Equal("attachment", calendar.Content.Headers.ContentDisposition?.DispositionType);
        Assert.Matches("^meeting-\\d{4}-\\d{2}-\\d{2}\\.ics$", calendar.Content.Headers.ContentDisposition?.FileName?.Trim('"') ?? "");
        Assert.Contains("no-store", calendar.Headers.CacheControl?.ToString() ?? "", StringComparison.Ordinal);
        Assert.Equal("nosniff", calendar.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.StartsWith("BEGIN:VCALENDAR", await calendar.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }
}
