using System.Diagnostics;
using System.Text.Json;
using Vpce.Bench;

// The operator on the simulator in virtual time, per size: AWS calls per clean resync and per hour, reconciles per hour,
// time to converge against the pacing floor, time to ready, a full clean resync's wall time, working set and allocations.
// `-- 100 1000 10000` runs every size twice, each in a child process of its own (`--one N --run K`), and rewrites the
// marked section of bench/results.md. `--runs K` changes the count; `--no-write` only prints; `--one N --alloc-profile`
// runs one size and names the types allocated in its steady hour. `--accounts A [--regions R]` spreads the objects over A
// workload accounts of R regions each (issue 25), with STS counted, and writes its own marked section.
var parsed = BenchArgs.Parse(args);
if (parsed.One is { } one)
{
    using var sampler = parsed.AllocProfile ? new AllocationSampler() : null;
    var result = await SizeRun.RunAsync(one, parsed.Run, Console.Out, sampler, parsed.Shape);
    Console.WriteLine(ChildRuns.ResultPrefix + JsonSerializer.Serialize(result));
    return 0;
}

var harness = Stopwatch.StartNew();
var results = new List<SizeResult>();
// Whole passes over the sizes rather than each size twice in a row: the two figures then come from different moments of
// a shared machine.
for (var run = 1; run <= parsed.Runs; run++)
{
    foreach (var endpoints in parsed.Sizes)
    {
        results.Add(await ChildRuns.RunAsync(endpoints, run, parsed.Shape));
    }
}
harness.Stop();

var section = parsed.Shape.IsManyAccounts
    ? AccountsTable.Build(results, parsed.Sizes, parsed.Runs, parsed.Shape, harness.Elapsed)
    : ResultsTable.Build(results, parsed.Sizes, parsed.Runs, harness.Elapsed);
Console.Write(section);
if (parsed.Write)
{
    var path = Path.Combine(ResultsFile.FindRoot(), "bench", "results.md");
    if (parsed.Shape.IsManyAccounts)
        ResultsFile.WriteSection(path, section, ResultsFile.AccountsStartMarker, ResultsFile.AccountsEndMarker);
    else
        ResultsFile.WriteSection(path, section);
    Console.WriteLine($"written to {path}");
}
return 0;
