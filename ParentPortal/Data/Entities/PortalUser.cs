namespace ParentPortal.Data.Entities;

/// <summary>Someone who has signed in through the OpenID provider, keyed by the provider's subject.</summary>
public sealed class PortalUser
{
    public Guid Id { get; set; }

    public required string Subject { get; set; }

    public string? DisplayName { get; set; }

    public string? Email { get; set; }

    public DateTimeOffset FirstSignedInAt { get; set; }

    public DateTimeOffset LastSignedInAt { get; set; }

    /// <summary>When they last signed out: a tab still open from a sign-in before this is signed out too.</summary>
    public DateTimeOffset? SignedOutAt { get; set; }
}
