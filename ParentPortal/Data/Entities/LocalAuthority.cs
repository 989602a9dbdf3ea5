namespace ParentPortal.Data.Entities;

public sealed class LocalAuthority
{
    public int Id { get; set; }

    public int OrganisationId { get; set; }

    /// <summary>A short, stable code used in URLs and data exchange (e.g. "herts").</summary>
    public required string Code { get; set; }

    public required string Name { get; set; }

    public bool IsActive { get; set; } = true;

    public Organisation? Organisation { get; set; }
}
