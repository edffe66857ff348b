using Vpce.Ports.Aws;
using Vpce.Simulation.Aws;

namespace Vpce.Tests.Simulation;

/// <summary>Each page of a listing is read when it is asked for, at its offset into the listing as it is then: what comes or
/// goes between pages shifts the rest.</summary>
public sealed class ShiftingPagesTests
{
    private const string Owner = "owner";
    private readonly TestAccount _account = new(new AwsSimulatorOptions { Seed = 5, DescribePageSize = 2 });

    private async Task<List<string>> FiveTaggedAsync()
    {
        var ids = new List<string>();
        for (var i = 0; i < 5; i++)
        {
            var table = _account.Aws.World.CreateRouteTable(_account.VpcId);
            ids.Add((await _account.CreateAsync(_account.Gateway(table) with { Tags = new Dictionary<string, string> { [Owner] = "me" } })).VpcEndpointId);
        }
        return ids;
    }

    private Task<IReadOnlyList<AwsEndpoint>> TaggedAsync() => _account.Ec2.DescribeVpcEndpointsAsync(TestAccount.Region,
        new EndpointQuery { Tags = new Dictionary<string, string> { [Owner] = "me" } }, CancellationToken.None);

    [Fact]
    public async Task An_item_that_leaves_the_listing_between_pages_makes_it_miss_another()
    {
        var ids = await FiveTaggedAsync();
        _account.Aws.Faults.BetweenPages("ec2:DescribeVpcEndpoints", () => _account.Aws.Tamper.SetTag(ids[0], Owner, null));

        var listed = (await TaggedAsync()).Select(e => e.VpcEndpointId).ToList();

        // Page 2 starts at the third of the four left: the second-left (ids[2]) is never shown.
        Assert.Equal([ids[0], ids[1], ids[3], ids[4]], listed);
    }

    [Fact]
    public async Task An_item_that_joins_the_listing_between_pages_makes_it_show_another_twice()
    {
        var ids = await FiveTaggedAsync();
        _account.Aws.Tamper.SetTag(ids[0], Owner, "someone else");
        _account.Aws.Faults.BetweenPages("ec2:DescribeVpcEndpoints", () => _account.Aws.Tamper.SetTag(ids[0], Owner, "me"));

        var listed = (await TaggedAsync()).Select(e => e.VpcEndpointId).ToList();

        Assert.Equal([ids[1], ids[2], ids[2], ids[3], ids[4]], listed);
    }
}
