using System.Security.Claims;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using ParentPortal.Data;
using ParentPortal.Data.Entities;
using ParentPortal.Domain.Cases;
using ParentPortal.Domain.Triage;
using ParentPortal.Features.Documents.Models;
using ParentPortal.Platform.Access;
using ParentPortal.Platform.Calendar;
using ParentPortal.Platform.Cases;
using ParentPortal.Platform.Pdf;
using ParentPortal.Platform.Settings;

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
    CaseFiles cases,
    VerificationLinks links,
    TimeProvider clock)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public async Task<MeetingRecordView?> GetAsync(ClaimsPrincipal user, Guid caseId, CancellationToken cancellationToken = default)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var file = await cases.OpenForStaffAsync(db, user, caseId, cancellationToken);
        // The record is the family's document: only those who may download it read it here (its adviser, its
        // facilitator, a manager), not every adviser or the local authority's officer who can see the case.
        if (file is null || file.Route != AnswerKeys.Facilitation || !CaseAccess.MaySeeDocument(file.Staff, file.Row, DocumentKind.MeetingRecord))
        {
            return null;
        }

        var application = file.Row;

        var draft = await db.MeetingRecordDrafts.AsNoTracking().FirstOrDefaultAsync(d => d.ApplicationId == caseId, cancellationToken);
        var form = draft is null ? await StartingFormAsync(file, cancellationToken) : JsonSerializer.Deserialize<MeetingRecordForm>(draft.ContentJson, Json)!;
        var issued = await IssuedDocuments.HasLiveAsync(db, caseId, DocumentKind.MeetingRecord, cancellationToken);
        var canWrite = CaseAccess.MayIssueDocuments(file.Staff, application) && application.Stage is CaseStage.MeetingHeld or CaseStage.RecordWritten;
        var (type, other) = Kind(file.Profile);
        return new MeetingRecordView(caseId, application.Reference, form, canWrite && !issued, issued, await MeetingDateAsync(file, cancellationToken), Describe(type, other));
    }

    public async Task<(bool Succeeded, IReadOnlyList<FieldError> Errors)> SaveAsync(ClaimsPrincipal user, Guid caseId, MeetingRecordForm form, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(form);
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var (file, refusal) = await WritableAsync(db, user, caseId, cancellationToken);
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

        file!.Record("record-saved", "Meeting record saved");
        return await file.SaveAsync(cancellationToken) ? (true, []) : (false, [new FieldError("", CaseChangeResult.Conflict)]);
    }

    public async Task<DocumentResult> IssueAsync(ClaimsPrincipal user, Guid caseId, CancellationToken cancellationToken = default)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var (file, refusal) = await WritableAsync(db, user, caseId, cancellationToken);
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

        var now = file!.Now;
        var profile = await services.GetAsync(cancellationToken);
        var code = VerificationCodes.New();
        var (type, other) = Kind(file.Profile);
        var facilitatorName = (await file.PartiesAsync(cancellationToken)).Mediator?.Name;
        var number = await IssuedDocuments.NextNumberAsync(db, file, DocumentKind.MeetingRecord, "MR", cancellationToken);
        var model = new FacilitatedMeetingRecord(
            file.Reference,
            profile.Name,
            type,
            other,
            await MeetingDateAsync(file, cancellationToken),
            file.Profile.ChildName,
            new Issuer(facilitatorName ?? file.Staff.Name, "Facilitator", profile.Name),
            Attendees(form.Attendees),
            form.Agenda,
            form.PointsDiscussed,
            [.. form.ActionPoints.Select(a => new ActionPoint(a.Action, a.Owner, a.Due!.Value))],
            new DocumentVerification(VerificationCodes.Display(code), links.For(code)));
        byte[] pdf;
        try
        {
            pdf = pdfs.MeetingRecord(model, now);
        }
        catch (UnsupportedTextException e)
        {
            return new(false, e.Message + " Change the wording, or check how the name is spelt.");
        }

        var document = IssuedDocuments.Store(db, caseId, file.Staff.Subject, DocumentKind.MeetingRecord, type.ToString(), number, code, pdf, $"meeting-record-{file.Reference}.pdf", profile.Name, now,
            await IssuedDocuments.LatestWithdrawnAsync(db, caseId, DocumentKind.MeetingRecord, cancellationToken));
        file.MoveIfAllowed(CaseStage.RecordWritten);
        file.Record("record-issued", number);
        AuditLog.Write(db, file.Staff, "document-issued", "document", document.Id.ToString(), now, "meeting-record");
        await file.TellFamilyAsync("document-ready", "The record of your meeting is ready", $"The facilitator's record of your meeting ({number}) is ready. Sign in to the portal and choose \"Your applications\" to download it.", "record-ready:" + document.Id, cancellationToken, document.Id);
        if (!await file.SaveAsync(cancellationToken))
        {
            return new(false, CaseChangeResult.Conflict);
        }

        return new(true, $"Meeting record {number} issued. The family has been told it is ready.", document.Id);
    }

    private async Task<(CaseFile? File, string? Refusal)> WritableAsync(PortalDbContext db, ClaimsPrincipal user, Guid caseId, CancellationToken cancellationToken)
    {
        var file = await cases.OpenForStaffAsync(db, user, caseId, cancellationToken);
        if (file is null || file.Route != AnswerKeys.Facilitation)
        {
            return (null, "We could not find that case.");
        }

        if (!CaseAccess.MayIssueDocuments(file.Staff, file.Row))
        {
            return (file, "Only the case's facilitator or adviser, or a manager, can write the meeting record. Take the case first.");
        }

        if (file.Stage is not (CaseStage.MeetingHeld or CaseStage.RecordWritten))
        {
            return (file, "The record is written after the meeting has been held. Mark the meeting as held first.");
        }

        if (await IssuedDocuments.HasLiveAsync(db, caseId, DocumentKind.MeetingRecord, cancellationToken))
        {
            return (file, "The record has been issued. To change it, withdraw it first, then edit and issue it again.");
        }

        return (file, null);
    }

    private static async Task<MeetingRecordForm> StartingFormAsync(CaseFile file, CancellationToken cancellationToken) =>
        new() { Attendees = (await file.MeetingAsync(cancellationToken))?.Attendees ?? file.Profile.MeetingAttendees ?? "" };

    private static async Task<DateOnly> MeetingDateAsync(CaseFile file, CancellationToken cancellationToken) =>
        file.Row.MeetingHeldOn ?? UkDates.DateIn((await file.MeetingAsync(cancellationToken))?.StartsAt ?? file.Now);

    private static (MeetingType Type, string? Other) Kind(CaseProfile profile) => profile.MeetingType switch
    {
        Domain.Eligibility.MeetingType.AnnualReview => (MeetingType.AnnualReview, null),
        Domain.Eligibility.MeetingType.TeamAroundTheChild => (MeetingType.TeamAroundTheChild, null),
        Domain.Eligibility.MeetingType.DraftEhcPlanDiscussion => (MeetingType.DraftPlanDiscussion, null),
        _ => (MeetingType.Other, profile.MeetingTypeOther ?? "Meeting"),
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
