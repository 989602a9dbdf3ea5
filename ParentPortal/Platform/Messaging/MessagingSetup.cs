using System.Globalization;
using Microsoft.Extensions.DependencyInjection.Extensions;
using ParentPortal.Platform.Hosting;

namespace ParentPortal.Platform.Messaging;

public static class MessagingSetup
{
    /// <summary>
    /// The outbox: the sender chosen by <c>Messaging:Sender</c>, the processor, and the background
    /// dispatcher that runs it every <c>Messaging:PollSeconds</c> (unless <c>Messaging:DispatcherEnabled</c> is false).
    /// </summary>
    public static WebApplicationBuilder AddPortalMessaging(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var settings = MessagingSettings.From(builder.Configuration, builder.Environment.ContentRootPath);
        var services = builder.Services;
        services.AddSingleton(settings);
        services.TryAddSingleton(TimeProvider.System);
        switch (settings.Sender)
        {
            case MessageSenderKind.Log:
                services.AddSingleton<IMessageSender, LogMessageSender>();
                break;
            case MessageSenderKind.Smtp:
                services.AddSingleton<IMessageSender, SmtpMessageSender>();
                break;
            case MessageSenderKind.Notify:
                services.AddSingleton<IMessageSender, NotifyMessageSender>();
                break;
            default:
                services.AddSingleton<IMessageSender, FolderMessageSender>();
                break;
        }

        services.AddSingleton<OutboxProcessor>();
        if (settings.DispatcherEnabled)
        {
            // Straight away again while full batches are due; on every instance, as each message is claimed by one sender.
            services.AddPeriodicJob(new PeriodicJob(
                OutboxProcessor.JobName,
                settings.PollInterval,
                async (provider, cancellationToken) => (await provider.GetRequiredService<OutboxProcessor>().ProcessDueAsync(cancellationToken)).MoreMayBeDue,
                OnEveryInstance: true));
        }

        return builder;
    }
}

public enum MessageSenderKind
{
    Folder,
    Log,
    Smtp,
    Notify,
}

public sealed record MessagingSettings(MessageSenderKind Sender, string Folder, TimeSpan PollInterval, bool DispatcherEnabled, int BatchSize, SmtpSettings? Smtp = null, int MaxAttempts = MessagingSettings.DefaultMaxAttempts, NotifySettings? Notify = null)
{
    public const string DefaultFolder = "data/outbox";

    /// <summary>With the retry delays doubling from 30 s to at most an hour, 10 attempts take about 4 hours.</summary>
    public const int DefaultMaxAttempts = 10;
    public const int DefaultPollSeconds = 5;
    public const int DefaultBatchSize = 20;

    /// <summary>Reads the <c>Messaging</c> section; a value that makes no sense stops the portal starting, with what to set.</summary>
    public static MessagingSettings From(IConfiguration configuration, string contentRootPath)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var section = configuration.GetSection("Messaging");
        var senderName = section["Sender"];
        var sender = senderName switch
        {
            null or "" => MessageSenderKind.Folder,
            _ when senderName.Equals("Folder", StringComparison.OrdinalIgnoreCase) => MessageSenderKind.Folder,
            _ when senderName.Equals("Log", StringComparison.OrdinalIgnoreCase) => MessageSenderKind.Log,
            _ when senderName.Equals("Smtp", StringComparison.OrdinalIgnoreCase) => MessageSenderKind.Smtp,
            _ when senderName.Equals("Notify", StringComparison.OrdinalIgnoreCase) => MessageSenderKind.Notify,
            _ => throw new InvalidOperationException(
                $"Messaging:Sender is '{senderName}'. Use 'Folder' (the default: writes .eml files into Messaging:Folder), 'Log' (logs that a message would have been sent), 'Smtp' (sends through the mail server in Messaging:Smtp) or 'Notify' (sends through GOV.UK Notify with Messaging:Notify)."),
        };

        var folder = section["Folder"];
        folder = Path.GetFullPath(Path.Combine(contentRootPath, string.IsNullOrWhiteSpace(folder) ? DefaultFolder : folder));
        var pollSeconds = Number(section, "PollSeconds", DefaultPollSeconds, min: 1, max: 3600);
        var batchSize = Number(section, "BatchSize", DefaultBatchSize, min: 1, max: 500);
        var maxAttempts = Number(section, "MaxAttempts", DefaultMaxAttempts, min: 1, max: 100);
        var enabledText = section["DispatcherEnabled"];
        bool dispatcherEnabled = true;
        if (!string.IsNullOrWhiteSpace(enabledText) && !bool.TryParse(enabledText, out dispatcherEnabled))
        {
            throw new InvalidOperationException($"Messaging:DispatcherEnabled is '{enabledText}'. Use 'true' (the default) or 'false'.");
        }

        var smtp = sender == MessageSenderKind.Smtp ? SmtpSettings.From(section.GetSection("Smtp")) : null;
        var notify = sender == MessageSenderKind.Notify ? NotifySettings.From(section.GetSection("Notify")) : null;
        return new MessagingSettings(sender, folder, TimeSpan.FromSeconds(pollSeconds), dispatcherEnabled, batchSize, smtp, maxAttempts, notify);
    }

    internal static int Number(IConfigurationSection section, string key, int defaultValue, int min, int max)
    {
        var text = section[key];
        if (string.IsNullOrWhiteSpace(text))
        {
            return defaultValue;
        }

        if (!int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) || value < min || value > max)
        {
            throw new InvalidOperationException($"{section.Path}:{key} is '{text}'. Use a whole number from {min} to {max} (the default is {defaultValue}).");
        }

        return value;
    }
}
