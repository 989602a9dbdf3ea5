using System.Security.Claims;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using ParentPortal.Data;
using ParentPortal.Data.Entities;
using ParentPortal.Domain.Cases;
using ParentPortal.Domain.Meetings;
using ParentPortal.Domain.Triage;
using ParentPortal.Features.Documents.Models;
using ParentPortal.Platform.Access;
using ParentPortal.Platform.Calendar;
using ParentPortal.Platform.Cases;
using ParentPortal.Platform.Messaging;
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
        IssuedFile pdf;
        try
        {
            pdf = pdfs.MeetingRecordFile(model, now);
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
        var family = (await file.PartiesAsync(cancellationToken)).Family.Name;
        var meeting = await file.MeetingAsync(cancellationToken);
        var points = await ActionPointsHandler.AddForRecordAsync(db, caseId, document.Id, form.ActionPoints, meeting, family, file.MayWriteTo, cancellationToken);
        await ActionPointsHandler.RemindBeforeDueAsync(db, file, points, profile.Name, cancellationToken);
        await file.TellFamilyAsync("document-ready", "The record of your meeting is ready", $"The facilitator's record of your meeting ({number}) is ready. Sign in to the portal and choose \"Your applications\" to download it.{OwnActions(form, family)}", "record-ready:" + document.Id, cancellationToken, document.Id);

        // Issue 13 item 7 and seed 004: the record goes to everyone who attended, each told the action points they own.
        IReadOnlyList<string> copiesTo = [];
        if (meeting is not null)
        {
            var heldOn = await MeetingDateAsync(file, cancellationToken);
            var sent = await file.SendToAttendeesAsync(meeting, "meeting-record-copy", $"Record of the meeting ({file.Reference})", (name, _) => $"""
                Dear {name},

                The facilitator's record of the {(type == MeetingType.AnnualReview ? "annual review" : "meeting")} on {UkDates.LongDate(heldOn)}, {number}, is attached.{OwnActions(form, name)}

                Anyone can check it is genuine: go to {links.For(code)} or enter the code {VerificationCodes.Display(code)} on our verification page.

                {profile.Name}
                """, $"meeting-record-copy:{document.Id:N}", new MessageAttachment { FileName = $"meeting-record-{file.Reference}.pdf", ContentType = "application/pdf", Data = pdf.Pdf }, document.Id, cancellationToken, includeFamily: false);
            if (sent.Count > 0)
            {
                file.Record("record-copies-sent", $"Sent by e-mail to {string.Join(", ", sent)}");
            }

            copiesTo = sent;
        }
        if (!await file.SaveAsync(cancellationToken))
        {
            return new(false, CaseChangeResult.Conflict);
        }

        return new(true, $"Meeting record {number} issued. The family has been told it is ready{(copiesTo.Count == 0 ? "" : $", and it has been e-mailed to {string.Join(", ", copiesTo)}")}.", document.Id);
    }

    /// <summary>The action points <paramref name="owner"/> owns, as a paragraph for their message; empty when none.</summary>
    private static string OwnActions(MeetingRecordForm form, string? owner)
    {
        var mine = owner is null ? [] : form.ActionPoints.Where(a => OwnerName(a.Owner) == OwnerName(owner)).ToList();
        return mine.Count == 0 ? "" : "\n\nYour action points:\n" + string.Join('\n', mine.Select(a => $"- {a.Action}, by {UkDates.LongDate(a.Due!.Value)}"));
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

    // The record starts from who was invited ("Name, role" per line) and the agenda shared before the meeting, if any.
    private static async Task<MeetingRecordForm> StartingFormAsync(CaseFile file, CancellationToken cancellationToken)
    {
        var meeting = await file.MeetingAsync(cancellationToken);
        List<string> agenda = meeting?.Agenda is { } shared ? [.. shared.Split('\n')] : [];
        if (meeting is not { People.Count: > 0 })
        {
            return new() { Attendees = file.Profile.MeetingAttendees ?? "", Agenda = agenda };
        }

        var family = (await file.PartiesAsync(cancellationToken)).Family.Name;
        var lines = meeting.People.Select(p => $"{p.Name}, {MeetingPlan.Describe(p.Role).ToLowerInvariant()}");
        return new() { Attendees = string.Join('\n', family is null ? lines : lines.Prepend($"{family}, {(file.Profile.IsYoungPerson ? "young person" : "parent or carer")}")), Agenda = agenda };
    }

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

        // Each action point is owned by someone who was there (seed 004): the owner is named as in "Who attended".
        var names = AttendeeNames(form.Attendees);
        var strangers = form.ActionPoints.Select((a, i) => (a.Owner, Number: i + 1))
            .Where(a => !string.IsNullOrWhiteSpace(a.Owner) && !names.Contains(OwnerName(a.Owner)))
            .ToList();
        if (errors.Count == 0 && strangers.Count > 0)
        {
            errors.Add(new("actions", $"Action point {strangers[0].Number}: the owner, {strangers[0].Owner}, is not in the list of who attended. Name someone who was there, as the list spells them."));
        }

        return errors;
    }

    /// <summary>The names in "Who attended" ("Name, role" per line), as owners are compared: the part before the first comma, any case.</summary>
    internal static HashSet<string> AttendeeNames(string lines) =>
        [.. lines.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(OwnerName)];

    internal static string OwnerName(string text) => text.Split(',')[0].Trim().ToUpperInvariant();
}
