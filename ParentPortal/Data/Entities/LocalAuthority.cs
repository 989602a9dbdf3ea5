namespace ParentPortal.Data.Entities;

public sealed class LocalAuthority
{
    public int Id { get; set; }

    public int OrganisationId { get; set; }

    /// <summary>A short, stable code used in URLs and data exchange (e.g. "herts").</summary>
    public required string Code { get; set; }

    public required string Name { get; set; }

    public bool IsActive { get; set; } = true;

    /// <summary>
    /// The SEN team the service tells when a family chooses mediation (the local authority's 30 days to arrange it run from
    /// that day). Without an e-mail address, staff tell it some other way and record when.
    /// </summary>
    public string? SenTeamName { get; set; }

    public string? SenTeamEmail { get; set; }

    public string? SenTeamPhone { get; set; }

    /// <summary>The integrated care board's contact, told as well when the disagreement is about health or social care.</summary>
    public string? HealthContactName { get; set; }

    public string? HealthContactEmail { get; set; }

    public Organisation? Organisation { get; set; }
}
