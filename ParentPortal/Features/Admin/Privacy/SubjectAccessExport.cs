using System.IO.Compression;
using System.Security.Claims;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using Microsoft.EntityFrameworkCore;
using ParentPortal.Data;
using ParentPortal.Domain.Triage;
using ParentPortal.Platform.Access;
using ParentPortal.Platform.Files;
using ParentPortal.Platform.Calendar;
using ParentPortal.Platform.Settings;

namespace ParentPortal.Features.Admin.Privacy;

public sealed record SubjectAccessFile(byte[] Content, string FileName);

/// <summary>
/// Everything held about one family, as one ZIP for a subject access request: <c>family.json</c> (the sign-in
/// record, every application with its answers, case history, meetings, agreements, bookings, linked call-log
/// entries, invitations, survey answers, the e-mails sent to them and the audit entries about their records),
/// every issued PDF exactly as stored under <c>documents/</c>, and a README. Managers only; the export is audited.
/// </summary>
public sealed class SubjectAccessExport(IDbContextFactory<PortalDbContext> contextFactory, ServiceDirectory directory, UploadVault vault, TimeProvider clock)
{
    public const string JsonEntry = "family.json";
    public const string DocumentsFolder = "documents/";
    public const string UploadsFolder = "uploads/";

    private static readonly JsonSerializerOptions Json = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        // A file for people to read (Siân, O'Brien), downloaded as a ZIP and never put into a page, so HTML escaping is not needed.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        Converters = { new JsonStringEnumConverter() },
    };

    /// <summary>The family of this application, for a manager; null (a 404) for anyone else or no such application.</summary>
    public async Task<SubjectAccessFile?> ExportAsync(ClaimsPrincipal user, Guid applicationId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(user);
        if (user.Identity?.IsAuthenticated != true)
        {
            return null;
        }

        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var manager = await FamilyRecords.ManagerAsync(db, user, cancellationToken);
        if (manager is null || await FamilyRecords.OwnerOfAsync(db, applicationId, cancellationToken) is not { } ownerId)
        {
            return null;
        }

        var now = clock.GetUtcNow();
        var records = await FamilyRecords.LoadAsync(db, ownerId, cancellationToken);
        var ids = records.ApplicationIds;
        var events = await db.CaseEvents.AsNoTracking().Where(e => ids.Contains(e.ApplicationId)).OrderBy(e => e.At).ThenBy(e => e.Id).ToListAsync(cancellationToken);
        var meetings = await db.CaseMeetings.AsNoTracking().Include(m => m.People).Where(m => ids.Contains(m.ApplicationId)).ToListAsync(cancellationToken);
        var agreementDrafts = await db.AgreementDrafts.AsNoTracking().Where(d => ids.Contains(d.ApplicationId)).ToListAsync(cancellationToken);
        var signatures = await db.AgreementSignatures.AsNoTracking().Where(s => ids.Contains(s.ApplicationId)).OrderBy(s => s.SignedAt).ToListAsync(cancellationToken);
        var recordDrafts = await db.MeetingRecordDrafts.AsNoTracking().Where(d => ids.Contains(d.ApplicationId)).ToListAsync(cancellationToken);
        var actionPoints = await db.CaseActionPoints.AsNoTracking().Where(p => ids.Contains(p.ApplicationId)).OrderBy(p => p.DocumentId).ThenBy(p => p.Number).ToListAsync(cancellationToken);
        var surveys = await db.SatisfactionResponses.AsNoTracking().Where(r => ids.Contains(r.ApplicationId)).ToListAsync(cancellationToken);
        var corrections = await db.CorrectionRequests.AsNoTracking().Where(c => ids.Contains(c.ApplicationId)).ToListAsync(cancellationToken);
        var leftovers = records.LeftoverPhoneRecords;
        var phoneRecords = await db.Users.AsNoTracking().Where(u => leftovers.Contains(u.Id)).OrderBy(u => u.FirstSignedInAt).ToListAsync(cancellationToken);
        var invitations = await db.ApplicationInvitations.AsNoTracking().Where(i => ids.Contains(i.ApplicationId)).OrderBy(i => i.CreatedAt).ToListAsync(cancellationToken);

        var found = records.Applications.Single(a => a.Id == applicationId);
        var stamp = UkDates.Iso(UkDates.DateIn(now));
        var paths = DocumentPaths(records.Documents);
        var uploads = await db.CaseUploads.AsNoTracking().Where(u => ids.Contains(u.ApplicationId)).OrderBy(u => u.UploadedAt)
            .Select(u => new { u.Id, u.ApplicationId, u.Kind, u.FileName, u.ContentType, u.Size, u.ContentHash, u.UploadedAt, u.UploadedByName, u.ByStaff, u.SharedWithLocalAuthority })
            .ToListAsync(cancellationToken);
        var uploadPaths = UploadPaths(uploads.Select(u => (u.Id, u.FileName)));
        var document = new
        {
            About = "Everything the portal holds about this family, exported for a subject access request. Dates and times are UTC unless they are dates only. " +
                    "Each document in documents/ is the PDF exactly as issued; its SHA-256 is given here as contentHash.",
            Service = (await directory.GetAsync(cancellationToken)).Name,
            ExportedAt = now,
            Reference = found.Reference,
            Person = new { records.User.Id, records.User.DisplayName, records.User.Email, SignInId = records.User.Subject, records.User.FirstSignedInAt, records.User.LastSignedInAt },
            RecordsMadeOnThePhone = phoneRecords.Select(u => new { u.Id, u.DisplayName, u.Email, CreatedAt = u.FirstSignedInAt }),
            Applications = records.Applications.Select(a => new
            {
                a.Id,
                a.Reference,
                a.Status,
                a.Route,
                LocalAuthority = a.LocalAuthority?.Name,
                Area = a.Area?.Name,
                a.CreatedAt,
                a.UpdatedAt,
                a.SubmittedAt,
                a.Stage,
                a.ClosedAt,
                a.ClosingNote,
                Adviser = a.Adviser?.DisplayName,
                MediatorOrFacilitator = a.AssignedStaff?.DisplayName,
                a.MediationChoice,
                a.MediationChoiceAt,
                a.InformationGivenOn,
                a.LaToldOfMediationOn,
                a.CertificateTrigger,
                a.CertificateTriggeredOn,
                a.CertificateIssuedOn,
                a.MeetingHeldOn,
                DatesTheyCannotAttend = a.UnavailableDates,
                Appeal = new { a.AppealRemindersWanted, a.AppealStatus, a.AppealedOn },
                a.SurveyRequestedAt,
                a.DeletionWarningSentAt,
                Answers = TriageAnswers.FromJson(a.AnswersJson).Values,
                PhoneCall = ParseOrNull(a.PhoneDetailsJson),
                History = events.Where(e => e.ApplicationId == a.Id).Select(e => new { e.At, By = e.ActorName, e.Kind, e.FromStage, e.ToStage, e.Note }),
                // Who else attended is named with their role; their own contact details are theirs, not the family's.
                Meetings = meetings.Where(m => m.ApplicationId == a.Id).OrderBy(m => m.StartsAt).Select(m => new
                {
                    m.Kind, m.WithParty, m.StartsAt, m.EndsAt, m.Format, m.MeetingLink, m.VenueName, m.VenueAddress,
                    Attendees = m.People.Select(p => new { p.Name, p.Role, p.InvitedOn }), m.LaDecisionMaker, m.NoticeGivenOn, m.ShortNoticeAgreed,
                    m.HeldOn, m.SkippedReason, m.CancelledAt, m.UpdatedAt,
                }),
                AgreementDraft = agreementDrafts.Where(d => d.ApplicationId == a.Id).Select(d => new { Content = ParseOrNull(d.ContentJson), d.ContentHash, d.UpdatedAt }).FirstOrDefault(),
                Signatures = signatures.Where(s => s.ApplicationId == a.Id).Select(s => new { s.Role, s.SignerName, s.SignedAt, s.ContentHash, s.VoidedAt }),
                // Who owns each is named as the record names them; a staff owner's account is theirs, not the family's.
                ActionPoints = actionPoints.Where(p => p.ApplicationId == a.Id).Select(p => new { p.DocumentId, p.Number, p.What, p.Owner, p.OwnerIsFamily, p.Due, p.DoneOn }),
                MeetingRecordDraft = recordDrafts.Where(d => d.ApplicationId == a.Id).Select(d => new { Content = ParseOrNull(d.ContentJson), d.UpdatedAt }).FirstOrDefault(),
                Documents = records.Documents.Where(d => d.ApplicationId == a.Id).Select(d => new
                {
                    d.Id, d.Kind, d.Subtype, d.Number, d.VerificationCode, d.IssuedAt, d.IssuingOrganisation, d.ContentHash, d.AgreementContentHash,
                    d.FileName, File = paths[d.Id], d.RevokedAt, d.RevocationReason, d.ReplacesId,
                }),
                // Files the family or staff added to the case, each under uploads/ as it was uploaded.
                Uploads = uploads.Where(u => u.ApplicationId == a.Id).Select(u => new
                {
                    u.Id, u.Kind, u.FileName, File = uploadPaths[u.Id], u.ContentType, u.Size, u.ContentHash, u.UploadedAt, UploadedBy = u.UploadedByName, u.ByStaff, u.SharedWithLocalAuthority,
                }),
                // Corrections the family asked for, and what became of each.
                CorrectionRequests = corrections.Where(c => c.ApplicationId == a.Id).OrderBy(c => c.AskedAt).Select(c => new { c.Question, c.Wanted, c.AskedAt, c.Status, c.HandledAt, c.Reply }),
                Invitations = invitations.Where(i => i.ApplicationId == a.Id).Select(i => new { i.Id, i.CreatedAt, i.ExpiresAt, i.ClaimedAt }),
                Survey = surveys.Where(r => r.ApplicationId == a.Id).Select(r => new { r.Rating, r.Comment, r.SubmittedAt }).FirstOrDefault(),
            }),
            SessionBookings = records.Bookings.Select(b => new
            {
                b.Id,
                b.ApplicationId,
                Session = b.Session is { } s ? new { s.Title, s.Type, s.StartsAt, s.EndsAt, s.Format, s.VenueName, s.Status } : null,
                b.Status,
                b.CreatedAt,
                b.BookedAt,
                b.EndedAt,
                b.OfferExpiresAt,
                b.Attended,
                b.Choice,
                b.ChoiceMadeAt,
            }),
            HelplineCalls = records.Calls.Select(c => new
            {
                c.Id, c.ApplicationId, c.StartedAt, c.DurationMinutes, c.CallerType, c.Topic, c.Route, LocalAuthority = c.LocalAuthority?.Name, c.Language, c.InterpreterUsed, c.Outcome,
            }),
            EmailsSentToThem = records.Messages.Where(m => m.ToFamily).Select(m => m.Message).Select(m => new
            {
                // E-mails, and texts and letters too (issue 15): how it was sent and, for a text, the words that went.
                m.Id, m.Kind, Channel = m.Channel.ToString(), m.ToAddress, m.ToName, m.Subject, m.Body, m.ShortText, m.CreatedAt, m.SentAt, m.CancelledAt, m.AttachmentName, m.AttachmentContent,
            }),
            AuditEntries = records.AuditEntries.Select(e => new { e.At, e.ActorSubject, e.ActorRoles, e.Action, e.TargetType, e.TargetId, e.Detail }),
        };

        using var zip = new MemoryStream();
        using (var archive = new ZipArchive(zip, ZipArchiveMode.Create, leaveOpen: true))
        {
            await AddAsync(archive, "README.txt", Encoding.UTF8.GetBytes(Readme(found.Reference, now)), CompressionLevel.Optimal, now, cancellationToken);
            await AddAsync(archive, JsonEntry, JsonSerializer.SerializeToUtf8Bytes(document, Json), CompressionLevel.Optimal, now, cancellationToken);
            foreach (var row in records.Documents)
            {
                var pdf = await db.CaseDocuments.AsNoTracking().Where(d => d.Id == row.Id).Select(d => d.Pdf).SingleAsync(cancellationToken);
                await AddAsync(archive, paths[row.Id], pdf, CompressionLevel.NoCompression, row.IssuedAt, cancellationToken);
            }

            foreach (var upload in uploads)
            {
                var sealedContent = await db.CaseUploads.AsNoTracking().Where(u => u.Id == upload.Id).Select(u => u.SealedContent).SingleAsync(cancellationToken);
                await AddAsync(archive, uploadPaths[upload.Id], vault.Open(sealedContent), CompressionLevel.Optimal, upload.UploadedAt, cancellationToken);
            }
        }

        AuditLog.Write(db, manager, "subject-access-export", "user", ownerId.ToString(), now,
            $"from-application={applicationId} applications={ids.Count} documents={records.Documents.Count} uploads={uploads.Count} emails={records.Messages.Count(m => m.ToFamily)}");
        await db.SaveChangesAsync(cancellationToken);
        return new SubjectAccessFile(zip.ToArray(), $"subject-access-{found.Reference ?? found.Id.ToString()}-{stamp}.zip");
    }

    /// <summary>documents/&lt;file name as issued&gt;, made safe and unique (a reissued document may share its name).</summary>
    private static Dictionary<Guid, string> DocumentPaths(IReadOnlyList<FamilyDocumentRow> documents)
    {
        var paths = new Dictionary<Guid, string>();
        var used = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var d in documents)
        {
            var name = Domain.Text.SafeFileNames.Pdf(d.FileName);
            var stem = name[..^4];
            for (var n = 2; !used.Add(name); n++)
            {
                name = $"{stem}-{n}.pdf";
            }

            paths[d.Id] = DocumentsFolder + name;
        }

        return paths;
    }

    /// <summary>uploads/&lt;file name as kept&gt;, made safe and unique.</summary>
    private static Dictionary<Guid, string> UploadPaths(IEnumerable<(Guid Id, string FileName)> uploads)
    {
        var paths = new Dictionary<Guid, string>();
        var used = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var (id, fileName) in uploads)
        {
            var extension = Path.GetExtension(fileName) is { Length: > 1 } e ? e : ".bin";
            var name = Domain.Text.SafeFileNames.WithExtension(fileName, extension);
            var stem = name[..^extension.Length];
            for (var n = 2; !used.Add(name); n++)
            {
                name = $"{stem}-{n}{extension}";
            }

            paths[id] = UploadsFolder + name;
        }

        return paths;
    }

    private static async Task AddAsync(ZipArchive archive, string name, byte[] content, CompressionLevel level, DateTimeOffset modified, CancellationToken cancellationToken)
    {
        var entry = archive.CreateEntry(name, level);
        // ZIP times cannot be before 1980; the real ones always are later.
        entry.LastWriteTime = modified.Year < 1980 ? new DateTimeOffset(1980, 1, 1, 0, 0, 0, TimeSpan.Zero) : modified;
        await using var stream = await entry.OpenAsync(cancellationToken);
        await stream.WriteAsync(content, cancellationToken);
    }

    private static JsonNode? ParseOrNull(string? json)
    {
        if (string.IsNullOrWhiteSpace(json))
        {
            return null;
        }

        try
        {
            return JsonNode.Parse(json);
        }
        catch (JsonException)
        {
            return JsonValue.Create(json);
        }
    }

    private static string Readme(string? reference, DateTimeOffset now) => $"""
        Subject access export{(reference is null ? "" : $" for the family with application reference {reference}")}
        Made {UkDates.DateAndTime(now)} (UK time).

        family.json  everything held about the family in the portal, in one file:
                     the sign-in record; every application with its answers; the case history,
                     meetings, agreements and signatures; session bookings; helpline call records
                     linked to their applications (these never hold names); invitations; survey
                     answers; the e-mails sent to them; and the audit entries about their records.
        documents/   each certificate, agreement and meeting record issued, exactly as issued.
                     family.json gives each one's SHA-256 (contentHash) to check it against.
        uploads/     each file the family or staff added to a case, as it was uploaded.

        """;
}
