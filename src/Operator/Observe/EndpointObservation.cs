using Vpce.Operator.Model;
using Vpce.Ports.Aws;

namespace Vpce.Operator.Observe;

/// <summary>Everything observed of AWS for one VpcEndpoint, read-only.</summary>
public sealed record EndpointObservation
{
    public ResolvedNetwork? Network { get; init; }
    public ObserveProblem? Problem { get; init; }
    /// <summary>The endpoint, found by status id, spec.endpointId, or ownership tags; null when none exists.</summary>
    public AwsEndpoint? Actual { get; init; }
    /// <summary>How the endpoint was found: status, adopted, tags, or null.</summary>
    public string? FoundBy { get; init; }
    public AwsVpc? Vpc { get; init; }
    /// <summary>Gateway: the service's prefix list, the destination of the endpoint's routes.</summary>
    public string? PrefixListId { get; init; }
    /// <summary>Gateway: the route tables the endpoint is associated with, with their routes.</summary>
    public IReadOnlyList<AwsRouteTable> AssociatedRouteTables { get; init; } = [];
    /// <summary>Interface: the VPC's DNS attributes and the endpoint's security groups, for the DnsSupported and HttpsAllowed checks.</summary>
    public VpcDnsAttributes? VpcDns { get; init; }
    public IReadOnlyList<AwsSecurityGroup> EndpointSecurityGroups { get; init; } = [];
}
