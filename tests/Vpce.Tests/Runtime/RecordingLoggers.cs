using Microsoft.Extensions.Logging;

namespace Vpce.Tests.Runtime;

/// <summary>A logger factory whose loggers keep every line, one <see cref="RecordingLogger"/> per category.</summary>
internal sealed class RecordingLoggers : ILoggerFactory
{
    private readonly Dictionary<string, RecordingLogger> _loggers = new();

    /// <summary>The lines of one category (empty when nothing was logged under it).</summary>
    public IReadOnlyList<LogEntry> Of(string category)
    {
        lock (_loggers) return _loggers.TryGetValue(category, out var logger) ? logger.Entries : [];
    }

    /// <summary>Every line of every category, with its category.</summary>
    public IReadOnlyList<(string Category, LogEntry Entry)> All()
    {
        lock (_loggers) return _loggers.SelectMany(pair => pair.Value.Entries.Select(entry => (pair.Key, entry))).ToList();
    }

    public ILogger CreateLogger(string categoryName)
    {
        lock (_loggers)
        {
            if (!_loggers.TryGetValue(categoryName, out var logger)) _loggers[categoryName] = logger = new RecordingLogger();
            return logger;
        }
    }

    public void AddProvider(ILoggerProvider provider) => throw new NotSupportedException("lines are only recorded");

    public void Dispose()
    {
    }
}
