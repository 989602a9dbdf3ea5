using Microsoft.EntityFrameworkCore;
using ParentPortal.Domain.Cases;
using ParentPortal.Domain.Deadlines;
using ParentPortal.Domain.Eligibility;
using ParentPortal.Domain.Privacy;
using ParentPortal.Domain.Triage;
using ParentPortal.Platform.Calendar;
using ParentPortal.Platform.Messaging;

namespace ParentPortal.Platform.Cases;

/// <summary>What the portal did to tell the local authority (and the health contact) that the family wants mediation.</summary>
/// <param name="MediationBy">The local authority's 30 days, from the day it was told.</param>
public sealed record LocalAuthorityNotice(DateOnly On, Deadline MediationBy, bool HealthContactTold);

/// <summary>Telling the local authority, in the case's one home: the notice goes through the outbox in the change's transaction.</summary>
public sealed partial class CaseFile
{
    /// <summary>
    /// The family has just chosen mediation about an SEN decision: the local authority's SEN team is e-mailed through the
    /// outbox, with only what the family agreed it may see (<see cref="PartyView"/>) and a link to the case, and its 30
    /// days run from today, recorded on the case; when the disagreement is about health or social care, the health contact
    /// (the integrated care board) is told too, with the reference and no names. Null, sending nothing, when there is
    /// nothing to tell or nobody to tell it to (no SEN team address under Service settings): staff then tell the local
    /// authority another way and record when.
    /// </summary>
    /// <param name="caseLink">The case page's public address, for the local authority's officers.</param>
    public async Task<LocalAuthorityNotice?> TellLocalAuthorityAsync(DeadlineCalculator calculator, string caseLink, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(calculator);
        RefreshSharing();
        if (Route != AnswerKeys.Sen || MediationChosenOn is null || Row.LaToldOfMediationOn is not null || Row.LocalAuthorityView == PartyView.Nothing
            || Row.LocalAuthorityId is not { } laId)
        {
            return null;
        }

        var authority = await Db.LocalAuthorities.AsNoTracking().FirstOrDefaultAsync(l => l.Id == laId, cancellationToken);
        if (authority?.SenTeamEmail is not { } senTeam)
        {
            return null;
        }

        var profile = Profile;
        var mediationBy = calculator.MediationHeldBy(Today);
        var decision = profile.SenDecision is { } d ? SenEligibility.Describe(d) : "a decision about special educational needs";
        var who = profile.ChildName is { } child ? $"{profile.FamilyName ?? "A family"}, for {child}," : $"{profile.FamilyName ?? "A young person"}";
        var letter = profile.DecisionLetterSent is { } sent ? $" (the decision letter was sent on {UkDates.LongDate(sent)})" : "";
        var what = Row.LocalAuthorityView == PartyView.Everything
            ? "The family agreed to share their application with you: you can read it on the case page."
            : Sharing.ContactLocalAuthority && Sharing.Share == ShareChoice.Summary
                ? "The family agreed to share only that they asked for help, and what kind: the case page shows that and the key dates."
                : "The law requires us to tell you, so that you can arrange the mediation. The family has not agreed to share more: the case page shows who asked, the decision and the key dates.";
        var body = $"""
            {who} wants to try mediation about {decision}{letter}.

            Our reference: {Reference}.

            Your 30 days to arrange the mediation run from today, {UkDates.LongDate(Today)}: by {UkDates.LongDate(mediationBy.Date)}.

            {what}

            Open the case (sign in with your local authority account): {caseLink}
            """;
        await OutboxWriter.EnqueueAsync(Db, new OutgoingMessage
        {
            Kind = "la-mediation-chosen",
            ToAddress = senTeam,
            ToName = authority.SenTeamName,
            Subject = $"Mediation requested: {Reference}",
            Body = body,
            CorrelationKey = $"la-mediation:{Row.Id}:{Row.MediationChoiceAt?.ToUnixTimeMilliseconds()}",
            About = MessageAbout.Application(Row, toFamily: false),
        }, Now, cancellationToken);
        LocalAuthorityTold(new NoticeGiven(Today, NoticeMethod.Email));
        Record("la-told", $"The local authority's SEN team was e-mailed on {UkDates.LongDate(Today)} that the family wants to try mediation: its 30 days run from that day");

        var healthTold = false;
        if (profile.HealthOrSocialCareIssues && authority.HealthContactEmail is { } health)
        {
            var senTeamName = authority.SenTeamName ?? "the local authority's SEN team";
            var senTeamPhone = authority.SenTeamPhone is null ? "" : " on " + authority.SenTeamPhone;
            await OutboxWriter.EnqueueAsync(Db, new OutgoingMessage
            {
                Kind = "health-mediation-chosen",
                ToAddress = health,
                ToName = authority.HealthContactName,
                Subject = $"Mediation with health or social care issues: {Reference}",
                Body = $"""
                    A family in {authority.Name} wants to try mediation about {decision}, and the disagreement includes health or social care needs or provision.

                    Our reference: {Reference}. {authority.Name}'s SEN team was told today, {UkDates.LongDate(Today)}, and has 30 days to arrange the mediation.

                    For the family's details, contact {senTeamName}{senTeamPhone}, quoting the reference.
                    """,
                CorrelationKey = $"health-mediation:{Row.Id}:{Row.MediationChoiceAt?.ToUnixTimeMilliseconds()}",
                About = MessageAbout.Application(Row, toFamily: false),
            }, Now, cancellationToken);
            Row.HealthBodiesToldOn = Today;
            Record("health-told", $"The health contact was e-mailed on {UkDates.LongDate(Today)} about the health or social care issues");
            healthTold = true;
        }

        return new LocalAuthorityNotice(Today, mediationBy, healthTold);
    }

    /// <summary>Staff told the health contact (the integrated care board) of the health or social care issues themselves.</summary>
    public void HealthBodiesTold(NoticeGiven notice)
    {
        ArgumentNullException.ThrowIfNull(notice);
        Row.HealthBodiesToldOn = notice.On;
    }
}
