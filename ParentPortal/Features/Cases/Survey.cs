using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using ParentPortal.Data;
using ParentPortal.Data.Entities;
using ParentPortal.Domain.Cases;
using ParentPortal.Domain.Text;
using ParentPortal.Domain.Triage;
using ParentPortal.Platform.Access;

namespace ParentPortal.Features.Cases;

/// <summary>The family's short survey when a case closes: asked once, answered once.</summary>
public sealed class SurveyHandler(IDbContextFactory<PortalDbContext> contextFactory, TimeProvider clock)
{
    private static readonly TextField Comments = new("comment", "Your comments", 2000, Lines: true);

    public async Task<bool> IsDueAsync(ClaimsPrincipal user, Guid applicationId, CancellationToken cancellationToken = default)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var application = await ApplicationAccess.OwnedAsync(db, user, applicationId, cancellationToken);
        return application is { Stage: CaseStage.Closed } && !await db.SatisfactionResponses.AnyAsync(r => r.ApplicationId == applicationId, cancellationToken);
    }

    public async Task<(bool Succeeded, string Message)> AnswerAsync(ClaimsPrincipal user, Guid applicationId, int? rating, string? comment, CancellationToken cancellationToken = default)
    {
        if (rating is not (>= 1 and <= 5))
        {
            return (false, "Select how satisfied you were, from 1 to 5");
        }

        var errors = new List<FieldError>();
        comment = Comments.Read(comment, errors);
        if (errors.Count > 0)
        {
            return (false, errors[0].Message);
        }

        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var application = await ApplicationAccess.OwnedAsync(db, user, applicationId, cancellationToken);
        if (application is not { Stage: CaseStage.Closed })
        {
            return (false, "We could not find a closed case to tell us about.");
        }

        if (await db.SatisfactionResponses.AnyAsync(r => r.ApplicationId == applicationId, cancellationToken))
        {
            return (false, "You have already told us about this case. Thank you.");
        }

        db.SatisfactionResponses.Add(new SatisfactionResponse
        {
            ApplicationId = applicationId,
            Rating = rating.Value,
            Comment = comment,
            SubmittedAt = clock.GetUtcNow(),
            Language = Platform.Localisation.PortalLanguages.Current.Code,
        });
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            return (false, "You have already told us about this case. Thank you.");
        }

        return (true, "Thank you for telling us.");
    }
}
