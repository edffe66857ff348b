namespace Vpce.Crds.Schema;

/// <summary>
/// A list of this type is an associative list keyed by these fields (x-kubernetes-list-type: map), so
/// server-side apply merges its items by key instead of replacing the whole list.
/// </summary>
[AttributeUsage(AttributeTargets.Class)]
public sealed class ListMapKeysAttribute(params string[] keys) : Attribute
{
    public IReadOnlyList<string> Keys { get; } = keys;
}
