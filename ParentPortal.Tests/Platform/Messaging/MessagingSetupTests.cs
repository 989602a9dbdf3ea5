using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using ParentPortal.Data;
using ParentPortal.Platform.Hosting;
using ParentPortal.Platform.Messaging;
using ParentPortal.Tests.TestSupport;

namespace ParentPortal.Tests.Platform.Messaging;

public sealed class MessagingSetupTests
{
    private const string ContentRoot = "/srv/portal";

    [Theory]
    [InlineData("Pigeon")]
    [InlineData("Notify2")]
    [InlineData("1")]
    public async Task UnknownSender_StopsThePortalFromStarting_AndSaysWhatToSet(string sender)
    {
        await using var database = new SqliteTestDatabase();
        await using var portal = new PortalFactory(database, settings: new Dictionary<string, string?> { ["Messaging:Sender"] = sender });

        var error = Assert.Throws<InvalidOperationException>(() => portal.StartServer());

        Assert.Contains($"Messaging:Sender is '{sender}'", error.Message, StringComparison.Ordinal);
        Assert.Contains("'Folder'", error.Message, StringComparison.Ordinal);
        Assert.Contains("'Log'", error.Message, StringComparison.Ordinal);
        Assert.Contains("'Smtp'", error.Message, StringComparison.Ordinal);
    }

    /// <summary>Issue 15: GOV.UK Notify set up wrongly stops the portal starting with the setting to fix.</summary>
    [Theory]
    [InlineData(null, "0c2a7a5e-1b3d-4e6f-8a9b-1c2d3e4f5a6b", null, "Messaging:Notify:ApiKey is missing or not a GOV.UK Notify API key")]
    [InlineData("just-a-password", "0c2a7a5e-1b3d-4e6f-8a9b-1c2d3e4f5a6b", null, "Messaging:Notify:ApiKey is missing or not a GOV.UK Notify API key")]
    [InlineData(TestKey, "welcome-email", null, "Messaging:Notify:EmailTemplateId is 'welcome-email'")]
    [InlineData(TestKey, "0c2a7a5e-1b3d-4e6f-8a9b-1c2d3e4f5a6b", "short", "Messaging:Notify:ReceiptToken is too short")]
    [InlineData(TestKey, "0c2a7a5e-1b3d-4e6f-8a9b-1c2d3e4f5a6b", null, "Messaging:Notify:TextTemplateId is ''", "")]
    [InlineData(TestKey, "0c2a7a5e-1b3d-4e6f-8a9b-1c2d3e4f5a6b", null, "Messaging:Notify:LetterTemplateId is 'letters'", "1d3b8b6f-2c4e-4f70-9bac-2d3e4f5a6b7c", "letters")]
    public async Task AMisconfiguredNotify_StopsThePortalFromStarting_NamingTheSetting(string? key, string template, string? token, string expected,
        string text = "1d3b8b6f-2c4e-4f70-9bac-2d3e4f5a6b7c", string letter = "2e4c9c70-3d5f-4081-8cbd-3e4f5a6b7c8d")
    {
        await using var database = new SqliteTestDatabase();
        await using var portal = new PortalFactory(database, settings: new Dictionary<string, string?>
        {
            ["Messaging:Sender"] = "Notify",
            ["Messaging:Notify:ApiKey"] = key,
            ["Messaging:Notify:EmailTemplateId"] = template,
            ["Messaging:Notify:TextTemplateId"] = text,
            ["Messaging:Notify:LetterTemplateId"] = letter,
            ["Messaging:Notify:ReceiptToken"] = token,
        });

        var error = Assert.Throws<InvalidOperationException>(() => portal.StartServer());
        Assert.StartsWith(expected, error.Message, StringComparison.Ordinal);
    }

    private const string TestKey = "portal_test-6f1c2b44-3d5e-4f7a-9b8c-0d1e2f3a4b5c-a9b8c7d6-e5f4-4321-8765-43210fedcba9";

    /// <summary>Issue 15: a mail server set up wrongly stops the portal starting with the setting to fix, never later and silently.</summary>
    [Theory]
    [InlineData(null, "no-reply@example.org", "StartTls", null, "Messaging:Smtp:Host is not set")]
    [InlineData("mail.example.org", null, "StartTls", null, "Messaging:Smtp:From is ''")]
    [InlineData("mail.example.org", "not an address", "StartTls", null, "Messaging:Smtp:From is 'not an address'")]
    [InlineData("mail.example.org", "no-reply@example.org", "Pigeon", null, "Messaging:Smtp:Security is 'Pigeon'")]
    [InlineData("mail.example.org", "no-reply@example.org", "None", null, "Messaging:Smtp:Security is 'None' for mail.example.org")]
    [InlineData("mail.example.org", "no-reply@example.org", "StartTls", "portal", "Messaging:Smtp:UserName and Messaging:Smtp:Password go together")]
    public async Task AMisconfiguredMailServer_StopsThePortalFromStarting_NamingTheSetting(string? host, string? from, string security, string? user, string expected)
    {
        await using var database = new SqliteTestDatabase();
        await using var portal = new PortalFactory(database, settings: new Dictionary<string, string?>
        {
            ["Messaging:Sender"] = "Smtp",
            ["Messaging:Smtp:Host"] = host,
            ["Messaging:Smtp:From"] = from,
            ["Messaging:Smtp:Security"] = security,
            ["Messaging:Smtp:UserName"] = user,
        });

        var error = Assert.Throws<InvalidOperationException>(() => portal.StartServer());
        Assert.StartsWith(expected, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Settings_Default_ToTheFolderSenderUnderTheContentRoot_PollingEveryFiveSeconds()
    {
        var settings = MessagingSettings.From(Configuration([]), ContentRoot);

        Assert.Equal(new MessagingSettings(MessageSenderKind.Folder, "/srv/portal/data/outbox", TimeSpan.FromSeconds(5), true, 20), settings);
    }

    [Fact]
    public void Settings_AreReadFromTheMessagingSection()
    {
        var settings = MessagingSettings.From(
            Configuration(new()
            {
                ["Messaging:Sender"] = "log",
                ["Messaging:Folder"] = "/var/spool/portal",
                ["Messaging:PollSeconds"] = "30",
                ["Messaging:DispatcherEnabled"] = "false",
                ["Messaging:BatchSize"] = "50",
            }),
            ContentRoot);

        Assert.Equal(new MessagingSettings(MessageSenderKind.Log, "/var/spool/portal", TimeSpan.FromSeconds(30), false, 50), settings);
    }

    [Theory]
    [InlineData("PollSeconds", "0")]
    [InlineData("PollSeconds", "five")]
    [InlineData("BatchSize", "-1")]
    [InlineData("DispatcherEnabled", "maybe")]
    public void Settings_ThatMakeNoSense_AreRefusedByName(string key, string value)
    {
        var error = Assert.Throws<InvalidOperationException>(() =>
            MessagingSettings.From(Configuration(new() { ["Messaging:" + key] = value }), ContentRoot));

        Assert.StartsWith($"Messaging:{key} is '{value}'.", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AddPortalMessaging_WithTheDispatcherSwitchedOff_RegistersTheProcessorButNoBackgroundService()
    {
        await using var database = new SqliteTestDatabase();
        await using var app = PortalServices.Build(database, addFeatures: builder =>
        {
            builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["Messaging:Sender"] = "Log",
                ["Messaging:DispatcherEnabled"] = "false",
            });
            builder.AddPortalMessaging();
        });

        Assert.NotNull(app.Services.GetRequiredService<OutboxProcessor>());
        Assert.IsType<LogMessageSender>(app.Services.GetRequiredService<IMessageSender>());
        Assert.DoesNotContain(app.Services.GetServices<PeriodicJob>(), j => j.Name == OutboxProcessor.JobName);
    }

    [Fact]
    public async Task ThePortal_SendsWhatIsEnqueued_IntoTheConfiguredFolder()
    {
        var folder = Path.Combine(Path.GetTempPath(), "parentportal-tests", "outbox-" + Guid.NewGuid().ToString("N"));
        await using var database = new SqliteTestDatabase();
        await using var portal = new PortalFactory(database, settings: new Dictionary<string, string?>
        {
            ["Messaging:Folder"] = folder,
            ["Messaging:PollSeconds"] = "1",
        });
        portal.StartServer();
        try
        {
            Assert.IsType<FolderMessageSender>(portal.Services.GetRequiredService<IMessageSender>());
            Assert.Contains(portal.Services.GetServices<PeriodicJob>(), j => j.Name == OutboxProcessor.JobName);
            Assert.Contains(portal.Services.GetServices<IHostedService>(), s => s is PeriodicJobHost);
            await using (var db = await portal.Services.GetRequiredService<IDbContextFactory<PortalDbContext>>().CreateDbContextAsync())
            {
                await OutboxWriter.EnqueueAsync(db, new OutgoingMessage
                {
                    Kind = "test-message",
                    ToAddress = "sam.taylor@example.com",
                    Subject = "Sent by the running portal",
                    Body = "Hello.",
                    About = new MessageAbout(),
                }, DateTimeOffset.UtcNow);
                await db.SaveChangesAsync();
            }

            var file = await WaitForFileAsync(folder, TimeSpan.FromSeconds(30));
            Assert.Contains("Subject: Sent by the running portal", await File.ReadAllTextAsync(file), StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private static async Task<string> WaitForFileAsync(string folder, TimeSpan timeout)
    {
        var until = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < until)
        {
            if (Directory.Exists(folder) && Directory.GetFiles(folder, "*" + FolderMessageSender.FileExtension) is [var file])
            {
                return file;
            }

            await Task.Delay(100);
        }

        throw new TimeoutException($"No message file appeared in {folder} within {timeout}.");
    }

    private static IConfiguration Configuration(Dictionary<string, string?> values) =>
        new ConfigurationBuilder().AddInMemoryCollection(values).Build();
}
