using Vpce.Crds;
using Vpce.Operator.Observability;

namespace Vpce.Tests.Component;

/// <summary>An id the spec names that matches the schema's pattern but is not of the shape EC2 takes (prefix, dash, 8 or 17
/// hex digits): EC2 answers *.Malformed, and the operator treats it as the spec error it is.</summary>
public sealed class MalformedIdTests
{
    [Theory]
    [InlineData("spec.vpcId")]
    [InlineData("spec.routeTableIds")]
    [InlineData("spec.subnetIds")]
    [InlineData("spec.securityGroupIds")]
    [InlineData("spec.endpointId")]
    public async Task A_malformed_id_is_InvalidSpec_naming_the_field_and_is_not_retried(string field)
    {
        await using var bed = Testbed.Start();
        using var reconciles = new ReconcileCounter(bed.Operator.Metrics);
        var resource = field switch
        {
            "spec.vpcId" => Testbed.Gateway(change: s => { s.VpcSelector = null; s.VpcId = "vpc-1"; }),
            "spec.routeTableIds" => Testbed.Gateway(change: s => { s.RouteTableSelector = null; s.RouteTableIds = ["rtb-1"]; }),
            "spec.endpointId" => Testbed.Gateway(change: s => s.EndpointId = "vpce-1"),
            "spec.subnetIds" => Testbed.Interface(change: s => { s.SubnetSelector = null; s.SubnetIds = ["subnet-1"]; }),
            _ => Testbed.Interface(change: s => { s.SecurityGroupSelector = null; s.SecurityGroupIds = ["sg-1"]; }),
        };
        bed.Apply(resource);
        await bed.RunForAsync(90);

        var name = resource.Metadata.Name;
        var synced = Testbed.Condition(bed.Get(name), ConditionTypes.Synced)!;
        Assert.Equal((ConditionStatus.False, "InvalidSpec"), (synced.Status, synced.Reason));
        Assert.Contains(field, synced.Message);
        Assert.Contains(".Malformed", synced.Message);
        // One reconcile, and one more for the operator's own finalizer write: refused until the spec changes.
        Assert.InRange(reconciles.Count, 1, 2);
        Assert.Equal(0, bed.Aws.Calls["ec2:CreateVpcEndpoint"]);
    }

    [Fact]
    public async Task A_malformed_endpoint_id_in_a_bucket_policy_is_InvalidSpec_naming_the_field()
    {
        await using var bed = Testbed.Start();
        bed.Kube.EndpointBucketPolicies.Apply(new EndpointBucketPolicy
        {
            Metadata = new ObjectMetadata { Name = "reports", Namespace = Testbed.Ns },
            Spec = new EndpointBucketPolicySpec
            {
                Bucket = bed.Account.BucketName,
                VpcEndpointIds = ["vpce-1"],
                ExemptPrincipalArns = ["arn:aws:iam::123456789012:user/vpce-simulator"],
            },
        });
        await bed.RunForAsync(90);

        var synced = bed.Kube.EndpointBucketPolicies.Get(Testbed.Ns, "reports")!.Status!.Conditions.Single(c => c.Type == ConditionTypes.Synced);
        Assert.Equal((ConditionStatus.False, "InvalidSpec"), (synced.Status, synced.Reason));
        Assert.Contains("spec.vpcEndpointIds", synced.Message);
        Assert.Equal(0, bed.Aws.Calls["s3:PutBucketPolicy"]);
    }
}
