using Microsoft.Extensions.Logging;

namespace Vpce.Tests.Runtime;

/// <summary>One line a <see cref="RecordingLogger"/> received, with the scopes that were open around it (outermost first).</summary>
internal sealed record LogEntry(LogLevel Level, string Message, Exception? Exception, IReadOnlyList<IReadOnlyDictionary<string, object?>> Scopes)
{
    /// <summary>A value from the open scopes (the innermost that has it), or null.</summary>
    public object? ScopeValue(string key) =>
        Scopes.Reverse().Select(scope => scope.GetValueOrDefault(key)).FirstOrDefault(value => value is not null);
}
