using System.Text.Json.Serialization;
using Vpce.Crds;
using Vpce.Ports.Kube;

namespace Vpce.Operator.Kube;

/// <summary>One item of a list response, decoded on its own: the object, or what is known of it when it does not decode.
/// Exactly one of the two is set.</summary>
[JsonConverter(typeof(ListedItemConverterFactory))]
internal sealed class ListedItem<T> where T : class, ICustomResource, new()
{
    public ListedItem(T resource) => Resource = resource;

    public ListedItem(UndecodableObject undecodable) => Undecodable = undecodable;

    public T? Resource { get; }

    public UndecodableObject? Undecodable { get; }
}
