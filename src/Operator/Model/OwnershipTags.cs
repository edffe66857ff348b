namespace Vpce.Operator.Model;

/// <summary>Tags that mark an endpoint as this operator's, and whose object it belongs to.</summary>
public static class OwnershipTags
{
    public const string Cluster = "vpce.io/cluster";
    public const string Namespace = "vpce.io/namespace";
    public const string Name = "vpce.io/name";

    public static IReadOnlyDictionary<string, string> For(string cluster, string @namespace, string name) =>
        new Dictionary<string, string> { [Cluster] = cluster, [Namespace] = @namespace, [Name] = name };

    /// <summary>Keys users may not set in spec.tags: AWS reserves aws:, the operator reserves vpce.io/.</summary>
    public static bool IsReserved(string key) =>
        key.StartsWith("aws:", StringComparison.OrdinalIgnoreCase) || key.StartsWith("vpce.io/", StringComparison.Ordinal);
}
