using System.Text.Json;
using System.Text.Json.Serialization;
using Vpce.Crds;
using Vpce.Ports.Kube;

namespace Vpce.Operator.Kube;

/// <summary>Decodes one list item with the CR types' own options, whatever options read the list around it (the client
/// library's): the item's JSON lives only while it is decoded, and one that does not decode becomes an
/// <see cref="UndecodableObject"/> (<see cref="ResourceDecoder"/>), never a failure of the page.</summary>
internal sealed class ListedItemConverter<T> : JsonConverter<ListedItem<T>> where T : class, ICustomResource, new()
{
    public override ListedItem<T> Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        using var item = JsonDocument.ParseValue(ref reader);
        return ResourceDecoder.TryDecode<T>(item.RootElement, KubeJsonOptions.Default, out var resource, out var undecodable)
            ? new ListedItem<T>(resource)
            : new ListedItem<T>(undecodable);
    }

    public override void Write(Utf8JsonWriter writer, ListedItem<T> value, JsonSerializerOptions options) =>
        throw new NotSupportedException("list items are only read");
}
