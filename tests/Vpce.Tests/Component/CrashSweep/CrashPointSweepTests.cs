namespace Vpce.Tests.Component.CrashSweep;

/// <summary>The crash-point sweep (ARCHITECTURE.md: crash-safe by construction), on an EC2 whose reads are current and on one
/// that is eventually consistent (a 30 s propagation delay). Each scenario's size goes into crash-sweep.txt beside the test
/// assembly, which .ci/run prints.</summary>
public sealed class CrashPointSweepTests
{
    private static readonly Lock ReportGate = new();

    [Theory]
    [InlineData(0)]
    [InlineData(30)]
    public Task Gateway_endpoint_survives_a_crash_after_every_mutating_call(int propagationDelaySeconds) => SweepAsync(propagationDelaySeconds, () => new GatewayEndpointScenario());

    [Theory]
    [InlineData(0)]
    [InlineData(30)]
    public Task Adopted_interface_endpoint_survives_a_crash_after_every_mutating_call(int propagationDelaySeconds) => SweepAsync(propagationDelaySeconds, () => new AdoptedInterfaceScenario());

    [Theory]
    [InlineData(0)]
    [InlineData(30)]
    public Task Bucket_statement_beside_a_foreign_one_survives_a_crash_after_every_mutating_call(int propagationDelaySeconds) => SweepAsync(propagationDelaySeconds, () => new BucketPolicyScenario(withForeignStatement: true));

    [Theory]
    [InlineData(0)]
    [InlineData(30)]
    public Task Bucket_statement_alone_in_its_bucket_survives_a_crash_after_every_mutating_call(int propagationDelaySeconds) => SweepAsync(propagationDelaySeconds, () => new BucketPolicyScenario(withForeignStatement: false));

    [Theory]
    [InlineData(0)]
    [InlineData(30)]
    public Task Endpoint_in_another_account_survives_a_crash_after_every_mutating_call(int propagationDelaySeconds) => SweepAsync(propagationDelaySeconds, () => new CrossAccountEndpointScenario());

    private static async Task SweepAsync(int propagationDelaySeconds, Func<ICrashScenario> scenario)
    {
        var result = await CrashPointSweep.RunAsync(scenario, TimeSpan.FromSeconds(propagationDelaySeconds));
        Assert.True(result.CrashPoints > 0, $"{result.Scenario}: the scenario made no mutating call");
        lock (ReportGate)
        {
            File.AppendAllText(Path.Combine(AppContext.BaseDirectory, "crash-sweep.txt"),
                $"{result.Scenario}, propagation delay {propagationDelaySeconds} s: {result.CrashPoints} crash points × {Enum.GetValues<DowntimeAction>().Length} downtime actions = {result.Runs} runs, {result.Failures.Count} failed\n");
        }
        Assert.True(result.Failures.Count == 0, $"{result.Scenario}: {result.Failures.Count} of {result.Runs} runs failed:\n{string.Join("\n", result.Failures)}");
    }
}
