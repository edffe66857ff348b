using System.Text.Json.Nodes;
using Vpce.Operator.Model;

namespace Vpce.Operator.Diff;

/// <summary>One owned statement in a bucket policy shared with others. Every statement whose Sid is not ours, and the
/// policy's Version, Id and other top-level keys, are carried through as they were: same order, same JSON. Texts that
/// cannot be read as a policy throw <see cref="MalformedBucketPolicyException"/>, nothing else.</summary>
public static class BucketPolicyMerge
{
    /// <summary>The version a policy written from nothing gets (the one that knows policy variables).</summary>
    public const string NewPolicyVersion = "2012-10-17";

    /// <summary>The first statement whose Sid is <paramref name="sid"/> (a copy), or null when there is none or no policy.</summary>
    public static JsonObject? Find(string? policy, string sid) =>
        FindAll(policy, sid).FirstOrDefault();

    /// <summary>Every statement whose Sid is <paramref name="sid"/>, in order (copies). More than one means someone
    /// added a second statement under our Sid; <see cref="Upsert"/> folds them back into one.</summary>
    public static IReadOnlyList<JsonObject> FindAll(string? policy, string sid)
    {
        if (IsAbsent(policy))
        {
            return [];
        }
        return BucketPolicyJson.Statements(BucketPolicyJson.Parse(policy!))
            .Where(s => BucketPolicyJson.SidOf(s) == sid)
            .Select(s => (JsonObject)s!.DeepClone())
            .ToList();
    }

    /// <summary>The policy with <paramref name="statement"/> in it: it replaces the statement with its Sid where that
    /// one stands (later statements with the same Sid are dropped: we own one, never more), or is appended. No policy
    /// becomes {"Version":"2012-10-17","Statement":[statement]}. The result is compact JSON with Statement an array.</summary>
    public static string Upsert(string? policy, JsonObject statement)
    {
        var sid = BucketPolicyJson.SidOf(statement) ?? throw new ArgumentException("the statement has no Sid", nameof(statement));
        if (IsAbsent(policy))
        {
            return BucketPolicyJson.Serialize(new JsonObject
            {
                ["Version"] = NewPolicyVersion,
                ["Statement"] = new JsonArray(statement.DeepClone()),
            });
        }

        var root = BucketPolicyJson.Parse(policy!);
        var statements = new JsonArray();
        var placed = false;
        foreach (var existing in BucketPolicyJson.Statements(root))
        {
            if (BucketPolicyJson.SidOf(existing) != sid)
            {
                statements.Add(existing?.DeepClone());
            }
            else if (!placed)
            {
                statements.Add(statement.DeepClone());
                placed = true;
            }
        }
        if (!placed)
        {
            statements.Add(statement.DeepClone());
        }
        // Assigning through the indexer keeps Statement where it was among the top-level keys.
        root["Statement"] = statements;
        return BucketPolicyJson.Serialize(root);
    }

    /// <summary>The policy without the statements whose Sid is <paramref name="sid"/>; null when no statement remains
    /// (the bucket policy is then to be deleted: S3 refuses a policy with no statement). A policy without our
    /// statement comes back as the very text given.</summary>
    public static string? Remove(string? policy, string sid)
    {
        if (IsAbsent(policy))
        {
            return null;
        }
        var root = BucketPolicyJson.Parse(policy!);
        var all = BucketPolicyJson.Statements(root);
        if (all.All(s => BucketPolicyJson.SidOf(s) != sid))
        {
            return all.Count == 0 ? null : policy;
        }
        var kept = all.Where(s => BucketPolicyJson.SidOf(s) != sid).Select(s => s?.DeepClone()).ToArray();
        if (kept.Length == 0)
        {
            return null;
        }
        root["Statement"] = new JsonArray(kept);
        return BucketPolicyJson.Serialize(root);
    }

    /// <summary>True when the two statements mean the same, by the canonical form endpoint policies are compared in:
    /// a statement AWS hands back respelled (single values unwrapped, "*" as {"AWS":"*"}, keys reordered) still matches.
    /// A statement too misshapen to canonicalise matches nothing.</summary>
    public static bool StatementMatches(JsonObject actual, JsonObject desired) =>
        TryCanonicalize(actual) is { } canonical && canonical == PolicyDocument.CanonicalizeStatement(desired);

    /// <summary>The statement's canonical text, or null when its shape is not one IAM allows.</summary>
    internal static string? TryCanonicalize(JsonObject statement)
    {
        try
        {
            return PolicyDocument.CanonicalizeStatement(statement);
        }
        catch (Exception e) when (e is FormatException or InvalidOperationException or System.Text.Json.JsonException)
        {
            return null;
        }
    }

    private static bool IsAbsent(string? policy) => string.IsNullOrWhiteSpace(policy);
}
