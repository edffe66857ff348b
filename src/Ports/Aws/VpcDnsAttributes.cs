namespace Vpce.Ports.Aws;

/// <summary>The VPC attributes private DNS of an interface endpoint depends on.</summary>
public sealed record VpcDnsAttributes(bool EnableDnsSupport, bool EnableDnsHostnames);
