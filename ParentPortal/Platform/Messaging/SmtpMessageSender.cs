using ParentPortal.Domain.Messaging;
using ParentPortal.Platform.Hosting;
using System.Net;
using System.Text;
using MailKit.Net.Smtp;
using MailKit.Security;
using MimeKit;
using MimeKit.Text;
using ParentPortal.Data.Entities;

namespace ParentPortal.Platform.Messaging;

/// <summary>How the portal talks to its mail server.</summary>
public enum SmtpSecurity
{
    /// <summary>Plain connection upgraded with STARTTLS, which the server must offer (port 587, the default).</summary>
    StartTls,

    /// <summary>TLS from the first byte (port 465).</summary>
    SslOnConnect,

    /// <summary>No encryption: only to a mail server on this machine (a local relay, or the tests' own server).</summary>
    None,
}

/// <summary>
/// <c>Messaging:Smtp</c>: the organisation's own mail server. Host and From are required; a user name needs a password.
/// A setting that makes no sense stops the portal starting, naming the setting.
/// </summary>
public sealed record SmtpSettings(string Host, int Port, SmtpSecurity Security, string? UserName, string? Password, string FromAddress, string? FromName)
{
    public static SmtpSettings From(IConfigurationSection section)
    {
        ArgumentNullException.ThrowIfNull(section);
        var host = section["Host"];
        if (string.IsNullOrWhiteSpace(host))
        {
            throw new InvalidOperationException("Messaging:Smtp:Host is not set. Give the mail server's host name (Messaging:Sender is 'Smtp').");
        }

        var securityText = section["Security"];
        SmtpSecurity security;
        if (string.IsNullOrWhiteSpace(securityText))
        {
            security = SmtpSecurity.StartTls;
        }
        else if (!Enum.TryParse(securityText, ignoreCase: true, out security) || !Enum.IsDefined(security))
        {
            throw new InvalidOperationException($"Messaging:Smtp:Security is '{securityText}'. Use 'StartTls' (the default), 'SslOnConnect' or 'None' (only for a mail server on this machine).");
        }

        if (security == SmtpSecurity.None && !IsThisMachine(host))
        {
            throw new InvalidOperationException($"Messaging:Smtp:Security is 'None' for {host}. Messages carry personal data: use 'StartTls' or 'SslOnConnect' for a mail server on another machine.");
        }

        var port = MessagingSettings.Number(section, "Port", security == SmtpSecurity.SslOnConnect ? 465 : 587, min: 1, max: 65535);
        var user = string.IsNullOrWhiteSpace(section["UserName"]) ? null : section["UserName"];
        var password = string.IsNullOrEmpty(section["Password"]) ? null : section["Password"];
        if ((user is null) != (password is null))
        {
            throw new InvalidOperationException("Messaging:Smtp:UserName and Messaging:Smtp:Password go together: set both (to sign in to the mail server) or neither.");
        }

        var from = section["From"];
        if (string.IsNullOrWhiteSpace(from) || !MailboxAddress.TryParse(from, out var parsed) || !parsed.Address.Contains('@', StringComparison.Ordinal))
        {
            throw new InvalidOperationException($"Messaging:Smtp:From is '{from}'. Give the address the portal sends from, for example 'no-reply@mediation.example.org'.");
        }

        return new SmtpSettings(host.Trim(), port, security, user, password, parsed.Address, string.IsNullOrWhiteSpace(section["FromName"]) ? null : section["FromName"]!.Trim());
    }

    private static bool IsThisMachine(string host) =>
        host.Equals("localhost", StringComparison.OrdinalIgnoreCase) || (IPAddress.TryParse(host, out var address) && IPAddress.IsLoopback(address));
}

/// <summary>
/// Sends each message through the organisation's mail server with MailKit (<c>Messaging:Sender</c> = <c>Smtp</c>): a plain
/// text part in UTF-8, names and subjects encoded as RFC 2047 needs (a name such as "Siân O'Brien-Núñez" arrives as
/// written), and the attachment (a calendar file, a PDF) in base64. The Message-ID is the outbox row's, so a message sent
/// again after a crash is recognisably the same one. A failure throws, and the outbox retries it; the exception's text
/// goes through <see cref="OutboxProcessor.DescribeFailure"/>, which takes addresses out. Nothing is logged here.
/// </summary>
public sealed class SmtpMessageSender(MessagingSettings settings, TimeProvider clock, PublicAddress? links = null) : IMessageSender
{
    private readonly SmtpSettings _smtp = settings.Smtp ?? throw new InvalidOperationException("Messaging:Sender is 'Smtp' but there is no Messaging:Smtp section.");

    public async Task SendAsync(OutboxMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (message.Channel != MessageChannel.Email)
        {
            // Never dropped in silence: it waits on "Messages that could not be delivered" for staff to phone or post instead.
            throw new PermanentDeliveryException($"A mail server cannot send a {(message.Channel == MessageChannel.Text ? "text message" : "letter")}: set Messaging:Sender to Notify to send them.");
        }

        using var mime = Compose(message, _smtp, clock.GetUtcNow(), MessageLinks.Unsubscribe(message, links));
        using var client = new SmtpClient();
        await client.ConnectAsync(_smtp.Host, _smtp.Port, _smtp.Security switch
        {
            SmtpSecurity.SslOnConnect => SecureSocketOptions.SslOnConnect,
            SmtpSecurity.None => SecureSocketOptions.None,
            _ => SecureSocketOptions.StartTls,
        }, cancellationToken);
        if (_smtp.UserName is not null)
        {
            await client.AuthenticateAsync(_smtp.UserName, _smtp.Password ?? "", cancellationToken);
        }

        try
        {
            await client.SendAsync(mime, cancellationToken);
        }
        catch (SmtpCommandException refused) when (refused.ErrorCode == SmtpErrorCode.RecipientNotAccepted && (int)refused.StatusCode is >= 500 and < 600)
        {
            // A 5xx answer to the address (no such mailbox) will not change by trying again: say so without the address.
            throw new PermanentDeliveryException($"The mail server refused the address for good ({(int)refused.StatusCode}).", refused);
        }

        await client.DisconnectAsync(quit: true, cancellationToken);
    }

    /// <summary>The MIME message for an outbox row, as it goes to the mail server.</summary>
    public static MimeMessage Compose(OutboxMessage message, SmtpSettings smtp, DateTimeOffset date, string? unsubscribe = null)
    {
        ArgumentNullException.ThrowIfNull(message);
        ArgumentNullException.ThrowIfNull(smtp);
        var mime = new MimeMessage();
        mime.From.Add(new MailboxAddress(smtp.FromName, smtp.FromAddress));
        mime.To.Add(new MailboxAddress(message.ToName, message.ToAddress));
        mime.Subject = message.Subject;
        mime.Date = date;
        mime.MessageId = $"{message.Id:N}@{smtp.FromAddress[(smtp.FromAddress.LastIndexOf('@') + 1)..]}";
        mime.Headers.Add("X-Portal-Kind", message.Kind);
        if (unsubscribe is not null)
        {
            // RFC 2369: only on the messages a family can turn off; the page where they do (after signing in).
            mime.Headers.Add("List-Unsubscribe", $"<{unsubscribe}>");
        }

        var text = new TextPart(TextFormat.Plain);
        text.SetText(Encoding.UTF8, message.Body.ReplaceLineEndings("\r\n"));
        if (message.AttachmentContent is null && message.AttachmentData is null)
        {
            mime.Body = text;
            return mime;
        }

        var contentType = ContentType.Parse(message.AttachmentContentType ?? (message.AttachmentData is null ? "text/plain" : "application/octet-stream"));
        var bytes = message.AttachmentData ?? Encoding.UTF8.GetBytes(message.AttachmentContent!);
        if (message.AttachmentData is null)
        {
            contentType.Charset = "utf-8";
        }

        var attachment = new MimePart(contentType)
        {
            Content = new MimeContent(new MemoryStream(bytes)),
            ContentDisposition = new ContentDisposition(ContentDisposition.Attachment),
            ContentTransferEncoding = ContentEncoding.Base64,
            FileName = message.AttachmentName ?? "attachment",
        };
        mime.Body = new Multipart("mixed") { text, attachment };
        return mime;
    }
}
