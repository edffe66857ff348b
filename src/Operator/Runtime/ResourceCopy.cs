using System.Text.Json;
using System.Text.Json.Serialization;
using Vpce.Crds;
using Vpce.Ports.Kube;

namespace Vpce.Operator.Runtime;

/// <summary>Deep copies through JSON, so what a reconciler changes never leaks into the informer's cache.</summary>
public static class ResourceCopy
{
    private static readonly JsonSerializerOptions Options = new()
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        TypeInfoResolver = CrdJsonContext.Default,
    };

    public static T Of<T>(T resource) where T : class, ICustomResource, new()
    {
        var contract = TypeInfos.Of<T>(Options);
        return JsonSerializer.Deserialize(JsonSerializer.SerializeToUtf8Bytes(resource, contract), contract)
            ?? throw new InvalidOperationException($"copy of {resource.Kind} {resource.Metadata.Name} came back null");
    }
}
