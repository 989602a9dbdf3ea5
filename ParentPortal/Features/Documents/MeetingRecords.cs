using System.Security.Claims;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using ParentPortal.Data;
using ParentPortal.Data.Entities;
using ParentPortal.Domain.Cases;
using ParentPortal.Domain.Triage;
using ParentPortal.Features.Applications;
using ParentPortal.Features.Calendar;
using ParentPortal.Features.Cases;
using ParentPortal.Features.Documents.Models;
using ParentPortal.Features.Documents.Pdf;
using ParentPortal.Features.Service;

namespace ParentPortal.Features.Documents;

/// <summary>What the facilitator writes after chairing a meeting.</summary>
public sealed class MeetingRecordForm
{
    /// <summary>Who was there, one per line: "Name, role".</summary>
    public string Attendees { get; set; } = "";

    public List<string> Agenda { get; set; } = [];

    public List<string> PointsDiscussed { get; set; } = [];

    public List<MeetingActionForm> ActionPoints { get; set; } = [];
}

public sealed class MeetingActionForm
{
    public string Action { get; set; } = "";

    public string Owner { get; set; } = "";

    public DateOnly? Due { get; set; }
}

public sealed record MeetingRecordView(Guid CaseId, string? Reference, MeetingRecordForm Form, bool CanEdit, bool Issued, DateOnly MeetingDate, string MeetingKind);

/// <summary>
/// The written record of a facilitated meeting: the facilitator (or the case's adviser, or a manager)
/// writes it after the meeting is held, then issues it as a PDF to the family.
/// </summary>
public sealed class MeetingRecordsHandler(
    IDbContextFactory<PortalDbContext> contextFactory,
    DocumentPdfs pdfs,
    ServiceDirectory services,
    IssueDocumentsHandler issuing,
    TimeProvider clock)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public async Task<MeetingRecordView?> GetAsync(ClaimsPrincipal user, Guid caseId, CancellationToken cancellationToken = default)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var (staff, application) = await IssueDocumentsHandler.LoadAsync(db, user, caseId, cancellationToken);
        // The record is the family's document: only those who may download it read it here (its adviser, its
        // facilitator, a manager), not every adviser or the local authority's officer who can see the case.
        if (staff is null || application is null || application.Route != AnswerKeys.Facilitation || !DocumentAccess.IsAssigned(staff, application, DocumentKind.MeetingRecord))
        {
            return null;
        }

        var draft = await db.MeetingRecordDrafts.AsNoTracking().FirstOrDefaultAsync(d => d.ApplicationId == caseId, cancellationToken);
        var form = draft is null ? await StartingFormAsync(db, application, cancellationToken) : JsonSerializer.Deserialize<MeetingRecordForm>(draft.ContentJson, Json)!;
        var issued = await db.CaseDocuments.AnyAsync(d => d.ApplicationId == caseId && d.Kind == DocumentKind.MeetingRecord && d.RevokedAt == null, cancellationToken);
        var canWrite = DocumentAccess.CanIssue(staff, application) && application.Stage is CaseStage.MeetingHeld or CaseStage.RecordWritten;
        var (type, other) = Kind(TriageAnswers.FromJson(application.AnswersJson));
        return new MeetingRecordView(caseId, application.Reference, form, canWrite && !issued, issued, await MeetingDateAsync(db, application, cancellationToken), Describe(type, other));
    }

    public async Task<(bool Succeeded, IReadOnlyList<FieldError> Errors)> SaveAsync(ClaimsPrincipal user, Guid caseId, MeetingRecordForm form, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(form);
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var (staff, application, refusal) = await WritableAsync(db, user, caseId, cancellationToken);
        if (refusal is not null)
        {
            return (false, [new FieldError("", refusal)]);
        }

        var cleaned = Clean(form);
        var errors = Validate(cleaned, UkDates.DateIn(clock.GetUtcNow()));
        if (errors.Count > 0)
        {
            return (false, errors);
        }

        var now = clock.GetUtcNow();
        var draft = await db.MeetingRecordDrafts.FirstOrDefaultAsync(d => d.ApplicationId == caseId, cancellationToken);
        if (draft is null)
        {
            db.MeetingRecordDrafts.Add(new MeetingRecordDraft { ApplicationId = caseId, ContentJson = JsonSerializer.Serialize(cleaned, Json), UpdatedAt = now });
        }
        else
        {
            draft.ContentJson = JsonSerializer.Serialize(cleaned, Json);
            draft.UpdatedAt = now;
        }

        IssueDocumentsHandler.AddEvent(db, staff!, application!, now, "record-saved", "Meeting record saved");
        await db.SaveChangesAsync(cancellationToken);
        return (true, []);
    }

    public async Task<DocumentResult> IssueAsync(ClaimsPrincipal user, Guid caseId, string baseUri, CancellationToken cancellationToken = default)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var (staff, application, refusal) = await WritableAsync(db, user, caseId, cancellationToken);
        if (refusal is not null)
        {
            return new(false, refusal);
        }

        var draft = await db.MeetingRecordDrafts.AsNoTracking().FirstOrDefaultAsync(d => d.ApplicationId == caseId, cancellationToken);
        if (draft is null)
        {
            return new(false, "Write and save the meeting record before issuing it.");
        }

        var form = JsonSerializer.Deserialize<MeetingRecordForm>(draft.ContentJson, Json)!;
        var errors = Validate(form, UkDates.DateIn(clock.GetUtcNow()));
        if (errors.Count > 0)
        {
            return new(false, errors[0].Message);
        }

        var now = clock.GetUtcNow();
        var answers = TriageAnswers.FromJson(application!.AnswersJson);
        var profile = await services.GetAsync(cancellationToken);
        var code = VerificationCodes.New();
        var (type, other) = Kind(answers);
        var facilitatorName = await db.StaffMembers.AsNoTracking().Where(s => s.Id == application.AssignedStaffId).Select(s => s.DisplayName).FirstOrDefaultAsync(cancellationToken);
        var number = $"MR-{application.Reference}-{await db.CaseDocuments.CountAsync(d => d.ApplicationId == caseId && d.Kind == DocumentKind.MeetingRecord, cancellationToken) + 1}";
        var model = new FacilitatedMeetingRecord(
            application.Reference ?? "",
            profile.Name,
            type,
            other,
            await MeetingDateAsync(db, application, cancellationToken),
            answers.IsYoungPerson ? null : IssueDocumentsHandler.ChildName(answers),
            new Issuer(facilitatorName ?? staff!.Name, "Facilitator", profile.Name),
            Attendees(form.Attendees),
            form.Agenda,
            form.PointsDiscussed,
            [.. form.ActionPoints.Select(a => new ActionPoint(a.Action, a.Owner, a.Due!.Value))],
            new DocumentVerification(VerificationCodes.Display(code), issuing.VerifyUrl(baseUri, code)));
        byte[] pdf;
        try
        {
            pdf = pdfs.MeetingRecord(model, now);
        }
        catch (UnsupportedTextException e)
        {
            return new(false, e.Message + " Change the wording, or check how the name is spelt.");
        }

        var document = IssueDocumentsHandler.Store(db, application, staff!.Subject, DocumentKind.MeetingRecord, type.ToString(), number, code, pdf, $"meeting-record-{application.Reference}.pdf", profile.Name, now,
            await IssueDocumentsHandler.LatestWithdrawnAsync(db, caseId, DocumentKind.MeetingRecord, cancellationToken));
        var from = application.Stage;
        application.Stage = CaseStage.RecordWritten;
        application.Version++;
        db.CaseEvents.Add(new CaseEvent
        {
            ApplicationId = caseId, At = now, ActorSubject = staff!.Subject, ActorName = staff.Name, Kind = "record-issued", Note = number,
            FromStage = from == CaseStage.RecordWritten ? null : from.ToString(), ToStage = from == CaseStage.RecordWritten ? null : nameof(CaseStage.RecordWritten),
        });
        AuditLog.Write(db, staff, "document-issued", "document", document.Id.ToString(), now, "meeting-record");
        var owner = await db.Users.AsNoTracking().FirstAsync(u => u.Id == application.OwnerId, cancellationToken);
        await IssueDocumentsHandler.NotifyFamilyAsync(db, application, owner, "The record of your meeting is ready", $"The facilitator's record of your meeting ({number}) is ready. Sign in to the portal and choose \"Your applications\" to download it.", "record-ready:" + document.Id, now, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        return new(true, $"Meeting record {number} issued. The family has been told it is ready.", document.Id);
    }

    private static async Task<(StaffContext? Staff, Application? Application, string? Refusal)> WritableAsync(PortalDbContext db, ClaimsPrincipal user, Guid caseId, CancellationToken cancellationToken)
    {
        var (staff, application) = await IssueDocumentsHandler.LoadAsync(db, user, caseId, cancellationToken);
        if (staff is null || application is null || application.Route != AnswerKeys.Facilitation)
        {
            return (null, null, "We could not find that case.");
        }

        if (!DocumentAccess.CanIssue(staff, application))
        {
            return (staff, application, "Only the case's facilitator or adviser, or a manager, can write the meeting record. Take the case first.");
        }

        if (application.Stage is not (CaseStage.MeetingHeld or CaseStage.RecordWritten))
        {
            return (staff, application, "The record is written after the meeting has been held. Mark the meeting as held first.");
        }

        if (await db.CaseDocuments.AnyAsync(d => d.ApplicationId == caseId && d.Kind == DocumentKind.MeetingRecord && d.RevokedAt == null, cancellationToken))
        {
            return (staff, application, "The record has been issued. To change it, withdraw it first, then edit and issue it again.");
        }

        return (staff, application, null);
    }

    private static async Task<MeetingRecordForm> StartingFormAsync(PortalDbContext db, Application application, CancellationToken cancellationToken)
    {
        var meeting = await db.CaseMeetings.AsNoTracking().FirstOrDefaultAsync(m => m.ApplicationId == application.Id, cancellationToken);
        var answers = TriageAnswers.FromJson(application.AnswersJson);
        return new MeetingRecordForm { Attendees = meeting?.Attendees ?? answers[AnswerKeys.MeetingAttendees] ?? "" };
    }

    private async Task<DateOnly> MeetingDateAsync(PortalDbContext db, Application application, CancellationToken cancellationToken)
    {
        if (application.MeetingHeldOn is { } held)
        {
            return held;
        }

        var meeting = await db.CaseMeetings.AsNoTracking().Where(m => m.ApplicationId == application.Id).Select(m => (DateTimeOffset?)m.StartsAt).FirstOrDefaultAsync(cancellationToken);
        return UkDates.DateIn(meeting ?? clock.GetUtcNow());
    }

    private static (MeetingType Type, string? Other) Kind(TriageAnswers answers) => answers[AnswerKeys.MeetingType] switch
    {
        "annual-review" => (MeetingType.AnnualReview, null),
        "team-around-the-child" => (MeetingType.TeamAroundTheChild, null),
        "draft-plan" => (MeetingType.DraftPlanDiscussion, null),
        _ => (MeetingType.Other, answers[AnswerKeys.MeetingTypeOther] ?? "Meeting"),
    };

    private static string Describe(MeetingType type, string? other) => type switch
    {
        MeetingType.AnnualReview => "EHC plan annual review",
        MeetingType.TeamAroundTheChild => "Team Around the Child meeting",
        MeetingType.DraftPlanDiscussion => "Discussion of a draft EHC plan",
        _ => other ?? "Meeting",
    };

    internal static List<Attendee> Attendees(string lines) =>
    [
        .. lines.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(line =>
        {
            var parts = line.Split([',', '–', '—'], 2, StringSplitOptions.TrimEntries);
            return new Attendee(parts[0], parts.Length > 1 && parts[1].Length > 0 ? parts[1] : "Attendee");
        }),
    ];

    private static MeetingRecordForm Clean(MeetingRecordForm form) => new()
    {
        Attendees = string.Join('\n', DocumentFormChecks.Tidy(form.Attendees).Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)),
        Agenda = [.. form.Agenda.Select(DocumentFormChecks.Tidy).Where(i => i.Length > 0)],
        PointsDiscussed = [.. form.PointsDiscussed.Select(DocumentFormChecks.Tidy).Where(i => i.Length > 0)],
        ActionPoints = [.. form.ActionPoints.Where(a => a is not null && (!string.IsNullOrWhiteSpace(a.Action) || !string.IsNullOrWhiteSpace(a.Owner)))
            .Select(a => new MeetingActionForm { Action = DocumentFormChecks.Tidy(a.Action), Owner = DocumentFormChecks.Tidy(a.Owner), Due = a.Due })],
    };

    private static List<FieldError> Validate(MeetingRecordForm form, DateOnly today)
    {
        var errors = new List<FieldError>();
        if (form.Attendees.Length == 0)
        {
            errors.Add(new("attendees", "Enter who attended, one per line"));
        }
        else
        {
            DocumentFormChecks.Check(errors, "attendees", "The list of attendees", form.Attendees, 4000, lines: true);
        }

        if (form.Agenda.Count == 0)
        {
            errors.Add(new("agenda", "Enter at least one agenda item"));
        }

        if (form.PointsDiscussed.Count == 0)
        {
            errors.Add(new("points", "Enter at least one point discussed"));
        }

        if (form.Agenda.Count + form.PointsDiscussed.Count > 100)
        {
            errors.Add(new("points", "There can be up to 100 agenda items and points discussed"));
        }

        DocumentFormChecks.CheckItems(errors, "agenda", "Agenda item", form.Agenda, 2000, most: 100);
        DocumentFormChecks.CheckItems(errors, "points", "Point discussed", form.PointsDiscussed, 2000, most: 100);
        DocumentFormChecks.CheckActions(errors, form.ActionPoints, "Action point", "enter the action, who will do it and by when", a => (a.Action, a.Owner, a.Due), today);
        return errors;
    }
}
