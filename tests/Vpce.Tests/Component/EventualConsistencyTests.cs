using Vpce.Crds;
using Vpce.Operator.Model;
using Vpce.Ports.Aws;

namespace Vpce.Tests.Component;

/// <summary>The operator on an EC2 that is eventually consistent (the simulator's PropagationDelay): a just-created endpoint
/// that AWS does not show yet is not "deleted behind our back", a deletion never ends on a NotFound it cannot trust.</summary>
public sealed class EventualConsistencyTests
{
    private static VpcEndpoint[] FourObjects() =>
    [
        Testbed.Gateway("s3"),
        Testbed.Interface("ssm", s => s.PrivateDnsEnabled = false),
        Testbed.Interface("kms", s => s.PrivateDnsEnabled = false),
        Testbed.Interface("sts", s => s.PrivateDnsEnabled = false),
    ];

    /// <summary>The endpoints that carry the object's ownership tags and are not being deleted.</summary>
    private static IReadOnlyList<AwsEndpoint> LiveOwned(Testbed bed, string? name = null) =>
        bed.Aws.World.Endpoints(bed.Account.Region)
            .Where(e => e.Tags.TryGetValue(OwnershipTags.Namespace, out var ns) && ns == Testbed.Ns
                && e.Tags.TryGetValue(OwnershipTags.Name, out var n) && (name is null || n == name))
            .Where(e => e.State is not (EndpointStates.Deleting or EndpointStates.Deleted))
            .ToList();

    private static string Ids(IEnumerable<AwsEndpoint> endpoints) =>
        string.Join(", ", endpoints.Select(e => $"{e.VpcEndpointId} ({e.Tags[OwnershipTags.Name]}, {e.State})"));

    [Theory]
    [InlineData(20)]
    [InlineData(30)]
    public async Task Four_objects_make_four_endpoints_and_leave_none_once_deleted(int delaySeconds)
    {
        await using var bed = Testbed.Start(propagationDelay: TimeSpan.FromSeconds(delaySeconds));
        var objects = FourObjects();
        foreach (var resource in objects)
        {
            bed.Apply(resource);
        }
        foreach (var resource in objects)
        {
            await bed.ReadyAsync(resource.Metadata.Name, seconds: 180);
        }
        await bed.RunForAsync(300);

        var live = LiveOwned(bed);
        Assert.True(live.Count == 4, $"{live.Count} endpoints for four objects: {Ids(live)}");
        foreach (var resource in objects)
        {
            Assert.Equal(Assert.Single(LiveOwned(bed, resource.Metadata.Name)).VpcEndpointId, bed.Get(resource.Metadata.Name).Status!.EndpointId);
        }

        foreach (var resource in objects)
        {
            bed.Kube.VpcEndpoints.Delete(Testbed.Ns, resource.Metadata.Name);
        }
        Assert.True(await bed.Operator.ConvergeAsync(() => objects.All(o => bed.Find(o.Metadata.Name) is null), TimeSpan.FromMinutes(5)),
            "the objects were not deleted");
        Assert.True(LiveOwned(bed).Count == 0, $"left on AWS: {Ids(LiveOwned(bed))}");
    }

    [Fact]
    public async Task The_create_stays_on_record_until_a_read_shows_its_endpoint()
    {
        await using var bed = Testbed.Start(propagationDelay: TimeSpan.FromSeconds(30));
        bed.Apply(Testbed.Gateway());
        await bed.RunForAsync(1);

        var made = Assert.Single(LiveOwned(bed));
        var status = bed.Get("s3").Status!;
        Assert.Equal((UnconfirmedCall.CreateVpcEndpoint, made.VpcEndpointId), (status.UnconfirmedCall?.Action, status.UnconfirmedCall?.EndpointIds.Single()));
        await bed.RunForAsync(20);
        Assert.Equal("Pending", Testbed.Condition(bed.Get("s3"), ConditionTypes.Ready)!.Reason);
        Assert.Contains("does not show endpoint " + made.VpcEndpointId + " yet", Testbed.Condition(bed.Get("s3"), ConditionTypes.Ready)!.Message);

        var ready = await bed.ReadyAsync("s3");
        Assert.Null(ready.Status!.UnconfirmedCall);
        Assert.Equal(made.VpcEndpointId, Assert.Single(LiveOwned(bed)).VpcEndpointId);
        Assert.Equal(1, bed.Aws.Calls["ec2:CreateVpcEndpoint"]);
    }

    [Fact]
    public async Task An_object_deleted_before_AWS_shows_its_new_endpoint_leaves_nothing_on_AWS()
    {
        await using var bed = Testbed.Start(propagationDelay: TimeSpan.FromSeconds(30));
        bed.Apply(Testbed.Interface(change: s => s.PrivateDnsEnabled = false));
        await bed.RunForAsync(1);
        Assert.NotEmpty(LiveOwned(bed));

        bed.Kube.VpcEndpoints.Delete(Testbed.Ns, "ssm");
        Assert.True(await bed.Operator.ConvergeAsync(() => bed.Find("ssm") is null, TimeSpan.FromMinutes(3)), "the object was not deleted");
        Assert.True(LiveOwned(bed).Count == 0, $"left on AWS: {Ids(LiveOwned(bed))}");
        // It waited for AWS to show the endpoint, and deleted it then.
        Assert.True(bed.Aws.Calls["ec2:DescribeVpcEndpoints"] > 3);
    }

    [Fact]
    public async Task A_restarted_operator_does_not_take_an_endpoint_AWS_does_not_show_yet_for_one_deleted()
    {
        await using var world = new CrashSweep.SweepWorld(TimeSpan.FromSeconds(30));
        world.StartOperator(new CrashSweep.CrashSwitch(0));
        world.Kube.VpcEndpoints.Apply(Testbed.Interface(change: s => s.PrivateDnsEnabled = false));
        await world.AdvanceAsync(TimeSpan.FromSeconds(1));
        Assert.Single(world.Aws.World.Endpoints(world.Account.Region));

        await world.StopOperatorAsync();
        world.StartOperator(new CrashSweep.CrashSwitch(0));
        Assert.Null(await world.RunUntilHoldsAsync(() => world.Kube.VpcEndpoints.Get(Testbed.Ns, "ssm") is { } r && Testbed.Condition(r, ConditionTypes.Ready)?.Status == ConditionStatus.True
            ? null : "not Ready", TimeSpan.FromMinutes(2)));

        var endpoints = world.Aws.World.Endpoints(world.Account.Region);
        Assert.Equal(world.Kube.VpcEndpoints.Get(Testbed.Ns, "ssm")!.Status!.EndpointId, Assert.Single(endpoints).VpcEndpointId);
    }

    [Fact]
    public async Task A_deletion_AWS_accepted_is_not_asked_for_again_while_reads_still_show_the_endpoint_as_it_was()
    {
        await using var bed = Testbed.Start(propagationDelay: TimeSpan.FromSeconds(30));
        var id = (await bed.ReadyAsync(bed.Apply(Testbed.Gateway()).Metadata.Name)).Status!.EndpointId!;

        bed.Kube.VpcEndpoints.Delete(Testbed.Ns, "s3");
        Assert.True(await bed.Operator.ConvergeAsync(() => bed.Find("s3") is null, TimeSpan.FromMinutes(3)), "the object was not deleted");

        Assert.Equal(1, bed.Aws.Calls["ec2:DeleteVpcEndpoints"]);
        Assert.NotEqual(EndpointStates.Available, bed.Aws.World.FindEndpoint(id)?.State);
    }

    [Fact]
    public async Task A_NotFound_from_DeleteVpcEndpoints_is_read_again_before_the_object_goes()
    {
        HidingAwsApis? hiding = null;
        await using var bed = Testbed.Start(new Operator.Hosting.InMemoryOperatorOptions { WrapAws = (aws, _, _) => hiding = new HidingAwsApis(aws) });
        var id = (await bed.ReadyAsync(bed.Apply(Testbed.Gateway()).Metadata.Name)).Status!.EndpointId!;
        hiding!.HidingEc2.UnknownToDelete.Add(id);

        bed.Kube.VpcEndpoints.Delete(Testbed.Ns, "s3");
        Assert.True(await bed.Operator.ConvergeAsync(() => bed.Find("s3") is null, TimeSpan.FromMinutes(3)), "the object was not deleted");

        Assert.NotEqual(EndpointStates.Available, bed.Aws.World.FindEndpoint(id)?.State);
        Assert.True(LiveOwned(bed).Count == 0, $"left on AWS: {Ids(LiveOwned(bed))}");
    }

    [Fact]
    public async Task Routes_AWS_shows_late_after_a_create_are_not_drift_and_are_covered_once_shown()
    {
        await using var bed = Testbed.Start(propagationDelay: TimeSpan.FromSeconds(30));
        bed.Apply(Testbed.Gateway(change: s => { s.RouteTableSelector = null; s.SubnetIds = [bed.Account.AppSubnetId]; }));
        await bed.ReadyAsync("s3");
        await bed.RunForAsync(300);

        var resource = bed.Get("s3");
        Assert.Equal(0, bed.Aws.Calls["ec2:ModifyVpcEndpoint"]);
        Assert.Equal(ConditionStatus.False, Testbed.Condition(resource, ConditionTypes.Drifted)!.Status);
        Assert.Equal((ConditionStatus.True, "SubnetsCovered"),
            (Testbed.Condition(resource, ConditionTypes.RoutesCovered)?.Status, Testbed.Condition(resource, ConditionTypes.RoutesCovered)?.Reason));
        Assert.True(!bed.Events("s3").Any(e => e.Type == "Warning" || e.Reason is "DriftDetected" or "DriftCorrected"),
            string.Join("\n", bed.Events("s3").Select(e => $"{e.Type} {e.Reason}: {e.Message}")));
    }

    [Fact]
    public async Task Routes_AWS_shows_late_after_a_spec_change_are_not_drift()
    {
        await using var bed = Testbed.Start(propagationDelay: TimeSpan.FromSeconds(30));
        bed.Apply(Testbed.Gateway(change: s => { s.RouteTableSelector = null; s.RouteTableIds = [bed.Account.PrivateRouteTableIds[0]]; }));
        await bed.ReadyAsync("s3");
        await bed.RunForAsync(120);

        bed.Edit("s3", s => s.RouteTableIds = [bed.Account.PrivateRouteTableIds[0], bed.Account.PrivateRouteTableIds[1]]);
        await bed.RunForAsync(300);

        var resource = bed.Get("s3");
        Assert.Equal(1, bed.Aws.Calls["ec2:ModifyVpcEndpoint"]);
        Assert.Equal(ConditionStatus.True, Testbed.Condition(resource, ConditionTypes.Ready)!.Status);
        Assert.Equal(ConditionStatus.False, Testbed.Condition(resource, ConditionTypes.Drifted)!.Status);
        Assert.DoesNotContain(bed.Events("s3"), e => e.Reason is "DriftDetected" or "DriftCorrected");
    }
}
