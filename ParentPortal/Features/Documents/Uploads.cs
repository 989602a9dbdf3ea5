using ParentPortal.Domain.Text;
using System.Security.Claims;
using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using ParentPortal.Data;
using ParentPortal.Data.Entities;
using ParentPortal.Domain.Cases;
using ParentPortal.Platform.Access;
using ParentPortal.Platform.Cases;
using ParentPortal.Platform.Files;

namespace ParentPortal.Features.Documents;

/// <summary>A file on a case, as a list shows it (never its bytes).</summary>
public sealed record UploadRow(Guid Id, UploadKind Kind, string FileName, long Size, DateTimeOffset UploadedAt, string UploadedBy, bool ByStaff, bool SharedWithLocalAuthority, bool MayRemove);

/// <summary>The upload page: whose case, whether more may be added, what is there and what room is left.</summary>
public sealed record UploadsView(Guid CaseId, string Reference, bool IsStaff, bool MayAdd, bool LocalAuthorityInvolved, IReadOnlyList<UploadRow> Files, long BytesLeft);

public sealed record UploadFile(string FileName, string ContentType, byte[] Content);

/// <summary>The outcome of an upload or a removal: a message for the person, or the field the problem is in.</summary>
/// <param name="Message">Said in the family's language on their page.</param>
public sealed record UploadResult(bool Succeeded, Wording Message, string? Field = null);

/// <summary>
/// Issue 14 item 3: files a family, or the staff on their case, add to it (the decision letter, the EHC plan or draft, the
/// school's complaint outcome, reports, a paper agreement). Each is checked by its content (<see cref="FileInspection"/>),
/// scanned by the ClamAV daemon (<see cref="IVirusScanner"/>: a file it did not pass is never kept), within the size limits,
/// and kept encrypted (<see cref="UploadVault"/>). The family's own sent case, or a member of staff who may issue documents
/// on it, may add; the local authority sees a file only when the family agreed to share it. Every change is in the case's
/// history; every open of a file by staff is audited.
/// </summary>
public sealed class UploadsHandler(
    IDbContextFactory<PortalDbContext> contextFactory,
    CaseFiles cases,
    IVirusScanner scanner,
    UploadVault vault,
    IOptions<UploadOptions> options,
    TimeProvider clock)
{
    public static readonly IReadOnlyList<(UploadKind Kind, string Label)> Kinds =
    [
        (UploadKind.DecisionLetter, "The local authority's decision letter"),
        (UploadKind.EhcPlan, "The EHC plan"),
        (UploadKind.DraftPlan, "A draft EHC plan"),
        (UploadKind.ComplaintOutcome, "The school's complaint outcome letter"),
        (UploadKind.Report, "A report for the mediator (for example from a therapist or doctor)"),
        (UploadKind.PaperAgreement, "A signed paper agreement"),
        (UploadKind.Other, "Something else"),
    ];

    public static string Label(UploadKind kind) => Kinds.FirstOrDefault(k => k.Kind == kind).Label ?? "A document";

    public UploadOptions Limits => options.Value;

    /// <summary>The page for the family who own the case, or for staff who may see it; null (404) for anyone else.</summary>
    public async Task<UploadsView?> GetAsync(ClaimsPrincipal user, Guid caseId, bool asStaff, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(user);
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var (application, staff) = await FindAsync(db, user, caseId, asStaff, cancellationToken);
        if (application is null)
        {
            return null;
        }

        var rows = await db.CaseUploads.AsNoTracking().Where(u => u.ApplicationId == caseId).OrderByDescending(u => u.UploadedAt)
            .Select(u => new { u.Id, u.Kind, u.FileName, u.Size, u.UploadedAt, u.UploadedByName, u.ByStaff, u.SharedWithLocalAuthority })
            .ToListAsync(cancellationToken);
        var mayAdd = application.Stage != CaseStage.Closed && (staff is null || CaseAccess.MayIssueDocuments(staff, application));
        var files = rows
            .Where(u => staff is null || CaseAccess.MaySeeUpload(staff, application, u.SharedWithLocalAuthority))
            .Select(u => new UploadRow(u.Id, u.Kind, u.FileName, u.Size, u.UploadedAt, staff is null && !u.ByStaff ? "You" : u.UploadedByName, u.ByStaff, u.SharedWithLocalAuthority,
                MayRemove: mayAdd && (staff is not null || !u.ByStaff)))
            .ToList();
        return new UploadsView(caseId, application.Reference ?? "", staff is not null, mayAdd, application.LocalAuthorityId is not null,
            files, Math.Max(0, options.Value.MaxCaseBytes - rows.Sum(u => u.Size)));
    }

    /// <summary>
    /// Adds a file. <paramref name="length"/> is the size the request declared: a file over the limit is refused before it is
    /// read. Null when the case is not one this person may add to (the page answers 404).
    /// </summary>
    public async Task<UploadResult?> AddAsync(ClaimsPrincipal user, Guid caseId, bool asStaff, UploadKind? kind, string? fileName, long length, Func<Stream> open, bool shareWithLocalAuthority, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(user);
        ArgumentNullException.ThrowIfNull(open);
        var limits = options.Value;
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var file = await OpenAsync(db, user, caseId, asStaff, cancellationToken);
        if (file is null)
        {
            return null;
        }

        if (file.Stage == CaseStage.Closed)
        {
            return new(false, "This case is closed, so no more files can be added to it.");
        }

        if (asStaff && !CaseAccess.MayIssueDocuments(file.Staff, file.Row))
        {
            return new(false, "Only the case's adviser, its mediator or a manager can add files to it.");
        }

        if (kind is not { } what || !Enum.IsDefined(what))
        {
            return new(false, "Select what the file is", "kind");
        }

        if (FileInspection.CheckName(fileName) is { } badName)
        {
            return new(false, badName, "file");
        }

        if (length > limits.MaxFileBytes)
        {
            return new(false, Wording.Format("The file must be smaller than {0}", WordingPart.AsTyped(limits.MaxFileText)), "file");
        }

        var used = await db.CaseUploads.Where(u => u.ApplicationId == caseId).SumAsync(u => (long?)u.Size, cancellationToken) ?? 0;
        if (used + length > limits.MaxCaseBytes)
        {
            return new(false, Wording.Format("A case can hold up to {0} of files, and this one would take it over. Remove a file you no longer need, or call us.", WordingPart.AsTyped(limits.MaxCaseText)), "file");
        }

        var content = await ReadAsync(open, limits.MaxFileBytes, cancellationToken);
        if (content is null)
        {
            return new(false, Wording.Format("The file must be smaller than {0}", WordingPart.AsTyped(limits.MaxFileText)), "file");
        }

        var inspection = FileInspection.Inspect(fileName, content, limits.MaxFileBytes);
        if (!inspection.Accepted)
        {
            return new(false, inspection.Refusal!, "file");
        }

        var scan = await scanner.ScanAsync(content, cancellationToken);
        if (scan.Outcome == ScanOutcome.Infected)
        {
            file.Record("upload-refused-by-virus-check");
            await file.SaveAsync(cancellationToken);
            return new(false, "Our virus check found a problem with this file, so we have not kept it. If you think the file is safe, save it again (for example as a new PDF) and try again, or call us.", "file");
        }

        if (scan.Outcome != ScanOutcome.Clean)
        {
            return new(false, "We could not check this file for viruses just now, so we have not kept it. Please try again in a few minutes.", "file");
        }

        var upload = new CaseUpload
        {
            Id = Guid.NewGuid(),
            ApplicationId = caseId,
            Kind = what,
            FileName = inspection.FileName!,
            ContentType = inspection.ContentType,
            Size = content.Length,
            ContentHash = Convert.ToHexStringLower(SHA256.HashData(content)),
            SealedContent = vault.Seal(content),
            UploadedAt = file.Now,
            UploadedBySubject = file.Actor.Subject,
            UploadedByName = file.Actor.Name,
            ByStaff = asStaff,
            SharedWithLocalAuthority = shareWithLocalAuthority && file.Row.LocalAuthorityId is not null,
        };
        db.CaseUploads.Add(upload);
        file.Record("file-uploaded", Label(what));
        return await file.SaveAsync(cancellationToken)
            ? new(true, Wording.Format("{0} has been added to your case.", WordingPart.AsTyped(inspection.FileName ?? "")))
            : new(false, "Someone changed this case at the same moment, so the file was not added. Please try again.", "file");
    }

    /// <summary>Removes a file: the family their own (not one staff added), staff who may add files any.</summary>
    public async Task<UploadResult?> RemoveAsync(ClaimsPrincipal user, Guid caseId, bool asStaff, Guid uploadId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(user);
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var file = await OpenAsync(db, user, caseId, asStaff, cancellationToken);
        if (file is null)
        {
            return null;
        }

        var upload = await db.CaseUploads.FirstOrDefaultAsync(u => u.Id == uploadId && u.ApplicationId == caseId, cancellationToken);
        if (upload is null)
        {
            // Already removed (a second press of the button): nothing left to do.
            return new(true, "The file has been removed.");
        }

        if (file.Stage == CaseStage.Closed || (asStaff ? !CaseAccess.MayIssueDocuments(file.Staff, file.Row) : upload.ByStaff))
        {
            return new(false, asStaff ? "Only the case's adviser, its mediator or a manager can remove files." : "This file was added by the people working on your case. Call us if it should not be there.");
        }

        db.CaseUploads.Remove(upload);
        file.Record("file-removed", Label(upload.Kind));
        return await file.SaveAsync(cancellationToken)
            ? new(true, Wording.Format("{0} has been removed.", WordingPart.AsTyped(upload.FileName)))
            : new(false, "Someone changed this case at the same moment, so the file was not removed. Please try again.");
    }

    /// <summary>The file's bytes for someone who may open it (the family, the case's staff, the LA when shared); null otherwise.</summary>
    public async Task<UploadFile?> DownloadAsync(ClaimsPrincipal user, Guid uploadId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(user);
        if (user.Identity?.IsAuthenticated != true)
        {
            return null;
        }

        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var meta = await db.CaseUploads.AsNoTracking().Where(u => u.Id == uploadId)
            .Select(u => new { u.ApplicationId, u.SharedWithLocalAuthority }).FirstOrDefaultAsync(cancellationToken);
        var application = meta is null ? null
            : await db.Applications.AsNoTracking().FirstOrDefaultAsync(a => a.Id == meta.ApplicationId && a.Status == ApplicationStatus.Submitted, cancellationToken);
        if (application is null)
        {
            return null;
        }

        var (isFamily, staff) = await ApplicationAccess.PartyAsync(db, user, application, cancellationToken);
        if (!isFamily && (staff is null || !CaseAccess.MaySeeUpload(staff, application, meta!.SharedWithLocalAuthority)))
        {
            return null;
        }

        if (staff is not null)
        {
            AuditLog.Write(db, staff, "upload-downloaded", "upload", uploadId.ToString(), clock.GetUtcNow());
            await db.SaveChangesAsync(cancellationToken);
        }

        var row = await db.CaseUploads.AsNoTracking().Where(u => u.Id == uploadId)
            .Select(u => new { u.FileName, u.ContentType, u.SealedContent }).FirstAsync(cancellationToken);
        return new UploadFile(row.FileName, row.ContentType, vault.Open(row.SealedContent));
    }

    private async Task<CaseFile?> OpenAsync(PortalDbContext db, ClaimsPrincipal user, Guid caseId, bool asStaff, CancellationToken cancellationToken) =>
        asStaff ? await cases.OpenForStaffAsync(db, user, caseId, cancellationToken) : await cases.OpenForFamilyAsync(db, user, caseId, cancellationToken);

    private static async Task<(Application? Application, StaffContext? Staff)> FindAsync(PortalDbContext db, ClaimsPrincipal user, Guid caseId, bool asStaff, CancellationToken cancellationToken)
    {
        if (!asStaff)
        {
            var owned = await ApplicationAccess.OwnedAsync(db, user, caseId, cancellationToken);
            return (owned is { Status: ApplicationStatus.Submitted } ? owned : null, null);
        }

        var staff = await StaffAccess.ForAsync(db, user, cancellationToken);
        var application = staff is null ? null
            : await db.Applications.AsNoTracking().VisibleTo(staff).FirstOrDefaultAsync(a => a.Id == caseId && a.Status == ApplicationStatus.Submitted, cancellationToken);
        return (application, application is null ? null : staff);
    }

    /// <summary>Reads at most <paramref name="max"/> bytes; null when there are more (a declared length can be wrong).</summary>
    private static async Task<byte[]?> ReadAsync(Func<Stream> open, long max, CancellationToken cancellationToken)
    {
        await using var stream = open();
        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = await stream.ReadAsync(chunk, cancellationToken)) > 0)
        {
            buffer.Write(chunk, 0, read);
            if (buffer.Length > max)
            {
                return null;
            }
        }

        return buffer.ToArray();
    }
}
