namespace ParentPortal.Domain.Messaging;

/// <summary>How a written message reaches a person (issue 15 item 2). Stored as its number: add new ones at the end.</summary>
public enum MessageChannel
{
    Email = 0,

    /// <summary>A short text message to a mobile: a reference and "sign in or call us", never the case's details.</summary>
    Text = 1,

    /// <summary>A printed letter posted to an address (GOV.UK Notify prints and posts it).</summary>
    Letter = 2,
}
