using Vpce.Ports.Aws;

namespace Vpce.Tests.Simulation;

public sealed class FaultInjectionTests
{
    private readonly TestAccount _account = new();

    private Task DescribeAsync(CancellationToken ct = default) =>
        _account.Ec2.DescribeVpcEndpointsAsync(TestAccount.Region, new EndpointQuery(), ct);

    [Fact]
    public async Task The_next_calls_of_an_operation_fail_with_the_injected_error()
    {
        _account.Aws.Faults.FailNext("ec2:DescribeVpcEndpoints", "UnauthorizedOperation", count: 2, statusCode: 403);

        for (var i = 0; i < 2; i++)
        {
            var error = await Assert.ThrowsAsync<AwsApiException>(() => DescribeAsync());
            Assert.True(error.IsAccessDenied);
            Assert.Equal(403, error.StatusCode);
        }
        await DescribeAsync();
        await _account.Ec2.DescribeVpcsAsync(TestAccount.Region, new ResourceQuery(), CancellationToken.None);
        Assert.Equal(3, _account.Aws.Calls["ec2:DescribeVpcEndpoints"]);
    }

    [Fact]
    public async Task A_failed_create_makes_no_endpoint()
    {
        _account.Aws.Faults.FailNext("ec2:CreateVpcEndpoint", "InternalError", statusCode: 500);

        await Assert.ThrowsAsync<AwsApiException>(() => _account.CreateAsync(_account.Gateway(_account.RouteTable1)));

        Assert.Empty(_account.Aws.World.Endpoints(TestAccount.Region));
    }

    [Fact]
    public async Task Latency_is_spent_in_virtual_time()
    {
        _account.Aws.Faults.SetLatency("ec2:DescribeVpcEndpoints", TimeSpan.FromSeconds(2));

        var call = DescribeAsync();
        Assert.False(call.IsCompleted);
        _account.Time.Advance(TimeSpan.FromSeconds(1));
        Assert.False(call.IsCompleted);
        _account.Time.Advance(TimeSpan.FromSeconds(1));
        await call;

        await _account.Ec2.DescribeVpcsAsync(TestAccount.Region, new ResourceQuery(), CancellationToken.None);
    }

    [Fact]
    public async Task Latency_can_be_cancelled()
    {
        _account.Aws.Faults.SetLatency(TimeSpan.FromMinutes(1));
        using var cancel = new CancellationTokenSource();

        var call = DescribeAsync(cancel.Token);
        cancel.Cancel();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => call);
    }

    [Fact]
    public async Task An_outage_fails_every_service_until_it_ends()
    {
        _account.Aws.Faults.StartOutage();

        await Assert.ThrowsAsync<AwsUnavailableException>(() => DescribeAsync());
        await Assert.ThrowsAsync<AwsUnavailableException>(() => _account.Aws.S3.GetBucketRegionAsync("b", null, CancellationToken.None));
        await Assert.ThrowsAsync<AwsUnavailableException>(() => _account.Aws.Sts.GetCallerIdentityAsync(TestAccount.Region, CancellationToken.None));

        _account.Aws.Faults.EndOutage();
        await DescribeAsync();
    }
}
