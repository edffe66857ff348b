using Vpce.Operator.Model;
using Vpce.Ports.Aws;

namespace Vpce.Operator.Observe;

/// <summary>The spec's references resolved against AWS, or the problem that stopped it.</summary>
public sealed record ReferenceResolution
{
    /// <summary>Null exactly when <see cref="Problem"/> is set.</summary>
    public ResolvedNetwork? Network { get; init; }
    public AwsVpc? Vpc { get; init; }
    public ObserveProblem? Problem { get; init; }
    /// <summary>The endpoint service as DescribeVpcEndpointServices described it; null when it is not offered.</summary>
    public AwsEndpointService? Service { get; init; }
}
