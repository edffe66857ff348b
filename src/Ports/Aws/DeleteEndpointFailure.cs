namespace Vpce.Ports.Aws;

/// <summary>An Unsuccessful item of DeleteVpcEndpoints.</summary>
public sealed record DeleteEndpointFailure(string VpcEndpointId, string Code, string Message);
