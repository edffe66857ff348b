using Vpce.Operator.Diff;
using Vpce.Operator.Model;
using Vpce.Operator.Observe;
using Vpce.Ports.Aws;

namespace Vpce.Operator.Status;

/// <summary>What one reconcile of a VpcEndpoint found and did: the status builder's whole input besides the previous status.</summary>
public sealed record EndpointSyncResult : SyncResult
{
    public DesiredEndpoint? Desired { get; init; }
    public AwsVpc? Vpc { get; init; }
    /// <summary>The reads beside the endpoint, for the interface checks.</summary>
    public EndpointReading? Reading { get; init; }
    /// <summary>The endpoint as it stands at the end of the reconcile.</summary>
    public AwsEndpoint? Endpoint { get; init; }
    public string? PrefixListId { get; init; }
    public ManagedSets? Managed { get; init; }
    /// <summary>Report mode: the calls a Correct run would make, in words.</summary>
    public IReadOnlyList<string> Plan { get; init; } = [];
    /// <summary>The network-path checks; null when they did not run (nothing was read).</summary>
    public NetworkPathFindings? NetworkPath { get; init; }
    /// <summary>The advisory checks (companions, policy lint); null when they did not run.</summary>
    public AdvisoryFindings? Advice { get; init; }
    /// <summary>The create EC2's reads have not shown yet, as status is to record it (the previous status's until a phase
    /// decides otherwise); null: none.</summary>
    public Crds.UnconfirmedCall? Unconfirmed { get; init; }
    /// <summary>The export phase (spec.export's ConfigMap); null when it did not run.</summary>
    public Export.ExportResult? Export { get; init; }
}
