using Vpce.Crds;
using Vpce.Crds.Schema;
using static Vpce.Tests.Crds.GeneratedCrds;

namespace Vpce.Tests.Crds;

public sealed class CrdSchemaTests
{
    [Fact]
    public void Generates_one_crd_per_kind_named_plural_dot_group()
    {
        var names = CrdGenerator.Generate().Select(c => c.Metadata.Name);
        Assert.Equal(["awsaccounts.vpce.io", "endpointbucketpolicies.vpce.io", "vpcendpoints.vpce.io"], names);
    }

    [Theory]
    [InlineData("vpcendpoints.vpce.io", "VpcEndpoint", "vpcendpoints", "vpcendpoint", "vpce")]
    [InlineData("endpointbucketpolicies.vpce.io", "EndpointBucketPolicy", "endpointbucketpolicies", "endpointbucketpolicy", "ebp")]
    public void Names_scope_version_and_labels(string crdName, string kind, string plural, string singular, string shortName)
    {
        var crd = Named(crdName);
        Assert.Equal("apiextensions.k8s.io/v1", crd.ApiVersion);
        Assert.Equal("CustomResourceDefinition", crd.Kind);
        Assert.Equal("vpce-operator", crd.Metadata.Labels["app.kubernetes.io/name"]);
        Assert.Equal("vpce.io", crd.Spec.Group);
        Assert.Equal("Namespaced", crd.Spec.Scope);
        Assert.Equal(kind, crd.Spec.Names.Kind);
        Assert.Equal(kind + "List", crd.Spec.Names.ListKind);
        Assert.Equal(plural, crd.Spec.Names.Plural);
        Assert.Equal(singular, crd.Spec.Names.Singular);
        Assert.Equal([shortName], crd.Spec.Names.ShortNames);
        var version = Assert.Single(crd.Spec.Versions);
        Assert.Equal("v1alpha1", version.Name);
        Assert.True(version.Served);
        Assert.True(version.Storage);
        Assert.NotNull(version.Subresources.Status);
    }

    [Fact]
    public void Category_is_not_a_short_name_because_kubectl_expands_categories_first()
    {
        foreach (var crd in CrdGenerator.Generate())
        {
            Assert.Equal(["vpce-operator"], crd.Spec.Names.Categories);
            Assert.DoesNotContain(crd.Spec.Names.Categories, c => CrdGenerator.Generate().Any(o => o.Spec.Names.ShortNames.Contains(c)));
        }
    }

    [Fact]
    public void VpcEndpoint_printer_columns_in_order()
    {
        var columns = Assert.Single(VpcEndpointCrd.Spec.Versions).AdditionalPrinterColumns;
        Assert.Equal(["Type", "Service", "Endpoint", "State", "Ready", "Drifted", "Age", "Account"], columns.Select(c => c.Name));
        Assert.Equal(".status.endpointId", columns[2].JsonPath);
        Assert.Equal(".status.conditions[?(@.type==\"Ready\")].status", columns[4].JsonPath);
        Assert.Equal(".status.conditions[?(@.type==\"Drifted\")].status", columns[5].JsonPath);
        Assert.Equal("date", columns[6].Type);
        Assert.All(columns.SkipLast(1), c => Assert.Null(c.Priority));
        // -o wide only: the account an endpoint lives in.
        Assert.Equal((".status.accountId", 1), (columns[7].JsonPath, columns[7].Priority));
    }

    [Fact]
    public void AwsAccount_is_cluster_scoped_with_its_printer_columns()
    {
        var crd = Named("awsaccounts.vpce.io");
        Assert.Equal("Cluster", crd.Spec.Scope);
        Assert.Equal(["awsacct"], crd.Spec.Names.ShortNames);
        var columns = Assert.Single(crd.Spec.Versions).AdditionalPrinterColumns;
        Assert.Equal(["Account", "Role", "Ready", "Objects", "Age"], columns.Select(c => c.Name));
        Assert.Equal(".status.objects", columns[3].JsonPath);
        Assert.Equal("Namespaced", Named("vpcendpoints.vpce.io").Spec.Scope);
    }

    [Fact]
    public void EndpointBucketPolicy_printer_columns_in_order()
    {
        var columns = Assert.Single(EndpointBucketPolicyCrd.Spec.Versions).AdditionalPrinterColumns;
        Assert.Equal(["Bucket", "Endpoints", "Ready", "Drifted", "Age"], columns.Select(c => c.Name));
        Assert.Equal(".spec.bucket", columns[0].JsonPath);
        Assert.Equal(".status.endpointIds", columns[1].JsonPath);
    }

    [Fact]
    public void Root_requires_spec_and_leaves_metadata_to_the_server()
    {
        foreach (var crd in CrdGenerator.Generate())
        {
            var root = Root(crd);
            Assert.Equal(["spec"], root.Required);
            var metadata = root.Properties!["metadata"];
            Assert.Equal("object", metadata.Type);
            Assert.Null(metadata.Properties);
            Assert.Equal("string", root.Properties["apiVersion"].Type);
            Assert.Equal("string", root.Properties["kind"].Type);
            Assert.False(string.IsNullOrEmpty(root.Description));
        }
    }

    [Fact]
    public void Required_fields()
    {
        Assert.Equal(["serviceName"], Spec(VpcEndpointCrd).Required);
        Assert.Equal(["bucket"], Spec(EndpointBucketPolicyCrd).Required);
    }

    [Fact]
    public void Nullable_and_unmarked_fields_are_optional()
    {
        Assert.Null(Status(VpcEndpointCrd).Required);
        Assert.Null(SpecField(VpcEndpointCrd, "vpcSelector").Required);
    }

    [Theory]
    [InlineData("type", new[] { "Gateway", "Interface" })]
    [InlineData("associationMode", new[] { "Exclusive", "Additive" })]
    [InlineData("deletionPolicy", new[] { "Delete", "Retain" })]
    [InlineData("driftPolicy", new[] { "Correct", "Report" })]
    public void VpcEndpoint_enums(string field, string[] values) =>
        Assert.Equal(values, SpecField(VpcEndpointCrd, field).Enum);

    [Theory]
    [InlineData("deletionPolicy", new[] { "Delete", "Retain" })]
    [InlineData("driftPolicy", new[] { "Correct", "Report" })]
    public void EndpointBucketPolicy_enums(string field, string[] values) =>
        Assert.Equal(values, SpecField(EndpointBucketPolicyCrd, field).Enum);

    [Theory]
    [InlineData("associationMode", "Exclusive")]
    [InlineData("deletionPolicy", "Delete")]
    [InlineData("driftPolicy", "Correct")]
    public void VpcEndpoint_defaults(string field, string value) =>
        Assert.Equal(value, SpecField(VpcEndpointCrd, field).Default);

    [Fact]
    public void EndpointBucketPolicy_defaults()
    {
        Assert.Equal(["s3:*"], Assert.IsAssignableFrom<IEnumerable<string>>(SpecField(EndpointBucketPolicyCrd, "actions").Default));
        Assert.Equal("Delete", SpecField(EndpointBucketPolicyCrd, "deletionPolicy").Default);
        Assert.Equal("Correct", SpecField(EndpointBucketPolicyCrd, "driftPolicy").Default);
    }

    [Fact]
    public void Scalar_and_collection_types()
    {
        Assert.Equal("boolean", SpecField(VpcEndpointCrd, "privateDnsEnabled").Type);
        var tags = SpecField(VpcEndpointCrd, "tags");
        Assert.Equal("object", tags.Type);
        Assert.Null(tags.Properties);
        Assert.Equal("string", tags.AdditionalProperties!.Type);
        var selector = SpecField(VpcEndpointCrd, "vpcSelector");
        Assert.Equal("object", selector.Type);
        Assert.Equal("string", selector.Properties!["tags"].AdditionalProperties!.Type);
        var routeTables = SpecField(VpcEndpointCrd, "routeTableIds");
        Assert.Equal("array", routeTables.Type);
        Assert.Equal("string", routeTables.Items!.Type);
        var generation = Status(VpcEndpointCrd).Properties!["observedGeneration"];
        Assert.Equal(("integer", "int64"), (generation.Type, generation.Format));
        var lastSync = Status(VpcEndpointCrd).Properties!["lastSyncTime"];
        Assert.Equal(("string", "date-time"), (lastSync.Type, lastSync.Format));
    }

    [Fact]
    public void Lengths_bound_strings()
    {
        var serviceName = SpecField(VpcEndpointCrd, "serviceName");
        Assert.Equal((1, 255), (serviceName.MinLength, serviceName.MaxLength));
        Assert.Equal(20480, SpecField(VpcEndpointCrd, "policyDocument").MaxLength);
        var bucket = SpecField(EndpointBucketPolicyCrd, "bucket");
        Assert.Equal((3, 63), (bucket.MinLength, bucket.MaxLength));
    }

    [Fact]
    public void A_pattern_on_a_list_constrains_each_item()
    {
        var subnets = SpecField(VpcEndpointCrd, "subnetIds");
        Assert.Null(subnets.Pattern);
        Assert.Equal("^subnet-[0-9a-f]+$", subnets.Items!.Pattern);
    }

    [Fact]
    public void VpcEndpoint_spec_rules_require_exactly_one_vpc_reference_and_guard_presence_of_immutable_fields()
    {
        var rules = Spec(VpcEndpointCrd).Validations!.Select(r => (r.Rule, r.Message)).ToList();
        Assert.Contains(("has(self.vpcId) != has(self.vpcSelector)", "exactly one of vpcId and vpcSelector must be set"), rules);
        Assert.Contains(("has(self.region) == has(oldSelf.region)", "region is immutable"), rules);
        Assert.Contains(("has(self.type) == has(oldSelf.type)", "type is immutable"), rules);
    }

    [Fact]
    public void EndpointBucketPolicy_spec_rule_requires_an_endpoint_source()
    {
        var rule = Assert.Single(Spec(EndpointBucketPolicyCrd).Validations!);
        Assert.Equal("has(self.vpcEndpointRef) || (has(self.vpcEndpointIds) && size(self.vpcEndpointIds) > 0)", rule.Rule);
    }

    [Theory]
    [InlineData("vpcendpoints.vpce.io", "region")]
    [InlineData("vpcendpoints.vpce.io", "vpcId")]
    [InlineData("vpcendpoints.vpce.io", "vpcSelector")]
    [InlineData("vpcendpoints.vpce.io", "serviceName")]
    [InlineData("vpcendpoints.vpce.io", "type")]
    [InlineData("endpointbucketpolicies.vpce.io", "bucket")]
    public void Immutable_fields_carry_a_transition_rule(string crdName, string field)
    {
        var rule = Assert.Single(SpecField(Named(crdName), field).Validations!);
        Assert.Equal("self == oldSelf", rule.Rule);
        Assert.Equal($"{field} is immutable", rule.Message);
    }

    [Theory]
    [InlineData("associationMode")]
    [InlineData("routeTableIds")]
    [InlineData("policyDocument")]
    [InlineData("endpointId")]
    public void Mutable_fields_carry_no_rule(string field) =>
        Assert.Null(SpecField(VpcEndpointCrd, field).Validations);

    [Theory]
    [InlineData("vpcendpoints.vpce.io")]
    [InlineData("endpointbucketpolicies.vpce.io")]
    public void Conditions_are_a_list_map_keyed_by_type(string crdName)
    {
        var conditions = Status(Named(crdName)).Properties!["conditions"];
        Assert.Equal("array", conditions.Type);
        Assert.Equal("map", conditions.ListType);
        Assert.Equal(["type"], conditions.ListMapKeys);
        var item = conditions.Items!;
        Assert.Equal(["lastTransitionTime", "message", "observedGeneration", "reason", "status", "type"], item.Properties!.Keys);
        Assert.Contains("type", item.Required!);
        Assert.Equal(["True", "False", "Unknown"], item.Properties["status"].Enum);
        Assert.Equal("date-time", item.Properties["lastTransitionTime"].Format);
    }

    [Fact]
    public void Status_schema_covers_every_status_property()
    {
        Assert.Equal(typeof(VpcEndpointStatus).GetProperties().Length, Status(VpcEndpointCrd).Properties!.Count);
        Assert.Equal(typeof(EndpointBucketPolicyStatus).GetProperties().Length, Status(EndpointBucketPolicyCrd).Properties!.Count);
        Assert.Equal("array", Status(VpcEndpointCrd).Properties!["dnsEntries"].Type);
        Assert.Equal("object", Status(VpcEndpointCrd).Properties!["dnsEntries"].Items!.Type);
    }

    [Fact]
    public void A_type_without_kind_attribute_is_refused() =>
        Assert.Throws<ArgumentException>(() => CrdGenerator.ForKind(typeof(VpcEndpointSpec)));
}
