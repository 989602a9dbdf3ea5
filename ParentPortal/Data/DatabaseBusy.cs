using Microsoft.Data.Sqlite;

namespace ParentPortal.Data;

/// <summary>
/// The database stayed locked by someone else (another process, a backup, a long report) for longer than
/// the busy timeout. Microsoft.Data.Sqlite retries a locked database by itself for <c>Default Timeout</c>
/// seconds (<see cref="SqliteBusyTimeoutSeconds"/> unless the connection string says otherwise), so a short
/// lock just makes a save a little slower; only a longer one reaches the handlers, which turn it into a
/// kind "try again" instead of an error page.
/// </summary>
public static class DatabaseBusy
{
    /// <summary>
    /// How long a SQLite command waits for another writer's lock before giving up. Long enough to ride out
    /// any normal write or checkpoint (milliseconds); short enough that a parent is told what happened
    /// while they are still looking at the page, rather than after Microsoft.Data.Sqlite's default 30 s.
    /// </summary>
    public const int SqliteBusyTimeoutSeconds = 5;

    private const int SqliteBusy = 5;
    private const int SqliteLocked = 6;

    /// <summary>True when this exception, or one it wraps (EF's DbUpdateException does), is SQLITE_BUSY or SQLITE_LOCKED.</summary>
    public static bool Is(Exception? exception)
    {
        for (var current = exception; current is not null; current = current.InnerException)
        {
            if (current is SqliteException { SqliteErrorCode: SqliteBusy or SqliteLocked })
            {
                return true;
            }
        }

        return false;
    }
}
