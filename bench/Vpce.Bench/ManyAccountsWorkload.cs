using System.Globalization;
using Vpce.Crds;
using Vpce.Simulation.Aws;
using Vpce.Simulation.Kube;

namespace Vpce.Bench;

/// <summary>The run across accounts (issue 25): N endpoints spread over A workload accounts (object i in account i mod A, so
/// the apply order alternates accounts), each account built as the one-account run builds its account, over R regions
/// (<see cref="BenchWorkload.VpcsPerRegion"/> VPCs each), its objects in a namespace of its own, labelled so that only its
/// AwsAccount admits it, each naming that AwsAccount. Every account has a role on the /vpce-operator/ path that trusts the
/// operator's home account and requires an External ID; every AwsAccount lists the account's regions.</summary>
public static class ManyAccountsWorkload
{
    public const string TeamLabel = "team";

    public static IReadOnlyList<BenchAccount> Accounts(BenchShape shape) =>
        [.. Enumerable.Range(0, shape.Accounts).Select(k =>
        {
            // 12 digits, none of them the home account's (123456789012).
            var id = (300000000000L + k + 1).ToString(CultureInfo.InvariantCulture);
            var name = $"bench-{k:00}";
            return new BenchAccount(k, name, id, $"arn:aws:iam::{id}:role/vpce-operator/spoke", $"bench-ext-{k:00}", name);
        })];

    /// <summary>How many of the <paramref name="endpoints"/> account <paramref name="k"/> of <paramref name="accounts"/> holds.</summary>
    public static int EndpointsOfAccount(int endpoints, int accounts, int k) => endpoints / accounts + (k < endpoints % accounts ? 1 : 0);

    /// <summary>Every account-region with its objects' count; one account-region per region for the one-account shape, whose
    /// objects act as the operator's own identity in <see cref="BenchWorkload.Namespace"/>.</summary>
    public static IReadOnlyList<BenchTarget> Targets(BenchShape shape, int endpoints)
    {
        if (!shape.IsManyAccounts)
            return [.. BenchWorkload.EndpointsPerRegion(endpoints).Select(r => new BenchTarget("own", DemoAccount.AccountId, r.Key, BenchWorkload.Namespace, r.Value))];
        return [.. Accounts(shape).SelectMany(a => BenchWorkload.EndpointsPerRegion(EndpointsOfAccount(endpoints, shape.Accounts, a.Index), shape.RegionNames)
            .Select(r => new BenchTarget(a.Name, a.AccountId, r.Key, a.Namespace, r.Value)))];
    }

    /// <summary>The floor of one account-region: its mutations paced at <paramref name="perSecond"/> after a burst of
    /// <paramref name="burst"/> (what results.md calls the floor: (N − burst) / rate).</summary>
    public static double Floor(int endpoints, int burst, double perSecond) => Math.Max(0, endpoints - burst) / perSecond;

    /// <summary>Adds the accounts to <paramref name="home"/>'s AWS (each with its role and network), labels their namespaces,
    /// applies their AwsAccounts, and stores the objects; returns each account's simulator.</summary>
    public static IReadOnlyList<(BenchAccount Account, AwsSimulator Aws)> Build(AwsSimulator home, InMemoryKube kube, BenchShape shape, int endpoints)
    {
        var regions = shape.RegionNames;
        var built = new List<(BenchAccount Account, AwsSimulator Aws, IReadOnlyList<BenchWorkload.BenchVpc> Network)>();
        foreach (var account in Accounts(shape))
        {
            var aws = home.AddAccount(account.AccountId);
            aws.World.CreateAssumableRole(account.RoleArn, [$"arn:aws:iam::{home.AccountId}:root"], account.ExternalId);
            built.Add((account, aws, BenchWorkload.Network(aws.World, regions)));
            kube.LabelNamespace(account.Namespace, new Dictionary<string, string> { [TeamLabel] = account.Name });
            kube.AwsAccounts.Apply(AwsAccountOf(account, regions));
        }
        for (var i = 0; i < endpoints; i++)
        {
            var (account, aws, network) = built[i % built.Count];
            kube.VpcEndpoints.Apply(BenchWorkload.Object(aws.World, network, i / built.Count, account.Namespace, account.Name));
        }
        return [.. built.Select(b => (b.Account, b.Aws))];
    }

    public static AwsAccount AwsAccountOf(BenchAccount account, IReadOnlyList<string> regions) => new()
    {
        Metadata = new ObjectMetadata { Name = account.Name },
        Spec = new AwsAccountSpec
        {
            AccountId = account.AccountId,
            RoleArn = account.RoleArn,
            ExternalId = account.ExternalId,
            Regions = [.. regions],
            NamespaceSelector = new LabelSelector { MatchLabels = new() { [TeamLabel] = account.Name } },
        },
    };
}
