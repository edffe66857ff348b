using System.Text.Json.Nodes;
using Vpce.Crds;
using Vpce.Operator.Model;
using Vpce.Operator.Observe;
using Vpce.Ports.Aws;
using Vpce.Simulation.Aws;
using static Vpce.Tests.Component.Accounts.AccountBed;

namespace Vpce.Tests.Component.Accounts;

/// <summary>The operator acting in other accounts through their AwsAccounts on the simulator: the role assumed once and kept,
/// the endpoint made, found and deleted only in its account, a bucket statement in a third account admitting it, the lock-out
/// guard on the principal the operator is in the bucket's account, a broken account beside a working one, and accountRef fixed
/// once something exists.</summary>
public sealed class CrossAccountComponentTests
{
    [Fact]
    public async Task An_endpoint_is_made_in_the_workload_account_through_its_role_and_nowhere_else()
    {
        await using var world = ThreeAccounts.Start();
        var bed = world.Bed;
        world.Endpoint();
        var ready = await bed.ReadyAsync("s3");

        Assert.Equal(ThreeAccounts.WorkloadId, ready.Status!.AccountId);
        var made = Assert.Single(world.Workload.World.Endpoints("eu-west-1"));
        Assert.Equal(ready.Status.EndpointId, made.VpcEndpointId);
        Assert.Equal(world.Network.VpcId, made.VpcId);
        Assert.Empty(bed.Aws.World.Endpoints("eu-west-1"));
        Assert.Equal(0, bed.Aws.Calls["ec2:CreateVpcEndpoint"]);
        var session = Assert.Single(bed.Aws.IssuedSessions, s => s.RoleArn == ThreeAccounts.WorkloadRole);
        Assert.Equal("payments-7f3a", session.ExternalId);
        Assert.StartsWith("vpce-operator-", session.SessionName);
    }

    [Fact]
    public async Task Credentials_are_assumed_once_per_role_and_refreshed_before_they_expire()
    {
        await using var world = ThreeAccounts.Start();
        var bed = world.Bed;
        // One gateway and two interface endpoints: a VPC takes one S3 gateway per route table.
        world.Endpoint("a");
        bed.Apply(Named(Testbed.Interface("ssm"), "payments-prod"));
        bed.Apply(Named(Testbed.Interface("kms"), "payments-prod"));
        foreach (var name in new[] { "a", "ssm", "kms" })
        {
            await bed.ReadyAsync(name);
        }
        Assert.Single(bed.Aws.IssuedSessions, s => s.RoleArn == ThreeAccounts.WorkloadRole);

        // Three hours of resyncs: fresh credentials before each session ends, never an expired call.
        await bed.Operator.AdvanceAsync(TimeSpan.FromHours(3));
        var sessions = bed.Aws.IssuedSessions.Where(s => s.RoleArn == ThreeAccounts.WorkloadRole).ToList();
        Assert.InRange(sessions.Count, 3, 7);
        Assert.All(sessions.Zip(sessions.Skip(1)), pair => Assert.True(pair.Second.IssuedAt < pair.First.Expiration,
            $"a session issued at {pair.Second.IssuedAt} after the one before expired at {pair.First.Expiration}"));
        Assert.All(new[] { "a", "ssm", "kms" }, name => Assert.True(bed.IsReady(name), Testbed.Describe(bed.Find(name))));
        var account = bed.Kube.AwsAccounts.Get("", "payments-prod")!;
        Assert.True(account.Status!.CredentialsExpireAt > bed.Operator.Time.GetUtcNow());
        Assert.Equal(sessions[^1].AssumedRoleArn, account.Status.AssumedArn);
    }

    [Fact]
    public async Task Deleting_the_object_deletes_its_endpoint_in_its_own_account()
    {
        await using var world = ThreeAccounts.Start();
        var bed = world.Bed;
        world.Endpoint();
        await bed.ReadyAsync("s3");
        bed.Kube.VpcEndpoints.Delete(Testbed.Ns, "s3");
        Assert.True(await bed.Operator.ConvergeAsync(() => bed.Find("s3") is null, TimeSpan.FromMinutes(5)), Testbed.Describe(bed.Find("s3")));
        Assert.All(world.Workload.World.Endpoints("eu-west-1"), e => Assert.Equal(EndpointStates.Deleted, e.State));
        Assert.Equal(0, bed.Aws.Calls["ec2:DeleteVpcEndpoints"]);
    }

    [Fact]
    public async Task A_statement_in_a_third_accounts_bucket_admits_the_workload_endpoint_and_guards_the_role_it_acts_as_there()
    {
        await using var world = ThreeAccounts.Start();
        var bed = world.Bed;
        world.Endpoint();
        var endpointId = (await bed.ReadyAsync("s3")).Status!.EndpointId!;

        // Exempting only the operator's home identity would lock out the role it acts as in the data account.
        bed.Kube.EndpointBucketPolicies.Apply(Policy(ThreeAccounts.DataBucket, "payments-data", exempt: ThreeAccounts.HomeUser));
        Assert.True(await bed.Operator.ConvergeAsync(() =>
            Condition(bed.Kube.EndpointBucketPolicies.Get(Testbed.Ns, "reports"), ConditionTypes.Synced)?.Reason == BucketPolicyReasons.WouldLockOutOperator,
            TimeSpan.FromSeconds(60)), "not refused as a lock-out");
        Assert.Contains(ThreeAccounts.DataRole, Condition(bed.Kube.EndpointBucketPolicies.Get(Testbed.Ns, "reports"), ConditionTypes.Synced)!.Message);
        Assert.Null(world.Data.World.BucketPolicy(ThreeAccounts.DataBucket));

        bed.Kube.EndpointBucketPolicies.Apply(Policy(ThreeAccounts.DataBucket, "payments-data", exempt: ThreeAccounts.DataRole));
        Assert.True(await bed.Operator.ConvergeAsync(() =>
            Condition(bed.Kube.EndpointBucketPolicies.Get(Testbed.Ns, "reports"), ConditionTypes.Ready)?.Status == ConditionStatus.True,
            TimeSpan.FromSeconds(60)), "statement not Ready");
        var written = JsonNode.Parse(world.Data.World.BucketPolicy(ThreeAccounts.DataBucket)!)!.ToJsonString();
        Assert.Contains(endpointId, written);
        Assert.Equal(ThreeAccounts.DataId, bed.Kube.EndpointBucketPolicies.Get(Testbed.Ns, "reports")!.Status!.AccountId);
        Assert.Equal(0, bed.Aws.Calls["s3:PutBucketPolicy"]);
    }

    [Fact]
    public async Task A_role_that_cannot_be_assumed_fails_its_objects_and_never_delays_another_accounts()
    {
        await using var world = ThreeAccounts.Start();
        var bed = world.Bed;
        bed.Kube.AwsAccounts.Apply(Account("payments-broken", ThreeAccounts.WorkloadId, ThreeAccounts.WorkloadRole, change: s => s.ExternalId = "wrong-id"));
        bed.Apply(Named(Testbed.Gateway("broken"), "payments-broken"));
        world.Endpoint("good");

        var good = await bed.ReadyAsync("good", seconds: 30);
        Assert.NotNull(good.Status!.EndpointId);
        Assert.True(await bed.Operator.ConvergeAsync(() => Condition(bed.Find("broken"), ConditionTypes.Synced)?.Reason == AccountReasons.AssumeRoleFailed,
            TimeSpan.FromSeconds(30)), Testbed.Describe(bed.Find("broken")));
        Assert.Contains(ThreeAccounts.WorkloadRole, Condition(bed.Find("broken"), ConditionTypes.Synced)!.Message);
        Assert.True(await bed.Operator.ConvergeAsync(() =>
            Condition(bed.Kube.AwsAccounts.Get("", "payments-broken"), ConditionTypes.Ready)?.Reason == AccountReasons.AssumeRoleFailed, TimeSpan.FromSeconds(60)));
        Assert.Single(world.Workload.World.Endpoints("eu-west-1"));

        // Backing off: a few assumes in ten minutes, not one per reconcile.
        var before = bed.Aws.Calls["sts:AssumeRole"];
        await bed.Operator.AdvanceAsync(TimeSpan.FromMinutes(10));
        Assert.InRange(bed.Aws.Calls["sts:AssumeRole"] - before, 1, 8);
    }

    [Fact]
    public async Task AccountRef_cannot_move_an_object_whose_endpoint_exists_to_another_account()
    {
        await using var world = ThreeAccounts.Start();
        var bed = world.Bed;
        world.Endpoint();
        var ready = await bed.ReadyAsync("s3");
        bed.Kube.AwsAccounts.Apply(Account("home"));
        bed.Edit("s3", s => s.AccountRef = new LocalObjectReference { Name = "home" });
        Assert.True(await bed.Operator.ConvergeAsync(() => Condition(bed.Find("s3"), ConditionTypes.Synced)?.Reason == ReadyReasons.ImmutableFieldChanged,
            TimeSpan.FromSeconds(60)), Testbed.Describe(bed.Find("s3")));
        Assert.Contains("spec.accountRef", Condition(bed.Find("s3"), ConditionTypes.Synced)!.Message);
        Assert.Equal(ConditionStatus.True, Condition(bed.Find("s3"), ConditionTypes.Ready)!.Status);
        Assert.Empty(bed.Aws.World.Endpoints("eu-west-1"));
        Assert.Equal(ready.Status!.EndpointId, Assert.Single(world.Workload.World.Endpoints("eu-west-1")).VpcEndpointId);
    }

    [Fact]
    public async Task An_endpoint_id_of_another_account_is_not_found_never_reached()
    {
        await using var world = ThreeAccounts.Start();
        var bed = world.Bed;
        var home = bed.Account;
        var homeEndpoint = (await bed.Aws.Ec2.CreateVpcEndpointAsync(home.Region, new CreateEndpointRequest
        {
            VpcId = home.VpcId, ServiceName = "com.amazonaws.eu-west-1.s3", Type = "Gateway", ClientToken = "foreign", RouteTableIds = [home.PrivateRouteTableIds[0]],
        }, default)).VpcEndpointId;
        world.Endpoint("adopt", s => s.EndpointId = homeEndpoint);
        Assert.True(await bed.Operator.ConvergeAsync(() => Condition(bed.Find("adopt"), ConditionTypes.Synced)?.Reason == ObserveReasons.NotFound,
            TimeSpan.FromSeconds(60)), Testbed.Describe(bed.Find("adopt")));
        Assert.Equal(0, world.Workload.Calls["ec2:ModifyVpcEndpoint"] + world.Workload.Calls["ec2:CreateVpcEndpoint"] + world.Workload.Calls["ec2:CreateTags"]);
        Assert.Equal(homeEndpoint, Assert.Single(bed.Aws.World.Endpoints("eu-west-1")).VpcEndpointId);
        Assert.Equal(0, bed.Aws.Calls["ec2:ModifyVpcEndpoint"] + bed.Aws.Calls["ec2:CreateTags"]);
    }
}
