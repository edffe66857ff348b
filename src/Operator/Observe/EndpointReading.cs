using Vpce.Ports.Aws;

namespace Vpce.Operator.Observe;

/// <summary>What AWS has now for one VpcEndpoint: the endpoint (if any), how it was found, and what the drift and
/// interface checks read beside it. Read-only.</summary>
public sealed record EndpointReading
{
    public ObserveProblem? Problem { get; init; }
    /// <summary>True when <see cref="Actual"/> was read from AWS by id in this reconcile, not taken from the snapshot.</summary>
    public bool Fresh { get; init; }
    /// <summary>The endpoint, found by spec.endpointId, status id or ownership tags; null when none exists.</summary>
    public AwsEndpoint? Actual { get; init; }
    /// <summary>How the endpoint was found (<see cref="Observe.FoundBy"/>), or null.</summary>
    public string? FoundBy { get; init; }
    /// <summary>Gateway: the service's prefix list, the destination of the endpoint's routes.</summary>
    public string? PrefixListId { get; init; }
    /// <summary>Gateway: the route tables the endpoint is associated with, with their routes.</summary>
    public IReadOnlyList<AwsRouteTable> AssociatedRouteTables { get; init; } = [];
    /// <summary>Gateway: every route table of the VPC as AWS has it after this reconcile's writes, for RoutesCovered; null
    /// when they could not be read again after a write (the condition then stays as it was).</summary>
    public IReadOnlyList<AwsRouteTable>? VpcRouteTables { get; init; }
    /// <summary>Gateway: every subnet of the VPC (RoutesCovered looks at all of them when the spec names none).</summary>
    public IReadOnlyList<string> VpcSubnetIds { get; init; } = [];
    /// <summary>Interface: the VPC's network ACLs, for NetworkAclAllows.</summary>
    public IReadOnlyList<AwsNetworkAcl> VpcNetworkAcls { get; init; } = [];
    /// <summary>Interface: the VPC's network interfaces, read only when a security group of the endpoint admits 443 from a
    /// group (whose members they are); null when not needed.</summary>
    public IReadOnlyList<AwsNetworkInterface>? VpcNetworkInterfaces { get; init; }
    /// <summary>Interface: the VPC's DNS attributes (when private DNS is asked for), for the DnsSupported check.</summary>
    public VpcDnsAttributes? VpcDns { get; init; }
    /// <summary>Interface: the security groups the spec gives the endpoint, for the HttpsAllowed check.</summary>
    public IReadOnlyList<AwsSecurityGroup> EndpointSecurityGroups { get; init; } = [];
}
