using Vpce.Crds;
using Vpce.Operator.Model;
using Vpce.Operator.Status;
using Vpce.Ports.Aws;

namespace Vpce.Tests.Component;

/// <summary>CompanionsPresent and PolicyLint on the simulator, both ways: advisory conditions beside an endpoint that is
/// made and kept as the spec says whatever they find.</summary>
public sealed class AdvisoryCheckTests
{
    private const string Region = "eu-west-1";

    private static string Policy(params string[] statements) => $$"""{"Version":"2012-10-17","Statement":[{{string.Join(",", statements)}}]}""";

    private static Condition Check(VpcEndpoint resource, string type) =>
        Testbed.Condition(resource, type) ?? throw new InvalidOperationException($"no {type}: {Testbed.Describe(resource)}");

    [Fact]
    public async Task Session_manager_without_ec2messages_says_so_on_ssm_and_ssmmessages_until_someone_makes_it()
    {
        await using var bed = Testbed.Start();
        bed.Apply(Testbed.Interface("ssm"));
        bed.Apply(Testbed.Interface("ssmmessages"));
        var ssm = await bed.ReadyAsync("ssm");
        var ssmMessages = await bed.ReadyAsync("ssmmessages");
        foreach (var resource in new[] { ssm, ssmMessages })
        {
            var companions = Check(resource, ConditionTypes.CompanionsPresent);
            Assert.Equal((ConditionStatus.False, CompanionConditions.Missing), (companions.Status, companions.Reason));
            Assert.Contains("ec2messages is missing", companions.Message);
            // The newest Warning says what the condition says (ssm, reconciled before ssmmessages existed, warned first of both).
            Assert.Equal(companions.Message, bed.Events(resource.Metadata.Name).Last(e => e.Type == "Warning" && e.Reason == CompanionConditions.Missing).Message);
        }

        // Someone else makes ec2messages (a CloudFormation stack, the console): the next resync sees it.
        var made = await bed.Aws.Ec2.CreateVpcEndpointAsync(Region, new CreateEndpointRequest
        {
            VpcId = bed.Account.VpcId, ServiceName = $"com.amazonaws.{Region}.ec2messages", Type = EndpointTypes.Interface,
            SubnetIds = bed.Account.PrivateSubnetIds, SecurityGroupIds = [bed.Account.EndpointSecurityGroupId], PrivateDnsEnabled = true, ClientToken = "stack",
        }, default);
        Assert.True(await bed.Operator.ConvergeAsync(() => Testbed.Condition(bed.Get("ssm"), ConditionTypes.CompanionsPresent)?.Status == ConditionStatus.True,
            TimeSpan.FromMinutes(5), TimeSpan.FromSeconds(5)), Testbed.Describe(bed.Get("ssm")));
        Assert.Contains(made.VpcEndpointId, Check(bed.Get("ssm"), ConditionTypes.CompanionsPresent).Message);
        Assert.True(bed.IsReady("ssm"));
    }

    [Fact]
    public async Task Companions_warn_again_when_the_missing_ones_change_either_way_and_never_on_a_resync()
    {
        await using var bed = Testbed.Start();
        bed.Apply(Testbed.Interface("ssm"));
        await bed.ReadyAsync("ssm");
        var both = Assert.Single(Announced(bed)).Key;
        Assert.Contains("ssmmessages and ec2messages are missing", both);

        // ssmmessages is made: ssm's Warning now says only ec2messages, as its condition does.
        bed.Apply(Testbed.Interface("ssmmessages"));
        await bed.ReadyAsync("ssmmessages");
        Assert.True(await bed.Operator.ConvergeAsync(() => Announced(bed).Count == 2, TimeSpan.FromMinutes(5), TimeSpan.FromSeconds(5)));
        var one = Check(bed.Get("ssm"), ConditionTypes.CompanionsPresent).Message;
        Assert.Contains("ec2messages is missing", one);
        Assert.Equal(new Dictionary<string, int> { [both] = 1, [one] = 1 }, Announced(bed));

        // Resyncs that find the same say nothing more.
        await bed.Operator.AdvanceAsync(TimeSpan.FromMinutes(10), TimeSpan.FromSeconds(5));
        Assert.Equal(new Dictionary<string, int> { [both] = 1, [one] = 1 }, Announced(bed));

        // ssmmessages goes again: the wider finding is news once more, and once only.
        bed.Kube.VpcEndpoints.Delete(Testbed.Ns, "ssmmessages");
        Assert.True(await bed.Operator.ConvergeAsync(() => Announced(bed)[both] == 2, TimeSpan.FromMinutes(5), TimeSpan.FromSeconds(5)),
            Testbed.Describe(bed.Get("ssm")));
        await bed.Operator.AdvanceAsync(TimeSpan.FromMinutes(10), TimeSpan.FromSeconds(5));
        Assert.Equal(new Dictionary<string, int> { [both] = 2, [one] = 1 }, Announced(bed));
    }

    /// <summary>ssm's CompanionsMissing Warnings: how often each message was recorded.</summary>
    private static Dictionary<string, int> Announced(Testbed bed) =>
        bed.Events("ssm").Where(e => e.Type == "Warning" && e.Reason == CompanionConditions.Missing)
            .GroupBy(e => e.Message).ToDictionary(g => g.Key, g => g.Sum(e => e.Count));

    [Fact]
    public async Task The_three_made_by_the_operator_are_all_present_at_once_and_a_service_without_companions_has_no_condition()
    {
        await using var bed = Testbed.Start();
        foreach (var service in new[] { "ssm", "ssmmessages", "ec2messages", "kms" })
        {
            bed.Apply(Testbed.Interface(service));
        }
        foreach (var service in new[] { "ssm", "ssmmessages", "ec2messages" })
        {
            await bed.ReadyAsync(service);
        }
        // Each object's own create is in the snapshot at once; the last of the three to converge sees the other two.
        Assert.True(await bed.Operator.ConvergeAsync(() => new[] { "ssm", "ssmmessages", "ec2messages" }.All(s =>
            Testbed.Condition(bed.Get(s), ConditionTypes.CompanionsPresent)?.Status == ConditionStatus.True), TimeSpan.FromMinutes(5), TimeSpan.FromSeconds(5)));
        Assert.Null(Testbed.Condition(await bed.ReadyAsync("kms"), ConditionTypes.CompanionsPresent));
    }

    [Fact]
    public async Task Ecr_endpoints_need_the_s3_gateway_and_the_gateway_itself_needs_nothing()
    {
        await using var bed = Testbed.Start();
        bed.Apply(Named(Testbed.Interface("ecr.api"), "ecr-api"));
        bed.Apply(Named(Testbed.Interface("ecr.dkr"), "ecr-dkr"));
        var api = await bed.ReadyAsync("ecr-api");
        Assert.Contains("s3 (Gateway) is missing", Check(api, ConditionTypes.CompanionsPresent).Message);

        bed.Apply(Testbed.Gateway("s3"));
        var s3 = await bed.ReadyAsync("s3");
        Assert.Null(Testbed.Condition(s3, ConditionTypes.CompanionsPresent));
        Assert.True(await bed.Operator.ConvergeAsync(() => Testbed.Condition(bed.Get("ecr-api"), ConditionTypes.CompanionsPresent)?.Status == ConditionStatus.True,
            TimeSpan.FromMinutes(5), TimeSpan.FromSeconds(5)), Testbed.Describe(bed.Get("ecr-api")));
    }

    [Fact]
    public async Task A_region_reads_its_vpcs_endpoints_once_per_window_for_every_vpc_in_use()
    {
        await using var bed = Testbed.Start();
        for (var i = 0; i < 3; i++)
        {
            var vpcName = $"team-{i}";
            var vpc = bed.Aws.World.CreateVpc(Region, $"10.{i + 1}.0.0/16", new Dictionary<string, string> { ["Name"] = vpcName },
                enableDnsSupport: true, enableDnsHostnames: true);
            bed.Aws.World.CreateSubnet(vpc, $"{Region}a", $"10.{i + 1}.1.0/24", new Dictionary<string, string> { ["tier"] = "private" });
            bed.Apply(Named(Testbed.Interface("ssm", s =>
            {
                s.VpcSelector = new TagSelector { Tags = { ["Name"] = vpcName } };
                s.SecurityGroupSelector = null;
            }), $"ssm-{i}"));
        }
        Assert.True(await bed.Operator.ConvergeAsync(() => bed.Kube.VpcEndpoints.List().All(e => Testbed.Condition(e, ConditionTypes.CompanionsPresent) is not null),
            TimeSpan.FromMinutes(5), TimeSpan.FromSeconds(5)));
        await bed.Operator.AdvanceAsync(TimeSpan.FromMinutes(4), TimeSpan.FromSeconds(5));
        bed.Aws.Calls.Reset();

        // Three intervals: per interval one read of the owned endpoints and one of the VPCs' endpoints (a fourth each when a
        // window's end falls inside), not one per VPC or per object.
        await bed.Operator.AdvanceAsync(TimeSpan.FromMinutes(6), TimeSpan.FromSeconds(5));
        Assert.InRange(bed.Aws.Calls["ec2:DescribeVpcEndpoints"], 6, 8);
    }

    [Fact]
    public async Task Companions_all_managed_here_cost_no_read_of_the_vpcs_other_endpoints()
    {
        await using var bed = Testbed.Start();
        foreach (var service in new[] { "ssm", "ssmmessages", "ec2messages" })
        {
            bed.Apply(Testbed.Interface(service));
        }
        Assert.True(await bed.Operator.ConvergeAsync(() => new[] { "ssm", "ssmmessages", "ec2messages" }.All(s =>
            Testbed.Condition(bed.Get(s), ConditionTypes.CompanionsPresent)?.Status == ConditionStatus.True), TimeSpan.FromMinutes(5), TimeSpan.FromSeconds(5)));
        await bed.Operator.AdvanceAsync(TimeSpan.FromMinutes(4), TimeSpan.FromSeconds(5));
        bed.Aws.Calls.Reset();

        // Three intervals: only the owned endpoints' read (a fourth when a window's end falls inside); the VPC-wide read of
        // the endpoints other tools made would double it.
        await bed.Operator.AdvanceAsync(TimeSpan.FromMinutes(6), TimeSpan.FromSeconds(5));
        Assert.InRange(bed.Aws.Calls["ec2:DescribeVpcEndpoints"], 3, 4);
        Assert.All(new[] { "ssm", "ssmmessages", "ec2messages" }, s =>
            Assert.Equal(ConditionStatus.True, Testbed.Condition(bed.Get(s), ConditionTypes.CompanionsPresent)?.Status));
    }

    [Fact]
    public async Task A_gateway_policy_naming_the_other_regions_bucket_is_a_finding_and_is_applied_as_written()
    {
        await using var bed = Testbed.Start();
        var policy = Policy($$"""{"Sid":"Reports","Effect":"Allow","Principal":"*","Action":"s3:GetObject","Resource":["arn:aws:s3:::{{bed.Account.BucketName}}/*","arn:aws:s3:::{{bed.Account.OtherRegionBucketName}}/*"]}""");
        bed.Apply(Testbed.Gateway("s3", s => s.PolicyDocument = policy));
        var resource = await bed.ReadyAsync("s3");
        var lint = Check(resource, ConditionTypes.PolicyLint);
        Assert.Equal((ConditionStatus.False, PolicyFindingReasons.BucketInOtherRegion), (lint.Status, lint.Reason));
        Assert.Contains($"bucket {bed.Account.OtherRegionBucketName}, which is in us-east-1", lint.Message);
        Assert.Single(resource.Status!.PolicyFindings);
        Assert.True(PolicyDocumentsEqual(policy, bed.Aws.World.FindEndpoint(resource.Status.EndpointId!)!.PolicyDocument));

        // The finding is said once, not at every resync; each bucket's region is read once per window.
        bed.Aws.Calls.Reset();
        await bed.Operator.AdvanceAsync(TimeSpan.FromMinutes(6), TimeSpan.FromSeconds(5));
        Assert.Single(bed.Events("s3"), e => e.Reason == PolicyFindingReasons.BucketInOtherRegion);
        Assert.InRange(bed.Aws.Calls["s3:GetBucketLocation"], 3 * 2, 4 * 2);

        bed.Edit("s3", s => s.PolicyDocument = Policy($$"""{"Effect":"Allow","Principal":"*","Action":"s3:GetObject","Resource":"arn:aws:s3:::{{bed.Account.BucketName}}/*"}"""));
        Assert.True(await bed.Operator.ConvergeAsync(() => Testbed.Condition(bed.Get("s3"), ConditionTypes.PolicyLint)?.Status == ConditionStatus.True,
            TimeSpan.FromSeconds(30)));
        Assert.Equal(PolicyFindingReasons.NoFindings, Check(bed.Get("s3"), ConditionTypes.PolicyLint).Reason);
        Assert.Empty(bed.Get("s3").Status!.PolicyFindings);
    }

    [Fact]
    public async Task A_bucket_whose_region_cannot_be_read_is_passed_over_and_asked_again_only_once_a_window()
    {
        await using var bed = Testbed.Start();
        var policy = Policy("""{"Effect":"Allow","Principal":"*","Action":"s3:GetObject","Resource":"arn:aws:s3:::nobody-owns-this-bucket/*"}""");
        foreach (var name in new[] { "s3-a", "s3-b", "s3-c" })
        {
            bed.Apply(Named(Testbed.Interface("s3", s => { s.Type = EndpointTypes.Interface; s.PrivateDnsEnabled = false; s.PolicyDocument = policy; }), name));
        }
        foreach (var name in new[] { "s3-a", "s3-b", "s3-c" })
        {
            var lint = Check(await bed.ReadyAsync(name), ConditionTypes.PolicyLint);
            Assert.Equal((ConditionStatus.True, PolicyFindingReasons.NoFindings), (lint.Status, lint.Reason));
        }

        // Three objects, three intervals: the bucket that does not answer is asked at most once an interval (not at each
        // object's resync, nine times).
        bed.Aws.Calls.Reset();
        await bed.Operator.AdvanceAsync(TimeSpan.FromMinutes(6), TimeSpan.FromSeconds(5));
        Assert.InRange(bed.Aws.Calls["s3:GetBucketLocation"], 1, 4);
    }

    [Fact]
    public async Task A_policy_that_denies_the_operator_or_that_the_service_ignores_is_a_finding_never_a_refusal()
    {
        await using var bed = Testbed.Start();
        bed.Aws.World.SetCallerIdentity("arn:aws:sts::123456789012:assumed-role/vpce-operator/session-1", "123456789012");
        var iot = bed.Aws.World.AddEndpointService(Region, "iot.data", [EndpointTypes.Interface], policySupported: false);
        bed.Apply(Testbed.Interface("ec2", s => s.PolicyDocument = Policy(
            """{"Effect":"Allow","Principal":"*","Action":"ec2:Describe*","Resource":"*"}""",
            """{"Sid":"OnlyBreakGlass","Effect":"Deny","Principal":"*","Action":"*","Resource":"*","Condition":{"ArnNotLike":{"aws:PrincipalArn":"arn:aws:iam::123456789012:role/break-glass"}}}""")));
        // iot.data offers no private DNS name: as AWS, the simulator refuses private DNS for it.
        bed.Apply(Named(Testbed.Interface(iot, s =>
        {
            s.PrivateDnsEnabled = false;
            s.PolicyDocument = Policy("""{"Effect":"Allow","Principal":"*","Action":"iot:Publish","Resource":"*"}""");
        }), "iot"));

        var ec2 = Check(await bed.ReadyAsync("ec2"), ConditionTypes.PolicyLint);
        Assert.Equal(PolicyFindingReasons.DeniesOperator, ec2.Reason);
        Assert.Contains("statement OnlyBreakGlass denies the operator's own principal arn:aws:iam::123456789012:role/vpce-operator", ec2.Message);
        var ignored = Check(await bed.ReadyAsync("iot"), ConditionTypes.PolicyLint);
        Assert.Equal(PolicyFindingReasons.PolicyIgnored, ignored.Reason);
        Assert.Equal(ConditionStatus.True, Check(bed.Get("iot"), ConditionTypes.Synced).Status);

        // Without a policy, or with a clean one, PolicyLint is True.
        bed.Apply(Testbed.Interface("kms"));
        Assert.Equal((ConditionStatus.True, PolicyFindingReasons.NoPolicyDocument),
            (Check(await bed.ReadyAsync("kms"), ConditionTypes.PolicyLint).Status, Check(bed.Get("kms"), ConditionTypes.PolicyLint).Reason));
    }

    private static VpcEndpoint Named(VpcEndpoint resource, string name)
    {
        resource.Metadata.Name = name;
        return resource;
    }

    private static bool PolicyDocumentsEqual(string a, string? b) => b is not null && Vpce.Operator.Model.PolicyDocument.Equivalent(a, b);
}
