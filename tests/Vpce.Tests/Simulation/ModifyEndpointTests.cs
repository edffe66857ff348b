using Vpce.Ports.Aws;

namespace Vpce.Tests.Simulation;

public sealed class ModifyEndpointTests
{
    private readonly TestAccount _account = new();

    private Task ModifyAsync(ModifyEndpointRequest request) =>
        _account.Ec2.ModifyVpcEndpointAsync(TestAccount.Region, request, CancellationToken.None);

    [Fact]
    public async Task Adding_and_removing_route_tables_moves_the_routes()
    {
        var endpoint = await _account.CreateAsync(_account.Gateway(_account.RouteTable1));

        await ModifyAsync(new ModifyEndpointRequest { VpcEndpointId = endpoint.VpcEndpointId, AddRouteTableIds = [_account.RouteTable2], RemoveRouteTableIds = [_account.RouteTable1] });

        Assert.Equal([_account.RouteTable2], (await _account.DescribeAsync(endpoint.VpcEndpointId)).RouteTableIds);
        Assert.DoesNotContain((await _account.RouteTableAsync(_account.RouteTable1)).Routes, r => r.GatewayId == endpoint.VpcEndpointId);
        Assert.Contains((await _account.RouteTableAsync(_account.RouteTable2)).Routes, r => r.GatewayId == endpoint.VpcEndpointId);
    }

    [Fact]
    public async Task Removing_a_route_table_that_is_not_associated_is_refused_and_changes_nothing()
    {
        var endpoint = await _account.CreateAsync(_account.Gateway(_account.RouteTable1));

        var error = await Assert.ThrowsAsync<AwsApiException>(() => ModifyAsync(new ModifyEndpointRequest
        {
            VpcEndpointId = endpoint.VpcEndpointId, AddRouteTableIds = [_account.RouteTable2], RemoveRouteTableIds = ["rtb-0123456789abcdef0"],
        }));

        Assert.Equal("InvalidParameter", error.Code);
        Assert.Equal([_account.RouteTable1], (await _account.DescribeAsync(endpoint.VpcEndpointId)).RouteTableIds);
        Assert.DoesNotContain((await _account.RouteTableAsync(_account.RouteTable2)).Routes, r => r.GatewayId == endpoint.VpcEndpointId);
    }

    [Fact]
    public async Task Adding_a_subnet_in_a_zone_already_served_is_refused()
    {
        var endpoint = await _account.CreateAsync(_account.Interface(_account.SubnetA));

        var error = await Assert.ThrowsAsync<AwsApiException>(() => ModifyAsync(new ModifyEndpointRequest { VpcEndpointId = endpoint.VpcEndpointId, AddSubnetIds = [_account.SubnetA2] }));

        Assert.Equal("DuplicateSubnetsInSameZone", error.Code);
    }

    [Fact]
    public async Task Swapping_a_subnet_within_a_zone_replaces_its_network_interface()
    {
        var endpoint = await _account.CreateAsync(_account.Interface(_account.SubnetA, _account.SubnetB));

        await ModifyAsync(new ModifyEndpointRequest { VpcEndpointId = endpoint.VpcEndpointId, AddSubnetIds = [_account.SubnetA2], RemoveSubnetIds = [_account.SubnetA] });

        var after = await _account.DescribeAsync(endpoint.VpcEndpointId);
        Assert.Equal([_account.SubnetB, _account.SubnetA2], after.SubnetIds);
        Assert.Equal(2, after.NetworkInterfaceIds.Count);
        Assert.Contains(endpoint.NetworkInterfaceIds[1], after.NetworkInterfaceIds);
        Assert.DoesNotContain(endpoint.NetworkInterfaceIds[0], after.NetworkInterfaceIds);
    }

    [Fact]
    public async Task Policy_can_be_replaced_and_reset()
    {
        var endpoint = await _account.CreateAsync(_account.Gateway(_account.RouteTable1));
        const string policy = """{"Statement":[{"Effect":"Deny","Principal":"*","Action":"s3:*","Resource":"*"}]}""";

        await ModifyAsync(new ModifyEndpointRequest { VpcEndpointId = endpoint.VpcEndpointId, PolicyDocument = policy });
        Assert.Equal(policy, (await _account.DescribeAsync(endpoint.VpcEndpointId)).PolicyDocument);

        await ModifyAsync(new ModifyEndpointRequest { VpcEndpointId = endpoint.VpcEndpointId, ResetPolicy = true });
        Assert.Contains("\"Effect\":\"Allow\"", (await _account.DescribeAsync(endpoint.VpcEndpointId)).PolicyDocument);
    }

    [Fact]
    public async Task Security_groups_can_be_swapped_but_not_all_removed()
    {
        var endpoint = await _account.CreateAsync(_account.Interface(_account.SubnetA));
        var defaultGroup = Assert.Single(endpoint.SecurityGroupIds);

        await ModifyAsync(new ModifyEndpointRequest { VpcEndpointId = endpoint.VpcEndpointId, AddSecurityGroupIds = [_account.AppGroup], RemoveSecurityGroupIds = [defaultGroup] });
        Assert.Equal([_account.AppGroup], (await _account.DescribeAsync(endpoint.VpcEndpointId)).SecurityGroupIds);

        var error = await Assert.ThrowsAsync<AwsApiException>(() => ModifyAsync(new ModifyEndpointRequest { VpcEndpointId = endpoint.VpcEndpointId, RemoveSecurityGroupIds = [_account.AppGroup] }));
        Assert.Equal("InvalidParameter", error.Code);
    }

    [Fact]
    public async Task Private_dns_can_be_turned_off_and_on()
    {
        var endpoint = await _account.CreateAsync(_account.Interface(_account.SubnetA));

        await ModifyAsync(new ModifyEndpointRequest { VpcEndpointId = endpoint.VpcEndpointId, PrivateDnsEnabled = false });
        var off = await _account.DescribeAsync(endpoint.VpcEndpointId);
        Assert.False(off.PrivateDnsEnabled);
        Assert.DoesNotContain(off.DnsEntries, d => d.DnsName == "ssm.eu-west-1.amazonaws.com");

        await ModifyAsync(new ModifyEndpointRequest { VpcEndpointId = endpoint.VpcEndpointId, PrivateDnsEnabled = true });
        Assert.True((await _account.DescribeAsync(endpoint.VpcEndpointId)).PrivateDnsEnabled);
    }

    [Fact]
    public async Task Modifying_an_unknown_endpoint_is_not_found()
    {
        var error = await Assert.ThrowsAsync<AwsApiException>(() => ModifyAsync(new ModifyEndpointRequest { VpcEndpointId = "vpce-0123456789abcdef0", ResetPolicy = true }));

        Assert.Equal(AwsErrorCodes.InvalidVpcEndpointIdNotFound, error.Code);
    }

    [Fact]
    public async Task Route_tables_cannot_be_added_to_an_interface_endpoint()
    {
        var endpoint = await _account.CreateAsync(_account.Interface(_account.SubnetA));

        var error = await Assert.ThrowsAsync<AwsApiException>(() => ModifyAsync(new ModifyEndpointRequest { VpcEndpointId = endpoint.VpcEndpointId, AddRouteTableIds = [_account.RouteTable1] }));

        Assert.Equal("InvalidParameter", error.Code);
    }
}
