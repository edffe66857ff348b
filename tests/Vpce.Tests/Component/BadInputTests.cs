using Vpce.Operator.Observability;
using Vpce.Crds;

namespace Vpce.Tests.Component;

public sealed class BadInputTests
{
    [Theory]
    [InlineData("spec.securityGroupIds")]
    [InlineData("spec.policyDocument")]
    [InlineData("spec.tags")]
    [InlineData("spec.policyDocument: is not a valid policy document: statement 1 has no Principal")]
    public async Task An_invalid_spec_gets_InvalidSpec_naming_the_field_and_is_not_retried_hot(string field)
    {
        await using var bed = Testbed.Start();
        using var reconciles = new ReconcileCounter(bed.Operator.Metrics);
        bed.Apply(Testbed.Gateway(change: s =>
        {
            if (field == "spec.securityGroupIds") s.SecurityGroupIds = ["sg-0a"];
            else if (field == "spec.tags") s.Tags = Enumerable.Range(0, 48).ToDictionary(i => $"k{i}", _ => "v");
            // EC2 refuses an endpoint policy without a Principal (InvalidPolicyDocument): the operator says so before it calls.
            else if (field.Contains("Principal", StringComparison.Ordinal)) s.PolicyDocument = """{"Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"*"}]}""";
            else s.PolicyDocument = "{\"Statement\": ";
        }));
        await bed.RunForAsync(90);

        var resource = bed.Get("s3");
        var synced = Testbed.Condition(resource, ConditionTypes.Synced)!;
        Assert.Equal((ConditionStatus.False, "InvalidSpec"), (synced.Status, synced.Reason));
        Assert.Contains(field, synced.Message);
        Assert.Equal(ConditionStatus.False, Testbed.Condition(resource, ConditionTypes.Ready)!.Status);
        Assert.Equal(resource.Metadata.Generation, resource.Status!.ObservedGeneration);
        var warning = Assert.Single(bed.Events("s3"), e => e.Type == "Warning");
        Assert.Equal(1, warning.Count);
        // One reconcile, and one more for the operator's own finalizer write: no hot loop in 90 s.
        Assert.InRange(reconciles.Count, 1, 2);
        Assert.Equal(0, bed.Aws.Calls.Total);

        // Fixing the spec is picked up at once.
        bed.Edit("s3", s => { s.SecurityGroupIds = null; s.PolicyDocument = null; s.Tags = null; });
        await bed.ReadyAsync("s3");
    }

    [Fact]
    public async Task A_service_the_region_does_not_offer_is_ServiceNotAvailable()
    {
        await using var bed = Testbed.Start();
        bed.Apply(Testbed.Interface("nosuchservice"));
        await bed.RunForAsync(2);
        var synced = Testbed.Condition(bed.Get("nosuchservice"), ConditionTypes.Synced)!;
        Assert.Equal("ServiceNotAvailable", synced.Reason);
        Assert.Equal(0, bed.Aws.Calls["ec2:CreateVpcEndpoint"]);
    }

    [Fact]
    public async Task A_service_that_appears_later_is_seen_at_the_next_resync()
    {
        await using var bed = Testbed.Start();
        bed.Apply(Testbed.Interface("newsvc"));
        await bed.RunForAsync(2);
        Assert.Equal("ServiceNotAvailable", Testbed.Condition(bed.Get("newsvc"), ConditionTypes.Synced)!.Reason);
        bed.Aws.World.AddEndpointService("eu-west-1", "newsvc", ["Interface"], "newsvc.eu-west-1.amazonaws.com");
        await bed.RunForAsync(245);
        Assert.True(bed.IsReady("newsvc"), Testbed.Describe(bed.Find("newsvc")));
    }

    [Fact]
    public async Task Ready_says_the_latest_reason_an_endpoint_is_not_there_yet()
    {
        await using var bed = Testbed.Start();
        bed.Apply(Testbed.Interface("newsvc"));
        await bed.RunForAsync(2);
        Assert.Equal("ServiceNotAvailable", Testbed.Condition(bed.Get("newsvc"), ConditionTypes.Ready)!.Reason);
        // The service appears without a private DNS name: AWS refuses private DNS, and Ready says so, not the old reason.
        bed.Aws.World.AddEndpointService("eu-west-1", "newsvc", ["Interface"]);
        await bed.RunForAsync(245);
        var ready = Testbed.Condition(bed.Get("newsvc"), ConditionTypes.Ready)!;
        Assert.Equal((ConditionStatus.False, "InvalidParameter"), (ready.Status, ready.Reason));
    }

    [Fact]
    public async Task A_vpc_selector_matching_nothing_names_the_field()
    {
        await using var bed = Testbed.Start();
        bed.Apply(Testbed.Gateway(change: s => s.VpcSelector = new TagSelector { Tags = { ["Name"] = "nope" } }));
        await bed.RunForAsync(2);
        var synced = Testbed.Condition(bed.Get("s3"), ConditionTypes.Synced)!;
        Assert.Equal("InvalidSpec", synced.Reason);
        Assert.Contains("spec.vpcSelector", synced.Message);
    }

    [Fact]
    public async Task A_security_group_selector_matching_nothing_names_the_field_and_creates_nothing()
    {
        await using var bed = Testbed.Start();
        bed.Apply(Testbed.Interface(change: s => s.SecurityGroupSelector = new TagSelector { Tags = { ["Name"] = "no-such-group" } }));
        await bed.RunForAsync(2);
        var resource = bed.Get("ssm");
        var synced = Testbed.Condition(resource, ConditionTypes.Synced)!;
        Assert.Equal((ConditionStatus.False, "InvalidSpec"), (synced.Status, synced.Reason));
        Assert.Contains("spec.securityGroupSelector", synced.Message);
        Assert.Contains("{Name=no-such-group} matches no security group of " + bed.Account.VpcId, synced.Message);
        Assert.Single(bed.Events("ssm"), e => e.Type == "Warning" && e.Message.Contains("spec.securityGroupSelector"));
        Assert.Equal(0, bed.Aws.Calls["ec2:CreateVpcEndpoint"]);

        // With an id beside it, the selector may match nothing: the union is the id.
        bed.Edit("ssm", s => s.SecurityGroupIds = [bed.Account.EndpointSecurityGroupId]);
        Assert.Equal([bed.Account.EndpointSecurityGroupId], (await bed.ReadyAsync("ssm")).Status!.SecurityGroupIds);
    }

    [Fact]
    public async Task A_security_group_selector_matching_more_groups_than_an_endpoint_takes_is_refused()
    {
        await using var bed = Testbed.Start();
        for (var i = 0; i < AwsLimits.SecurityGroupsPerEndpoint; i++)
            bed.Aws.World.CreateSecurityGroup(bed.Account.VpcId, $"endpoints-{i}", [], new Dictionary<string, string> { ["Name"] = "vpc-endpoints" });
        bed.Apply(Testbed.Interface());
        await bed.RunForAsync(2);
        var synced = Testbed.Condition(bed.Get("ssm"), ConditionTypes.Synced)!;
        Assert.Equal((ConditionStatus.False, "InvalidSpec"), (synced.Status, synced.Reason));
        Assert.Contains("spec.securityGroupSelector", synced.Message);
        Assert.Contains($"selects {AwsLimits.SecurityGroupsPerEndpoint + 1} security groups", synced.Message);
        Assert.Equal(0, bed.Aws.Calls["ec2:CreateVpcEndpoint"]);
    }

    [Fact]
    public async Task Throttling_backs_off_and_recovers()
    {
        await using var bed = Testbed.Start();
        bed.Aws.Faults.FailNext("ec2:CreateVpcEndpoint", "RequestLimitExceeded", count: 3, statusCode: 503);
        bed.Apply(Testbed.Gateway());
        await bed.RunForAsync();
        var synced = Testbed.Condition(bed.Get("s3"), ConditionTypes.Synced)!;
        Assert.Equal((ConditionStatus.False, "Throttled"), (synced.Status, synced.Reason));

        await bed.ReadyAsync("s3");
        Assert.Equal(4, bed.Aws.Calls["ec2:CreateVpcEndpoint"]);
        Assert.Single(bed.Aws.World.Endpoints("eu-west-1"));
    }

    [Fact]
    public async Task An_aws_outage_is_AwsUnavailable_and_recovers()
    {
        await using var bed = Testbed.Start();
        bed.Aws.Faults.StartOutage();
        bed.Apply(Testbed.Gateway());
        await bed.RunForAsync(5);
        Assert.Equal("AwsUnavailable", Testbed.Condition(bed.Get("s3"), ConditionTypes.Synced)!.Reason);
        bed.Aws.Faults.EndOutage();
        await bed.ReadyAsync("s3", seconds: 300);
    }
}
