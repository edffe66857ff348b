namespace Vpce.Operator.Observe;

/// <summary>What a paginated AWS listing is: pages read one after another, each at its place in the listing as it is then.
/// An item that comes or goes between two pages shifts the rest, so one listing can show an item twice, or miss one; a
/// reader keys by id and never concludes from one listing alone that something is gone (it reads it by id).</summary>
public static class PagedListing
{
    /// <summary>Each item once, by id (the later page's copy wins); the list itself when nothing repeats.</summary>
    public static IReadOnlyList<T> EachOnce<T>(IReadOnlyList<T> items, Func<T, string> idOf)
    {
        if (items.Count < 2)
        {
            return items;
        }
        var seen = new Dictionary<string, int>(items.Count, StringComparer.Ordinal);
        List<T>? once = null;
        for (var i = 0; i < items.Count; i++)
        {
            var id = idOf(items[i]);
            if (seen.TryGetValue(id, out var at))
            {
                once ??= items.Take(i).ToList();
                once[at] = items[i];
                continue;
            }
            seen[id] = once?.Count ?? i;
            once?.Add(items[i]);
        }
        return once ?? items;
    }
}
