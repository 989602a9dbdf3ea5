using System.Diagnostics.CodeAnalysis;

namespace ParentPortal.Domain.Deadlines;

/// <summary>Either the deadlines for a valid input, or the errors that name what to correct.</summary>
public sealed record DeadlineCalculation(IReadOnlyList<DeadlineInputError> Errors, DeadlineSet? Deadlines)
{
    [MemberNotNullWhen(true, nameof(Deadlines))]
    public bool IsValid => Errors.Count == 0 && Deadlines is not null;
}
