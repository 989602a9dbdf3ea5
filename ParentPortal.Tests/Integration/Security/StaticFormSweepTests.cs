using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ParentPortal.Data;
using ParentPortal.Data.Entities;
using ParentPortal.Features.Cases;
using ParentPortal.Features.Documents;
using ParentPortal.Platform.Identity;
using ParentPortal.Tests.TestSupport;

namespace ParentPortal.Tests.Integration.Security;

/// <summary>
/// Issue 18, "the access sweep covers the static pages too", for their posts: every form on a family's server-rendered
/// pages (found on the page as its owner sees it), posted over plain HTTP by another family, is refused exactly as the
/// same post to a record that does not exist is (the same status and body, so it tells them nothing), never with a
/// server error, and changes nothing in the database. <see cref="AccessSweepTests"/> does the same for visits.
/// </summary>
public sealed partial class StaticFormSweepTests : IAsyncLifetime
{
    private readonly SqliteTestDatabase _database = new();
    private PortalFactory _portal = null!;

    public Task InitializeAsync()
    {
        _portal = new PortalFactory(_database, settings: PortalHttpSession.OtherParentAccount());
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        await _portal.DisposeAsync();
        await _database.DisposeAsync();
    }

    [Fact]
    public async Task EveryFormOnAFamilysPages_PostedByAnotherFamily_IsRefusedAsForNone_AndChangesNothing()
    {
        // Sam's sent case, with a certificate (so the appeal page has its forms), and Sam's draft.
        var caseId = await StoredCases.SubmittedAsync(_portal.Services, "demo-parent", "Sam Taylor");
        var adviser = TestUsers.Make("demo-adviser", "Priya Shah", PortalRoles.Adviser);
        Assert.True((await _portal.Services.GetRequiredService<TakeCaseHandler>().HandleAsync(adviser, caseId)).Succeeded);
        Assert.True((await _portal.Services.GetRequiredService<RecordDecisionHandler>().HandleAsync(adviser, caseId, SessionChoice.CertificateOnly)).Succeeded);
        Assert.True((await _portal.Services.GetRequiredService<IssueCertificateHandler>().HandleAsync(adviser, caseId)).Succeeded);
        var (sam, _) = await PortalHttpSession.SignInAsync(_portal, "demo-parent", "/apply/new?route=sen&la=herts");
        using var _1 = sam;
        var (_, draftUri) = await PortalHttpSession.StartApplicationAsync(sam, "/apply/new?route=sen&la=herts");
        var draftId = Guid.Parse(draftUri.AbsolutePath.Split('/')[2]);

        var pages = new[]
        {
            $"/applications/{caseId}/contact-details", $"/applications/{caseId}/corrections", $"/applications/{caseId}/unavailable-dates",
            $"/applications/{caseId}/withdraw", $"/applications/{caseId}/appeal", $"/applications/{caseId}/documents",
            $"/apply/{caseId}/sharing", $"/apply/{draftId}/delete", $"/apply/{draftId}/share", $"/apply/{draftId}/applicant",
            $"/agreements/{caseId}",
        };
        // "Check your answers" shows an unfinished draft's owner the next question instead: StaticFormPostsTests posts its
        // send form as another family.

        var (other, _) = await PortalHttpSession.SignInAsync(_portal, "other-parent", "/applications");
        using var _2 = other;
        var token = PortalHttpSession.HiddenValue(await other.GetStringAsync(new Uri("/apply/new", UriKind.Relative)), "__RequestVerificationToken");
        var before = await SnapshotAsync();
        var posted = 0;
        foreach (var path in pages)
        {
            using var ownersResponse = await sam.GetAsync(new Uri(path, UriKind.Relative));
            Assert.True(ownersResponse.IsSuccessStatusCode, $"{path} answers its owner {(int)ownersResponse.StatusCode} {ownersResponse.Headers.Location}");
            var owners = await ownersResponse.Content.ReadAsStringAsync();
            var forms = FormName().Matches(owners).Select(m => m.Groups[1].Value).Distinct().ToList();
            Assert.True(forms.Count > 0, $"{path} shows its owner no form: the sweep would check nothing there.");
            foreach (var form in forms)
            {
                var answers = new List<string>();
                foreach (var target in new[] { path, path.Replace(path.Contains(draftId.ToString(), StringComparison.Ordinal) ? draftId.ToString() : caseId.ToString(), Guid.NewGuid().ToString(), StringComparison.Ordinal) })
                {
                    using var content = new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = token, ["_handler"] = form });
                    using var response = await other.PostAsync(new Uri(target, UriKind.Relative), content);
                    Assert.True((int)response.StatusCode is >= 400 and < 500, $"{form} on {target}: {(int)response.StatusCode}");
                    answers.Add($"{(int)response.StatusCode} {(await response.Content.ReadAsStringAsync()).Replace(target, "PATH", StringComparison.Ordinal)}");
                }

                Assert.True(answers[0] == answers[1], $"The form {form} on {path} answers another family differently from a record that does not exist:\n{answers[0]}\n---\n{answers[1]}");
                posted++;
            }
        }

        Assert.True(posted >= pages.Length);
        Assert.Equal(before, await SnapshotAsync());

        // The sessions page for another family's application is not found, as for none (its form is not drawn then: a
        // named form left behind by a page that is not found once failed the response).
        foreach (var application in new[] { caseId, Guid.NewGuid() })
        {
            using var response = await other.GetAsync(new Uri($"/sessions?application={application}", UriKind.Relative));
            Assert.Equal(System.Net.HttpStatusCode.NotFound, response.StatusCode);
        }
    }

    [Fact]
    public async Task EveryButtonOnAFamilysSessionsPage_PressedByAnotherFamily_IsRefusedAsForNone_AndChangesNothing()
    {
        // Sam's place on a session. Its buttons carry the booking's id in the posted value, not in the address.
        int sessionId;
        await using (var db = await _portal.Services.GetRequiredService<IDbContextFactory<PortalDbContext>>().CreateDbContextAsync())
        {
            var now = _portal.Services.GetRequiredService<TimeProvider>().GetUtcNow();
            sessionId = (await db.InformationSessions.Where(x => x.Status == SessionStatus.Scheduled && x.LocalAuthorityId == null).ToListAsync())
                .Where(x => x.StartsAt > now).OrderBy(x => x.StartsAt).First().Id;
        }

        var booked = await _portal.Services.GetRequiredService<ParentPortal.Features.Booking.BookSessionHandler>().HandleAsync(TestUsers.Parent(), sessionId, null, false);
        var bookingId = booked.BookingId!.Value;
        var (sam, _) = await PortalHttpSession.SignInAsync(_portal, "demo-parent", "/sessions");
        using var _1 = sam;
        var owners = await sam.GetStringAsync(new Uri("/sessions", UriKind.Relative));
        Assert.True(owners.Contains($"cancel={bookingId}", StringComparison.Ordinal), owners[owners.IndexOf("<main", StringComparison.Ordinal)..]);
        var moveTo = Regex.Match(await sam.GetStringAsync(new Uri($"/sessions?move={bookingId}", UriKind.Relative)), $"value=\"move:{bookingId}:(\\d+)\"").Groups[1].Value;
        Assert.NotEmpty(moveTo);

        var (other, _) = await PortalHttpSession.SignInAsync(_portal, "other-parent", "/sessions");
        using var _2 = other;
        var before = await SnapshotAsync();
        var invented = Guid.NewGuid();
        foreach (var action in new[] { "cancel:{0}", "accept:{0}", "decline:{0}", "choose:{0}", "ask:{0}:mediation", "ask:{0}:certificate", "move:{0}:" + moveTo })
        {
            var answers = new List<string>();
            foreach (var id in new[] { bookingId, invented })
            {
                var page = await other.GetStringAsync(new Uri("/sessions", UriKind.Relative));
                using var content = new FormUrlEncodedContent(new Dictionary<string, string>
                {
                    ["__RequestVerificationToken"] = PortalHttpSession.HiddenValue(page, "__RequestVerificationToken"),
                    ["_handler"] = "sessions",
                    ["SessionAction"] = string.Format(System.Globalization.CultureInfo.InvariantCulture, action, id),
                    [$"choice-{id:N}"] = "mediation",
                });
                using var response = await other.PostAsync(new Uri("/sessions", UriKind.Relative), content);
                Assert.True(response.StatusCode == System.Net.HttpStatusCode.OK, $"{action}: {(int)response.StatusCode}");
                var body = (await response.Content.ReadAsStringAsync()).Replace(id.ToString(), "ID", StringComparison.Ordinal);
                // What is encrypted or drawn afresh for every response (the antiforgery token, the script nonce, Blazor's state).
                answers.Add(Fresh().Replace(body, "FRESH"));
            }

            Assert.True(answers[0] == answers[1], $"{action} answers another family differently for Sam's booking and for none:\n{answers[0]}\n---\n{answers[1]}");
            Assert.Contains("We could not find", answers[0], StringComparison.Ordinal);
        }

        Assert.Equal(before, await SnapshotAsync());
    }

    /// <summary>Every table's row count, and Sam's applications as stored.</summary>
    private async Task<string> SnapshotAsync()
    {
        await using var db = await _portal.Services.GetRequiredService<IDbContextFactory<PortalDbContext>>().CreateDbContextAsync();
        var counts = new List<string>();
        foreach (var table in db.Model.GetEntityTypes().Select(t => t.GetTableName()).OfType<string>().Distinct().Order(StringComparer.Ordinal))
        {
            var connection = db.Database.GetDbConnection();
            await db.Database.OpenConnectionAsync();
            await using var command = connection.CreateCommand();
            command.CommandText = $"SELECT COUNT(*) FROM \"{table}\"";
            counts.Add($"{table}={await command.ExecuteScalarAsync()}");
        }

        var applications = await db.Applications.AsNoTracking().OrderBy(a => a.Id)
            .Select(a => new { a.Id, a.Status, a.Stage, a.UpdatedAt, a.AnswersJson, a.SharedWithStaffId })
            .ToListAsync();
        return string.Join('\n', counts) + "\n" + System.Text.Json.JsonSerializer.Serialize(applications);
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"[^\"]+\"|nonce=\"[0-9a-f]+\"|<!--Blazor-Server-Component-State:[^-]+-->")]
    private static partial Regex Fresh();

    [GeneratedRegex("<input[^>]*name=\"_handler\"[^>]*value=\"([^\"]+)\"", RegexOptions.IgnoreCase)]
    private static partial Regex FormName();
}
