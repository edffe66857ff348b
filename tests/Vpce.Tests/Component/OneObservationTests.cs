
namespace Vpce.Tests.Component;

/// <summary>Both sides of a diff come from one read: when a reconcile reads the VPC's route tables fresh, the desired side
/// (the route table selector) is resolved from that read too, not from the older snapshot.</summary>
public sealed class OneObservationTests
{
    [Fact]
    public async Task A_route_table_the_selector_matches_since_the_snapshot_is_taken_in_by_the_same_reconcile_that_reads_fresh()
    {
        await using var bed = Testbed.Start();
        var id = (await bed.ReadyAsync(bed.Apply(Testbed.Gateway()).Metadata.Name)).Status!.EndpointId!;
        var before = bed.Aws.World.FindEndpoint(id)!.RouteTableIds.Count;

        // Inside the snapshot's window: a new private route table, then a spec change, which reads the endpoint and the
        // VPC's route tables fresh.
        var added = bed.Aws.World.CreateRouteTable(bed.Account.VpcId, new Dictionary<string, string> { ["tier"] = "private" });
        bed.Edit("s3", spec => spec.Tags = new() { ["team"] = "platform" });
        await bed.RunForAsync(5);

        var endpoint = bed.Aws.World.FindEndpoint(id)!;
        Assert.Contains(added, endpoint.RouteTableIds);
        Assert.Equal(before + 1, endpoint.RouteTableIds.Count);
        Assert.Contains(added, bed.Get("s3").Status!.RouteTableIds);
    }
}
