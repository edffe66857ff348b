using Vpce.Ports.Kube;

namespace Vpce.Simulation.Kube;

/// <summary>Leader election a test controls: leading from the start (or not), granted and revoked on demand.</summary>
public sealed class InMemoryLeaderElection(bool leading = true) : ILeaderElection
{
    private readonly object _gate = new();
    private bool _leading = leading;
    private TaskCompletionSource _granted = NewSource(leading);
    private CancellationTokenSource? _term;

    public bool IsLeader { get { lock (_gate) return _leading; } }

    public void Grant()
    {
        lock (_gate)
        {
            _leading = true;
            _granted.TrySetResult();
        }
    }

    /// <summary>Takes leadership away: the running work's token is cancelled.</summary>
    public void Revoke()
    {
        CancellationTokenSource? term;
        lock (_gate)
        {
            _leading = false;
            _granted = NewSource(false);
            term = _term;
        }
        try
        {
            term?.Cancel();
        }
        catch (ObjectDisposedException)
        {
            // The term ended meanwhile.
        }
    }

    public async Task RunAsync(Func<CancellationToken, Task> whileLeading, CancellationToken ct)
    {
        Task granted;
        lock (_gate) granted = _granted.Task;
        try
        {
            await granted.WaitAsync(ct).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            return;
        }
        using var term = CancellationTokenSource.CreateLinkedTokenSource(ct);
        lock (_gate)
        {
            _term = term;
            if (!_leading) term.Cancel();
        }
        try
        {
            await whileLeading(term.Token).ConfigureAwait(false);
        }
        finally
        {
            lock (_gate) _term = null;
        }
    }

    private static TaskCompletionSource NewSource(bool completed)
    {
        var source = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        if (completed) source.SetResult();
        return source;
    }
}
