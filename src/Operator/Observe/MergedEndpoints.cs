using Vpce.Operator.Model;
using Vpce.Ports.Aws;

namespace Vpce.Operator.Observe;

/// <summary>A VPC's endpoints as the companion check sees them when this cluster's own are not enough: the regional read of
/// the others (<paramref name="Others"/>, by reference) with this cluster's laid over them (<paramref name="All"/>).</summary>
public sealed record MergedEndpoints(IReadOnlyList<AwsEndpoint> Others, VpcEndpointSet All);
