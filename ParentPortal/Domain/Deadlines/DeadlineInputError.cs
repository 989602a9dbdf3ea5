namespace ParentPortal.Domain.Deadlines;

/// <param name="Parameter">One of <see cref="DeadlineParameters"/>.</param>
/// <param name="Message">A GOV.UK-style message to show next to that field.</param>
public sealed record DeadlineInputError(string Parameter, string Message);
