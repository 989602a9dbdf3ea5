using System.Net;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ParentPortal.Data;
using ParentPortal.Domain.Triage;
using ParentPortal.Platform.Localisation;
using ParentPortal.Platform.Settings;
using ParentPortal.Tests.EndToEnd;
using ParentPortal.Tests.TestSupport;

namespace ParentPortal.Tests.Integration.Localisation;

/// <summary>
/// Issue 17: no English left on the translated family pages. In the pseudo-language every translatable string is
/// accented and wrapped, so a plain word left on a page (outside what the family typed and the service's own details)
/// is English that does not go through the localiser. The SEN journey is walked over HTTP as a browser without scripts
/// does, each question sent empty first (its messages) and then answered, to the confirmation and its e-mail. The same
/// walk in Welsh finds any string with no Welsh translation (it would show in English).
/// </summary>
public sealed class PseudoLocalisationTests : IAsyncLifetime
{
    private readonly SqliteTestDatabase _database = new();
    private PortalFactory _portal = null!;
    private readonly List<string> _problems = [];

    public Task InitializeAsync()
    {
        _portal = new PortalFactory(_database, settings: new Dictionary<string, string?> { [LocalisationSetup.PseudoSetting] = "true" });
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        await _portal.DisposeAsync();
        await _database.DisposeAsync();
    }

    [Fact]
    public async Task TheStartPage_TheChecks_TheSenJourney_AndItsEmail_HaveNoUntranslatedText()
    {
        await WalkAsync(PortalLanguages.Pseudo, (where, html, data) =>
        {
            Assert.Contains(PseudoText.Open, html, StringComparison.Ordinal);
            var left = PseudoLocalisation.Untranslated(html, data);
            if (left.Count > 0)
            {
                _problems.Add($"{where}: {string.Join(", ", left)}");
            }
        });

        Assert.True(_problems.Count == 0, "English left in the pseudo-language:\n" + string.Join('\n', _problems));
    }

    /// <summary>Welsh is complete on the same walk: every string the pages and the e-mail asked for has a translation.</summary>
    [Fact]
    public async Task InWelsh_EveryStringOnTheWalk_HasATranslation()
    {
        await WalkAsync(PortalLanguages.Welsh, (where, html, _) =>
        {
            if (!html.Contains("<html lang=\"cy\"", StringComparison.Ordinal) && !where.Contains("e-mail", StringComparison.Ordinal))
            {
                _problems.Add($"{where}: the page is not marked lang=\"cy\"");
            }
        });

        var missing = _portal.Services.GetRequiredService<MissingTranslations>().For(PortalLanguages.Welsh);
        Assert.True(missing.Count == 0 && _problems.Count == 0,
            "Not translated into Welsh:\n" + string.Join('\n', missing.Select(m => $"{m.Source}: {m.Text}")) + "\n" + string.Join('\n', _problems));
    }

    /// <summary>
    /// The start page, the three checks (each also sent empty), the SEN journey as a browser without scripts walks it (each
    /// question sent empty, then answered), "Check your answers", the confirmation and its e-mail, in one language.
    /// </summary>
    private async Task WalkAsync(string language, Action<string, string, IReadOnlyList<string>> check)
    {
        var profile = await _portal.Services.GetRequiredService<ServiceDirectory>().GetAsync();
        var letter = TestDates.FromToday(-30);

        // What is not the portal's words: the service's own details, and the law's citations (kept in English in every language).
        List<string> data =
        [
            profile.Name, profile.HelplinePhone, profile.HelplineHours, profile.ContactEmail, .. profile.LocalAuthorities.Select(l => l.Name),
            .. typeof(ParentPortal.Domain.Deadlines.LegalSources).GetFields().Select(f => (string)f.GetValue(null)!),
        ];

        using var visitor = _portal.CreateHttpClient(new CookieContainer());
        await ChooseLanguageAsync(visitor, language);
        foreach (var path in new[]
        {
            "/", "/privacy", "/accessibility", "/contact", "/check", "/check?submitted=true", "/check/area?route=sen", "/check/area?route=sen&submitted=true",
            "/check/date?route=sen&la=herts", $"/check/date?route=sen&la=herts&decisionLetterSent={TestDates.FromToday(30)}&submitted=true",
            $"/check/result?route=sen&la=herts&decisionLetterSent={letter}", "/check/result?route=sen&la=outside-area",
            "/no-such-page", "/not-found", "/signin-problem", "/signed-out", "/status/403", "/status/429", "/status/500", "/Error",
        })
        {
            var (page, _) = await PortalHttpSession.FollowAsync(visitor, await visitor.GetAsync(new Uri(path, UriKind.Relative)));
            using (page)
            {
                // The error page's reference for the helpline is a trace number, not words.
                check(path, Regex.Replace(await page.Content.ReadAsStringAsync(), "<strong>[0-9a-f]{12}</strong>", ""), data);
            }
        }

        var start = $"/apply/new?route=sen&la=herts&decisionLetterSent={letter}";
        var (parent, _) = await PortalHttpSession.SignInAsync(_portal, "demo-parent", "/");
        using var _1 = parent;
        await ChooseLanguageAsync(parent, language);
        var specs = new[] { "applicant|applicant=parent", "your-name|parent-name=Sam Taylor" }
            .Concat(TriageJourneyTests.SenJourney).Concat(TriageJourneyTests.CommonPages("sen")).ToList();
        data.AddRange(["Sam Taylor", "Siân", "O'Brien-Núñez", "Hillside Primary School", "Hillside Primary", "SEND35a", "SEND35", "Polish", "Large print letters, please.", "07700 900 982"]);

        check(start, await parent.GetStringAsync(new Uri(start, UriKind.Relative)), data);
        var (html, uri) = await PortalHttpSession.StartApplicationAsync(parent, start);
        foreach (var spec in specs)
        {
            var (step, values) = TriageJourneyTests.Split(spec);
            Assert.True(uri.AbsolutePath.EndsWith("/" + step, StringComparison.Ordinal), $"expected {step}, at {uri.AbsolutePath}");
            check(step, html, data);

            // Sent empty: the page again with its messages.
            using (var empty = await parent.PostAsync(uri, Form(html, "step", [])))
            {
                check(step + " (sent empty)", await empty.Content.ReadAsStringAsync(), data);
            }

            using var answered = await parent.PostAsync(uri, Form(html, "step", Fields(values)));
            var (next, nextUri) = await PortalHttpSession.FollowAsync(parent, answered);
            using (next)
            {
                html = await next.Content.ReadAsStringAsync();
                uri = nextUri;
            }
        }

        Assert.EndsWith("/check-answers", uri.AbsolutePath, StringComparison.Ordinal);
        check("check-answers", html, data);
        using var sent = await parent.PostAsync(uri, Form(html, "send", []));
        var (confirmation, confirmationUri) = await PortalHttpSession.FollowAsync(parent, sent);
        using (confirmation)
        {
            Assert.EndsWith("/confirmation", confirmationUri.AbsolutePath, StringComparison.Ordinal);
            check("confirmation", await confirmation.Content.ReadAsStringAsync(), data);
        }

        check("your applications", await parent.GetStringAsync(new Uri("/applications", UriKind.Relative)), data);
        var id = confirmationUri.AbsolutePath.Split('/')[2];
        check("your case", await parent.GetStringAsync(new Uri($"/applications/{id}", UriKind.Relative)), data);

        await using var db = await _portal.Services.GetRequiredService<IDbContextFactory<PortalDbContext>>().CreateDbContextAsync();
        var application = await db.Applications.SingleAsync(a => a.Reference != null);
        Assert.Equal(language, application.Language);
        var email = await db.OutboxMessages.SingleAsync(m => m.Kind == "application-submitted");
        check("the confirmation e-mail", WebUtility.HtmlEncode(email.Subject + "\n" + email.Body), data);

        // A case further on: a mediator, a meeting held with others, the history of each step.
        var (held, _) = await StoredCases.MeetingHeldAsync(_portal.Services);
        data.AddRange(["Tom", "Asha", "Helen", "Priya"]);
        check("a case whose meeting was held", await parent.GetStringAsync(new Uri($"/applications/{held}", UriKind.Relative)), data);

        // Information sessions for this application: the list, a place booked, the page asking to confirm cancelling it.
        await using (var sessionsDb = await _portal.Services.GetRequiredService<IDbContextFactory<PortalDbContext>>().CreateDbContextAsync())
        {
            foreach (var session in await sessionsDb.InformationSessions.ToListAsync())
            {
                data.AddRange(new[] { session.Title, session.VenueName, session.VenueAddress, session.AccessInformation, session.MeetingLink }.OfType<string>());
            }
        }

        var sessionsPage = $"/sessions?application={id}";
        var sessions = await parent.GetStringAsync(new Uri(sessionsPage, UriKind.Relative));
        check(sessionsPage, sessions, data);
        var book = Regex.Match(sessions, "value=\"(book:\\d+)\"").Groups[1].Value;
        Assert.NotEmpty(book);
        using (var booked = await parent.PostAsync(new Uri(sessionsPage, UriKind.Relative), Form(sessions, "sessions", [("SessionAction", book)])))
        {
            var (after, _) = await PortalHttpSession.FollowAsync(parent, booked);
            using (after)
            {
                var bookedPage = await after.Content.ReadAsStringAsync();
                check(sessionsPage + " (booked)", bookedPage, data);
                var booking = Regex.Match(bookedPage, "cancel=([0-9a-f-]{36})").Groups[1].Value;
                Assert.NotEmpty(booking);
                check(sessionsPage + " (cancelling)", await parent.GetStringAsync(new Uri($"{sessionsPage}&cancel={booking}", UriKind.Relative)), data);
                var cancelling = await parent.GetStringAsync(new Uri($"{sessionsPage}&cancel={booking}", UriKind.Relative));
                using (await parent.PostAsync(new Uri(sessionsPage, UriKind.Relative), Form(cancelling, "sessions", [("SessionAction", $"cancel:{booking}")])))
                {
                }
            }
        }

        await using (var messagesDb = await _portal.Services.GetRequiredService<IDbContextFactory<PortalDbContext>>().CreateDbContextAsync())
        {
            var kinds = new[] { "session-booked", "session-reminder", "session-place-cancelled" };
            var sessionMessages = await messagesDb.OutboxMessages.Where(m => kinds.Contains(m.Kind)).ToListAsync();
            Assert.Contains(sessionMessages, m => m.Kind == "session-place-cancelled");
            foreach (var message in sessionMessages)
            {
                check($"the {message.Kind} e-mail", WebUtility.HtmlEncode(message.Subject + "\n" + message.Body), data);
            }
        }

        // A second draft: sharing it with an adviser (a code made), deleting it; taking over an adviser's application.
        var (_, draftUri) = await PortalHttpSession.StartApplicationAsync(parent, start);
        var draft = draftUri.AbsolutePath.Split('/')[2];
        await FormAsync(parent, $"/apply/{draft}/share", "share-code", [], check, data);
        check("delete draft", await parent.GetStringAsync(new Uri($"/apply/{draft}/delete", UriKind.Relative)), data);
        await FormAsync(parent, "/claim", "claim", [], check, data);

        // The case's own forms, each shown, sent empty (its messages) and, where it keeps a record, sent.
        await FormAsync(parent, $"/applications/{id}/contact-details", "contact-details", [], check, data);
        await FormAsync(parent, $"/applications/{id}/corrections", "ask-correction", [], check, data);
        data.AddRange(["Sam Smith", new string('x', 1001), "Sorted"]);
        await FormAsync(parent, $"/applications/{id}/corrections", "ask-correction", [("Question", "your-name"), ("Wanted", "Sam Smith")], check, data);
        await FormAsync(parent, $"/applications/{id}/unavailable-dates", "add-unavailable", [], check, data);
        await FormAsync(parent, $"/apply/{id}/sharing", "sharing", [], check, data);
        await FormAsync(parent, $"/applications/{id}/documents", "upload", [], check, data);
        await FormAsync(parent, $"/applications/{id}/appeal", "outcome", [], check, data);
        await FormAsync(parent, $"/applications/{id}/appeal", "reminders-on", [], check, data);
        await FormAsync(parent, $"/applications/{id}/withdraw", "withdraw", [("Reason", new string('x', 1001))], check, data);
        await FormAsync(parent, $"/applications/{id}/withdraw", "withdraw", [("Reason", "Sorted")], check, data);
        check("the case once withdrawn", await parent.GetStringAsync(new Uri($"/applications/{id}", UriKind.Relative)), data);
        var withdrawn = await db.OutboxMessages.SingleAsync(m => m.Kind == "application-withdrawn");
        check("the withdrawal e-mail", WebUtility.HtmlEncode(withdrawn.Subject + "\n" + withdrawn.Body), data);
        // The held case closed by its mediator: the survey request, in the family's language.
        var heldRow = await db.Applications.SingleAsync(a => a.Id == held);
        heldRow.Language = language;
        await db.SaveChangesAsync();
        Assert.True((await _portal.Services.GetRequiredService<ParentPortal.Features.Cases.ChangeStageHandler>()
            .HandleAsync(TestUsers.Make("demo-adviser", "Priya Shah", "adviser"), held, ParentPortal.Domain.Cases.CaseStage.Closed, "Mediation finished")).Succeeded);
        var survey = await db.OutboxMessages.SingleAsync(m => m.Kind == "survey-request");
        check("the survey request e-mail", WebUtility.HtmlEncode(survey.Subject + "\n" + survey.Body), data);
        foreach (var reminder in await db.OutboxMessages.Where(m => m.Kind == "appeal-reminder").ToListAsync())
        {
            check("an appeal reminder e-mail", WebUtility.HtmlEncode(reminder.Subject + "\n" + reminder.Body), data);
        }
    }

    /// <summary>A form page shown, then sent with these fields: both pages are checked.</summary>
    private static async Task FormAsync(HttpClient client, string path, string formName, IEnumerable<(string, string)> fields,
        Action<string, string, IReadOnlyList<string>> check, List<string> data)
    {
        var uri = new Uri(path, UriKind.Relative);
        var html = await client.GetStringAsync(uri);
        check(path, html, data);
        using var sent = await client.PostAsync(uri, Form(html, formName, fields));
        var (after, _) = await PortalHttpSession.FollowAsync(client, sent);
        using (after)
        {
            check(path + " (sent)", await after.Content.ReadAsStringAsync(), data);
        }
    }

    private static async Task ChooseLanguageAsync(HttpClient client, string language)
    {
        using var response = await client.GetAsync(new Uri($"/language/{language}?returnUrl=/", UriKind.Relative));
        Assert.True(response.StatusCode is HttpStatusCode.OK or HttpStatusCode.Redirect, $"{(int)response.StatusCode}");
    }

    private static IEnumerable<(string, string)> Fields(Dictionary<string, string> values)
    {
        foreach (var (key, value) in values)
        {
            if (Regex.IsMatch(value, @"^\d{4}-\d{2}-\d{2}$"))
            {
                var parts = value.Split('-');
                yield return (key + "-day", parts[2]);
                yield return (key + "-month", parts[1]);
                yield return (key + "-year", parts[0]);
            }
            else if (Regex.IsMatch(value, "^[a-z0-9-]+(,[a-z0-9-]+)+$"))
            {
                foreach (var option in value.Split(','))
                {
                    yield return (key, option);
                }
            }
            else
            {
                yield return (key, value);
            }
        }
    }

    private static FormUrlEncodedContent Form(string html, string formName, IEnumerable<(string Name, string Value)> fields) =>
        new(fields.Select(f => new KeyValuePair<string, string>(f.Name, f.Value))
            .Append(new("__RequestVerificationToken", WebUtility.HtmlDecode(PortalHttpSession.HiddenValue(html, "__RequestVerificationToken"))))
            .Append(new("_handler", formName)));
}
