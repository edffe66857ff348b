namespace Vpce.Simulation.Aws;

/// <summary>A VPC endpoint and the bookkeeping of its lifecycle.</summary>
internal sealed class SimEndpoint(string id, string region, string vpcId, string serviceName, string type, long sequence, DateTimeOffset createdAt)
{
    public string Id { get; } = id;
    public string Region { get; } = region;
    public string VpcId { get; } = vpcId;
    public string ServiceName { get; } = serviceName;
    public string Type { get; } = type;
    public long Sequence { get; } = sequence;
    public DateTimeOffset CreatedAt { get; } = createdAt;
    public string State { get; set; } = Ports.Aws.EndpointStates.Pending;
    /// <summary>When the current state began; transitions are computed from it.</summary>
    public DateTimeOffset StateSince { get; set; } = createdAt;
    /// <summary>The state that follows pending (decided at creation from the service's outcome).</summary>
    public string StateAfterPending { get; set; } = Ports.Aws.EndpointStates.Available;
    /// <summary>When DeleteVpcEndpoints (or a tamper) began deleting it; EC2's reads show it as it was for the propagation delay.</summary>
    public DateTimeOffset? DeletionRequestedAt { get; set; }
    /// <summary>The state it was in when its deletion began.</summary>
    public string StateBeforeDeletion { get; set; } = Ports.Aws.EndpointStates.Pending;
    public List<string> RouteTableIds { get; } = [];
    public List<string> SubnetIds { get; } = [];
    public List<string> SecurityGroupIds { get; } = [];
    /// <summary>One network interface per subnet (Interface endpoints).</summary>
    public Dictionary<string, string> NetworkInterfaceBySubnet { get; } = new(StringComparer.Ordinal);
    public bool PrivateDnsEnabled { get; set; }
    public string? PolicyDocument { get; set; }
    public Dictionary<string, string> Tags { get; } = new(StringComparer.Ordinal);
    /// <summary>The random part of the endpoint's DNS names (vpce-ID-SUFFIX.svc.region.vpce.amazonaws.com).</summary>
    public string DnsSuffix { get; set; } = "";
    public string PrivateHostedZoneId { get; set; } = "";
    /// <summary>The last view DescribeVpcEndpoints made of it, handed out again while nothing it shows has changed.</summary>
    public SimEndpointView? LastView { get; set; }
}
