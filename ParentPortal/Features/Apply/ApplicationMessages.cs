using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using ParentPortal.Data;
using ParentPortal.Data.Entities;
using ParentPortal.Domain.Cases;
using ParentPortal.Domain.Triage;
using ParentPortal.Platform.Calendar;
using ParentPortal.Platform.Localisation;
using ParentPortal.Platform.Messaging;
using ParentPortal.Platform.Settings;

namespace ParentPortal.Features.Apply;

/// <summary>
/// The messages an application sends, written to the outbox in the same transaction as the change
/// that causes them, so a confirmation is never lost and never sent for something that did not happen.
/// Messages say only what is needed: no child's name, nothing about special educational needs.
/// </summary>
public sealed class ApplicationMessages(ServiceDirectory services, IStringLocalizer<FamilyText> text, Platform.Hosting.PublicAddress? links = null)
{
    /// <summary>Issue 15 item 4: advisers and managers who asked to hear straight away are told a new application is waiting.</summary>
    public async Task EnqueueNewInQueueAsync(PortalDbContext db, Application application, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(application);
        if (application.AdviserId is not null || application.Reference is null)
        {
            return;
        }

        await StaffNotices.TellAsync(db, await StaffNotices.QueueWorkersAsync(db, cancellationToken),
            $"New application waiting: {application.Reference}",
            $"A new application, {application.Reference}, is waiting for an adviser.",
            $"advisers/cases/{application.Id}", $"new-application:{application.Id:N}", links, now, cancellationToken, application.Reference);
    }

    public async Task EnqueueSubmittedAsync(PortalDbContext db, Application application, TriageAnswers answers, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(application);
        ArgumentNullException.ThrowIfNull(answers);
        var family = await RecipientAsync(db, application, answers, cancellationToken);

        var profile = await services.GetAsync(cancellationToken);

        // In the family's language (issue 17), whoever sends the application (the family, or an adviser by phone).
        using var language = PortalLanguages.Use(application.Language);
        await OutboxWriter.EnqueueAsync(db, new OutgoingMessage
        {
            Kind = "application-submitted",
            Family = family,
            Subject = text["We have received your application ({0})", application.Reference ?? ""],
            Body = Paragraphs(
                text["Thank you. We have received your application to {0}.", profile.Name],
                text["Your reference is {0}. Please quote it if you contact us.", application.Reference ?? ""],
                text["What happens next: {0}", text[ApplicationNextSteps.AfterSubmission(answers)]],
                text["You can see your application and its key dates at any time by signing in to the portal and choosing \"Your applications\"."],
                Helpline(profile, text)),
            Text = text,
            CorrelationKey = "application-submitted:" + application.Id,
            About = MessageAbout.Application(application),
        }, now, cancellationToken);
    }

    /// <summary>To the professional who referred a family: only that the referral arrived, and its reference; nothing about the family.</summary>
    public async Task EnqueueReferralReceivedAsync(PortalDbContext db, Application application, string? referrerAddress, string? referrerName, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(application);
        if (string.IsNullOrWhiteSpace(referrerAddress))
        {
            return;
        }

        var profile = await services.GetAsync(cancellationToken);
        await OutboxWriter.EnqueueAsync(db, new OutgoingMessage
        {
            Kind = "referral-received",
            ToAddress = referrerAddress,
            ToName = referrerName,
            Subject = $"We have received your referral ({application.Reference})",
            Body = $"""
                Thank you. {profile.Name} has received your referral. Its reference is {application.Reference}.

                We will contact the family directly, and send them a code to follow the application in their own account. From now on we will talk to them about it, not to you.

                {Helpline(profile)}
                """,
            CorrelationKey = "referral-received:" + application.Id,
            // To the referrer, not the family: it names nobody, and goes with the case's records.
            About = new MessageAbout { ApplicationId = application.Id, ToFamily = false },
        }, now, cancellationToken);
    }

    public async Task EnqueueDeletionWarningAsync(PortalDbContext db, Application application, DateTimeOffset deleteOn, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(application);
        var answers = TriageAnswers.FromJson(application.AnswersJson);
        var family = await RecipientAsync(db, application, answers, cancellationToken);

        var profile = await services.GetAsync(cancellationToken);
        using var language = PortalLanguages.Use(application.Language);
        await OutboxWriter.EnqueueAsync(db, new OutgoingMessage
        {
            Kind = "draft-deletion-warning",
            Family = family,
            Subject = text["Your unfinished application will be deleted soon"],
            Body = Paragraphs(
                text["You started an application to {0} but have not finished it.", profile.Name],
                text["To protect your information, unfinished applications are deleted after a period without changes. Yours will be deleted on {0}.", UkDates.LongDate(UkDates.DateIn(deleteOn))],
                text["To keep it, sign in to the portal, choose \"Your applications\" and continue where you left off."],
                Helpline(profile, text)),
            Text = text,
            CorrelationKey = $"draft-deletion-warning:{application.Id}:{application.UpdatedAt.UtcTicks}",
            About = MessageAbout.Application(application),
        }, now, cancellationToken);
    }

    private static async Task<FamilyContact> RecipientAsync(PortalDbContext db, Application application, TriageAnswers answers, CancellationToken cancellationToken)
    {
        var owner = await db.Users.AsNoTracking().Where(u => u.Id == application.OwnerId).Select(u => new { u.Email, u.DisplayName }).FirstOrDefaultAsync(cancellationToken);
        return FamilyContact.Of(CaseProfile.From(answers), owner?.DisplayName, owner?.Email);
    }

    private static string Helpline(ServiceProfile profile, IStringLocalizer? text = null) =>
        string.IsNullOrEmpty(profile.HelplinePhone) ? ""
        : text is null ? $"If you need to talk to someone, call {profile.HelplinePhone} ({profile.HelplineHours})."
        : text["If you need to talk to someone, call {0} ({1}).", profile.HelplinePhone, profile.HelplineHours];

    private static string Paragraphs(params string[] paragraphs) => string.Join("\n\n", paragraphs.Where(p => p.Length > 0)) + "\n";
}
