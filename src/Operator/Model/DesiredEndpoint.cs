namespace Vpce.Operator.Model;

/// <summary>The endpoint the spec asks for, every default and selector made concrete. Sets are sorted.</summary>
public sealed record DesiredEndpoint
{
    public required string Region { get; init; }
    public required string VpcId { get; init; }
    public required string ServiceName { get; init; }
    public required string Type { get; init; }
    public IReadOnlyList<string> RouteTableIds { get; init; } = [];
    public IReadOnlyList<string> SubnetIds { get; init; } = [];
    public IReadOnlyList<SkippedSubnet> SkippedSubnets { get; init; } = [];
    public IReadOnlyList<string> SecurityGroupIds { get; init; } = [];
    /// <summary>Gateway: the subnets the spec names (subnetIds, subnetSelector), sorted; RoutesCovered checks these, or every
    /// subnet of the VPC when there are none.</summary>
    public IReadOnlyList<string> RouteSubnetIds { get; init; } = [];
    /// <summary>Interface only; null for Gateway.</summary>
    public bool? PrivateDnsEnabled { get; init; }
    /// <summary>Null: AWS's full-access default.</summary>
    public string? PolicyDocument { get; init; }
    /// <summary>Spec tags plus the ownership tags.</summary>
    public required IReadOnlyDictionary<string, string> Tags { get; init; }
    public required bool Additive { get; init; }
    public required bool CorrectDrift { get; init; }
    public required string ClientToken { get; init; }

    public bool IsGateway => Type == Vpce.Crds.EndpointTypes.Gateway;
}
