using Vpce.Operator.Diff;

namespace Vpce.Tests.Unit;

/// <summary>What a VpcEndpoint claims while a write is in flight: the union of what it owned and what it will own.</summary>
public sealed class ManagedSetsTests
{
    [Fact]
    public void The_union_holds_both_sides_sorted_once_each()
    {
        var before = new ManagedSets(["rtb-2", "rtb-1"], [], ["sg-1"]) { TagKeys = ["team"] };
        var after = new ManagedSets(["rtb-3", "rtb-1"], ["subnet-1"], []) { TagKeys = ["env"] };
        var union = before.Union(after);
        Assert.Equal(["rtb-1", "rtb-2", "rtb-3"], union.RouteTableIds);
        Assert.Equal(["subnet-1"], union.SubnetIds);
        Assert.Equal(["sg-1"], union.SecurityGroupIds);
        Assert.Equal(["env", "team"], union.TagKeys);
        Assert.True(union.Covers(before) && union.Covers(after));
    }

    [Theory]
    [InlineData(new[] { "rtb-1" }, new string[0], true)]
    [InlineData(new[] { "rtb-9" }, new string[0], false)]
    [InlineData(new string[0], new[] { "team" }, true)]
    [InlineData(new string[0], new[] { "env" }, false)]
    public void Covers_is_every_id_and_key_already_there(string[] routeTables, string[] tagKeys, bool covered)
    {
        var recorded = new ManagedSets(["rtb-1", "rtb-2"], [], []) { TagKeys = ["team"] };
        Assert.Equal(covered, recorded.Covers(new ManagedSets(routeTables, [], []) { TagKeys = tagKeys }));
    }
}
