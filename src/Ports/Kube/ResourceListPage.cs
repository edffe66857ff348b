namespace Vpce.Ports.Kube;

/// <summary>One page of a list (the API server's <c>limit</c>/<c>continue</c> chunks): its items, decoded one by one, and
/// those that did not decode. Every page of one list comes from the same snapshot, whose resourceVersion every page
/// carries; the watch starts from the last page's.</summary>
/// <param name="Items">The page's objects that decode.</param>
/// <param name="ResourceVersion">The list's resourceVersion (the snapshot's): where a watch after the last page starts.</param>
/// <param name="IsLast">No page follows: the list is whole.</param>
public sealed record ResourceListPage<T>(IReadOnlyList<T> Items, string ResourceVersion, bool IsLast)
{
    public IReadOnlyList<UndecodableObject> Undecodable { get; init; } = [];

    /// <summary>True on the first page of a list begun again from the start because the snapshot of the pages before it
    /// expired (410 Gone on the continue token): the list is this page and the ones after it, and the pages before it
    /// say nothing about which objects exist.</summary>
    public bool StartsOver { get; init; }
}
