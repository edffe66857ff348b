using System.Text.Json.Serialization;
using System.Text.RegularExpressions;
using Vpce.Crds;
using Vpce.Crds.Schema;
using static Vpce.Tests.Crds.GeneratedCrds;

namespace Vpce.Tests.Crds;

/// <summary>The bounds the CRDs put on input (maxItems, maxProperties, maxLength, key rules), and the generator
/// attributes that make them.</summary>
public sealed class SchemaBoundsTests
{
    private sealed class BoundedSpec
    {
        [JsonPropertyName("ids")] [MaxItems(3), Pattern("^id-[0-9]+$"), Length(Max = 10)] public List<string>? Ids { get; set; }
        [JsonPropertyName("labels")] [MaxProperties(2), Pattern("^[a-z]*$"), Length(Max = 5)] public Dictionary<string, string>? Labels { get; set; }
    }

    private sealed class MaxItemsOnAMapSpec
    {
        [JsonPropertyName("labels")] [MaxItems(3)] public Dictionary<string, string>? Labels { get; set; }
    }

    private sealed class MaxPropertiesOnAListSpec
    {
        [JsonPropertyName("ids")] [MaxProperties(3)] public List<string>? Ids { get; set; }
    }

    private sealed class LengthOnAMapOfListsSpec
    {
        [JsonPropertyName("groups")] [Length(Max = 3)] public Dictionary<string, List<string>>? Groups { get; set; }
    }

    [Fact]
    public void MaxItems_bounds_the_list_and_value_constraints_its_items()
    {
        var ids = SchemaReflector.ForType(typeof(BoundedSpec)).Properties!["ids"];
        Assert.Equal(3, ids.MaxItems);
        Assert.Null(ids.MaxLength);
        Assert.Null(ids.Pattern);
        Assert.Equal((10, "^id-[0-9]+$"), (ids.Items!.MaxLength, ids.Items.Pattern));
    }

    [Fact]
    public void MaxProperties_bounds_the_map_and_value_constraints_its_values()
    {
        var labels = SchemaReflector.ForType(typeof(BoundedSpec)).Properties!["labels"];
        Assert.Equal(2, labels.MaxProperties);
        Assert.Null(labels.MaxLength);
        Assert.Null(labels.Pattern);
        Assert.Equal((5, "^[a-z]*$"), (labels.AdditionalProperties!.MaxLength, labels.AdditionalProperties.Pattern));
    }

    [Theory]
    [InlineData(typeof(MaxItemsOnAMapSpec), "[MaxItems]")]
    [InlineData(typeof(MaxPropertiesOnAListSpec), "[MaxProperties]")]
    [InlineData(typeof(LengthOnAMapOfListsSpec), "[Length]")]
    public void A_bound_on_the_wrong_kind_of_field_is_refused(Type spec, string attribute)
    {
        var e = Assert.Throws<InvalidOperationException>(() => SchemaReflector.ForType(spec));
        Assert.Contains(attribute, e.Message);
    }

    [Theory]
    [InlineData("vpcendpoints.vpce.io", "routeTableIds", 200)]
    [InlineData("vpcendpoints.vpce.io", "subnetIds", 16)]
    [InlineData("vpcendpoints.vpce.io", "securityGroupIds", 16)]
    [InlineData("endpointbucketpolicies.vpce.io", "vpcEndpointIds", 100)]
    [InlineData("endpointbucketpolicies.vpce.io", "exemptPrincipalArns", 100)]
    [InlineData("endpointbucketpolicies.vpce.io", "actions", 100)]
    public void Every_id_list_has_maxItems(string crdName, string field, int max) =>
        Assert.Equal(max, SpecField(Named(crdName), field).MaxItems);

    [Fact]
    public void Every_list_of_the_specs_is_bounded()
    {
        foreach (var crd in CrdGenerator.Generate())
        {
            foreach (var (name, field) in Spec(crd).Properties!.Where(p => p.Value.Type == "array"))
            {
                Assert.True(field.MaxItems is > 0, $"{crd.Metadata.Name} spec.{name} has no maxItems");
            }
        }
    }

    [Fact]
    public void Spec_tags_hold_at_most_47_with_values_of_at_most_256()
    {
        var tags = SpecField(VpcEndpointCrd, "tags");
        Assert.Equal(47, tags.MaxProperties);
        Assert.Equal(AwsLimits.TagsPerResource - AwsLimits.OwnershipTags, tags.MaxProperties);
        Assert.Equal(256, tags.AdditionalProperties!.MaxLength);
    }

    [Fact]
    public void Spec_tags_keys_are_bounded_and_reserved_prefixes_refused_by_cel_rules()
    {
        var rules = SpecField(VpcEndpointCrd, "tags").Validations!.Select(r => r.Rule).ToList();
        Assert.Equal([TagKeyRules.LengthRule, TagKeyRules.ReservedRule], rules);
        Assert.Contains($"size(k) <= {AwsLimits.TagKeyMaxLength}", TagKeyRules.LengthRule);
        Assert.Contains("!k.startsWith('aws:')", TagKeyRules.ReservedRule);
        Assert.Contains("!k.startsWith('vpce.io/')", TagKeyRules.ReservedRule);
    }

    [Fact]
    public void Key_rules_only_use_functions_whose_cost_does_not_grow_with_the_key()
    {
        // Map keys carry no maxLength, so the API server prices a scan of one (matches, lowerAscii, contains) at the
        // largest request, and refuses a CRD whose rules exceed its cost budget.
        foreach (var rule in new[] { TagKeyRules.LengthRule, TagKeyRules.ReservedRule })
        {
            var functions = Regex.Matches(rule, @"\.?([A-Za-z]+)\(").Select(m => m.Groups[1].Value).ToHashSet();
            Assert.Subset(new HashSet<string> { "all", "size", "startsWith" }, functions);
        }
    }

    [Theory]
    [InlineData("vpcSelector")]
    [InlineData("routeTableSelector")]
    [InlineData("subnetSelector")]
    public void Selector_tags_hold_at_most_50_with_bounded_keys_and_values(string selector)
    {
        var tags = SpecField(VpcEndpointCrd, selector).Properties!["tags"];
        Assert.Equal(50, tags.MaxProperties);
        Assert.Equal(256, tags.AdditionalProperties!.MaxLength);
        Assert.Equal([TagKeyRules.LengthRule], tags.Validations!.Select(r => r.Rule));
    }

    [Fact]
    public void Statement_sid_is_at_most_100_characters()
    {
        var sid = SpecField(EndpointBucketPolicyCrd, "statementSid");
        Assert.Equal(100, sid.MaxLength);
        Assert.Equal(AwsPatterns.SpecStatementSid, sid.Pattern);
    }

    [Theory]
    [InlineData("", true)]
    [InlineData("VpceReportsPrivatePlatform", true)]
    [InlineData("Vpce", true)]
    [InlineData("ReadForAuditors", false)]
    [InlineData("vpceReports", false)]
    [InlineData("Vpce-Reports", false)]
    public void Statement_sid_admits_only_the_owned_prefix_or_empty(string sid, bool admitted) =>
        Assert.Equal(admitted, System.Text.RegularExpressions.Regex.IsMatch(sid, SpecField(EndpointBucketPolicyCrd, "statementSid").Pattern!));

    [Fact]
    public void The_region_pattern_is_the_shared_one()
    {
        Assert.Equal(AwsPatterns.Region, SpecField(VpcEndpointCrd, "region").Pattern);
    }

    [Theory]
    [InlineData("vpcendpoints.vpce.io", "vpcId", AwsPatterns.VpcId)]
    [InlineData("vpcendpoints.vpce.io", "routeTableIds", AwsPatterns.RouteTableId)]
    [InlineData("vpcendpoints.vpce.io", "subnetIds", AwsPatterns.SubnetId)]
    [InlineData("vpcendpoints.vpce.io", "securityGroupIds", AwsPatterns.SecurityGroupId)]
    [InlineData("vpcendpoints.vpce.io", "endpointId", AwsPatterns.EndpointId)]
    [InlineData("endpointbucketpolicies.vpce.io", "bucket", AwsPatterns.BucketName)]
    [InlineData("endpointbucketpolicies.vpce.io", "vpcEndpointIds", AwsPatterns.EndpointId)]
    [InlineData("endpointbucketpolicies.vpce.io", "exemptPrincipalArns", AwsPatterns.PrincipalArn)]
    [InlineData("endpointbucketpolicies.vpce.io", "actions", AwsPatterns.S3Action)]
    public void Patterns_are_the_shared_ones(string crdName, string field, string pattern)
    {
        var schema = SpecField(Named(crdName), field);
        Assert.Equal(pattern, schema.Type == "array" ? schema.Items!.Pattern : schema.Pattern);
    }

    [Fact]
    public void Legacy_crds_keep_the_bounds_and_lose_only_the_key_rules()
    {
        var legacy = CrdGenerator.GenerateYaml(withValidationRules: false);
        Assert.Contains("maxProperties: 47", legacy);
        Assert.Contains("maxItems: 200", legacy);
        Assert.DoesNotContain(TagKeyRules.LengthRule, legacy);
    }
}
