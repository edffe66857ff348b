using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using Vpce.Crds;
using Vpce.Operator.Controllers;
using Vpce.Operator.Model;
using Vpce.Operator.Observability;
using Vpce.Operator.Runtime;
using Vpce.Ports.Aws;
using Vpce.Simulation.Aws;
using Vpce.Simulation.Kube;

namespace Vpce.Operator.Hosting;

/// <summary>The whole operator on the simulator and the in-memory Kubernetes store, on a virtual clock: what the demo
/// runs and what the component tests drive. Time moves only when <see cref="AdvanceAsync"/> moves it.</summary>
public sealed class InMemoryOperator : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private Task? _run;

    public InMemoryOperator(InMemoryOperatorOptions? options = null)
    {
        options ??= new InMemoryOperatorOptions();
        Time = options.Time ?? new FakeTimeProvider(new DateTimeOffset(2026, 11, 23, 9, 0, 0, TimeSpan.Zero));
        Aws = options.Aws ?? new AwsSimulator(Time);
        Kube = new InMemoryKube(Time);
        Metrics = new OperatorMetrics();
        Settings = options.Settings;
        var loggers = options.Loggers ?? NullLoggerFactory.Instance;
        var aws = options.WrapAws?.Invoke(Aws, Metrics, Time) ?? Aws;
        Controller = new VpcEndpointController(aws.Ec2, Kube.VpcEndpoints, Kube.Events, Metrics, Settings, Time,
            loggers.CreateLogger<VpcEndpointController>());
        Endpoints = new ControllerHost<VpcEndpoint>(Kube.VpcEndpoints, Controller, options.Controller, Metrics, Time,
            loggers.CreateLogger<ControllerHost<VpcEndpoint>>(), Kube.Events);
        Manager = new OperatorManager([Endpoints], new InMemoryLeaderElection(), loggers.CreateLogger<OperatorManager>());
    }

    public FakeTimeProvider Time { get; }
    public AwsSimulator Aws { get; }
    public InMemoryKube Kube { get; }
    public OperatorMetrics Metrics { get; }
    public ReconcileSettings Settings { get; }
    public VpcEndpointController Controller { get; }
    public ControllerHost<VpcEndpoint> Endpoints { get; }
    public OperatorManager Manager { get; }

    public void Start() => _run ??= Manager.RunAsync(_stop.Token);

    public Task WaitForIdleAsync() => Manager.WaitForIdleAsync(_stop.Token);

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
        }
        Metrics.Dispose();
        _stop.Dispose();
    }
}
