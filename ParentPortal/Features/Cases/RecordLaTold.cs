using System.Security.Claims;
using ParentPortal.Domain.Cases;
using ParentPortal.Platform.Calendar;
using ParentPortal.Platform.Cases;

namespace ParentPortal.Features.Cases;

/// <summary>
/// Staff record the day they told the local authority that the family wants to try mediation, and how: the local
/// authority's 30 days to arrange it run from that day, not from the family's choice.
/// </summary>
public sealed class RecordLaToldHandler(CaseFiles cases, WorkingDayCalendarSource calendars)
{
    public Task<CaseChangeResult> HandleAsync(ClaimsPrincipal user, Guid caseId, DateOnly? on, NoticeMethod? how, CancellationToken cancellationToken = default) =>
        cases.ChangeAsync(user, caseId, can => can.RecordDecision, async (file, _) =>
        {
            if (file.MediationChosenOn is not { } chosen || file.Stage == CaseStage.Closed)
            {
                return CaseChangeResult.Refused("Record that the family wants to try mediation first: the local authority is told after that.");
            }

            if (file.Row.MeetingHeldOn is not null)
            {
                return CaseChangeResult.Refused("The mediation has already been held, so the local authority's 30 days no longer run.");
            }

            var (notice, errors) = NoticeGiven.Read(on, how, file.Today, chosen, "the local authority", "the family chose mediation", "la-told-");
            if (notice is null)
            {
                return new CaseChangeResult(false, errors);
            }

            var correcting = file.Row.LaToldOfMediationOn is not null;
            file.LocalAuthorityTold(notice);
            file.Record("la-told", $"The local authority was told {notice.Describe()} that the family wants to try mediation" + (correcting ? " (this corrects the earlier record)" : ""));
            var calculator = await calendars.CalculatorAsync(cancellationToken);
            return CaseChangeResult.Ok($"Recorded. The local authority has until {UkDates.LongDate(calculator.MediationHeldBy(notice.On).Date)} to arrange the mediation.");
        }, cancellationToken);
}
