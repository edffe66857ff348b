using System.Text.Json;
using System.Text.Json.Serialization;

namespace Vpce.Operator.Kube;

/// <summary>Makes the <see cref="ListedItemConverter{T}"/> of each <see cref="ListedItem{T}"/> (System.Text.Json on .NET 10
/// takes no open generic converter in an attribute).</summary>
internal sealed class ListedItemConverterFactory : JsonConverterFactory
{
    public override bool CanConvert(Type typeToConvert) =>
        typeToConvert.IsGenericType && typeToConvert.GetGenericTypeDefinition() == typeof(ListedItem<>);

    public override JsonConverter CreateConverter(Type typeToConvert, JsonSerializerOptions options) =>
        (JsonConverter)Activator.CreateInstance(typeof(ListedItemConverter<>).MakeGenericType(typeToConvert.GetGenericArguments()[0]))!;
}
