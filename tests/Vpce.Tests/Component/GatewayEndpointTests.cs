using Vpce.Crds;
using Vpce.Operator.Model;
using Vpce.Ports.Aws;

namespace Vpce.Tests.Component;

public sealed class GatewayEndpointTests
{
    [Theory, PropagationDelays]
    public async Task Creates_the_endpoint_with_its_route_tables_and_prefix_list_routes(int propagationDelaySeconds)
    {
        await using var bed = Testbed.Start(propagationDelaySeconds);
        bed.Apply(Testbed.Gateway());
        var resource = await bed.ReadyAsync("s3");

        var status = resource.Status!;
        var endpoint = bed.Aws.World.FindEndpoint(status.EndpointId!)!;
        Assert.Equal(bed.Account.PrivateRouteTableIds.Order(), status.RouteTableIds);
        Assert.Equal("available", status.State);
        Assert.Equal("com.amazonaws.eu-west-1.s3", status.ServiceName);
        Assert.Equal("Gateway", status.Type);
        Assert.Equal(bed.Account.VpcId, status.VpcId);
        Assert.Equal(bed.Aws.World.PrefixListId("eu-west-1", "com.amazonaws.eu-west-1.s3"), status.PrefixListId);
        Assert.Equal(resource.Metadata.Generation, status.ObservedGeneration);
        Assert.Contains(CrdGroup.Finalizer, resource.Metadata.Finalizers!);
        Assert.Equal("demo", endpoint.Tags[OwnershipTags.Cluster]);
        Assert.Equal("platform", endpoint.Tags[OwnershipTags.Namespace]);
        Assert.Equal("s3", endpoint.Tags[OwnershipTags.Name]);
        foreach (var table in bed.Account.PrivateRouteTableIds)
        {
            Assert.Contains(bed.Aws.World.RouteTable(table).Routes, r => r.DestinationPrefixListId == status.PrefixListId && r.GatewayId == endpoint.VpcEndpointId);
        }
        Assert.Equal(ConditionStatus.True, Testbed.Condition(resource, ConditionTypes.Synced)!.Status);
        Assert.Equal(ConditionStatus.False, Testbed.Condition(resource, ConditionTypes.Drifted)!.Status);
        Assert.Contains(bed.Events("s3"), e => e.Reason == "Created");
        Assert.Equal(1, bed.Aws.Calls["ec2:CreateVpcEndpoint"]);
    }

    [Theory, PropagationDelays]
    public async Task Pending_endpoints_are_checked_again_within_seconds_not_at_the_resync(int propagationDelaySeconds)
    {
        await using var bed = Testbed.Start(propagationDelaySeconds);
        bed.Apply(Testbed.Gateway());
        await bed.RunForAsync();
        var pending = bed.Get("s3");
        Assert.Equal("pending", pending.Status!.State);
        Assert.Equal("Pending", Testbed.Condition(pending, ConditionTypes.Ready)!.Reason);
        // The first status already names the prefix list the routes go to.
        Assert.Equal(bed.Aws.World.PrefixListId("eu-west-1", "com.amazonaws.eu-west-1.s3"), pending.Status.PrefixListId);
        // The simulator makes endpoints available after 5 s (AWS's reads show it once its creation has propagated); the
        // resync is 2 min away.
        await bed.RunForAsync(10 + propagationDelaySeconds);
        Assert.True(bed.IsReady("s3"));
    }

    [Theory, PropagationDelays]
    public async Task Route_tables_added_and_removed_in_the_spec_change_AWS_with_one_modify(int propagationDelaySeconds)
    {
        await using var bed = Testbed.Start(propagationDelaySeconds);
        var tables = bed.Account.PrivateRouteTableIds;
        bed.Apply(Testbed.Gateway(change: s => { s.RouteTableSelector = null; s.RouteTableIds = [tables[0], tables[1]]; }));
        await bed.ReadyAsync("s3");

        bed.Edit("s3", s => s.RouteTableIds = [tables[1], tables[2]]);
        await bed.RunForAsync(1);

        var resource = bed.Get("s3");
        Assert.Equal(new[] { tables[1], tables[2] }.Order(), resource.Status!.RouteTableIds);
        Assert.Equal(new[] { tables[1], tables[2] }.Order(), bed.Aws.World.FindEndpoint(resource.Status.EndpointId!)!.RouteTableIds.Order());
        Assert.DoesNotContain(bed.Aws.World.RouteTable(tables[0]).Routes, r => r.GatewayId == resource.Status.EndpointId);
        Assert.Equal(1, bed.Aws.Calls["ec2:ModifyVpcEndpoint"]);
        Assert.Equal(1, bed.Aws.Calls["ec2:CreateVpcEndpoint"]);
        Assert.Equal(0, bed.Aws.Calls["ec2:DeleteVpcEndpoints"]);
        Assert.Contains(bed.Events("s3"), e => e.Reason == "Updated");
        Assert.Equal(resource.Metadata.Generation, resource.Status.ObservedGeneration);
    }

    [Theory, PropagationDelays]
    public async Task Tags_follow_the_spec_and_tags_set_by_others_stay(int propagationDelaySeconds)
    {
        await using var bed = Testbed.Start(propagationDelaySeconds);
        bed.Apply(Testbed.Gateway(change: s => s.Tags = new() { ["team"] = "platform", ["cost-center"] = "42" }));
        var id = (await bed.ReadyAsync("s3")).Status!.EndpointId!;
        bed.Aws.Tamper.SetTag(id, "backup", "daily");

        bed.Edit("s3", s => s.Tags = new() { ["team"] = "network" });
        await bed.RunForAsync(1);
        var tags = bed.Aws.World.FindEndpoint(id)!.Tags;
        Assert.Equal("network", tags["team"]);
        Assert.False(tags.ContainsKey("cost-center"));
        Assert.Equal("daily", tags["backup"]);
        Assert.Equal("s3", tags[OwnershipTags.Name]);
        Assert.Equal(["team"], bed.Get("s3").Status!.ManagedTagKeys);
    }

    [Theory, PropagationDelays]
    public async Task Additive_mode_leaves_associations_it_did_not_make(int propagationDelaySeconds)
    {
        await using var bed = Testbed.Start(propagationDelaySeconds);
        var tables = bed.Account.PrivateRouteTableIds;
        bed.Apply(Testbed.Gateway(change: s => { s.RouteTableSelector = null; s.RouteTableIds = [tables[0]]; s.AssociationMode = AssociationModes.Additive; }));
        var id = (await bed.ReadyAsync("s3")).Status!.EndpointId!;

        // Another tool associates the public route table.
        await bed.Aws.Ec2.ModifyVpcEndpointAsync("eu-west-1", new ModifyEndpointRequest { VpcEndpointId = id, AddRouteTableIds = [bed.Account.PublicRouteTableId] }, default);
        bed.Edit("s3", s => s.RouteTableIds = [tables[1]]);
        await bed.RunForAsync(1);
        await bed.RunForAsync(180);

        var actual = bed.Aws.World.FindEndpoint(id)!.RouteTableIds.Order().ToList();
        Assert.Equal(new[] { tables[1], bed.Account.PublicRouteTableId }.Order(), actual);
        var status = bed.Get("s3").Status!;
        Assert.Equal([tables[1]], status.ManagedRouteTableIds);
        Assert.Equal(ConditionStatus.False, Testbed.Condition(bed.Get("s3"), ConditionTypes.Drifted)!.Status);
    }

    [Theory, PropagationDelays]
    public async Task Exclusive_mode_removes_associations_made_by_others_as_drift(int propagationDelaySeconds)
    {
        await using var bed = Testbed.Start(propagationDelaySeconds);
        var id = (await bed.ReadyAsync(bed.Apply(Testbed.Gateway()).Metadata.Name)).Status!.EndpointId!;
        await bed.Aws.Ec2.ModifyVpcEndpointAsync("eu-west-1", new ModifyEndpointRequest { VpcEndpointId = id, AddRouteTableIds = [bed.Account.PublicRouteTableId] }, default);

        await bed.RunForAsync(245); // a resync interval plus the object's phase within it
        Assert.DoesNotContain(bed.Account.PublicRouteTableId, bed.Aws.World.FindEndpoint(id)!.RouteTableIds);
        var drifted = Testbed.Condition(bed.Get("s3"), ConditionTypes.Drifted)!;
        Assert.Equal(("False", "DriftCorrected"), (drifted.Status, drifted.Reason));
    }
}
