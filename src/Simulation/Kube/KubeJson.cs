using System.Buffers;
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

    /// <summary>The resource's status as the whole resource's JSON holds it, or null when it has none.</summary>
    public static JsonNode? StatusNode(ICustomResource resource) =>
        resource.Status is { } status ? JsonSerializer.SerializeToNode(status, status.GetType(), Options) : null;

    /// <summary>A copy of <paramref name="resource"/> whose status is <paramref name="status"/> read through the status's
    /// contract (none when null): what reading the object's JSON with that status in place gives.</summary>
    public static T WithStatus<T>(T resource, JsonNode? status) where T : class
    {
        var copy = Copy(resource);
        var property = StatusProperty(typeof(T));
        property.Set!(copy, status?.Deserialize(property.PropertyType, Options));
        return copy;
    }

    private static JsonPropertyInfo StatusProperty(Type type) =>
        StatusProperties.GetOrAdd(type, static t => Options.GetTypeInfo(t).Properties.Single(p => p.Name == "status"));

    private static readonly System.Collections.Concurrent.ConcurrentDictionary<Type, JsonPropertyInfo> StatusProperties = new();

    /// <summary>Whether the two write the same bytes: for two objects that share their dictionaries' order (one made from
    /// the other's JSON), the same answer as <see cref="SameJson{T}"/>, for two buffers instead of two node trees.</summary>
    public static bool SameBytes<T>(T a, T b)
    {
        var buffers = _buffers ??= (new ArrayBufferWriter<byte>(4096), new ArrayBufferWriter<byte>(4096), new Utf8JsonWriter(Stream.Null));
        try
        {
            return Write(buffers.First, buffers.Writer, a).SequenceEqual(Write(buffers.Second, buffers.Writer, b));
        }
        finally
        {
            buffers.First.ResetWrittenCount();
            buffers.Second.ResetWrittenCount();
        }
    }

    // One thread's buffers and writer, reused: a comparison never awaits.
    [ThreadStatic] private static (ArrayBufferWriter<byte> First, ArrayBufferWriter<byte> Second, Utf8JsonWriter Writer)? _buffers;

    private static ReadOnlySpan<byte> Write<T>(ArrayBufferWriter<byte> into, Utf8JsonWriter writer, T value)
    {
        writer.Reset(into);
        JsonSerializer.Serialize(writer, value, Options);
        writer.Flush();
        return into.WrittenSpan;
    }
}
