using System.Text.Json.Serialization;
using Vpce.Crds.Schema;

namespace Vpce.Crds;

[ValidationRule("has(self.vpcId) != has(self.vpcSelector)", "exactly one of vpcId and vpcSelector must be set")]
[ValidationRule("has(self.region) == has(oldSelf.region)", "region is immutable")]
[ValidationRule("has(self.type) == has(oldSelf.type)", "type is immutable")]
public sealed class VpcEndpointSpec
{
    [JsonPropertyName("accountRef")]
    [Description("The AwsAccount (cluster-scoped) to act in; default: the operator's --default-account, else its own identity. Immutable once something exists on AWS.")]
    [Immutable]
    public LocalObjectReference? AccountRef { get; set; }

    [JsonPropertyName("region")]
    [Description("AWS region of the endpoint; default: the operator's --region. Immutable.")]
    [Pattern(AwsPatterns.Region), Immutable]
    public string? Region { get; set; }

    [JsonPropertyName("vpcId")]
    [Description("The VPC, by id. Exactly one of vpcId and vpcSelector. Immutable.")]
    [Pattern(AwsPatterns.VpcId), Immutable]
    public string? VpcId { get; set; }

    [JsonPropertyName("vpcSelector")]
    [Description("The VPC, by tags; must resolve to exactly one VPC. Immutable.")]
    [Immutable]
    public TagSelector? VpcSelector { get; set; }

    [JsonPropertyName("serviceName")]
    [Description("Short (s3, ssm, ec2messages) or full (com.amazonaws.eu-west-1.s3) service name. Immutable.")]
    [Required, Length(Min = 1, Max = 255), Immutable]
    public string ServiceName { get; set; } = "";

    [JsonPropertyName("type")]
    [Description("Gateway or Interface; default Gateway for s3 and dynamodb, else Interface. Immutable.")]
    [EnumValues(EndpointTypes.Gateway, EndpointTypes.Interface), Immutable]
    public string? Type { get; set; }

    [JsonPropertyName("routeTableIds")]
    [Description("Gateway only: route tables to associate; union with routeTableSelector and the route tables of subnetIds and subnetSelector.")]
    [Pattern(AwsPatterns.RouteTableId), MaxItems(AwsLimits.RouteTablesPerEndpoint)]
    public List<string>? RouteTableIds { get; set; }

    [JsonPropertyName("routeTableSelector")]
    [Description("Gateway only: route tables of the VPC whose tags include these; must match at least one.")]
    public TagSelector? RouteTableSelector { get; set; }

    [JsonPropertyName("subnetIds")]
    [Description("Interface: subnets to place interfaces in (at most one per AZ). Gateway: subnets whose route tables (their explicit association, else the VPC's main table) get the endpoint. Union with subnetSelector.")]
    [Pattern(AwsPatterns.SubnetId), MaxItems(AwsLimits.SubnetsPerEndpoint)]
    public List<string>? SubnetIds { get; set; }

    [JsonPropertyName("subnetSelector")]
    [Description("Subnets of the VPC whose tags include these: for Interface, where the interfaces go; for Gateway, whose route tables get the endpoint.")]
    public TagSelector? SubnetSelector { get; set; }

    [JsonPropertyName("securityGroupIds")]
    [Description("Interface only: security groups of the interfaces; union with securityGroupSelector; neither set: the VPC's default security group.")]
    [Pattern(AwsPatterns.SecurityGroupId), MaxItems(AwsLimits.SecurityGroupsPerEndpoint)]
    public List<string>? SecurityGroupIds { get; set; }

    [JsonPropertyName("securityGroupSelector")]
    [Description("Interface only: security groups of the VPC whose tags include these.")]
    public TagSelector? SecurityGroupSelector { get; set; }

    [JsonPropertyName("privateDnsEnabled")]
    [Description("Interface only: private DNS for the service's name; default true.")]
    public bool? PrivateDnsEnabled { get; set; }

    [JsonPropertyName("policyDocument")]
    [Description("Endpoint policy as a JSON string; absent means AWS's full-access default.")]
    [Length(Max = AwsLimits.EndpointPolicyMaxLength)]
    public string? PolicyDocument { get; set; }

    [JsonPropertyName("tags")]
    [Description("Tags applied to the endpoint besides the ownership tags: at most 47, as AWS allows 50 and the operator adds 3.")]
    [MaxProperties(AwsLimits.UserTagsPerEndpoint), Length(Max = AwsLimits.TagValueMaxLength)]
    [ValidationRule(TagKeyRules.LengthRule, TagKeyRules.LengthMessage)]
    [ValidationRule(TagKeyRules.ReservedRule, TagKeyRules.ReservedMessage)]
    public Dictionary<string, string>? Tags { get; set; }

    [JsonPropertyName("associationMode")]
    [Description("Exclusive: associations are exactly the spec's; Additive: only those the operator added are managed.")]
    [EnumValues(AssociationModes.Exclusive, AssociationModes.Additive), SchemaDefault(AssociationModes.Exclusive)]
    public string? AssociationMode { get; set; }

    [JsonPropertyName("endpointId")]
    [Description("Adopt this existing endpoint instead of creating one.")]
    [Pattern(AwsPatterns.EndpointId)]
    public string? EndpointId { get; set; }

    [JsonPropertyName("deletionPolicy")]
    [Description("Delete deletes the AWS endpoint with the object; Retain leaves it.")]
    [EnumValues(DeletionPolicies.Delete, DeletionPolicies.Retain), SchemaDefault(DeletionPolicies.Delete)]
    public string? DeletionPolicy { get; set; }

    [JsonPropertyName("driftPolicy")]
    [Description("Correct changes AWS back to the spec; Report only records drift.")]
    [EnumValues(DriftPolicies.Correct, DriftPolicies.Report), SchemaDefault(DriftPolicies.Correct)]
    public string? DriftPolicy { get; set; }

    [JsonPropertyName("export")]
    [Description("Write a ConfigMap with the region and the endpoint's URL for workloads to mount; removed when export is removed.")]
    public EndpointExport? Export { get; set; }
}
