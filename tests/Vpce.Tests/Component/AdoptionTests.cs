using Vpce.Crds;
using Vpce.Operator.Model;
using Vpce.Ports.Aws;

namespace Vpce.Tests.Component;

/// <summary>spec.endpointId adopts only an endpoint that carries no ownership tags, or tags that name this very object.</summary>
public sealed class AdoptionTests
{
    private static async Task<string> ExistingGatewayAsync(Testbed bed, IReadOnlyDictionary<string, string>? tags = null)
    {
        var existing = await bed.Aws.Ec2.CreateVpcEndpointAsync("eu-west-1", new CreateEndpointRequest
        {
            VpcId = bed.Account.VpcId, ServiceName = "com.amazonaws.eu-west-1.s3", Type = "Gateway", ClientToken = "made-elsewhere",
            RouteTableIds = bed.Account.PrivateRouteTableIds, Tags = tags ?? Adoptable,
        }, default);
        await bed.Operator.AdvanceAsync(TimeSpan.FromSeconds(6));
        await bed.PropagateAsync();
        return existing.VpcEndpointId;
    }

    // The opt-in its owner sets on an endpoint made by hand.
    private static readonly IReadOnlyDictionary<string, string> Adoptable = new Dictionary<string, string> { [OwnershipTags.Adoptable] = "true" };

    [Theory, PropagationDelays]
    public async Task An_unmanaged_endpoint_without_the_opt_in_tag_is_not_adopted_and_never_written(int propagationDelaySeconds)
    {
        await using var bed = Testbed.Start(propagationDelaySeconds);
        var id = await ExistingGatewayAsync(bed, new Dictionary<string, string> { ["Name"] = "made-by-hand" });
        bed.Apply(Testbed.Gateway(change: s => s.EndpointId = id));
        await bed.RunForAsync(5);
        var synced = Testbed.Condition(bed.Get("s3"), ConditionTypes.Synced)!;
        Assert.Equal((ConditionStatus.False, "AdoptionConflict"), (synced.Status, synced.Reason));
        Assert.Contains($"{OwnershipTags.Adoptable}=true", synced.Message);
        Assert.Equal(0, bed.Aws.Calls["ec2:ModifyVpcEndpoint"] + bed.Aws.Calls["ec2:CreateTags"]);
        Assert.Equal(new Dictionary<string, string> { ["Name"] = "made-by-hand" }, Tags(bed, id));

        // The owner opts in: adopted.
        await bed.Aws.Ec2.CreateTagsAsync("eu-west-1", id, Adoptable, default);
        var resource = await bed.ReadyAsync("s3", seconds: 900);
        Assert.Equal(id, resource.Status!.EndpointId);
    }

    private static IReadOnlyDictionary<string, string> Tags(Testbed bed, string id) => bed.Aws.World.FindEndpoint(id)!.Tags;

    [Theory, PropagationDelays]
    public async Task An_unmanaged_endpoint_is_adopted_and_tagged_as_this_objects(int propagationDelaySeconds)
    {
        await using var bed = Testbed.Start(propagationDelaySeconds);
        var id = await ExistingGatewayAsync(bed);
        bed.Apply(Testbed.Gateway(change: s => s.EndpointId = id));
        var resource = await bed.ReadyAsync("s3");
        Assert.Equal(id, resource.Status!.EndpointId);
        Assert.Equal(Testbed.Ns, Tags(bed, id)[OwnershipTags.Namespace]);
        Assert.Equal("s3", Tags(bed, id)[OwnershipTags.Name]);
    }

    [Theory, PropagationDelays]
    public async Task An_endpoint_tagged_for_this_very_object_is_adopted(int propagationDelaySeconds)
    {
        await using var bed = Testbed.Start(propagationDelaySeconds);
        var id = await ExistingGatewayAsync(bed, OwnershipTags.For(bed.Operator.Settings.ClusterName, Testbed.Ns, "s3"));
        bed.Apply(Testbed.Gateway(change: s => s.EndpointId = id));
        var resource = await bed.ReadyAsync("s3");
        Assert.Equal(id, resource.Status!.EndpointId);
        Assert.Equal(1, bed.Aws.Calls["ec2:CreateVpcEndpoint"]);
    }

    [Theory]
    [InlineData("demo", "platform", "other", "platform/other in cluster demo", 0)]
    [InlineData("demo", "tenant", "s3", "tenant/s3 in cluster demo", 0)]
    [InlineData("prod-eu", "platform", "s3", "platform/s3 in cluster prod-eu", 0)]
    [InlineData("demo", "platform", "other", "platform/other in cluster demo", 30)]
    public async Task An_endpoint_owned_by_another_object_namespace_or_cluster_is_refused_and_never_written(
        string cluster, string @namespace, string name, string owner, int propagationDelaySeconds)
    {
        await using var bed = Testbed.Start(propagationDelaySeconds);
        var id = await ExistingGatewayAsync(bed, OwnershipTags.For(cluster, @namespace, name));
        var tagsBefore = Tags(bed, id).ToDictionary();
        var writesBefore = bed.Aws.Calls["ec2:ModifyVpcEndpoint"] + bed.Aws.Calls["ec2:CreateTags"] + bed.Aws.Calls["ec2:DeleteTags"];

        bed.Apply(Testbed.Gateway(change: s => s.EndpointId = id));
        await bed.RunForAsync(5);

        var resource = bed.Get("s3");
        var synced = Testbed.Condition(resource, ConditionTypes.Synced)!;
        Assert.Equal((ConditionStatus.False, "AdoptionConflict"), (synced.Status, synced.Reason));
        Assert.Contains($"owned by {owner}", synced.Message);
        Assert.Contains(bed.Events("s3"), e => e.Type == "Warning" && e.Reason == "AdoptionConflict" && e.Message.Contains(owner));
        Assert.Null(resource.Status!.EndpointId);
        Assert.Equal(tagsBefore, Tags(bed, id));
        Assert.Equal(writesBefore, bed.Aws.Calls["ec2:ModifyVpcEndpoint"] + bed.Aws.Calls["ec2:CreateTags"] + bed.Aws.Calls["ec2:DeleteTags"]);
        Assert.Equal(1, bed.Aws.Calls["ec2:CreateVpcEndpoint"]);
    }

    [Theory, PropagationDelays]
    public async Task A_refused_object_when_deleted_leaves_the_endpoint_it_named(int propagationDelaySeconds)
    {
        await using var bed = Testbed.Start(propagationDelaySeconds);
        var id = await ExistingGatewayAsync(bed, OwnershipTags.For("demo", "platform", "s3-private"));
        bed.Apply(Testbed.Gateway(change: s => s.EndpointId = id));
        await bed.RunForAsync(5);
        Assert.Equal("AdoptionConflict", Testbed.Condition(bed.Get("s3"), ConditionTypes.Synced)!.Reason);

        bed.Kube.VpcEndpoints.Delete(Testbed.Ns, "s3");
        await bed.RunForAsync(30);
        Assert.Null(bed.Find("s3"));
        Assert.Equal(0, bed.Aws.Calls["ec2:DeleteVpcEndpoints"]);
        Assert.Equal(EndpointStates.Available, bed.Aws.World.FindEndpoint(id)!.State);
        Assert.Equal("s3-private", Tags(bed, id)[OwnershipTags.Name]);
    }

    [Theory, PropagationDelays]
    public async Task An_object_whose_adoption_was_refused_for_another_service_deletes_nothing(int propagationDelaySeconds)
    {
        await using var bed = Testbed.Start(propagationDelaySeconds);
        var other = await bed.Aws.Ec2.CreateVpcEndpointAsync("eu-west-1", new CreateEndpointRequest
        {
            VpcId = bed.Account.VpcId, ServiceName = "com.amazonaws.eu-west-1.dynamodb", Type = "Gateway", ClientToken = "other",
        }, default);
        bed.Apply(Testbed.Gateway(change: s => s.EndpointId = other.VpcEndpointId));
        await bed.RunForAsync(5);
        bed.Kube.VpcEndpoints.Delete(Testbed.Ns, "s3");
        await bed.RunForAsync(30);
        Assert.Null(bed.Find("s3"));
        Assert.Equal(0, bed.Aws.Calls["ec2:DeleteVpcEndpoints"]);
    }

    [Theory, PropagationDelays]
    public async Task An_endpoint_retagged_to_another_object_is_left_alone_and_not_deleted_with_this_one(int propagationDelaySeconds)
    {
        await using var bed = Testbed.Start(propagationDelaySeconds);
        var id = (await bed.ReadyAsync(bed.Apply(Testbed.Gateway()).Metadata.Name)).Status!.EndpointId!;
        bed.Aws.Tamper.SetTag(id, OwnershipTags.Namespace, "tenant");
        await bed.RunForAsync(245);
        var synced = Testbed.Condition(bed.Get("s3"), ConditionTypes.Synced)!;
        Assert.Equal("AdoptionConflict", synced.Reason);
        Assert.Contains("owned by tenant/s3 in cluster demo", synced.Message);

        bed.Kube.VpcEndpoints.Delete(Testbed.Ns, "s3");
        await bed.RunForAsync(30);
        Assert.Null(bed.Find("s3"));
        Assert.Equal(0, bed.Aws.Calls["ec2:DeleteVpcEndpoints"]);
        Assert.Contains(bed.Events("s3"), e => e.Reason == "LeftOnAws");
    }
}
