namespace Vpce.Tests.Runtime;

/// <summary>A scope a <see cref="RecordingLogger"/> opened: its values and the scope around it, restored on dispose.</summary>
internal sealed class LogScope(IReadOnlyDictionary<string, object?> values, LogScope? parent, Action<LogScope?> restore) : IDisposable
{
    public IReadOnlyDictionary<string, object?> Values { get; } = values;

    public LogScope? Parent { get; } = parent;

    public void Dispose() => restore(Parent);
}
