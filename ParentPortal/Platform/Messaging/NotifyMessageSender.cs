using System.Globalization;
using System.Text.RegularExpressions;
using Notify.Client;
using Notify.Exceptions;
using ParentPortal.Data.Entities;
using ParentPortal.Domain.Messaging;

namespace ParentPortal.Platform.Messaging;

/// <summary>
/// <c>Messaging:Notify</c>: GOV.UK Notify. The API key (Notify's "key name, service id, secret" form), the e-mail template
/// every message uses unless its kind has its own (<c>Templates:{kind}</c>), each with the placeholders <c>((subject))</c>
/// and <c>((body))</c>, the API's address (Notify's own unless set), and the token Notify sends with its delivery
/// receipts. A setting that makes no sense stops the portal starting, naming the setting.
/// </summary>
public sealed partial record NotifySettings(string ApiKey, Uri BaseUrl, string EmailTemplateId, IReadOnlyDictionary<string, string> Templates, string? ReceiptToken)
{
    /// <summary>The text message template every text uses unless its kind has its own (<c>TextTemplates:{kind}</c>): <c>((body))</c>.</summary>
    public string TextTemplateId { get; init; } = "";

    /// <summary>The letter template (<c>LetterTemplates:{kind}</c> for a kind's own): <c>((subject))</c>, <c>((body))</c> and the address lines.</summary>
    public string LetterTemplateId { get; init; } = "";

    public IReadOnlyDictionary<string, string> TextTemplates { get; init; } = new Dictionary<string, string>();

    public IReadOnlyDictionary<string, string> LetterTemplates { get; init; } = new Dictionary<string, string>();

    public static readonly Uri NotifyApi = new("https://api.notifications.service.gov.uk/");

    public static NotifySettings From(IConfigurationSection section)
    {
        ArgumentNullException.ThrowIfNull(section);
        var key = section["ApiKey"];
        // "{key name}-{service id}-{secret}": two GUIDs at the end, as Notify issues them.
        if (string.IsNullOrWhiteSpace(key) || !ApiKeyShape().IsMatch(key))
        {
            throw new InvalidOperationException("Messaging:Notify:ApiKey is missing or not a GOV.UK Notify API key (its name, then the service id and the secret, as Notify shows it once when the key is made).");
        }

        var baseText = section["BaseUrl"];
        var baseUrl = NotifyApi;
        if (!string.IsNullOrWhiteSpace(baseText) && (!Uri.TryCreate(baseText, UriKind.Absolute, out baseUrl!) || baseUrl.Scheme is not ("https" or "http")))
        {
            throw new InvalidOperationException($"Messaging:Notify:BaseUrl is '{baseText}'. Leave it unset for GOV.UK Notify, or give an absolute http(s) address.");
        }

        var template = section["EmailTemplateId"];
        if (!Guid.TryParse(template, out _))
        {
            throw new InvalidOperationException($"Messaging:Notify:EmailTemplateId is '{template}'. Give the id of the Notify e-mail template with ((subject)) and ((body)) placeholders.");
        }

        var text = section["TextTemplateId"];
        if (!Guid.TryParse(text, out _))
        {
            throw new InvalidOperationException($"Messaging:Notify:TextTemplateId is '{text}'. Give the id of the Notify text message template with a ((body)) placeholder: families who asked for texts get every message that matters by text.");
        }

        var letter = section["LetterTemplateId"];
        if (!Guid.TryParse(letter, out _))
        {
            throw new InvalidOperationException($"Messaging:Notify:LetterTemplateId is '{letter}'. Give the id of the Notify letter template with ((subject)) and ((body)) placeholders: families who asked for letters get every message that matters by post.");
        }

        var token = section["ReceiptToken"];
        if (token is { Length: > 0 and < 32 })
        {
            throw new InvalidOperationException("Messaging:Notify:ReceiptToken is too short: use at least 32 random characters (Notify sends it with every delivery receipt).");
        }

        return new NotifySettings(key.Trim(), baseUrl, template!, Ids(section, "Templates"), string.IsNullOrEmpty(token) ? null : token)
        {
            TextTemplateId = text!,
            LetterTemplateId = letter!,
            TextTemplates = Ids(section, "TextTemplates"),
            LetterTemplates = Ids(section, "LetterTemplates"),
        };
    }

    /// <summary>The template for a message of this kind sent this way: its own when configured, else the channel's.</summary>
    public string TemplateFor(string kind, MessageChannel channel = MessageChannel.Email) => channel switch
    {
        MessageChannel.Text => TextTemplates.TryGetValue(kind, out var id) ? id : TextTemplateId,
        MessageChannel.Letter => LetterTemplates.TryGetValue(kind, out var id) ? id : LetterTemplateId,
        _ => Templates.TryGetValue(kind, out var id) ? id : EmailTemplateId,
    };

    private static Dictionary<string, string> Ids(IConfigurationSection section, string name)
    {
        var templates = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var child in section.GetSection(name).GetChildren())
        {
            if (!Guid.TryParse(child.Value, out _))
            {
                throw new InvalidOperationException($"Messaging:Notify:{name}:{child.Key} is '{child.Value}'. Give a Notify template id.");
            }

            templates[child.Key] = child.Value!;
        }

        return templates;
    }

    [GeneratedRegex("^.+-[0-9a-fA-F-]{36}-[0-9a-fA-F-]{36}$")]
    private static partial Regex ApiKeyShape();
}

/// <summary>
/// Sends each message through GOV.UK Notify with its .NET client (<c>Messaging:Sender</c> = <c>Notify</c>), the way the row
/// says: an e-mail with the message's subject and body as the template's personalisation, a text message with only its short
/// words, or a letter with the address lines, subject and body; and the outbox row's id as the reference, so each
/// delivery receipt finds its row (<see cref="NotifyReceipts"/>). Notify's id for it is kept on the row. A request Notify
/// refuses as bad (400: no such template, an address it cannot send to) is not tried again: it goes to the undelivered
/// list; a rate limit or a server error is retried by the outbox. Notify sends no attachments: a calendar file stays on
/// the row and the body carries the details.
/// </summary>
public sealed partial class NotifyMessageSender : IMessageSender
{
    private readonly NotificationClient _client;
    private readonly NotifySettings _notify;

    public NotifyMessageSender(MessagingSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        _notify = settings.Notify ?? throw new InvalidOperationException("Messaging:Sender is 'Notify' but there is no Messaging:Notify section.");
        _client = new NotificationClient(_notify.BaseUrl.ToString(), _notify.ApiKey);
    }

    public async Task SendAsync(OutboxMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        var reference = message.Id.ToString("N");
        var template = _notify.TemplateFor(message.Kind, message.Channel);
        try
        {
            message.ProviderId = message.Channel switch
            {
                // A text carries only the short words (a reference and "sign in or call us"), never the e-mail's body.
                MessageChannel.Text => (await _client.SendSmsAsync(message.ToAddress, template, Fields(("body", message.ShortText ?? "")), reference)
                    .WaitAsync(cancellationToken)).id,
                MessageChannel.Letter => (await _client.SendLetterAsync(template, Letter(message), reference).WaitAsync(cancellationToken)).id,
                _ => (await _client.SendEmailAsync(message.ToAddress, template, Fields(("subject", message.Subject), ("body", message.Body)), reference)
                    .WaitAsync(cancellationToken)).id,
            };
        }
        catch (NotifyClientException refused) when (StatusOf(refused) == 400)
        {
            throw new PermanentDeliveryException("GOV.UK Notify refused the message (400): " + ErrorNames(refused.Message), refused);
        }
    }

    private static Dictionary<string, dynamic> Fields(params (string Name, string Value)[] fields) =>
        fields.ToDictionary(f => f.Name, f => (dynamic)f.Value, StringComparer.Ordinal);

    /// <summary>
    /// A letter's personalisation: Notify takes the address as <c>address_line_1</c> to <c>address_line_7</c>, at least three
    /// lines, the last a postcode: the person's name first, then the lines they gave (the postcode last).
    /// </summary>
    private static Dictionary<string, dynamic> Letter(OutboxMessage message)
    {
        var lines = new[] { message.ToName ?? "The family" }.Concat(message.ToAddress.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)).Take(7).ToList();
        var fields = Fields(("subject", message.Subject), ("body", message.Body));
        for (var i = 0; i < lines.Count; i++)
        {
            fields[$"address_line_{i + 1}"] = lines[i];
        }

        return fields;
    }

    /// <summary>The HTTP status in the client's message ("Status code 400. The following errors occured [...]").</summary>
    private static int? StatusOf(NotifyClientException exception) =>
        StatusCode().Match(exception.Message) is { Success: true } match ? int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture) : null;

    /// <summary>Notify's error names only ("BadRequestError"), never its messages, which can quote what was sent.</summary>
    private static string ErrorNames(string text) =>
        string.Join(", ", ErrorName().Matches(text).Select(m => m.Groups[1].Value).Distinct(StringComparer.Ordinal)) is { Length: > 0 } names ? names : "no reason given";

    [GeneratedRegex(@"Status code (\d{3})")]
    private static partial Regex StatusCode();

    [GeneratedRegex(@"""error""\s*:\s*""([A-Za-z]+)""")]
    private static partial Regex ErrorName();
}
