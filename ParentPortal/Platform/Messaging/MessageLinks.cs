using ParentPortal.Data.Entities;
using ParentPortal.Domain.Messaging;
using ParentPortal.Platform.Hosting;

namespace ParentPortal.Platform.Messaging;

/// <summary>Links an e-mail carries in its headers.</summary>
public static class MessageLinks
{
    /// <summary>
    /// The <c>List-Unsubscribe</c> address (issue 15 item 5): only on an e-mail to a family that they can turn off (a reminder,
    /// the survey) about an application, and it opens the page where they turn such messages off after signing in. Legal and
    /// case messages have none: there is nothing to unsubscribe from. The address carries the application's id, never a name.
    /// </summary>
    public static string? Unsubscribe(OutboxMessage message, PublicAddress? links)
    {
        ArgumentNullException.ThrowIfNull(message);
        return links is not null && message.Channel == MessageChannel.Email && message.ToFamily && message.ApplicationId is { } id && MessageKinds.IsOptional(message.Kind)
            ? links.For($"/applications/{id}/contact-details")
            : null;
    }
}
