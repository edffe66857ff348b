using System.Collections.Concurrent;
using System.Text.Json;
using System.Text.Json.Serialization;
using Vpce.Crds;

namespace Vpce.Operator.Kube;

/// <summary>Gives each <see cref="ListedItem{T}"/> its <see cref="ListedItemConverter{T}"/> (System.Text.Json on .NET 10
/// takes no open generic converter in an attribute). Each resource client registers its kind's converter before it lists,
/// so no generic type is made at run time (which trimming could not see).</summary>
internal sealed class ListedItemConverterFactory : JsonConverterFactory
{
    private static readonly ConcurrentDictionary<Type, JsonConverter> Converters = new();

    public static void Register<T>() where T : class, ICustomResource, new() =>
        Converters.TryAdd(typeof(ListedItem<T>), new ListedItemConverter<T>());

    public override bool CanConvert(Type typeToConvert) => Converters.ContainsKey(typeToConvert);

    public override JsonConverter CreateConverter(Type typeToConvert, JsonSerializerOptions options) =>
        Converters.TryGetValue(typeToConvert, out var converter)
            ? converter
            : throw new InvalidOperationException($"no list item converter is registered for {typeToConvert.Name}");
}
