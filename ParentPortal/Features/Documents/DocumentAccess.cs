using System.Security.Claims;
using System.Security.Cryptography;
using ParentPortal.Data;
using ParentPortal.Data.Entities;
using ParentPortal.Domain.Triage;
using ParentPortal.Features.Applications;
using ParentPortal.Features.Cases;

namespace ParentPortal.Features.Documents;

/// <summary>
/// Who may download a case's documents: the family it belongs to, the staff assigned to the case
/// (its adviser and its mediator or facilitator), managers, and for an SEN agreement the local authority
/// officer who signs it (a bullying agreement is between the family and the school). Everyone else gets "not found" and no bytes.
/// </summary>
public static class DocumentAccess
{
    /// <summary>Who this person is to the case: its family, or a member of staff (assigned or not, see <see cref="IsAssigned"/>), or neither.</summary>
    public static async Task<(bool IsFamily, StaffContext? Staff)> PartyAsync(PortalDbContext db, ClaimsPrincipal user, Application application, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(application);
        if (await ApplicationAccess.UserIdAsync(db, user, cancellationToken) is { } userId && userId == application.OwnerId)
        {
            return (true, null);
        }

        return (false, await StaffAccess.ForAsync(db, user, cancellationToken));
    }

    public static bool IsAssigned(StaffContext staff, Application application, DocumentKind kind)
    {
        ArgumentNullException.ThrowIfNull(staff);
        ArgumentNullException.ThrowIfNull(application);
        return staff.IsManager
            || application.AdviserId == staff.StaffId
            || application.AssignedStaffId == staff.StaffId
            || (kind == DocumentKind.Agreement && staff.IsLaOfficer && staff.LocalAuthorityId is not null && staff.LocalAuthorityId == application.LocalAuthorityId
                && application.Route != AnswerKeys.Bullying);
    }

    /// <summary>Staff who may issue and revoke documents on a case: a manager, or the case's adviser or mediator.</summary>
    public static bool CanIssue(StaffContext staff, Application application)
    {
        ArgumentNullException.ThrowIfNull(staff);
        ArgumentNullException.ThrowIfNull(application);
        return staff.IsManager || application.AdviserId == staff.StaffId || (staff.IsMediator && application.AssignedStaffId == staff.StaffId);
    }
}

/// <summary>Verification codes: 13 characters from the unambiguous alphabet (over 63 bits), case-insensitive, grouped for reading.</summary>
public static class VerificationCodes
{
    public const int Length = 13;

    public static string New()
    {
        Span<char> chars = stackalloc char[Length];
        for (var i = 0; i < Length; i++)
        {
            chars[i] = ApplicationReference.Alphabet[RandomNumberGenerator.GetInt32(ApplicationReference.Alphabet.Length)];
        }

        return new string(chars);
    }

    /// <summary>"ABCD-EFGH-JKLMN", the form printed on documents.</summary>
    public static string Display(string code)
    {
        ArgumentNullException.ThrowIfNull(code);
        return code.Length == Length ? $"{code[..4]}-{code[4..8]}-{code[8..]}" : code;
    }

    /// <summary>A code as typed (any case, dashes or spaces); null when it cannot be one.</summary>
    public static string? Normalise(string? typed)
    {
        if (string.IsNullOrWhiteSpace(typed) || typed.Length > 40)
        {
            return null;
        }

        var compact = new string([.. typed.Where(c => !char.IsWhiteSpace(c) && c != '-').Select(char.ToUpperInvariant)]);
        return compact.Length == Length && compact.All(ApplicationReference.Alphabet.Contains) ? compact : null;
    }
}
