using System.Text.Json.Serialization;
using Vpce.Crds;

namespace Vpce.Operator.Kube;

/// <summary>The list responses' contracts, generated at build time; the client library reads list pages through them
/// (<see cref="ModelJsonResolver"/>), and each item through <see cref="CrdJsonContext"/>.</summary>
[JsonSerializable(typeof(ListResponse<VpcEndpoint>))]
[JsonSerializable(typeof(ListResponse<EndpointBucketPolicy>))]
internal sealed partial class KubeListJsonContext : JsonSerializerContext;
