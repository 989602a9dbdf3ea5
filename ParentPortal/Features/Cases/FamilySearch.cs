using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using ParentPortal.Data;
using ParentPortal.Data.Entities;
using ParentPortal.Domain.Cases;
using ParentPortal.Domain.Privacy;
using ParentPortal.Domain.Triage;
using ParentPortal.Platform.Access;

namespace ParentPortal.Features.Cases;

/// <param name="Child">The child's first name and last initial: enough to tell families apart, no more.</param>
public sealed record FamilySearchRow(Guid Id, string? Reference, ApplicationStatus Status, CaseStage Stage, string? Route, string? LocalAuthority, string? Parent, string? Child, DateTimeOffset UpdatedAt);

public sealed record FamilySearchResult(bool Succeeded, string? Error, IReadOnlyList<FamilySearchRow> Rows);

/// <summary>
/// Find a family by reference, parent name, phone, e-mail or child's name, among the cases the member of
/// staff may see. The search itself is audited (how many results, not what was typed).
/// </summary>
public sealed class FamilySearchQuery(IDbContextFactory<PortalDbContext> contextFactory, TimeProvider clock)
{
    public const int MaxResults = 50;

    public async Task<FamilySearchResult> HandleAsync(ClaimsPrincipal user, string? query, CancellationToken cancellationToken = default)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var staff = await StaffAccess.ForAsync(db, user, cancellationToken);
        if (staff is null)
        {
            return new(false, "Only staff can search for families.", []);
        }

        var text = query?.Trim() ?? "";
        if (text.Length < 3 || text.Length > 100)
        {
            return new(false, "Enter at least 3 characters: a reference, a name, a phone number or an e-mail address", []);
        }

        var cases = db.Applications.AsNoTracking().VisibleTo(staff);
        var reference = ApplicationReference.Normalise(text);
        var term = ApplicationSearchText.Normalise(text);
        // A local authority officer finds by name, phone or e-mail only the cases whose application the family agreed to share
        // with it in full: a summary does not include the family's contact details, so a search must not confirm them.
        var searchable = staff.IsAdviserOrManager || staff.IsMediator ? cases : cases.Where(a => a.LocalAuthorityView == PartyView.Everything);
        var matches = reference is not null
            ? cases.Where(a => a.Reference == reference)
            : searchable.Where(a => a.SearchText != null && a.SearchText.Contains(term));
        var rows = await matches
            .OrderByDescending(a => a.UpdatedAt)
            .Take(MaxResults)
            .Select(a => new { a.Id, a.Reference, a.Status, a.Stage, a.Route, LocalAuthority = a.LocalAuthority!.Name, Parent = a.Owner!.DisplayName, a.AnswersJson, a.UpdatedAt })
            .ToListAsync(cancellationToken);
        AuditLog.Write(db, staff, "family-search", "application", null, clock.GetUtcNow(), $"{rows.Count} results");
        await db.SaveChangesAsync(cancellationToken);
        return new(true, null, [.. rows.Select(r =>
        {
            var profile = CaseProfile.From(TriageAnswers.FromJson(r.AnswersJson));
            var child = profile.ChildFirstName is { } first
                ? first + (profile.ChildLastName is { Length: > 0 } last ? " " + last[0] + "." : "")
                : null;
            return new FamilySearchRow(r.Id, r.Reference, r.Status, r.Stage, r.Route, r.LocalAuthority, r.Parent, child, r.UpdatedAt);
        })]);
    }
}
