using System.Text.Json.Serialization;

namespace Vpce.Crds;

public sealed class DnsEntry
{
    [JsonPropertyName("dnsName")] public string DnsName { get; set; } = "";
    [JsonPropertyName("hostedZoneId")] public string HostedZoneId { get; set; } = "";
}
