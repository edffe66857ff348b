using Vpce.Crds;
using Vpce.Ports.Aws;

namespace Vpce.Tests.Component;

public sealed class InterfaceEndpointTests
{
    [Theory, PropagationDelays]
    public async Task One_subnet_per_zone_with_the_skipped_ones_named_and_the_checks_passing(int propagationDelaySeconds)
    {
        await using var bed = Testbed.Start(propagationDelaySeconds);
        var extra = bed.Aws.World.CreateSubnet(bed.Account.VpcId, "eu-west-1a", "10.0.50.0/24", new Dictionary<string, string> { ["tier"] = "private" });
        bed.Apply(Testbed.Interface());
        var resource = await bed.ReadyAsync("ssm");
        var status = resource.Status!;

        Assert.Equal(3, status.SubnetIds.Count);
        Assert.Equal(3, status.NetworkInterfaceIds.Count);
        Assert.NotEmpty(status.DnsEntries);
        Assert.Equal([bed.Account.EndpointSecurityGroupId], status.SecurityGroupIds);
        Assert.Single(status.SkippedSubnetIds);
        Assert.Contains(bed.Events("ssm"), e => e.Reason == "SubnetsSkipped" && e.Message.Contains("eu-west-1a already has"));
        Assert.Contains(extra, status.SubnetIds.Concat(status.SkippedSubnetIds));
        Assert.Equal(ConditionStatus.True, Testbed.Condition(resource, ConditionTypes.DnsSupported)!.Status);
        Assert.Equal(ConditionStatus.True, Testbed.Condition(resource, ConditionTypes.HttpsAllowed)!.Status);
    }

    [Theory, PropagationDelays]
    public async Task The_vpcs_default_group_does_not_admit_443_from_the_vpc_and_says_so(int propagationDelaySeconds)
    {
        await using var bed = Testbed.Start(propagationDelaySeconds);
        bed.Apply(Testbed.Interface(change: s => s.SecurityGroupSelector = null));
        var resource = await bed.ReadyAsync("ssm");
        Assert.Equal([bed.Aws.World.DefaultSecurityGroupId(bed.Account.VpcId)], resource.Status!.SecurityGroupIds);
        var https = Testbed.Condition(resource, ConditionTypes.HttpsAllowed)!;
        Assert.Equal((ConditionStatus.False, "HttpsBlocked"), (https.Status, https.Reason));
        Assert.Contains("10.0.0.0/16", https.Message);
        Assert.Contains(bed.Events("ssm"), e => e.Type == "Warning" && e.Reason == "HttpsBlocked");
        // Warned once, though the object was reconciled again before its informer copy showed the first status.
        await bed.RunForAsync(300);
        Assert.Equal(1, Assert.Single(bed.Events("ssm"), e => e.Type == "Warning" && e.Reason == "HttpsBlocked").Count);
    }

    [Theory, PropagationDelays]
    public async Task Private_dns_without_the_vpcs_dns_attributes_is_reported(int propagationDelaySeconds)
    {
        await using var bed = Testbed.Start(propagationDelaySeconds);
        bed.Apply(Testbed.Interface(change: s => s.PrivateDnsEnabled = false));
        await bed.ReadyAsync("ssm");
        bed.Aws.World.SetVpcDnsAttributes(bed.Account.VpcId, enableDnsSupport: true, enableDnsHostnames: false);
        bed.Edit("ssm", s => s.PrivateDnsEnabled = true);
        await bed.RunForAsync(3);
        var dns = Testbed.Condition(bed.Get("ssm"), ConditionTypes.DnsSupported)!;
        Assert.Equal(ConditionStatus.False, dns.Status);
        Assert.Contains("enableDnsHostnames", dns.Message);
    }

    [Theory, PropagationDelays]
    public async Task Private_dns_and_security_groups_change_through_modify(int propagationDelaySeconds)
    {
        await using var bed = Testbed.Start(propagationDelaySeconds);
        var other = bed.Aws.World.CreateSecurityGroup(bed.Account.VpcId, "extra", []);
        bed.Apply(Testbed.Interface());
        var id = (await bed.ReadyAsync("ssm")).Status!.EndpointId!;
        bed.Edit("ssm", s => { s.PrivateDnsEnabled = false; s.SecurityGroupIds = [other]; });
        await bed.RunForAsync(1);
        var endpoint = bed.Aws.World.FindEndpoint(id)!;
        Assert.False(endpoint.PrivateDnsEnabled);
        // The id named is added to what the selector resolves (Name=vpc-endpoints): the union.
        Assert.Equal(new[] { bed.Account.EndpointSecurityGroupId, other }.Order(), endpoint.SecurityGroupIds.Order());
        Assert.Equal(1, bed.Aws.Calls["ec2:CreateVpcEndpoint"]);
    }

    [Theory, PropagationDelays]
    public async Task The_security_group_selector_resolves_the_tagged_groups_of_the_endpoints_vpc_and_follows_new_ones(int propagationDelaySeconds)
    {
        await using var bed = Testbed.Start(propagationDelaySeconds);
        // The same tag on a group of another VPC: never the endpoint's.
        var otherVpc = bed.Aws.World.CreateVpc("eu-west-1", "10.9.0.0/16", new Dictionary<string, string> { ["Name"] = "other-vpc" });
        var elsewhere = bed.Aws.World.CreateSecurityGroup(otherVpc, "vpc-endpoints", [], new Dictionary<string, string> { ["Name"] = "vpc-endpoints" });
        bed.Apply(Testbed.Interface());
        var resource = await bed.ReadyAsync("ssm");
        Assert.Equal([bed.Account.EndpointSecurityGroupId], resource.Status!.SecurityGroupIds);

        // A second group tagged so in the VPC joins, as a route table a selector finds does: the VPC's groups are read once
        // per resync window, so within two windows (2 x 2 min) of the change.
        var second = bed.Aws.World.CreateSecurityGroup(bed.Account.VpcId, "more-endpoints",
            [new AwsIngressRule("tcp", 443, 443, ["10.0.0.0/16"], [])], new Dictionary<string, string> { ["Name"] = "vpc-endpoints" });
        await bed.RunForAsync(250);
        var endpoint = bed.Aws.World.FindEndpoint(resource.Status.EndpointId!)!;
        Assert.Equal(new[] { bed.Account.EndpointSecurityGroupId, second }.Order(StringComparer.Ordinal), endpoint.SecurityGroupIds.Order(StringComparer.Ordinal));
        Assert.DoesNotContain(elsewhere, endpoint.SecurityGroupIds);
        Assert.Equal(new[] { bed.Account.EndpointSecurityGroupId, second }.Order(StringComparer.Ordinal), bed.Get("ssm").Status!.SecurityGroupIds);
    }

    [Fact]
    public async Task AWSs_default_policy_of_either_type_as_AWS_shows_it_is_not_drift()
    {
        await using var bed = Testbed.Start();
        bed.Apply(Testbed.Gateway());
        bed.Apply(Testbed.Interface("kms", s => s.PolicyDocument = """{"Statement":[{"Effect":"Allow","Principal":"*","Action":"kms:Decrypt","Resource":"*"}]}"""));
        var gateway = (await bed.ReadyAsync("s3")).Status!.EndpointId!;
        var kms = (await bed.ReadyAsync("kms")).Status!.EndpointId!;
        // The policy goes: AWS resets it to the interface default, which has no Version and is pretty-printed.
        bed.Edit("kms", s => s.PolicyDocument = null);
        await bed.RunForAsync(10);
        Assert.StartsWith("{\n  \"Statement\"", bed.Aws.World.FindEndpoint(kms)!.PolicyDocument);
        Assert.StartsWith("{\"Version\":\"2008-10-17\"", bed.Aws.World.FindEndpoint(gateway)!.PolicyDocument);
        var modifies = bed.Aws.Calls["ec2:ModifyVpcEndpoint"];

        await bed.RunForAsync(245);

        Assert.Equal(modifies, bed.Aws.Calls["ec2:ModifyVpcEndpoint"]);
        foreach (var name in new[] { "s3", "kms" })
            Assert.Equal(ConditionStatus.False, Testbed.Condition(bed.Get(name), ConditionTypes.Drifted)!.Status);
    }

    private static VpcEndpoint S3Interface(Action<VpcEndpointSpec>? change = null) =>
        Testbed.Interface("s3", s => { s.Type = EndpointTypes.Interface; change?.Invoke(s); });

    [Fact]
    public async Task An_S3_interface_endpoint_with_private_DNS_and_no_gateway_is_refused_before_AWS_refuses_it()
    {
        await using var bed = Testbed.Start();
        bed.Apply(S3Interface());
        await bed.RunForAsync(5);

        var resource = bed.Get("s3");
        var synced = Testbed.Condition(resource, ConditionTypes.Synced)!;
        Assert.Equal((ConditionStatus.False, "InvalidSpec"), (synced.Status, synced.Reason));
        Assert.StartsWith("spec.privateDnsEnabled: true by default, but " + bed.Account.VpcId + " has no Gateway endpoint for com.amazonaws.eu-west-1.s3", synced.Message);
        Assert.Single(bed.Events("s3"), e => e.Type == "Warning" && e.Reason == "InvalidSpec");
        Assert.Equal(0, bed.Aws.Calls["ec2:CreateVpcEndpoint"]);

        // The S3 gateway endpoint made (here by another object): the interface endpoint follows at the next resync.
        bed.Apply(Testbed.Gateway("s3-gateway"));
        await bed.ReadyAsync("s3-gateway");
        var ready = await bed.ReadyAsync("s3", seconds: 180);
        Assert.True(bed.Aws.World.FindEndpoint(ready.Status!.EndpointId!)!.PrivateDnsEnabled);
    }

    [Fact]
    public async Task Turning_private_DNS_on_without_the_gateway_is_refused_and_the_endpoint_stays_ready()
    {
        await using var bed = Testbed.Start();
        bed.Apply(S3Interface(s => s.PrivateDnsEnabled = false));
        await bed.ReadyAsync("s3");

        bed.Edit("s3", s => s.PrivateDnsEnabled = true);
        await bed.RunForAsync(10);

        var resource = bed.Get("s3");
        var synced = Testbed.Condition(resource, ConditionTypes.Synced)!;
        Assert.Equal("InvalidSpec", synced.Reason);
        Assert.StartsWith("spec.privateDnsEnabled: true, but", synced.Message);
        Assert.Equal(ConditionStatus.True, Testbed.Condition(resource, ConditionTypes.Ready)!.Status);
        Assert.Equal(0, bed.Aws.Calls["ec2:ModifyVpcEndpoint"]);
        Assert.False(bed.Aws.World.FindEndpoint(resource.Status!.EndpointId!)!.PrivateDnsEnabled);
    }
}
