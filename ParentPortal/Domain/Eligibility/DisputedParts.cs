namespace ParentPortal.Domain.Eligibility;

/// <summary>The parts of an EHC plan in dispute.</summary>
[Flags]
public enum DisputedParts
{
    None = 0,

    /// <summary>Special educational needs.</summary>
    SectionB = 1,

    /// <summary>Special educational provision.</summary>
    SectionF = 2,

    /// <summary>The school or other institution, or type, named; or that none is named.</summary>
    SectionI = 4,

    Health = 8,
    SocialCare = 16,
}
