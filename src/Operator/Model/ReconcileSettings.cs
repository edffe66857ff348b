using Vpce.Crds;

namespace Vpce.Operator.Model;

/// <summary>Operator-wide settings the model needs: the default region and the cluster name in ownership tags.</summary>
public sealed record ReconcileSettings(string? DefaultRegion, string ClusterName)
{
    /// <summary>How long one regional read of AWS serves the resyncs that compare against it: the resync interval.</summary>
    public TimeSpan SnapshotWindow { get; init; } = TimeSpan.FromMinutes(2);

    /// <summary>The shortest window of the reads only advisory conditions use (network ACLs, network interfaces, other tools'
    /// endpoints in the VPC): they never lead to a write, so a resync interval of seconds does not make them cost a call each
    /// time; with the default interval of 2 minutes they follow it.</summary>
    public static TimeSpan MinAdvisoryWindow { get; } = TimeSpan.FromMinutes(1);

    /// <summary>How long one read of what only advisory conditions use serves: the snapshot window, at least a minute.</summary>
    public TimeSpan AdvisoryWindow => SnapshotWindow > MinAdvisoryWindow ? SnapshotWindow : MinAdvisoryWindow;

    /// <summary>How long a create or delete of the operator's own may go unseen by EC2's reads before a read that does not
    /// show it is believed. EC2 is eventually consistent, and AWS's advice is to run the Describe command again "starting
    /// with a couple of seconds of wait time, and increasing gradually up to a few minutes of wait time"
    /// (https://docs.aws.amazon.com/ec2/latest/devguide/eventual-consistency.html; before, "up to about five minutes").</summary>
    public TimeSpan PropagationWait { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>The namespaces spec.export may write ConfigMaps in (run --export-namespace); null: every namespace, as before the
    /// flag existed; empty: none. An object elsewhere asking for export gets Exported=False, ExportNotAllowed, and nothing is
    /// read or written in its namespace.</summary>
    public IReadOnlySet<string>? ExportNamespaces { get; init; }

    /// <summary>run --endpoint-service-owner: the owners admitted where no AwsAccount lists any; null: amazon and the account
    /// the operator acts in.</summary>
    public IReadOnlyList<string>? EndpointServiceOwners { get; init; }

    /// <summary>The owner this operator's ownership tags name for the object.</summary>
    public EndpointOwner OwnerOf(ICustomResource resource) => new(ClusterName, resource.Metadata.Namespace ?? "", resource.Metadata.Name);
}
