namespace ParentPortal.Data.Entities;

/// <summary>
/// An Independent Parental Supporter in the service's pool (seeds 002 and 003): a trained volunteer an adviser can assign to
/// a family who asks for one, who is then introduced by e-mail and invited to the family's meetings as their supporter.
/// They have no account: what they receive is what the family asked them to be part of.
/// </summary>
public sealed class IndependentSupporter
{
    public int Id { get; set; }

    public required string Name { get; set; }

    public required string Email { get; set; }

    public string? Phone { get; set; }

    /// <summary>Languages they can support a family in besides English, and where they can travel to, in the manager's words.</summary>
    public string? Notes { get; set; }

    public bool IsActive { get; set; } = true;
}
