using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Serialization;
using Microsoft.EntityFrameworkCore;
using ParentPortal.Data;

namespace ParentPortal.Platform.Messaging;

/// <summary>What GOV.UK Notify posts to the delivery receipt callback (the fields the portal reads).</summary>
public sealed record NotifyReceipt(
    [property: JsonPropertyName("id")] string? Id,
    [property: JsonPropertyName("reference")] string? Reference,
    [property: JsonPropertyName("status")] string? Status,
    [property: JsonPropertyName("completed_at")] DateTimeOffset? CompletedAt);

/// <summary>
/// Issue 15 item 3: GOV.UK Notify's delivery receipts, posted to <c>/messages/notify-receipts</c> with the bearer token
/// set in Notify's callback settings (<c>Messaging:Notify:ReceiptToken</c>), compared in fixed time; anything else gets
/// 401 and changes nothing. "delivered" marks the outbox row delivered; a permanent, temporary or technical failure
/// stops it and puts it on "Messages that could not be delivered". The row is found by the reference the sender set (its
/// id) and must carry Notify's id for it. Nothing personal is read or logged: Notify also sends the address, unused.
/// </summary>
public static class NotifyReceipts
{
    public const string Path = "/messages/notify-receipts";

    public static IEndpointRouteBuilder MapMessagingEndpoints(this IEndpointRouteBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.MapPost(Path, ReceiveAsync).AllowAnonymous().DisableAntiforgery();
        return app;
    }

    private static async Task<IResult> ReceiveAsync(HttpRequest request, NotifyReceipt? receipt, MessagingSettings settings, IDbContextFactory<PortalDbContext> contextFactory, TimeProvider clock, Hosting.PublicAddress links, CancellationToken cancellationToken)
    {
        if (settings.Notify?.ReceiptToken is not { } token || !Authorised(request, token))
        {
            return Results.Unauthorized();
        }

        if (receipt is not { Reference: { } reference, Id: { } providerId, Status: { } status } || !Guid.TryParseExact(reference, "N", out var messageId))
        {
            return Results.BadRequest();
        }

        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var message = await db.OutboxMessages.FirstOrDefaultAsync(m => m.Id == messageId && m.ProviderId == providerId, cancellationToken);
        if (message is null)
        {
            // Not ours (or erased since): Notify must not retry it for ever.
            return Results.NoContent();
        }

        var now = clock.GetUtcNow();
        switch (status)
        {
            case "delivered":
                message.DeliveredAt = receipt.CompletedAt ?? now;
                break;
            // A letter Notify could not print or post (a bad address, a file that failed its scan) fails the same way.
            case "permanent-failure" or "temporary-failure" or "technical-failure" or "validation-failed" or "virus-scan-failed":
                message.DeliveredAt = null;
                message.LastError = $"GOV.UK Notify could not deliver it ({status}).";
                if (message.GaveUpAt is null)
                {
                    message.GaveUpAt = now;
                    await StaffNotices.TellUndeliveredAsync(db, message, links, now, cancellationToken);
                }

                break;
            default:
                return Results.NoContent();
        }

        await db.SaveChangesAsync(cancellationToken);
        return Results.NoContent();
    }

    private static bool Authorised(HttpRequest request, string token)
    {
        var header = request.Headers.Authorization.ToString();
        const string bearer = "Bearer ";
        return header.StartsWith(bearer, StringComparison.Ordinal)
            && CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(header[bearer.Length..]), Encoding.UTF8.GetBytes(token));
    }
}
