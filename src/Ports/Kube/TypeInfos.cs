using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace Vpce.Ports.Kube;

/// <summary>A type's contract from an option set's resolver, for the serializer overloads that take one (the ones that do
/// not fall back to reflection, so trimming keeps what they use).</summary>
public static class TypeInfos
{
    public static JsonTypeInfo<T> Of<T>(JsonSerializerOptions options) => (JsonTypeInfo<T>)options.GetTypeInfo(typeof(T));
}
