using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using Vpce.Crds;
using Vpce.Operator.Controllers;
using Vpce.Operator.Kube;
using Vpce.Operator.Model;
using Vpce.Operator.Observability;
using Vpce.Operator.Observe;
using Vpce.Operator.Runtime;
using Vpce.Operator.Status;
using Vpce.Ports.Kube;
using Vpce.Simulation.Aws;
using Vpce.Simulation.Kube;

namespace Vpce.Operator.Hosting;

/// <summary>The whole operator on the simulator and the in-memory Kubernetes store, on a virtual clock: what the demo
/// runs and what the component tests drive. Time moves only when <see cref="AdvanceAsync"/> moves it.</summary>
public sealed class InMemoryOperator : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly ILogger _log;
    private Task? _run;
    private bool _killed;
    private bool _exitAwaited;
    private readonly System.Collections.Concurrent.ConcurrentBag<string> _cachedObjectChanges = [];

    public InMemoryOperator(InMemoryOperatorOptions? options = null)
    {
        options ??= new InMemoryOperatorOptions();
        Time = options.Time ?? new FakeTimeProvider(new DateTimeOffset(2026, 11, 23, 9, 0, 0, TimeSpan.Zero));
        Aws = options.Aws ?? new AwsSimulator(Time, options.AwsOptions);
        Kube = options.Kube ?? new InMemoryKube(Time);
        Metrics = new OperatorMetrics();
        Settings = options.Settings;
        var loggers = options.Loggers ?? NullLoggerFactory.Instance;
        _log = loggers.CreateLogger("vpce-operator");
        var aws = options.WrapAws?.Invoke(Aws, Metrics, Time) ?? Aws;
        var controller = options.CheckCachedObjects ? options.Controller with { CachedObjectChanged = _cachedObjectChanges.Add } : options.Controller;
        Controllers = new OperatorControllers(aws, options.WrapKube?.Invoke(Kube) ?? Kube, Metrics, Settings, controller, Time, loggers, Regions,
            defaultAccount: options.DefaultAccount);
        LeaseElection = options.LeaseIdentity is { } identity
            ? new InMemoryLeaseElection(Kube.Leases, LeaseNamespace, KubeLeaderElection.DefaultLeaseName, identity, Time, options.LeaseTimings)
            : null;
        Manager = new OperatorManager(Controllers.All, LeaseElection ?? (ILeaderElection)new InMemoryLeaderElection(), loggers.CreateLogger<OperatorManager>());
    }

    /// <summary>Where the Lease lives, as `run --lease-namespace` defaults it.</summary>
    public const string LeaseNamespace = "vpce-system";

    public FakeTimeProvider Time { get; }
    public AwsSimulator Aws { get; }
    public InMemoryKube Kube { get; }
    public OperatorMetrics Metrics { get; }
    public ReconcileSettings Settings { get; }
    /// <summary>The regions the objects use (what the SDK adapters would keep clients for).</summary>
    public RegionsInUse Regions { get; } = new();
    public OperatorControllers Controllers { get; }
    public ReconcileSkeleton<VpcEndpoint, VpcEndpointStatus, EndpointSyncResult, VpcEndpointPass> Controller => Controllers.VpcEndpointController;
    public ControllerHost<VpcEndpoint> Endpoints => Controllers.Endpoints;
    public ControllerHost<EndpointBucketPolicy> BucketPolicies => Controllers.BucketPolicies;
    public OperatorManager Manager { get; }
    /// <summary>What reconciles changed in the informers' cached objects (none, or a bug: see
    /// <see cref="InMemoryOperatorOptions.CheckCachedObjects"/>).</summary>
    public IReadOnlyCollection<string> CachedObjectChanges => _cachedObjectChanges;
    /// <summary>The election on the store's Lease (<see cref="InMemoryOperatorOptions.LeaseIdentity"/>); null without one.</summary>
    public InMemoryLeaseElection? LeaseElection { get; }

    /// <summary>Runs the operator; its counters of known labels start at 0 here, as the run verb's do when its exporter starts,
    /// so a probe listening before the start reads them as a scrape would.</summary>
    public void Start()
    {
        if (_run is not null) return;
        Metrics.StartAtZero();
        _run = Manager.RunAsync(_stop.Token);
    }

    /// <summary>Completes when nothing happens until virtual time moves: the election waits for its timer and, while this
    /// operator leads, every controller is idle. A standby's controllers have not started and are not waited for.</summary>
    public async Task WaitForIdleAsync()
    {
        if (LeaseElection is null)
        {
            await Manager.WaitForIdleAsync(_stop.Token);
            return;
        }
        while (true)
        {
            await LeaseElection.WaitForIdleAsync(_stop.Token);
            if (Manager.IsLeading) await Manager.WaitForIdleAsync(_stop.Token);
            if (LeaseElection.IsIdle && (!Manager.IsLeading || Manager.Controllers.All(c => c.IsIdle))) return;
        }
    }

    /// <summary>Waits for the run to end by itself (leadership lost, a failure) and gives what `run` would exit with,
    /// logging its one line as `run` does (category vpce-operator). The end is then accounted for: <see cref="StopAsync"/>
    /// does not report it again.</summary>
    public Task<int> WaitForExitAsync()
    {
        var run = _run ?? throw new InvalidOperationException("the operator was not started");
        _exitAwaited = true;
        return OperatorExit.AwaitAsync(run, _log, _stop.Token);
    }

    /// <summary>A clean shutdown (SIGTERM): the controllers drain and stop, and the Lease, if held, is released.</summary>
    public async Task StopAsync()
    {
        await _stop.CancelAsync();
        if (_run is not null)
        {
            try
            {
                await _run;
            }
            catch (OperationCanceledException)
            {
            }
            catch (LeadershipLostException) when (_killed || _exitAwaited)
            {
                // The election ended before the stop: a dead process has no say in how it ended, and an awaited exit was
                // reported there.
            }
        }
    }

    /// <summary>The process killed hard (kill -9): the Lease is neither renewed nor released, and nothing runs any more.</summary>
    public async Task KillAsync()
    {
        if (LeaseElection is null) throw new InvalidOperationException("an operator without a Lease has nothing to hand over");
        _killed = true;
        LeaseElection.Kill();
        await StopAsync();
    }

    /// <summary>Moves the clock forward in steps, letting the operator finish its work after each.</summary>
    public async Task AdvanceAsync(TimeSpan by, TimeSpan? step = null)
    {
        var stride = step ?? TimeSpan.FromSeconds(1);
        await WaitForIdleAsync();
        for (var moved = TimeSpan.Zero; moved < by; moved += stride)
        {
            Time.Advance(stride < by - moved ? stride : by - moved);
            await WaitForIdleAsync();
        }
    }

    /// <summary>Advances virtual time until <paramref name="done"/> holds; false if it never did within <paramref name="limit"/>.</summary>
    public async Task<bool> ConvergeAsync(Func<bool> done, TimeSpan limit, TimeSpan? step = null)
    {
        var stride = step ?? TimeSpan.FromSeconds(1);
        await WaitForIdleAsync();
        for (var moved = TimeSpan.Zero; !done(); moved += stride)
        {
            if (moved >= limit)
            {
                return false;
            }
            Time.Advance(stride);
            await WaitForIdleAsync();
        }
        return true;
    }

    public VpcEndpoint? Get(string @namespace, string name) => Kube.VpcEndpoints.Get(@namespace, name);

    public async ValueTask DisposeAsync()
    {
        // A test may end (an assertion failed) while reconciles wait for this clock (a paced call's turn), and the shutdown's
        // grace period runs on it too: the clock moves until the run has ended, or the test would hang instead of failing.
        var stopping = StopAsync();
        if (await Task.WhenAny(stopping, Task.Delay(TimeSpan.FromMilliseconds(100))) != stopping)
        {
            while (!stopping.IsCompleted)
            {
                Time.Advance(TimeSpan.FromSeconds(1));
                await Task.WhenAny(stopping, Task.Delay(TimeSpan.FromMilliseconds(1)));
            }
        }
        await stopping;
        Metrics.Dispose();
        _stop.Dispose();
        // A test that ends with a cached object changed fails here, whatever it asserted.
        if (!_cachedObjectChanges.IsEmpty)
            throw new InvalidOperationException($"{_cachedObjectChanges.Count} reconcile(s) changed an informer's cached object; the first: {_cachedObjectChanges.First()}");
    }
}
