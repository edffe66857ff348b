using System.Text.Json.Serialization;
using Vpce.Crds.Schema;

namespace Vpce.Crds;

/// <summary>One owned Deny statement in an S3 bucket policy that admits only traffic through given VPC endpoints.</summary>
[Kind("EndpointBucketPolicy", "endpointbucketpolicies", "ebp")]
[Description("Restricts an S3 bucket to traffic through VPC endpoints by owning one statement of its bucket policy.")]
[PrinterColumn(1, "Bucket", "string", ".spec.bucket")]
[PrinterColumn(2, "Endpoints", "string", ".status.endpointIds")]
[PrinterColumn(3, "Ready", "string", ".status.conditions[?(@.type==\"Ready\")].status")]
[PrinterColumn(4, "Drifted", "string", ".status.conditions[?(@.type==\"Drifted\")].status")]
[PrinterColumn(5, "Age", "date", ".metadata.creationTimestamp")]
public sealed class EndpointBucketPolicy : CustomResource<EndpointBucketPolicySpec, EndpointBucketPolicyStatus>
{
    public const string KindName = "EndpointBucketPolicy";

    [JsonPropertyName("kind")] public override string Kind { get; set; } = KindName;
}
