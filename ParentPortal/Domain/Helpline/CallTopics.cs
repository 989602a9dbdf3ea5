namespace ParentPortal.Domain.Helpline;

/// <summary>What a helpline call was about: the fixed list advisers choose from, stored by value, reported by label.</summary>
public static class CallTopics
{
    public static readonly IReadOnlyList<(string Value, string Label)> All =
    [
        ("ehc-assessment", "EHC needs assessment"),
        ("ehc-plan", "EHC plan contents or review"),
        ("school-placement", "School placement"),
        ("sen-support", "SEN support at school"),
        ("mediation", "Mediation or the certificate"),
        ("tribunal", "Tribunal appeal"),
        ("bullying", "Bullying"),
        ("exclusion", "Exclusion"),
        ("facilitation", "A meeting to chair"),
        ("other", "Something else"),
    ];
}
