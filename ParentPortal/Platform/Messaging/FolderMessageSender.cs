using ParentPortal.Domain.Messaging;
using ParentPortal.Platform.Hosting;
using System.Globalization;
using System.Text;
using ParentPortal.Data.Entities;

namespace ParentPortal.Platform.Messaging;

/// <summary>
/// Writes each message as an .eml file into a folder (<c>Messaging:Folder</c>): a mail server's pickup
/// directory, or a place to read what the portal would have sent. A file appears whole or not at all.
/// </summary>
public sealed class FolderMessageSender(MessagingSettings settings, TimeProvider clock, PublicAddress? links = null) : IMessageSender
{
    public const string FileExtension = ".eml";

    /// <summary>A text message or a letter is written as a .txt file, so a mail server picking up the folder never takes it for an e-mail.</summary>
    public const string OtherChannelExtension = ".txt";

    public async Task SendAsync(OutboxMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        Directory.CreateDirectory(settings.Folder);
        var finalPath = message.Channel == MessageChannel.Email ? PathFor(message.Id) : Path.ChangeExtension(PathFor(message.Id), OtherChannelExtension);
        // A hidden .tmp name in the same folder, so that nothing picks up a half-written file and the
        // move is a rename within one file system. A resend after a crash replaces the file.
        var tempPath = Path.Combine(settings.Folder, $".{message.Id:N}.{Guid.NewGuid():N}.tmp");
        var bytes = Encoding.UTF8.GetBytes(Format(message, clock.GetUtcNow(), MessageLinks.Unsubscribe(message, links)));
        try
        {
            await using (var stream = new FileStream(tempPath, FileMode.CreateNew, FileAccess.Write, FileShare.None, 4096, FileOptions.Asynchronous))
            {
                await stream.WriteAsync(bytes, cancellationToken);
                await stream.FlushAsync(cancellationToken);
                RandomAccess.FlushToDisk(stream.SafeFileHandle);
            }

            File.Move(tempPath, finalPath, overwrite: true);
        }
        finally
        {
            File.Delete(tempPath);
        }
    }

    /// <summary>The .eml files of these messages go (a mail server may already have picked them up: then there is nothing to remove).</summary>
    public Task ForgetAsync(IReadOnlyCollection<Guid> messageIds, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(messageIds);
        if (!Directory.Exists(settings.Folder))
        {
            return Task.CompletedTask;
        }

        foreach (var id in messageIds)
        {
            File.Delete(PathFor(id));
            File.Delete(Path.ChangeExtension(PathFor(id), OtherChannelExtension));
        }

        return Task.CompletedTask;
    }

    public string PathFor(Guid messageId) => Path.Combine(settings.Folder, messageId.ToString("N") + FileExtension);

    /// <summary>
    /// RFC 5322 headers and a plain-text body, CRLF line endings. Header values are written as UTF-8
    /// (RFC 6532) so that the file stays readable in any editor; line breaks are removed from them.
    /// </summary>
    public static string Format(OutboxMessage message, DateTimeOffset date, string? unsubscribe = null)
    {
        ArgumentNullException.ThrowIfNull(message);
        var text = new StringBuilder();
        if (message.Channel != MessageChannel.Email)
        {
            Header(text, "Channel", message.Channel == MessageChannel.Text ? "Text message" : "Letter");
            Header(text, "To", message.Channel == MessageChannel.Text ? message.ToAddress : string.Join(", ", new[] { message.ToName }.Concat(message.ToAddress.Split('\n')).OfType<string>()));
            Header(text, "Kind", message.Kind);
            text.Append("\r\n").Append((message.Channel == MessageChannel.Text ? message.ShortText ?? message.Body : message.Subject + "\r\n\r\n" + message.Body).ReplaceLineEndings("\r\n")).Append("\r\n");
            return text.ToString();
        }

        Header(text, "Message-ID", $"<{message.Id:N}@parentportal.invalid>");
        Header(text, "Date", date.ToUniversalTime().ToString("ddd, dd MMM yyyy HH:mm:ss '+0000'", CultureInfo.InvariantCulture));
        Header(text, "To", message.ToName is { Length: > 0 } name ? $"{Quote(name)} <{message.ToAddress}>" : message.ToAddress);
        Header(text, "Subject", message.Subject);
        Header(text, "MIME-Version", "1.0");
        Header(text, "X-Portal-Kind", message.Kind);
        if (unsubscribe is not null)
        {
            Header(text, "List-Unsubscribe", $"<{unsubscribe}>");
        }

        var body = message.Body.ReplaceLineEndings("\r\n");
        if (!body.EndsWith('\n'))
        {
            body += "\r\n";
        }

        if (message.AttachmentContent is null && message.AttachmentData is null)
        {
            Header(text, "Content-Type", "text/plain; charset=utf-8");
            Header(text, "Content-Transfer-Encoding", "8bit");
            text.Append("\r\n").Append(body);
            return text.ToString();
        }

        // multipart/mixed: the text, then the attachment (base64, so any content survives any mail system).
        var boundary = "=_portal_" + message.Id.ToString("N");
        Header(text, "Content-Type", $"multipart/mixed; boundary=\"{boundary}\"");
        text.Append("\r\n");
        text.Append("--").Append(boundary).Append("\r\n");
        Header(text, "Content-Type", "text/plain; charset=utf-8");
        Header(text, "Content-Transfer-Encoding", "8bit");
        text.Append("\r\n").Append(body);
        text.Append("--").Append(boundary).Append("\r\n");
        Header(text, "Content-Type", message.AttachmentData is null ? $"{message.AttachmentContentType ?? "text/plain"}; charset=utf-8" : message.AttachmentContentType ?? "application/octet-stream");
        Header(text, "Content-Disposition", $"attachment; filename=\"{OneLine(message.AttachmentName ?? "attachment").Replace("\"", "", StringComparison.Ordinal)}\"");
        Header(text, "Content-Transfer-Encoding", "base64");
        text.Append("\r\n");
        var encoded = Convert.ToBase64String(message.AttachmentData ?? Encoding.UTF8.GetBytes(message.AttachmentContent!));
        for (var i = 0; i < encoded.Length; i += 76)
        {
            text.Append(encoded.AsSpan(i, Math.Min(76, encoded.Length - i))).Append("\r\n");
        }

        text.Append("--").Append(boundary).Append("--\r\n");
        return text.ToString();
    }

    private static void Header(StringBuilder text, string name, string value) =>
        text.Append(name).Append(": ").Append(OneLine(value)).Append("\r\n");

    // Stops a value with a line break in it from adding headers of its own (header injection).
    private static string OneLine(string value) =>
        string.Concat(value.Select(c => char.IsControl(c) ? ' ' : c));

    private static string Quote(string name) =>
        "\"" + name.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal) + "\"";
}
