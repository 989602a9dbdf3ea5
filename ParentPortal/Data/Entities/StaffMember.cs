namespace ParentPortal.Data.Entities;

/// <summary>
/// A member of staff. Roles live here, against the provider's subject, rather than in the provider's
/// tokens: every provider sends roles differently (or not at all), and the service manager owns them.
/// </summary>
public sealed class StaffMember
{
    public int Id { get; set; }

    public required string Subject { get; set; }

    public required string DisplayName { get; set; }

    public string? Email { get; set; }

    public bool IsActive { get; set; } = true;

    /// <summary>Whether they want the daily digest of what needs them (issue 15 item 4); their own choice, on until they turn it off.</summary>
    public bool DailyDigest { get; set; } = true;

    /// <summary>Whether they want to be e-mailed as things happen on their work (<see cref="Platform.Messaging.StaffNotices"/>); off until they turn it on.</summary>
    public bool ImmediateNotices { get; set; }

    /// <summary>Their mobile, as a text message service takes it (+447700900123), when they want those notices by text (issue 15 item 2).</summary>
    public string? Mobile { get; set; }

    /// <summary>For local authority officers: the authority they act for.</summary>
    public int? LocalAuthorityId { get; set; }

    public LocalAuthority? LocalAuthority { get; set; }

    public List<StaffRole> Roles { get; set; } = [];
}

public sealed class StaffRole
{
    public int StaffMemberId { get; set; }

    public required string Role { get; set; }
}
