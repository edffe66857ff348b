using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using CommunityToolkit.HighPerformance.Buffers;

namespace Vpce.Ports.Kube;

/// <summary>Decodes JSON strings through one bounded pool, so that a value many objects repeat (namespace, region,
/// service name, label and tag values, condition types, statuses, reasons and messages) is held once in a cache of
/// thousands of objects instead of once per object, and is not allocated again when decoded again. The pool evicts
/// what is least often used, so values met once (names, uids, resource versions) do not stay.</summary>
public sealed class PooledStrings : JsonConverter<string>
{
    /// <summary>Longer values (policy documents, last-applied annotations) rarely repeat: decoded as usual.</summary>
    public const int MaxPooledBytes = 256;

    private readonly StringPool _pool = new(4096);

    /// <summary>One pool for the process: an object decoded by the list, a watch or a copy shares its strings with the rest.</summary>
    public static PooledStrings Shared { get; } = new();

    public override bool HandleNull => false;

    public override string? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        reader.TokenType == JsonTokenType.String ? Pooled(ref reader) : reader.GetString();

    public override void Write(Utf8JsonWriter writer, string value, JsonSerializerOptions options) => writer.WriteStringValue(value);

    // A dictionary's keys (label, annotation and tag keys) go through the string converter too, and repeat as much.
    public override string ReadAsPropertyName(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        Pooled(ref reader);

    public override void WriteAsPropertyName(Utf8JsonWriter writer, string value, JsonSerializerOptions options) =>
        writer.WritePropertyName(value);

    private string Pooled(ref Utf8JsonReader reader) =>
        reader.HasValueSequence || reader.ValueIsEscaped || reader.ValueSpan.Length > MaxPooledBytes
            ? reader.GetString()!
            : _pool.GetOrAdd(reader.ValueSpan, Encoding.UTF8);
}
