using System.Text.Json.Serialization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Vpce.Crds;
using Vpce.Ports.Kube;

namespace Vpce.Tests.Crds;

/// <summary>The copy made before every reconcile: what the JSON round trip through the CR contracts gave (the copy it
/// replaced), and nothing in it shared with the cached object except strings.</summary>
public sealed class ResourceCopyTests
{
    private static readonly JsonSerializerOptions Json = new()
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        TypeInfoResolver = CrdJsonContext.Default,
    };

    private const string Endpoint = """
        {"apiVersion":"vpce.io/v1alpha1","kind":"VpcEndpoint",
         "metadata":{"name":"gw","namespace":"team-a","uid":"u-1","resourceVersion":"42","generation":3,
           "creationTimestamp":"2026-11-23T09:00:00+00:00","deletionTimestamp":"2026-11-23T10:00:00.1234567+01:00",
           "finalizers":["vpce.io/finalizer"],"labels":{"app":"x"},"annotations":{"note":"y"}},
         "spec":{"region":"eu-west-1","vpcSelector":{"tags":{"env":"prod"}},"serviceName":"s3","type":"Gateway",
           "routeTableIds":["rtb-1","rtb-2"],"routeTableSelector":{"tags":{"tier":"private"}},"subnetIds":["subnet-1"],
           "subnetSelector":{"tags":{"a":"b"}},"securityGroupIds":["sg-1"],"securityGroupSelector":{"tags":{"c":"d"}},
           "privateDnsEnabled":false,"policyDocument":"{\"Statement\":[]}","tags":{"team":"platform"},"associationMode":"Additive",
           "endpointId":"vpce-1","deletionPolicy":"Retain","driftPolicy":"Report","export":{"configMapName":"hints"}},
         "status":{"observedGeneration":3,"endpointId":"vpce-1","state":"available","region":"eu-west-1","vpcId":"vpc-1",
           "serviceName":"com.amazonaws.eu-west-1.s3","type":"Gateway","routeTableIds":["rtb-1"],"subnetIds":["subnet-1"],
           "securityGroupIds":["sg-1"],"networkInterfaceIds":["eni-1"],"dnsEntries":[{"dnsName":"a.example","hostedZoneId":"Z1"}],
           "prefixListId":"pl-1","managedRouteTableIds":["rtb-1"],"managedSubnetIds":[],"managedSecurityGroupIds":["sg-1"],
           "managedTagKeys":["team"],"skippedSubnetIds":["subnet-9"],
           "subnetCoverage":[{"subnetId":"subnet-1","routeTableId":"rtb-1","mainRouteTable":true,"covered":false,"defaultRouteTarget":"igw-1"}],
           "lastSyncTime":"2026-11-23T09:30:00+00:00","exportedConfigMap":"hints","policyFindings":["f1"],"plannedChanges":["p1"],
           "drift":[{"field":"tags","desired":"[a]","actual":"[b]","detectedAt":"2026-11-23T09:10:00+00:00"}],
           "conditions":[{"type":"Ready","status":"True","reason":"Available","message":"m","lastTransitionTime":"2026-11-23T09:05:00+00:00","observedGeneration":3}]}}
        """;

    private const string BucketPolicy = """
        {"apiVersion":"vpce.io/v1alpha1","kind":"EndpointBucketPolicy",
         "metadata":{"name":"bp","namespace":"team-a","generation":1},
         "spec":{"bucket":"reports","vpcEndpointRef":{"name":"gw"},"vpcEndpointIds":["vpce-2"],"actions":["s3:GetObject"],
           "exemptPrincipalArns":["arn:aws:iam::1:role/r"],"statementSid":"Sid1","deletionPolicy":"Delete","driftPolicy":"Correct"},
         "status":{"observedGeneration":1,"statementSid":"Sid1","ownedStatementSids":["Sid1"],"endpointIds":["vpce-1"],
           "bucketRegion":"eu-west-1","lastSyncTime":"2026-11-23T09:30:00+00:00","drift":[],"conditions":[]}}
        """;

    [Theory]
    [InlineData(Endpoint)]
    [InlineData("""{"apiVersion":"vpce.io/v1alpha1","kind":"VpcEndpoint","metadata":{"name":"bare"},"spec":{"serviceName":"s3"}}""")]
    public void A_vpc_endpoint_copies_as_the_round_trip_did(string json) =>
        SameAsRoundTrip(JsonSerializer.Deserialize(json, CrdJsonContext.Default.VpcEndpoint)!);

    [Fact]
    public void A_bucket_policy_copies_as_the_round_trip_did() =>
        SameAsRoundTrip(JsonSerializer.Deserialize(BucketPolicy, CrdJsonContext.Default.EndpointBucketPolicy)!);

    [Fact]
    public void A_null_keeps_the_new_objects_default_as_an_omitted_property_did()
    {
        var resource = JsonSerializer.Deserialize(Endpoint, CrdJsonContext.Default.VpcEndpoint)!;
        resource.Status!.SubnetIds = null!;
        resource.Metadata.Finalizers = null;
        SameAsRoundTrip(resource);
        Assert.NotNull(ResourceCopy.Of(resource).Status!.SubnetIds);
    }

    [Fact]
    public void A_copy_through_a_pool_holds_equal_strings_once_as_decoding_does()
    {
        var a = JsonSerializer.Deserialize(Endpoint, CrdJsonContext.Default.VpcEndpoint)!;
        var b = JsonSerializer.Deserialize(Endpoint, CrdJsonContext.Default.VpcEndpoint)!;
        Assert.NotSame(a.Status!.Conditions[0].Message, b.Status!.Conditions[0].Message);

        var pool = PooledStrings.Shared.Pool;
        var copyA = ResourceCopy.Of(a, pool);
        var copyB = ResourceCopy.WithPatchedStatus(b, b.Status, pool);
        Assert.Same(copyA.Status!.Conditions[0].Message, copyB.Status!.Conditions[0].Message);
        Assert.Same(copyA.Spec.Region, copyB.Spec.Region);
        Assert.Same(copyA.Metadata.Labels!["app"], copyB.Metadata.Labels!["app"]);
        Assert.Same(copyA.Status.SubnetCoverage[0].SubnetId, copyB.Status.SubnetCoverage[0].SubnetId);
        SameAsRoundTrip(a);
        Assert.Equal(JsonSerializer.Serialize(a, CrdJsonContext.Default.VpcEndpoint), JsonSerializer.Serialize(copyA, CrdJsonContext.Default.VpcEndpoint));
    }

    [Fact]
    public void Changing_the_copy_leaves_the_original_as_it_was()
    {
        var original = JsonSerializer.Deserialize(Endpoint, CrdJsonContext.Default.VpcEndpoint)!;
        var before = JsonSerializer.Serialize(original, CrdJsonContext.Default.VpcEndpoint);
        var copy = ResourceCopy.Of(original);
        copy.Metadata.Finalizers!.Add("other");
        copy.Metadata.Labels!["app"] = "changed";
        copy.Metadata.Name = "renamed";
        copy.Spec.RouteTableIds!.Clear();
        copy.Spec.VpcSelector!.Tags["env"] = "dev";
        copy.Spec.Tags!.Clear();
        copy.Status!.RouteTableIds.Add("rtb-9");
        copy.Status.DnsEntries[0].DnsName = "changed";
        copy.Status.SubnetCoverage[0].Covered = true;
        copy.Status.Drift[0].Actual = "changed";
        copy.Status.Conditions[0].Message = "changed";
        copy.Status.Conditions.Clear();
        Assert.Equal(before, JsonSerializer.Serialize(original, CrdJsonContext.Default.VpcEndpoint));
    }

    [Theory]
    [InlineData(Endpoint)]
    [InlineData("""{"apiVersion":"vpce.io/v1alpha1","kind":"VpcEndpoint","metadata":{"name":"bare"},"spec":{"serviceName":"s3"},"status":{"conditions":[],"subnetCoverage":[{"subnetId":"subnet-1"}]}}""")]
    public void A_patched_status_is_stored_as_the_merge_patch_through_json_stores_it(string json)
    {
        var stored = JsonSerializer.Deserialize(Endpoint, CrdJsonContext.Default.VpcEndpoint)!;
        var patch = JsonSerializer.Deserialize(json, CrdJsonContext.Default.VpcEndpoint)!;
        // Lists emptied and nulled at every depth: each must come back as the contract's default, as through JSON.
        patch.Status!.PolicyFindings = [];
        patch.Status.SubnetIds = null!;
        SameAsMergePatch(stored, patch.Status);
        SameAsMergePatch(stored, null);
    }

    [Fact]
    public void A_patched_bucket_policy_status_is_stored_as_the_merge_patch_through_json_stores_it()
    {
        var stored = JsonSerializer.Deserialize(BucketPolicy, CrdJsonContext.Default.EndpointBucketPolicy)!;
        SameAsMergePatch(stored, new EndpointBucketPolicyStatus { StatementSid = "Sid2", OwnedStatementSids = [], EndpointIds = ["vpce-3"] });
    }

    // The merge patch as the API server adapter sends it (StatusJson) and the store read it back before: through JSON.
    private static void SameAsMergePatch<T>(T stored, object? status) where T : class, ICustomResource, new()
    {
        var contract = (System.Text.Json.Serialization.Metadata.JsonTypeInfo<T>)Json.GetTypeInfo(typeof(T));
        var node = JsonSerializer.SerializeToNode(stored, contract)!.AsObject();
        node["status"] = StatusJson.WithoutNulls(StatusJson.EmptyListsAsNull(status is null ? null : JsonSerializer.SerializeToNode(status, status.GetType(), Json)));
        var throughJson = node.Deserialize(contract)!;
        var copy = ResourceCopy.WithPatchedStatus(stored, status);
        Assert.Equal(JsonSerializer.Serialize(throughJson, contract), JsonSerializer.Serialize(copy, contract));
        if (status is not null) Assert.NotSame(status, copy.Status);
    }

    private static void SameAsRoundTrip<T>(T resource) where T : class, ICustomResource, new()
    {
        var contract = (System.Text.Json.Serialization.Metadata.JsonTypeInfo<T>)Json.GetTypeInfo(typeof(T));
        var roundTrip = JsonSerializer.Deserialize(JsonSerializer.SerializeToUtf8Bytes(resource, contract), contract)!;
        var copy = ResourceCopy.Of(resource);
        Assert.NotSame(resource, copy);
        Assert.Equal(JsonSerializer.Serialize(roundTrip, contract), JsonSerializer.Serialize(copy, contract));
    }

    [Fact]
    public void The_types_copied_field_by_field_keep_every_property_their_contracts_have()
    {
        // Every property each contract knows, set to something other than its default: a property added to Condition,
        // ObjectMetadata or SubnetCoverage and not to its copy fails here.
        var condition = Filled<Condition>();
        var metadata = Filled<ObjectMetadata>();
        var coverage = Filled<SubnetCoverage>();
        var resource = new VpcEndpoint
        {
            Metadata = metadata,
            Status = new VpcEndpointStatus { Conditions = [condition, new Condition()], SubnetCoverage = [coverage, new SubnetCoverage()] },
        };
        SameAsRoundTrip(resource);
        foreach (var copy in new[] { ResourceCopy.Of(resource), ResourceCopy.ForReconcile(resource) })
        {
            Assert.NotSame(metadata, copy.Metadata);
            Assert.Equal(JsonSerializer.Serialize(metadata, Json), JsonSerializer.Serialize(copy.Metadata, Json));
        }
        var copied = ResourceCopy.Of(resource).Status!;
        Assert.NotSame(condition, copied.Conditions[0]);
        Assert.Equal(JsonSerializer.Serialize(condition, Json), JsonSerializer.Serialize(copied.Conditions[0], Json));
        Assert.NotSame(coverage, copied.SubnetCoverage[0]);
        Assert.Equal(JsonSerializer.Serialize(coverage, Json), JsonSerializer.Serialize(copied.SubnetCoverage[0], Json));
        // The reconcile's copy shares what it only reads.
        Assert.Same(resource.Spec, ResourceCopy.ForReconcile(resource).Spec);
        Assert.Same(resource.Status, ResourceCopy.ForReconcile(resource).Status);
    }

    private static T Filled<T>() where T : new()
    {
        var contract = Json.GetTypeInfo(typeof(T));
        var filled = new T();
        foreach (var property in contract.Properties)
        {
            object value = property.PropertyType == typeof(string) ? $"x-{property.Name}"
                : property.PropertyType == typeof(DateTimeOffset) || property.PropertyType == typeof(DateTimeOffset?) ? new DateTimeOffset(2026, 1, 2, 3, 4, 5, TimeSpan.FromHours(1))
                : property.PropertyType == typeof(long?) ? 7L
                : property.PropertyType == typeof(bool) ? true
                : property.PropertyType == typeof(List<string>) ? new List<string> { $"x-{property.Name}" }
                : property.PropertyType == typeof(Dictionary<string, string>) ? new Dictionary<string, string> { [$"k-{property.Name}"] = "v" }
                : throw new InvalidOperationException($"the test does not fill {property.Name} of type {property.PropertyType}");
            property.Set!(filled, value);
        }
        return filled;
    }
}
