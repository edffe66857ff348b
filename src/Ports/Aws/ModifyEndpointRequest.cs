namespace Vpce.Ports.Aws;

/// <summary>The smallest ModifyVpcEndpoint: add/remove sets, and only the scalar fields that change.</summary>
public sealed record ModifyEndpointRequest
{
    public required string VpcEndpointId { get; init; }
    public IReadOnlyList<string> AddRouteTableIds { get; init; } = [];
    public IReadOnlyList<string> RemoveRouteTableIds { get; init; } = [];
    public IReadOnlyList<string> AddSubnetIds { get; init; } = [];
    public IReadOnlyList<string> RemoveSubnetIds { get; init; } = [];
    public IReadOnlyList<string> AddSecurityGroupIds { get; init; } = [];
    public IReadOnlyList<string> RemoveSecurityGroupIds { get; init; } = [];
    /// <summary>A new policy document; null leaves the policy as it is.</summary>
    public string? PolicyDocument { get; init; }
    /// <summary>Reset the policy to AWS's full-access default.</summary>
    public bool ResetPolicy { get; init; }
    public bool? PrivateDnsEnabled { get; init; }

    public bool IsEmpty =>
        AddRouteTableIds.Count == 0 && RemoveRouteTableIds.Count == 0 &&
        AddSubnetIds.Count == 0 && RemoveSubnetIds.Count == 0 &&
        AddSecurityGroupIds.Count == 0 && RemoveSecurityGroupIds.Count == 0 &&
        PolicyDocument is null && !ResetPolicy && PrivateDnsEnabled is null;
}
