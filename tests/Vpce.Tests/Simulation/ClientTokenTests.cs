using Vpce.Ports.Aws;

namespace Vpce.Tests.Simulation;

public sealed class ClientTokenTests
{
    private readonly TestAccount _account = new();

    [Fact]
    public async Task The_same_token_and_request_return_the_existing_endpoint()
    {
        var request = _account.Gateway(_account.RouteTable1, _account.RouteTable2);
        var first = await _account.CreateAsync(request);

        var second = await _account.CreateAsync(request with { RouteTableIds = [_account.RouteTable2, _account.RouteTable1] });

        Assert.Equal(first.VpcEndpointId, second.VpcEndpointId);
        Assert.Single(_account.Aws.World.Endpoints(TestAccount.Region));
        Assert.Single((await _account.RouteTableAsync(_account.RouteTable1)).Routes, r => r.DestinationPrefixListId is not null);
    }

    [Fact]
    public async Task The_same_token_with_other_parameters_is_a_mismatch()
    {
        var request = _account.Gateway(_account.RouteTable1);
        await _account.CreateAsync(request);

        var error = await Assert.ThrowsAsync<AwsApiException>(() => _account.CreateAsync(request with { RouteTableIds = [_account.RouteTable2] }));

        Assert.Equal("IdempotentParameterMismatch", error.Code);
        Assert.Single(_account.Aws.World.Endpoints(TestAccount.Region));
    }

    [Fact]
    public async Task Different_tokens_make_different_endpoints()
    {
        await _account.CreateAsync(_account.Interface(_account.SubnetA) with { PrivateDnsEnabled = false });
        await _account.CreateAsync(_account.Interface(_account.SubnetA) with { PrivateDnsEnabled = false });

        Assert.Equal(2, _account.Aws.World.Endpoints(TestAccount.Region).Count);
    }

    [Fact]
    public async Task Concurrent_retries_with_one_token_make_one_endpoint()
    {
        var request = _account.Gateway(_account.RouteTable1);

        var results = await Task.WhenAll(Enumerable.Range(0, 16).Select(_ => Task.Run(() => _account.CreateAsync(request))));

        Assert.Single(results.Select(e => e.VpcEndpointId).Distinct());
        Assert.Single(_account.Aws.World.Endpoints(TestAccount.Region));
    }

    [Fact]
    public async Task A_token_of_more_than_64_ASCII_characters_is_refused()
    {
        var longer = await Assert.ThrowsAsync<AwsApiException>(() => _account.CreateAsync(_account.Gateway(_account.RouteTable1) with { ClientToken = new string('t', 65) }));
        var unicode = await Assert.ThrowsAsync<AwsApiException>(() => _account.CreateAsync(_account.Gateway(_account.RouteTable1) with { ClientToken = "tökén" }));

        Assert.Equal(("InvalidParameterValue", "InvalidParameterValue"), (longer.Code, unicode.Code));
        Assert.Empty(_account.Aws.World.Endpoints(TestAccount.Region));
        await _account.CreateAsync(_account.Gateway(_account.RouteTable1) with { ClientToken = new string('t', 64) });
        Assert.Single(_account.Aws.World.Endpoints(TestAccount.Region));
    }

    [Fact]
    public async Task A_token_is_kept_for_a_day_after_its_endpoint_is_deleted_and_then_makes_a_new_one()
    {
        var request = _account.Gateway(_account.RouteTable1);
        var first = await _account.CreateAsync(request);
        await _account.Ec2.DeleteVpcEndpointsAsync(TestAccount.Region, [first.VpcEndpointId], CancellationToken.None);
        _account.Time.Advance(TimeSpan.FromHours(1));

        var again = await _account.CreateAsync(request);
        Assert.Equal((first.VpcEndpointId, EndpointStates.Deleted), (again.VpcEndpointId, again.State));

        _account.Time.Advance(TimeSpan.FromHours(24));
        var later = await _account.CreateAsync(request);
        Assert.NotEqual(first.VpcEndpointId, later.VpcEndpointId);
        Assert.Equal(EndpointStates.Pending, later.State);
    }
}
