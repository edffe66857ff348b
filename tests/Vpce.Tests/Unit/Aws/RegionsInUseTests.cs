using Vpce.Operator.Observe;

namespace Vpce.Tests.Unit.Aws;

public sealed class RegionsInUseTests
{
    private readonly RegionsInUse _regions = new();
    private readonly List<string> _unused = [];

    public RegionsInUseTests() => _regions.RegionUnused += _unused.Add;

    [Fact]
    public void The_last_object_leaving_a_region_makes_it_unused()
    {
        _regions.Use("VpcEndpoint/ns/a", "eu-west-1");
        Assert.Equal(["eu-west-1"], _regions.Regions);
        _regions.Release("VpcEndpoint/ns/a");
        Assert.Equal(["eu-west-1"], _unused);
        Assert.Empty(_regions.Regions);
    }

    [Fact]
    public void A_region_another_object_still_uses_is_kept()
    {
        _regions.Use("VpcEndpoint/ns/a", "eu-west-1");
        _regions.Use("EndpointBucketPolicy/ns/a", "eu-west-1");
        _regions.Release("VpcEndpoint/ns/a");
        Assert.Empty(_unused);
        _regions.Release("EndpointBucketPolicy/ns/a");
        Assert.Equal(["eu-west-1"], _unused);
    }

    [Theory]
    [InlineData("ns")]
    [InlineData(null)]
    public void An_object_named_by_its_parts_is_the_object_its_key_names(string? @namespace)
    {
        _regions.Use("VpcEndpoint", @namespace, "a", "eu-west-1");
        _regions.Use("VpcEndpoint", @namespace, "a", "eu-west-1");
        _regions.Use("VpcEndpoint", @namespace, "a", "eu-west-2");
        Assert.Equal(["eu-west-1"], _unused);
        _regions.Release(RegionsInUse.KeyOf("VpcEndpoint", @namespace, "a"));
        Assert.Equal(["eu-west-1", "eu-west-2"], _unused);
        Assert.Empty(_regions.Regions);
    }

    [Fact]
    public void Using_the_same_region_again_counts_once()
    {
        _regions.Use("VpcEndpoint/ns/a", "eu-west-1");
        _regions.Use("VpcEndpoint/ns/a", "eu-west-1");
        _regions.Release("VpcEndpoint/ns/a");
        Assert.Equal(["eu-west-1"], _unused);
    }

    [Fact]
    public void An_object_that_moves_leaves_its_old_region()
    {
        _regions.Use("VpcEndpoint/ns/a", "eu-west-1");
        _regions.Use("VpcEndpoint/ns/a", "us-east-2");
        Assert.Equal(["eu-west-1"], _unused);
        Assert.Equal(["us-east-2"], _regions.Regions);
    }

    [Fact]
    public void Releasing_an_object_that_used_nothing_does_nothing()
    {
        _regions.Release("VpcEndpoint/ns/never");
        _regions.Use("VpcEndpoint/ns/a", "eu-west-1");
        _regions.Release("VpcEndpoint/ns/a");
        _regions.Release("VpcEndpoint/ns/a");
        Assert.Equal(["eu-west-1"], _unused);
    }

    [Fact]
    public void A_released_region_used_again_is_released_again()
    {
        _regions.Use("VpcEndpoint/ns/a", "eu-west-1");
        _regions.Release("VpcEndpoint/ns/a");
        _regions.Use("VpcEndpoint/ns/b", "eu-west-1");
        Assert.Equal(["eu-west-1"], _regions.Regions);
        _regions.Release("VpcEndpoint/ns/b");
        Assert.Equal(["eu-west-1", "eu-west-1"], _unused);
    }

    [Fact]
    public void Many_objects_in_many_regions_leave_nothing_behind()
    {
        for (var i = 0; i < 1000; i++)
        {
            _regions.Use(RegionsInUse.KeyOf("VpcEndpoint", "ns", $"o{i}"), $"xx-fake-{i}");
        }
        for (var i = 0; i < 1000; i++)
        {
            _regions.Release(RegionsInUse.KeyOf("VpcEndpoint", "ns", $"o{i}"));
        }
        Assert.Empty(_regions.Regions);
        Assert.Equal(1000, _unused.Count);
    }

    [Fact]
    public void Keys_are_kind_namespace_and_name() =>
        Assert.Equal("VpcEndpoint/platform/s3-private", RegionsInUse.KeyOf("VpcEndpoint", "platform", "s3-private"));
}
