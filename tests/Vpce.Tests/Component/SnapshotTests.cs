using Microsoft.Extensions.Time.Testing;
using Vpce.Crds;
using Vpce.Operator.Aws.Resilience;
using Vpce.Operator.Hosting;
using Vpce.Operator.Model;
using Vpce.Operator.Observe;
using Vpce.Operator.Status;
using Vpce.Ports.Aws;
using Vpce.Simulation.Aws;

namespace Vpce.Tests.Component;

/// <summary>Drift checks at a constant AWS cost: a clean resync reads the region once per window, in pages.</summary>
public sealed class SnapshotTests
{
    private static readonly string[] Mutations =
        ["ec2:CreateVpcEndpoint", "ec2:ModifyVpcEndpoint", "ec2:DeleteVpcEndpoints", "ec2:CreateTags", "ec2:DeleteTags"];

    private static int MutatingCalls(Testbed bed) => Mutations.Sum(m => bed.Aws.Calls[m]);

    [Theory]
    [InlineData(1, 1)]
    [InlineData(999, 1)]
    [InlineData(1000, 1)]
    [InlineData(1001, 2)]
    [InlineData(5000, 5)]
    public async Task A_clean_resync_reads_pages_not_objects(int endpoints, int pages)
    {
        await using var bed = Testbed.Start(running: false);
        for (var i = 0; i < endpoints; i++)
        {
            // Made by an earlier run: found by their ownership tags, nothing to create.
            await bed.Aws.Ec2.CreateVpcEndpointAsync("eu-west-1", new CreateEndpointRequest
            {
                VpcId = bed.Account.VpcId, ServiceName = "com.amazonaws.eu-west-1.s3", Type = "Gateway", ClientToken = $"earlier-{i}",
                Tags = OwnershipTags.For(bed.Operator.Settings.ClusterName, Testbed.Ns, $"s3-{i}"),
            }, default);
            bed.Apply(Testbed.Gateway($"s3-{i}", s => s.RouteTableSelector = null));
        }
        bed.Operator.Time.Advance(TimeSpan.FromSeconds(10));
        bed.Operator.Start();
        Assert.True(await bed.Operator.ConvergeAsync(() => bed.Kube.VpcEndpoints.List().All(e => Testbed.Condition(e, ConditionTypes.Ready)?.Status == ConditionStatus.True),
            TimeSpan.FromMinutes(5), TimeSpan.FromSeconds(5)));
        await bed.Operator.AdvanceAsync(TimeSpan.FromMinutes(2), TimeSpan.FromSeconds(5));
        bed.Aws.Calls.Reset();

        // Three resync intervals: three regional reads (a fourth when a window's end falls inside), whatever the count.
        await bed.Operator.AdvanceAsync(TimeSpan.FromMinutes(6), TimeSpan.FromSeconds(5));
        Assert.InRange(bed.Aws.Calls["ec2:DescribeVpcEndpoints"], 3 * pages, 4 * pages);
        Assert.InRange(bed.Aws.Calls["ec2:DescribeVpcs"], 3, 4);
        // RoutesCovered reads the VPC's route tables and subnets: once per window too.
        Assert.InRange(bed.Aws.Calls["ec2:DescribeRouteTables"], 3, 4);
        Assert.InRange(bed.Aws.Calls["ec2:DescribeSubnets"], 3, 4);
        Assert.Equal(0, MutatingCalls(bed));
        Assert.Equal(bed.Aws.Calls["ec2:DescribeVpcEndpoints"] + bed.Aws.Calls["ec2:DescribeVpcs"] + bed.Aws.Calls["ec2:DescribeRouteTables"]
            + bed.Aws.Calls["ec2:DescribeSubnets"], bed.Aws.Calls.Total);
    }

    [Fact]
    public async Task The_vpc_wide_read_keeps_every_endpoint_but_this_clusters_which_the_owned_read_holds()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 23, 9, 0, 0, TimeSpan.Zero));
        var aws = new AwsSimulator(time);
        var account = DemoAccount.Build(aws.World);
        async Task<string> Create(string name, IReadOnlyDictionary<string, string> tags) =>
            (await aws.Ec2.CreateVpcEndpointAsync(account.Region, new CreateEndpointRequest
            {
                VpcId = account.VpcId, ServiceName = $"com.amazonaws.{account.Region}.s3", Type = "Gateway", ClientToken = name, Tags = tags,
            }, default)).VpcEndpointId;
        var ours = await Create("ours", OwnershipTags.For("team-cluster", "platform", "s3"));
        var theirs = await Create("theirs", OwnershipTags.For("another-cluster", "platform", "s3"));
        var foreign = await Create("foreign", new Dictionary<string, string> { ["team"] = "data" });
        var snapshot = new EndpointSnapshot(aws.Ec2, time, "team-cluster", TimeSpan.FromMinutes(2));

        var vpcWide = await snapshot.VpcEndpointsAsync(account.Region, account.VpcId, default);

        Assert.Equal(new[] { theirs, foreign }.Order(StringComparer.Ordinal), vpcWide.Select(e => e.VpcEndpointId).Order(StringComparer.Ordinal));
        Assert.Equal([ours], (await snapshot.OwnedEndpointsAsync(account.Region, default)).Keys);
    }

    [Fact]
    public async Task A_clean_resync_reads_route_tables_once_for_every_vpc_in_use()
    {
        await using var bed = Testbed.Start(running: false);
        for (var i = 0; i < 3; i++)
        {
            var vpcName = $"team-{i}";
            var vpc = bed.Aws.World.CreateVpc("eu-west-1", $"10.{i + 1}.0.0/16", new Dictionary<string, string> { ["Name"] = vpcName });
            bed.Aws.World.CreateRouteTable(vpc, new Dictionary<string, string> { ["tier"] = "private" });
            bed.Apply(Testbed.Gateway($"s3-{i}", s => s.VpcSelector = new TagSelector { Tags = { ["Name"] = vpcName } }));
        }
        bed.Operator.Start();
        Assert.True(await bed.Operator.ConvergeAsync(() => bed.Kube.VpcEndpoints.List().All(e => Testbed.Condition(e, ConditionTypes.Ready)?.Status == ConditionStatus.True),
            TimeSpan.FromMinutes(5), TimeSpan.FromSeconds(5)));
        await bed.Operator.AdvanceAsync(TimeSpan.FromMinutes(4), TimeSpan.FromSeconds(5));
        bed.Aws.Calls.Reset();

        // Three intervals, three VPCs: one DescribeRouteTables per interval (a fourth when a window's end falls inside), not one per VPC.
        await bed.Operator.AdvanceAsync(TimeSpan.FromMinutes(6), TimeSpan.FromSeconds(5));
        Assert.InRange(bed.Aws.Calls["ec2:DescribeRouteTables"], 3, 4);
        Assert.Equal(0, MutatingCalls(bed));
    }

    [Fact]
    public async Task Objects_naming_a_missing_vpc_read_it_once_per_window_between_them()
    {
        await using var bed = Testbed.Start(running: false);
        const string missing = "vpc-0000000000000dead";
        for (var i = 0; i < 20; i++)
        {
            bed.Apply(Testbed.Gateway($"s3-{i}", s => { s.VpcSelector = null; s.VpcId = missing; s.RouteTableSelector = null; s.RouteTableIds = ["rtb-0123456789abcdef0"]; }));
        }
        bed.Operator.Start();
        Assert.True(await bed.Operator.ConvergeAsync(() => bed.Kube.VpcEndpoints.List().All(e => Testbed.Condition(e, ConditionTypes.Ready)?.Reason == ReadyReasons.NotFound),
            TimeSpan.FromMinutes(2), TimeSpan.FromSeconds(1)));
        var message = Testbed.Condition(bed.Get("s3-7"), ConditionTypes.Ready)!.Message;
        Assert.Contains($"VPC {missing} does not exist in eu-west-1", message);
        bed.Aws.Calls.Reset();

        // Six minutes, 20 objects looked at again on every resync: per window at most one regional read and one read of the
        // missing VPC by id, shared by all 20 (42 calls when each object read it for itself), and no write.
        await bed.Operator.AdvanceAsync(TimeSpan.FromMinutes(6), TimeSpan.FromSeconds(5));
        Assert.InRange(bed.Aws.Calls["ec2:DescribeVpcs"], 3, 8);
        Assert.Equal(0, MutatingCalls(bed));
        Assert.All(bed.Kube.VpcEndpoints.List(), e => Assert.Equal(ReadyReasons.NotFound, Testbed.Condition(e, ConditionTypes.Ready)?.Reason));
    }

    [Fact]
    public async Task A_clean_resync_writes_no_status_and_refreshes_the_sync_time_every_fifteen_minutes()
    {
        await using var bed = Testbed.Start();
        await bed.ReadyAsync(bed.Apply(Testbed.Gateway()).Metadata.Name);
        await bed.RunForAsync(30);
        var settled = bed.Get("s3");

        await bed.RunForAsync(6 * 60);
        var steady = bed.Get("s3");
        Assert.Equal(settled.Metadata.ResourceVersion, steady.Metadata.ResourceVersion);
        Assert.Equal(settled.Status!.LastSyncTime, steady.Status!.LastSyncTime);

        await bed.RunForAsync((int)StatusConditions.SyncTimeRefresh.TotalSeconds);
        var refreshed = bed.Get("s3");
        Assert.NotEqual(settled.Metadata.ResourceVersion, refreshed.Metadata.ResourceVersion);
        Assert.True(refreshed.Status!.LastSyncTime > settled.Status.LastSyncTime);
        Assert.True(bed.IsReady("s3"));
    }

    public static TheoryData<string, string, Action<Testbed, string>> Drift => new()
    {
        { "s3", DriftReasons.RouteTablesChanged, (bed, id) => bed.Aws.Tamper.RemoveRouteTable(id, bed.Account.PrivateRouteTableIds[0]) },
        { "s3", DriftReasons.PolicyChanged, (bed, id) => bed.Aws.Tamper.SetPolicy(id, """{"Statement":[{"Effect":"Allow","Principal":"*","Action":"s3:GetObject","Resource":"*"}]}""") },
        { "s3", DriftReasons.TagsChanged, (bed, id) => bed.Aws.Tamper.SetTag(id, "team", "someone-else") },
        { "ssm", DriftReasons.SubnetsChanged, (bed, id) => bed.Aws.Tamper.RemoveSubnet(id, bed.Account.PrivateSubnetIds[0]) },
        { "ssm", DriftReasons.SecurityGroupsChanged, (bed, id) => bed.Aws.Tamper.SetSecurityGroups(id, []) },
        { "ssm", DriftReasons.PrivateDnsChanged, (bed, id) => bed.Aws.Tamper.SetPrivateDns(id, false) },
        { "s3", DriftReasons.EndpointDeleted, (bed, id) => bed.Aws.Tamper.PurgeEndpoint(id) },
    };

    [Theory]
    [MemberData(nameof(Drift))]
    public async Task Drift_is_found_from_the_snapshot_within_two_intervals(string service, string reason, Action<Testbed, string> tamper)
    {
        await using var bed = Testbed.Start();
        var resource = service == "s3"
            ? Testbed.Gateway(change: s => { s.DriftPolicy = DriftPolicies.Report; s.Tags = new() { ["team"] = "platform" }; })
            : Testbed.Interface(service, s => s.DriftPolicy = DriftPolicies.Report);
        var id = (await bed.ReadyAsync(bed.Apply(resource).Metadata.Name)).Status!.EndpointId!;
        tamper(bed, id);
        await bed.RunForAsync(245);

        var drifted = Testbed.Condition(bed.Get(resource.Metadata.Name), ConditionTypes.Drifted)!;
        Assert.Equal((ConditionStatus.True, reason), (drifted.Status, drifted.Reason));
    }

    [Fact]
    public async Task A_spec_change_reads_the_endpoint_fresh_before_writing()
    {
        await using var bed = Testbed.Start();
        var id = (await bed.ReadyAsync(bed.Apply(Testbed.Gateway(change: s =>
        {
            s.RouteTableSelector = null;
            s.RouteTableIds = [.. bed.Account.PrivateRouteTableIds];
        })).Metadata.Name)).Status!.EndpointId!;
        var modifies = bed.Aws.Calls["ec2:ModifyVpcEndpoint"];
        var dropped = bed.Account.PrivateRouteTableIds[2];
        // Someone removes a table; the snapshot does not know yet. The spec then asks for exactly what AWS now has.
        bed.Aws.Tamper.RemoveRouteTable(id, dropped);
        bed.Edit("s3", s => s.RouteTableIds = bed.Account.PrivateRouteTableIds.Take(2).ToList());
        await bed.RunForAsync(2);

        Assert.Equal(modifies, bed.Aws.Calls["ec2:ModifyVpcEndpoint"]);
        Assert.True(bed.IsReady("s3"));
        Assert.Equal(bed.Account.PrivateRouteTableIds.Take(2).Order(), bed.Get("s3").Status!.RouteTableIds);
    }

    [Fact]
    public async Task An_endpoint_missing_from_the_snapshot_is_read_by_id_before_it_is_called_deleted()
    {
        HidingAwsApis? hiding = null;
        await using var bed = Testbed.Start(new InMemoryOperatorOptions { WrapAws = (aws, _, _) => hiding = new HidingAwsApis(aws) });
        var id = (await bed.ReadyAsync(bed.Apply(Testbed.Gateway()).Metadata.Name)).Status!.EndpointId!;
        hiding!.HidingEc2.Hidden.Add(id);
        await bed.RunForAsync(245);

        Assert.True(bed.IsReady("s3"));
        Assert.Equal(id, bed.Get("s3").Status!.EndpointId);
        Assert.Equal(1, bed.Aws.Calls["ec2:CreateVpcEndpoint"]);
        Assert.DoesNotContain(bed.Events("s3"), e => e.Reason == "DriftDetected");
    }

    // The operator's own pacing, and AWS's request limits on, to show the pacing never trips them; not started yet. A smaller
    // describe limit, when given, is AWS's and the client's alike.
    private static Testbed StartPacedAgainstAwsLimits(TokenBucketSettings? describes = null)
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 23, 9, 0, 0, TimeSpan.Zero));
        var throttling = new Ec2ThrottlingOptions { Enabled = true };
        var pacing = new AwsResilienceOptions();
        if (describes is not null)
        {
            throttling = throttling with { NonMutating = describes };
            pacing = pacing with { DescribeBurst = (int)describes.Capacity, DescribesPerSecond = describes.RefillPerSecond };
        }
        return Testbed.Start(new InMemoryOperatorOptions
        {
            Time = time,
            Aws = new AwsSimulator(time, new AwsSimulatorOptions { Throttling = throttling }),
            WrapAws = (aws, metrics, clock) => new ResilientAwsApis(aws, pacing, metrics, clock),
        }, running: false);
    }

    [Fact]
    public async Task The_first_listing_of_fifty_pages_waits_page_by_page_and_AWS_throttles_none()
    {
        // A describe limit of 20 with 20 a second: the reconcile's first reads leave fewer tokens than the route tables' pages.
        await using var bed = StartPacedAgainstAwsLimits(new TokenBucketSettings(20, 20));
        for (var i = 0; i < 5_000; i++)
        {
            bed.Aws.World.CreateRouteTable(bed.Account.VpcId);
        }
        bed.Apply(Testbed.Gateway());
        bed.Operator.Start();

        // In steps of 50 ms: a wait ends on time, as a real timer's does. A coarser step wakes every wait due inside it at
        // its end, and tokens reserved across the step would then be spent in one burst that AWS's capped bucket refuses.
        Assert.True(await bed.Operator.ConvergeAsync(() => bed.IsReady("s3"), TimeSpan.FromMinutes(5), TimeSpan.FromMilliseconds(50)),
            Testbed.Describe(bed.Get("s3")));

        // Listings of 50 pages: before the create, again once the operator's own route change invalidated them, and the
        // next window's; every one paced page by page, none throttled.
        Assert.InRange(bed.Aws.Calls["ec2:DescribeRouteTables"], 50, 150);
        Assert.Empty(bed.Aws.Calls.ThrottledSnapshot());
        Assert.Equal(1, bed.Aws.Calls["ec2:CreateVpcEndpoint"]);
        // The demo account's uncovered subnets are RoutesCovered's finding, not the pacing's: no other Warning.
        Assert.DoesNotContain(bed.Kube.Events.Events, e => e.Type == "Warning" && e.Reason != "SubnetsUncovered");
    }

    [Fact]
    public async Task Creating_twenty_endpoints_runs_at_the_mutation_rate_waiting_without_failing()
    {
        await using var bed = StartPacedAgainstAwsLimits();
        const int count = 20;
        for (var i = 0; i < count; i++)
        {
            var vpcName = $"team-{i}";
            bed.Aws.World.CreateVpc("eu-west-1", "10.1.0.0/16", new Dictionary<string, string> { ["Name"] = vpcName });
            bed.Apply(Testbed.Gateway($"s3-{i}", s => { s.VpcSelector = new TagSelector { Tags = { ["Name"] = vpcName } }; s.RouteTableSelector = null; }));
        }
        var start = bed.Operator.Time.GetUtcNow();
        bed.Operator.Start();
        Assert.True(await bed.Operator.ConvergeAsync(() => bed.Aws.Calls["ec2:CreateVpcEndpoint"] == count, TimeSpan.FromMinutes(5), TimeSpan.FromMilliseconds(100)));
        var took = bed.Operator.Time.GetUtcNow() - start;

        var floor = TimeSpan.FromSeconds((count - 4) / 0.3);
        Assert.InRange(took, floor * 0.9, floor * 1.1);
        Assert.Equal(0, bed.Aws.Calls.TotalThrottled);
        var all = bed.Kube.VpcEndpoints.List();
        Assert.All(all, e => Assert.NotEqual(ConditionStatus.False, Testbed.Condition(e, ConditionTypes.Synced)?.Status));
        Assert.DoesNotContain(bed.Kube.Events.Events, e => e.Type == "Warning");
    }

    [Fact]
    public async Task New_objects_beyond_a_regions_describe_burst_read_no_endpoint_each_and_delay_no_other_regions_create()
    {
        await using var bed = StartPacedAgainstAwsLimits();
        // More new objects in eu-west-1 than its describe burst (100), listed before the one in us-east-1: as one account's
        // run in a large queue ahead of another account's.
        const int crowded = 150;
        for (var i = 0; i < crowded; i++)
        {
            bed.Apply(Testbed.Gateway($"a-s3-{i:000}", s => s.RouteTableSelector = null));
        }
        bed.Aws.World.CreateVpc("us-east-1", "10.1.0.0/16", new Dictionary<string, string> { ["Name"] = "b-team" });
        bed.Apply(Testbed.Gateway("b-s3", s =>
        {
            s.Region = "us-east-1";
            s.VpcSelector = new TagSelector { Tags = { ["Name"] = "b-team" } };
            s.RouteTableSelector = null;
        }));
        var start = bed.Operator.Time.GetUtcNow();
        bed.Operator.Start();
        Assert.True(await bed.Operator.ConvergeAsync(() => bed.Aws.World.Endpoints("us-east-1").Count == 1, TimeSpan.FromMinutes(1), TimeSpan.FromMilliseconds(100)));

        // The other region's object is made in the first step, not after the crowded region's reads.
        Assert.InRange(bed.Operator.Time.GetUtcNow() - start, TimeSpan.Zero, TimeSpan.FromMilliseconds(100));
        // The crowded region's new objects were found absent in its one listing of owned endpoints, not each by a read of its
        // own: a listing of owned endpoints and one of the VPC's others per region, and the read that confirms each create.
        Assert.InRange(bed.Aws.Calls["ec2:DescribeVpcEndpoints"], 1, 4 + bed.Aws.Calls["ec2:CreateVpcEndpoint"]);
        // A create waiting for its turn has recorded nothing: only the objects whose create was sent carry it.
        Assert.Equal(bed.Aws.Calls["ec2:CreateVpcEndpoint"],
            bed.Kube.VpcEndpoints.List().Count(e => e.Status?.UnconfirmedCall is not null || e.Status?.EndpointId is not null));
        Assert.Equal(0, bed.Aws.Calls.TotalThrottled);
    }

    [Fact]
    public async Task Two_regions_create_side_by_side_each_at_its_own_pace()
    {
        await using var bed = StartPacedAgainstAwsLimits();
        const int perRegion = 12;
        // Listed by name: every eu-west-1 key comes before the first us-east-1 key, as one region's run in a large queue.
        foreach (var (region, prefix) in new[] { ("eu-west-1", "a"), ("us-east-1", "b") })
        {
            for (var i = 0; i < perRegion; i++)
            {
                var vpcName = $"{prefix}-team-{i}";
                bed.Aws.World.CreateVpc(region, "10.1.0.0/16", new Dictionary<string, string> { ["Name"] = vpcName });
                bed.Apply(Testbed.Gateway($"{prefix}-s3-{i:00}", s =>
                {
                    s.Region = region;
                    s.VpcSelector = new TagSelector { Tags = { ["Name"] = vpcName } };
                    s.RouteTableSelector = null;
                }));
            }
        }
        var start = bed.Operator.Time.GetUtcNow();
        bed.Operator.Start();
        Assert.True(await bed.Operator.ConvergeAsync(() => bed.Aws.Calls["ec2:CreateVpcEndpoint"] == 2 * perRegion, TimeSpan.FromMinutes(5), TimeSpan.FromMilliseconds(100)));
        var took = bed.Operator.Time.GetUtcNow() - start;

        // Regions pace apart: both finish near one region's floor, not the sum of the two.
        var floor = TimeSpan.FromSeconds((perRegion - 4) / 0.3);
        Assert.InRange(took, floor * 0.9, floor * 1.1);
        Assert.Equal(0, bed.Aws.Calls.TotalThrottled);
        Assert.DoesNotContain(bed.Kube.Events.Events, e => e.Type == "Warning");
    }
    [Fact]
    public async Task At_a_resync_of_seconds_what_only_advisories_read_is_read_once_a_minute()
    {
        await using var bed = Testbed.Start(new InMemoryOperatorOptions
        {
            Controller = new() { MaxConcurrentReconciles = 2, ResyncInterval = TimeSpan.FromSeconds(10) },
        });
        // ssm without its two companions: the VPC's other endpoints are read too, besides its network ACLs.
        bed.Apply(Testbed.Interface("ssm"));
        await bed.ReadyAsync("ssm");
        await bed.Operator.AdvanceAsync(TimeSpan.FromMinutes(1), TimeSpan.FromSeconds(1));
        bed.Aws.Calls.Reset();

        await bed.Operator.AdvanceAsync(TimeSpan.FromMinutes(3), TimeSpan.FromSeconds(1));
        // What drift and the selectors read follows the 10 s interval; the network ACLs and the VPC's other endpoints, a minute.
        Assert.InRange(bed.Aws.Calls["ec2:DescribeSubnets"], 14, 19);
        Assert.InRange(bed.Aws.Calls["ec2:DescribeNetworkAcls"], 3, 4);
        Assert.InRange(bed.Aws.Calls["ec2:DescribeVpcEndpoints"] - bed.Aws.Calls["ec2:DescribeSubnets"], 2, 5);
        Assert.Equal(0, MutatingCalls(bed));
    }
}
