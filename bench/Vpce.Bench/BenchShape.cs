namespace Vpce.Bench;

/// <summary>What the objects act in: today's one account (the operator's own identity, no AwsAccount, two regions), or
/// <see cref="Accounts"/> workload accounts, each reached through its role and AwsAccount, with <see cref="Regions"/> regions
/// each (`--accounts A --regions R`, issue 25).</summary>
public sealed record BenchShape(int Accounts, int Regions)
{
    /// <summary>The regions a shape draws from, in order (the simulator's prefix lists know all four).</summary>
    public static readonly IReadOnlyList<string> KnownRegions = ["eu-west-1", "us-east-1", "us-west-2", "eu-central-1"];

    public const int MaxAccounts = 99;

    /// <summary>Today's run: the operator's own account, eu-west-1 and us-east-1.</summary>
    public static readonly BenchShape OneAccount = new(0, 2);

    public bool IsManyAccounts => Accounts > 0;

    public IReadOnlyList<string> RegionNames => [.. KnownRegions.Take(Regions)];

    /// <summary>Accounts counted as the results say them: the operator's own account counts one.</summary>
    public int AccountCount => Math.Max(1, Accounts);

    /// <summary>How the command line says it ("" for the one-account run).</summary>
    public string Flags => IsManyAccounts ? $"--accounts {Accounts} --regions {Regions}" : "";

    public string Describe => IsManyAccounts ? $"{Accounts} accounts × {Regions} regions" : "one account × 2 regions";
}
