using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace ParentPortal.Tests.TestSupport;

/// <summary>One e-mail the stand-in accepted, as the API would have queued it.</summary>
public sealed record NotifyEmail(string Id, string EmailAddress, string TemplateId, IReadOnlyDictionary<string, string?> Personalisation, string? Reference);

/// <summary>One text message the stand-in accepted.</summary>
public sealed record NotifyText(string Id, string PhoneNumber, string TemplateId, IReadOnlyDictionary<string, string?> Personalisation, string? Reference)
{
    /// <summary>The words the phone shows: the template's ((body)) filled in.</summary>
    public string Text => Personalisation.GetValueOrDefault("body") ?? "";
}

/// <summary>One letter the stand-in accepted, with its address lines in order.</summary>
public sealed record NotifyLetter(string Id, IReadOnlyList<string> AddressLines, string TemplateId, IReadOnlyDictionary<string, string?> Personalisation, string? Reference);

/// <summary>
/// A stand-in for GOV.UK Notify's API on a loopback port, for the real <c>GovukNotify</c> client: Notify is outside our
/// control and cannot run here. It checks what the real API checks, as its documentation gives it: the bearer JWT the
/// client signs (HS256 with the key's secret, <c>iss</c> the service id, <c>iat</c> within 30 seconds), a JSON body of the
/// documented shape with no other properties, a template it knows and every placeholder filled, a valid address; and it
/// answers as the API documents, with 201 and the notification, or the error list and status (400 BadRequestError or
/// ValidationError, 403 AuthError, 429 RateLimitError).
/// </summary>
public sealed class NotifyStandIn : IAsyncDisposable
{
    public static readonly Guid ServiceId = Guid.Parse("6f1c2b44-3d5e-4f7a-9b8c-0d1e2f3a4b5c");

    private static readonly Guid Secret = Guid.Parse("a9b8c7d6-e5f4-4321-8765-43210fedcba9");

    /// <summary>The generic e-mail template: <c>((subject))</c> and <c>((body))</c>.</summary>
    public static readonly string EmailTemplate = "0c2a7a5e-1b3d-4e6f-8a9b-1c2d3e4f5a6b";

    /// <summary>The text message template: <c>((body))</c>.</summary>
    public static readonly string TextTemplate = "1d3b8b6f-2c4e-4f70-9bac-2d3e4f5a6b7c";

    /// <summary>The letter template: <c>((subject))</c> and <c>((body))</c>, with the address lines every letter has.</summary>
    public static readonly string LetterTemplate = "2e4c9c70-3d5f-4081-8cbd-3e4f5a6b7c8d";

    private static readonly Dictionary<string, (string Type, string[] Placeholders)> Templates = new()
    {
        [EmailTemplate] = ("email", ["subject", "body"]),
        [TextTemplate] = ("sms", ["body"]),
        [LetterTemplate] = ("letter", ["subject", "body"]),
    };

    private static readonly HashSet<string> EmailProperties = ["email_address", "template_id", "personalisation", "reference", "email_reply_to_id", "one_click_unsubscribe_url"];

    private static readonly HashSet<string> TextProperties = ["phone_number", "template_id", "personalisation", "reference", "sms_sender_id"];

    private static readonly HashSet<string> LetterProperties = ["template_id", "personalisation", "reference"];

    private readonly WebApplication _app;

    private NotifyStandIn(WebApplication app, Uri baseUrl)
    {
        _app = app;
        BaseUrl = baseUrl;
    }

    public Uri BaseUrl { get; }

    /// <summary>The key as Notify shows it: its name, the service id, the secret.</summary>
    public static string ApiKey => $"portal_test-{ServiceId}-{Secret}";

    public ConcurrentQueue<NotifyEmail> Emails { get; } = new();

    public ConcurrentQueue<NotifyText> Texts { get; } = new();

    public ConcurrentQueue<NotifyLetter> Letters { get; } = new();

    /// <summary>Answer every request with 429, as the API does over its limit.</summary>
    public bool RateLimited { get; set; }

    public IReadOnlyDictionary<string, string?> Settings(string? receiptToken = null) => new Dictionary<string, string?>
    {
        ["Messaging:Sender"] = "Notify",
        ["Messaging:Notify:ApiKey"] = ApiKey,
        ["Messaging:Notify:BaseUrl"] = BaseUrl.ToString(),
        ["Messaging:Notify:EmailTemplateId"] = EmailTemplate,
        ["Messaging:Notify:TextTemplateId"] = TextTemplate,
        ["Messaging:Notify:LetterTemplateId"] = LetterTemplate,
        ["Messaging:Notify:ReceiptToken"] = receiptToken,
    };

    public static async Task<NotifyStandIn> StartAsync()
    {
        var port = PortalFactory.FreePort();
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls($"http://127.0.0.1:{port}");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var standIn = new NotifyStandIn(app, new Uri($"http://127.0.0.1:{port}/"));
        app.MapPost("/v2/notifications/email", request => standIn.NotificationAsync(request, "email"));
        app.MapPost("/v2/notifications/sms", request => standIn.NotificationAsync(request, "sms"));
        app.MapPost("/v2/notifications/letter", request => standIn.NotificationAsync(request, "letter"));
        await app.StartAsync();
        return standIn;
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();

    private async Task NotificationAsync(HttpContext context, string type)
    {
        var result = await AnswerAsync(context.Request, type);
        await result.ExecuteAsync(context);
    }

    private async Task<IResult> AnswerAsync(HttpRequest request, string type)
    {
        if (WhyNotAuthorised(request.Headers.Authorization.ToString()) is { } authError)
        {
            return Error(403, "AuthError", authError);
        }

        if (RateLimited)
        {
            return Error(429, "RateLimitError", "Exceeded rate limit for key type LIVE of 3000 requests per 60 seconds");
        }

        JsonObject body;
        try
        {
            body = JsonNode.Parse(await new StreamReader(request.Body).ReadToEndAsync()) as JsonObject ?? throw new JsonException();
        }
        catch (JsonException)
        {
            return Error(400, "BadRequestError", "Invalid JSON supplied in POST data");
        }

        var allowed = type switch { "sms" => TextProperties, "letter" => LetterProperties, _ => EmailProperties };
        if (body.Select(p => p.Key).FirstOrDefault(k => !allowed.Contains(k)) is { } extra)
        {
            return Error(400, "ValidationError", $"Additional properties are not allowed ({extra} was unexpected)");
        }

        string? address = null;
        if (type == "email" && (Text(body, "email_address") is not { } email || !email.Contains('@', StringComparison.Ordinal) || email.Contains(' ', StringComparison.Ordinal)))
        {
            return Error(400, "ValidationError", "email_address Not a valid email address");
        }

        if (type == "sms" && (address = PhoneError(Text(body, "phone_number"))) is not null)
        {
            return Error(400, "ValidationError", "phone_number " + address);
        }

        if (Text(body, "template_id") is not { } template || !Guid.TryParse(template, out _))
        {
            return Error(400, "ValidationError", "template_id is not a valid UUID");
        }

        if (!Templates.TryGetValue(template, out var known))
        {
            return Error(400, "BadRequestError", "Template not found");
        }

        if (known.Type != type)
        {
            return Error(400, "BadRequestError", $"{type} template is not suitable for {known.Type} notification");
        }

        var personalisation = (body["personalisation"] as JsonObject ?? []).ToDictionary(p => p.Key, p => p.Value?.ToString(), StringComparer.Ordinal);
        var required = type == "letter" ? known.Placeholders.Concat(["address_line_1", "address_line_2", "address_line_3"]) : known.Placeholders;
        if (required.Where(p => !personalisation.ContainsKey(p)).ToList() is { Count: > 0 } missing)
        {
            return Error(400, type == "letter" ? "ValidationError" : "BadRequestError", type == "letter" ? "Address must be at least 3 lines" : "Missing personalisation: " + string.Join(", ", missing));
        }

        var lines = Enumerable.Range(1, 7).Select(i => personalisation.GetValueOrDefault($"address_line_{i}")).TakeWhile(l => !string.IsNullOrWhiteSpace(l)).Select(l => l!).ToList();
        if (type == "letter" && !LooksLikePostcode(lines[^1]))
        {
            return Error(400, "ValidationError", "Last line of address must be a real UK postcode or another country");
        }

        if (type == "sms" && personalisation["body"] is { Length: > 918 })
        {
            return Error(400, "BadRequestError", "Text messages cannot be longer than 918 characters");
        }

        var id = Guid.NewGuid().ToString();
        var reference = Text(body, "reference");
        switch (type)
        {
            case "sms":
                Texts.Enqueue(new NotifyText(id, Text(body, "phone_number")!, template, personalisation, reference));
                return Results.Json(new
                {
                    id,
                    reference,
                    content = new { body = personalisation["body"], from_number = "GOVUK" },
                    uri = $"{BaseUrl}v2/notifications/{id}",
                    template = new { id = template, version = 1, uri = $"{BaseUrl}v2/template/{template}" },
                }, statusCode: 201);
            case "letter":
                Letters.Enqueue(new NotifyLetter(id, lines, template, personalisation, reference));
                return Results.Json(new
                {
                    id,
                    reference,
                    content = new { subject = personalisation["subject"], body = personalisation["body"] },
                    uri = $"{BaseUrl}v2/notifications/{id}",
                    template = new { id = template, version = 1, uri = $"{BaseUrl}v2/template/{template}" },
                    scheduled_for = (string?)null,
                }, statusCode: 201);
            default:
                Emails.Enqueue(new NotifyEmail(id, Text(body, "email_address")!, template, personalisation, reference));
                return Results.Json(new
                {
                    id,
                    reference,
                    content = new { subject = personalisation["subject"], body = personalisation["body"], from_email = "service@notifications.service.gov.uk" },
                    uri = $"{BaseUrl}v2/notifications/{id}",
                    template = new { id = template, version = 1, uri = $"{BaseUrl}v2/template/{template}" },
                }, statusCode: 201);
        }
    }

    /// <summary>Notify's own words for a number it cannot text: a UK mobile (07..., +447...), or international with its country code.</summary>
    private static string? PhoneError(string? number)
    {
        if (string.IsNullOrWhiteSpace(number))
        {
            return "Not a valid phone number";
        }

        var digits = new string([.. number.Where(char.IsAsciiDigit)]);
        if (number.Any(c => !char.IsAsciiDigit(c) && c is not (' ' or '+' or '(' or ')' or '-')))
        {
            return "Must not contain letters or symbols";
        }

        if (number.TrimStart().StartsWith('+') && !digits.StartsWith("44", StringComparison.Ordinal))
        {
            return digits.Length is >= 8 and <= 15 ? null : "Not a valid international number";
        }

        var national = digits.StartsWith("44", StringComparison.Ordinal) ? digits[2..] : digits.TrimStart('0');
        return national.Length != 10 ? (national.Length < 10 ? "Not enough digits" : "Too many digits")
            : national[0] != '7' ? "Not a UK mobile number"
            : null;
    }

    private static bool LooksLikePostcode(string line) =>
        System.Text.RegularExpressions.Regex.IsMatch(line.Replace(" ", "", StringComparison.Ordinal).ToUpperInvariant(), "^[A-Z]{1,2}[0-9][A-Z0-9]?[0-9][A-Z]{2}$");

    /// <summary>Null when the token is Notify's: HS256, signed with the secret, for this service, issued in the last 30 seconds.</summary>
    private static string? WhyNotAuthorised(string header)
    {
        const string bearer = "Bearer ";
        if (!header.StartsWith(bearer, StringComparison.Ordinal))
        {
            return "Unauthorized: authentication token must be provided";
        }

        var parts = header[bearer.Length..].Split('.');
        if (parts.Length != 3)
        {
            return "Invalid token: signature, api token not found";
        }

        try
        {
            var head = JsonNode.Parse(Base64Url(parts[0]))!;
            var claims = JsonNode.Parse(Base64Url(parts[1]))!;
            var signature = HMACSHA256.HashData(Encoding.UTF8.GetBytes(Secret.ToString()), Encoding.ASCII.GetBytes(parts[0] + "." + parts[1]));
            if ((string?)head["alg"] != "HS256" || !CryptographicOperations.FixedTimeEquals(signature, Base64Url(parts[2])))
            {
                return "Invalid token: signature, api token not found";
            }

            if ((string?)claims["iss"] != ServiceId.ToString())
            {
                return "Invalid token: service not found";
            }

            // Seconds since 1970: the .NET client writes them as a number with a fraction ("1796590690.0").
            var issuedAt = DateTimeOffset.FromUnixTimeSeconds((long)Math.Round(claims["iat"]!.GetValue<double>()));
            return (DateTimeOffset.UtcNow - issuedAt).Duration() > TimeSpan.FromSeconds(30) ? "Error: Your system clock must be accurate to within 30 seconds" : null;
        }
        catch (Exception e) when (e is JsonException or FormatException or InvalidOperationException or NullReferenceException)
        {
            return "Invalid token: signature, api token not found";
        }
    }

    private static byte[] Base64Url(string part)
    {
        var text = part.Replace('-', '+').Replace('_', '/');
        return Convert.FromBase64String(text.PadRight(text.Length + ((4 - (text.Length % 4)) % 4), '='));
    }

    private static string? Text(JsonObject body, string name) => body[name] is JsonValue value && value.TryGetValue<string>(out var text) ? text : null;

    private static IResult Error(int status, string error, string message) =>
        Results.Json(new { errors = new[] { new { error, message } }, status_code = status }, statusCode: status);
}
