namespace Vpce.Operator.Runtime;

/// <summary>Wakes waiters whenever something changed, so a waiter can re-check its condition without polling.</summary>
public sealed class ChangeSignal
{
    private TaskCompletionSource _next = NewSource();

    /// <summary>A task that completes at the next <see cref="Pulse"/>. Take it before checking the condition, so a change
    /// between the check and the wait is not missed.</summary>
    public Task NextAsync() => Volatile.Read(ref _next).Task;

    public void Pulse() => Interlocked.Exchange(ref _next, NewSource()).TrySetResult();

    // Asynchronous continuations: the pulser (an informer, a worker) must not run the waiter's code inline.
    private static TaskCompletionSource NewSource() => new(TaskCreationOptions.RunContinuationsAsynchronously);
}
