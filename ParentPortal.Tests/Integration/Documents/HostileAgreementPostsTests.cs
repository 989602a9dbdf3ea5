using System.Net;
using CsCheck;
using ParentPortal.Tests.TestSupport;

namespace ParentPortal.Tests.Integration.Documents;

/// <summary>
/// Issue 18, "the hostile-input suite covers the static pages too", for the mediation agreement's server-rendered page:
/// the fault suite's hostile values posted over plain HTTP by the case's mediator into every field the page can post
/// (the editor's, the signature's, the paper signature's, the refusal's), with every button the page draws and some it
/// never draws. Each post gets the page back (with its problem, or the editor redrawn), or a redirect to the same page
/// after a change that was allowed; never a server error, never a stack trace, never the markup it was sent.
/// </summary>
public sealed class HostileAgreementPostsTests : IAsyncLifetime
{
    private static readonly string[] Buttons =
    [
        "save", "add-action", "remove-action:0", "remove-action:1", "remove-action:-1", "remove-action:99999999999", "remove-action:x",
        "sign", "paper", "declined", "issue", "", "nonsense", "sign:1", "save:",
    ];

    private static readonly string[] Fields =
    [
        "a-issues", "a-not-agreed", "a-action-0-what", "a-action-0-who", "a-action-0-by", "a-action-1-what", "a-action-1-who", "a-action-1-by",
        "a-confirm", "a-hash", "a-paper-role", "a-paper-name", "a-paper-date", "a-paper-kept", "a-paper-same", "a-declined-by", "a-declined-reason",
    ];

    private readonly SqliteTestDatabase _database = new();
    private PortalFactory _portal = null!;

    public Task InitializeAsync()
    {
        _portal = new PortalFactory(_database);
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        await _portal.DisposeAsync();
        await _database.DisposeAsync();
    }

    [Fact]
    public async Task HostileValuesInEveryFieldWithEveryButton_GetThePageBackOrARedirect_NeverAnError()
    {
        var (caseId, _) = await StoredCases.MeetingHeldAsync(_portal.Services);
        var path = new Uri($"/agreements/{caseId}", UriKind.Relative);
        var (mediator, _) = await PortalHttpSession.SignInAsync(_portal, "demo-mediator", path.OriginalString);
        using var _1 = mediator;
        var perField = Fields.Select(name => Gen.Frequency(
            (2, Gen.Const<string[]>([])),
            (4, HostileValues.Text.Select(v => new[] { v })),
            (1, Gen.Select(HostileValues.Text, HostileValues.Text, (a, b) => new[] { a, b })),
            (1, Gen.Const(Good(name)))));
        var posts = 0;

        await Gen.Select(Gen.OneOf(Buttons), HostileValues.Each(perField)).SampleAsync(async sample =>
        {
            var (button, hostile) = sample;
            var token = PortalHttpSession.HiddenValue(await mediator.GetStringAsync(path), "__RequestVerificationToken");
            var fields = Fields.Zip(hostile).SelectMany(f => f.Second.Select(v => new KeyValuePair<string, string>(f.First, v)))
                .Append(new("__RequestVerificationToken", token))
                .Append(new("_handler", "agreement"))
                .Append(new("AgreementAction", button));
            using var content = new FormUrlEncodedContent(fields);
            using var response = await mediator.PostAsync(path, content);
            posts++;
            if (response.StatusCode is HttpStatusCode.Found or HttpStatusCode.Redirect or HttpStatusCode.SeeOther)
            {
                // A change that was allowed (a hostile but well-formed wording saved, a refusal recorded): back to the page.
                Assert.Equal(path.OriginalString, new Uri(new Uri("http://portal.test"), response.Headers.Location!).AbsolutePath);
                return;
            }

            var body = await response.Content.ReadAsStringAsync();
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{button}: {(int)response.StatusCode} {(body.Length > 2000 ? body[..2000] : body)}");
            Assert.DoesNotContain("Exception", body, StringComparison.Ordinal);
            Assert.DoesNotMatch(HostileValues.RawMarkup(), body);
            Assert.Contains("Mediation agreement", body, StringComparison.Ordinal);
        }, iter: 60, threads: 1, print: sample => $"{sample.Item1}: " + string.Join(", ", Fields.Zip(sample.Item2).Select(f => $"{f.First}=[{string.Join("|", f.Second.Select(HostileValues.Show))}]")));

        // Whatever was sent, the page still opens for the mediator.
        using var again = await mediator.GetAsync(path);
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.True(posts >= 60);
    }

    /// <summary>A value the page would accept for the field, so that some samples get past the first check.</summary>
    private static string[] Good(string field) => field switch
    {
        "a-issues" => ["Whether an EHC needs assessment is needed"],
        "a-action-0-what" => ["Carry out the assessment"],
        "a-action-0-who" => ["Hertfordshire SEN team"],
        "a-action-0-by" => [DateTime.Today.AddDays(14).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture)],
        "a-confirm" or "a-paper-same" => ["yes"],
        "a-paper-role" => ["LaOfficer"],
        "a-paper-name" => ["Dr Helen Ward"],
        "a-paper-date" => [DateTime.Today.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture)],
        "a-paper-kept" => ["The case's paper file"],
        "a-declined-by" => ["family"],
        "a-declined-reason" => ["The family want advice first"],
        _ => [],
    };
}
