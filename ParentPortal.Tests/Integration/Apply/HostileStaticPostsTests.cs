using System.Net;
using System.Text.RegularExpressions;
using CsCheck;
using ParentPortal.Tests.EndToEnd;
using ParentPortal.Tests.TestSupport;

namespace ParentPortal.Tests.Integration.Apply;

/// <summary>
/// Issue 18, "the hostile-input suite covers the static pages too": the fault suite's hostile values, posted over plain
/// HTTP into every field of every question page's server-rendered form (as a browser without scripts, or a hand-made
/// post, sends them), between the good answers of a whole SEN application. Each post gets the page back with its
/// problem in an error summary, or the next page; never a server error, never a stack trace, never the markup it was
/// sent; and the good answers then go through to "Accept and send". <see cref="Features.Apply.HostileAnswersTests"/> sends
/// the same values straight to the handlers and checks what is stored.
/// </summary>
public sealed partial class HostileStaticPostsTests : IAsyncLifetime
{
    private readonly SqliteTestDatabase _database = new();
    private PortalFactory _portal = null!;

    // The decision letter's date comes with the link, as from the deadline checker: the journey the browser tests walk.
    private static string StartPath => "/apply/new?route=sen&la=herts&decisionLetterSent=" + TestDates.FromToday(-30);

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
    public async Task HostileValuesInEveryFieldOfEveryQuestionPage_GetThePageBackOrTheNextOne_NeverAnError_AndTheGoodAnswersStillSend()
    {
        var (client, _) = await PortalHttpSession.SignInAsync(_portal, "demo-parent", StartPath);
        using var _1 = client;
        var (html, uri) = await PortalHttpSession.StartApplicationAsync(client, StartPath);
        var draft = string.Join('/', uri.AbsolutePath.Split('/').Take(3));
        var posts = 0;

        string[] journey = ["applicant|applicant=parent", "your-name|parent-name=Sam Taylor", .. TriageJourneyTests.SenJourney, .. TriageJourneyTests.CommonPages("sen")];
        foreach (var spec in journey)
        {
            var (step, values) = TriageJourneyTests.Split(spec);
            Assert.True(uri.AbsolutePath == $"{draft}/{step}", $"expected the {step} page, got {uri.AbsolutePath}");
            var good = Fields(values);
            var names = StepFormFieldNames(html).Union(good.Keys).ToList();
            var token = PortalHttpSession.HiddenValue(html, "__RequestVerificationToken");
            var perField = names.Select(name => Gen.Frequency(
                (2, Gen.Const<string[]>([])),
                (4, HostileValues.Text.Select(v => new[] { v })),
                (1, Gen.Select(HostileValues.Text, HostileValues.Text, (a, b) => new[] { a, b })),
                (1, Gen.Const(good.TryGetValue(name, out var g) ? g : []))));

            await HostileValues.Each(perField).SampleAsync(async hostile =>
            {
                var fields = names.Zip(hostile).SelectMany(f => f.Second.Select(v => (f.First, v))).ToList();
                using var response = await PostAsync(client, uri, token, fields);
                posts++;
                if (response.StatusCode is HttpStatusCode.Found or HttpStatusCode.Redirect or HttpStatusCode.SeeOther)
                {
                    // Answers that happen to be good are saved, and lead on within this application.
                    Assert.StartsWith(draft + "/", new Uri(uri, response.Headers.Location!).AbsolutePath, StringComparison.Ordinal);
                    return;
                }

                var body = await response.Content.ReadAsStringAsync();
                Assert.True(response.StatusCode == HttpStatusCode.OK, $"{(int)response.StatusCode}: {Shorten(body)}");
                Assert.Contains("class=\"error-summary\"", body, StringComparison.Ordinal);
                Assert.DoesNotContain("Exception", body, StringComparison.Ordinal);
                Assert.DoesNotMatch(HostileValues.RawMarkup(), body);
            }, iter: 12, threads: 1, print: hostile => string.Join(", ", names.Zip(hostile).Select(f => $"{f.First}=[{string.Join("|", f.Second.Select(HostileValues.Show))}]")));

            // The page still opens, and its good answers lead on.
            using (var again = await client.GetAsync(uri))
            {
                Assert.Equal(HttpStatusCode.OK, again.StatusCode);
                html = await again.Content.ReadAsStringAsync();
            }

            var (next, nextUri) = await PortalHttpSession.FollowAsync(client, await PostAsync(client, uri, PortalHttpSession.HiddenValue(html, "__RequestVerificationToken"),
                [.. good.SelectMany(f => f.Value.Select(v => (f.Key, v)))]));
            Assert.True(next.StatusCode == HttpStatusCode.OK && nextUri != uri, $"the good answers to {step} led to {nextUri} ({(int)next.StatusCode})");
            html = await next.Content.ReadAsStringAsync();
            uri = nextUri;
            next.Dispose();
        }

        // Whatever came before, what is shown and sent is the good answers.
        Assert.EndsWith("/check-answers", uri.AbsolutePath, StringComparison.Ordinal);
        Assert.Contains("Hillside Primary School", html, StringComparison.Ordinal);
        Assert.Contains("Large print letters, please.", html, StringComparison.Ordinal);
        using var send = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = PortalHttpSession.HiddenValue(html, "__RequestVerificationToken"),
            ["_handler"] = "send",
        });
        var (confirmation, confirmationUri) = await PortalHttpSession.FollowAsync(client, await client.PostAsync(uri, send));
        using var _2 = confirmation;
        Assert.EndsWith("/confirmation", confirmationUri.AbsolutePath, StringComparison.Ordinal);
        Assert.True(posts >= journey.Length * 12);
    }

    /// <summary>
    /// An encoded NUL made ASP.NET Core's form reader refuse the whole form, so antiforgery found no token and the family got
    /// a bare 400 with everything typed lost (found by the test above). <see cref="ParentPortal.Platform.Security.FormNulCharacters"/>.
    /// </summary>
    [Theory]
    [InlineData("\0")]
    [InlineData("a\uDC00")]
    [InlineData("\u0085")]
    [InlineData("\uFFFE")]
    [InlineData("x=[B&_handler=start")]
    [InlineData("plain")]
    public async Task AnOddValueInAQuestion_GetsThePageBackWithTheProblem(string value)
    {
        var (client, _) = await PortalHttpSession.SignInAsync(_portal, "demo-parent", "/apply/new?route=sen&la=herts");
        using var _1 = client;
        var (html, uri) = await PortalHttpSession.StartApplicationAsync(client, "/apply/new?route=sen&la=herts");
        using var response = await PostAsync(client, uri, PortalHttpSession.HiddenValue(html, "__RequestVerificationToken"), [("applicant", value), ("parent-name", "Sam\0 Taylor")]);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{(int)response.StatusCode} {Shorten(body)}");
        Assert.Contains("class=\"error-summary\"", body, StringComparison.Ordinal);
        Assert.Contains("Select who is applying", body, StringComparison.Ordinal);
    }

    private static async Task<HttpResponseMessage> PostAsync(HttpClient client, Uri uri, string token, IEnumerable<(string Name, string Value)> fields)
    {
        using var content = new FormUrlEncodedContent(fields.Select(f => new KeyValuePair<string, string>(f.Name, f.Value))
            .Append(new("__RequestVerificationToken", token))
            .Append(new("_handler", "step")));
        return await client.PostAsync(uri, content);
    }

    /// <summary>The fields a browser sends for these answers: a date as its three boxes, ticked options one value each.</summary>
    private static Dictionary<string, string[]> Fields(Dictionary<string, string> values)
    {
        var fields = new Dictionary<string, string[]>(StringComparer.Ordinal);
        foreach (var (key, value) in values)
        {
            if (DatePattern().IsMatch(value))
            {
                var parts = value.Split('-');
                fields[key + "-day"] = [parts[2]];
                fields[key + "-month"] = [parts[1]];
                fields[key + "-year"] = [parts[0]];
            }
            else
            {
                fields[key] = OptionList().IsMatch(value) ? value.Split(',') : [value];
            }
        }

        return fields;
    }

    /// <summary>Every field of the page's question form, as named in its HTML (revealed follow-ups too).</summary>
    private static IEnumerable<string> StepFormFieldNames(string html)
    {
        var form = QuestionForm().Matches(html).Select(m => m.Value).Single(f => f.Contains("name=\"_handler\" value=\"step\"", StringComparison.Ordinal));
        return FieldName().Matches(form).Select(m => WebUtility.HtmlDecode(m.Groups[1].Value))
            .Where(n => n is not ("__RequestVerificationToken" or "_handler"))
            .Distinct(StringComparer.Ordinal);
    }

    private static string Shorten(string body) => body.Length > 2000 ? body[..2000] : body;

    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}$")]
    private static partial Regex DatePattern();

    [GeneratedRegex("^[a-z0-9-]+(,[a-z0-9-]+)+$")]
    private static partial Regex OptionList();

    [GeneratedRegex("<form.*?</form>", RegexOptions.Singleline)]
    private static partial Regex QuestionForm();

    [GeneratedRegex("<(?:input|select|textarea)[^>]*\\sname=\"([^\"]+)\"")]
    private static partial Regex FieldName();
}
