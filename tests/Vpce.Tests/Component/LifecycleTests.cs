using Vpce.Crds;
using Vpce.Operator.Model;
using Vpce.Ports.Aws;
using Vpce.Simulation.Aws;

namespace Vpce.Tests.Component;

public sealed class LifecycleTests
{
    [Theory, PropagationDelays]
    public async Task Delete_policy_deletes_on_AWS_waits_for_deleted_then_releases_the_object(int propagationDelaySeconds)
    {
        await using var bed = Testbed.Start(propagationDelaySeconds);
        var id = (await bed.ReadyAsync(bed.Apply(Testbed.Gateway()).Metadata.Name)).Status!.EndpointId!;

        bed.Kube.VpcEndpoints.Delete(Testbed.Ns, "s3");
        await bed.RunForAsync();
        Assert.NotNull(bed.Find("s3"));
        Assert.Equal("deleting", bed.Aws.World.FindEndpoint(id)!.State);
        Assert.Equal("Deleting", Testbed.Condition(bed.Get("s3"), ConditionTypes.Ready)!.Reason);

        // The deletion shows in AWS's reads once it has propagated.
        await bed.RunForAsync(15 + propagationDelaySeconds);
        Assert.Null(bed.Find("s3"));
        Assert.Equal("deleted", bed.Aws.World.FindEndpoint(id)?.State ?? "deleted");
        Assert.Equal(1, bed.Aws.Calls["ec2:DeleteVpcEndpoints"]);
        Assert.All(bed.Account.PrivateRouteTableIds, t => Assert.DoesNotContain(bed.Aws.World.RouteTable(t).Routes, r => r.GatewayId == id));
    }

    [Theory, PropagationDelays]
    public async Task Retain_policy_leaves_the_endpoint_on_AWS(int propagationDelaySeconds)
    {
        await using var bed = Testbed.Start(propagationDelaySeconds);
        var id = (await bed.ReadyAsync(bed.Apply(Testbed.Gateway(change: s => s.DeletionPolicy = DeletionPolicies.Retain)).Metadata.Name)).Status!.EndpointId!;
        bed.Kube.VpcEndpoints.Delete(Testbed.Ns, "s3");
        await bed.RunForAsync(5);
        Assert.Null(bed.Find("s3"));
        Assert.Equal("available", bed.Aws.World.FindEndpoint(id)!.State);
        Assert.Equal(0, bed.Aws.Calls["ec2:DeleteVpcEndpoints"]);
    }

    [Theory, PropagationDelays]
    public async Task An_unsuccessful_delete_keeps_the_finalizer_and_says_why(int propagationDelaySeconds)
    {
        await using var bed = Testbed.Start(propagationDelaySeconds);
        await bed.ReadyAsync(bed.Apply(Testbed.Gateway()).Metadata.Name);
        bed.Aws.Faults.FailNext("ec2:DeleteVpcEndpoints", "UnauthorizedOperation", statusCode: 403);
        bed.Kube.VpcEndpoints.Delete(Testbed.Ns, "s3");
        await bed.RunForAsync();
        var synced = Testbed.Condition(bed.Get("s3"), ConditionTypes.Synced)!;
        Assert.Equal((ConditionStatus.False, "AccessDenied"), (synced.Status, synced.Reason));
        await bed.RunForAsync(30 + propagationDelaySeconds);
        Assert.Null(bed.Find("s3"));
    }

    [Theory, PropagationDelays]
    public async Task Adopts_an_existing_endpoint_instead_of_creating_one(int propagationDelaySeconds)
    {
        await using var bed = Testbed.Start(propagationDelaySeconds);
        var existing = await bed.Aws.Ec2.CreateVpcEndpointAsync("eu-west-1", new CreateEndpointRequest
        {
            VpcId = bed.Account.VpcId, ServiceName = "com.amazonaws.eu-west-1.s3", Type = "Gateway", ClientToken = "terraform-made",
            RouteTableIds = bed.Account.PrivateRouteTableIds, Tags = new Dictionary<string, string> { [OwnershipTags.Adoptable] = "true" },
        }, default);
        await bed.PropagateAsync();
        bed.Apply(Testbed.Gateway(change: s => s.EndpointId = existing.VpcEndpointId));
        var resource = await bed.ReadyAsync("s3");
        Assert.Equal(existing.VpcEndpointId, resource.Status!.EndpointId);
        Assert.Equal(1, bed.Aws.Calls["ec2:CreateVpcEndpoint"]);
        Assert.Contains(bed.Events("s3"), e => e.Reason == "Adopted");
    }

    [Theory, PropagationDelays]
    public async Task Refuses_to_adopt_an_endpoint_for_another_service(int propagationDelaySeconds)
    {
        await using var bed = Testbed.Start(propagationDelaySeconds);
        var existing = await bed.Aws.Ec2.CreateVpcEndpointAsync("eu-west-1", new CreateEndpointRequest
        {
            VpcId = bed.Account.VpcId, ServiceName = "com.amazonaws.eu-west-1.dynamodb", Type = "Gateway", ClientToken = "other",
        }, default);
        await bed.PropagateAsync();
        bed.Apply(Testbed.Gateway(change: s => s.EndpointId = existing.VpcEndpointId));
        await bed.RunForAsync(5);
        var synced = Testbed.Condition(bed.Get("s3"), ConditionTypes.Synced)!;
        Assert.Equal("AdoptionConflict", synced.Reason);
        Assert.Contains("dynamodb", synced.Message);
        Assert.Equal(0, bed.Aws.Calls["ec2:ModifyVpcEndpoint"]);
        Assert.Empty(bed.Aws.World.FindEndpoint(existing.VpcEndpointId)!.RouteTableIds);
    }

    [Theory, PropagationDelays]
    public async Task Immutable_change_is_refused_and_AWS_left_alone(int propagationDelaySeconds)
    {
        await using var bed = Testbed.Start(propagationDelaySeconds);
        var id = (await bed.ReadyAsync(bed.Apply(Testbed.Gateway()).Metadata.Name)).Status!.EndpointId!;
        bed.Edit("s3", s => s.ServiceName = "dynamodb");
        await bed.RunForAsync(5);
        var resource = bed.Get("s3");
        var synced = Testbed.Condition(resource, ConditionTypes.Synced)!;
        Assert.Equal((ConditionStatus.False, "ImmutableFieldChanged"), (synced.Status, synced.Reason));
        Assert.Contains("serviceName", synced.Message);
        Assert.Equal(id, resource.Status!.EndpointId);
        Assert.Equal(1, bed.Aws.Calls["ec2:CreateVpcEndpoint"]);
        Assert.Equal(0, bed.Aws.Calls["ec2:DeleteVpcEndpoints"]);
        Assert.Equal("com.amazonaws.eu-west-1.s3", bed.Aws.World.FindEndpoint(id)!.ServiceName);
        Assert.Contains(bed.Events("s3"), e => e.Type == "Warning" && e.Reason == "ImmutableFieldChanged");
    }

    [Theory]
    [InlineData(EndpointOutcome.PendingAcceptance, "PendingAcceptance", 0)]
    [InlineData(EndpointOutcome.Failed, "Failed", 0)]
    [InlineData(EndpointOutcome.Rejected, "Rejected", 0)]
    [InlineData(EndpointOutcome.PendingAcceptance, "PendingAcceptance", 30)]
    [InlineData(EndpointOutcome.Failed, "Failed", 30)]
    [InlineData(EndpointOutcome.Rejected, "Rejected", 30)]
    public async Task States_other_than_available_are_not_success(EndpointOutcome outcome, string reason, int propagationDelaySeconds)
    {
        await using var bed = Testbed.Start(propagationDelaySeconds);
        bed.Aws.World.SetServiceOutcome("eu-west-1", "com.amazonaws.eu-west-1.s3", outcome);
        bed.Apply(Testbed.Gateway());
        // AWS's reads show the new endpoint, and so its state, once its creation has propagated.
        await bed.RunForAsync(30 + propagationDelaySeconds);
        var ready = Testbed.Condition(bed.Get("s3"), ConditionTypes.Ready)!;
        Assert.Equal((ConditionStatus.False, reason), (ready.Status, ready.Reason));
    }

    [Theory, PropagationDelays]
    public async Task Deleted_behind_the_operators_back_is_drift_and_recreated(int propagationDelaySeconds)
    {
        await using var bed = Testbed.Start(propagationDelaySeconds);
        var first = (await bed.ReadyAsync(bed.Apply(Testbed.Gateway()).Metadata.Name)).Status!.EndpointId!;
        bed.Aws.Tamper.PurgeEndpoint(first);
        await bed.RunForAsync(245);
        var resource = await bed.ReadyAsync("s3");
        Assert.NotEqual(first, resource.Status!.EndpointId);
        Assert.Contains(bed.Events("s3"), e => e.Reason == "DriftDetected" && e.Message.Contains("endpointId"));
        Assert.Equal(2, bed.Aws.Calls["ec2:CreateVpcEndpoint"]);
    }

    [Theory, PropagationDelays]
    public async Task An_objects_region_is_in_use_while_it_exists_and_released_when_it_is_gone(int propagationDelaySeconds)
    {
        await using var bed = Testbed.Start(propagationDelaySeconds);
        await bed.ReadyAsync(bed.Apply(Testbed.Gateway()).Metadata.Name);
        bed.Apply(Testbed.Gateway("s3-us", s => { s.Region = "us-east-1"; s.VpcSelector = new TagSelector { Tags = { ["Name"] = "nowhere" } }; }));
        await bed.RunForAsync(2);
        Assert.Equal(["eu-west-1", "us-east-1"], bed.Operator.Regions.Regions.Order());

        bed.Kube.VpcEndpoints.Delete(Testbed.Ns, "s3-us");
        await bed.RunForAsync(5);
        Assert.Equal(["eu-west-1"], bed.Operator.Regions.Regions);
    }

    [Theory, PropagationDelays]
    public async Task Every_endpoint_that_carries_the_objects_tags_is_deleted_with_it_25_to_a_call(int propagationDelaySeconds)
    {
        await using var bed = Testbed.Start(propagationDelaySeconds);
        var id = (await bed.ReadyAsync(bed.Apply(Testbed.Gateway()).Metadata.Name)).Status!.EndpointId!;
        // Left beside it by an older version, or by hand: thirty more that name this very object.
        for (var i = 0; i < 30; i++)
        {
            await bed.Aws.Ec2.CreateVpcEndpointAsync(bed.Account.Region, new CreateEndpointRequest
            {
                VpcId = bed.Account.VpcId, ServiceName = "com.amazonaws.eu-west-1.s3", Type = "Gateway", ClientToken = $"older-{i}",
                Tags = Operator.Model.OwnershipTags.For(bed.Operator.Settings.ClusterName, Testbed.Ns, "s3"),
            }, default);
        }
        await bed.PropagateAsync();

        bed.Kube.VpcEndpoints.Delete(Testbed.Ns, "s3");
        Assert.True(await bed.Operator.ConvergeAsync(() => bed.Find("s3") is null, TimeSpan.FromMinutes(5)), Testbed.Describe(bed.Find("s3")));

        Assert.All(bed.Aws.World.Endpoints(bed.Account.Region), e => Assert.NotEqual(EndpointStates.Available, e.State));
        Assert.Equal(2, bed.Aws.Calls["ec2:DeleteVpcEndpoints"]);
        Assert.Contains(bed.Events("s3"), e => e.Reason == "Deleting" && e.Message.Contains(id));
    }
}
