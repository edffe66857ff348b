using Vpce.Ports.Aws;
using Vpce.Simulation.Aws;

namespace Vpce.Tests.Simulation;

/// <summary>The simulator's eventual consistency (AwsSimulatorOptions.PropagationDelay), rule by rule: what EC2's reads show
/// while an API call's change propagates; the world's own view stays current.</summary>
public sealed class EventualConsistencyTests
{
    private static readonly TimeSpan Delay = TimeSpan.FromSeconds(20);
    private readonly TestAccount _account = new(new AwsSimulatorOptions { Seed = 42, PropagationDelay = Delay });

    private Task<IReadOnlyList<AwsEndpoint>> ListAsync(EndpointQuery query) =>
        _account.Ec2.DescribeVpcEndpointsAsync(TestAccount.Region, query, CancellationToken.None);

    [Fact]
    public async Task A_new_endpoint_is_not_found_by_id_until_it_has_propagated()
    {
        var created = await _account.CreateAsync(_account.Gateway(_account.RouteTable1));

        var error = await Assert.ThrowsAsync<AwsApiException>(() => _account.DescribeAsync(created.VpcEndpointId));
        Assert.Equal(AwsErrorCodes.InvalidVpcEndpointIdNotFound, error.Code);
        Assert.NotNull(_account.Aws.World.FindEndpoint(created.VpcEndpointId));

        _account.Time.Advance(Delay);
        Assert.Equal(created.VpcEndpointId, (await _account.DescribeAsync(created.VpcEndpointId)).VpcEndpointId);
    }

    [Fact]
    public async Task A_new_endpoint_is_left_out_of_listings_and_tag_filters_until_it_has_propagated()
    {
        var tags = new Dictionary<string, string> { ["owner"] = "me" };
        var created = await _account.CreateAsync(_account.Gateway(_account.RouteTable1) with { Tags = tags });

        Assert.Empty(await ListAsync(new EndpointQuery { Tags = tags }));
        Assert.Empty(await ListAsync(new EndpointQuery { VpcIds = [_account.VpcId] }));
        Assert.Empty(await ListAsync(new EndpointQuery()));

        _account.Time.Advance(Delay);
        Assert.Equal(created.VpcEndpointId, Assert.Single(await ListAsync(new EndpointQuery { Tags = tags })).VpcEndpointId);
    }

    [Fact]
    public async Task Calls_that_name_a_new_endpoint_answer_not_found_but_a_retry_of_its_create_answers_with_it()
    {
        var request = _account.Gateway(_account.RouteTable1);
        var created = await _account.CreateAsync(request);
        var id = created.VpcEndpointId;

        var modify = await Assert.ThrowsAsync<AwsApiException>(() => _account.Ec2.ModifyVpcEndpointAsync(TestAccount.Region,
            new ModifyEndpointRequest { VpcEndpointId = id, AddRouteTableIds = [_account.RouteTable2] }, CancellationToken.None));
        Assert.Equal(AwsErrorCodes.InvalidVpcEndpointIdNotFound, modify.Code);
        var tag = await Assert.ThrowsAsync<AwsApiException>(() => _account.Ec2.CreateTagsAsync(TestAccount.Region, id,
            new Dictionary<string, string> { ["a"] = "b" }, CancellationToken.None));
        Assert.Equal(AwsErrorCodes.InvalidVpcEndpointIdNotFound, tag.Code);
        var failures = await _account.Ec2.DeleteVpcEndpointsAsync(TestAccount.Region, [id], CancellationToken.None);
        Assert.Equal("InvalidVpcEndpoint.NotFound", Assert.Single(failures).Code);
        // The idempotency record is the request's own: the same token answers with the endpoint it made.
        Assert.Equal(id, (await _account.CreateAsync(request)).VpcEndpointId);

        _account.Time.Advance(Delay);
        Assert.Empty(await _account.Ec2.DeleteVpcEndpointsAsync(TestAccount.Region, [id], CancellationToken.None));
    }

    [Fact]
    public async Task A_deleted_endpoint_is_shown_as_it_was_until_its_deletion_has_propagated()
    {
        var created = await _account.CreateAsync(_account.Gateway(_account.RouteTable1));
        _account.Time.Advance(TimeSpan.FromMinutes(1));
        Assert.Equal(EndpointStates.Available, (await _account.DescribeAsync(created.VpcEndpointId)).State);

        Assert.Empty(await _account.Ec2.DeleteVpcEndpointsAsync(TestAccount.Region, [created.VpcEndpointId], CancellationToken.None));

        Assert.Equal(EndpointStates.Available, (await _account.DescribeAsync(created.VpcEndpointId)).State);
        Assert.Equal(EndpointStates.Available, Assert.Single(await ListAsync(new EndpointQuery { VpcIds = [_account.VpcId] })).State);
        Assert.Equal(EndpointStates.Deleting, _account.Aws.World.FindEndpoint(created.VpcEndpointId)!.State);
        _account.Time.Advance(Delay);
        Assert.Equal(EndpointStates.Deleted, (await _account.DescribeAsync(created.VpcEndpointId)).State);
    }

    [Fact]
    public async Task A_gateway_s_route_changes_show_in_DescribeRouteTables_late()
    {
        var created = await _account.CreateAsync(_account.Gateway(_account.RouteTable1));
        var id = created.VpcEndpointId;
        static bool RoutesTo(AwsRouteTable table, string endpointId) => table.Routes.Any(r => r.GatewayId == endpointId);

        Assert.False(RoutesTo(await _account.RouteTableAsync(_account.RouteTable1), id));
        Assert.True(RoutesTo(_account.Aws.World.RouteTable(_account.RouteTable1), id));
        _account.Time.Advance(Delay);
        Assert.True(RoutesTo(await _account.RouteTableAsync(_account.RouteTable1), id));

        await _account.Ec2.ModifyVpcEndpointAsync(TestAccount.Region,
            new ModifyEndpointRequest { VpcEndpointId = id, AddRouteTableIds = [_account.RouteTable2], RemoveRouteTableIds = [_account.RouteTable1] },
            CancellationToken.None);

        Assert.True(RoutesTo(await _account.RouteTableAsync(_account.RouteTable1), id));
        Assert.False(RoutesTo(await _account.RouteTableAsync(_account.RouteTable2), id));
        _account.Time.Advance(Delay);
        Assert.False(RoutesTo(await _account.RouteTableAsync(_account.RouteTable1), id));
        Assert.True(RoutesTo(await _account.RouteTableAsync(_account.RouteTable2), id));
    }

    [Fact]
    public async Task Without_a_delay_every_read_is_current()
    {
        var account = new TestAccount();
        var created = await account.CreateAsync(account.Gateway(account.RouteTable1));

        Assert.Equal(created.VpcEndpointId, (await account.DescribeAsync(created.VpcEndpointId)).VpcEndpointId);
        Assert.Contains((await account.RouteTableAsync(account.RouteTable1)).Routes, r => r.GatewayId == created.VpcEndpointId);
        await account.Ec2.DeleteVpcEndpointsAsync(TestAccount.Region, [created.VpcEndpointId], CancellationToken.None);
        Assert.Equal(EndpointStates.Deleting, (await account.DescribeAsync(created.VpcEndpointId)).State);
        Assert.DoesNotContain((await account.RouteTableAsync(account.RouteTable1)).Routes, r => r.GatewayId == created.VpcEndpointId);
    }
}
