using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using ParentPortal.Data;
using ParentPortal.Data.Entities;
using ParentPortal.Platform.Settings;

namespace ParentPortal.Features.Apply;

/// <summary>
/// Deletes unfinished drafts nobody has touched for the retention period, after warning the parent
/// (through the outbox) at least the warning period before. Continuing a draft resets its clock.
/// </summary>
public sealed partial class DraftRetentionJob(
    IDbContextFactory<PortalDbContext> contextFactory,
    ApplicationMessages messages,
    IOptions<ApplicationOptions> options,
    TimeProvider clock,
    ILogger<DraftRetentionJob> logger)
{
    public async Task<(int Warned, int Deleted)> RunOnceAsync(CancellationToken cancellationToken = default)
    {
        var now = clock.GetUtcNow();
        var retention = options.Value.DraftRetention;
        var warning = options.Value.DraftDeletionWarning;
        var warnFrom = now - (retention - warning);

        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var candidates = await db.Applications
            .Where(a => a.Status == ApplicationStatus.Draft && a.UpdatedAt <= warnFrom)
            .ToListAsync(cancellationToken);

        var warned = 0;
        var deleted = 0;
        foreach (var draft in candidates)
        {
            if (draft.DeletionWarningSentAt is null)
            {
                var deleteOn = Max(draft.UpdatedAt + retention, now + warning);
                await messages.EnqueueDeletionWarningAsync(db, draft, deleteOn, now, cancellationToken);
                draft.DeletionWarningSentAt = now;
                warned++;
            }
            else if (now >= draft.UpdatedAt + retention && now >= draft.DeletionWarningSentAt.Value + warning)
            {
                db.Applications.Remove(draft);
                deleted++;
            }
        }

        await db.SaveChangesAsync(cancellationToken);
        if (warned + deleted > 0)
        {
            LogRetention(logger, warned, deleted);
        }

        return (warned, deleted);
    }

    /// <summary>When a draft untouched since <paramref name="updatedAt"/> will be deleted, as the parent is told.</summary>
    public static DateTimeOffset DeletesAt(DateTimeOffset updatedAt, DateTimeOffset? warnedAt, ApplicationOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var byAge = updatedAt + options.DraftRetention;
        return warnedAt is { } warned ? Max(byAge, warned + options.DraftDeletionWarning) : byAge;
    }

    private static DateTimeOffset Max(DateTimeOffset a, DateTimeOffset b) => a > b ? a : b;

    [LoggerMessage(Level = LogLevel.Information, Message = "Draft retention: warned {Warned}, deleted {Deleted}.")]
    private static partial void LogRetention(ILogger logger, int warned, int deleted);
}
