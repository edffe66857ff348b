using Microsoft.Extensions.Time.Testing;
using Vpce.Operator.Aws.Resilience;
using Vpce.Operator.Observability;
using Vpce.Ports.Aws;
using Vpce.Simulation.Aws;

namespace Vpce.Tests.Unit.Aws;

/// <summary>A long listing takes the tokens of its pages before it starts (as many as the last listing of its shape took),
/// so it waits for them rather than running into AWS's own limit halfway through its pages.</summary>
public sealed class PagedDescribePacingTests
{
    // Three pages of each kind with 100 to a page (the VPC brings one of each itself).
    public static TheoryData<string> PagedKinds => new() { "route tables", "network ACLs" };

    [Theory]
    [MemberData(nameof(PagedKinds))]
    public async Task A_listing_of_three_pages_waits_for_three_tokens_once_its_size_is_known(string kind)
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 12, 1, 9, 0, 0, TimeSpan.Zero));
        var aws = new AwsSimulator(time);
        var vpc = aws.World.CreateVpc("eu-west-1", "10.0.0.0/16");
        for (var i = 0; i < 250; i++)
        {
            _ = kind == "route tables" ? aws.World.CreateRouteTable(vpc) : aws.World.CreateNetworkAcl(vpc);
        }
        using var metrics = new OperatorMetrics();
        var ec2 = new ResilientAwsApis(aws, new AwsResilienceOptions { DescribeBurst = 3, DescribesPerSecond = 1 }, metrics, time).Ec2;
        var query = new ResourceQuery { VpcIds = [vpc] };
        async Task<int> ListAsync() => kind == "route tables"
            ? (await ec2.DescribeRouteTablesAsync("eu-west-1", query, default)).Count
            : (await ec2.DescribeNetworkAclsAsync("eu-west-1", query, default)).Count;

        // The first listing knows nothing: one token up front, the two further pages charged after.
        Assert.Equal(251, await ListAsync());
        time.Advance(TimeSpan.FromSeconds(3));
        // Three tokens again, taken up front.
        await ListAsync();
        var third = ListAsync();
        time.Advance(TimeSpan.FromSeconds(2));
        Assert.False(third.IsCompleted);
        time.Advance(TimeSpan.FromSeconds(1.01));
        Assert.Equal(251, await third);
    }
}
