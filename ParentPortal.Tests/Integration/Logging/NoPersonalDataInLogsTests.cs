using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using ParentPortal.Data;
using ParentPortal.Data.Entities;
using ParentPortal.Features.Apply;
using ParentPortal.Features.Booking;
using ParentPortal.Platform.Messaging;
using ParentPortal.Tests.TestSupport;

namespace ParentPortal.Tests.Integration.Logging;

/// <summary>
/// Logs carry ids, never people: a realistic morning on the real portal (signing in over HTTP through the real
/// provider, pages, answers refused, a stranger turned away, e-mails failing and sent) with everything logged at
/// Debug and above captured, whatever the portal's own log settings say, and searched for the demo family's details.
/// (At Trace the development OpenID provider writes out the tokens it issues, names included; it runs only in
/// Development and Testing, and the portal's settings keep OpenIddict at Warning.)
/// </summary>
public sealed class NoPersonalDataInLogsTests : IAsyncLifetime
{
    private static readonly string[] PersonalData =
    [
        "Sam Taylor", "Sam%20Taylor", "Sam+Taylor", "sam.taylor@example.com", "sam.taylor%40example.com",
        "Łukasz", "%C5%81ukasz", "Dvořák", "lukasz.dvorak@example.com", "Siân", "Si%C3%A2n", "O'Brien", "07700", "parent@example.com",
    ];

    private readonly SqliteTestDatabase _database = new();
    private readonly CapturedLogs _logs = new(LogLevel.Debug);
    private PortalFactory _portal = null!;

    public Task InitializeAsync()
    {
        // The dispatcher is off so that the test decides which sender each e-mail meets.
        _portal = new PortalFactory(_database, settings: new Dictionary<string, string?> { ["Messaging:DispatcherEnabled"] = "false" }, logs: _logs);
        _portal.StartServer();
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        await _portal.DisposeAsync();
        await _database.DisposeAsync();
    }

    [Fact]
    public async Task ARealisticFlow_WithFailures_LogsNoNamesAddressesPhoneNumbersOrAnswers()
    {
        var services = _portal.Services;
        var samsCase = await StoredCases.SubmittedAsync(services, "demo-parent", "Sam Taylor");

        // Sam signs in over HTTP through the development provider and looks around.
        var (sam, _) = await PortalHttpSession.SignInAsync(_portal, "demo-parent", "/applications");
        using (sam)
        {
            foreach (var path in new[] { "/applications", "/sessions", $"/sessions?application={samsCase}", "/apply/new?route=sen&la=herts", "/no-such-page", "/advisers" })
            {
                using var response = await sam.GetAsync(new Uri(path, UriKind.Relative));
                Assert.True(response.StatusCode is HttpStatusCode.OK or HttpStatusCode.NotFound or HttpStatusCode.Forbidden or HttpStatusCode.Found, $"{path}: {(int)response.StatusCode}");
            }
        }

        // Łukasz signs in and tries Sam's application and a document that is not his.
        var (lukasz, _) = await PortalHttpSession.SignInAsync(_portal, "demo-parent-2", "/applications");
        using (lukasz)
        {
            using var check = await lukasz.GetAsync(new Uri($"/apply/{samsCase}/check-answers", UriKind.Relative));
            using var download = await lukasz.GetAsync(new Uri($"/documents/{Guid.NewGuid()}/download", UriKind.Relative));
            Assert.Equal(HttpStatusCode.NotFound, download.StatusCode);
        }

        // A sign-in callback that does not belong to any sign-in (replayed or forged).
        using (var stranger = _portal.CreateHttpClient())
        {
            using var callback = await stranger.GetAsync(new Uri("/signin-oidc?code=forged&state=forged", UriKind.Relative));
        }

        // Handlers refusing things, with personal data in what they were given.
        var samPrincipal = TestUsers.Parent("demo-parent", "Sam Taylor");
        var lukaszPrincipal = TestUsers.Parent("demo-parent-2", "Łukasz Dvořák");
        var draft = (await services.GetRequiredService<StartApplicationHandler>().HandleAsync(samPrincipal, new ApplicationPrefill("sen", "herts", null)))!.Value;
        var refused = await services.GetRequiredService<SaveStepHandler>().HandleAsync(samPrincipal, draft, "contact", new Dictionary<string, string?>
        {
            ["contact-phone"] = "07700 Siân's mobile",
            ["contact-email"] = "Sam Taylor at home",
            ["contact-method"] = "email",
        });
        Assert.NotEqual(SaveStepOutcome.Saved, refused.Outcome);
        Assert.Equal(SubmitOutcome.NotFound, (await services.GetRequiredService<SubmitApplicationHandler>().HandleAsync(lukaszPrincipal, samsCase)).Outcome);
        Assert.Equal(BookOutcome.NotFound, (await services.GetRequiredService<BookSessionHandler>().HandleAsync(samPrincipal, 987654, samsCase, false)).Outcome);

        // An e-mail to Sam whose sender fails quoting him, then one sent by the log-only sender.
        await EnqueueForSamAsync(services);
        var failing = ActivatorUtilities.CreateInstance<OutboxProcessor>(services, new QuotingFailure());
        Assert.Equal(1, (await failing.ProcessDueAsync()).Failed);
        await EnqueueForSamAsync(services);
        var logOnly = ActivatorUtilities.CreateInstance<OutboxProcessor>(services, ActivatorUtilities.CreateInstance<LogMessageSender>(services));
        await using (var db = await services.GetRequiredService<IDbContextFactory<PortalDbContext>>().CreateDbContextAsync())
        {
            await db.OutboxMessages.ExecuteUpdateAsync(s => s.SetProperty(m => m.NextAttemptAt, DateTimeOffset.UtcNow.AddMinutes(-1)));
        }

        Assert.Equal(2, (await logOnly.ProcessDueAsync()).Sent);

        // And one through a real mail server with the SMTP sender.
        await using (var smtp = await SmtpTestServer.StartAsync())
        {
            await EnqueueForSamAsync(services);
            var settings = services.GetRequiredService<MessagingSettings>() with
            {
                Smtp = new SmtpSettings("127.0.0.1", smtp.Port, SmtpSecurity.None, null, null, "no-reply@mediation.example.org", "Family Mediation Partnership"),
            };
            var mailed = ActivatorUtilities.CreateInstance<OutboxProcessor>(services, new SmtpMessageSender(settings, TimeProvider.System));
            Assert.Equal(1, (await mailed.ProcessDueAsync()).Sent);
            Assert.Single(smtp.Received());
        }

        var entries = _logs.Entries.ToList();
        Assert.Contains(entries, e => e.Category == "Microsoft.AspNetCore.Hosting.Diagnostics" && e.Text.Contains("Request starting", StringComparison.Ordinal));
        Assert.Contains(entries, e => e.Category.StartsWith("Microsoft.EntityFrameworkCore", StringComparison.Ordinal) && e.Level == LogLevel.Debug);
        Assert.Contains(entries, e => e.Category == typeof(OutboxProcessor).FullName && e.Level == LogLevel.Warning);
        Assert.Contains(entries, e => e.Category == typeof(LogMessageSender).FullName);
        var leaks = entries.Where(e => PersonalData.Any(p => e.Text.Contains(p, StringComparison.OrdinalIgnoreCase))).ToList();
        Assert.True(leaks.Count == 0, $"{leaks.Count} of {entries.Count} log entries hold personal data:\n" + string.Join("\n", leaks.Take(20)));
    }

    private static async Task EnqueueForSamAsync(IServiceProvider services)
    {
        await using var db = await services.GetRequiredService<IDbContextFactory<PortalDbContext>>().CreateDbContextAsync();
        var now = DateTimeOffset.UtcNow;
        db.OutboxMessages.Add(new OutboxMessage
        {
            Id = Guid.NewGuid(),
            Kind = "application-submitted",
            ToAddress = "sam.taylor@example.com",
            ToName = "Sam Taylor",
            Subject = "Your application about Siân",
            Body = "Dear Sam Taylor, we will call you on 07700 900 982.",
            CreatedAt = now,
            NotBefore = now,
            NextAttemptAt = now,
        });
        await db.SaveChangesAsync();
    }

    /// <summary>A mail server refusing the message and, as they do, quoting the recipient back.</summary>
    private sealed class QuotingFailure : IMessageSender
    {
        public Task SendAsync(OutboxMessage message, CancellationToken cancellationToken) =>
            throw new InvalidOperationException($"550 Mailbox unavailable for \"{message.ToName}\" <{message.ToAddress}>\nSubject: {message.Subject}");
    }
}
