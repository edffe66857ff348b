namespace Vpce.Operator.Hosting;

/// <summary>The `run` verb's settings, from flags or their environment variables.</summary>
public sealed record OperatorOptions
{
    public string? Region { get; init; }
    public string ClusterName { get; init; } = "default";
    /// <summary>Namespaces to watch; empty means all.</summary>
    public IReadOnlyList<string> Namespaces { get; init; } = [];
    public TimeSpan ResyncInterval { get; init; } = TimeSpan.FromMinutes(2);
    public int MaxConcurrentReconciles { get; init; } = 4;
    /// <summary>Namespaces whose objects may export ConfigMaps; null: every namespace (no --export-namespace), empty: none.</summary>
    public IReadOnlySet<string>? ExportNamespaces { get; init; }
    public int MetricsPort { get; init; } = 8080;
    /// <summary>The address /metrics listens on: every address by default.</summary>
    public System.Net.IPAddress MetricsBindAddress { get; init; } = System.Net.IPAddress.Any;
    public int HealthPort { get; init; } = 8081;
    public bool LeaderElect { get; init; }
    public string? AwsEndpointUrl { get; init; }
    public string? Kubeconfig { get; init; }
    /// <summary>Where the leader-election Lease lives: the operator's own namespace.</summary>
    public string LeaseNamespace { get; init; } = "vpce-system";
    /// <summary>The AwsAccount objects without spec.accountRef act in; null: the operator's own identity.</summary>
    public string? DefaultAccount { get; init; }
    /// <summary>The endpoint-service owners admitted where no AwsAccount lists any; null: amazon and the account itself.</summary>
    public IReadOnlyList<string>? EndpointServiceOwners { get; init; }
}
