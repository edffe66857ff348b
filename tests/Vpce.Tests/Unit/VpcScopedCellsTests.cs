using Microsoft.Extensions.Time.Testing;
using Vpce.Operator.Observe;
using Vpce.Ports.Aws;

namespace Vpce.Tests.Unit;

/// <summary>Route tables, subnets and groups are read once per region and window for every VPC in use, not once per VPC.</summary>
public sealed class VpcScopedCellsTests
{
    private static readonly TimeSpan Window = TimeSpan.FromMinutes(2);
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 12, 1, 9, 0, 0, TimeSpan.Zero));
    private readonly List<IReadOnlyList<string>> _calls = [];
    private readonly VpcScopedCells<AwsSubnet> _cells;

    public VpcScopedCellsTests() =>
        _cells = new VpcScopedCells<AwsSubnet>((_, vpcIds, _) =>
        {
            lock (_calls)
            {
                _calls.Add(vpcIds.ToList());
            }
            if (vpcIds.Count > ResourceQuery.MaxFilterValues)
            {
                throw new AwsApiException("FilterLimitExceeded", "too many values");
            }
            return Task.FromResult<IReadOnlyList<AwsSubnet>>(vpcIds.Select(v => Subnet(v)).ToList());
        }, s => s.SubnetId, s => s.VpcId, _time, Window);

    private static AwsSubnet Subnet(string vpcId) =>
        new("subnet-" + vpcId[4..], vpcId, "eu-west-1a", "10.0.0.0/24", new Dictionary<string, string>());

    private async Task AskAll(params string[] vpcs)
    {
        foreach (var vpc in vpcs)
        {
            Assert.Equal(["subnet-" + vpc[4..]], (await _cells.GetAsync("eu-west-1", vpc, default)).Select(s => s.SubnetId));
        }
    }

    [Fact]
    public async Task From_the_second_window_one_call_covers_every_vpc_in_use()
    {
        await AskAll("vpc-a", "vpc-b", "vpc-c");
        Assert.Equal(3, _calls.Count);
        _calls.Clear();

        for (var window = 0; window < 3; window++)
        {
            _time.Advance(Window + TimeSpan.FromSeconds(1));
            await AskAll("vpc-a", "vpc-b", "vpc-c", "vpc-b", "vpc-a");
        }
        Assert.Equal(3, _calls.Count);
        Assert.All(_calls, c => Assert.Equal(["vpc-a", "vpc-b", "vpc-c"], c));
    }

    [Fact]
    public async Task A_vpc_first_asked_inside_a_window_is_read_alone_once_however_many_ask()
    {
        await AskAll("vpc-a");
        _calls.Clear();
        await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => AskAll("vpc-new")));
        Assert.Equal([["vpc-new"]], _calls);
    }

    [Fact]
    public async Task After_an_own_write_the_next_ask_reads_that_vpc_again_and_only_it()
    {
        await AskAll("vpc-a", "vpc-b");
        _time.Advance(Window + TimeSpan.FromSeconds(1));
        await AskAll("vpc-a", "vpc-b");
        _calls.Clear();

        _cells.Invalidate("eu-west-1", "vpc-b");
        await AskAll("vpc-a", "vpc-b", "vpc-b");
        Assert.Equal([["vpc-b"]], _calls);
    }

    [Fact]
    public async Task A_recorded_read_is_served_until_the_next_window()
    {
        await AskAll("vpc-a");
        _calls.Clear();
        _cells.Record("eu-west-1", "vpc-a", [Subnet("vpc-a")]);
        await AskAll("vpc-a");
        Assert.Empty(_calls);
    }

    [Fact]
    public async Task A_vpc_nobody_asked_for_in_two_windows_leaves_the_regional_read()
    {
        await AskAll("vpc-a", "vpc-b");
        for (var window = 0; window < 3; window++)
        {
            _time.Advance(Window + TimeSpan.FromSeconds(1));
            await AskAll("vpc-a");
        }
        Assert.Equal(["vpc-a"], _calls[^1]);
    }

    [Fact]
    public async Task More_vpcs_than_one_filter_takes_are_read_in_chunks_of_200()
    {
        var vpcs = Enumerable.Range(0, 450).Select(i => $"vpc-{i:x4}").ToArray();
        await AskAll(vpcs);
        _time.Advance(Window + TimeSpan.FromSeconds(1));
        _calls.Clear();
        await AskAll(vpcs);
        Assert.Equal([200, 200, 50], _calls.Select(c => c.Count));
    }

    [Fact]
    public async Task Regions_are_read_apart()
    {
        await _cells.GetAsync("eu-west-1", "vpc-a", default);
        await _cells.GetAsync("us-east-1", "vpc-b", default);
        _time.Advance(Window + TimeSpan.FromSeconds(1));
        _calls.Clear();
        await _cells.GetAsync("eu-west-1", "vpc-a", default);
        await _cells.GetAsync("us-east-1", "vpc-b", default);
        Assert.Equal([["vpc-a"], ["vpc-b"]], _calls);
    }
}
