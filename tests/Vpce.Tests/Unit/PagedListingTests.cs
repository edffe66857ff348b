using Vpce.Operator.Observe;

namespace Vpce.Tests.Unit;

public sealed class PagedListingTests
{
    private static string IdOf((string Id, int Read) item) => item.Id;

    [Fact]
    public void A_listing_without_repeats_is_itself()
    {
        IReadOnlyList<(string, int)> items = [("a", 1), ("b", 1), ("c", 1)];
        Assert.Same(items, PagedListing.EachOnce(items, IdOf));
    }

    [Fact]
    public void An_item_a_shifted_page_showed_twice_is_kept_once_as_the_later_page_showed_it()
    {
        IReadOnlyList<(string, int)> items = [("a", 1), ("b", 1), ("b", 2), ("c", 2)];
        Assert.Equal([("a", 1), ("b", 2), ("c", 2)], PagedListing.EachOnce(items, IdOf));
    }
}
