using k8s;
using Vpce.Operator.Kube;
using Vpce.Ports.Kube;

namespace Vpce.Tests.Contract.Kube;

/// <summary>A <see cref="KubeLeaderElection"/> running from construction whose work, once leading, holds until stopped;
/// <see cref="Led"/> gives when it started leading (UTC).</summary>
public sealed class LeaseCandidate : IAsyncDisposable
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    private readonly CancellationTokenSource _stop = new();
    private readonly TaskCompletionSource<DateTime> _led = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly LeaderTally? _tally;
    private readonly Task _run;

    public LeaseCandidate(IKubernetes client, string @namespace, string leaseName, string identity, LeaseTimings timings, LeaderTally? tally = null)
    {
        _tally = tally;
        _run = new KubeLeaderElection(client, @namespace, leaseName, identity, timings).RunAsync(LeadAsync, _stop.Token);
    }

    public Task<DateTime> Led => _led.Task;

    public bool HasLed => _led.Task.IsCompleted;

    public async Task StopAsync()
    {
        await _stop.CancelAsync();
        await _run.WaitAsync(Patience);
    }

    public async ValueTask DisposeAsync()
    {
        if (!_run.IsCompleted) await StopAsync();
        _stop.Dispose();
    }

    private async Task LeadAsync(CancellationToken ct)
    {
        _led.TrySetResult(DateTime.UtcNow);
        _tally?.Enter();
        try
        {
            await Task.Delay(Timeout.Infinite, ct);
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            // Stopped, or leadership lost.
        }
        finally
        {
            _tally?.Leave();
        }
    }
}
