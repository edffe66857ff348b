using System.Buffers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using CommunityToolkit.HighPerformance.Buffers;

namespace Vpce.Ports.Kube;

/// <summary>Decodes JSON strings through bounded pools, so that a value many objects repeat (namespace, region,
/// service name, label and tag values, condition types, statuses, reasons and messages) is held once in a cache of
/// thousands of objects instead of once per object, and is not allocated again when decoded again. A pool evicts
/// what is least often used, so values met once (names, uids, resource versions) do not stay.</summary>
public sealed class PooledStrings : JsonConverter<string>
{
    /// <summary>Values up to this long share the main pool.</summary>
    public const int MaxPooledBytes = 256;

    /// <summary>Longer values up to this long have a pool of their own: an advisory condition's message names the VPC's
    /// subnets and route tables (a kilobyte or two), the same on every object of that service in that VPC, while the long
    /// values met once (policy documents, the last-applied annotation) come and go there without evicting the short ones.
    /// Longer still is decoded as usual.</summary>
    public const int MaxPooledLongBytes = 16 * 1024;

    private readonly StringPool _pool = new(4096);
    private readonly StringPool _longPool = new(512);

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

    /// <summary>The pooled instance of <paramref name="value"/>, as decoding it would give: what a copy made without JSON
    /// (the in-memory API server's) uses to hold strings as a decoded object does.</summary>
    public string Pool(string value)
    {
        var bytes = Encoding.UTF8.GetByteCount(value);
        if (bytes > MaxPooledLongBytes) return value;
        return (bytes > MaxPooledBytes ? _longPool : _pool).GetOrAdd(value);
    }

    private string Pooled(ref Utf8JsonReader reader)
    {
        var bytes = reader.HasValueSequence ? reader.ValueSequence.Length : reader.ValueSpan.Length;
        if (bytes > MaxPooledLongBytes) return reader.GetString()!;
        var pool = bytes > MaxPooledBytes ? _longPool : _pool;
        if (!reader.HasValueSequence && !reader.ValueIsEscaped) return pool.GetOrAdd(reader.ValueSpan, Encoding.UTF8);
        // Escaped, or split across buffers: unescaped first (never more chars than its UTF-8 bytes).
        var chars = ArrayPool<char>.Shared.Rent((int)bytes);
        try
        {
            return pool.GetOrAdd(chars.AsSpan(0, reader.CopyString(chars)));
        }
        finally
        {
            ArrayPool<char>.Shared.Return(chars);
        }
    }
}
