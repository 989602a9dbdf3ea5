using System.Globalization;
using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using ParentPortal.Platform.Messaging;
using ParentPortal.Data;
using ParentPortal.Data.Entities;
using ParentPortal.Domain.Cases;
using ParentPortal.Domain.Privacy;
using ParentPortal.Domain.Triage;
using ParentPortal.Platform.Access;
using ParentPortal.Platform.Calendar;
using ParentPortal.Platform.Cases;
using ParentPortal.Platform.Identity;
using ParentPortal.Platform.Sessions;
using ParentPortal.Platform.Settings;

namespace ParentPortal.Features.Admin.Privacy;

/// <summary>Why a manager is erasing a family's records: a fixed list, so the audit log never holds free text about a family.</summary>
public enum ErasureReason
{
    FamilyRequest,
    CreatedInError,
    DataProtectionOfficer,
}

/// <summary>Why documents still in their retention period may go (asked only when there are some).</summary>
public enum ErasureOverride
{
    DataProtectionOfficerConfirmed,
    IssuedInError,
}

public sealed class ErasureForm
{
    public string? ConfirmReference { get; set; }

    public ErasureReason? Reason { get; set; }

    public ErasureOverride? Override { get; set; }
}

/// <summary>One of the family's applications as the manager sees it before erasing.</summary>
public sealed record FamilyApplicationRow(Guid Id, string? Reference, ApplicationStatus Status, string? Route, Domain.Cases.CaseStage Stage, DateTimeOffset? ClosedAt);

/// <summary>What the records pages show about a family: enough to be sure it is the right one, and what stands in the way of erasing.</summary>
public sealed record FamilyOverview(
    Guid ApplicationId,
    string Reference,
    Guid UserId,
    string? Name,
    string? Email,
    bool MadeByPhone,
    IReadOnlyList<FamilyApplicationRow> Applications,
    int Documents,
    int Bookings,
    int Messages,
    int Calls,
    int AuditEntries,
    IReadOnlyList<ErasureHold> Holds)
{
    public bool Blocked => Holds.Any(h => !h.CanBeOverridden);

    public bool NeedsOverride => !Blocked && Holds.Any(h => h.CanBeOverridden);
}

public sealed record ErasureCounts(int Applications, int Documents, int Uploads, int CaseEvents, int Meetings, int AgreementRecords, int SurveyResponses, int Invitations, int Bookings, int SeatsReturned, int Messages, int CallsUnlinked)
{
    public string Detail() => string.Create(CultureInfo.InvariantCulture,
        $"applications={Applications} documents={Documents} uploads={Uploads} case-events={CaseEvents} meetings={Meetings} agreement-records={AgreementRecords} survey-responses={SurveyResponses} " +
        $"invitations={Invitations} bookings={Bookings} seats-returned={SeatsReturned} messages={Messages} calls-unlinked={CallsUnlinked}");
}

public sealed record ErasureResult(bool Succeeded, IReadOnlyList<FieldError> Errors, string? Message = null, ErasureCounts? Counts = null)
{
    public const string NotFound = "We could not find that family. They may already have been erased.";

    public static ErasureResult Refused(string message, string field = "") => new(false, [new FieldError(field, message)]);
}

/// <summary>
/// Finds a family by reference for a manager, and erases their records where the law allows
/// (<see cref="ErasureHolds"/>): applications and drafts, case history, meetings, documents, bookings
/// (returning future seats), invitations, survey answers and e-mails go; the sign-in record is deleted;
/// anonymous call-log entries lose their link; audit entries stay, as they hold ids only.
/// </summary>
public sealed class FamilyErasure(
    IDbContextFactory<PortalDbContext> contextFactory,
    WorkingDayCalendarSource calendars,
    IOptions<RetentionOptions> options,
    IMessageSender sender,
    TimeProvider clock)
{
    public const string ReferenceNotFound = "We could not find an application with that reference. Check it and try again.";

    /// <summary>Finds the family whose application has this reference. The look-up is audited (ids only).</summary>
    public async Task<(FamilyOverview? Family, string? Error)> FindAsync(ClaimsPrincipal user, string? reference, CancellationToken cancellationToken = default)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var manager = await FamilyRecords.ManagerAsync(db, user, cancellationToken);
        if (manager is null)
        {
            return (null, "Only a service manager can look up a family's records.");
        }

        if (string.IsNullOrWhiteSpace(reference))
        {
            return (null, "Enter the family's application reference");
        }

        if (ApplicationReference.Normalise(reference) is null)
        {
            return (null, "Enter the reference as it appears on the family's e-mails, 8 letters and numbers, like ABCD-2345");
        }

        if (await FamilyRecords.FindByReferenceAsync(db, reference, cancellationToken) is not { } applicationId)
        {
            return (null, ReferenceNotFound);
        }

        if (await LoadAsync(db, applicationId, cancellationToken) is not (var overview, _))
        {
            return (null, ReferenceNotFound);
        }

        AuditLog.Write(db, manager, "family-records-viewed", "user", overview.UserId.ToString(), clock.GetUtcNow(), $"from-application={applicationId}");
        await db.SaveChangesAsync(cancellationToken);
        return (overview, null);
    }

    /// <summary>The family of this application, for the erase page; null for anyone but a manager, or no such application.</summary>
    public async Task<FamilyOverview?> OverviewAsync(ClaimsPrincipal user, Guid applicationId, CancellationToken cancellationToken = default)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        return await FamilyRecords.ManagerAsync(db, user, cancellationToken) is null ? null : (await LoadAsync(db, applicationId, cancellationToken))?.Overview;
    }

    public async Task<ErasureResult> EraseAsync(ClaimsPrincipal user, Guid applicationId, ErasureForm form, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(form);
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var manager = await FamilyRecords.ManagerAsync(db, user, cancellationToken);
        if (manager is null)
        {
            return ErasureResult.Refused("Only a service manager can erase a family's records.");
        }

        var now = clock.GetUtcNow();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        if (await LoadAsync(db, applicationId, cancellationToken) is not (var overview, var records))
        {
            return ErasureResult.Refused(ErasureResult.NotFound);
        }

        if (overview.Blocked)
        {
            // The holds come first: there is no point checking a confirmation for an erasure that cannot happen.
            return new(false, [.. overview.Holds.Where(h => !h.CanBeOverridden).Select(h => new FieldError("", h.Message))]);
        }

        // In the order the page asks: the override (when there is one), the reason, then the typed confirmation.
        var errors = new List<FieldError>();
        if (overview.NeedsOverride && (form.Override is not { } chosen || !Enum.IsDefined(chosen)))
        {
            errors.Add(new("override", "Select why the documents can be erased before the end of their retention period"));
        }

        if (form.Reason is not { } reason || !Enum.IsDefined(reason))
        {
            errors.Add(new("reason", "Select why you are erasing this family's records"));
        }

        if (string.IsNullOrWhiteSpace(form.ConfirmReference))
        {
            errors.Add(new("confirm", $"Enter the reference {overview.Reference} to confirm"));
        }
        else if (ApplicationReference.Normalise(form.ConfirmReference) != overview.Reference)
        {
            errors.Add(new("confirm", $"The reference you entered does not match. Enter {overview.Reference} to confirm"));
        }

        if (errors.Count > 0)
        {
            return new(false, errors);
        }

        var ids = records.ApplicationIds;

        // Seats first: the family's own bookings go before a freed seat is offered on, so it cannot be offered back to them.
        var seatHolders = records.Bookings
            .Where(b => b.Status is BookingStatus.Booked or BookingStatus.Offered && b.Session is { Status: SessionStatus.Scheduled } s && s.StartsAt > now)
            .Select(b => b.Session!)
            .ToList();
        var bookingIds = records.Bookings.Select(b => b.Id).ToList();
        var bookings = await db.SessionBookings.Where(b => bookingIds.Contains(b.Id)).ExecuteDeleteAsync(cancellationToken);
        foreach (var session in seatHolders)
        {
            await SessionSeats.ReleaseAsync(db, session, now, cancellationToken);
        }

        var messageIds = records.Messages.Select(m => m.Message.Id).ToList();
        var messages = await db.OutboxMessages.Where(m => messageIds.Contains(m.Id)).ExecuteDeleteAsync(cancellationToken);
        var removed = await CaseRemoval.DeleteAsync(db, ids, cancellationToken);
        var leftovers = records.LeftoverPhoneRecords;
        await db.Users.Where(u => u.Id == overview.UserId || leftovers.Contains(u.Id)).ExecuteDeleteAsync(cancellationToken);

        var counts = new ErasureCounts(ids.Count, removed.Documents, removed.Uploads, removed.CaseEvents, removed.Meetings, removed.AgreementRecords, removed.SurveyResponses,
            removed.Invitations, bookings, seatHolders.Count, messages, removed.CallsUnlinked);
        var why = $"reason={Code(form.Reason!.Value)}" + (overview.NeedsOverride ? $" override={Code(form.Override!.Value)}" : "");
        foreach (var id in ids)
        {
            AuditLog.Write(db, manager, "application-erased", "application", id.ToString(), now, why);
        }

        AuditLog.Write(db, manager, "family-erased", "user", overview.UserId.ToString(), now, why + " " + counts.Detail());
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        await sender.ForgetAsync(messageIds, cancellationToken);
        return new(true, [], $"The records of the family with reference {overview.Reference} have been erased.", counts);
    }

    /// <summary>Codes for the audit log (no free text there).</summary>
    public static string Code(ErasureReason reason) => reason switch
    {
        ErasureReason.FamilyRequest => "family-request",
        ErasureReason.CreatedInError => "created-in-error",
        _ => "dpo-instruction",
    };

    public static string Code(ErasureOverride reason) => reason == ErasureOverride.IssuedInError ? "documents-issued-in-error" : "dpo-confirmed-not-needed";

    /// <summary>The family's records (loaded once, used for both the overview and the erasure) and what they add up to.</summary>
    private async Task<(FamilyOverview Overview, FamilyRecords Records)?> LoadAsync(PortalDbContext db, Guid applicationId, CancellationToken cancellationToken)
    {
        if (await FamilyRecords.OwnerOfAsync(db, applicationId, cancellationToken) is not { } ownerId)
        {
            return null;
        }

        var records = await FamilyRecords.LoadAsync(db, ownerId, cancellationToken);
        var found = records.Applications.Single(a => a.Id == applicationId);
        var today = UkDates.DateIn(clock.GetUtcNow());
        var calculator = await calendars.CalculatorAsync(cancellationToken);
        var facts = records.Applications.Where(a => a.Status == ApplicationStatus.Submitted).Select(a =>
        {
            var caseFacts = CaseFactsBuilder.For(a, CaseProfile.From(TriageAnswers.FromJson(a.AnswersJson)), meeting: null);
            DateOnly? appeal = caseFacts.Appealable && caseFacts.DecisionLetterSent is { } letter ? calculator.AppealBy(letter, caseFacts.CertificateIssuedOn).Date : null;
            var latest = records.Documents.Where(d => d.ApplicationId == a.Id && d.RevokedAt is null).Select(d => (DateOnly?)UkDates.DateIn(d.IssuedAt)).Max();
            return new ErasureCaseFacts(a.Reference ?? "", a.Stage, appeal, latest);
        });
        var heldAfter = UkDates.DateIn(clock.GetUtcNow() - options.Value.ErasureDocumentHold);
        var overview = new FamilyOverview(
            applicationId,
            found.Reference ?? "",
            records.User.Id,
            records.User.DisplayName,
            records.User.Email,
            PhoneApplicationOwner.Is(records.User.Subject),
            [.. records.Applications.Select(a => new FamilyApplicationRow(a.Id, a.Reference, a.Status, a.Route, a.Stage, a.ClosedAt))],
            records.Documents.Count,
            records.Bookings.Count,
            records.Messages.Count,
            records.Calls.Count,
            records.AuditEntries.Count,
            ErasureHolds.For(facts, today, heldAfter));
        return (overview, records);
    }
}
