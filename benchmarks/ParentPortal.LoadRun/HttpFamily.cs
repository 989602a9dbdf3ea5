using System.Diagnostics;
using System.Net;
using System.Security.Cryptography;
using System.Text.RegularExpressions;

namespace ParentPortal.LoadRun;

/// <summary>
/// A family driven over plain HTTP, as a browser without scripts is: its own cookies, signing in through the development
/// provider's form, then posting each question page's form (with the antiforgery token and the form's name read from the
/// page) and following the redirect to the next page. A step is timed from sending the post to having the next page's
/// HTML: what the server costs, with no browser in the way. Used by <c>--http</c> (docs/load-run.md).
/// </summary>
internal sealed partial class HttpFamily : IDisposable
{
    private readonly HttpClient _client;
    private readonly List<string> _errors = [];
    private Uri _page;
    private string _html = "";

    private HttpFamily(int number, Uri baseAddress)
    {
        Number = number;
        _page = baseAddress;
        _client = new HttpClient(new SocketsHttpHandler
        {
            CookieContainer = new CookieContainer(),
            UseCookies = true,
            AllowAutoRedirect = false,
            PooledConnectionLifetime = TimeSpan.FromMinutes(10),
        })
        {
            BaseAddress = baseAddress,
            Timeout = TimeSpan.FromMinutes(2),
        };
    }

    public int Number { get; }

    public IReadOnlyList<string> Errors => _errors;

    public List<StepTiming> Timings { get; } = [];

    public string? Reference { get; private set; }

    public static HttpFamily Create(Uri baseAddress, int number) => new(number, baseAddress);

    /// <summary>Signs in and presses Start on the SEN route: on the first question, holding nothing on the server but its cookie.</summary>
    public async Task SignInAndStartAsync()
    {
        try
        {
            await GetAsync("/account/login?returnUrl=" + Uri.EscapeDataString("/apply/new?route=sen&la=herts"));
            Expect("/dev-idp/login");
            await PostAsync("/dev-idp/login", new()
            {
                ["__RequestVerificationToken"] = [Hidden("__RequestVerificationToken")],
                ["returnUrl"] = [WebUtility.HtmlDecode(Hidden("returnUrl"))],
                ["subject"] = [Parent.SubjectFor(Number)],
            });
            Expect("/apply/new");
            await PostFormAsync("start", []);
            if (!_page.AbsolutePath.EndsWith("/applicant", StringComparison.Ordinal))
            {
                throw new InvalidOperationException("Start led to " + _page.AbsolutePath);
            }
        }
        catch (Exception e) when (e is HttpRequestException or InvalidOperationException or TaskCanceledException)
        {
            Error("signing in: " + e.Message);
        }
    }

    /// <summary>Answers every page and sends the application, timing each step, waiting about <paramref name="think"/> before each post.</summary>
    public async Task WalkAsync(TimeSpan think)
    {
        if (_errors.Count > 0)
        {
            return;
        }

        try
        {
            foreach (var (step, values) in Parent.SenRoute)
            {
                if (!_page.AbsolutePath.EndsWith("/" + step, StringComparison.Ordinal))
                {
                    throw new InvalidOperationException($"expected the {step} page, got {_page.AbsolutePath}");
                }

                await ThinkAsync(think);
                var clock = Stopwatch.StartNew();
                await PostFormAsync("step", Answers(values));
                Timings.Add(new StepTiming(step, clock.Elapsed.TotalMilliseconds));
            }

            Expect("/check-answers");
            await ThinkAsync(think);
            var send = Stopwatch.StartNew();
            await PostFormAsync("send", []);
            Timings.Add(new StepTiming("send", send.Elapsed.TotalMilliseconds));
            if (!_page.AbsolutePath.EndsWith("/confirmation", StringComparison.Ordinal))
            {
                throw new InvalidOperationException("Accept and send led to " + _page.AbsolutePath);
            }

            Reference = ReferenceOnPage().Match(_html) is { Success: true } match ? match.Groups[1].Value : null;
            if (Reference is null)
            {
                Error("no reference on the confirmation page");
            }
        }
        catch (Exception e) when (e is HttpRequestException or InvalidOperationException or TaskCanceledException)
        {
            Error(e.GetType().Name + ": " + e.Message);
        }
    }

    public void Dispose() => _client.Dispose();

    /// <summary>The form fields a browser sends for these answers: dates as three boxes, ticked checkboxes one value each.</summary>
    private static Dictionary<string, string[]> Answers(Dictionary<string, string> values)
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

    /// <summary>Posts the page's form named <paramref name="formName"/> with its antiforgery token, then follows the redirect.</summary>
    private async Task PostFormAsync(string formName, Dictionary<string, string[]> fields)
    {
        fields["__RequestVerificationToken"] = [Hidden("__RequestVerificationToken")];
        fields["_handler"] = [formName];
        if (formName == "start")
        {
            fields["FormId"] = [Hidden("FormId")];
        }

        await PostAsync(_page.PathAndQuery, fields);
    }

    private async Task PostAsync(string path, Dictionary<string, string[]> fields)
    {
        using var content = new FormUrlEncodedContent(fields.SelectMany(f => f.Value.Select(v => new KeyValuePair<string, string>(f.Key, v))));
        var response = await _client.PostAsync(new Uri(_page, path), content);
        if (response.StatusCode != HttpStatusCode.Redirect && response.StatusCode != HttpStatusCode.Found)
        {
            var body = await response.Content.ReadAsStringAsync();
            response.Dispose();
            throw new InvalidOperationException($"posting {new Uri(_page, path).AbsolutePath} answered {(int)response.StatusCode}{(ErrorSummary().Match(body) is { Success: true } m ? ": " + m.Groups[1].Value : "")}");
        }

        await FollowAsync(response);
    }

    private async Task GetAsync(string path) => await FollowAsync(await _client.GetAsync(new Uri(_page, path)));

    private async Task FollowAsync(HttpResponseMessage response)
    {
        var uri = response.RequestMessage!.RequestUri!;
        for (var hop = 0; (int)response.StatusCode is >= 300 and < 400; hop++)
        {
            if (hop == 12)
            {
                throw new InvalidOperationException("too many redirects from " + uri.AbsolutePath);
            }

            uri = new Uri(uri, response.Headers.Location!);
            response.Dispose();
            response = await _client.GetAsync(uri);
        }

        using (response)
        {
            if (!response.IsSuccessStatusCode)
            {
                throw new InvalidOperationException($"{uri.AbsolutePath} answered {(int)response.StatusCode}");
            }

            _html = await response.Content.ReadAsStringAsync();
            _page = uri;
        }
    }

    private void Expect(string pathEnd)
    {
        if (!_page.AbsolutePath.EndsWith(pathEnd, StringComparison.Ordinal))
        {
            throw new InvalidOperationException($"expected {pathEnd}, got {_page.AbsolutePath}");
        }
    }

    private string Hidden(string name)
    {
        var match = Regex.Match(_html, $"<input[^>]*name=\"{Regex.Escape(name)}\"[^>]*value=\"([^\"]*)\"", RegexOptions.IgnoreCase);
        return match.Success ? match.Groups[1].Value : throw new InvalidOperationException($"no hidden field {name} on {_page.AbsolutePath}");
    }

    private static Task ThinkAsync(TimeSpan think) =>
        think <= TimeSpan.Zero ? Task.CompletedTask : Task.Delay(TimeSpan.FromMilliseconds(think.TotalMilliseconds * (0.5 + RandomNumberGenerator.GetInt32(1000) / 1000.0)));

    private void Error(string message)
    {
        lock (_errors)
        {
            _errors.Add($"family {Number}: {message}");
        }
    }

    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}$")]
    private static partial Regex DatePattern();

    [GeneratedRegex("^[a-z0-9-]+(,[a-z0-9-]+)+$")]
    private static partial Regex OptionList();

    [GeneratedRegex(@"class=""reference reference--large"">([A-Z2-9]{4}-[A-Z2-9]{4})<")]
    private static partial Regex ReferenceOnPage();

    [GeneratedRegex(@"class=""error-summary__list"">\s*<li><a[^>]*>([^<]*)<")]
    private static partial Regex ErrorSummary();
}
