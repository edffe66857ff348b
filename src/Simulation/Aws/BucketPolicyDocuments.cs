using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using Vpce.Ports.Aws;

namespace Vpce.Simulation.Aws;

/// <summary>
/// S3's checks on a bucket policy when it is put, and the form it keeps and shows it in. Each rule names its source.
/// </summary>
internal static class BucketPolicyDocuments
{
    /// <summary>S3's bucket policy limit: 20 KB, counted with the whitespace taken out
    /// (https://docs.aws.amazon.com/AmazonS3/latest/userguide/add-bucket-policy.html).</summary>
    public const int MaxPolicyBytes = 20 * 1024;

    private static readonly JsonSerializerOptions Compact = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>The policy's root when S3 would take it, else MalformedPolicy with S3's message.</summary>
    public static JsonObject Validate(string bucket, string policy, IamPrincipals iam)
    {
        using var parsed = PolicyDocuments.TryParse(policy) ?? throw Malformed("This policy contains invalid Json");
        if (PolicyDocuments.NormalizedSize(parsed) > MaxPolicyBytes)
            throw Malformed("Policies must be less than 20KB");
        if (ParseObject(policy) is not { } root)
            throw Malformed("This policy contains invalid Json");
        if (root["Statement"] is not { } statements)
            throw Malformed("Missing required field Statement");
        foreach (var node in List(statements))
        {
            if (node is not JsonObject statement)
                throw Malformed("This policy contains invalid Json");
            if (!statement.ContainsKey("Effect"))
                throw Malformed("Missing required field Effect");
            // A bucket policy is a resource policy: each statement says whom it is about
            // (MalformedPolicy "Missing required field Principal", hashicorp/terraform#9335).
            if (Either(statement, "Principal", "NotPrincipal") is not { } principal)
                throw Malformed("Missing required field Principal");
            if (Either(statement, "Action", "NotAction") is not { } actions)
                throw Malformed("Missing required field Action");
            // Only S3's own actions, by the Service Authorization Reference's list (S3Actions).
            foreach (var action in List(actions))
                if (action is not JsonValue value || !value.TryGetValue<string>(out var name) || !S3Actions.IsKnown(name))
                    throw Malformed("Policy has invalid action");
            if (Either(statement, "Resource", "NotResource") is not { } resources)
                throw Malformed("Missing required field Resource");
            // A bucket policy may only name the bucket and its objects.
            foreach (var resource in List(resources))
                if (resource is not JsonValue value || !value.TryGetValue<string>(out var arn)
                    || !(arn == $"arn:aws:s3:::{bucket}" || arn.StartsWith($"arn:aws:s3:::{bucket}/", StringComparison.Ordinal)))
                    throw Malformed("Policy has invalid resource");
            if (!ValidPrincipal(principal, iam))
                throw Malformed("Invalid principal in policy");
        }
        return root;
    }

    /// <summary>The policy as S3 keeps it: compact, a one-element list as its element ("Action":["s3:GetObject"] reads back
    /// "s3:GetObject": ansible/ansible#29341, hashicorp/terraform#4948, hashicorp/terraform-provider-aws#20456), everyone as
    /// "*" ({"AWS":"*"} and {"*":"*"} read back "*": hashicorp/terraform#9335 and #9720), an account id as its root ARN
    /// (hashicorp/terraform#9036), and a role or user by its unique id, shown as its ARN only while it stands
    /// (<see cref="Show"/>). Statements keep their order and their keys. A text that is not a JSON object (a tampered
    /// policy) is kept as it is.</summary>
    public static string Store(string policy, IamPrincipals iam)
    {
        if (ParseObject(policy) is not { } obj || obj["Statement"] is not { } statements)
            return policy;
        foreach (var statement in List(statements).OfType<JsonObject>())
        {
            foreach (var key in new[] { "Action", "NotAction", "Resource", "NotResource" })
                if (statement[key] is JsonArray { Count: 1 } single)
                    statement[key] = single[0]?.DeepClone();
            foreach (var key in new[] { "Principal", "NotPrincipal" })
                if (statement.ContainsKey(key))
                    statement[key] = StoredPrincipal(statement[key], iam);
            if (statement["Condition"] is JsonObject condition)
                foreach (var (_, clauses) in condition)
                    if (clauses is JsonObject keys)
                        foreach (var name in keys.Select(k => k.Key).ToList())
                            if (keys[name] is JsonArray { Count: 1 } one)
                                keys[name] = one[0]?.DeepClone();
        }
        return obj.ToJsonString(Compact);
    }

    /// <summary>The kept policy as GetBucketPolicy answers it: each unique id as its principal's ARN while the principal
    /// stands, the bare id once it was deleted.</summary>
    public static string Show(string stored, IamPrincipals iam)
    {
        if (ParseObject(stored) is not { } obj || obj["Statement"] is not { } statements)
            return stored;
        var changed = false;
        foreach (var statement in List(statements).OfType<JsonObject>())
            foreach (var key in new[] { "Principal", "NotPrincipal" })
                if (statement[key] is JsonObject principal && principal["AWS"] is { } aws)
                    principal["AWS"] = MapStrings(aws, id => IamUniqueIds.IsUniqueId(id) && iam.ArnOf(id) is { } arn ? arn : id, ref changed);
        return changed ? obj.ToJsonString(Compact) : stored;
    }

    /// <summary>The kept policy as shown, parsed; null for a tampered text that is no policy.</summary>
    public static JsonObject? ShownObject(string stored, IamPrincipals iam) => ParseObject(Show(stored, iam));

    private static JsonNode? StoredPrincipal(JsonNode? principal, IamPrincipals iam)
    {
        if (principal is not JsonObject obj)
            return principal?.DeepClone();
        if (obj.Count == 1 && (IsStar(obj["AWS"]) || IsStar(obj["*"])))
            return JsonValue.Create("*");
        var changed = false;
        var stored = new JsonObject();
        foreach (var (kind, values) in obj)
        {
            var value = kind == "AWS"
                ? MapStrings(values, p => IamPrincipals.AccountShape().IsMatch(p) ? $"arn:aws:iam::{p}:root" : iam.UniqueIdOf(p) ?? p, ref changed)
                : values?.DeepClone();
            stored[kind] = value is JsonArray { Count: 1 } one ? one[0]?.DeepClone() : value;
        }
        return stored;
    }

    private static bool ValidPrincipal(JsonNode principal, IamPrincipals iam)
    {
        if (principal is JsonValue star)
            return star.TryGetValue<string>(out var text) && text == "*";
        if (principal is not JsonObject obj || obj.Count == 0)
            return false;
        foreach (var (kind, values) in obj)
        {
            var list = List(values).ToList();
            if (list.Count == 0 || list.Any(v => v is not JsonValue value || !value.TryGetValue<string>(out _)))
                return false;
            var names = list.Select(v => v!.GetValue<string>());
            var valid = kind switch
            {
                // Everyone, an account, or a role or user that exists now; never a unique id, which is what S3 shows for a
                // deleted one and what a policy read back and put again would send.
                "AWS" => names.All(p => p == "*" || IamPrincipals.AccountShape().IsMatch(p) || IsAccountRoot(p) || IsSession(p)
                                        || (IamPrincipals.KindOf(p) is not null && iam.UniqueIdOf(p) is not null)),
                "*" => names.All(p => p == "*"),
                "Service" or "Federated" or "CanonicalUser" => true,
                _ => false,
            };
            if (!valid)
                return false;
        }
        return true;
    }

    private static bool IsAccountRoot(string arn)
    {
        var parts = arn.Split(':', 6);
        return parts.Length == 6 && parts[0] == "arn" && parts[2] == "iam" && IamPrincipals.AccountShape().IsMatch(parts[4]) && parts[5] == "root";
    }

    private static bool IsSession(string arn)
    {
        var parts = arn.Split(':', 6);
        return parts.Length == 6 && parts[0] == "arn" && parts[2] == "sts" && parts[5].StartsWith("assumed-role/", StringComparison.Ordinal);
    }

    private static bool IsStar(JsonNode? node) =>
        node switch
        {
            JsonValue v => v.TryGetValue<string>(out var s) && s == "*",
            JsonArray { Count: 1 } a => IsStar(a[0]),
            _ => false,
        };

    private static JsonNode? MapStrings(JsonNode? node, Func<string, string> map, ref bool changed)
    {
        switch (node)
        {
            case JsonValue v when v.TryGetValue<string>(out var s):
                var mapped = map(s);
                changed |= mapped != s;
                return JsonValue.Create(mapped);
            case JsonArray array:
                var result = new JsonArray();
                foreach (var item in array)
                    result.Add(MapStrings(item, map, ref changed));
                return result;
            default:
                return node?.DeepClone();
        }
    }

    // Null for a text that is not one JSON object (a key given twice included).
    private static JsonObject? ParseObject(string text)
    {
        try
        {
            return JsonNode.Parse(text, documentOptions: new JsonDocumentOptions { AllowDuplicateProperties = false }) as JsonObject;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static JsonNode? Either(JsonObject statement, string key, string notKey) =>
        statement.TryGetPropertyValue(key, out var value) ? value : statement.TryGetPropertyValue(notKey, out var not) ? not : null;

    // A single element and a list mean the same in a policy.
    private static IEnumerable<JsonNode?> List(JsonNode? node) => node switch
    {
        null => Array.Empty<JsonNode?>(),
        JsonArray array => array.ToList(),
        _ => new[] { node },
    };

    private static AwsApiException Malformed(string message) => new(AwsErrorCodes.MalformedPolicy, message);
}
