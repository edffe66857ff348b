using System.Text.Json;
using System.Text.Json.Nodes;
using Vpce.Ports.Kube;

namespace Vpce.Operator.Status;

/// <summary>A status in the form the API server keeps it (empty lists and nulls dropped, as the merge patch leaves them),
/// so two statuses that would be stored alike compare equal.</summary>
public static class StoredStatus
{
    public static bool SameAs(object a, object b) => JsonNode.DeepEquals(Of(a), Of(b));

    private static JsonNode? Of(object status) =>
        StatusJson.WithoutNulls(StatusJson.EmptyListsAsNull(JsonSerializer.SerializeToNode(status, status.GetType())));
}
