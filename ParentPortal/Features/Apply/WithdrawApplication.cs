using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using ParentPortal.Data;
using ParentPortal.Domain.Text;
using ParentPortal.Data.Entities;
using ParentPortal.Domain.Cases;
using ParentPortal.Platform.Access;
using ParentPortal.Platform.Cases;
using ParentPortal.Platform.Identity;
using ParentPortal.Platform.Messaging;
using ParentPortal.Platform.Settings;

namespace ParentPortal.Features.Apply;

/// <summary>What the withdrawal page shows: the application, and whether it can still be withdrawn.</summary>
public sealed record WithdrawView(Guid Id, string Reference, bool AlreadyClosed);

public sealed record WithdrawResult(bool Succeeded, Wording? Error = null);

/// <summary>
/// Issue 14 item 2: a family withdraws an application they sent, with a reason if they want to give one. The case closes
/// with it, meetings still to come are cancelled (everyone invited is sent the cancellation), the staff on the case are
/// e-mailed, and the family is told they can apply again whenever they want. Only the family may; a closed case cannot be.
/// </summary>
public sealed class WithdrawApplicationHandler(IDbContextFactory<PortalDbContext> contextFactory, CaseFiles cases, ServiceDirectory services)
{
    public const int ReasonLength = 1000;

    public async Task<WithdrawView?> GetAsync(ClaimsPrincipal user, Guid applicationId, CancellationToken cancellationToken = default)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var application = await ApplicationAccess.OwnedAsync(db, user, applicationId, cancellationToken);
        return application is { Status: ApplicationStatus.Submitted, Reference: { } reference }
            ? new WithdrawView(application.Id, reference, application.Stage == CaseStage.Closed)
            : null;
    }

    /// <returns>Null when the application is not this family's sent application (the page answers 404).</returns>
    public async Task<WithdrawResult?> HandleAsync(ClaimsPrincipal user, Guid applicationId, string? reason, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(user);
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var file = await cases.OpenForFamilyAsync(db, user, applicationId, cancellationToken);
        if (file is null)
        {
            return null;
        }

        if (file.Stage == CaseStage.Closed)
        {
            return new(false, "This application is already closed, so there is nothing to withdraw. You can start a new application at any time.");
        }

        var why = string.IsNullOrWhiteSpace(reason) ? null : reason.Trim();
        if (why is { Length: > ReasonLength })
        {
            return new(false, Wording.Format("Your reason must be {0} characters or fewer", WordingPart.Number(ReasonLength)));
        }

        var service = await services.GetAsync(cancellationToken);
        foreach (var meeting in (await file.MeetingsAsync(cancellationToken)).Where(m => m.IsOpen && m.StartsAt > file.Now))
        {
            await file.CancelMeetingAsync(meeting, service, cancellationToken);
        }

        file.MoveTo(CaseStage.Closed, why is null ? "Withdrawn by the family" : $"Withdrawn by the family: {why}");
        file.Record("withdrawn", why);
        await file.TellStaffAsync("case-withdrawn", $"Withdrawn by the family: {file.Reference}", $"""
            The family have withdrawn application {file.Reference}, and the case is now closed.{(why is null ? "" : $"\n\nTheir reason: {why}")}

            Any meetings still to come have been cancelled and everyone invited has been told.
            """, $"case-withdrawn:{file.Id:N}", mediatorToo: true, cancellationToken);

        // In the family's language: the reference and the helpline's number as they are.
        await file.TellFamilyInWordsAsync(
            Wording.Format("You have withdrawn your application ({0})", WordingPart.AsTyped(file.Reference)),
            Wording.Format(
                "You have withdrawn your application {0}. We have closed it and told the people working on it.\n\n"
                + "If you need help again, you can start a new application at any time, or call {1}.",
                WordingPart.AsTyped(file.Reference), WordingPart.AsTyped(service.HelplinePhone)),
            "application-withdrawn", "application-withdrawn:" + file.Id, cancellationToken);
        return await file.SaveAsync(cancellationToken)
            ? new(true)
            : new(false, "Someone changed this case at the same moment. Please try again.");
    }
}
