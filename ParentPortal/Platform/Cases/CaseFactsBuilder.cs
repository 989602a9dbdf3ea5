using ParentPortal.Data.Entities;
using ParentPortal.Domain.Cases;
using ParentPortal.Platform.Calendar;

namespace ParentPortal.Platform.Cases;

/// <summary>Turns a stored case (and its meeting) into the facts the statutory clocks are worked out from.</summary>
public static class CaseFactsBuilder
{
    public static CaseFacts For(Application application, CaseProfile profile, CaseMeeting? meeting)
    {
        ArgumentNullException.ThrowIfNull(application);
        ArgumentNullException.ThrowIfNull(profile);
        return new CaseFacts(
            application.Route ?? "",
            application.Stage,
            profile.DecisionLetterSent,
            profile.Appealable,
            application.CertificateTriggeredOn,
            application.CertificateTrigger,
            application.CertificateIssuedOn,
            application.LaToldOfMediationOn,
            meeting is null ? null : UkDates.DateIn(meeting.StartsAt),
            meeting?.NoticeGivenOn,
            meeting?.ShortNoticeAgreed ?? false,
            application.MeetingHeldOn,
            profile.IsAnnualReview,
            CaseFile.MediationChosen(application),
            profile.HealthOrSocialCareIssues,
            application.HealthBodiesToldOn,
            profile.DraftPlanSentOn);
    }
}
