using Vpce.Operator.Model;

namespace Vpce.Tests.Unit;

public sealed class Ipv4RangeTests
{
    [Theory]
    [InlineData("10.0.0.0/16", "10.0.0.0/16")]
    [InlineData("10.0.1.5/16", "10.0.0.0/16")]
    [InlineData("0.0.0.0/0", "0.0.0.0/0")]
    [InlineData("10.0.0.7/32", "10.0.0.7/32")]
    public void A_block_round_trips(string cidr, string back)
    {
        Assert.True(Ipv4Range.TryParse(cidr, out var range));
        Assert.Equal([back], range.ToCidrs());
    }

    [Theory]
    [InlineData("::/0")]
    [InlineData("10.0.0.0")]
    [InlineData("10.0.0.0/33")]
    [InlineData(null)]
    public void Not_an_ipv4_block(string? cidr) => Assert.False(Ipv4Range.TryParse(cidr, out _));

    [Fact]
    public void A_range_is_the_fewest_blocks()
    {
        Assert.True(Ipv4Range.TryParse("10.0.0.0/16", out var vpc));
        Assert.True(Ipv4Range.TryParse("10.0.5.0/24", out var hole));
        var box = new TrafficBox(443, 443, vpc);
        var left = box.Minus(new TrafficBox(0, 65535, hole)).SelectMany(b => b.Addresses.ToCidrs()).ToList();
        Assert.Equal(["10.0.0.0/22", "10.0.4.0/24", "10.0.6.0/23", "10.0.8.0/21", "10.0.16.0/20", "10.0.32.0/19", "10.0.64.0/18", "10.0.128.0/17"], left);
    }

    [Fact]
    public void Taking_ports_out_of_a_box_leaves_the_ports_either_side()
    {
        Assert.True(Ipv4Range.TryParse("10.0.0.0/16", out var vpc));
        var left = new TrafficBox(1024, 65535, vpc).Minus(new TrafficBox(32768, 65535, vpc)).ToList();
        Assert.Equal([new TrafficBox(1024, 32767, vpc)], left);
        Assert.Empty(new TrafficBox(443, 443, vpc).Minus(new TrafficBox(0, 65535, vpc)));
        Assert.Equal([new TrafficBox(443, 443, vpc)], new TrafficBox(443, 443, vpc).Minus(new TrafficBox(80, 80, vpc)));
    }
}
