using ParentPortal.Domain.Deadlines;
using ParentPortal.Domain.Triage;
using ParentPortal.Platform.Calendar;

namespace ParentPortal.Platform.Settings;

/// <summary>Today's date in England, the local authorities served, and the deadline engine: what the questions depend on.</summary>
public sealed class TriageContextSource(ServiceDirectory services, WorkingDayCalendarSource calendars, TimeProvider clock)
{
    public async Task<TriageContext> GetAsync(CancellationToken cancellationToken = default)
    {
        var profile = await services.GetAsync(cancellationToken);
        return new TriageContext(clock.Today(), [.. profile.LocalAuthorities.Select(l => new Option(l.Code, l.Name) { IsName = true })]);
    }

    public ValueTask<DeadlineCalculator> CalculatorAsync(CancellationToken cancellationToken = default) => calendars.CalculatorAsync(cancellationToken);
}
