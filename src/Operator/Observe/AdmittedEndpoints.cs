namespace Vpce.Operator.Observe;

/// <summary>The endpoints a bucket policy admits, resolved: the id spec.vpcEndpointRef's VpcEndpoint has, and the region
/// the endpoints are in; or the problem that stopped it.</summary>
public sealed record AdmittedEndpoints
{
    public string? ReferencedEndpointId { get; init; }
    /// <summary>The endpoints' region; null when only explicit ids are named and not yet looked up.</summary>
    public string? Region { get; init; }
    public ObserveProblem? Problem { get; init; }
}
