namespace Vpce.Operator.Model;

/// <summary>What the spec fixes at creation and may not change after: region, full service name and type.</summary>
public sealed record EndpointIdentity(string Region, string ServiceName, string Type);
