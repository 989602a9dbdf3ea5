using System.Data;
using System.Data.Common;
using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;
using ParentPortal.Data;
using ParentPortal.Data.Entities;
using ParentPortal.Domain.Triage;
using ParentPortal.Platform.Access;
using ParentPortal.Platform.Identity;
using static ParentPortal.Domain.Text.ContactText;
using static ParentPortal.Features.Admin.Settings.SettingsValidation;

namespace ParentPortal.Features.Admin.Settings;

public sealed record StaffRow(int Id, string Subject, string DisplayName, string? Email, IReadOnlyList<string> Roles, int? LocalAuthorityId, string? LocalAuthorityName, bool IsActive);

public sealed class StaffForm
{
    public string? DisplayName { get; set; }

    public string? Email { get; set; }

    /// <summary>The sign-in provider's subject (<c>sub</c>); set when the member of staff is added, never changed.</summary>
    public string? Subject { get; set; }

    public ISet<string> Roles { get; } = new HashSet<string>(StringComparer.Ordinal);

    public int? LocalAuthorityId { get; set; }
}

/// <summary>
/// Staff and their roles. Every change is audited, takes effect on the member's next request (their
/// cached roles are dropped), and cannot leave the service without an active manager.
/// </summary>
public sealed class StaffHandler(IDbContextFactory<PortalDbContext> contextFactory, IMemoryCache cache, TimeProvider clock)
{
    public static string RoleName(string role) => role switch
    {
        PortalRoles.Adviser => "Adviser",
        PortalRoles.Mediator => "Mediator",
        PortalRoles.LaOfficer => "Local authority officer",
        PortalRoles.Manager => "Service manager",
        _ => role,
    };

    public async Task<IReadOnlyList<StaffRow>?> ListAsync(ClaimsPrincipal user, CancellationToken cancellationToken = default)
    {
        if (!await SettingsAccess.IsManagerAsync(contextFactory, user, cancellationToken))
        {
            return null;
        }

        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var staff = await db.StaffMembers.AsNoTracking().Include(s => s.Roles).Include(s => s.LocalAuthority)
            .OrderByDescending(s => s.IsActive).ThenBy(s => s.DisplayName)
            .ToListAsync(cancellationToken);
        return [.. staff.Select(s => new StaffRow(s.Id, s.Subject, s.DisplayName, s.Email, Ordered(s.Roles.Select(r => r.Role)), s.LocalAuthorityId, s.LocalAuthority?.Name, s.IsActive))];
    }

    public async Task<StaffRow?> GetAsync(ClaimsPrincipal user, int id, CancellationToken cancellationToken = default) =>
        (await ListAsync(user, cancellationToken))?.FirstOrDefault(s => s.Id == id);

    public Task<SettingsResult> AddAsync(ClaimsPrincipal user, StaffForm form, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(form);
        return InManagerTransactionAsync(user, async db =>
        {
            var errors = new List<FieldError>();
            var (name, email) = ValidateDetails(errors, form);
            var subject = Required(errors, "subject", form.Subject, 255, "Enter the ID the sign-in service gives them", "The sign-in ID");
            if (subject.Any(char.IsWhiteSpace))
            {
                errors.Add(new("subject", "The sign-in ID cannot contain spaces"));
            }
            else if (subject.Length is > 0 and <= 255 && await db.StaffMembers.AnyAsync(s => s.Subject == subject, cancellationToken))
            {
                errors.Add(new("subject", "Someone on the staff list already has this sign-in ID"));
            }

            var localAuthorityId = await ValidateRolesAsync(db, errors, form, current: null, cancellationToken);
            if (errors.Count > 0)
            {
                return SettingsResult.Invalid(errors);
            }

            var member = new StaffMember
            {
                Subject = subject,
                DisplayName = name,
                Email = email,
                LocalAuthorityId = localAuthorityId,
                Roles = [.. Ordered(form.Roles).Select(r => new StaffRole { Role = r })],
            };
            db.StaffMembers.Add(member);
            try
            {
                await db.SaveChangesAsync(cancellationToken);
            }
            catch (DbUpdateException e) when (!IsSerializationFailure(e))
            {
                // Another manager added the same person a moment ago: the unique index caught it.
                return SettingsResult.Invalid([new("subject", "Someone on the staff list already has this sign-in ID")]);
            }

            db.AuditEntries.Add(SettingsAccess.Audit(user, clock.GetUtcNow(), "staff-added", "staff", member.Id, RolesDetail(null, Ordered(form.Roles), null, localAuthorityId)));
            await db.SaveChangesAsync(cancellationToken);
            return SettingsResult.Saved(member.Id, $"{name} added. Their roles apply the next time they open a page.");
        }, subjectToForget: () => Clean(form.Subject), cancellationToken);
    }

    /// <summary>Changes a member's name, e-mail, roles and local authority.</summary>
    public Task<SettingsResult> UpdateAsync(ClaimsPrincipal user, int id, StaffForm form, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(form);
        string? subject = null;
        return InManagerTransactionAsync(user, async db =>
        {
            var member = await db.StaffMembers.Include(s => s.Roles).FirstOrDefaultAsync(s => s.Id == id, cancellationToken);
            if (member is null)
            {
                return SettingsResult.Refused("We could not find that member of staff.");
            }

            subject = member.Subject;
            var errors = new List<FieldError>();
            var (name, email) = ValidateDetails(errors, form);
            var localAuthorityId = await ValidateRolesAsync(db, errors, form, member, cancellationToken);
            var before = Ordered(member.Roles.Select(r => r.Role));
            var after = Ordered(form.Roles);
            if (before.Contains(PortalRoles.Manager) && !after.Contains(PortalRoles.Manager))
            {
                // Only this message about the roles: choosing others would not help.
                string? refusal = null;
                if (member.Subject == user.Subject())
                {
                    refusal = "You cannot remove your own manager role. Ask another manager to do it.";
                }
                else if (member.IsActive && !await AnotherActiveManagerAsync(db, member.Id, cancellationToken))
                {
                    refusal = $"{member.DisplayName} is the only active manager. Give someone else the manager role first.";
                }

                if (refusal is not null)
                {
                    errors.RemoveAll(e => e.FieldKey == "roles");
                    errors.Add(new("roles", refusal));
                }
            }

            if (errors.Count > 0)
            {
                return SettingsResult.Invalid(errors);
            }

            var now = clock.GetUtcNow();
            var changedDetails = new List<string>();
            if (member.DisplayName != name)
            {
                changedDetails.Add("name");
            }

            if (member.Email != email)
            {
                changedDetails.Add("email");
            }

            var rolesChanged = !before.SequenceEqual(after) || member.LocalAuthorityId != localAuthorityId;
            if (changedDetails.Count == 0 && !rolesChanged)
            {
                return SettingsResult.Saved(member.Id, "Nothing had changed.");
            }

            if (rolesChanged)
            {
                db.AuditEntries.Add(SettingsAccess.Audit(user, now, "staff-roles-changed", "staff", member.Id, RolesDetail(before, after, member.LocalAuthorityId, localAuthorityId)));
                member.Roles.RemoveAll(r => !after.Contains(r.Role));
                member.Roles.AddRange(after.Where(r => !before.Contains(r)).Select(r => new StaffRole { Role = r }));
                member.LocalAuthorityId = localAuthorityId;
            }

            if (changedDetails.Count > 0)
            {
                db.AuditEntries.Add(SettingsAccess.Audit(user, now, "staff-details-changed", "staff", member.Id, "changed: " + string.Join(",", changedDetails)));
                member.DisplayName = name;
                member.Email = email;
            }

            await db.SaveChangesAsync(cancellationToken);
            return SettingsResult.Saved(member.Id, rolesChanged ? $"{name}'s roles are saved and apply from their next page." : $"{name}'s details are saved.");
        }, subjectToForget: () => subject, cancellationToken);
    }

    public Task<SettingsResult> SetActiveAsync(ClaimsPrincipal user, int id, bool active, CancellationToken cancellationToken = default)
    {
        string? subject = null;
        return InManagerTransactionAsync(user, async db =>
        {
            var member = await db.StaffMembers.Include(s => s.Roles).FirstOrDefaultAsync(s => s.Id == id, cancellationToken);
            if (member is null)
            {
                return SettingsResult.Refused("We could not find that member of staff.");
            }

            subject = member.Subject;
            if (member.IsActive == active)
            {
                return SettingsResult.Saved(member.Id, active ? $"{member.DisplayName} is already active." : $"{member.DisplayName} is already deactivated.");
            }

            // Reactivating yourself cannot get this far: a deactivated manager is not a manager in the staff list.
            if (!active && member.Subject == user.Subject())
            {
                return SettingsResult.Refused("You cannot deactivate yourself. Ask another manager to do it.");
            }

            if (!active && member.Roles.Any(r => r.Role == PortalRoles.Manager) && !await AnotherActiveManagerAsync(db, member.Id, cancellationToken))
            {
                return SettingsResult.Refused($"{member.DisplayName} is the only active manager. Give someone else the manager role before deactivating them.");
            }

            member.IsActive = active;
            db.AuditEntries.Add(SettingsAccess.Audit(user, clock.GetUtcNow(), active ? "staff-reactivated" : "staff-deactivated", "staff", member.Id,
                "roles: " + string.Join(",", Ordered(member.Roles.Select(r => r.Role)))));
            await db.SaveChangesAsync(cancellationToken);
            return SettingsResult.Saved(member.Id, active
                ? $"{member.DisplayName} is active again, with the roles shown."
                : $"{member.DisplayName} is deactivated. From their next page they are treated as a member of the public.");
        }, subjectToForget: () => subject, cancellationToken);
    }

    private static (string Name, string Email) ValidateDetails(List<FieldError> errors, StaffForm form)
    {
        var name = Required(errors, "name", form.DisplayName, 200, "Enter their name", "The name");
        var email = Required(errors, "email", form.Email, 320, "Enter their email address", "The email address");
        if (email.Length is > 0 and <= 320 && !IsEmailAddress(email))
        {
            errors.Add(new("email", EmailFormatMessage));
        }

        return (name, email);
    }

    /// <summary>Checks the roles chosen; returns the local authority to keep (only a local authority officer has one).</summary>
    private static async Task<int?> ValidateRolesAsync(PortalDbContext db, List<FieldError> errors, StaffForm form, StaffMember? current, CancellationToken cancellationToken)
    {
        if (form.Roles.Count == 0)
        {
            errors.Add(new("roles", "Select at least one role"));
        }
        else if (!form.Roles.All(PortalRoles.IsKnown))
        {
            errors.Add(new("roles", "Select roles from the list"));
        }

        if (!form.Roles.Contains(PortalRoles.LaOfficer))
        {
            return null;
        }

        if (form.LocalAuthorityId is not { } la)
        {
            errors.Add(new("local-authority", "Select the local authority this officer works for"));
            return null;
        }

        // An officer may stay with an authority that has since been deactivated; new choices must be active.
        if (la != current?.LocalAuthorityId && !await db.LocalAuthorities.AnyAsync(l => l.Id == la && l.IsActive, cancellationToken))
        {
            errors.Add(new("local-authority", "Select a local authority from the list"));
        }

        return la;
    }

    private static Task<bool> AnotherActiveManagerAsync(PortalDbContext db, int exceptId, CancellationToken cancellationToken) =>
        db.StaffMembers.AnyAsync(s => s.Id != exceptId && s.IsActive && s.Roles.Any(r => r.Role == PortalRoles.Manager), cancellationToken);

    /// <summary>
    /// Runs a staff change in a serializable transaction, so two managers demoting each other at the same
    /// moment cannot leave nobody in charge: the database refuses one, which runs again on what the other
    /// committed and then meets the last-manager rule.
    /// </summary>
    private async Task<SettingsResult> InManagerTransactionAsync(ClaimsPrincipal user, Func<PortalDbContext, Task<SettingsResult>> change, Func<string?> subjectToForget, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
                await using var transaction = await db.Database.BeginTransactionAsync(IsolationLevel.Serializable, cancellationToken);
                // Checked inside the transaction: a manager demoted at this moment by another cannot act on the old role.
                if (await StaffAccess.ForAsync(db, user, cancellationToken) is not { IsManager: true })
                {
                    return SettingsResult.Refused();
                }

                var result = await change(db);
                if (!result.Succeeded)
                {
                    return result;
                }

                await transaction.CommitAsync(cancellationToken);
                if (subjectToForget() is { } subject)
                {
                    StaffRoleClaimsTransformation.Forget(cache, subject);
                }

                return result;
            }
            catch (Exception e) when (attempt < 3 && IsSerializationFailure(e))
            {
                // Another manager's change got there first: try again against what they committed.
            }
        }
    }

    private static bool IsSerializationFailure(Exception exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            if (e is DbException { SqlState: "40001" })
            {
                return true;
            }
        }

        return false;
    }

    private static List<string> Ordered(IEnumerable<string> roles)
    {
        var set = roles.ToHashSet(StringComparer.Ordinal);
        return [.. PortalRoles.All.Where(set.Contains)];
    }

    private static string RolesDetail(IReadOnlyList<string>? before, IReadOnlyList<string> after, int? localAuthorityBefore, int? localAuthorityAfter)
    {
        var detail = before is null ? "roles: " + Join(after) : $"roles: {Join(before)} → {Join(after)}";
        if (localAuthorityBefore != localAuthorityAfter)
        {
            detail += before is null ? "; local-authority: " + Id(localAuthorityAfter) : $"; local-authority: {Id(localAuthorityBefore)} → {Id(localAuthorityAfter)}";
        }

        return detail;

        static string Join(IReadOnlyList<string> roles) => roles.Count == 0 ? "none" : string.Join(",", roles);

        static string Id(int? id) => id?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "none";
    }
}
