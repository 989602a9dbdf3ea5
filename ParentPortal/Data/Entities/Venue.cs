namespace ParentPortal.Data.Entities;

/// <summary>A place the service holds sessions, saved so staff need not type the address and access details each time.</summary>
public sealed class Venue
{
    public int Id { get; set; }

    public required string Name { get; set; }

    public required string Address { get; set; }

    public required string AccessInformation { get; set; }

    public int? LocalAuthorityId { get; set; }

    public LocalAuthority? LocalAuthority { get; set; }

    public bool IsActive { get; set; } = true;
}
