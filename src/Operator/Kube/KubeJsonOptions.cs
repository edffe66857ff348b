using System.Text.Json;
using System.Text.Json.Serialization;
using Vpce.Crds;
using Vpce.Ports.Kube;

namespace Vpce.Operator.Kube;

/// <summary>How the CR types go over the wire: their JsonPropertyName attributes, nulls left out.</summary>
internal static class KubeJsonOptions
{
    /// <summary>Decoding pools strings: the informer's cache keeps one instance of each value its objects repeat.</summary>
    public static readonly JsonSerializerOptions Default = new()
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        TypeInfoResolver = CrdJsonContext.Default,
        Converters = { PooledStrings.Shared },
    };

    /// <summary>For merge patches that must replace a value wholesale: a null deletes the field on the server.</summary>
    public static readonly JsonSerializerOptions WithNulls = new()
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
        TypeInfoResolver = CrdJsonContext.Default,
    };
}
