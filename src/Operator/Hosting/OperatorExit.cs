using Microsoft.Extensions.Logging;
using Vpce.Operator.Runtime;

namespace Vpce.Operator.Hosting;

/// <summary>The way out of `run` once the operator runs: how its run ended becomes one log line and an
/// <see cref="ExitCodes"/> code. Only an error nobody expected keeps its stack trace.</summary>
public static class OperatorExit
{
    /// <param name="run">The operator's run (<see cref="OperatorManager.RunAsync"/>).</param>
    /// <param name="log">Where the line goes.</param>
    /// <param name="shutdown">The token the run was given: its cancellation is a clean stop.</param>
    public static async Task<int> AwaitAsync(Task run, ILogger log, CancellationToken shutdown)
    {
        try
        {
            await run.ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (shutdown.IsCancellationRequested)
        {
            // Stopped before it got going: as clean as any other stop.
        }
        catch (LeadershipLostException e)
        {
            // As controller-runtime does: a process that lost the lease exits, and its pod restarts as a candidate.
            log.LogError("leadership lost: {Message}", e.Message);
            return ExitCodes.LeadershipLost;
        }
        catch (Exception e)
        {
            log.LogCritical(e, "vpce-operator failed");
            return ExitCodes.Failed;
        }
        log.LogInformation("vpce-operator stopped");
        return ExitCodes.Stopped;
    }
}
