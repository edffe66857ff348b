namespace Vpce.Ports.Kube;

/// <summary>A whole list at once (every page collected, see <see cref="ResourceLists.ListAllAsync"/>): its decoded items,
/// its resourceVersion to watch from, and the items that did not decode.</summary>
public sealed record ResourceList<T>(IReadOnlyList<T> Items, string ResourceVersion)
{
    public IReadOnlyList<UndecodableObject> Undecodable { get; init; } = [];
}
