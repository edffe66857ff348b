namespace Vpce.Bench;

/// <summary>One account-region of a run: its objects against its own floor, and its share of the steady hour's AWS calls.</summary>
public sealed record AccountRegionResult
{
    public string Account { get; init; } = "";
    public string Region { get; init; } = "";
    public int Endpoints { get; init; }
    /// <summary>(N − burst) / rate of this account-region's own mutation pacing.</summary>
    public double FloorSeconds { get; init; }
    /// <summary>Virtual time from start until its last object turned Ready (the latest Ready=True transition).</summary>
    public double ConvergedVirtualSeconds { get; init; }
    /// <summary>Virtual time from start of its first and last CreateVpcEndpoint (the endpoints' creation times).</summary>
    public double FirstCreateSeconds { get; init; }
    public double LastCreateSeconds { get; init; }
    /// <summary>The steady hour's calls made in this account and region, divided by the resync intervals in it.</summary>
    public double CallsPerCleanResync { get; init; }
    public IReadOnlyDictionary<string, double> CallsPerCleanResyncByOperation { get; init; } = new Dictionary<string, double>();
    public int MutatingCallsInHour { get; init; }
}
