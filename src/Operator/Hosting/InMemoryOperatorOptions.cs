using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using Vpce.Operator.Model;
using Vpce.Operator.Observability;
using Vpce.Operator.Runtime;
using Vpce.Ports.Aws;
using Vpce.Ports.Kube;
using Vpce.Simulation.Aws;
using Vpce.Simulation.Kube;

namespace Vpce.Operator.Hosting;

public sealed record InMemoryOperatorOptions
{
    public FakeTimeProvider? Time { get; init; }
    /// <summary>A simulator built on <see cref="Time"/>; default: a new one, with <see cref="AwsOptions"/>.</summary>
    public AwsSimulator? Aws { get; init; }
    /// <summary>How the default simulator behaves (its eventual consistency, say); ignored when <see cref="Aws"/> is given.</summary>
    public AwsSimulatorOptions? AwsOptions { get; init; }
    public ReconcileSettings Settings { get; init; } = new("eu-west-1", "demo");
    public ControllerOptions Controller { get; init; } = new() { MaxConcurrentReconciles = 2, ResyncInterval = TimeSpan.FromMinutes(2) };
    /// <summary>Wraps the AWS ports (the resilience pipeline, in production); default: the simulator as it is.</summary>
    /// <summary>The AwsAccount objects without spec.accountRef act in (run --default-account); null: the operator's own identity.</summary>
    public string? DefaultAccount { get; init; }

    public Func<IAwsApis, OperatorMetrics, TimeProvider, IAwsApis>? WrapAws { get; init; }
    public ILoggerFactory? Loggers { get; init; }
    /// <summary>The in-memory API to run against; default: a new one. Operators that share one elect one leader on it.</summary>
    public InMemoryKube? Kube { get; init; }
    /// <summary>Wraps the Kubernetes ports the controllers use (a watch that lags, in tests); default: <see cref="Kube"/> as it is.</summary>
    public Func<IKubeApis, IKubeApis>? WrapKube { get; init; }
    /// <summary>Set: the operator runs only while it holds the Lease of its <see cref="Kube"/> under this identity, as
    /// `run --leader-elect` does. Null: it leads from the start, with no Lease.</summary>
    public string? LeaseIdentity { get; init; }
    public LeaseTimings? LeaseTimings { get; init; }
    /// <summary>Every reconcile checks it left the cached object as it found it (<see cref="InMemoryOperator.CachedObjectChanges"/>);
    /// on by default for the tests, off in the bench, which weighs the operator as it runs in production.</summary>
    public bool CheckCachedObjects { get; init; } = true;
}
