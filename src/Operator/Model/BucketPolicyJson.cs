using System.Text.Encodings.Web;
using System.Text.Json.Nodes;
using System.Text.Json;

namespace Vpce.Operator.Model;

/// <summary>Reading and writing bucket policy text: the one parser behind the merge, the diff and the size check.</summary>
internal static class BucketPolicyJson
{
    // Relaxed escaping writes '+', '<', '&' and non-ASCII text as themselves, so statements the operator only
    // carries through keep the spelling they came with (the default encoder would turn '+' into \u002B).
    private static readonly JsonSerializerOptions Compact = new()
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        WriteIndented = false,
    };

    // A key given twice has no one meaning; S3 would not have stored it, so it is refused rather than guessed.
    private static readonly JsonDocumentOptions Strict = new() { AllowDuplicateProperties = false };

    /// <summary>The policy's root object; a policy with no Statement or a Statement that is neither an object nor an
    /// array is malformed. The statements themselves are not checked here: ones that are not ours are carried through.</summary>
    public static JsonObject Parse(string policy)
    {
        JsonNode? root;
        try
        {
            root = JsonNode.Parse(policy, documentOptions: Strict);
        }
        catch (JsonException e)
        {
            throw new MalformedBucketPolicyException($"the bucket policy is not valid JSON: {e.Message}", e);
        }
        if (root is not JsonObject obj)
        {
            throw new MalformedBucketPolicyException("the bucket policy is not a JSON object");
        }
        if (!obj.TryGetPropertyValue("Statement", out var statement) || statement is null)
        {
            throw new MalformedBucketPolicyException("the bucket policy has no Statement");
        }
        if (statement is not JsonObject and not JsonArray)
        {
            throw new MalformedBucketPolicyException("the bucket policy's Statement is neither an object nor an array");
        }
        return obj;
    }

    /// <summary>The statements in order; a single Statement object (valid IAM) is a list of one.</summary>
    public static IReadOnlyList<JsonNode?> Statements(JsonObject root) =>
        root["Statement"] switch
        {
            JsonArray array => array.ToList(),
            var single => [single],
        };

    /// <summary>The statement's Sid, or null when it has none (or one that is not a string).</summary>
    public static string? SidOf(JsonNode? statement) =>
        statement is JsonObject obj && obj["Sid"] is JsonValue value && value.TryGetValue<string>(out var sid) ? sid : null;

    public static string Serialize(JsonNode node) => node.ToJsonString(Compact);
}
