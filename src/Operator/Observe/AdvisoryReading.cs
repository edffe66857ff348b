using Vpce.Ports.Aws;

namespace Vpce.Operator.Observe;

/// <summary>What the advisory checks (companions, the endpoint-policy lint) and the client hints read beside the endpoint.
/// A part that was not needed, or could not be read this time, is null: its condition stays as it was.</summary>
public sealed record AdvisoryReading
{
    /// <summary>Every endpoint of the VPC, whoever made it, with the operator's own latest writes; only for a service that
    /// has companions.</summary>
    public IReadOnlyList<AwsEndpoint>? VpcEndpoints { get; init; }
    /// <summary>The service as DescribeVpcEndpointServices describes it (private DNS name, endpoint-policy support).</summary>
    public AwsEndpointService? Service { get; init; }
    /// <summary>The regions of the buckets spec.policyDocument names, those that could be read.</summary>
    public IReadOnlyDictionary<string, string>? BucketRegions { get; init; }
    /// <summary>The operator's principal as aws:PrincipalArn sees it; only when the policy has a Deny statement.</summary>
    public string? OperatorPrincipalArn { get; init; }
}
