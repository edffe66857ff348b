using System.Buffers;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using Vpce.Crds;
using Vpce.Ports.Kube;

namespace Vpce.Simulation.Kube;

/// <summary>The store's JSON: what it decodes and compares goes through the CR types' contracts, as an API server's JSON would
/// (the copies it keeps and hands out, so that no caller shares an instance, are <see cref="ResourceCopy"/>'s walk of the same
/// contracts).</summary>
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

    public static JsonNode? Node<T>(T value) => JsonSerializer.SerializeToNode(value, Options);

    public static bool SameJson<T>(T a, T b) => JsonNode.DeepEquals(Node(a), Node(b));

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
