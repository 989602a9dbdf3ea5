namespace ParentPortal.Data.Entities;

/// <summary>The mediation provider that runs this portal. One provider serves many local authorities.</summary>
public sealed class Organisation
{
    public int Id { get; set; }

    public required string Name { get; set; }

    public required string HelplinePhone { get; set; }

    public required string HelplineHours { get; set; }

    public required string ContactEmail { get; set; }

    public List<LocalAuthority> LocalAuthorities { get; set; } = [];
}
