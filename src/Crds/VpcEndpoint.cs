using System.Text.Json.Serialization;
using Vpce.Crds.Schema;

namespace Vpce.Crds;

/// <summary>An AWS VPC endpoint (Gateway or Interface) kept matching its spec.</summary>
[Kind("VpcEndpoint", "vpcendpoints", "vpce")]
[Description("An AWS VPC endpoint (Gateway or Interface) that the operator creates, adopts, keeps matching its spec and deletes.")]
[PrinterColumn(1, "Type", "string", ".status.type")]
[PrinterColumn(2, "Service", "string", ".status.serviceName")]
[PrinterColumn(3, "Endpoint", "string", ".status.endpointId")]
[PrinterColumn(4, "State", "string", ".status.state")]
[PrinterColumn(5, "Ready", "string", ".status.conditions[?(@.type==\"Ready\")].status")]
[PrinterColumn(6, "Drifted", "string", ".status.conditions[?(@.type==\"Drifted\")].status")]
[PrinterColumn(7, "Age", "date", ".metadata.creationTimestamp")]
[PrinterColumn(8, "Account", "string", ".status.accountId", Priority = 1)]
public sealed class VpcEndpoint : CustomResource<VpcEndpointSpec, VpcEndpointStatus>
{
    public const string KindName = "VpcEndpoint";

    [JsonPropertyName("kind")] public override string Kind { get; set; } = KindName;
}
