using System.Text.Json.Serialization;
using Vpce.Crds.Schema;

namespace Vpce.Crds;

/// <summary>An AWS account objects may act in, made by the cluster admin: the role to assume there and which namespaces,
/// regions, VPCs and buckets it admits.</summary>
[Kind("AwsAccount", "awsaccounts", "awsacct", ClusterScoped = true)]
[Description("An AWS account the operator acts in for the namespaces it admits, through the role it names.")]
[PrinterColumn(1, "Account", "string", ".spec.accountId")]
[PrinterColumn(2, "Role", "string", ".spec.roleArn")]
[PrinterColumn(3, "Ready", "string", ".status.conditions[?(@.type==\"Ready\")].status")]
[PrinterColumn(4, "Objects", "integer", ".status.objects")]
[PrinterColumn(5, "Age", "date", ".metadata.creationTimestamp")]
public sealed class AwsAccount : CustomResource<AwsAccountSpec, AwsAccountStatus>, IClusterScoped
{
    public const string KindName = "AwsAccount";

    [JsonPropertyName("kind")] public override string Kind { get; set; } = KindName;
}
