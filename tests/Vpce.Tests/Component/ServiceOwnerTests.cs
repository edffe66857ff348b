using Vpce.Crds;
using Vpce.Operator.Model;
using Vpce.Tests.Component.Accounts;

namespace Vpce.Tests.Component;

/// <summary>No PrivateLink path out of the organisation: an interface endpoint reaches only services whose owner
/// (DescribeVpcEndpointServices' Owner) the account admits; by default amazon and the account itself.</summary>
public sealed class ServiceOwnerTests
{
    private const string Stranger = "999999999999";

    [Fact]
    public async Task A_service_owned_by_another_account_is_refused_and_nothing_is_created()
    {
        await using var bed = Testbed.Start();
        var service = bed.Aws.World.AddPrivateLinkService("eu-west-1", Stranger);
        bed.Apply(Testbed.Interface(change: s => { s.ServiceName = service; s.PrivateDnsEnabled = false; }));
        await bed.RunForAsync(5);

        var resource = bed.Kube.VpcEndpoints.Get(Testbed.Ns, "ssm")!;
        var synced = Testbed.Condition(resource, ConditionTypes.Synced)!;
        Assert.Equal((ConditionStatus.False, ReadyReasons.ServiceOwnerNotAllowed), (synced.Status, synced.Reason));
        Assert.Contains(Stranger, synced.Message);
        Assert.Contains(service, synced.Message);
        Assert.Contains(bed.Events("ssm"), e => e.Type == "Warning" && e.Reason == ReadyReasons.ServiceOwnerNotAllowed);
        Assert.Equal(0, bed.Aws.Calls["ec2:CreateVpcEndpoint"]);
        Assert.Null(resource.Status!.EndpointId);
    }

    [Fact]
    public async Task A_service_of_amazon_and_one_owned_by_the_account_itself_are_allowed()
    {
        await using var bed = Testbed.Start();
        var own = bed.Aws.World.AddPrivateLinkService("eu-west-1", Vpce.Simulation.Aws.DemoAccount.AccountId);
        bed.Apply(Testbed.Interface());
        var mine = Testbed.Interface(change: s => { s.ServiceName = own; s.PrivateDnsEnabled = false; });
        mine.Metadata.Name = "mine";
        bed.Apply(mine);
        await bed.ReadyAsync("ssm");
        var ready = await bed.ReadyAsync("mine");
        Assert.Equal(own, ready.Status!.ServiceName);
    }

    [Fact]
    public async Task An_AwsAccount_admits_the_owners_it_lists()
    {
        await using var bed = Testbed.Start();
        var service = bed.Aws.World.AddPrivateLinkService("eu-west-1", Stranger);
        bed.Kube.AwsAccounts.Apply(AccountBed.Account("payments", change: s => s.EndpointServiceOwners = ["amazon", Stranger]));
        bed.Kube.LabelNamespace(Testbed.Ns, new Dictionary<string, string> { ["team"] = "payments" });
        bed.Apply(AccountBed.Named(Testbed.Interface(change: s => { s.ServiceName = service; s.PrivateDnsEnabled = false; }), "payments"));
        await bed.ReadyAsync("ssm");
    }

    [Fact]
    public async Task The_operators_default_owners_replace_amazon_and_the_account_itself()
    {
        await using var bed = Testbed.Start(new Vpce.Operator.Hosting.InMemoryOperatorOptions
        {
            Settings = new ReconcileSettings("eu-west-1", "demo") { EndpointServiceOwners = [EndpointServiceOwners.Amazon, Stranger] },
        });
        var partner = bed.Aws.World.AddPrivateLinkService("eu-west-1", Stranger);
        var own = bed.Aws.World.AddPrivateLinkService("eu-west-1", Vpce.Simulation.Aws.DemoAccount.AccountId);
        bed.Apply(Testbed.Interface(change: s => { s.ServiceName = partner; s.PrivateDnsEnabled = false; }));
        var mine = Testbed.Interface(change: s => { s.ServiceName = own; s.PrivateDnsEnabled = false; });
        mine.Metadata.Name = "mine";
        bed.Apply(mine);
        await bed.ReadyAsync("ssm");
        await bed.RunForAsync(5);
        var refused = Testbed.Condition(bed.Get("mine"), ConditionTypes.Synced)!;
        Assert.Equal(ReadyReasons.ServiceOwnerNotAllowed, refused.Reason);
        Assert.Contains("--endpoint-service-owner", refused.Message);
    }
}
