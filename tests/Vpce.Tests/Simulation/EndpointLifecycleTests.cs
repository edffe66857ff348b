using Vpce.Ports.Aws;
using Vpce.Simulation.Aws;

namespace Vpce.Tests.Simulation;

public sealed class EndpointLifecycleTests
{
    private readonly TestAccount _account = new(new AwsSimulatorOptions
    {
        Seed = 7,
        EndpointPendingFor = TimeSpan.FromSeconds(5),
        EndpointDeletingFor = TimeSpan.FromSeconds(10),
        DeletedEndpointVisibleFor = TimeSpan.FromMinutes(10),
    });

    [Fact]
    public async Task A_new_endpoint_is_pending_until_its_time_has_passed()
    {
        var endpoint = await _account.CreateAsync(_account.Gateway(_account.RouteTable1));

        _account.Time.Advance(TimeSpan.FromSeconds(4));
        Assert.Equal(EndpointStates.Pending, (await _account.DescribeAsync(endpoint.VpcEndpointId)).State);

        _account.Time.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(EndpointStates.Available, (await _account.DescribeAsync(endpoint.VpcEndpointId)).State);
    }

    [Fact]
    public async Task A_deleted_endpoint_goes_deleting_then_deleted_then_away()
    {
        var endpoint = await _account.CreateAsync(_account.Interface(_account.SubnetA));
        _account.Time.Advance(TimeSpan.FromSeconds(5));

        Assert.Empty(await _account.Ec2.DeleteVpcEndpointsAsync(TestAccount.Region, [endpoint.VpcEndpointId], CancellationToken.None));
        Assert.Equal(EndpointStates.Deleting, (await _account.DescribeAsync(endpoint.VpcEndpointId)).State);

        _account.Time.Advance(TimeSpan.FromSeconds(10));
        var deleted = await _account.DescribeAsync(endpoint.VpcEndpointId);
        Assert.Equal(EndpointStates.Deleted, deleted.State);
        Assert.Empty(deleted.NetworkInterfaceIds);

        _account.Time.Advance(TimeSpan.FromMinutes(10));
        var error = await Assert.ThrowsAsync<AwsApiException>(() => _account.DescribeAsync(endpoint.VpcEndpointId));
        Assert.Equal(AwsErrorCodes.InvalidVpcEndpointIdNotFound, error.Code);
    }

    [Fact]
    public async Task Deleting_a_gateway_endpoint_removes_its_routes()
    {
        var endpoint = await _account.CreateAsync(_account.Gateway(_account.RouteTable1));

        await _account.Ec2.DeleteVpcEndpointsAsync(TestAccount.Region, [endpoint.VpcEndpointId], CancellationToken.None);

        Assert.DoesNotContain((await _account.RouteTableAsync(_account.RouteTable1)).Routes, r => r.GatewayId == endpoint.VpcEndpointId);
    }

    [Theory]
    // AWS says pendingAcceptance; the port (every adapter) folds states to lower case.
    [InlineData(EndpointOutcome.PendingAcceptance, EndpointStates.PendingAcceptance)]
    [InlineData(EndpointOutcome.Failed, EndpointStates.Failed)]
    [InlineData(EndpointOutcome.Rejected, EndpointStates.Rejected)]
    public async Task A_service_can_hold_or_fail_its_endpoints(EndpointOutcome outcome, string state)
    {
        _account.Aws.World.SetServiceOutcome(TestAccount.Region, TestAccount.S3, outcome);
        var endpoint = await _account.CreateAsync(_account.Gateway(_account.RouteTable1));

        _account.Time.Advance(TimeSpan.FromSeconds(5));

        Assert.Equal(state, (await _account.DescribeAsync(endpoint.VpcEndpointId)).State);
    }

    [Fact]
    public async Task Deleting_an_unknown_endpoint_is_an_unsuccessful_item_not_an_exception()
    {
        var failures = await _account.Ec2.DeleteVpcEndpointsAsync(TestAccount.Region, ["vpce-0123456789abcdef0"], CancellationToken.None);

        var failure = Assert.Single(failures);
        Assert.Equal("vpce-0123456789abcdef0", failure.VpcEndpointId);
        Assert.Equal("InvalidVpcEndpoint.NotFound", failure.Code);
    }

    [Fact]
    public async Task A_deleting_endpoint_cannot_be_modified()
    {
        var endpoint = await _account.CreateAsync(_account.Gateway(_account.RouteTable1));
        await _account.Ec2.DeleteVpcEndpointsAsync(TestAccount.Region, [endpoint.VpcEndpointId], CancellationToken.None);

        var error = await Assert.ThrowsAsync<AwsApiException>(() => _account.Ec2.ModifyVpcEndpointAsync(TestAccount.Region,
            new ModifyEndpointRequest { VpcEndpointId = endpoint.VpcEndpointId, ResetPolicy = true }, CancellationToken.None));

        Assert.Equal("IncorrectState", error.Code);
    }

    [Fact]
    public async Task DeleteVpcEndpoints_takes_at_most_25_ids()
    {
        var ids = new List<string>();
        for (var i = 0; i < 26; i++)
            ids.Add((await _account.CreateAsync(_account.Gateway())).VpcEndpointId);

        var error = await Assert.ThrowsAsync<AwsApiException>(() => _account.Ec2.DeleteVpcEndpointsAsync(TestAccount.Region, ids, CancellationToken.None));

        Assert.Equal("InvalidParameter", error.Code);
        Assert.Contains("up to 25 VPC endpoints", error.Message);
        Assert.All(ids, id => Assert.Equal(EndpointStates.Pending, _account.Aws.World.FindEndpoint(id)!.State));
        Assert.Empty(await _account.Ec2.DeleteVpcEndpointsAsync(TestAccount.Region, ids[..25], CancellationToken.None));
    }
}
