using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ParentPortal.Data;
using ParentPortal.Data.Entities;
using ParentPortal.Domain.Cases;
using ParentPortal.Domain.Meetings;
using ParentPortal.Features.Apply;
using ParentPortal.Features.Booking;
using ParentPortal.Features.Cases;
using ParentPortal.Features.Documents;
using ParentPortal.Platform.Cases;
using ParentPortal.Platform.Identity;
using ParentPortal.Tests.Domain.Triage;
using ParentPortal.Tests.TestSupport;
using Xunit.Abstractions;

namespace ParentPortal.Tests.Integration.Security;

/// <summary>
/// Every route that names a family's case, application or document, requested over real HTTP by everyone
/// (signed in through the real OIDC handler and the development provider): the people the case belongs to get
/// it; anyone else gets 404 and none of the family's data or the document's bytes, exactly as for an id that
/// does not exist. Signed out, a page asks for sign-in the same way for a real id and an invented one.
/// </summary>
public sealed class AccessSweepTests(AccessSweepFixture sweep, ITestOutputHelper output) : IClassFixture<AccessSweepFixture>
{
    /// <summary>Everyone the sweep signs in as; "signed-out" is nobody.</summary>
    public static TheoryData<string> Everyone =>
    [
        // The people the cases belong to.
        "demo-parent", "demo-adviser", "demo-mediator", "demo-la-officer", "demo-manager",
        // Outsiders: another parent, an adviser and a mediator not assigned, another local authority's officer, nobody.
        "demo-parent-2", "other-adviser", "other-mediator", "beds-officer", AccessSweepFixture.SignedOut,
    ];

    [Theory]
    [MemberData(nameof(Everyone))]
    public async Task EveryCaseAndDocumentRoute_IsServedToTheCasesPeopleOnly_AndIs404WithNoDataForAnyoneElse(string who)
    {
        var client = await sweep.ClientAsync(who);
        var failures = new List<string>();
        var checkedRoutes = 0;
        foreach (var route in sweep.Routes)
        {
            checkedRoutes++;
            var real = route.Path(sweep);
            var invented = route.InventedPath(sweep);
            if (route.AllowedFor(who))
            {
                await ExpectServedAsync(client, route, real, sweep.Expected(route.Shows), who, failures);
            }
            else if (who == AccessSweepFixture.SignedOut && route.Kind == RouteKind.Page)
            {
                await ExpectSignInAsync(client, real, invented, failures);
            }
            else
            {
                await ExpectNotFoundAsync(client, route, real, invented, who, failures);
            }
        }

        output.WriteLine($"{who}: {checkedRoutes} routes checked");
        Assert.True(failures.Count == 0, $"As {who}:\n" + string.Join('\n', failures));
    }

    /// <summary>Each consent choice a family can make, and what the local authority's officer then gets over HTTP.</summary>
    public static TheoryData<string, string?, string, string> ConsentChoices => new()
    {
        { "none", null, "", "nothing" },
        { "school", "everything", "", "nothing" },
        { "school,local-authority", "summary", "", "summary" },
        { "local-authority", "everything", "", "everything" },
        { "local-authority", "ask-first", "", "nothing" },
        { "local-authority", "ask-first", "asked-no", "nothing" },
        { "local-authority", "ask-first", "asked-yes", "everything" },
        { "local-authority", "everything", "withdrawn", "nothing" },
        // Pursuing mediation about a decision the family can appeal: the law requires the LA to be told (the summary).
        { "none", null, "mediation", "summary" },
    };

    /// <summary>
    /// Issue 13 item 1: the local authority's officer sees a case only as the family's consent (or the law) says. Nothing: the
    /// case page and its answers are 404 with none of the family's data. Summary: the case page names who asked and the child,
    /// never the school, the date of birth or how to reach the family, and the answers are 404. Everything: both open.
    /// </summary>
    [Theory]
    [MemberData(nameof(ConsentChoices))]
    public async Task TheLocalAuthority_SeesEachCase_ExactlyAsTheFamilysConsentSays(string contact, string? share, string then, string sees)
    {
        var id = await sweep.ConsentCaseAsync(contact, share, then);
        var client = await sweep.ClientAsync("demo-la-officer");
        using var page = await client.GetAsync(new Uri($"/advisers/cases/{id}", UriKind.Relative));
        using var answers = await client.GetAsync(new Uri($"/advisers/cases/{id}/answers", UriKind.Relative));
        var pageText = await TextAsync(page);
        var answersText = await TextAsync(answers);

        Assert.Equal(sees == "nothing" ? HttpStatusCode.NotFound : HttpStatusCode.OK, page.StatusCode);
        Assert.Equal(sees == "everything" ? HttpStatusCode.OK : HttpStatusCode.NotFound, answers.StatusCode);
        string[] summary = [AccessSweepFixture.ChildFirstName, "Sam Taylor"];
        string[] beyondSummary = ["Hillside Primary", "07700 900 982", "parent@example.com", "27 March 2015"];
        foreach (var marker in summary)
        {
            Assert.Equal(sees != "nothing", pageText.Contains(marker, StringComparison.Ordinal));
        }

        foreach (var marker in beyondSummary)
        {
            Assert.Equal(sees == "everything", (pageText + answersText).Contains(marker, StringComparison.Ordinal));
        }
    }

    /// <summary>
    /// The family sees and changes their consent on a server-rendered form (plain HTML, no script): a change the consent
    /// page would refuse gets the error summary and changes nothing; a withdrawal takes the case from the officer at once.
    /// </summary>
    [Fact]
    public async Task TheFamily_ChangesWhatTheyShare_OnAPlainForm_AndTheOfficerLosesTheCaseAtOnce()
    {
        var id = await sweep.ConsentCaseAsync("local-authority", "everything", "");
        var family = await sweep.ClientAsync("demo-parent");
        var officer = await sweep.ClientAsync("demo-la-officer");
        var path = new Uri($"/apply/{id}/sharing", UriKind.Relative);

        var refused = await PostSharingAsync(family, path, ["school"], null);
        Assert.Contains("There is a problem", refused, StringComparison.Ordinal);
        Assert.Contains("Select what we can share", refused, StringComparison.Ordinal);
        using (var stillShared = await officer.GetAsync(new Uri($"/advisers/cases/{id}/answers", UriKind.Relative)))
        {
            Assert.Equal(HttpStatusCode.OK, stillShared.StatusCode);
        }

        var saved = await PostSharingAsync(family, path, ["none"], null);
        Assert.Contains("Saved. From now on we will not share anything more than you have agreed.", saved, StringComparison.Ordinal);
        Assert.Contains("What you have agreed: we do not contact the school or the local authority.", saved, StringComparison.Ordinal);
        using var gone = await officer.GetAsync(new Uri($"/advisers/cases/{id}", UriKind.Relative));
        Assert.Equal(HttpStatusCode.NotFound, gone.StatusCode);
    }

    private static async Task<string> PostSharingAsync(HttpClient client, Uri path, string[] contact, string? share)
    {
        using var page = await client.GetAsync(path);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        var html = await page.Content.ReadAsStringAsync();
        var fields = new List<KeyValuePair<string, string>>
        {
            new("__RequestVerificationToken", PortalHttpSession.HiddenValue(html, "__RequestVerificationToken")),
            new("_handler", PortalHttpSession.HiddenValue(html, "_handler")),
        };
        fields.AddRange(contact.Select(c => new KeyValuePair<string, string>("contact", c)));
        if (share is not null)
        {
            fields.Add(new("share", share));
        }

        using var form = new FormUrlEncodedContent(fields);
        using var response = await client.PostAsync(path, form);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return Decoded(await response.Content.ReadAsByteArrayAsync());
    }

    private async Task<string> TextAsync(HttpResponseMessage response)
    {
        var bytes = await response.Content.ReadAsByteArrayAsync();
        return Decoded(bytes) + sweep.PersistedState(Encoding.UTF8.GetString(bytes));
    }

    /// <summary>
    /// An information session's page is for staff, but its attendees are personal: advisers, managers and the host see
    /// them all; a mediator or LA officer sees only families whose cases they may open. Failed before the attendee list
    /// was scoped (every member of staff saw every family).
    /// </summary>
    [Theory]
    [MemberData(nameof(Everyone))]
    public async Task ASessionsAttendees_AreShownOnlyToThoseWhoMayOpenTheFamilysCase(string who)
    {
        var client = await sweep.ClientAsync(who);
        var path = $"/advisers/sessions/{sweep.SessionId}";
        using var response = await client.GetAsync(new Uri(path, UriKind.Relative));
        var html = Decoded(await response.Content.ReadAsByteArrayAsync());
        var state = sweep.PersistedState(html);
        if (who == AccessSweepFixture.SignedOut)
        {
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
            return;
        }

        if (who is "demo-parent" or "demo-parent-2")
        {
            Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
            Assert.DoesNotContain(sweep.Expected(Shows.Reference)!, html + state, StringComparison.Ordinal);
            return;
        }

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var mayOpen = who is "demo-adviser" or "demo-manager" or "other-adviser" or "demo-mediator" or "demo-la-officer";
        Assert.Equal(mayOpen, html.Contains("Sam Taylor", StringComparison.Ordinal));
        Assert.Equal(mayOpen, state.Contains("Sam Taylor", StringComparison.Ordinal) || html.Contains("Sam Taylor", StringComparison.Ordinal));
        if (!mayOpen)
        {
            Assert.DoesNotContain(sweep.Expected(Shows.Reference)!, html + state, StringComparison.Ordinal);
        }
    }

    private static async Task ExpectServedAsync(HttpClient client, SweptRoute route, string path, string? mustShow, string who, List<string> failures)
    {
        using var response = await client.GetAsync(new Uri(path, UriKind.Relative));
        var (final, finalUri) = await PortalHttpSession.FollowAsync(client, response);
        using (final)
        {
            var bytes = await final.Content.ReadAsByteArrayAsync();
            if (final.StatusCode != HttpStatusCode.OK)
            {
                failures.Add($"{route.Name}: expected 200, got {(int)final.StatusCode} at {finalUri.AbsolutePath}");
                return;
            }

            if (route.Kind == RouteKind.Pdf && !bytes.AsSpan().StartsWith("%PDF"u8))
            {
                failures.Add($"{route.Name}: expected the PDF, got {final.Content.Headers.ContentType}");
            }
            else if (route.Kind == RouteKind.Calendar && !bytes.AsSpan().StartsWith("BEGIN:VCALENDAR"u8))
            {
                failures.Add($"{route.Name}: expected the calendar invite, got {final.Content.Headers.ContentType}");
            }
            else if (route.Kind == RouteKind.Json && !bytes.AsSpan().StartsWith("{"u8))
            {
                failures.Add($"{route.Name}: expected the JSON, got {final.Content.Headers.ContentType}");
            }
            else if (route.Kind == RouteKind.Zip && !bytes.AsSpan().StartsWith("PK"u8))
            {
                failures.Add($"{route.Name}: expected the ZIP, got {final.Content.Headers.ContentType}");
            }
            else if (mustShow is not null && !Decoded(bytes).Contains(mustShow, StringComparison.Ordinal))
            {
                // The page really is the family's: the check above would otherwise pass for an empty page.
                failures.Add($"{route.Name}: served to {who} without the family's details (at {finalUri.AbsolutePath})");
            }
        }
    }

    private async Task ExpectNotFoundAsync(HttpClient client, SweptRoute route, string real, string invented, string who, List<string> failures)
    {
        foreach (var (label, path) in new[] { ("real", real), ("invented", invented) })
        {
            using var response = await client.GetAsync(new Uri(path, UriKind.Relative));
            var bytes = await response.Content.ReadAsByteArrayAsync();
            if (response.StatusCode != HttpStatusCode.NotFound)
            {
                failures.Add($"{route.Name} ({label} id): expected 404, got {(int)response.StatusCode}{Where(response)}");
            }

            if (response.Content.Headers.ContentType?.MediaType is "application/pdf" or "application/zip" or "text/calendar" ||
                bytes.AsSpan().IndexOf("%PDF"u8) >= 0 || bytes.AsSpan().StartsWith("PK"u8) || bytes.AsSpan().IndexOf("VCALENDAR"u8) >= 0)
            {
                failures.Add($"{route.Name} ({label} id): the response carried the document's bytes");
            }

            // The state the prerender hands to the interactive page is encrypted: read it as the portal would, and look there too.
            var state = sweep.PersistedState(Encoding.UTF8.GetString(bytes));
            if (state.Length == 0 && Encoding.UTF8.GetString(bytes).Contains("Component-State:", StringComparison.Ordinal))
            {
                failures.Add($"{route.Name} ({label} id): the page's persisted state could not be read");
            }

            foreach (var personal in sweep.PersonalData(who))
            {
                if (Decoded(bytes).Contains(personal, StringComparison.OrdinalIgnoreCase) || Encoding.UTF8.GetString(bytes).Contains(personal, StringComparison.OrdinalIgnoreCase) ||
                    state.Contains(personal, StringComparison.OrdinalIgnoreCase))
                {
                    failures.Add($"{route.Name} ({label} id): the response carried the family's data (marker {sweep.PersonalData(who).ToList().IndexOf(personal)})");
                }
            }
        }
    }

    private async Task ExpectSignInAsync(HttpClient client, string real, string invented, List<string> failures)
    {
        using var forReal = await client.GetAsync(new Uri(real, UriKind.Relative));
        using var forInvented = await client.GetAsync(new Uri(invented, UriKind.Relative));
        var realBody = await forReal.Content.ReadAsStringAsync();
        var inventedBody = await forInvented.Content.ReadAsStringAsync();
        foreach (var (label, response) in new[] { ("real", forReal), ("invented", forInvented) })
        {
            if (response.StatusCode != HttpStatusCode.Redirect || response.Headers.Location is null ||
                new Uri(sweep.Portal.BaseAddress, response.Headers.Location).AbsolutePath != "/dev-idp/connect/authorize")
            {
                failures.Add($"{real} signed out ({label} id): expected the redirect to sign in, got {(int)response.StatusCode}{Where(response)}");
            }
        }

        // Indistinguishable: the same status, the same headers apart from the per-request values, the same (empty) body.
        var realHeaders = HeaderNames(forReal);
        var inventedHeaders = HeaderNames(forInvented);
        if (realHeaders != inventedHeaders || realBody.Length != inventedBody.Length || realBody.Length != 0)
        {
            failures.Add($"{real} signed out: the answers for a real and an invented id differ ({realHeaders} / {inventedHeaders}, {realBody.Length} / {inventedBody.Length} characters)");
        }

        foreach (var personal in sweep.PersonalData(AccessSweepFixture.SignedOut))
        {
            if (realBody.Contains(personal, StringComparison.OrdinalIgnoreCase) || WebUtility.UrlDecode(forReal.Headers.Location?.OriginalString ?? "").Contains(personal, StringComparison.OrdinalIgnoreCase))
            {
                failures.Add($"{real} signed out: the answer carried the family's data");
            }
        }
    }

    private static string HeaderNames(HttpResponseMessage response) =>
        string.Join(',', response.Headers.Concat(response.Content.Headers).Select(h => h.Key).Order(StringComparer.OrdinalIgnoreCase));

    private static string Where(HttpResponseMessage response) =>
        response.Headers.Location is { } location ? $" to {location.GetLeftPart(UriPartial.Path).Split('?')[0]}" : "";

    /// <summary>The body with HTML character references decoded, so "Si&amp;#xE2;n" is found as "Siân".</summary>
    private static string Decoded(byte[] bytes) => WebUtility.HtmlDecode(Encoding.UTF8.GetString(bytes));
}

public enum RouteKind
{
    Page,
    Pdf,
    Zip,
    Calendar,
    Json,
}

/// <param name="Template">The route with {case}, {facilitation}, {certificate}, {agreement}, {booking}, {draft}, {meeting} (the case's main meeting) or {upload} for the target's id.</param>
/// <param name="Allowed">Who may see it, besides nobody; everyone else gets 404.</param>
/// <summary>What a page shows those allowed, so a served page is known to be the family's and not an empty one.</summary>
public enum Shows
{
    Nothing,
    ChildsName,
    Reference,
    FacilitationReference,
}

/// <param name="Shows">What of the family the page shows to those allowed.</param>
public sealed record SweptRoute(string Name, string Template, RouteKind Kind, IReadOnlySet<string> Allowed, Shows Shows = Shows.Nothing)
{
    public bool AllowedFor(string who) => Allowed.Contains(who);

    public string Path(AccessSweepFixture sweep) => Fill(sweep.CaseId, sweep.FacilitationCaseId, sweep.CertificateId, sweep.AgreementId, sweep.BookingId, sweep.DraftId, sweep.MeetingId)
        .Replace("{upload}", sweep.UploadId.ToString(), StringComparison.Ordinal);

    /// <summary>The same route with ids that exist nowhere.</summary>
    public string InventedPath(AccessSweepFixture sweep) => Fill(Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid())
        .Replace("{upload}", Guid.NewGuid().ToString(), StringComparison.Ordinal);

    private string Fill(Guid caseId, Guid facilitation, Guid certificate, Guid agreement, Guid booking, Guid draft, Guid meeting) => Template
        .Replace("{meeting}", meeting.ToString(), StringComparison.Ordinal)
        .Replace("{draft}", draft.ToString(), StringComparison.Ordinal)
        .Replace("{booking}", booking.ToString(), StringComparison.Ordinal)
        .Replace("{case}", caseId.ToString(), StringComparison.Ordinal)
        .Replace("{facilitation}", facilitation.ToString(), StringComparison.Ordinal)
        .Replace("{certificate}", certificate.ToString(), StringComparison.Ordinal)
        .Replace("{agreement}", agreement.ToString(), StringComparison.Ordinal);

    public override string ToString() => Name;
}

/// <summary>
/// One portal for the whole sweep, with two real cases built through the real handlers: Sam Taylor's SEN mediation
/// in Hertfordshire (taken by Priya Shah, mediated by Tom Okafor, meeting held, agreement signed by all three
/// parties, certificate issued) and Sam's facilitated meeting (same adviser and facilitator, meeting held).
/// </summary>
public sealed class AccessSweepFixture : IAsyncLifetime
{
    public const string SignedOut = "signed-out";

    private const string Owner = "demo-parent";
    private const string Adviser = "demo-adviser";
    private const string Mediator = "demo-mediator";
    private const string HertsOfficer = "demo-la-officer";
    private const string Manager = "demo-manager";
    private const string OtherAdviser = "other-adviser";

    private readonly SqliteTestDatabase _database = new();
    private readonly Dictionary<string, HttpClient> _clients = [];
    private readonly SemaphoreSlim _signIn = new(1, 1);
    private string[] _personal = [];

    public PortalFactory Portal { get; private set; } = null!;

    public Guid CaseId { get; private set; }

    public Guid FacilitationCaseId { get; private set; }

    public Guid CertificateId { get; private set; }

    public Guid AgreementId { get; private set; }

    public Guid BookingId { get; private set; }

    /// <summary>The mediation's joint meeting (held yesterday), which the family attends.</summary>
    public Guid MeetingId { get; private set; }

    /// <summary>Sam's unsent draft, with the child's name in it, never shared.</summary>
    public Guid DraftId { get; private set; }

    public int SessionId { get; private set; }

    /// <summary>A PDF the family added to the case, not shared with the local authority.</summary>
    public Guid UploadId { get; private set; }

    public const string ChildFirstName = "Siân";

    /// <summary>
    /// The routes that name a case, an application or a document, and who may see each. The case has been taken by
    /// its adviser, so another adviser gets 404 like any outsider (StaffAccess); documents are for the case's own people only.
    /// </summary>
    public IReadOnlyList<SweptRoute> Routes { get; } =
    [
        new("certificate download", "/documents/{certificate}/download", RouteKind.Pdf, Set(Owner, Adviser, Mediator, Manager)),
        new("agreement download", "/documents/{agreement}/download", RouteKind.Pdf, Set(Owner, Adviser, Mediator, HertsOfficer, Manager)),
        new("agreement page", "/agreements/{case}", RouteKind.Page, Set(Owner, Adviser, Mediator, HertsOfficer, Manager), Shows: Shows.ChildsName),
        new("case page", "/advisers/cases/{case}", RouteKind.Page, Set(Adviser, Mediator, HertsOfficer, Manager), Shows: Shows.ChildsName),
        // The family agreed to share only a summary with the local authority: its officer sees the case page, not the answers.
        new("case answers", "/advisers/cases/{case}/answers", RouteKind.Page, Set(Adviser, Mediator, Manager), Shows: Shows.ChildsName),
        new("family's sessions", "/advisers/cases/{case}/sessions", RouteKind.Page, Set(Adviser, Manager)),
        new("meeting record", "/advisers/cases/{facilitation}/record", RouteKind.Page, Set(Adviser, Mediator, Manager), Shows: Shows.FacilitationReference),
        new("application", "/apply/{case}", RouteKind.Page, Set(Owner, Adviser, Manager)),
        new("application sharing", "/apply/{case}/sharing", RouteKind.Page, Set(Owner), Shows: Shows.Reference),
        // Issue 14 item 5: what was agreed and by when, where the family say something has not happened.
        new("agreed actions", "/applications/{case}/actions", RouteKind.Page, Set(Owner)),
        new("family's case page", "/applications/{case}", RouteKind.Page, Set(Owner), Shows: Shows.Reference),
        new("family's meeting calendar", "/applications/{case}/meetings/{meeting}/calendar.ics", RouteKind.Calendar, Set(Owner)),
        new("withdraw", "/applications/{case}/withdraw", RouteKind.Page, Set(Owner), Shows: Shows.Reference),
        new("unavailable dates", "/applications/{case}/unavailable-dates", RouteKind.Page, Set(Owner), Shows: Shows.Reference),
        new("contact details", "/applications/{case}/contact-details", RouteKind.Page, Set(Owner), Shows: Shows.Reference),
        new("ask for a correction", "/applications/{case}/corrections", RouteKind.Page, Set(Owner), Shows: Shows.Reference),
        // Issue 14 item 3: files on the case. The local authority's officer sees the staff page (with none of the family's
        // files on it, as none were shared) but cannot open the file.
        new("family's documents", "/applications/{case}/documents", RouteKind.Page, Set(Owner), Shows: Shows.Reference),
        new("case files", "/advisers/cases/{case}/documents", RouteKind.Page, Set(Adviser, Mediator, HertsOfficer, Manager), Shows: Shows.Reference),
        new("uploaded file", "/uploads/{upload}/download", RouteKind.Pdf, Set(Owner, Adviser, Mediator, Manager)),
        // Issue 14 item 4: the appeal's deadline, reminders and summary are the family's alone.
        new("appeal support", "/applications/{case}/appeal", RouteKind.Page, Set(Owner), Shows: Shows.Reference),
        new("appeal summary PDF", "/applications/{case}/appeal/summary.pdf", RouteKind.Pdf, Set(Owner)),
        new("appeal summary JSON", "/applications/{case}/appeal/summary.json", RouteKind.Json, Set(Owner), Shows: Shows.Reference),
        new("application question", "/apply/{case}/child-name", RouteKind.Page, Set(Owner, Adviser, Manager), Shows: Shows.Reference),
        new("application check answers", "/apply/{case}/check-answers", RouteKind.Page, Set(Owner, Adviser, Manager), Shows: Shows.Reference),
        new("application confirmation", "/apply/{case}/confirmation", RouteKind.Page, Set(Owner, Adviser, Manager), Shows: Shows.Reference),
        new("adviser's application", "/advisers/applications/{case}", RouteKind.Page, Set(Owner, Adviser, Manager)),
        new("adviser's application question", "/advisers/applications/{case}/child-name", RouteKind.Page, Set(Owner, Adviser, Manager)),
        new("adviser's check answers", "/advisers/applications/{case}/check-answers", RouteKind.Page, Set(Owner, Adviser, Manager)),
        new("adviser's confirmation", "/advisers/applications/{case}/confirmation", RouteKind.Page, Set(Owner, Adviser, Manager)),
        new("session invite", "/sessions/bookings/{booking}/invite.ics", RouteKind.Calendar, Set(Owner)),
        // A parent's unsent draft: the family's alone until they share it with an adviser (issue 12 item 7).
        new("draft", "/apply/{draft}", RouteKind.Page, Set(Owner)),
        new("draft question", "/apply/{draft}/child-name", RouteKind.Page, Set(Owner), Shows: Shows.ChildsName),
        new("draft check answers", "/apply/{draft}/check-answers", RouteKind.Page, Set(Owner)),
        new("draft sharing", "/apply/{draft}/share", RouteKind.Page, Set(Owner)),
        new("delete draft", "/apply/{draft}/delete", RouteKind.Page, Set(Owner)),
        new("adviser's draft", "/advisers/applications/{draft}", RouteKind.Page, Set(Owner)),
        new("adviser's draft question", "/advisers/applications/{draft}/child-name", RouteKind.Page, Set(Owner)),
        new("adviser's draft check answers", "/advisers/applications/{draft}/check-answers", RouteKind.Page, Set(Owner)),
        new("subject access export", "/manage/families/{case}/export", RouteKind.Zip, Set(Manager)),
        new("erase a family", "/manage/families/{case}/erase", RouteKind.Page, Set(Manager), Shows: Shows.Reference),
    ];

    private string _reference = "";
    private string _facilitationReference = "";

    public string? Expected(Shows shows) => shows switch
    {
        Shows.ChildsName => ChildFirstName,
        Shows.Reference => _reference,
        Shows.FacilitationReference => _facilitationReference,
        _ => null,
    };

    /// <summary>What must never reach someone the case is not for: the child's and family's names, school, phone, e-mail and reference.</summary>
    public IEnumerable<string> PersonalData(string who) => who == Owner ? [] : _personal;

    public async Task InitializeAsync()
    {
        // The real clock: the OpenID provider and the OIDC handler must agree on the time for sign-in to work.
        Portal = new PortalFactory(_database, settings: new Dictionary<string, string?>()
            .Concat(Account(7, OtherAdviser, "Noor Adeyemi"))
            .Concat(Account(8, "other-mediator", "Jo Bright"))
            .Concat(Account(9, "beds-officer", "Ravi Kumar"))
            .ToDictionary());
        var services = Portal.Services;
        await using (var db = await DbAsync())
        {
            var beds = await db.LocalAuthorities.Where(l => l.Code == "beds").Select(l => l.Id).SingleAsync();
            db.StaffMembers.AddRange(
                new StaffMember { Subject = OtherAdviser, DisplayName = "Noor Adeyemi", Roles = [new StaffRole { Role = PortalRoles.Adviser }] },
                new StaffMember { Subject = "other-mediator", DisplayName = "Jo Bright", Roles = [new StaffRole { Role = PortalRoles.Mediator }] },
                new StaffMember { Subject = "beds-officer", DisplayName = "Ravi Kumar", LocalAuthorityId = beds, Roles = [new StaffRole { Role = PortalRoles.LaOfficer }] });
            await db.SaveChangesAsync();
        }

        var sam = TestUsers.Parent(Owner, "Sam Taylor");
        var adviser = TestUsers.Make(Adviser, "Priya Shah", PortalRoles.Adviser);
        var mediator = TestUsers.Make(Mediator, "Tom Okafor", PortalRoles.Mediator);
        var officer = TestUsers.Make(HertsOfficer, "Gwen Ellis", PortalRoles.LaOfficer);
        int mediatorId;
        int officerId;
        await using (var db = await DbAsync())
        {
            mediatorId = await db.StaffMembers.Where(s => s.Subject == Mediator).Select(s => s.Id).SingleAsync();
            officerId = await db.StaffMembers.Where(s => s.Subject == HertsOfficer).Select(s => s.Id).SingleAsync();
        }

        // The mediation: taken, mediator assigned, meeting held, agreement signed by all three, certificate issued.
        CaseId = await StoredCases.SubmittedAsync(services, Owner, "Sam Taylor");
        Succeeded(await services.GetRequiredService<TakeCaseHandler>().HandleAsync(adviser, CaseId));
        Succeeded(await services.GetRequiredService<RecordDecisionHandler>().HandleAsync(adviser, CaseId, SessionChoice.TryMediation));
        Succeeded(await services.GetRequiredService<AssignMediatorHandler>().HandleAsync(adviser, CaseId, mediatorId));
        Succeeded(await services.GetRequiredService<ScheduleMeetingHandler>().HandleAsync(mediator, CaseId, Meeting(officerId)));
        await MeetingWasYesterdayAsync(CaseId);
        foreach (var party in new[] { MeetingParty.Family, MeetingParty.LocalAuthority })
        {
            Succeeded(await services.GetRequiredService<SkipIndividualMeetingHandler>().HandleAsync(adviser, CaseId, party, "Met the mediator by phone"));
        }

        Succeeded(await services.GetRequiredService<ChangeStageHandler>().HandleAsync(mediator, CaseId, CaseStage.MeetingHeld, null));
        var agreements = services.GetRequiredService<AgreementsHandler>();
        var saved = await agreements.SaveAsync(mediator, CaseId, new AgreementForm
        {
            Issues = ["Whether an EHC needs assessment is needed"],
            Actions = [new AgreementActionForm { What = "Carry out the EHC needs assessment", Who = "Hertfordshire SEN team", By = DateOnly.FromDateTime(DateTime.Today.AddDays(60)) }],
        });
        Assert.True(saved.Succeeded, string.Join("; ", saved.Errors.Select(e => e.Message)));
        foreach (var party in new[] { sam, mediator, officer })
        {
            var view = await agreements.GetAsync(party, CaseId);
            Assert.NotNull(view);
            var signed = await agreements.SignAsync(party, CaseId, view.ContentHash);
            Assert.True(signed.Succeeded, signed.Message);
        }

        var certificate = await services.GetRequiredService<IssueCertificateHandler>().HandleAsync(adviser, CaseId);
        Assert.True(certificate.Succeeded, certificate.Message);
        CertificateId = certificate.DocumentId!.Value;

        // The facilitated meeting: taken, facilitator assigned, meeting held (so its record page has something to show).
        FacilitationCaseId = await StoredCases.SubmittedAsync(services, Owner, "Sam Taylor", TriageFixtures.FacilitationPages());
        Succeeded(await services.GetRequiredService<TakeCaseHandler>().HandleAsync(adviser, FacilitationCaseId));
        Succeeded(await services.GetRequiredService<AssignMediatorHandler>().HandleAsync(adviser, FacilitationCaseId, mediatorId));
        Succeeded(await services.GetRequiredService<ScheduleMeetingHandler>().HandleAsync(adviser, FacilitationCaseId, Meeting()));
        await MeetingWasYesterdayAsync(FacilitationCaseId);
        Succeeded(await services.GetRequiredService<ChangeStageHandler>().HandleAsync(adviser, FacilitationCaseId, CaseStage.MeetingHeld, null));

        // Sam's unsent draft, not shared with anyone: only Sam may open it.
        DraftId = (await services.GetRequiredService<StartApplicationHandler>().HandleAsync(sam, new ApplicationPrefill("sen", "herts", null)))!.Value;
        var draftSaved = await services.GetRequiredService<SaveStepHandler>().HandleAsync(sam, DraftId, "child-name", new Dictionary<string, string?> { ["child-first-name"] = ChildFirstName, ["child-last-name"] = "O'Brien-Núñez" });
        Assert.Equal(SaveStepOutcome.Saved, draftSaved.Outcome);

        // A place the family's adviser booked for them at an information session (its calendar invite is the family's alone).
        int adviserId;
        await using (var db = await DbAsync())
        {
            adviserId = await db.StaffMembers.Where(s => s.Subject == Adviser).Select(s => s.Id).SingleAsync();
        }

        var session = await services.GetRequiredService<ManageSessionsHandler>().SaveAsync(adviser, null, new SessionForm
        {
            StartsAt = DateTimeOffset.UtcNow.AddDays(10), EndsAt = DateTimeOffset.UtcNow.AddDays(10).AddHours(1), Format = SessionFormat.Online,
            MeetingLink = "https://meet.example.org/mias", HostId = adviserId,
        });
        Assert.True(session.Succeeded, string.Join("; ", session.Errors.Select(e => e.Message)));
        var booked = await services.GetRequiredService<BookSessionHandler>().ForFamilyAsync(adviser, session.SessionId!.Value, CaseId, false);
        Assert.True(booked.BookingId is not null, booked.Message);
        BookingId = booked.BookingId.Value;
        SessionId = session.SessionId!.Value;

        await using (var db = await DbAsync())
        {
            // Put straight in the table, sealed with the portal's own keys: the sweep is about who may open it, and the
            // upload checks and virus scan have their own tests (UploadsTests).
            var pdf = UploadSamples.Pdf();
            var upload = new CaseUpload
            {
                Id = Guid.NewGuid(), ApplicationId = CaseId, Kind = UploadKind.DecisionLetter, FileName = "decision.pdf", ContentType = "application/pdf",
                Size = pdf.Length, ContentHash = "", SealedContent = services.GetRequiredService<ParentPortal.Platform.Files.UploadVault>().Seal(pdf),
                UploadedAt = DateTimeOffset.UtcNow, UploadedBySubject = Owner, UploadedByName = "Sam Taylor",
            };
            db.CaseUploads.Add(upload);
            await db.SaveChangesAsync();
            UploadId = upload.Id;
            MeetingId = await db.CaseMeetings.MainOf(CaseId).Select(m => m.Id).FirstAsync();
            AgreementId = await db.CaseDocuments.Where(d => d.ApplicationId == CaseId && d.Kind == DocumentKind.Agreement).Select(d => d.Id).SingleAsync();
            var reference = await db.Applications.Where(a => a.Id == CaseId).Select(a => a.Reference).SingleAsync();
            Assert.NotNull(reference);
            _reference = reference;
            _facilitationReference = (await db.Applications.Where(a => a.Id == FacilitationCaseId).Select(a => a.Reference).SingleAsync())!;
            _personal =
            [
                ChildFirstName, "O'Brien", "Núñez", "Hillside Primary", "07700 900 982", "07700900982", "parent@example.com",
                Owner + "@example.com", "Sam Taylor", reference, reference.Replace("-", "", StringComparison.Ordinal),
            ];
        }
    }

    public async Task DisposeAsync()
    {
        foreach (var client in _clients.Values)
        {
            client.Dispose();
        }

        _signIn.Dispose();
        await Portal.DisposeAsync();
        await _database.DisposeAsync();
    }

    /// <summary>
    /// The persisted component state in a prerendered page, unprotected with the portal's own keys and decoded to text
    /// (each entry's key and value), so a test can look for the family's data inside it.
    /// </summary>
    public string PersistedState(string html)
    {
        var protector = Portal.Services.GetRequiredService<IDataProtectionProvider>().CreateProtector("Microsoft.AspNetCore.Components.Server.State");
        var text = new StringBuilder();
        foreach (Match match in Regex.Matches(html, "<!--Blazor-Server-Component-State:([A-Za-z0-9+/=]+)-->"))
        {
            var state = JsonSerializer.Deserialize<Dictionary<string, byte[]>>(protector.Unprotect(Convert.FromBase64String(match.Groups[1].Value)))!;
            foreach (var (key, value) in state)
            {
                text.Append(key).Append('=').Append(Encoding.UTF8.GetString(value)).Append('\n');
            }
        }

        return WebUtility.HtmlDecode(Regex.Unescape(text.ToString()));
    }

    /// <summary>
    /// Sam's SEN application with this consent, then: "mediation" (the adviser records that Sam wants mediation), "asked-yes"
    /// or "asked-no" (the adviser records Sam's answer to "ask first"), "withdrawn" (Sam withdraws all consent), or nothing.
    /// </summary>
    public async Task<Guid> ConsentCaseAsync(string contact, string? share, string then)
    {
        var pages = TriageFixtures.SenPages().ToDictionary(p => p.Key, p => p.Value);
        pages["consent"] = share is null ? new() { ["consent-contact"] = contact } : new() { ["consent-contact"] = contact, ["consent-share"] = share };
        var services = Portal.Services;
        var id = await StoredCases.SubmittedAsync(services, Owner, "Sam Taylor", pages);
        var adviser = TestUsers.Make(Adviser, "Priya Shah", PortalRoles.Adviser);
        var today = ParentPortal.Platform.Calendar.UkDates.DateIn(DateTimeOffset.UtcNow);
        switch (then)
        {
            case "mediation":
                Succeeded(await services.GetRequiredService<RecordDecisionHandler>().HandleAsync(adviser, id, SessionChoice.TryMediation));
                break;
            case "asked-yes" or "asked-no":
                Succeeded(await services.GetRequiredService<RecordSharingAnswerHandler>().HandleAsync(adviser, id, then == "asked-yes", today, NoticeMethod.Phone));
                break;
            case "withdrawn":
                var withdrawn = await services.GetRequiredService<ChangeSharingHandler>().ChangeAsync(TestUsers.Parent(Owner, "Sam Taylor"), id, ["none"], null);
                Assert.True(withdrawn.Succeeded, string.Join("; ", withdrawn.Errors.Select(e => e.Message)));
                break;
        }

        return id;
    }

    /// <summary>A client signed in as this person through the real OIDC flow, once per person for the whole sweep.</summary>
    public async Task<HttpClient> ClientAsync(string who)
    {
        await _signIn.WaitAsync();
        try
        {
            if (!_clients.TryGetValue(who, out var client))
            {
                client = who == SignedOut ? Portal.CreateHttpClient() : (await PortalHttpSession.SignInAsync(Portal, who)).Client;
                _clients[who] = client;
            }

            return client;
        }
        finally
        {
            _signIn.Release();
        }
    }

    /// <param name="decisionMaker">The Hertfordshire officer named as the decision maker: they alone sign for the local authority.</param>
    private static MeetingForm Meeting(int? decisionMaker = null) => new()
    {
        Date = DateOnly.FromDateTime(DateTime.Today.AddDays(40)),
        Starts = new TimeOnly(10, 0),
        Ends = new TimeOnly(12, 0),
        Format = SessionFormat.Online,
        MeetingLink = "https://meet.example.org/sweep",
        People = [new() { Name = "Asha Patel", Role = AttendeeRole.SchoolRepresentative }, new() { Name = "Dr Helen Ward", Role = AttendeeRole.LaDecisionMaker }],
        LaDecisionMakerStaffId = decisionMaker,
    };

    /// <summary>The meeting took place: moved into the past, as the clock cannot be moved under a real sign-in.</summary>
    private async Task MeetingWasYesterdayAsync(Guid caseId)
    {
        await using var db = await DbAsync();
        var meeting = await db.CaseMeetings.SingleAsync(m => m.ApplicationId == caseId);
        meeting.StartsAt = DateTimeOffset.UtcNow.AddDays(-1).AddHours(-2);
        meeting.EndsAt = DateTimeOffset.UtcNow.AddDays(-1);
        await db.SaveChangesAsync();
    }

    private Task<PortalDbContext> DbAsync() => Portal.Services.GetRequiredService<IDbContextFactory<PortalDbContext>>().CreateDbContextAsync();

    private static void Succeeded(CaseChangeResult result) =>
        Assert.True(result.Succeeded, string.Join("; ", result.Errors.Select(e => e.Message)));

    private static HashSet<string> Set(params string[] who) => new(who, StringComparer.Ordinal);

    private static Dictionary<string, string?> Account(int index, string subject, string name) => new()
    {
        [$"DevIdentityProvider:Accounts:{index}:Subject"] = subject,
        [$"DevIdentityProvider:Accounts:{index}:Name"] = name,
        [$"DevIdentityProvider:Accounts:{index}:Email"] = subject + "@example.org",
        [$"DevIdentityProvider:Accounts:{index}:Description"] = "Sweep account",
    };
}
