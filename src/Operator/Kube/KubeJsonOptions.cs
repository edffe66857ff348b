using System.Text.Json;
using System.Text.Json.Serialization;

namespace Vpce.Operator.Kube;

/// <summary>How the CR types go over the wire: their JsonPropertyName attributes, nulls left out.</summary>
internal static class KubeJsonOptions
{
    public static readonly JsonSerializerOptions Default = new() { DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull };

    /// <summary>For merge patches that must replace a value wholesale: a null deletes the field on the server.</summary>
    public static readonly JsonSerializerOptions WithNulls = new() { DefaultIgnoreCondition = JsonIgnoreCondition.Never };
}
