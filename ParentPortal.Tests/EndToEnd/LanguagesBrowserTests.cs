using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Localization;
using Microsoft.Playwright;
using ParentPortal.Data;
using ParentPortal.Features.Cases;
using ParentPortal.Features.Documents;
using ParentPortal.Platform.Identity;
using ParentPortal.Platform.Localisation;
using ParentPortal.Tests.Features.Documents;
using ParentPortal.Tests.TestSupport;

namespace ParentPortal.Tests.EndToEnd;

/// <summary>
/// Issue 17: a family chooses their language from the header's link (in the language's own name, marked with its
/// lang), and the portal keeps it. In Welsh the SEN application goes to its confirmation, the confirmation e-mail is in
/// Welsh and the certificate that follows is Welsh then English, tagged cy. In Urdu the start page and the first
/// questions are right to left. axe checks every page, with the page's lang.
/// </summary>
[Collection(SecondBrowserTestGroup.Name)]
public sealed class LanguagesBrowserTests(BrowserFixture browser) : IAsyncLifetime
{
    private readonly SqliteTestDatabase _database = new();
    private PortalFactory _portal = null!;

    public Task InitializeAsync()
    {
        _portal = new PortalFactory(_database);
        _portal.StartServer();
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        await browser.CloseTestPagesAsync();
        await _portal.DisposeAsync();
        await _database.DisposeAsync();
    }

    [Fact]
    public async Task InWelsh_AParentAppliesForSenMediation_GetsAWelshEmail_AndLaterABilingualCertificate()
    {
        var page = await browser.NewPageAsync(_portal.BaseAddress);
        await page.GotoAsync("/");
        var welshLink = page.Locator("a[lang='cy']");
        await Assertions.Expect(welshLink).ToHaveTextAsync("Cymraeg");
        await Assertions.Expect(welshLink).ToHaveAttributeAsync("hreflang", "cy");
        await welshLink.ClickAsync();
        await page.WaitForAddressAsync(url => new Uri(url).AbsolutePath == "/");
        await Assertions.Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "cy");
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync(Welsh("Get help with a disagreement about your child's education"));
        await page.CheckPageAsync("welsh-01-start");

        // The three checks, in Welsh, then sign in.
        await page.GetByRole(AriaRole.Link, new() { Name = Welsh("Start now") }).ClickAsync();
        await page.Locator("#route-sen").CheckAsync();
        await page.CheckPageAsync("welsh-02-check-route");
        await page.GetByRole(AriaRole.Button, new() { Name = Welsh("Continue") }).ClickAsync();
        await page.Locator("#la-herts").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = Welsh("Continue") }).ClickAsync();
        await page.Locator("#decisionLetterSent").FillAsync(TestDates.FromToday(-30));
        await page.GetByRole(AriaRole.Button, new() { Name = Welsh("Continue") }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = Welsh("Sign in and apply") })).ToBeVisibleAsync();
        await page.CheckPageAsync("welsh-03-check-result");
        var start = new Uri(await page.GetByRole(AriaRole.Link, new() { Name = Welsh("Sign in and apply") }).GetAttributeAsync("href") ?? "", UriKind.Relative);
        await page.SignInAsync("Sam Taylor", "/" + start.OriginalString);
        await Assertions.Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "cy");
        await page.GetByRole(AriaRole.Button, new() { Name = Welsh("Start"), Exact = true }).ClickAsync();
        await page.WaitForAddressAsync(url => new Uri(url).AbsolutePath.EndsWith("/applicant", StringComparison.Ordinal));

        var path = await TriageDriver.ContinueAsync(page, TriageJourneyTests.Values("applicant=parent"), "welsh-04-applicant", Welsh("Continue"));
        path = await TriageDriver.ContinueAsync(page, TriageJourneyTests.Values("parent-name=Sam Taylor"), "welsh-05-your-name", Welsh("Continue"));
        var n = 6;
        foreach (var spec in TriageJourneyTests.SenJourney.Concat(TriageJourneyTests.CommonPages("sen")))
        {
            var (step, values) = TriageJourneyTests.Split(spec);
            Assert.EndsWith("/" + step, path, StringComparison.Ordinal);
            if (step == "language")
            {
                // Welsh for messages and documents (the application keeps the portal's language until this answer).
                values = TriageJourneyTests.Values("language=welsh");
            }

            if (step == "sen-appeal")
            {
                // The rules' own sentences, with their dates, in Welsh.
                await Assertions.Expect(page.Locator(".guidance h2")).ToHaveTextAsync(Welsh("What this means for you"));
            }

            path = await TriageDriver.ContinueAsync(page, values, $"welsh-{n++:00}-{step}", Welsh("Continue"));
        }

        Assert.EndsWith("/check-answers", path, StringComparison.Ordinal);
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync(Welsh("Check your answers before sending your application"));
        await page.CheckPageAsync($"welsh-{n++:00}-check-answers");
        await page.GetByRole(AriaRole.Button, new() { Name = Welsh("Accept and send") }).ClickAsync();
        await page.WaitForAddressAsync(url => url.EndsWith("/confirmation", StringComparison.Ordinal));
        await Assertions.Expect(page.Locator(".panel__title")).ToHaveTextAsync(Welsh("Application sent"));
        var reference = await page.Locator(".reference--large").InnerTextAsync();
        await page.CheckPageAsync($"welsh-{n:00}-confirmation");

        await using var db = await _portal.Services.GetRequiredService<IDbContextFactory<PortalDbContext>>().CreateDbContextAsync();
        var application = await db.Applications.SingleAsync(a => a.Reference == reference);
        Assert.Equal(PortalLanguages.Welsh, application.Language);

        // The confirmation e-mail, as delivered: in Welsh, with the reference.
        var mail = await DeliveredMail.WaitForAsync(_portal.OutboxFolder, "sam.taylor@example.com", Welsh("Your reference is {0}. Please quote it if you contact us.", reference));
        Assert.Contains(Welsh("We have received your application ({0})", reference), MimeSubject(mail), StringComparison.Ordinal);

        // Later, the certificate: Welsh, then English, its language cy.
        var adviser = TestUsers.Make("demo-adviser", "Priya Shah", PortalRoles.Adviser);
        Assert.True((await _portal.Services.GetRequiredService<TakeCaseHandler>().HandleAsync(adviser, application.Id)).Succeeded);
        Assert.True((await _portal.Services.GetRequiredService<RecordDecisionHandler>().HandleAsync(adviser, application.Id, ParentPortal.Data.Entities.SessionChoice.CertificateOnly)).Succeeded);
        var issued = await _portal.Services.GetRequiredService<IssueCertificateHandler>().HandleAsync(adviser, application.Id);
        Assert.True(issued.Succeeded, issued.Message);
        var certificateNumber = await db.CaseDocuments.Where(d => d.ApplicationId == application.Id).Select(d => d.Number).SingleAsync();

        // The family is told in Welsh, though the adviser works in English.
        var ready = await DeliveredMail.WaitForAsync(_portal.OutboxFolder, "sam.taylor@example.com", Welsh("Your mediation certificate ({0}) is ready. Sign in to the portal and choose \"Your applications\" to download it.", certificateNumber));
        Assert.Equal(Welsh("Your mediation certificate is ready"), MimeSubject(ready));
        var profile = await _portal.Services.GetRequiredService<ParentPortal.Platform.Settings.ServiceDirectory>().GetAsync();
        Assert.Contains(Welsh("Helpline: {0} ({1})", profile.HelplinePhone, profile.HelplineHours), ready, StringComparison.Ordinal);
        var documentId = await db.CaseDocuments.Where(d => d.ApplicationId == application.Id).Select(d => d.Id).SingleAsync();
        var download = await page.Context.APIRequest.GetAsync($"/documents/{documentId}/download");
        Assert.Equal(200, download.Status);
        var pdf = await download.BodyAsync();
        using var document = UglyToad.PdfPig.PdfDocument.Open(pdf);
        Assert.Equal("cy", ((UglyToad.PdfPig.Tokens.StringToken)document.Structure.Catalog.CatalogDictionary.Data["Lang"]).Data);
        PdfText.AssertInOrder($"{Welsh("Mediation certificate")} {Welsh("What this certificate confirms")} Mediation certificate What this certificate confirms", PdfText.All(pdf));
        PdfText.RenderPng(pdf, "welsh-certificate");
    }

    [Fact]
    public async Task InUrdu_TheStartPageAndTheFirstQuestions_AreRightToLeft_AndAccessible()
    {
        var page = await browser.NewPageAsync(_portal.BaseAddress);
        await page.GotoAsync("/");
        await page.Locator("a[lang='ur']").ClickAsync();
        await page.WaitForAddressAsync(url => new Uri(url).AbsolutePath == "/");
        var html = page.Locator("html");
        await Assertions.Expect(html).ToHaveAttributeAsync("lang", "ur");
        await Assertions.Expect(html).ToHaveAttributeAsync("dir", "rtl");
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync(Urdu("Get help with a disagreement about your child's education"));
        // The other languages' links keep their own direction and language.
        await Assertions.Expect(page.Locator("a[lang='en-GB']")).ToHaveAttributeAsync("dir", "ltr");
        // Numbers stay left to right inside the right-to-left text (the helpline's number is not reversed).
        await Assertions.Expect(page.Locator("footer a[href^='tel:']")).ToHaveAttributeAsync("dir", "ltr");
        await page.CheckPageAsync("urdu-01-start");

        // Laid out right to left: the heading starts at the right.
        var heading = await page.Locator("h1").BoundingBoxAsync();
        var main = await page.Locator("main").BoundingBoxAsync();
        Assert.True(heading!.X + heading.Width > main!.X + (main.Width / 2), "the Urdu heading is not on the right");

        await page.GetByRole(AriaRole.Link, new() { Name = Urdu("Start now") }).ClickAsync();
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync(UrduQuestion("What do you need help with?"));
        await page.CheckPageAsync("urdu-02-check-route");
        await page.GetByRole(AriaRole.Button, new() { Name = Urdu("Continue") }).ClickAsync();
        await Assertions.Expect(page.Locator(".error-summary")).ToContainTextAsync(UrduQuestion("Select what you need help with"));
        await page.CheckPageAsync("urdu-03-check-route-error");

        await page.SignInAsync("Sam Taylor", $"/apply/new?route=sen&la=herts&decisionLetterSent={TestDates.FromToday(-30)}");
        await Assertions.Expect(html).ToHaveAttributeAsync("dir", "rtl");
        await page.GetByRole(AriaRole.Button, new() { Name = Urdu("Start"), Exact = true }).ClickAsync();
        await page.WaitForAddressAsync(url => new Uri(url).AbsolutePath.EndsWith("/applicant", StringComparison.Ordinal));
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync(UrduQuestion("Who is applying?"));
        var path = await TriageDriver.ContinueAsync(page, TriageJourneyTests.Values("applicant=parent"), "urdu-04-applicant", Urdu("Continue"));
        Assert.EndsWith("/your-name", path, StringComparison.Ordinal);
        // A name typed in Latin letters stays as typed; the reference and numbers stay left to right.
        path = await TriageDriver.ContinueAsync(page, TriageJourneyTests.Values("parent-name=Sam Taylor"), "urdu-05-your-name", Urdu("Continue"));
        Assert.EndsWith("/sen-decision", path, StringComparison.Ordinal);
        await TriageDriver.ContinueAsync(page, TriageJourneyTests.Values("sen-decision=plan-contents"), "urdu-06-sen-decision", Urdu("Continue"));
        await Assertions.Expect(html).ToHaveAttributeAsync("lang", "ur");
    }

    /// <summary>
    /// The family's case page (a meeting held: the history, who came, the key dates and their reasons), information
    /// sessions, and the case's forms, in Welsh: marked lang="cy", in Welsh, and axe-clean.
    /// </summary>
    [Fact]
    public async Task InWelsh_TheCasePage_Sessions_AndTheCaseForms_AreWelsh_AndPassAxe()
    {
        var (caseId, _) = await StoredCases.MeetingHeldAsync(_portal.Services);
        var page = await browser.NewPageAsync(_portal.BaseAddress);
        await page.GotoAsync("/language/cy?returnUrl=%2F");
        await page.SignInAsync("Sam Taylor", $"/applications/{caseId}");
        await Assertions.Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "cy");
        await Assertions.Expect(page.Locator("h1")).ToContainTextAsync(Welsh("Your case"));
        await Assertions.Expect(page.GetByTestId("case-stage")).ToHaveTextAsync(Welsh("Your meeting has taken place"));
        await page.CheckPageAsync("welsh-case");

        foreach (var (path, heading) in new[]
        {
            ($"/sessions?application={caseId}", "Information sessions"),
            ($"/applications/{caseId}/contact-details", "How should we contact you?"),
            ($"/applications/{caseId}/corrections", "Ask for a correction"),
            ($"/applications/{caseId}/unavailable-dates", "Dates you cannot attend a meeting"),
            ($"/applications/{caseId}/documents", "Your documents"),
            ($"/applications/{caseId}/withdraw", "Withdraw your application"),
        })
        {
            await page.GotoAsync(path);
            await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync(Welsh(heading));
            await page.CheckPageAsync("welsh-case-" + path.Split('?')[0].Split('/')[^1]);
        }
    }

    private string Welsh(string english, params object[] arguments) => In(PortalLanguages.Welsh, () => Family()[english, arguments].Value);

    private string Urdu(string english) => In(PortalLanguages.Urdu, () => Family()[english].Value);

    private string UrduQuestion(string english) => In(PortalLanguages.Urdu, () => _portal.Services.GetRequiredService<IStringLocalizer<TriageText>>()[english].Value);

    private IStringLocalizer<FamilyText> Family() => _portal.Services.GetRequiredService<IStringLocalizer<FamilyText>>();

    private static string In(string language, Func<string> say)
    {
        using var scope = PortalLanguages.Use(language);
        var text = say();
        Assert.NotEqual(string.Empty, text);
        return text;
    }

    // The delivered subject is RFC 2047 encoded when it is not ASCII: decode it as a mail client does.
    private static string MimeSubject(string mail)
    {
        using var stream = new MemoryStream(System.Text.Encoding.UTF8.GetBytes(mail));
        return MimeKit.MimeMessage.Load(stream).Subject ?? "";
    }
}
