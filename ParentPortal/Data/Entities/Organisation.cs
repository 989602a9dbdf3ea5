namespace ParentPortal.Data.Entities;

/// <summary>The mediation provider that runs this portal. One provider serves many local authorities.</summary>
public sealed class Organisation
{
    public int Id { get; set; }

    public required string Name { get; set; }

    public required string HelplinePhone { get; set; }

    public required string HelplineHours { get; set; }

    public required string ContactEmail { get; set; }

    /// <summary>
    /// The advocacy service for minority ethnic families the service refers parents to when a racist incident is involved and
    /// they ask to be put in touch (seed 000); null until a manager sets it under Service settings.
    /// </summary>
    public string? AdvocacyServiceName { get; set; }

    public string? AdvocacyServiceEmail { get; set; }

    public string? AdvocacyServicePhone { get; set; }

    public List<LocalAuthority> LocalAuthorities { get; set; } = [];
}
