using System.Text.Json.Serialization;
using Vpce.Crds;
using Vpce.Ports.Kube;

namespace Vpce.Operator.Kube;

/// <summary>One list response as it is read from the response stream: the list's metadata and its items, each decoded as
/// soon as it has been read (<see cref="ListedItemConverter{T}"/>), so neither the page's JSON text nor a document of it is
/// ever held whole. Only the fields the operator uses; the serializer skips the rest.</summary>
internal sealed class ListResponse<T> where T : class, ICustomResource, new()
{
    [JsonPropertyName("metadata")] public ListResponseMetadata? Metadata { get; set; }

    [JsonPropertyName("items")] public List<ListedItem<T>?>? Items { get; set; }

    public ResourceListPage<T> ToPage(bool isLast, bool startsOver)
    {
        var items = Items?.OfType<ListedItem<T>>().ToList() ?? [];
        return new ResourceListPage<T>(
            items.Where(item => item.Resource is not null).Select(item => item.Resource!).ToList(),
            Metadata?.ResourceVersion ?? "", isLast)
        {
            Undecodable = items.Where(item => item.Undecodable is not null).Select(item => item.Undecodable!).ToList(),
            StartsOver = startsOver,
        };
    }
}
