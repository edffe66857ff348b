using System.Text.Json.Serialization;
using Vpce.Crds.Schema;

namespace Vpce.Crds;

[ValidationRule("!(has(self.vpcSelector) && has(self.vpcIds))", "set at most one of vpcSelector and vpcIds")]
public sealed class AwsAccountSpec
{
    [JsonPropertyName("accountId")]
    [Description("The 12-digit AWS account id; the role's credentials must act in it.")]
    [Required, Pattern(AwsPatterns.AccountId)]
    public string AccountId { get; set; } = "";

    [JsonPropertyName("roleArn")]
    [Description("The IAM role to assume in the account; without it, the operator's own credentials (which must act in accountId).")]
    [Pattern(AwsPatterns.RoleArn), Length(Max = AwsLimits.RoleArnMaxLength)]
    public string? RoleArn { get; set; }

    [JsonPropertyName("externalId")]
    [Description("Passed as sts:ExternalId when the role is assumed.")]
    [Pattern(AwsPatterns.ExternalId), Length(Min = AwsLimits.ExternalIdMinLength, Max = AwsLimits.ExternalIdMaxLength)]
    public string? ExternalId { get; set; }

    [JsonPropertyName("roleChain")]
    [Description("Roles assumed first, in order (hub to spoke); the last of them assumes roleArn.")]
    [Pattern(AwsPatterns.RoleArn), MaxItems(AwsLimits.RoleChainLength)]
    public List<string>? RoleChain { get; set; }

    [JsonPropertyName("sessionTags")]
    [Description("Session tags passed with AssumeRole (sts:TagSession).")]
    [MaxProperties(AwsLimits.SessionTags), Length(Max = AwsLimits.SessionTagValueMaxLength)]
    public Dictionary<string, string>? SessionTags { get; set; }

    [JsonPropertyName("regions")]
    [Description("The only regions objects may use in this account; empty allows every region.")]
    [Pattern(AwsPatterns.Region), MaxItems(AwsLimits.RegionsPerAccount)]
    public List<string>? Regions { get; set; }

    [JsonPropertyName("namespaceSelector")]
    [Description("The namespaces whose objects may name this account; {} admits every namespace.")]
    [Required]
    public LabelSelector? NamespaceSelector { get; set; }

    [JsonPropertyName("vpcSelector")]
    [Description("The VPCs (by tags) endpoints may be put in; with neither this nor vpcIds, every VPC of the account.")]
    public TagSelector? VpcSelector { get; set; }

    [JsonPropertyName("vpcIds")]
    [Description("The VPCs (by id) endpoints may be put in.")]
    [Pattern(AwsPatterns.VpcId), MaxItems(AwsLimits.VpcIdsPerAccount)]
    public List<string>? VpcIds { get; set; }

    [JsonPropertyName("endpointServiceOwners")]
    [Description("Owners of the endpoint services interface endpoints may reach (amazon or account ids); empty: amazon and this account.")]
    [Pattern(AwsPatterns.EndpointServiceOwner), MaxItems(AwsLimits.EndpointServiceOwnersPerAccount)]
    public List<string>? EndpointServiceOwners { get; set; }

    [JsonPropertyName("buckets")]
    [Description("Bucket name patterns (* and ?) that bucket policies may write statements into; empty admits every bucket.")]
    [Pattern(AwsPatterns.BucketNamePattern), MaxItems(AwsLimits.BucketPatternsPerAccount)]
    public List<string>? Buckets { get; set; }
}
