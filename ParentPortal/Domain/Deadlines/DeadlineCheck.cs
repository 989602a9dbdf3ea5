namespace ParentPortal.Domain.Deadlines;

/// <summary>Whether something done on a given date met a deadline, with the deadline and an explanation.</summary>
public sealed record DeadlineCheck(bool IsMet, Deadline Deadline, string Explanation);
