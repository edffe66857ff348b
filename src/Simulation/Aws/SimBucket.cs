namespace Vpce.Simulation.Aws;

internal sealed class SimBucket(string name, string region)
{
    public string Name { get; } = name;
    public string Region { get; } = region;
    public string? Policy { get; set; }
}
