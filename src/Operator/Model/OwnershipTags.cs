namespace Vpce.Operator.Model;

/// <summary>Tags that mark an endpoint as this operator's, and whose object it belongs to.</summary>
public static class OwnershipTags
{
    public const string Cluster = "vpce.io/cluster";
    public const string Namespace = "vpce.io/namespace";
    public const string Name = "vpce.io/name";
    /// <summary>Set to <c>true</c> by an endpoint's owner on an endpoint made outside the operator: the opt-in that lets an
    /// object adopt it (spec.endpointId). Without it an endpoint with no ownership tags is not adopted.</summary>
    public const string Adoptable = "vpce.io/adoptable";

    /// <summary>Whether the endpoint's owner opted in to adoption (<see cref="Adoptable"/> = true).</summary>
    public static bool OptedIn(IReadOnlyDictionary<string, string> tags) =>
        tags.TryGetValue(Adoptable, out var value) && value == "true";

    public static IReadOnlyDictionary<string, string> For(string cluster, string @namespace, string name) =>
        new Dictionary<string, string> { [Cluster] = cluster, [Namespace] = @namespace, [Name] = name };

    public static IReadOnlyDictionary<string, string> For(EndpointOwner owner) =>
        For(owner.Cluster ?? "", owner.Namespace ?? "", owner.Name ?? "");

    /// <summary>The owner the tags name, or null when they carry no ownership tag at all (an unmanaged endpoint).</summary>
    public static EndpointOwner? OwnerOf(IReadOnlyDictionary<string, string> tags)
    {
        tags.TryGetValue(Cluster, out var cluster);
        tags.TryGetValue(Namespace, out var @namespace);
        tags.TryGetValue(Name, out var name);
        return cluster is null && @namespace is null && name is null ? null : new EndpointOwner(cluster, @namespace, name);
    }

    /// <summary>Another object's owner when the tags name one; null when they carry none (the endpoint may be adopted) or
    /// name <paramref name="self"/> exactly.</summary>
    public static EndpointOwner? ForeignOwner(IReadOnlyDictionary<string, string> tags, EndpointOwner self) =>
        OwnerOf(tags) is { } owner && owner != self ? owner : null;

    /// <summary>Whether the tags name <paramref name="cluster"/> as the owning cluster.</summary>
    public static bool NameCluster(IReadOnlyDictionary<string, string> tags, string cluster) =>
        tags.TryGetValue(Cluster, out var named) && named == cluster;

    /// <summary>Keys users may not set in spec.tags: AWS reserves aws:, the operator reserves vpce.io/.</summary>
    public static bool IsReserved(string key) =>
        key.StartsWith("aws:", StringComparison.OrdinalIgnoreCase) || key.StartsWith("vpce.io/", StringComparison.Ordinal);
}
