using Vpce.Operator.Runtime;
using Vpce.Ports.Aws;
using Vpce.Ports.Kube;

namespace Vpce.Operator.Controllers;

/// <summary>What every reconcile answers the same way, whatever its kind: a paced call, a conflict, an object gone.</summary>
public static class ReconcileGuard
{
    public static async Task<ReconcileResult> RunAsync(Func<Task<ReconcileResult>> reconcile)
    {
        try
        {
            return await reconcile();
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
