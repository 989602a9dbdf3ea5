using ParentPortal.Data.Entities;
using ParentPortal.Domain.Cases;
using ParentPortal.Domain.Deadlines;

namespace ParentPortal.Features.Cases;

/// <summary>
/// What a decision about mediation starts. Trying mediation: the local authority is told, and its 30
/// days to arrange it begin. Only the certificate: the adviser's 3 working days to issue it begin.
/// </summary>
public static class CaseTriggers
{
    public static void ApplyChoice(Application application, SessionChoice choice, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(application);
        var day = Service.UkDates.DateIn(at);
        application.MediationChoice = choice;
        application.MediationChoiceAt = at;
        application.InformationGivenOn ??= day;
        if (choice == SessionChoice.TryMediation)
        {
            application.LaToldOfMediationOn ??= day;
            if (CaseWorkflow.CanMove(application.Route, application.Stage, CaseStage.MediationBeingArranged))
            {
                application.Stage = CaseStage.MediationBeingArranged;
            }
        }
        else
        {
            application.CertificateTriggeredOn = day;
            application.CertificateTrigger = CertificateTrigger.NotPursuingMediation;
            if (application.Stage == CaseStage.New)
            {
                application.Stage = CaseStage.InformationGiven;
            }
        }
    }
}
