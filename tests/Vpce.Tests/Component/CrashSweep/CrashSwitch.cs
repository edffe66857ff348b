namespace Vpce.Tests.Component.CrashSweep;

/// <summary>Counts the operator's mutating calls (AWS writes and the export ConfigMap's writes) and kills the process right
/// after the k-th: that call is applied, its answer never arrives, and every later call of the process fails.</summary>
public sealed class CrashSwitch(int crashAfter)
{
    private int _count;
    private readonly List<string> _calls = [];

    /// <summary>Mutating calls applied so far.</summary>
    public int Count => Volatile.Read(ref _count);

    /// <summary>The mutating calls in the order they were applied, for the message of a failed crash point.</summary>
    public IReadOnlyList<string> Calls { get { lock (_calls) return [.. _calls]; } }

    public bool Crashed { get; private set; }

    public void ThrowIfCrashed()
    {
        if (Crashed) throw new ProcessCrashedException();
    }

    public async Task<T> MutateAsync<T>(string name, Func<Task<T>> call)
    {
        ThrowIfCrashed();
        var result = await call();
        lock (_calls) _calls.Add(name);
        if (Interlocked.Increment(ref _count) == crashAfter)
        {
            Crashed = true;
        }
        ThrowIfCrashed();
        return result;
    }

    public Task MutateAsync(string name, Func<Task> call) => MutateAsync(name, async () =>
    {
        await call();
        return true;
    });

    public async Task<T> WhileAliveAsync<T>(Func<Task<T>> call)
    {
        ThrowIfCrashed();
        return await call();
    }
}
