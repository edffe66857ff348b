namespace Vpce.Ports.Kube;

/// <summary>Runs work only while this process holds the leader lease; releases the lease when <paramref name="ct"/> ends.</summary>
public interface ILeaderElection
{
    /// <summary>Waits for leadership, then runs <paramref name="whileLeading"/> with a token that is cancelled if leadership is lost.
    /// Returns when the work ends or <paramref name="ct"/> is cancelled.</summary>
    Task RunAsync(Func<CancellationToken, Task> whileLeading, CancellationToken ct);
}
