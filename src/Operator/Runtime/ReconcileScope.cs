namespace Vpce.Operator.Runtime;

/// <summary>The object whose reconcile the current async flow is running, for what sits below the reconciler and must tell
/// one object's calls from another's (the AWS pacing keeps each object's turn). Set by the controller host at the start
/// of a reconcile; an async local set inside an async method ends with it, so no reset is needed.</summary>
public static class ReconcileScope
{
    private static readonly AsyncLocal<ResourceKey?> CurrentKey = new();

    public static ResourceKey? Current => CurrentKey.Value;

    public static void Enter(ResourceKey key) => CurrentKey.Value = key;

    /// <summary>Runs work done for many objects at once (a shared snapshot read) as no one object's: its AWS calls wait for
    /// their tokens in place rather than keep one object's turn.</summary>
    public static async Task<T> Shared<T>(Func<Task<T>> work)
    {
        CurrentKey.Value = null;
        return await work().ConfigureAwait(false);
    }
}
