using System.Globalization;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using ParentPortal.Data;
using ParentPortal.Platform.Messaging;
using ParentPortal.Tests.TestSupport;

namespace ParentPortal.Tests.EndToEnd;

/// <summary>
/// Issue 15 in the browser: an adviser takes a phone application for a family with only a mobile number, who ask for text
/// messages. Through GOV.UK Notify (the real client against the stand-in) the family get a text at each step the seeds
/// promise (the application received, the information session booked, the certificate ready), each with only the reference;
/// a text Notify could not deliver waits for the adviser, who phones and marks it dealt with.
/// </summary>
[Collection(BrowserTestGroup.Name)]
public sealed partial class TextMessagesBrowserTests(BrowserFixture browser) : IAsyncLifetime
{
    private const string ReceiptToken = "receipt-token-for-the-browser-test-0123456789";
    private const string Mobile = "+447700900123";

    private readonly SqliteTestDatabase _database = new();
    private NotifyStandIn _notify = null!;
    private PortalFactory _portal = null!;

    public async Task InitializeAsync()
    {
        _notify = await NotifyStandIn.StartAsync();
        var settings = _notify.Settings(ReceiptToken).ToDictionary();
        // The test sends what is due when it wants to look, so each step's texts are known to have gone.
        settings["Messaging:DispatcherEnabled"] = "false";
        _portal = new PortalFactory(_database, settings: settings);
        _portal.StartServer();
    }

    public async Task DisposeAsync()
    {
        await browser.CloseTestPagesAsync();
        await _portal.DisposeAsync();
        await _database.DisposeAsync();
        await _notify.DisposeAsync();
    }

    [Fact]
    public async Task APhoneApplication_ForAFamilyWithOnlyAMobile_SendsATextAtEachStep_AndTheAdviserDealsWithOneThatFailed()
    {
        var adviser = await browser.NewPageAsync(_portal.BaseAddress);
        await adviser.SignInAsync("Priya Shah", "/advisers");
        await adviser.WaitForInteractiveAsync();
        await adviser.GetByRole(AriaRole.Link, new() { Name = "Start an application for a caller" }).ClickAsync();
        await adviser.WaitForAddressAsync(url => new Uri(url).AbsolutePath == "/advisers/phone");
        await adviser.WaitForInteractiveAsync();
        await adviser.GetByLabel("Name of the parent or young person the application is for").FillAsync("Siân O'Brien-Núñez");
        await adviser.GetByLabel("They agree to me filling in the application for them").CheckAsync();
        await adviser.GetByRole(AriaRole.Button, new() { Name = "Start the application" }).ClickAsync();
        await adviser.WaitForAddressAsync(url => new Uri(url).AbsolutePath.EndsWith("/route", StringComparison.Ordinal), untilLoaded: false);

        var letter = DateTime.Today.AddDays(-20).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var n = 1;
        foreach (var spec in new[]
        {
            "route=sen", "applicant=parent", "parent-name=Siân O'Brien-Núñez", "local-authority=herts", "sen-decision=refusal-to-assess", $"sen-letter-date={letter}",
            "sen-appeal=not-sure", "sen-mediation=undecided", "child-first-name=Rhys;child-last-name=O'Brien", $"child-date-of-birth={TestDates.YearsAgo(9)}",
            "child-school=Hillside Primary School", "ehc-plan=no", "contact-phone=07700 900 123;contact-method=phone",
        })
        {
            await TriageDriver.ContinueAsync(adviser, Values(spec), $"texts-{n++:00}-question");
        }

        // Phone calls preferred: the journey asks how confirmations should go. A landline would be refused kindly here.
        await Assertions.Expect(adviser.GetByRole(AriaRole.Heading, new() { Name = "How should we send you confirmations and reminders?" })).ToBeVisibleAsync();
        foreach (var spec in new[] { "messages-by=text", "call-times=any", "language=english", "access-needs=no", "supporter=none", "consent-contact=school,local-authority;consent-share=summary" })
        {
            await TriageDriver.ContinueAsync(adviser, Values(spec), $"texts-{n++:00}-question");
        }

        await adviser.WaitForAddressAsync(url => url.EndsWith("/check-answers", StringComparison.Ordinal));
        await adviser.WaitForInteractiveAsync();
        await Assertions.Expect(adviser.Locator("main")).ToContainTextAsync("Text message");
        await adviser.GetByRole(AriaRole.Button, new() { Name = "Accept and send" }).ClickAsync();
        await adviser.WaitForAddressAsync(url => url.EndsWith("/confirmation", StringComparison.Ordinal));
        var reference = await adviser.Locator(".reference--large").InnerTextAsync();
        var caseId = await CaseIdAsync(reference);

        // 1. The application received.
        await SendDueAsync();
        AssertText("We have received your application.", reference);

        // 2. A place on an information session, booked by the adviser.
        await adviser.GotoAsync($"/advisers/cases/{caseId}");
        await adviser.WaitForInteractiveAsync();
        await Assertions.Expect(adviser.GetByTestId("messages-by")).ToHaveTextAsync("By text message");
        await adviser.CheckPageAsync($"texts-{n++:00}-case");
        await adviser.GetByRole(AriaRole.Link, new() { Name = "Book an information session for the family" }).ClickAsync();
        await adviser.WaitForAddressAsync(url => url.EndsWith("/sessions", StringComparison.Ordinal));
        await adviser.WaitForInteractiveAsync();
        await adviser.GetByRole(AriaRole.Button, new() { NameRegex = BookAPlace() }).First.ClickAsync();
        await Assertions.Expect(adviser.GetByRole(AriaRole.Status)).ToContainTextAsync("The family has a place");
        await SendDueAsync();
        AssertText("Your place on an information session is booked.", reference: null);

        // 3. The certificate, when they only need it.
        await adviser.GetByRole(AriaRole.Link, new() { Name = "Back to the case" }).ClickAsync();
        await adviser.WaitForAddressAsync(url => new Uri(url).AbsolutePath == $"/advisers/cases/{caseId}");
        await adviser.WaitForInteractiveAsync();
        await adviser.GetByRole(AriaRole.Button, new() { Name = "They only need the certificate" }).ClickAsync();
        await Assertions.Expect(adviser.GetByText("Certificate due")).ToBeVisibleAsync();
        await adviser.GetByRole(AriaRole.Button, new() { Name = "Issue the mediation certificate" }).ClickAsync();
        await Assertions.Expect(adviser.GetByTestId("stage")).ToHaveTextAsync("Certificate issued");
        await SendDueAsync();
        var certificate = AssertText("A document is ready for you to download.", reference);

        // Three texts, no more, and none carries more than the fixed words and the reference: no child's name, no needs.
        Assert.Equal(3, _notify.Texts.Count);
        Assert.All(_notify.Texts, t => Assert.DoesNotContain("Rhys", t.Text, StringComparison.Ordinal));

        // Notify says the certificate's text never arrived: it waits for the adviser, who phones instead.
        using (var client = _portal.CreateHttpClient())
        {
            client.DefaultRequestHeaders.Authorization = new("Bearer", ReceiptToken);
            using var receipt = await client.PostAsJsonAsync(NotifyReceipts.Path, new
            {
                id = certificate.Id, reference = certificate.Reference, to = Mobile, status = "permanent-failure", notification_type = "sms",
                created_at = DateTimeOffset.UtcNow, completed_at = DateTimeOffset.UtcNow, sent_at = DateTimeOffset.UtcNow,
            });
            receipt.EnsureSuccessStatusCode();
        }

        await adviser.GotoAsync("/advisers/messages");
        await adviser.WaitForInteractiveAsync();
        var message = adviser.GetByTestId("undelivered-message").Filter(new() { HasText = reference }).First;
        await Assertions.Expect(message).ToContainTextAsync("permanent-failure");
        await Assertions.Expect(message.GetByTestId("undelivered-channel")).ToHaveTextAsync("Text message");
        await Assertions.Expect(message).ToContainTextAsync("Accepted for delivery");
        await adviser.CheckPageAsync($"texts-{n++:00}-undelivered");
        await message.GetByLabel("How you dealt with it").FillAsync("Phoned and told them the certificate is in their account");
        await message.GetByRole(AriaRole.Button, new() { NameRegex = MarkDealtWith() }).ClickAsync();
        await Assertions.Expect(adviser.GetByRole(AriaRole.Status)).ToContainTextAsync("Recorded as dealt with.");
        await Assertions.Expect(adviser.GetByTestId("undelivered-message").Filter(new() { HasText = reference })).ToHaveCountAsync(0);
        await adviser.CheckPageAsync($"texts-{n:00}-dealt-with");
    }

    /// <summary>The one text of this kind to the family's mobile, with the fixed line and, when the message is about the case, its reference.</summary>
    private NotifyText AssertText(string line, string? reference)
    {
        var text = Assert.Single(_notify.Texts, t => t.Text.Contains(line, StringComparison.Ordinal));
        Assert.Equal(Mobile, text.PhoneNumber);
        if (reference is not null)
        {
            Assert.Contains($"Your reference is {reference}.", text.Text, StringComparison.Ordinal);
        }

        Assert.EndsWith("Sign in to your account to see the details, or call us on " + HelplineAsync().GetAwaiter().GetResult() + ".", text.Text, StringComparison.Ordinal);
        return text;
    }

    private async Task<string> HelplineAsync()
    {
        await using var db = await DbAsync();
        return await db.Organisations.OrderBy(o => o.Id).Select(o => o.HelplinePhone).FirstAsync();
    }

    private async Task SendDueAsync()
    {
        var result = await _portal.Services.GetRequiredService<OutboxProcessor>().ProcessDueAsync();
        Assert.Equal(0, result.Failed);
    }

    private async Task<Guid> CaseIdAsync(string reference)
    {
        await using var db = await DbAsync();
        return await db.Applications.Where(a => a.Reference == reference).Select(a => a.Id).SingleAsync();
    }

    private Task<PortalDbContext> DbAsync() => _portal.Services.GetRequiredService<IDbContextFactory<PortalDbContext>>().CreateDbContextAsync();

    private static Dictionary<string, string> Values(string text) =>
        text.Split(';').Select(p => p.Split('=', 2)).ToDictionary(p => p[0], p => p[1]);

    [GeneratedRegex("^Book a place")]
    private static partial Regex BookAPlace();

    [GeneratedRegex("^Mark as dealt with")]
    private static partial Regex MarkDealtWith();
}
