using System.Globalization;
using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using ParentPortal.Data;
using ParentPortal.Data.Entities;
using ParentPortal.Tests.TestSupport;

namespace ParentPortal.Tests.EndToEnd;

/// <summary>
/// Two portal instances (separate processes) on one PostgreSQL database behind nginx with sticky sessions, as the
/// README's deployment describes. A parent's instance is killed mid-journey and they carry on, on the other one.
/// </summary>
[Collection(SecondBrowserTestGroup.Name)]
public sealed class ScaleOutTests(BrowserFixture browser, ScaleOutTests.Deployment deployment) : IClassFixture<ScaleOutTests.Deployment>, IAsyncLifetime
{
    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync() => browser.CloseTestPagesAsync();

    private const string SessionCookie = ".ParentPortal.Session";

    [Fact]
    public async Task TheParentsInstanceStops_AndTheyCarryOn_SignedIn_WithTheirAnswers_OnTheOtherInstance()
    {
        await deployment.EnsureAllRunningAsync();
        var page = await browser.NewPageAsync(deployment.Proxy.BaseAddress);
        page.Context.SetDefaultTimeout(60_000);
        var servedBy = new List<string>();
        var reloadedElsewhere = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        string? killed = null;
        page.Response += (_, response) =>
        {
            // A page: loaded as a document, or fetched by Blazor's enhanced navigation and forms.
            if (response.Request.ResourceType is "document" or "fetch" && response.Headers.TryGetValue("x-portal-instance", out var instance))
            {
                lock (servedBy)
                {
                    servedBy.Add(instance);
                }

                if (killed is not null && instance != killed)
                {
                    reloadedElsewhere.TrySetResult(instance);
                }
            }
        };

        await page.SignInAsync("Sam Taylor", "/apply/new?route=sen&la=herts");
        await page.WaitForInteractiveAsync();
        var start = page.GetByRole(AriaRole.Button, new() { Name = "Start", Exact = true });
        await Assertions.Expect(start).ToBeEnabledAsync();
        await start.ClickAsync();
        await page.WaitForAddressAsync(url => url.EndsWith("/applicant", StringComparison.Ordinal));
        await TriageDriver.ContinueAsync(page, Values("applicant", "parent"), "scale-out-01-applicant");
        await TriageDriver.ContinueAsync(page, Values("parent-name", "Sam Taylor"), "scale-out-01-your-name");
        await TriageDriver.ContinueAsync(page, Values("sen-decision", "plan-contents"), "scale-out-02-sen-decision");
        await TriageDriver.ContinueAsync(page, Values("sen-letter-date", LetterDate), "scale-out-03-sen-letter-date");
        var path = await TriageDriver.ContinueAsync(page, Values("sen-disputed-parts", "section-f,section-i"), "scale-out-04-sen-disputed-parts");
        Assert.EndsWith("/sen-appeal", path, StringComparison.Ordinal);
        await page.WaitForInteractiveAsync();

        // Every page so far came from one instance (the sticky cookie); stop that one as a crash would.
        string[] before;
        lock (servedBy)
        {
            before = [.. servedBy];
        }

        var serving = Assert.Single(before.Distinct());
        var survivor = deployment.Other(serving);
        killed = serving;
        deployment.Instance(serving).Kill();

        // The question pages hold no circuit (issue 18): nothing on the page is lost with the instance, and the parent's
        // next request goes through nginx to the other one. They go back a page: the answers saved on the stopped
        // instance are there, and they are still signed in.
        await page.GetByRole(AriaRole.Link, new() { Name = "Back", Exact = true }).ClickAsync();
        Assert.Equal(survivor.Name, await reloadedElsewhere.Task.WaitAsync(TimeSpan.FromSeconds(120)));
        await page.WaitForAddressAsync(url => url.EndsWith("/sen-disputed-parts", StringComparison.Ordinal));
        await Assertions.Expect(page.GetByText("Signed in as Sam Taylor")).ToBeVisibleAsync();
        await page.CheckPageAsync("scale-out-05-after-failover");
        await Assertions.Expect(page.Locator("[id='f-sen-disputed-parts--section-f']")).ToBeCheckedAsync();
        await Assertions.Expect(page.Locator("[id='f-sen-disputed-parts--section-i']")).ToBeCheckedAsync();
        await Assertions.Expect(page.Locator("[id='f-sen-disputed-parts--health']")).Not.ToBeCheckedAsync();
        path = await TriageDriver.ContinueAsync(page, new Dictionary<string, string>(), "scale-out-06-answers-kept");
        Assert.EndsWith("/sen-appeal", path, StringComparison.Ordinal);

        // And carries on to the end, on the surviving instance.
        foreach (var (step, values) in RestOfTheJourney)
        {
            Assert.EndsWith("/" + step, new Uri(page.Url).AbsolutePath, StringComparison.Ordinal);
            await ContinueAsync(page, values);
        }

        Assert.EndsWith("/check-answers", new Uri(page.Url).AbsolutePath, StringComparison.Ordinal);
        await page.WaitForInteractiveAsync();
        var send = page.GetByRole(AriaRole.Button, new() { Name = "Accept and send" });
        await Assertions.Expect(send).ToBeEnabledAsync();
        await send.ClickAsync();
        await page.WaitForAddressAsync(url => url.EndsWith("/confirmation", StringComparison.Ordinal));
        var reference = await page.Locator(".reference--large").InnerTextAsync();
        await page.CheckPageAsync("scale-out-07-sent-after-failover");

        Assert.DoesNotContain(serving, ServedSince(servedBy, before.Length));
        await using var db = deployment.CreateDbContext();
        var application = await db.Applications.SingleAsync();
        Assert.Equal(reference, application.Reference);
        Assert.Equal(ApplicationStatus.Submitted, application.Status);
        Assert.Contains("section-i", application.AnswersJson, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ASignInCookie_MadeByOneInstance_IsAcceptedByTheOther()
    {
        await deployment.EnsureAllRunningAsync();
        var cookies = new CookieContainer();
        using var viaProxy = new HttpClient(new HttpClientHandler { CookieContainer = cookies, AllowAutoRedirect = false })
        {
            BaseAddress = deployment.Proxy.BaseAddress,
        };

        var issuedBy = await SignInAsync(viaProxy, "demo-parent", "/applications");
        var other = deployment.Other(issuedBy);
        var sessionCookies = cookies.GetCookies(deployment.Proxy.BaseAddress).Where(c => c.Name.StartsWith(SessionCookie, StringComparison.Ordinal)).ToList();
        using var direct = new HttpClient(new HttpClientHandler { UseCookies = false, AllowAutoRedirect = false }) { BaseAddress = other.BaseAddress };
        using var signedIn = new HttpRequestMessage(HttpMethod.Get, "/applications");
        signedIn.Headers.Add("Cookie", string.Join("; ", sessionCookies.Select(c => $"{c.Name}={c.Value}")));

        using var response = await direct.SendAsync(signedIn);
        using var anonymous = await direct.GetAsync(new Uri("/applications", UriKind.Relative));

        Assert.NotEmpty(sessionCookies);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal([other.Name], response.Headers.GetValues("X-Portal-Instance"));
        Assert.Contains("Signed in as Sam Taylor", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, anonymous.StatusCode);
    }

    private static string LetterDate => DateTime.Today.AddDays(-20).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static readonly (string Step, Dictionary<string, string> Values)[] RestOfTheJourney =
    [
        ("sen-appeal", Values("sen-appeal", "not-sure")),
        ("sen-mediation", Values("sen-mediation", "undecided")),
        ("child-name", new() { ["child-first-name"] = "Ola", ["child-last-name"] = "Nowak" }),
        ("child-date-of-birth", Values("child-date-of-birth", TestDates.YearsAgo(11))),
        ("child-school", Values("child-school", "Hillside Primary")),
        ("ehc-plan", Values("ehc-plan", "yes")),
        ("contact", new() { ["contact-email"] = "sam.taylor@example.com", ["contact-method"] = "email" }),
        ("language", Values("language", "english")),
        ("access-needs", Values("access-needs", "no")),
        ("supporter", Values("supporter", "none")),
        ("consent", new() { ["consent-contact"] = "none" }),
    ];

    private static Dictionary<string, string> Values(string key, string value) => new() { [key] = value };

    /// <summary>Answers and continues without the screenshot and accessibility check of every page (done elsewhere).</summary>
    private static async Task ContinueAsync(IPage page, Dictionary<string, string> values)
    {
        var button = page.GetByRole(AriaRole.Button, new() { Name = "Continue" });
        await Assertions.Expect(button).ToBeEnabledAsync();
        var before = page.Url;
        await TriageDriver.AnswerAsync(page, values);
        await button.ClickAsync();
        await page.WaitForAddressAsync(url => url != before);
    }

    private static List<string> ServedSince(List<string> servedBy, int skip)
    {
        lock (servedBy)
        {
            return [.. servedBy.Skip(skip)];
        }
    }

    /// <summary>Signs in through the proxy over plain HTTP; returns the instance that made the session cookie.</summary>
    private static async Task<string> SignInAsync(HttpClient client, string subject, string returnUrl)
    {
        string? issuedBy = null;
        async Task<(HttpResponseMessage Response, Uri Uri)> FollowAsync(HttpResponseMessage response)
        {
            var uri = response.RequestMessage!.RequestUri!;
            for (var hop = 0; hop < 12; hop++)
            {
                if (response.Headers.TryGetValues("Set-Cookie", out var setCookies) && setCookies.Any(c => c.StartsWith(SessionCookie, StringComparison.Ordinal)))
                {
                    issuedBy = response.Headers.GetValues("X-Portal-Instance").Single();
                }

                if ((int)response.StatusCode is < 300 or >= 400)
                {
                    break;
                }

                uri = new Uri(uri, response.Headers.Location!);
                response.Dispose();
                response = await client.GetAsync(uri);
            }

            return (response, uri);
        }

        var (loginPage, loginUri) = await FollowAsync(await client.GetAsync(new Uri("/account/login?returnUrl=" + Uri.EscapeDataString(returnUrl), UriKind.Relative)));
        Assert.Equal("/dev-idp/login", loginUri.AbsolutePath);
        Assert.Equal(client.BaseAddress!.Authority, loginUri.Authority);
        var html = await loginPage.Content.ReadAsStringAsync();
        loginPage.Dispose();
        using var form = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = PortalHttpSession.HiddenValue(html, "__RequestVerificationToken"),
            ["returnUrl"] = WebUtility.HtmlDecode(PortalHttpSession.HiddenValue(html, "returnUrl")),
            ["subject"] = subject,
        });
        var (final, finalUri) = await FollowAsync(await client.PostAsync(new Uri("/dev-idp/login", UriKind.Relative), form));
        using (final)
        {
            Assert.True(final.StatusCode == HttpStatusCode.OK, $"sign-in ended at {finalUri} with {(int)final.StatusCode}");
            Assert.Equal(returnUrl, finalUri.AbsolutePath);
        }

        return issuedBy ?? throw new InvalidOperationException("No response set the session cookie.");
    }

    /// <summary>
    /// PostgreSQL, two instances started one after the other (each applies migrations and seeds on start; the second
    /// then finds nothing to do), and nginx in front. Each instance gets the same settings but its name and port.
    /// </summary>
    public sealed class Deployment : IAsyncLifetime
    {
        private static readonly TimeSpan StartTimeout = TimeSpan.FromMinutes(3);
        private readonly PostgresTestDatabase _database = PostgresTestDatabase.Create();
        private readonly string _outbox = Path.Combine(Path.GetTempPath(), "parentportal-tests", "outbox-" + Guid.NewGuid().ToString("N"));

        public PortalProcess A { get; private set; } = null!;

        public PortalProcess B { get; private set; } = null!;

        public NginxProxy Proxy { get; private set; } = null!;

        public PortalProcess Instance(string name) => A.Name == name ? A : B.Name == name ? B : throw new ArgumentException("No instance " + name, nameof(name));

        public PortalProcess Other(string name) => Instance(name) == A ? B : A;

        public async Task InitializeAsync()
        {
            var proxyPort = PortalFactory.FreePort();
            var ports = new HashSet<int> { proxyPort };
            while (ports.Count < 3)
            {
                ports.Add(PortalFactory.FreePort());
            }

            var (portA, portB) = (ports.ElementAt(1), ports.ElementAt(2));
            var shared = new Dictionary<string, string?>
            {
                ["Database:Provider"] = "Postgres",
                ["ConnectionStrings:Portal"] = _database.ConnectionString,
                ["Database:SeedVolumes"] = "false",
                ["Retention:JobEnabled"] = "false",
                ["Messaging:StaffDigestEnabled"] = "false",
                ["Messaging:Folder"] = _outbox,
                ["Portal:PublicBaseUrl"] = $"http://127.0.0.1:{proxyPort}",
                ["ForwardedHeaders:KnownProxies"] = "127.0.0.1",
                ["DevIdentityProvider:KeySeed"] = "scale-out-" + Guid.NewGuid().ToString("N"),
                ["Logging:LogLevel:Default"] = "Warning",
                ["Logging:LogLevel:Microsoft.Hosting.Lifetime"] = "Information",
            };
            A = new PortalProcess("web-a", portA, new Dictionary<string, string?>(shared) { ["Portal:InstanceName"] = "web-a" });
            B = new PortalProcess("web-b", portB, new Dictionary<string, string?>(shared) { ["Portal:InstanceName"] = "web-b" });
            await A.StartAsync(StartTimeout);
            await B.StartAsync(StartTimeout);
            Proxy = new NginxProxy(proxyPort, [A.BaseAddress, B.BaseAddress]);
            await Proxy.StartAsync(TimeSpan.FromSeconds(60));
        }

        /// <summary>A test that killed an instance leaves it stopped: the next one starts it again.</summary>
        public async Task EnsureAllRunningAsync()
        {
            await A.StartAsync(StartTimeout);
            await B.StartAsync(StartTimeout);
        }

        public PortalDbContext CreateDbContext() =>
            new PostgresPortalDbContext(new DbContextOptionsBuilder<PostgresPortalDbContext>().UseNpgsql(_database.ConnectionString).Options);

        public async Task DisposeAsync()
        {
            File.WriteAllText(RepositoryPaths.Artifacts("scale-out", "nginx-access.log"), Proxy?.AccessLog ?? "");
            if (Proxy is not null)
            {
                await Proxy.DisposeAsync();
            }

            if (A is not null)
            {
                await A.DisposeAsync();
            }

            if (B is not null)
            {
                await B.DisposeAsync();
            }

            await _database.DisposeAsync();
        }
    }
}
