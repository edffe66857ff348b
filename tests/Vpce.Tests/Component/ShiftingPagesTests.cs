using Vpce.Crds;
using Vpce.Operator.Hosting;
using Vpce.Operator.Model;
using Vpce.Ports.Aws;
using Vpce.Simulation.Aws;

namespace Vpce.Tests.Component;

/// <summary>The operator's regional listing of its endpoints spans pages, and endpoints come and go between them: a listing
/// that shows one endpoint twice or misses one never makes the operator fail, think an owned endpoint gone, or make another.</summary>
public sealed class ShiftingPagesTests
{
    private static readonly string[] Services = ["ssm", "kms", "sts", "logs", "secretsmanager"];

    [Theory, PropagationDelays]
    public async Task Endpoints_shown_twice_or_missed_by_a_paginated_listing_change_nothing(int propagationDelaySeconds)
    {
        await using var bed = Testbed.Start(new InMemoryOperatorOptions { AwsOptions = new AwsSimulatorOptions { DescribePageSize = 2 } },
            propagationDelay: TimeSpan.FromSeconds(propagationDelaySeconds));
        // Made elsewhere before any of the operator's: first in the listing, and not the cluster's, until someone tags it so.
        var elsewhere = (await bed.Aws.Ec2.CreateVpcEndpointAsync(bed.Account.Region, new CreateEndpointRequest
        {
            VpcId = bed.Account.VpcId, ServiceName = $"com.amazonaws.{bed.Account.Region}.dynamodb", Type = EndpointTypes.Gateway, ClientToken = "elsewhere",
        }, default)).VpcEndpointId;
        foreach (var service in Services)
        {
            bed.Apply(Testbed.Interface(service, s => s.PrivateDnsEnabled = false));
        }
        foreach (var service in Services)
        {
            await bed.ReadyAsync(service, seconds: 180);
        }
        using var reconciles = new CounterProbe(bed.Operator.Metrics.Meter, "vpce_reconcile_total");

        // The next regional listings: the first shows an endpoint twice (the one made elsewhere joins the cluster's between
        // pages), the next misses one (it leaves again).
        bed.Aws.Faults.BetweenPages("ec2:DescribeVpcEndpoints", () => bed.Aws.Tamper.SetTag(elsewhere, OwnershipTags.Cluster, bed.Operator.Settings.ClusterName));
        bed.Aws.Faults.BetweenPages("ec2:DescribeVpcEndpoints", () => bed.Aws.Tamper.SetTag(elsewhere, OwnershipTags.Cluster, null));
        await bed.RunForAsync(600);

        Assert.Equal(0, reconciles.Sum(("result", "error")));
        Assert.Equal(Services.Length, bed.Aws.Calls["ec2:CreateVpcEndpoint"] - 1);
        foreach (var service in Services)
        {
            var resource = bed.Get(service);
            Assert.True(bed.IsReady(service), Testbed.Describe(resource));
            Assert.DoesNotContain(bed.Events(service), e => e.Reason is "DriftDetected" or "Created" && e.LastTimestamp > resource.Metadata.CreationTimestamp!.Value.AddMinutes(3));
        }
    }
}
