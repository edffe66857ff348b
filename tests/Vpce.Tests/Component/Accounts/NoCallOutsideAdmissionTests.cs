using Vpce.Crds;
using Vpce.Simulation.Aws;
using static Vpce.Tests.Component.Accounts.AccountBed;

namespace Vpce.Tests.Component.Accounts;

/// <summary>Property over random scenarios (accounts with random namespace selectors, VPC and bucket restrictions; objects in
/// random namespaces naming random accounts): no AWS call is made in an account for an object its AwsAccount does not admit,
/// and no write touches a VPC or a bucket it does not admit.</summary>
public sealed class NoCallOutsideAdmissionTests
{
    private static readonly string[] Teams = ["red", "blue"];
    private static readonly string[] Namespaces = ["ns-red", "ns-blue", "ns-none"];

    public static TheoryData<int> Seeds() => [.. Enumerable.Range(1, 12)];

    [Theory]
    [MemberData(nameof(Seeds))]
    public async Task No_object_reaches_an_account_vpc_or_bucket_its_AwsAccount_does_not_admit(int seed)
    {
        var random = new Random(seed);
        await using var bed = Testbed.Start();
        bed.Kube.LabelNamespace("ns-red", new Dictionary<string, string> { ["team"] = "red" });
        bed.Kube.LabelNamespace("ns-blue", new Dictionary<string, string> { ["team"] = "blue" });
        bed.Kube.LabelNamespace("ns-none", new Dictionary<string, string>());

        var accounts = new List<Scenario>();
        for (var i = 0; i < 3; i++)
        {
            var id = $"30000000000{i}";
            var sim = bed.Aws.AddAccount(id);
            var network = DemoAccount.Build(sim.World, bucketName: $"bucket-{seed}-{i}");
            var role = $"arn:aws:iam::{id}:role/vpce-operator/spoke";
            sim.World.CreateAssumableRole(role, [$"arn:aws:iam::{DemoAccount.AccountId}:root"]);
            var team = Teams[random.Next(Teams.Length)];
            var vpcRule = random.Next(3); // 0 every VPC, 1 its VPC, 2 a VPC that is not there
            var bucketRule = random.Next(3); // 0 every bucket, 1 its bucket, 2 a pattern matching none
            bed.Kube.AwsAccounts.Apply(Account($"acct-{i}", id, role, new Dictionary<string, string> { ["team"] = team }, s =>
            {
                s.VpcIds = vpcRule switch { 1 => [network.VpcId], 2 => ["vpc-0000000000000000f"], _ => null };
                s.Buckets = bucketRule switch { 1 => [network.BucketName], 2 => ["nothing-*"], _ => null };
            }));
            accounts.Add(new Scenario($"acct-{i}", sim, network, team, vpcRule, bucketRule));
        }

        var objects = new List<(string Namespace, string Name, Scenario Account, bool IsPolicy)>();
        for (var n = 0; n < 6; n++)
        {
            var ns = Namespaces[random.Next(Namespaces.Length)];
            var account = accounts[random.Next(accounts.Count)];
            var name = $"e{n}";
            var endpoint = Testbed.Gateway(name);
            endpoint.Metadata.Namespace = ns;
            // One gateway per route table: each object its own private route table of the account's network.
            endpoint.Spec.RouteTableSelector = null;
            endpoint.Spec.RouteTableIds = [account.Network.PrivateRouteTableIds[n % account.Network.PrivateRouteTableIds.Count]];
            bed.Kube.VpcEndpoints.Apply(Named(endpoint, account.Name));
            objects.Add((ns, name, account, false));
            if (random.Next(2) == 0)
            {
                var policy = Policy(account.Network.BucketName, account.Name, name: $"p{n}", endpoint: name,
                    exempt: $"arn:aws:iam::{account.Simulator.AccountId}:role/vpce-operator/spoke");
                policy.Metadata.Namespace = ns;
                bed.Kube.EndpointBucketPolicies.Apply(policy);
                objects.Add((ns, $"p{n}", account, true));
            }
        }

        await bed.Operator.AdvanceAsync(TimeSpan.FromMinutes(3));

        foreach (var account in accounts)
        {
            var admittedNamespaces = Namespaces.Where(ns => ns == $"ns-{account.Team}").ToHashSet();
            var admitted = objects.Where(o => o.Account == account && admittedNamespaces.Contains(o.Namespace)).ToList();
            var calls = account.Simulator.Calls.Snapshot().Where(c => c.Key != "sts:GetCallerIdentity").Sum(c => c.Value);
            if (admitted.Count == 0)
            {
                Assert.True(calls == 0, $"seed {seed}: {account.Name} admits none of its objects, yet got {calls} calls: "
                    + string.Join(", ", account.Simulator.Calls.Snapshot().Select(c => $"{c.Key}={c.Value}")));
            }
            foreach (var endpoint in account.Simulator.World.Endpoints("eu-west-1"))
            {
                Assert.True(admittedNamespaces.Contains(endpoint.Tags.GetValueOrDefault("vpce.io/namespace") ?? ""),
                    $"seed {seed}: endpoint {endpoint.VpcEndpointId} in {account.Name} made for namespace {endpoint.Tags.GetValueOrDefault("vpce.io/namespace")}");
                Assert.True(account.VpcRule != 2, $"seed {seed}: endpoint in {account.Name}, whose AwsAccount admits no VPC there");
            }
            var policyText = account.Simulator.World.BucketPolicy(account.Network.BucketName);
            if (policyText is not null)
            {
                Assert.True(account.BucketRule != 2, $"seed {seed}: bucket {account.Network.BucketName} written though {account.Name} admits no bucket");
                Assert.Contains(admitted, o => o.IsPolicy);
            }
        }
    }

    private sealed record Scenario(string Name, AwsSimulator Simulator, DemoAccount Network, string Team, int VpcRule, int BucketRule);
}
