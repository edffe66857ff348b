namespace Vpce.Bench;

/// <summary>One role's STS sessions over the run (AssumeRole answered; the bench's roles never refuse).</summary>
public sealed record RoleSessionsResult
{
    public string Account { get; init; } = "";
    public string RoleArn { get; init; } = "";
    public int Sessions { get; init; }
    public int SessionsInSteadyHour { get; init; }
    /// <summary>The most sessions issued within any hour-long window of the run.</summary>
    public int MostInAnyHour { get; init; }
    /// <summary>Calls of the account made in no region (STS's GetCallerIdentity with the assumed credentials, say) in the steady hour.</summary>
    public IReadOnlyDictionary<string, int> CallsWithoutRegionInHour { get; init; } = new Dictionary<string, int>();
}
