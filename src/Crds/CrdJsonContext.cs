using System.Text.Json.Serialization;

namespace Vpce.Crds;

/// <summary>The CR types' JSON contracts, generated at build time. Every serializer option set that reads or writes a CR
/// resolves through this context (each adds its own converters or modifiers), so no JSON of the operator's own types
/// depends on reflection and the image can be trimmed.</summary>
[JsonSerializable(typeof(VpcEndpoint))]
[JsonSerializable(typeof(EndpointBucketPolicy))]
[JsonSerializable(typeof(VpcEndpointStatus))]
[JsonSerializable(typeof(EndpointBucketPolicyStatus))]
[JsonSerializable(typeof(AwsAccount))]
[JsonSerializable(typeof(AwsAccountStatus))]
[JsonSerializable(typeof(KubeNamespace))]
public sealed partial class CrdJsonContext : JsonSerializerContext;
