using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using Vpce.Crds;
using Vpce.Ports.Kube;

namespace Vpce.Simulation.Kube;

/// <summary>The store keeps and hands out copies made through JSON, as an API server would: no caller shares an instance.</summary>
internal static class KubeJson
{
    /// <summary>Strings pooled as the operator's decoding pools them: the store's copies and those it hands the informer
    /// share one instance of each repeated value. The CR types through their generated contracts, as the operator reads
    /// them; anything else the store handles by reflection.</summary>
    public static readonly JsonSerializerOptions Options = new()
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        TypeInfoResolver = JsonTypeInfoResolver.Combine(CrdJsonContext.Default, new DefaultJsonTypeInfoResolver()),
        Converters = { PooledStrings.Shared },
    };

    public static T Copy<T>(T value) where T : class =>
        JsonSerializer.Deserialize<T>(JsonSerializer.SerializeToUtf8Bytes(value, Options), Options)
        ?? throw new InvalidOperationException($"copy of a {typeof(T).Name} came back null");

    public static JsonNode? Node<T>(T value) => JsonSerializer.SerializeToNode(value, Options);

    public static bool SameJson<T>(T a, T b) => JsonNode.DeepEquals(Node(a), Node(b));
}
