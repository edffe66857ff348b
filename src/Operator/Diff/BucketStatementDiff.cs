using System.Text.Json.Nodes;
using Vpce.Operator.Model;

namespace Vpce.Operator.Diff;

/// <summary>Desired statement versus the bucket policy, by meaning. Pure. A Sid we did not write is not ours: a
/// differing statement under our Sid that this object has not written (status.statementSid is not that Sid) is a
/// SidConflict, never overwritten.</summary>
public static class BucketStatementDiff
{
    /// <param name="policy">The bucket policy as S3 returned it; null when the bucket has none.</param>
    /// <param name="desired">The statement this object would write.</param>
    /// <param name="writtenSid">status.statementSid: the Sid this object last wrote, null before its first write.</param>
    /// <exception cref="MalformedBucketPolicyException">The policy cannot be read.</exception>
    public static BucketStatementComparison Compare(string? policy, DesiredStatement desired, string? writtenSid)
    {
        var writtenByUs = writtenSid == desired.Sid;
        var superseded = writtenSid is not null && !writtenByUs && BucketPolicyMerge.Find(policy, writtenSid) is not null
            ? writtenSid
            : null;
        var found = BucketPolicyMerge.FindAll(policy, desired.Sid);
        var want = desired.ToJson();

        if (found.Count == 0)
        {
            return writtenByUs
                ? new(BucketStatementState.Removed,
                    [new("statement", DriftReasons.StatementRemoved, $"a statement with Sid {desired.Sid}", "absent")],
                    superseded, null)
                : new(BucketStatementState.Absent, [], superseded, null);
        }
        if (found.Count == 1 && BucketPolicyMerge.StatementMatches(found[0], want))
        {
            return new(BucketStatementState.Matches, [], superseded, null);
        }

        var differences = Describe(found[0], want);
        if (found.Count > 1)
        {
            differences.Add(new("statement", DriftReasons.StatementChanged,
                $"one statement with Sid {desired.Sid}", $"{found.Count} statements with Sid {desired.Sid}"));
        }
        if (writtenByUs)
        {
            return new(BucketStatementState.Changed, differences, superseded, null);
        }
        var what = string.Join(", ", differences.Select(d => d.Field));
        return new(BucketStatementState.SidConflict, differences, superseded, new(BucketPolicyReasons.SidConflict,
            $"the policy of bucket {desired.Bucket} has a statement with Sid {desired.Sid} that this object did not write " +
            $"and that differs from it ({what}); set spec.statementSid to another Sid, or remove that statement"));
    }

    /// <summary>One difference per top-level element of the statement (statement.Action, statement.Condition, ...),
    /// both sides in canonical JSON, so a respelling never shows as a difference.</summary>
    private static List<FieldDifference> Describe(JsonObject actual, JsonObject desired)
    {
        var wantText = PolicyDocument.CanonicalizeStatement(desired);
        var haveText = BucketPolicyMerge.TryCanonicalize(actual);
        if (haveText is null)
        {
            // Too misshapen to canonicalise: show it as it is.
            return [new("statement", DriftReasons.StatementChanged, wantText, BucketPolicyJson.Serialize(actual))];
        }
        var want = (JsonObject)JsonNode.Parse(wantText)!;
        var have = (JsonObject)JsonNode.Parse(haveText)!;
        return want.Select(p => p.Key).Union(have.Select(p => p.Key))
            .Order(StringComparer.Ordinal)
            .Where(key => !JsonNode.DeepEquals(want[key], have[key]))
            .Select(key => new FieldDifference($"statement.{key}", DriftReasons.StatementChanged, Words(want[key]), Words(have[key])))
            .ToList();
    }

    private static string Words(JsonNode? element) => element is null ? "absent" : BucketPolicyJson.Serialize(element);
}
