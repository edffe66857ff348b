namespace Vpce.Operator.Runtime;

/// <summary>Numbers every reconcile in the process, so that the log lines of one reconcile can be told apart from another's.</summary>
public static class ReconcileIds
{
    private static long _last;

    public static long Next() => Interlocked.Increment(ref _last);
}
