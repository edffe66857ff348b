using Vpce.Ports.Aws;
using Vpce.Simulation.Aws;

namespace Vpce.Tests.Simulation;

public sealed class ThrottlingTests
{
    private static TestAccount Throttled() => new(new AwsSimulatorOptions
    {
        Seed = 5,
        Throttling = new Ec2ThrottlingOptions { Enabled = true, Mutating = new TokenBucketSettings(2, 0.5), NonMutating = new TokenBucketSettings(3, 1) },
    });

    private static Task DescribeAsync(TestAccount account, string region = TestAccount.Region) =>
        account.Ec2.DescribeVpcsAsync(region, new ResourceQuery(), CancellationToken.None);

    [Fact]
    public async Task Throttling_is_off_unless_enabled()
    {
        var account = new TestAccount();

        for (var i = 0; i < 500; i++)
            await DescribeAsync(account);

        Assert.Equal(0, account.Aws.Calls.TotalThrottled);
    }

    [Fact]
    public async Task An_empty_bucket_answers_request_limit_exceeded_until_it_refills_in_virtual_time()
    {
        var account = Throttled();
        for (var i = 0; i < 3; i++)
            await DescribeAsync(account);

        var error = await Assert.ThrowsAsync<AwsApiException>(() => DescribeAsync(account));
        Assert.Equal(AwsErrorCodes.RequestLimitExceeded, error.Code);
        Assert.Equal(503, error.StatusCode);
        Assert.True(error.IsThrottling);
        Assert.Equal(1, account.Aws.Calls.Throttled("ec2:DescribeVpcs"));

        account.Time.Advance(TimeSpan.FromSeconds(1));
        await DescribeAsync(account);
        await Assert.ThrowsAsync<AwsApiException>(() => DescribeAsync(account));
    }

    [Fact]
    public async Task Buckets_are_per_action_class_and_per_region()
    {
        var account = Throttled();
        for (var i = 0; i < 3; i++)
            await DescribeAsync(account);
        await Assert.ThrowsAsync<AwsApiException>(() => DescribeAsync(account));

        await account.CreateAsync(account.Gateway(account.RouteTable1));
        await DescribeAsync(account, "us-east-1");
    }

    [Fact]
    public async Task Mutations_refill_at_their_own_rate()
    {
        var account = Throttled();
        await account.CreateAsync(account.Gateway(account.RouteTable1));
        await account.CreateAsync(account.Gateway(account.RouteTable2));
        var third = account.Gateway(account.Aws.World.MainRouteTableId(account.VpcId));

        Assert.Equal(AwsErrorCodes.RequestLimitExceeded, (await Assert.ThrowsAsync<AwsApiException>(() => account.CreateAsync(third))).Code);
        account.Time.Advance(TimeSpan.FromSeconds(1));
        await Assert.ThrowsAsync<AwsApiException>(() => account.CreateAsync(third));
        account.Time.Advance(TimeSpan.FromSeconds(1));
        await account.CreateAsync(third);
    }
}
