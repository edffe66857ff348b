using System.Text.Json.Serialization;

namespace Vpce.Crds;

/// <summary>Gateway: whether one subnet's traffic to the service takes the endpoint. The route table is the subnet's explicit
/// association, or the VPC's main table (mainRouteTable true); defaultRouteTarget is where its 0.0.0.0/0 route sends traffic
/// that misses the endpoint's prefix-list route (a nat-, igw- or other id; absent: no default route, nowhere).</summary>
public sealed class SubnetCoverage
{
    [JsonPropertyName("subnetId")] public string SubnetId { get; set; } = "";
    [JsonPropertyName("routeTableId")] public string? RouteTableId { get; set; }
    [JsonPropertyName("mainRouteTable")] public bool MainRouteTable { get; set; }
    [JsonPropertyName("covered")] public bool Covered { get; set; }
    [JsonPropertyName("defaultRouteTarget")] public string? DefaultRouteTarget { get; set; }
}
