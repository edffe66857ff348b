using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Vpce.Ports.Kube;

namespace Vpce.Operator.Runtime;

/// <summary>Runs several controllers together, and with leader election only while this process leads:
/// losing the lease stops the controllers and ends <see cref="RunAsync"/> with <see cref="LeadershipLostException"/>.</summary>
public sealed class OperatorManager
{
    private readonly ILeaderElection? _leaderElection;
    private readonly ILogger _logger;
    private volatile bool _leading;

    /// <param name="controllers">The controllers to run.</param>
    /// <param name="leaderElection">Null runs the controllers at once, without election (--leader-elect=false, the demo).</param>
    /// <param name="logger">Optional.</param>
    public OperatorManager(IEnumerable<IControllerHost> controllers, ILeaderElection? leaderElection = null, ILogger? logger = null)
    {
        Controllers = controllers.ToList();
        _leaderElection = leaderElection;
        _logger = logger ?? NullLogger.Instance;
    }

    public IReadOnlyList<IControllerHost> Controllers { get; }

    /// <summary>True while the controllers run (with election: while this process holds the lease).</summary>
    public bool IsLeading => _leading;

    /// <summary>Every informer of every controller has synced.</summary>
    public bool HasSynced => Controllers.All(controller => controller.HasSynced);

    /// <summary>What /readyz reports: the caches synced while the controllers run; a standby (election on, not leading) is
    /// ready too, since it has nothing to sync until it leads.</summary>
    public bool IsReady => _leaderElection is null || _leading ? HasSynced : true;

    /// <summary>Runs until <paramref name="ct"/> is cancelled (then returns once every controller has stopped).</summary>
    /// <exception cref="LeadershipLostException">The lease was lost, or the election ended, before <paramref name="ct"/> was cancelled.</exception>
    public async Task RunAsync(CancellationToken ct)
    {
        if (_leaderElection is null)
        {
            await RunControllersAsync(ct, ct).ConfigureAwait(false);
            return;
        }
        await _leaderElection.RunAsync(leading => RunControllersAsync(leading, ct), ct).ConfigureAwait(false);
        if (!ct.IsCancellationRequested)
            throw new LeadershipLostException("leader election ended before shutdown: the lease was lost; controllers stopped");
    }

    /// <summary>Completes when every controller is idle at the same time (see <see cref="IControllerHost.IsIdle"/>).</summary>
    public async Task WaitForIdleAsync(CancellationToken ct = default)
    {
        while (true)
        {
            foreach (var controller in Controllers) await controller.WaitForIdleAsync(ct).ConfigureAwait(false);
            // A reconcile of one kind may have queued work for another meanwhile: check them all again.
            if (Controllers.All(controller => controller.IsIdle)) return;
        }
    }

    /// <param name="leading">Ends the controllers: a shutdown, or leadership lost.</param>
    /// <param name="shutdown">Cancelled first on a shutdown. When <paramref name="leading"/> ends without it, leadership was
    /// lost: another replica may lead already, so in-flight reconciles are cancelled at once, with no grace.</param>
    private async Task RunControllersAsync(CancellationToken leading, CancellationToken shutdown)
    {
        using var lost = new CancellationTokenSource();
        await using var lostWhenNotShutDown = leading.Register(() =>
        {
            if (!shutdown.IsCancellationRequested) lost.Cancel();
        }).ConfigureAwait(false);
        _leading = true;
        _logger.LogInformation("starting controllers: {Kinds}", string.Join(", ", Controllers.Select(c => c.Kind)));
        try
        {
            await Task.WhenAll(Controllers.Select(controller => controller.RunAsync(leading, lost.Token))).ConfigureAwait(false);
        }
        finally
        {
            _leading = false;
            _logger.LogInformation("controllers stopped");
        }
    }
}
