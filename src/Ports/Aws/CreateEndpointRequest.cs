namespace Vpce.Ports.Aws;

public sealed record CreateEndpointRequest
{
    public required string VpcId { get; init; }
    public required string ServiceName { get; init; }
    public required string Type { get; init; }
    public required string ClientToken { get; init; }
    public IReadOnlyList<string> RouteTableIds { get; init; } = [];
    public IReadOnlyList<string> SubnetIds { get; init; } = [];
    public IReadOnlyList<string> SecurityGroupIds { get; init; } = [];
    /// <summary>Interface only; null for Gateway.</summary>
    public bool? PrivateDnsEnabled { get; init; }
    /// <summary>Null: AWS attaches its full-access default.</summary>
    public string? PolicyDocument { get; init; }
    public IReadOnlyDictionary<string, string> Tags { get; init; } = Tag.None;
}
