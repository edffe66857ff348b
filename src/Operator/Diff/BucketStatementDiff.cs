using System.Text.Json.Nodes;
using Vpce.Operator.Model;

namespace Vpce.Operator.Diff;

/// <summary>Desired statement versus the bucket policy, by meaning. Pure. A Sid we did not write is not ours: a
/// differing statement under our Sid that this object does not claim (neither status.statementSid nor one of
/// status.ownedStatementSids is that Sid) is a SidConflict, never overwritten.</summary>
public static class BucketStatementDiff
{
    /// <param name="policy">The bucket policy as S3 returned it; null when the bucket has none.</param>
    /// <param name="desired">The statement this object would write.</param>
    /// <param name="writtenSid">status.statementSid: the Sid this object last wrote or found in place, null before that.</param>
    /// <param name="ownedSids">status.ownedStatementSids: the Sids recorded before a write put them there, confirmed or
    /// not (a crash may have come between the write and the status write).</param>
    /// <exception cref="MalformedBucketPolicyException">The policy cannot be read.</exception>
    public static BucketStatementComparison Compare(string? policy, DesiredStatement desired, string? writtenSid,
        IReadOnlyCollection<string>? ownedSids = null)
    {
        var claimed = Claimed(writtenSid, ownedSids);
        var ours = claimed.Contains(desired.Sid);
        // Our earlier statements under other Sids (the spec's Sid changed) go in the same write.
        var superseded = claimed.Where(sid => sid != desired.Sid && BucketPolicyMerge.Find(policy, sid) is not null).ToList();
        var found = BucketPolicyMerge.FindAll(policy, desired.Sid);
        var want = desired.ToJson();

        if (found.Count == 0)
        {
            // Drift only when the statement was seen in place; a Sid only recorded before a write may never have reached S3.
            return writtenSid == desired.Sid
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
        if (ours)
        {
            return new(BucketStatementState.Changed, differences, superseded, null);
        }
        var what = string.Join(", ", differences.Select(d => d.Field));
        return new(BucketStatementState.SidConflict, differences, superseded, new(BucketPolicyReasons.SidConflict,
            $"the policy of bucket {desired.Bucket} has a statement with Sid {desired.Sid} that this object did not write " +
            $"and that differs from it ({what}); set spec.statementSid to another Sid, or remove that statement"));
    }

    /// <summary>Every Sid the object claims in the bucket policy: the one it last wrote and the ones recorded before a write,
    /// in order, once each. Only owned Sids (<see cref="StatementSids.IsOwned"/>): status is writable by whoever may patch
    /// it, so a status naming a foreign Sid never makes that statement the operator's to replace or remove.</summary>
    public static IReadOnlyList<string> Claimed(string? writtenSid, IReadOnlyCollection<string>? ownedSids) =>
        (writtenSid is null ? [] : new[] { writtenSid }).Concat(ownedSids ?? []).Where(StatementSids.IsOwned)
            .Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();

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
            .Select(key => new FieldDifference($"statement.{key}", DriftReasons.StatementChanged, JsonText(want[key]), JsonText(have[key])))
            .ToList();
    }

    private static string JsonText(JsonNode? element) => element is null ? "absent" : BucketPolicyJson.Serialize(element);
}
