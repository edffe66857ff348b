namespace Vpce.Operator.Model;

/// <summary>What fixes an endpoint at creation and may not change after: region, full service name, type and VPC.
/// VpcId is null until the spec's VPC reference is resolved (and in a status that never recorded one).</summary>
public sealed record EndpointIdentity(string Region, string ServiceName, string Type, string? VpcId = null);
