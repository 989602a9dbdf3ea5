using ParentPortal.Domain.Text;
using ParentPortal.Domain.Appeals;
using ParentPortal.Platform.Calendar;
using ParentPortal.Platform.Messaging;
using ParentPortal.Platform.Settings;

namespace ParentPortal.Platform.Cases;

/// <summary>What setting the appeal reminders came to.</summary>
public enum AppealRemindersOutcome
{
    On,
    Off,

    /// <summary>There is no e-mail address on the application to send them to.</summary>
    NoEmail,

    /// <summary>Both reminder days have passed: there is nothing left to remind of.</summary>
    TooLate,
}

/// <summary>
/// The family's appeal to the tribunal, in the case's one home (issue 14 item 4): reminders of the deadline they opted in
/// to, through the outbox, and what they tell us became of the appeal (the service's "resolved before a hearing" figure).
/// </summary>
public sealed partial class CaseFile
{
    /// <summary>Days before the appeal deadline the family are reminded, at 9am UK time.</summary>
    public static readonly IReadOnlyList<int> AppealReminderDays = [14, 3];

    /// <summary>Every appeal reminder of the case has a key with this prefix, so one call cancels them all.</summary>
    public static string AppealReminderPrefix(Guid caseId) => $"appeal-reminder:{caseId:N}:";

    /// <summary>
    /// The appeal deadline as the case's clocks count it (a certificate can move it later), or from the family's answers while
    /// no clock runs; null when there is no appeal (not an SEN case, or a decision the tribunal does not hear). The same
    /// rules engine and facts as the staff's clocks and the family's case page.
    /// </summary>
    public async Task<Domain.Deadlines.Deadline?> AppealDeadlineAsync(Domain.Deadlines.DeadlineCalculator calculator, CancellationToken cancellationToken)
    {
        var facts = CaseFactsBuilder.For(Row, Profile, await MeetingAsync(cancellationToken));
        return Domain.Cases.CaseClocks.Running(facts, calculator).FirstOrDefault(c => c.Key == "appeal")?.Deadline
            ?? Domain.Triage.KeyDates.For(Domain.Triage.TriageAnswers.FromJson(Row.AnswersJson), calculator, Today).FirstOrDefault(d => d.Key == "appeal")?.Deadline;
    }

    /// <summary>
    /// Turns the reminders on (replacing any already queued, so a changed deadline is reminded of afresh) or off. Each
    /// opt-in has keys of its own, as the outbox enqueues a key only once ever.
    /// </summary>
    public Task<AppealRemindersOutcome> SetAppealRemindersAsync(bool wanted, Domain.Deadlines.Deadline deadline, ServiceProfile service, CancellationToken cancellationToken) =>
        SetAppealRemindersAsync(wanted, deadline, service, record: true, cancellationToken);

    /// <summary>
    /// A certificate issued or withdrawn moves the appeal deadline: reminders the family asked for follow it (those already
    /// past are not sent; if none is left, they stop).
    /// </summary>
    public async Task FollowAppealDeadlineAsync(Domain.Deadlines.DeadlineCalculator calculator, ServiceProfile service, CancellationToken cancellationToken)
    {
        if (!Row.AppealRemindersWanted)
        {
            return;
        }

        if (await AppealDeadlineAsync(calculator, cancellationToken) is { } deadline)
        {
            await SetAppealRemindersAsync(true, deadline, service, record: false, cancellationToken);
            return;
        }

        await OutboxWriter.CancelByPrefixAsync(Db, AppealReminderPrefix(Row.Id), Now, cancellationToken);
        Row.AppealRemindersWanted = false;
    }

    private async Task<AppealRemindersOutcome> SetAppealRemindersAsync(bool wanted, Domain.Deadlines.Deadline deadline, ServiceProfile service, bool record, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(deadline);
        ArgumentNullException.ThrowIfNull(service);
        await OutboxWriter.CancelByPrefixAsync(Db, AppealReminderPrefix(Row.Id), Now, cancellationToken);
        var was = Row.AppealRemindersWanted;
        Row.AppealRemindersWanted = false;
        if (!wanted)
        {
            if (was && record)
            {
                Record("appeal-reminders", "Off");
            }

            return AppealRemindersOutcome.Off;
        }

        var optIn = Guid.NewGuid();
        var queued = 0;
        foreach (var days in AppealReminderDays)
        {
            var at = UkDates.FromLocal(deadline.Date.AddDays(-days), new TimeOnly(9, 0));
            if (at <= Now)
            {
                continue;
            }

            // In the family's language: the reason (the law's citation stays English), dates in their language, names as they are.
            var sent = await TellFamilyInWordsAsync(
                Wording.Format("Your appeal deadline is {0}", WordingPart.LongDate(deadline.Date)),
                Wording.Format(
                    "This is the reminder you asked for: the last day to send your appeal to the SEND tribunal is {0}, {1} days from when this was sent.\n\n"
                    + "{2}\n\n"
                    + "Sign in to {3}'s portal and open your case ({4}) to see how to appeal and to download a summary of what the appeal form asks for. If you need help, call {5}.\n\n"
                    + "If you have already appealed, or decided not to, you can tell us on the same page and we will stop reminding you.\n\n"
                    + "{3}",
                    WordingPart.LongDate(deadline.Date), WordingPart.Number(days), WordingPart.Of(deadline.Reason),
                    WordingPart.AsTyped(service.Name), WordingPart.AsTyped(Row.Reference ?? ""), WordingPart.AsTyped(service.HelplinePhone)),
                "appeal-reminder",
                $"{AppealReminderPrefix(Row.Id)}{optIn:N}:{days}",
                cancellationToken,
                notBefore: at);
            if (!sent)
            {
                return AppealRemindersOutcome.NoEmail;
            }

            queued++;
        }

        if (queued == 0)
        {
            return AppealRemindersOutcome.TooLate;
        }

        Row.AppealRemindersWanted = true;
        if (record)
        {
            Record("appeal-reminders", "On");
        }

        return AppealRemindersOutcome.On;
    }

    /// <summary>
    /// Records what the family told us of their appeal (null clears it). Once they have appealed or decided not to,
    /// reminders of the deadline stop.
    /// </summary>
    public async Task RecordAppealAsync(AppealStatus? status, DateOnly? appealedOn, CancellationToken cancellationToken)
    {
        Row.AppealStatus = status;
        Row.AppealedOn = status is null or AppealStatus.NotAppealing ? null : appealedOn;
        if (status is not null && Row.AppealRemindersWanted)
        {
            await OutboxWriter.CancelByPrefixAsync(Db, AppealReminderPrefix(Row.Id), Now, cancellationToken);
            Row.AppealRemindersWanted = false;
        }

        Record("appeal-told", status?.ToString() ?? "Cleared");
    }
}
