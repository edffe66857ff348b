using Vpce.Bench;

namespace Vpce.Tests.Unit.Bench;

/// <summary>The bench's run across accounts (issue 25): its command line, how it spreads the objects over accounts and regions,
/// each account-region's floor, the STS window and the targets' rows.</summary>
public sealed class ManyAccountsOptionsTests
{
    [Fact]
    public void The_one_account_command_line_is_as_it_was()
    {
        var parsed = BenchArgs.Parse(["100", "1000", "--runs", "1", "--no-write"]);

        Assert.Equal([100, 1000], parsed.Sizes);
        Assert.Equal(1, parsed.Runs);
        Assert.False(parsed.Write);
        Assert.Same(BenchShape.OneAccount, parsed.Shape);
        Assert.False(parsed.Shape.IsManyAccounts);
        Assert.Null(parsed.One);
        Assert.Equal([100, 1000, 10000], BenchArgs.Parse([]).Sizes);
    }

    [Fact]
    public void Accounts_and_regions_make_the_shape_and_go_to_the_child()
    {
        var parsed = BenchArgs.Parse(["10000", "--accounts", "10", "--regions", "2"]);

        Assert.Equal(new BenchShape(10, 2), parsed.Shape);
        Assert.Equal(["eu-west-1", "us-east-1"], parsed.Shape.RegionNames);
        Assert.Equal(new BenchShape(3, 2), BenchArgs.Parse(["--accounts", "3"]).Shape);

        var child = BenchArgs.Parse([.. BenchArgs.ChildArgs(10000, 2, parsed.Shape), "--alloc-profile"]);
        Assert.Equal(10000, child.One);
        Assert.Equal(2, child.Run);
        Assert.Equal(parsed.Shape, child.Shape);
        Assert.True(child.AllocProfile);
        Assert.Equal(["--one", "100", "--run", "1"], BenchArgs.ChildArgs(100, 1, BenchShape.OneAccount));
    }

    [Theory]
    [InlineData("--regions 2")]
    [InlineData("--accounts 0")]
    [InlineData("--accounts 100")]
    [InlineData("--accounts 2 --regions 5")]
    [InlineData("--accounts")]
    [InlineData("--acounts 2")]
    [InlineData("1e4")]
    public void A_shape_the_harness_cannot_build_is_refused(string line)
    {
        Assert.Throws<ArgumentException>(() => BenchArgs.Parse(line.Split(' ')));
    }

    [Fact]
    public void Objects_spread_evenly_over_accounts_and_regions_each_with_its_own_floor()
    {
        var shape = new BenchShape(10, 2);

        var targets = ManyAccountsWorkload.Targets(shape, 10_000);

        Assert.Equal(20, targets.Count);
        Assert.All(targets, t => Assert.Equal(500, t.Endpoints));
        Assert.Equal(10, targets.Select(t => t.AccountId).Distinct().Count());
        Assert.All(targets, t => Assert.Matches("^[0-9]{12}$", t.AccountId));
        Assert.DoesNotContain(targets, t => t.AccountId == "123456789012");
        // The floor as results.md defines it: (N − burst 4) / 0.3 per second.
        Assert.Equal(1_653.3, ManyAccountsWorkload.Floor(500, 4, 0.3), precision: 1);
        Assert.Equal(0, ManyAccountsWorkload.Floor(3, 4, 0.3));

        // Uneven sizes: every object lands somewhere, none twice.
        Assert.Equal(1_003, ManyAccountsWorkload.Targets(new BenchShape(7, 3), 1_003).Sum(t => t.Endpoints));
        Assert.Equal([2, 2, 2, 1], Enumerable.Range(0, 4).Select(k => ManyAccountsWorkload.EndpointsOfAccount(7, 4, k)));
        // Today's run: the operator's own account, two regions.
        Assert.Equal([("eu-west-1", 500), ("us-east-1", 500)], ManyAccountsWorkload.Targets(BenchShape.OneAccount, 1_000).Select(t => (t.Region, t.Endpoints)));
    }

    [Fact]
    public void Each_account_admits_only_its_own_namespace_in_its_regions()
    {
        var accounts = ManyAccountsWorkload.Accounts(new BenchShape(2, 2));
        var awsAccount = ManyAccountsWorkload.AwsAccountOf(accounts[1], ["eu-west-1", "us-east-1"]);

        Assert.Equal(accounts[1].AccountId, awsAccount.Spec.AccountId);
        Assert.StartsWith($"arn:aws:iam::{accounts[1].AccountId}:role/", awsAccount.Spec.RoleArn);
        Assert.Equal(accounts[1].ExternalId, awsAccount.Spec.ExternalId);
        Assert.Equal(["eu-west-1", "us-east-1"], awsAccount.Spec.Regions!);
        Assert.Equal(accounts[1].Name, awsAccount.Spec.NamespaceSelector!.MatchLabels![ManyAccountsWorkload.TeamLabel]);
        Assert.NotEqual(accounts[0].Namespace, accounts[1].Namespace);
    }

    [Fact]
    public void Sessions_are_counted_in_the_fullest_hour_long_window()
    {
        var t0 = new DateTimeOffset(2026, 11, 23, 9, 0, 0, TimeSpan.Zero);
        // Refreshed 5 minutes before a one-hour session ends: two in the first hour, then one per 55 minutes.
        DateTimeOffset[] issued = [t0, t0.AddMinutes(55), t0.AddMinutes(110), t0.AddMinutes(165)];

        Assert.Equal(2, StsWindow.MostInAnyWindow(issued, TimeSpan.FromHours(1)));
        Assert.Equal(3, StsWindow.MostInAnyWindow([t0, t0.AddMinutes(1), t0.AddMinutes(59)], TimeSpan.FromHours(1)));
        Assert.Equal(1, StsWindow.MostInAnyWindow([t0, t0.AddHours(1)], TimeSpan.FromHours(1)));
        Assert.Equal(0, StsWindow.MostInAnyWindow([], TimeSpan.FromHours(1)));
    }

    [Fact]
    public void The_targets_say_which_account_region_missed_its_floor()
    {
        SizeResult[] results =
        [
            new()
            {
                Endpoints = 10_000, Run = 1, Accounts = 2, RegionsPerAccount = 1, ConvergedVirtualSeconds = 2_000, ConvergeFloorSeconds = 1_653.3,
                OperatorWorkingSetMiB = 150, SimulatedHours = 1.6,
                AccountRegions =
                [
                    new() { Account = "bench-00", Region = "eu-west-1", Endpoints = 500, FloorSeconds = 1_653.3, ConvergedVirtualSeconds = 1_700, CallsPerCleanResync = 19.5 },
                    new() { Account = "bench-01", Region = "eu-west-1", Endpoints = 500, FloorSeconds = 1_653.3, ConvergedVirtualSeconds = 2_000, CallsPerCleanResync = 19.4 },
                ],
                Roles = [new() { Account = "bench-00", Sessions = 2, MostInAnyHour = 2 }, new() { Account = "bench-01", Sessions = 2, MostInAnyHour = 2 }],
            },
        ];

        var lines = AccountsTable.Build(results, [10_000], 1, new BenchShape(2, 1), TimeSpan.FromMinutes(6)).Split('\n');

        Assert.Equal("bench-01", AccountsTable.Worst(results[0])!.Account);
        Assert.Contains(lines, l => l.StartsWith("| every account-region converges within 10 % of its own floor", StringComparison.Ordinal) && l.Contains("×1.210") && l.EndsWith("| **no** |"));
        Assert.Contains(lines, l => l.StartsWith("| a clean resync makes at most 30 AWS calls per account-region", StringComparison.Ordinal) && l.Contains("at most 19.5") && l.EndsWith("| yes |"));
        Assert.Contains(lines, l => l.StartsWith("| at most 2 STS AssumeRole per role per hour", StringComparison.Ordinal) && l.EndsWith("| yes |"));
        Assert.Contains(lines, l => l.StartsWith("| 10,000 objects: the operator's share of the working set under 160 MiB", StringComparison.Ordinal) && l.EndsWith("| yes |"));
        foreach (var header in lines.Where(l => l.StartsWith("| endpoints |", StringComparison.Ordinal)))
            Assert.Equal(header.Count(c => c == '|'), lines[Array.IndexOf(lines, header) + 1].Count(c => c == '|'));
    }
}
