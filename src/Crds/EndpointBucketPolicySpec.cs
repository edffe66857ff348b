using System.Text.Json.Serialization;
using Vpce.Crds.Schema;

namespace Vpce.Crds;

[ValidationRule("has(self.vpcEndpointRef) || (has(self.vpcEndpointIds) && size(self.vpcEndpointIds) > 0)", "set vpcEndpointRef or vpcEndpointIds")]
public sealed class EndpointBucketPolicySpec
{
    [JsonPropertyName("bucket")]
    [Description("The S3 bucket whose policy gets the owned statement.")]
    [Required, Length(Min = AwsLimits.BucketNameMinLength, Max = AwsLimits.BucketNameMaxLength), Pattern(AwsPatterns.BucketName), Immutable]
    public string Bucket { get; set; } = "";

    [JsonPropertyName("accountRef")]
    [Description("The AwsAccount (cluster-scoped) to act in; default: the operator's --default-account, else its own identity. Immutable once something exists on AWS.")]
    [Immutable]
    public LocalObjectReference? AccountRef { get; set; }

    [JsonPropertyName("vpcEndpointRef")]
    [Description("A VpcEndpoint in the same namespace whose endpoint id is admitted.")]
    public LocalObjectReference? VpcEndpointRef { get; set; }

    [JsonPropertyName("vpcEndpointIds")]
    [Description("Explicit endpoint ids that are admitted.")]
    [Pattern(AwsPatterns.EndpointId), MaxItems(AwsLimits.EndpointIdsPerBucketPolicy)]
    public List<string>? VpcEndpointIds { get; set; }

    [JsonPropertyName("actions")]
    [Description("Actions the statement denies outside the endpoints; default s3:*.")]
    [Pattern(AwsPatterns.S3Action), MaxItems(AwsLimits.ActionsPerBucketPolicy), SchemaDefault(new[] { "s3:*" })]
    public List<string>? Actions { get; set; }

    [JsonPropertyName("exemptPrincipalArns")]
    [Description("Principals never denied (aws:PrincipalArn).")]
    [Pattern(AwsPatterns.PrincipalArn), MaxItems(AwsLimits.ExemptPrincipalsPerBucketPolicy)]
    public List<string>? ExemptPrincipalArns { get; set; }

    [JsonPropertyName("statementSid")]
    [Description("Sid of the owned statement, starting with Vpce; default derived from namespace and name.")]
    [Pattern(AwsPatterns.SpecStatementSid), Length(Max = AwsLimits.StatementSidMaxLength)]
    public string? StatementSid { get; set; }

    [JsonPropertyName("deletionPolicy")]
    [Description("Delete removes the statement with the object; Retain leaves it.")]
    [EnumValues(DeletionPolicies.Delete, DeletionPolicies.Retain), SchemaDefault(DeletionPolicies.Delete)]
    public string? DeletionPolicy { get; set; }

    [JsonPropertyName("driftPolicy")]
    [Description("Correct rewrites the statement; Report only records drift.")]
    [EnumValues(DriftPolicies.Correct, DriftPolicies.Report), SchemaDefault(DriftPolicies.Correct)]
    public string? DriftPolicy { get; set; }
}
