using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Vpce.Bench;

// The operator on the simulator in virtual time, per size: AWS calls per clean resync and per hour, reconciles per hour,
// time to converge against the pacing floor, time to ready, a full clean resync's wall time, working set and allocations.
// `-- 100 1000 10000` runs every size twice, each in a child process of its own (`--one N --run K`), and rewrites the
// marked section of bench/results.md. `--runs K` changes the count; `--no-write` only prints; `--one N --alloc-profile`
// runs one size and names the types allocated in its steady hour.
if (args.Length >= 2 && args[0] == ChildRuns.OneSizeFlag)
{
    var endpoints = int.Parse(args[1], CultureInfo.InvariantCulture);
    var run = args.Length >= 4 && args[2] == ChildRuns.RunFlag ? int.Parse(args[3], CultureInfo.InvariantCulture) : 1;
    using var sampler = args.Contains("--alloc-profile") ? new AllocationSampler() : null;
    var result = await SizeRun.RunAsync(endpoints, run, Console.Out, sampler);
    Console.WriteLine(ChildRuns.ResultPrefix + JsonSerializer.Serialize(result));
    return 0;
}

var runs = 2;
var write = true;
var sizes = new List<int>();
for (var i = 0; i < args.Length; i++)
{
    switch (args[i])
    {
        case "--runs":
            runs = int.Parse(args[++i], CultureInfo.InvariantCulture);
            break;
        case "--no-write":
            write = false;
            break;
        default:
            sizes.Add(int.Parse(args[i], CultureInfo.InvariantCulture));
            break;
    }
}
if (sizes.Count == 0) sizes.AddRange([100, 1000, 10000]);

var harness = Stopwatch.StartNew();
var results = new List<SizeResult>();
// Whole passes over the sizes rather than each size twice in a row: the two figures then come from different moments of
// a shared machine.
for (var run = 1; run <= runs; run++)
{
    foreach (var endpoints in sizes)
    {
        results.Add(await ChildRuns.RunAsync(endpoints, run));
    }
}
harness.Stop();

var section = ResultsTable.Build(results, sizes, runs, harness.Elapsed);
Console.Write(section);
if (write)
{
    var path = Path.Combine(ResultsFile.FindRoot(), "bench", "results.md");
    ResultsFile.WriteSection(path, section);
    Console.WriteLine($"written to {path}");
}
return 0;
