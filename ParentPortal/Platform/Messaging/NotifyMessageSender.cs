using System.Globalization;
using System.Text.RegularExpressions;
using Notify.Client;
using Notify.Exceptions;
using ParentPortal.Data.Entities;

namespace ParentPortal.Platform.Messaging;

/// <summary>
/// <c>Messaging:Notify</c>: GOV.UK Notify. The API key (Notify's "key name, service id, secret" form), the e-mail template
/// every message uses unless its kind has its own (<c>Templates:{kind}</c>), each with the placeholders <c>((subject))</c>
/// and <c>((body))</c>, the API's address (Notify's own unless set), and the token Notify sends with its delivery
/// receipts. A setting that makes no sense stops the portal starting, naming the setting.
/// </summary>
public sealed partial record NotifySettings(string ApiKey, Uri BaseUrl, string EmailTemplateId, IReadOnlyDictionary<string, string> Templates, string? ReceiptToken)
{
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

        var templates = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var child in section.GetSection("Templates").GetChildren())
        {
            if (!Guid.TryParse(child.Value, out _))
            {
                throw new InvalidOperationException($"Messaging:Notify:Templates:{child.Key} is '{child.Value}'. Give a Notify template id.");
            }

            templates[child.Key] = child.Value!;
        }

        var token = section["ReceiptToken"];
        if (token is { Length: > 0 and < 32 })
        {
            throw new InvalidOperationException("Messaging:Notify:ReceiptToken is too short: use at least 32 random characters (Notify sends it with every delivery receipt).");
        }

        return new NotifySettings(key.Trim(), baseUrl, template!, templates, string.IsNullOrEmpty(token) ? null : token);
    }

    public string TemplateFor(string kind) => Templates.TryGetValue(kind, out var id) ? id : EmailTemplateId;

    [GeneratedRegex("^.+-[0-9a-fA-F-]{36}-[0-9a-fA-F-]{36}$")]
    private static partial Regex ApiKeyShape();
}

/// <summary>
/// Sends each message as an e-mail through GOV.UK Notify with its .NET client (<c>Messaging:Sender</c> = <c>Notify</c>):
/// the message's subject and body as the template's personalisation, and the outbox row's id as the reference, so each
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
        var personalisation = new Dictionary<string, dynamic>(StringComparer.Ordinal)
        {
            ["subject"] = message.Subject,
            ["body"] = message.Body,
        };
        try
        {
            var response = await _client.SendEmailAsync(message.ToAddress, _notify.TemplateFor(message.Kind), personalisation, message.Id.ToString("N"))
                .WaitAsync(cancellationToken);
            message.ProviderId = response.id;
        }
        catch (NotifyClientException refused) when (StatusOf(refused) == 400)
        {
            throw new PermanentDeliveryException("GOV.UK Notify refused the message (400): " + ErrorNames(refused.Message), refused);
        }
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
