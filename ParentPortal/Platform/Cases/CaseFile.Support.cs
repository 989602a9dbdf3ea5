using Microsoft.EntityFrameworkCore;
using ParentPortal.Data.Entities;
using ParentPortal.Domain.Cases;
using ParentPortal.Domain.Meetings;
using ParentPortal.Domain.Triage;
using ParentPortal.Platform.Calendar;
using ParentPortal.Platform.Messaging;
using ParentPortal.Platform.Settings;

namespace ParentPortal.Platform.Cases;

/// <summary>
/// The family's supporters, in the case's one home (issue 13 item 8): the referral to the advocacy service a parent asked for
/// (seed 000), and the Independent Parental Supporter an adviser assigns (seeds 002 and 003). Every message goes through the
/// outbox with the case's id on the row, and only to someone the family asked to be put in touch with.
/// </summary>
public sealed partial class CaseFile
{
    /// <summary>The family asked to be put in touch with advocacy and has not been referred yet: staff see it as a task.</summary>
    public bool AdvocacyReferralDue => AdvocacyDue(Row, Profile);

    /// <inheritdoc cref="AdvocacyReferralDue"/>
    public static bool AdvocacyDue(Application row, CaseProfile profile)
    {
        ArgumentNullException.ThrowIfNull(row);
        ArgumentNullException.ThrowIfNull(profile);
        return profile.WantsAdvocacy && row.AdvocacyReferredOn is null && row.Stage != CaseStage.Closed;
    }

    /// <summary>
    /// Refers the family to the advocacy service by e-mail, through the outbox, with what it needs to get in touch (the
    /// family's name, how to reach them, their language, the reference) and nothing about the complaint itself. Only when the
    /// family asked for it (their answer is their consent, and the e-mail says when they gave it) and the service's e-mail
    /// address is set; false otherwise, and staff refer them another way and record it.
    /// </summary>
    public async Task<bool> ReferToAdvocacyAsync(AdvocacyService? service, CancellationToken cancellationToken)
    {
        if (!AdvocacyReferralDue || service?.Email is not { } address)
        {
            return false;
        }

        var profile = Profile;
        var family = await CaseParties.FamilyOfAsync(Db, Row, profile, cancellationToken);
        var language = profile.Language is { } l && l != "English" ? $"\nThey use {l}{(profile.NeedsInterpreter ? " and asked for an interpreter" : "")}." : "";
        var asked = Row.SubmittedAt is { } sent ? UkDates.LongDate(UkDates.DateIn(sent)) : UkDates.LongDate(Today);
        await OutboxWriter.EnqueueAsync(Db, new OutgoingMessage
        {
            Kind = "advocacy-referral",
            ToAddress = address,
            ToName = service.Name,
            Subject = $"Referral from a family: {Reference}",
            Body = $"""
                {family.Name ?? "A parent"} asked us on {asked} to put them in touch with you, about a bullying complaint at their child's school that involves racist incidents. They agreed to this referral.

                How to reach them: {ReachText(family)}.{language}

                Our reference: {Reference}. Our mediation service and yours are independent of each other: we will liaise with you only as the family wants.
                """,
            CorrelationKey = $"advocacy-referral:{Row.Id}",
            About = MessageAbout.Application(Row, toFamily: false),
        }, Now, cancellationToken);
        AdvocacyReferred(new NoticeGiven(Today, NoticeMethod.Email));
        Record("advocacy-referred", $"Referred to {service.Name} by e-mail on {UkDates.LongDate(Today)}, as the family asked");
        await TellFamilyAsync(
            "advocacy-referred",
            $"We have put you in touch with {service.Name} ({Reference})",
            $"""
            As you asked, we have passed your name and contact details to {service.Name}, the advocacy service for minority ethnic families. They will get in touch with you{(service.Phone is null ? "" : $"; you can also call them on {service.Phone}")}.

            They are independent of us. Your mediation carries on as before.
            """,
            $"advocacy-referred-family:{Row.Id}",
            cancellationToken);
        return true;
    }

    /// <summary>The family was referred to the advocacy service (by the portal, or by staff another way).</summary>
    public void AdvocacyReferred(NoticeGiven referral)
    {
        ArgumentNullException.ThrowIfNull(referral);
        Row.AdvocacyReferredOn = referral.On;
        Row.AdvocacyReferredHow = referral.How;
    }

    /// <summary>
    /// Assigns an Independent Parental Supporter: they are introduced by e-mail (the family's name and how to reach them, the
    /// kind of disagreement, and the meeting if one is arranged), the family is told who they are, and from now on every
    /// meeting invitation goes to them too, as the family's supporter. Assigning another replaces the first, who is told.
    /// </summary>
    public async Task AssignIpsAsync(IndependentSupporter supporter, string organisationName, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(supporter);
        var previous = Row.IndependentSupporterId is { } previousId && previousId != supporter.Id
            ? await Db.IndependentSupporters.AsNoTracking().FirstOrDefaultAsync(s => s.Id == previousId, cancellationToken)
            : null;
        Row.IndependentSupporterId = supporter.Id;
        Row.IpsAssignedOn = Today;

        var profile = Profile;
        var family = await CaseParties.FamilyOfAsync(Db, Row, profile, cancellationToken);
        var meeting = await MeetingAsync(cancellationToken);
        var when = meeting is null ? "No meeting is arranged yet: we will send you the invitation when it is." : $"The meeting is on {UkDates.DateAndTime(meeting.StartsAt)}, {MeetingPlaceText(meeting)}.";
        await OutboxWriter.EnqueueAsync(Db, new OutgoingMessage
        {
            Kind = "ips-assigned",
            ToAddress = supporter.Email,
            ToName = supporter.Name,
            Subject = $"A family to support: {Reference}",
            Body = $"""
                Dear {supporter.Name},

                {family.Name ?? "A parent"} asked us for an Independent Parental Supporter for their {CaseWorkflow.DescribeRoute(Route).ToLowerInvariant()}, and we would like you to support them.

                How to reach them: {ReachText(family)}.
                {when}

                Our reference: {Reference}. Please keep these details to yourself and use them only to support the family.

                {organisationName}
                """,
            CorrelationKey = $"ips-assigned:{Row.Id}:{supporter.Id}:{Now.ToUnixTimeMilliseconds()}",
            About = MessageAbout.Application(Row, toFamily: false),
        }, Now, cancellationToken);
        if (previous is not null)
        {
            await OutboxWriter.EnqueueAsync(Db, new OutgoingMessage
            {
                Kind = "ips-unassigned",
                ToAddress = previous.Email,
                ToName = previous.Name,
                Subject = $"No longer needed: {Reference}",
                Body = $"""
                    Dear {previous.Name},

                    Another Independent Parental Supporter will support the family with the reference {Reference}, so you are no longer needed for them. Thank you. Please delete the family's details you were sent.

                    {organisationName}
                    """,
                CorrelationKey = $"ips-unassigned:{Row.Id}:{previous.Id}:{Now.ToUnixTimeMilliseconds()}",
                About = MessageAbout.Application(Row, toFamily: false),
            }, Now, cancellationToken);
        }

        await TellFamilyAsync(
            "ips-assigned-family",
            $"Your Independent Parental Supporter ({Reference})",
            $"""
            {supporter.Name} will be your Independent Parental Supporter. They are a trained volunteer, independent of the school and the local authority, and will get in touch with you{(supporter.Phone is null ? "" : $"; you can also call them on {supporter.Phone}")}.

            We will invite them to your meetings as your supporter. If you would rather they did not come, tell us.

            {organisationName}
            """,
            $"ips-assigned-family:{Row.Id}:{supporter.Id}:{Now.ToUnixTimeMilliseconds()}",
            cancellationToken);
        Record("ips-assigned", previous is null ? $"{supporter.Name} assigned as the family's Independent Parental Supporter" : $"{supporter.Name} assigned as the family's Independent Parental Supporter, in place of {previous.Name}");
    }

    /// <summary>The family's Independent Parental Supporter, if one is assigned and still in the pool.</summary>
    public async Task<IndependentSupporter?> IpsAsync(CancellationToken cancellationToken) =>
        Row.IndependentSupporterId is { } id ? await Db.IndependentSupporters.AsNoTracking().FirstOrDefaultAsync(s => s.Id == id && s.IsActive, cancellationToken) : null;

    /// <summary>Where a meeting is, for a message: "online: link" or "at venue, address".</summary>
    public static string MeetingPlaceText(CaseMeeting meeting)
    {
        ArgumentNullException.ThrowIfNull(meeting);
        return meeting.Format == SessionFormat.Online ? $"online: {meeting.MeetingLink}" : $"at {meeting.VenueName}, {meeting.VenueAddress}";
    }

    /// <summary>How another party can reach the family, for a referral or an introduction: only what the family gave us.</summary>
    private static string ReachText(FamilyContact family)
    {
        var reach = string.Join(", ", new[] { family.Phone is null ? null : "phone " + family.Phone, family.Email is null ? null : "e-mail " + family.Email }.Where(s => s is not null));
        return reach.Length == 0 ? "please call us, quoting the reference" : reach;
    }
}
