using System.Text.Json.Nodes;

namespace Vpce.Ports.Kube;

/// <summary>The status as it is sent in a merge patch: an empty list is sent as null, which removes the field, so the
/// stored status (and `kubectl describe`) shows only what is there. Shared by the API server adapter and the in-memory
/// store, so both store the same status.</summary>
public static class StatusJson
{
    /// <summary>Replaces every empty array in <paramref name="status"/> (at any depth) with null, in place; returns it.</summary>
    public static JsonNode? EmptyListsAsNull(JsonNode? status)
    {
        if (status is JsonObject obj)
        {
            foreach (var key in obj.Select(p => p.Key).ToList())
            {
                if (obj[key] is JsonArray { Count: 0 })
                {
                    obj[key] = null;
                }
                else
                {
                    EmptyListsAsNull(obj[key]);
                }
            }
        }
        else if (status is JsonArray array)
        {
            foreach (var item in array)
            {
                EmptyListsAsNull(item);
            }
        }
        return status;
    }

    /// <summary>What a merge patch leaves stored: every null property removed (at any depth), in place; returns it.</summary>
    public static JsonNode? WithoutNulls(JsonNode? node)
    {
        if (node is JsonObject obj)
        {
            foreach (var key in obj.Where(p => p.Value is null).Select(p => p.Key).ToList())
            {
                obj.Remove(key);
            }
            foreach (var (_, value) in obj)
            {
                WithoutNulls(value);
            }
        }
        else if (node is JsonArray array)
        {
            foreach (var item in array)
            {
                WithoutNulls(item);
            }
        }
        return node;
    }
}
