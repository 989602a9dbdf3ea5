using ParentPortal.Domain.Calendar;
using ParentPortal.Domain.Cases;

namespace ParentPortal.Domain.Privacy;

public enum ErasureHoldKind
{
    /// <summary>A case that has not closed: never erased.</summary>
    OpenCase,

    /// <summary>The family may still appeal to the tribunal, and the certificate is part of that appeal: never erased.</summary>
    AppealWindow,

    /// <summary>Documents issued within their retention period: erased only with a manager's override reason.</summary>
    RecentDocuments,
}

/// <summary>Why a family's records cannot be erased yet, in words a manager can act on.</summary>
public sealed record ErasureHold(ErasureHoldKind Kind, string Reference, string Message)
{
    public bool CanBeOverridden => Kind == ErasureHoldKind.RecentDocuments;
}

/// <summary>
/// What decides whether one of the family's cases may be erased today. <paramref name="AppealDeadline"/> is the
/// tribunal deadline worked out by the deadline rules (null when the case has none);
/// <paramref name="LatestDocumentIssuedOn"/> the most recent document still in force (null when none).
/// </summary>
public sealed record ErasureCaseFacts(string Reference, CaseStage Stage, DateOnly? AppealDeadline, DateOnly? LatestDocumentIssuedOn);

/// <summary>
/// The legal holds on erasing a family's records. The right to erasure (UK GDPR Article 17) does not apply
/// where the records are needed to establish, exercise or defend legal claims (Article 17(3)(e)):
/// <list type="bullet">
/// <item>An open case is live work: it is closed first (a hard hold).</item>
/// <item>Until the tribunal appeal deadline (HESC rule 20) has passed, the family may still appeal and the
/// certificate is their evidence of mediation advice; erasing it could cost them the appeal (a hard hold).</item>
/// <item>Certificates and signed agreements are what the service certified and what the local authority
/// agreed to do; they are kept for the retention period in case of a late appeal, a complaint or a dispute
/// about the agreement. A manager may override this with a recorded reason, for example when the data
/// protection officer has confirmed no claim is in prospect (a soft hold).</item>
/// </list>
/// </summary>
public static class ErasureHolds
{
    public static IReadOnlyList<ErasureHold> For(IEnumerable<ErasureCaseFacts> cases, DateOnly today, DateOnly documentsHeldIfIssuedAfter)
    {
        ArgumentNullException.ThrowIfNull(cases);
        var holds = new List<ErasureHold>();
        foreach (var c in cases.OrderBy(c => c.Reference, StringComparer.Ordinal))
        {
            if (c.Stage != CaseStage.Closed)
            {
                holds.Add(new(ErasureHoldKind.OpenCase, c.Reference,
                    $"Case {c.Reference} is still open (\"{CaseWorkflow.Describe(c.Stage)}\"). Close the case before erasing the family's records."));
                continue;
            }

            if (c.AppealDeadline is { } deadline && deadline >= today)
            {
                holds.Add(new(ErasureHoldKind.AppealWindow, c.Reference,
                    $"The family can appeal to the tribunal about case {c.Reference} until {DateText.Long(deadline)}, and their certificate is evidence for that appeal. " +
                    $"Their records can be erased from {DateText.Long(deadline.AddDays(1))}."));
            }

            if (c.LatestDocumentIssuedOn is { } issued && issued > documentsHeldIfIssuedAfter)
            {
                holds.Add(new(ErasureHoldKind.RecentDocuments, c.Reference,
                    $"Case {c.Reference} has documents issued on or after {DateText.Long(documentsHeldIfIssuedAfter.AddDays(1))} (the latest on {DateText.Long(issued)}), which are kept for their retention period as evidence of what was certified or agreed."));
            }
        }

        return holds;
    }
}
