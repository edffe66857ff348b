using System.Text.Json;
using System.Text.Json.Serialization;
using Vpce.Crds;

namespace Vpce.Operator.Runtime;

/// <summary>Deep copies through JSON, so what a reconciler changes never leaks into the informer's cache.</summary>
public static class ResourceCopy
{
    private static readonly JsonSerializerOptions Options = new() { DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull };

    public static T Of<T>(T resource) where T : class, ICustomResource, new() =>
        JsonSerializer.Deserialize<T>(JsonSerializer.SerializeToUtf8Bytes(resource, Options), Options)
        ?? throw new InvalidOperationException($"copy of {resource.Kind} {resource.Metadata.Name} came back null");
}
