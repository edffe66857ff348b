using Vpce.Ports.Aws;

namespace Vpce.Tests.Simulation;

public sealed class TamperTests
{
    private readonly TestAccount _account = new();

    [Fact]
    public async Task Removing_a_route_table_behind_the_operators_back_shows_in_describe_and_makes_no_call()
    {
        var endpoint = await _account.CreateAsync(_account.Gateway(_account.RouteTable1, _account.RouteTable2));
        var callsBefore = _account.Aws.Calls.Total;

        _account.Aws.Tamper.RemoveRouteTable(endpoint.VpcEndpointId, _account.RouteTable2);

        Assert.Equal(callsBefore, _account.Aws.Calls.Total);
        Assert.Equal([_account.RouteTable1], (await _account.DescribeAsync(endpoint.VpcEndpointId)).RouteTableIds);
        Assert.DoesNotContain((await _account.RouteTableAsync(_account.RouteTable2)).Routes, r => r.GatewayId == endpoint.VpcEndpointId);
    }

    [Fact]
    public async Task A_deleted_route_leaves_the_endpoint_believing_in_it()
    {
        var endpoint = await _account.CreateAsync(_account.Gateway(_account.RouteTable1));

        Assert.Equal(1, _account.Aws.Tamper.DeleteRoutes(_account.RouteTable1, "pl-6da54004"));

        Assert.Equal([_account.RouteTable1], (await _account.DescribeAsync(endpoint.VpcEndpointId)).RouteTableIds);
        Assert.DoesNotContain((await _account.RouteTableAsync(_account.RouteTable1)).Routes, r => r.DestinationPrefixListId is not null);
    }

    [Fact]
    public async Task A_changed_policy_is_what_describe_returns()
    {
        var endpoint = await _account.CreateAsync(_account.Gateway(_account.RouteTable1));

        _account.Aws.Tamper.SetPolicy(endpoint.VpcEndpointId, """{"Statement":[]}""");

        Assert.Equal("""{"Statement":[]}""", (await _account.DescribeAsync(endpoint.VpcEndpointId)).PolicyDocument);
    }

    [Fact]
    public async Task A_purged_endpoint_is_gone_at_once_with_its_routes()
    {
        var endpoint = await _account.CreateAsync(_account.Gateway(_account.RouteTable1));

        _account.Aws.Tamper.PurgeEndpoint(endpoint.VpcEndpointId);

        var error = await Assert.ThrowsAsync<AwsApiException>(() => _account.DescribeAsync(endpoint.VpcEndpointId));
        Assert.Equal(AwsErrorCodes.InvalidVpcEndpointIdNotFound, error.Code);
        Assert.DoesNotContain((await _account.RouteTableAsync(_account.RouteTable1)).Routes, r => r.GatewayId == endpoint.VpcEndpointId);
    }

    [Fact]
    public async Task An_endpoint_deleted_in_the_console_goes_through_deleting()
    {
        var endpoint = await _account.CreateAsync(_account.Interface(_account.SubnetA));

        _account.Aws.Tamper.DeleteEndpoint(endpoint.VpcEndpointId);

        Assert.Equal(EndpointStates.Deleting, (await _account.DescribeAsync(endpoint.VpcEndpointId)).State);
    }

    [Fact]
    public async Task A_forced_state_sticks()
    {
        var endpoint = await _account.CreateAsync(_account.Gateway(_account.RouteTable1));

        _account.Aws.Tamper.SetState(endpoint.VpcEndpointId, EndpointStates.Failed);
        _account.Time.Advance(TimeSpan.FromMinutes(1));

        Assert.Equal(EndpointStates.Failed, (await _account.DescribeAsync(endpoint.VpcEndpointId)).State);
    }
}
