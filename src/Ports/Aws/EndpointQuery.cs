namespace Vpce.Ports.Aws;

/// <summary>A DescribeVpcEndpoints filter: ids, and/or filters that all must match. Tags match key and value.</summary>
public sealed record EndpointQuery
{
    public IReadOnlyList<string>? EndpointIds { get; init; }
    /// <summary>One vpc-id filter with up to <see cref="ResourceQuery.MaxFilterValues"/> values: an endpoint in any of them.</summary>
    public IReadOnlyList<string>? VpcIds { get; init; }
    public string? ServiceName { get; init; }
    public IReadOnlyDictionary<string, string>? Tags { get; init; }
}
