using Vpce.Crds;

namespace Vpce.Tests.Component;

/// <summary>RoutesCovered, HttpsAllowed and NetworkAclAllows on the simulator's demo account, each both ways.</summary>
public sealed class NetworkPathTests
{
    private static Condition Check(VpcEndpoint resource, string type) =>
        Testbed.Condition(resource, type) ?? throw new InvalidOperationException($"no {type}: {Testbed.Describe(resource)}");

    [Theory, PropagationDelays]
    public async Task A_gateway_endpoint_selected_by_subnets_covers_a_subnet_on_the_main_route_table(int propagationDelaySeconds)
    {
        await using var bed = Testbed.Start(propagationDelaySeconds);
        bed.Apply(Testbed.Gateway(change: s => { s.RouteTableSelector = null; s.SubnetSelector = new TagSelector { Tags = { ["tier"] = "app" } }; }));
        var resource = await bed.ReadyWithRoutesAsync("s3");

        var status = resource.Status!;
        Assert.Equal([bed.Account.MainRouteTableId], status.RouteTableIds);
        Assert.Contains(bed.Aws.World.RouteTable(bed.Account.MainRouteTableId).Routes, r => r.DestinationPrefixListId == status.PrefixListId);
        var routes = Check(resource, ConditionTypes.RoutesCovered);
        Assert.Equal((ConditionStatus.True, "SubnetsCovered"), (routes.Status, routes.Reason));
        var app = Assert.Single(status.SubnetCoverage);
        Assert.Equal((bed.Account.AppSubnetId, bed.Account.MainRouteTableId, true, true, bed.Account.NatGatewayId),
            (app.SubnetId, app.RouteTableId, app.MainRouteTable, app.Covered, app.DefaultRouteTarget));
        // The routes were read again after the create: the first status already says covered, and nothing was warned.
        Assert.DoesNotContain(bed.Events("s3"), e => e.Type == "Warning");
    }

    [Theory, PropagationDelays]
    public async Task Subnet_ids_and_route_table_selectors_add_up(int propagationDelaySeconds)
    {
        await using var bed = Testbed.Start(propagationDelaySeconds);
        bed.Apply(Testbed.Gateway(change: s => s.SubnetIds = [bed.Account.AppSubnetId, bed.Account.PublicSubnetIds[0]]));
        var status = (await bed.ReadyWithRoutesAsync("s3")).Status!;
        Assert.Equal(bed.Account.PrivateRouteTableIds.Append(bed.Account.MainRouteTableId).Append(bed.Account.PublicRouteTableId).Order(StringComparer.Ordinal),
            status.RouteTableIds);
        Assert.All(status.SubnetCoverage, s => Assert.True(s.Covered));
        Assert.Equal(2, status.SubnetCoverage.Count);
    }

    [Theory, PropagationDelays]
    public async Task Without_subnets_named_every_subnet_of_the_vpc_is_looked_at_and_the_uncovered_ones_are_named(int propagationDelaySeconds)
    {
        await using var bed = Testbed.Start(propagationDelaySeconds);
        bed.Apply(Testbed.Gateway());
        var resource = await bed.ReadyWithRoutesAsync("s3");

        var routes = Check(resource, ConditionTypes.RoutesCovered);
        Assert.Equal((ConditionStatus.False, "SubnetsUncovered"), (routes.Status, routes.Reason));
        Assert.Contains($"4 of 7 subnets of {bed.Account.VpcId} have no route to pl-6da54004", routes.Message);
        Assert.Contains($"{bed.Account.AppSubnetId} (the main route table {bed.Account.MainRouteTableId}) sends it to NAT gateway {bed.Account.NatGatewayId}", routes.Message);
        Assert.Contains($"{bed.Account.PublicSubnetIds[0]} (route table {bed.Account.PublicRouteTableId}) sends it to internet gateway igw-", routes.Message);
        Assert.All(bed.Account.PrivateSubnetIds, s => Assert.True(resource.Status!.SubnetCoverage.Single(c => c.SubnetId == s).Covered));
        Assert.Equal(7, resource.Status!.SubnetCoverage.Count);
        // Advisory: the endpoint is Ready, and the Warning comes once, not at every resync.
        Assert.Equal(ConditionStatus.True, Check(resource, ConditionTypes.Ready).Status);
        await bed.RunForAsync(300);
        Assert.Equal(1, bed.Events("s3").Where(e => e.Reason == "SubnetsUncovered").Sum(e => e.Count));
    }

    [Theory, PropagationDelays]
    public async Task A_subnet_moved_to_another_route_table_takes_the_endpoint_with_it_at_the_next_resync(int propagationDelaySeconds)
    {
        await using var bed = Testbed.Start(propagationDelaySeconds);
        bed.Apply(Testbed.Gateway(change: s => { s.RouteTableSelector = null; s.SubnetIds = [bed.Account.AppSubnetId]; }));
        await bed.ReadyAsync("s3");
        var table = bed.Aws.World.CreateRouteTable(bed.Account.VpcId);
        bed.Aws.World.AssociateSubnet(table, bed.Account.AppSubnetId);

        await bed.RunForAsync(300);
        var status = bed.Get("s3").Status!;
        Assert.Equal([table], status.RouteTableIds);
        Assert.DoesNotContain(bed.Aws.World.RouteTable(bed.Account.MainRouteTableId).Routes, r => r.DestinationPrefixListId == status.PrefixListId);
        Assert.True(Assert.Single(status.SubnetCoverage).Covered);
        Assert.False(Assert.Single(status.SubnetCoverage).MainRouteTable);
    }

    [Theory]
    [InlineData("spec.routeTableSelector", "matches no route table")]
    [InlineData("spec.subnetSelector", "matches no subnet")]
    public async Task A_gateway_selector_that_matches_nothing_is_invalid_and_names_the_selector(string field, string words)
    {
        await using var bed = Testbed.Start();
        var nothing = new TagSelector { Tags = { ["tier"] = "nonexistent" } };
        bed.Apply(Testbed.Gateway(change: s =>
        {
            if (field == "spec.routeTableSelector") s.RouteTableSelector = nothing;
            else s.SubnetSelector = nothing;
        }));
        await bed.RunForAsync(5);
        var synced = Check(bed.Get("s3"), ConditionTypes.Synced);
        Assert.Equal((ConditionStatus.False, "InvalidSpec"), (synced.Status, synced.Reason));
        Assert.Contains(field, synced.Message);
        Assert.Contains(words, synced.Message);
        Assert.Equal(0, bed.Aws.Calls["ec2:CreateVpcEndpoint"]);
    }

    [Theory, PropagationDelays]
    public async Task Https_admitted_from_an_app_group_reads_as_allowed_while_something_carries_it(int propagationDelaySeconds)
    {
        await using var bed = Testbed.Start(propagationDelaySeconds);
        bed.Apply(Testbed.Interface(change: s => { s.SecurityGroupSelector = null; s.SecurityGroupIds = [bed.Account.AppEndpointSecurityGroupId]; }));
        var resource = await bed.ReadyAsync("ssm");
        var https = Check(resource, ConditionTypes.HttpsAllowed);
        Assert.Equal((ConditionStatus.True, "HttpsAdmitted"), (https.Status, https.Reason));
        Assert.Equal($"{bed.Account.AppEndpointSecurityGroupId} admits TCP 443 from security group {bed.Account.AppSecurityGroupId} " +
                     "(carried by 1 network interface in the VPC)", https.Message);

        // The app's instance goes: nothing carries the group, and so nothing is admitted.
        bed.Aws.World.DeleteNetworkInterface(bed.Account.AppNetworkInterfaceId);
        await bed.RunForAsync(300);
        https = Check(bed.Get("ssm"), ConditionTypes.HttpsAllowed);
        Assert.Equal((ConditionStatus.False, "HttpsBlocked"), (https.Status, https.Reason));
        Assert.Contains($"security group {bed.Account.AppSecurityGroupId}, which no network interface in the VPC carries", https.Message);
        Assert.Single(bed.Events("ssm"), e => e.Type == "Warning" && e.Reason == "HttpsBlocked");
        Assert.True(bed.IsReady("ssm"));
    }

    [Theory, PropagationDelays]
    public async Task The_network_interfaces_are_read_only_for_group_sourced_rules(int propagationDelaySeconds)
    {
        await using var bed = Testbed.Start(propagationDelaySeconds);
        bed.Apply(Testbed.Interface());
        await bed.ReadyAsync("ssm");
        Assert.Equal(0, bed.Aws.Calls["ec2:DescribeNetworkInterfaces"]);
        bed.Apply(Testbed.Interface("kms", s => { s.SecurityGroupSelector = null; s.SecurityGroupIds = [bed.Account.AppEndpointSecurityGroupId]; }));
        await bed.ReadyAsync("kms");
        Assert.Equal(1, bed.Aws.Calls["ec2:DescribeNetworkInterfaces"]);
    }

    [Theory, PropagationDelays]
    public async Task The_default_network_acl_allows_https_both_ways(int propagationDelaySeconds)
    {
        await using var bed = Testbed.Start(propagationDelaySeconds);
        bed.Apply(Testbed.Interface());
        var acl = Check(await bed.ReadyAsync("ssm"), ConditionTypes.NetworkAclAllows);
        Assert.Equal((ConditionStatus.True, "AclAllowsHttps"), (acl.Status, acl.Reason));
        Assert.StartsWith($"network ACL {bed.Aws.World.DefaultNetworkAclId(bed.Account.VpcId)} (", acl.Message);
    }

    [Theory, PropagationDelays]
    public async Task A_network_acl_that_drops_443_is_named_with_its_rule(int propagationDelaySeconds)
    {
        await using var bed = Testbed.Start(propagationDelaySeconds);
        bed.Apply(Testbed.Interface(change: s => s.SubnetSelector = new TagSelector { Tags = { ["tier"] = "app" } }));
        var acl = Check(await bed.ReadyAsync("ssm"), ConditionTypes.NetworkAclAllows);
        Assert.Equal((ConditionStatus.False, "AclDeniesHttps"), (acl.Status, acl.Reason));
        Assert.Equal($"network ACL {bed.Account.DenyHttpsNetworkAclId} of {bed.Account.AppSubnetId}: inbound TCP 443 from 10.0.0.0/16 is denied by " +
                     "rule 90 (deny TCP port 443 from 0.0.0.0/0)", acl.Message);
        Assert.Contains(bed.Events("ssm"), e => e.Type == "Warning" && e.Reason == "AclDeniesHttps");
    }

    [Theory, PropagationDelays]
    public async Task An_acl_associated_behind_the_operators_back_is_seen_at_the_next_resync(int propagationDelaySeconds)
    {
        await using var bed = Testbed.Start(propagationDelaySeconds);
        bed.Apply(Testbed.Interface());
        await bed.ReadyAsync("ssm");
        bed.Aws.World.AssociateNetworkAcl(bed.Account.DenyHttpsNetworkAclId, bed.Account.PrivateSubnetIds[2]);
        await bed.RunForAsync(300);
        var acl = Check(bed.Get("ssm"), ConditionTypes.NetworkAclAllows);
        Assert.Equal(ConditionStatus.False, acl.Status);
        Assert.Contains($"network ACL {bed.Account.DenyHttpsNetworkAclId} of {bed.Account.PrivateSubnetIds[2]}", acl.Message);
        Assert.True(bed.IsReady("ssm"));
    }

    [Theory, PropagationDelays]
    public async Task A_clean_resync_reads_acls_once_per_window(int propagationDelaySeconds)
    {
        await using var bed = Testbed.Start(propagationDelaySeconds);
        foreach (var service in new[] { "ssm", "ssmmessages", "ec2messages" })
        {
            bed.Apply(Testbed.Interface(service));
        }
        await bed.Operator.ConvergeAsync(() => bed.IsReady("ssm") && bed.IsReady("ssmmessages") && bed.IsReady("ec2messages"), TimeSpan.FromMinutes(1));
        await bed.RunForAsync(240);
        bed.Aws.Calls.Reset();
        await bed.RunForAsync(360);
        Assert.InRange(bed.Aws.Calls["ec2:DescribeNetworkAcls"], 3, 4);
    }
}
