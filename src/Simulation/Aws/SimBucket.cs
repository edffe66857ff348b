namespace Vpce.Simulation.Aws;

internal sealed class SimBucket(string name, string region)
{
    public string Name { get; } = name;
    public string Region { get; } = region;
    /// <summary>The policy as S3 keeps it (<see cref="BucketPolicyDocuments.Store"/>): principals by unique id.</summary>
    public string? Policy { get; set; }
}
