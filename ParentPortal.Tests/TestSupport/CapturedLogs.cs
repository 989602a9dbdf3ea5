using System.Collections.Concurrent;
using System.Text;
using Microsoft.Extensions.Logging;

namespace ParentPortal.Tests.TestSupport;

/// <summary>
/// A logger provider that keeps everything logged at or above <see cref="MinimumLevel"/>, whatever the app's own
/// settings say: the message, each structured value, the exception and the scopes it was logged in.
/// </summary>
public sealed class CapturedLogs(LogLevel minimumLevel = LogLevel.Debug) : ILoggerProvider, ISupportExternalScope
{
    private readonly ConcurrentQueue<CapturedLog> _entries = new();
    private IExternalScopeProvider _scopes = new LoggerExternalScopeProvider();

    public LogLevel MinimumLevel { get; } = minimumLevel;

    public IReadOnlyCollection<CapturedLog> Entries => _entries;

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    public void SetScopeProvider(IExternalScopeProvider scopeProvider) => _scopes = scopeProvider;

    public void Dispose()
    {
    }

    private sealed class Logger(CapturedLogs owner, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => owner._scopes.Push(state);

        public bool IsEnabled(LogLevel logLevel) => logLevel >= owner.MinimumLevel;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (!IsEnabled(logLevel))
            {
                return;
            }

            var text = new StringBuilder(formatter(state, exception));
            if (state is IEnumerable<KeyValuePair<string, object?>> values)
            {
                foreach (var (key, value) in values)
                {
                    text.Append(" | ").Append(key).Append('=').Append(value);
                }
            }

            owner._scopes.ForEachScope((scope, builder) => builder.Append(" | scope: ").Append(scope), text);
            if (exception is not null)
            {
                text.Append(" | exception: ").Append(exception);
            }

            owner._entries.Enqueue(new CapturedLog(logLevel, category, eventId.Name, text.ToString()));
        }
    }
}

public sealed record CapturedLog(LogLevel Level, string Category, string? EventName, string Text)
{
    public override string ToString() => $"[{Level}] {Category} ({EventName}): {Text}";
}
