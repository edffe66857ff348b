using Microsoft.Extensions.Logging;

namespace Vpce.Tests.Runtime;

/// <summary>A logger that keeps every line with its exception and its scopes; scopes flow with the async context, as the
/// console logger's do, so lines logged by the reconciler inside the host's scope carry it.</summary>
internal sealed class RecordingLogger : ILogger
{
    private readonly AsyncLocal<LogScope?> _current = new();
    private readonly List<LogEntry> _entries = new();

    public IReadOnlyList<LogEntry> Entries { get { lock (_entries) return _entries.ToList(); } }

    public IDisposable BeginScope<TState>(TState state) where TState : notnull
    {
        var values = state is IEnumerable<KeyValuePair<string, object?>> pairs
            ? pairs.ToDictionary(pair => pair.Key, pair => pair.Value)
            : new Dictionary<string, object?> { ["Scope"] = state.ToString() };
        var scope = new LogScope(values, _current.Value, parent => _current.Value = parent);
        _current.Value = scope;
        return scope;
    }

    public bool IsEnabled(LogLevel logLevel) => true;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        var scopes = new List<IReadOnlyDictionary<string, object?>>();
        for (var scope = _current.Value; scope is not null; scope = scope.Parent) scopes.Insert(0, scope.Values);
        lock (_entries) _entries.Add(new LogEntry(logLevel, formatter(state, exception), exception, scopes));
    }
}
