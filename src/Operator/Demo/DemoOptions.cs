namespace Vpce.Operator.Demo;

public sealed record DemoOptions
{
    /// <summary>After the story, keep the operator running in real time (Ctrl-C ends it).</summary>
    public bool KeepRunning { get; init; }
    /// <summary>With KeepRunning: serve Prometheus metrics on this port (0: none).</summary>
    public int MetricsPort { get; init; }
}
