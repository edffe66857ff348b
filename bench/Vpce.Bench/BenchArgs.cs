using System.Globalization;

namespace Vpce.Bench;

/// <summary>The harness's command line. Parent: sizes (`100 1000 10000`), `--runs K`, `--no-write`, and for the run across
/// accounts (issue 25) `--accounts A` (1–99 workload accounts, each with its role, AwsAccount and namespace) with
/// `--regions R` (1–4 per account, default 2). Child: `--one N --run K` with the same shape flags, `--alloc-profile`.</summary>
public sealed record BenchArgs
{
    public IReadOnlyList<int> Sizes { get; init; } = [100, 1000, 10000];
    public int Runs { get; init; } = 2;
    public bool Write { get; init; } = true;
    public BenchShape Shape { get; init; } = BenchShape.OneAccount;
    /// <summary>Set: this process is a child that runs one size (<see cref="ChildRuns.OneSizeFlag"/>).</summary>
    public int? One { get; init; }
    public int Run { get; init; } = 1;
    public bool AllocProfile { get; init; }

    public static BenchArgs Parse(IReadOnlyList<string> args)
    {
        var sizes = new List<int>();
        var parsed = new BenchArgs();
        int? accounts = null;
        int? regions = null;
        for (var i = 0; i < args.Count; i++)
        {
            switch (args[i])
            {
                case "--runs":
                    parsed = parsed with { Runs = Positive(args, ref i) };
                    break;
                case "--no-write":
                    parsed = parsed with { Write = false };
                    break;
                case ChildRuns.OneSizeFlag:
                    parsed = parsed with { One = Positive(args, ref i) };
                    break;
                case ChildRuns.RunFlag:
                    parsed = parsed with { Run = Positive(args, ref i) };
                    break;
                case "--alloc-profile":
                    parsed = parsed with { AllocProfile = true };
                    break;
                case "--accounts":
                    accounts = Positive(args, ref i);
                    if (accounts > BenchShape.MaxAccounts)
                        throw new ArgumentException($"--accounts {accounts}: at most {BenchShape.MaxAccounts}");
                    break;
                case "--regions":
                    regions = Positive(args, ref i);
                    if (regions > BenchShape.KnownRegions.Count)
                        throw new ArgumentException($"--regions {regions}: at most {BenchShape.KnownRegions.Count} ({string.Join(", ", BenchShape.KnownRegions)})");
                    break;
                default:
                    if (args[i].StartsWith('-')) throw new ArgumentException($"unknown option {args[i]}");
                    sizes.Add(Size(args[i]));
                    break;
            }
        }
        if (regions is not null && accounts is null)
            throw new ArgumentException("--regions needs --accounts: the one-account run keeps today's two regions");
        if (accounts is { } a) parsed = parsed with { Shape = new BenchShape(a, regions ?? 2) };
        return sizes.Count > 0 ? parsed with { Sizes = sizes } : parsed;
    }

    /// <summary>The child's command line for one size of this shape.</summary>
    public static IReadOnlyList<string> ChildArgs(int endpoints, int run, BenchShape shape)
    {
        List<string> args = [ChildRuns.OneSizeFlag, endpoints.ToString(CultureInfo.InvariantCulture), ChildRuns.RunFlag, run.ToString(CultureInfo.InvariantCulture)];
        if (shape.IsManyAccounts)
            args.AddRange(["--accounts", shape.Accounts.ToString(CultureInfo.InvariantCulture), "--regions", shape.Regions.ToString(CultureInfo.InvariantCulture)]);
        return args;
    }

    private static int Positive(IReadOnlyList<string> args, ref int i)
    {
        var flag = args[i];
        if (++i >= args.Count) throw new ArgumentException($"{flag} needs a number");
        var value = Size(args[i]);
        return value > 0 ? value : throw new ArgumentException($"{flag} {args[i]}: must be positive");
    }

    private static int Size(string text) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value > 0
            ? value
            : throw new ArgumentException($"{text} is not a positive whole number");
}
