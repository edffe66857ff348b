using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using Vpce.Operator.Model;
using Vpce.Operator.Observability;
using Vpce.Operator.Runtime;
using Vpce.Ports.Aws;
using Vpce.Simulation.Aws;

namespace Vpce.Operator.Hosting;

public sealed record InMemoryOperatorOptions
{
    public FakeTimeProvider? Time { get; init; }
    /// <summary>A simulator built on <see cref="Time"/>; default: a new one.</summary>
    public AwsSimulator? Aws { get; init; }
    public ReconcileSettings Settings { get; init; } = new("eu-west-1", "demo");
    public ControllerOptions Controller { get; init; } = new() { MaxConcurrentReconciles = 2, ResyncInterval = TimeSpan.FromMinutes(2) };
    /// <summary>Wraps the AWS ports (the resilience pipeline, in production); default: the simulator as it is.</summary>
    public Func<IAwsApis, OperatorMetrics, TimeProvider, IAwsApis>? WrapAws { get; init; }
    public ILoggerFactory? Loggers { get; init; }
}
