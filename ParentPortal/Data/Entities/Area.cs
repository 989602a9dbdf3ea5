namespace ParentPortal.Data.Entities;

/// <summary>A part of a local authority (a "quadrant") with its own helpline, for reporting calls and cases by area.</summary>
public sealed class Area
{
    public int Id { get; set; }

    public int LocalAuthorityId { get; set; }

    public LocalAuthority? LocalAuthority { get; set; }

    public required string Name { get; set; }

    public string? HelplinePhone { get; set; }

    public bool IsActive { get; set; } = true;
}
