using Vpce.Operator.Runtime;
using Vpce.Ports.Aws;
using Vpce.Ports.Kube;

namespace Vpce.Operator.Controllers;

/// <summary>What every reconcile answers the same way, whatever its kind: a paced call, a conflict, an object gone.</summary>
public static class ReconcileGuard
{
    /// <param name="state">What <paramref name="reconcile"/> needs, passed in so that a static lambda serves every call.</param>
    public static async Task<ReconcileResult> RunAsync<TState>(Func<TState, CancellationToken, Task<ReconcileResult>> reconcile, TState state, CancellationToken ct)
    {
        try
        {
            return await reconcile(state, ct);
        }
        catch (AwsCallPacedException e)
        {
            // Self-imposed pacing, not a failure: no condition, no event, just a later look.
            return ReconcileResult.After(e.RetryAfter);
        }
        catch (ConflictException)
        {
            // The object moved on while we worked: the newer version is already queued.
            return ReconcileResult.Backoff();
        }
        catch (KubeObjectNotFoundException)
        {
            return ReconcileResult.Done;
        }
    }
}
