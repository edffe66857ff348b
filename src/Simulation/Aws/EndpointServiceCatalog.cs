namespace Vpce.Simulation.Aws;

/// <summary>The AWS services every simulated region offers for endpoints, and their managed prefix lists.</summary>
internal static class EndpointServiceCatalog
{
    public const string Interface = "Interface";
    public const string Gateway = "Gateway";

    // The real ids of a few regions' S3 and DynamoDB prefix lists, so the demo looks like the console; other
    // regions get stable ids derived from the region name.
    private static readonly Dictionary<(string Region, string Service), string> KnownPrefixLists = new()
    {
        [("eu-west-1", "s3")] = "pl-6da54004",
        [("eu-west-1", "dynamodb")] = "pl-6fa54006",
        [("us-east-1", "s3")] = "pl-63a5400a",
        [("us-east-1", "dynamodb")] = "pl-02cd2c6b",
        [("us-west-2", "s3")] = "pl-68a54001",
        [("us-west-2", "dynamodb")] = "pl-00a54069",
        [("eu-central-1", "s3")] = "pl-6ea54007",
        [("eu-central-1", "dynamodb")] = "pl-66a5400f",
    };

    public static void Populate(SimRegion region)
    {
        var r = region.Name;
        Add(region, "s3", [Interface, Gateway], $"*.s3.{r}.amazonaws.com");
        Add(region, "dynamodb", [Interface, Gateway], $"*.ddb.{r}.amazonaws.com");
        foreach (var name in new[] { "ssm", "ssmmessages", "ec2messages", "ec2", "kms", "sts", "logs", "secretsmanager" })
            Add(region, name, [Interface], $"{name}.{r}.amazonaws.com");
        Add(region, "ecr.api", [Interface], $"api.ecr.{r}.amazonaws.com");
        Add(region, "ecr.dkr", [Interface], $"*.dkr.ecr.{r}.amazonaws.com");
    }

    public static void Add(SimRegion region, string shortName, IReadOnlyList<string> types, string? privateDnsName, bool policySupported = true)
    {
        var serviceName = $"com.amazonaws.{region.Name}.{shortName}";
        var prefixList = types.Contains(Gateway) ? PrefixListId(region.Name, shortName) : null;
        region.Services[serviceName] = new SimEndpointService(serviceName, shortName, types, privateDnsName, prefixList, policySupported);
    }

    private static string PrefixListId(string region, string shortName)
    {
        if (KnownPrefixLists.TryGetValue((region, shortName), out var known))
            return known;
        // FNV-1a: string.GetHashCode is randomised per process, and prefix list ids must not change between runs.
        var hash = 2166136261u;
        foreach (var c in $"{region}/{shortName}")
            hash = (hash ^ c) * 16777619u;
        return $"pl-{hash:x8}";
    }
}
