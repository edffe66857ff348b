namespace Vpce.Ports.Aws;

public sealed record AwsDnsEntry(string DnsName, string HostedZoneId);
