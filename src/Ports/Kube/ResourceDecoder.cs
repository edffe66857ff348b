using System.Diagnostics.CodeAnalysis;
using System.Text.Json;
using System.Text.RegularExpressions;
using Vpce.Crds;

namespace Vpce.Ports.Kube;

/// <summary>Decodes one stored object; an object that does not decode becomes an <see cref="UndecodableObject"/> instead of
/// an exception, so a list or watch can deliver every other item. Shared by the client adapter and the in-memory store,
/// so both report an undecodable object the same way.</summary>
public static partial class ResourceDecoder
{
    /// <summary><paramref name="options"/> must resolve <typeparamref name="T"/> (the CR types: <see cref="CrdJsonContext"/>).</summary>
    public static bool TryDecode<T>(JsonElement item, JsonSerializerOptions options,
        [NotNullWhen(true)] out T? resource, [NotNullWhen(false)] out UndecodableObject? undecodable)
        where T : class, ICustomResource, new()
    {
        try
        {
            resource = item.Deserialize(TypeInfos.Of<T>(options));
            if (resource is not null)
            {
                undecodable = null;
                return true;
            }
            undecodable = Describe<T>(item, "$", null, "the object is null");
            return false;
        }
        catch (JsonException e)
        {
            resource = null;
            undecodable = Describe<T>(item, e.Path ?? "$", ExpectedTypeOf(e.Message), e.Message);
            return false;
        }
    }

    /// <summary>The decoded object, or the decoder's JsonException (for single reads, where there is nothing else to deliver).</summary>
    public static T Decode<T>(JsonElement item, JsonSerializerOptions options) where T : class, ICustomResource, new() =>
        item.Deserialize(TypeInfos.Of<T>(options)) ?? throw new JsonException($"a null {typeof(T).Name}", "$", null, null);

    /// <summary>"System.Collections.Generic.Dictionary`2[System.String,System.String]" in the decoder's message becomes
    /// "Dictionary&lt;String, String&gt;"; an optional value's Nullable wrapper is dropped. Null when the message names no type.</summary>
    internal static string? ExpectedTypeOf(string message)
    {
        var match = ConvertedTo().Match(message);
        if (!match.Success) return null;
        var name = Namespaces().Replace(match.Groups["type"].Value, "");
        name = NullableOf().Replace(name, "${inner}");
        name = GenericArity().Replace(name, "<").Replace("]", ">").Replace(",", ", ");
        return name;
    }

    private static UndecodableObject Describe<T>(JsonElement item, string path, string? expectedType, string error)
        where T : class, ICustomResource, new()
    {
        var metadata = item.ValueKind == JsonValueKind.Object && item.TryGetProperty("metadata", out var m) && m.ValueKind == JsonValueKind.Object
            ? m
            : default;
        return new UndecodableObject(new T().Kind, Text(metadata, "namespace") ?? "", Text(metadata, "name") ?? "",
            Text(metadata, "uid"), Text(metadata, "resourceVersion"), path, expectedType, error);
    }

    private static string? Text(JsonElement metadata, string property) =>
        metadata.ValueKind == JsonValueKind.Object && metadata.TryGetProperty(property, out var value) && value.ValueKind == JsonValueKind.String
            ? value.GetString()
            : null;

    [GeneratedRegex(@"could not be converted to (?<type>.+?)\. Path:")]
    private static partial Regex ConvertedTo();

    [GeneratedRegex(@"\b(\w+\.)+(?=\w)")]
    private static partial Regex Namespaces();

    [GeneratedRegex(@"Nullable`1\[(?<inner>[^\[\]]+)\]")]
    private static partial Regex NullableOf();

    [GeneratedRegex(@"`\d+\[")]
    private static partial Regex GenericArity();
}
