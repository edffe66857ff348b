using Vpce.Crds;
using Vpce.Operator.Model;

namespace Vpce.Tests.Component;

public sealed class DriftTests
{
    [Theory, PropagationDelays]
    public async Task A_route_table_removed_behind_the_operators_back_is_put_back_at_the_resync(int propagationDelaySeconds)
    {
        await using var bed = Testbed.Start(propagationDelaySeconds);
        var id = (await bed.ReadyAsync(bed.Apply(Testbed.Gateway()).Metadata.Name)).Status!.EndpointId!;
        var table = bed.Account.PrivateRouteTableIds[0];
        bed.Aws.Tamper.RemoveRouteTable(id, table);

        await bed.RunForAsync(245);
        Assert.Contains(table, bed.Aws.World.FindEndpoint(id)!.RouteTableIds);
        Assert.Contains(bed.Aws.World.RouteTable(table).Routes, r => r.GatewayId == id);
        var resource = bed.Get("s3");
        var drifted = Testbed.Condition(resource, ConditionTypes.Drifted)!;
        Assert.Equal((ConditionStatus.False, "DriftCorrected"), (drifted.Status, drifted.Reason));
        Assert.Contains(bed.Events("s3"), e => e.Reason == "DriftDetected" && e.Message.Contains(table));
        Assert.Contains(bed.Events("s3"), e => e.Reason == "DriftCorrected");
        Assert.True(bed.IsReady("s3"));
    }

    [Theory, PropagationDelays]
    public async Task Report_mode_creates_an_endpoint_that_does_not_exist(int propagationDelaySeconds)
    {
        await using var bed = Testbed.Start(propagationDelaySeconds);
        bed.Apply(Testbed.Gateway(change: s => s.DriftPolicy = DriftPolicies.Report));
        var resource = await bed.ReadyAsync("s3");
        Assert.Equal(1, bed.Aws.Calls["ec2:CreateVpcEndpoint"]);
        Assert.Equal(bed.Account.PrivateRouteTableIds.Order(), bed.Aws.World.FindEndpoint(resource.Status!.EndpointId!)!.RouteTableIds.Order());
        Assert.Empty(resource.Status.PlannedChanges);
    }

    [Theory, PropagationDelays]
    public async Task Report_mode_never_modifies_what_it_created_and_reports_a_removed_route_table_as_drift(int propagationDelaySeconds)
    {
        await using var bed = Testbed.Start(propagationDelaySeconds);
        var id = (await bed.ReadyAsync(bed.Apply(Testbed.Gateway(change: s => s.DriftPolicy = DriftPolicies.Report)).Metadata.Name)).Status!.EndpointId!;
        var table = bed.Account.PrivateRouteTableIds[0];
        // No series while nothing drifted: the gauge's cardinality is the drifted objects', not every object's.
        Assert.Null(GaugeReader.Value(bed.Operator.Metrics.Meter, "vpce_drift", ("kind", "VpcEndpoint"), ("name", "s3")));
        bed.Aws.Tamper.RemoveRouteTable(id, table);
        await bed.RunForAsync(245);

        Assert.DoesNotContain(table, bed.Aws.World.FindEndpoint(id)!.RouteTableIds);
        Assert.Equal(0, bed.Aws.Calls["ec2:ModifyVpcEndpoint"] + bed.Aws.Calls["ec2:CreateTags"] + bed.Aws.Calls["ec2:DeleteTags"]);
        var resource = bed.Get("s3");
        var drifted = Testbed.Condition(resource, ConditionTypes.Drifted)!;
        Assert.Equal((ConditionStatus.True, DriftReasons.RouteTablesChanged), (drifted.Status, drifted.Reason));
        Assert.Contains(resource.Status!.Drift, d => d.Field == "routeTableIds" && d.Desired.Contains(table) && !d.Actual.Contains(table));
        Assert.Contains(resource.Status.PlannedChanges, p => p.Contains($"add route tables [{table}]"));
        Assert.Contains(bed.Events("s3"), e => e.Type == "Warning" && e.Reason == "DriftDetected" && e.Message.Contains(table));
        Assert.Equal(1, GaugeReader.Value(bed.Operator.Metrics.Meter, "vpce_drift", ("kind", "VpcEndpoint"), ("name", "s3")));
    }

    [Theory, PropagationDelays]
    public async Task Report_mode_reports_a_deleted_endpoint_and_does_not_recreate_it(int propagationDelaySeconds)
    {
        await using var bed = Testbed.Start(propagationDelaySeconds);
        var id = (await bed.ReadyAsync(bed.Apply(Testbed.Gateway(change: s => s.DriftPolicy = DriftPolicies.Report)).Metadata.Name)).Status!.EndpointId!;
        bed.Aws.Tamper.PurgeEndpoint(id);
        await bed.RunForAsync(245);

        Assert.Equal(1, bed.Aws.Calls["ec2:CreateVpcEndpoint"]);
        var resource = bed.Get("s3");
        Assert.Equal((ConditionStatus.False, "EndpointDeleted"), (Testbed.Condition(resource, ConditionTypes.Ready)!.Status, Testbed.Condition(resource, ConditionTypes.Ready)!.Reason));
        Assert.Equal((ConditionStatus.True, DriftReasons.EndpointDeleted), (Testbed.Condition(resource, ConditionTypes.Drifted)!.Status, Testbed.Condition(resource, ConditionTypes.Drifted)!.Reason));
        Assert.Contains(resource.Status!.PlannedChanges, p => p.StartsWith("CreateVpcEndpoint"));
        Assert.Equal(1, GaugeReader.Value(bed.Operator.Metrics.Meter, "vpce_drift", ("kind", "VpcEndpoint"), ("name", "s3")));
    }

    [Theory, PropagationDelays]
    public async Task Report_mode_on_an_existing_endpoint_reports_policy_drift(int propagationDelaySeconds)
    {
        await using var bed = Testbed.Start(propagationDelaySeconds);
        var id = (await bed.ReadyAsync(bed.Apply(Testbed.Gateway()).Metadata.Name)).Status!.EndpointId!;
        bed.Edit("s3", s => s.DriftPolicy = DriftPolicies.Report);
        await bed.RunForAsync(1);
        const string foreign = """{"Statement":[{"Effect":"Allow","Principal":"*","Action":"s3:GetObject","Resource":"*"}]}""";
        bed.Aws.Tamper.SetPolicy(id, foreign);
        await bed.RunForAsync(245);

        var resource = bed.Get("s3");
        var drifted = Testbed.Condition(resource, ConditionTypes.Drifted)!;
        Assert.Equal((ConditionStatus.True, DriftReasons.PolicyChanged), (drifted.Status, drifted.Reason));
        Assert.Equal("policyDocument", Assert.Single(resource.Status!.Drift).Field);
        Assert.Contains(resource.Status.PlannedChanges, p => p.Contains("reset the policy"));
        Assert.Equal(foreign, bed.Aws.World.FindEndpoint(id)!.PolicyDocument);
        Assert.Equal(ConditionStatus.False, Testbed.Condition(resource, ConditionTypes.Ready)!.Status);
    }
}
