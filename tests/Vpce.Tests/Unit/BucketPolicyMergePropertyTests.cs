using System.Text.Json.Nodes;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Vpce.Operator.Diff;
using Vpce.Operator.Model;

namespace Vpce.Tests.Unit;

/// <summary>The merge against random foreign policies: whatever else is in the bucket policy, adding, updating and
/// removing ours leaves every foreign statement as it was, and two owners compose in any order.</summary>
public sealed class BucketPolicyMergePropertyTests
{
    private const string SidA = "VpceReportsPrivatePlatform";
    private const string SidB = "Vpce0a1b2c3d4eAuditTeamA";

    /// <summary>A foreign policy: its text (null: the bucket has none), and the foreign statements as written.</summary>
    public sealed record ForeignPolicy(string? Text, IReadOnlyList<string> Statements, string? Version, string? Id)
    {
        public override string ToString() => Text ?? "(no policy)";
    }

    private static readonly string[] ForeignSids = ["AllowRead", "DenyInsecure", "Stmt1", "VpceOtherCluster", "vpcereportsprivateplatform", ""];
    private static readonly string[] Principals =
    [
        "\"*\"", "{\"AWS\":\"*\"}", "{\"AWS\":\"arn:aws:iam::111122223333:root\"}",
        "{\"AWS\":[\"arn:aws:iam::111122223333:root\",\"arn:aws:iam::444455556666:role/reader\"]}",
        "{\"Service\":\"cloudfront.amazonaws.com\"}",
    ];
    private static readonly string[] Actions = ["s3:GetObject", "s3:PutObject", "s3:ListBucket", "s3:*", "s3:DeleteObject"];
    private static readonly string[] Resources = ["arn:aws:s3:::reports-bucket", "arn:aws:s3:::reports-bucket/*", "arn:aws:s3:::reports-bucket/logs/*"];
    private static readonly string[] Conditions =
    [
        "{\"Bool\":{\"aws:SecureTransport\":\"false\"}}",
        "{\"StringEquals\":{\"aws:SourceVpce\":[\"vpce-1\",\"vpce-2\"]}}",
        "{\"IpAddress\":{\"aws:SourceIp\":\"10.0.0.0/8\"},\"StringLike\":{\"s3:prefix\":[\"home/\",\"home/*\"]}}",
        "{\"NumericLessThan\":{\"s3:max-keys\":10}}",
        "{\"StringNotEquals\":{\"aws:SourceVpce\":\"vpce-1\"}}",
    ];
    private static readonly string[] EndpointIds = ["vpce-0123", "vpce-0456", "vpce-0789"];
    private static readonly string[] Exemptions = ["arn:aws:iam::123456789012:role/vpce-operator", "arn:aws:iam::123456789012:role/break-glass"];

    private static string List(IReadOnlyList<string> items, bool single) =>
        single && items.Count == 1 ? $"\"{items[0]}\"" : "[" + string.Join(",", items.Select(i => $"\"{i}\"")) + "]";

    private static Gen<string> ForeignStatementGen() =>
        from sid in Gen.Elements(ForeignSids.Select(s => (string?)s).Append(null).ToArray())
        from allow in Gen.Elements(true, false)
        from principal in Gen.Elements(Principals)
        from actions in Gen.SubListOf(Actions).Where(l => l.Count > 0)
        from resources in Gen.SubListOf(Resources).Where(l => l.Count > 0)
        from condition in Gen.Elements(Conditions.Select(c => (string?)c).Append(null).ToArray())
        from singles in Gen.Elements(true, false)
        from reversed in Gen.Elements(true, false)
        from spaced in Gen.Elements(true, false)
        select Statement(sid, allow, principal, actions.ToList(), resources.ToList(), condition, singles, reversed, spaced);

    private static string Statement(string? sid, bool allow, string principal, IReadOnlyList<string> actions,
        IReadOnlyList<string> resources, string? condition, bool singles, bool reversed, bool spaced)
    {
        var members = new List<string>();
        if (sid is not null)
        {
            members.Add($"\"Sid\":\"{sid}\"");
        }
        members.Add($"\"Effect\":\"{(allow ? "Allow" : "Deny")}\"");
        members.Add($"\"Principal\":{principal}");
        members.Add($"\"Action\":{List(actions, singles)}");
        members.Add($"\"Resource\":{List(resources, singles)}");
        if (condition is not null)
        {
            members.Add($"\"Condition\":{condition}");
        }
        if (reversed)
        {
            members.Reverse();
        }
        return "{" + string.Join(spaced ? ", " : ",", members) + "}";
    }

    private static Gen<ForeignPolicy> ForeignPolicyGen() =>
        from statements in Gen.Choose(0, 6).SelectMany(n => ForeignStatementGen().ListOf(n))
        from version in Gen.Elements<string?>(null, "2012-10-17", "2008-10-17")
        from id in Gen.Elements<string?>(null, "BucketPolicy1", "S3PolicyId")
        from single in Gen.Elements(true, false)
        from statementFirst in Gen.Elements(true, false)
        from noPolicy in Gen.Elements(true, false)
        select Policy(statements.ToList(), version, id, single, statementFirst, noPolicy);

    private static ForeignPolicy Policy(IReadOnlyList<string> statements, string? version, string? id, bool single, bool statementFirst, bool noPolicy)
    {
        if (statements.Count == 0 && noPolicy)
        {
            return new(null, statements, null, null);
        }
        var members = new List<string>();
        if (version is not null)
        {
            members.Add($"\"Version\":\"{version}\"");
        }
        if (id is not null)
        {
            members.Add($"\"Id\":\"{id}\"");
        }
        var statement = single && statements.Count == 1 ? statements[0] : "[" + string.Join(",\n  ", statements) + "]";
        members.Insert(statementFirst ? 0 : members.Count, $"\"Statement\":{statement}");
        return new("{" + string.Join(", ", members) + "}", statements, version, id);
    }

    private static Gen<DesiredStatement> OursGen(string sid) =>
        from endpoints in Gen.SubListOf(EndpointIds).Where(l => l.Count > 0)
        from actions in Gen.Elements<string[]>(["s3:*"], ["s3:GetObject", "s3:PutObject"], ["s3:ListBucket"])
        from exempt in Gen.SubListOf(Exemptions)
        select new DesiredStatement
        {
            Sid = sid, Bucket = "reports-bucket", Actions = actions, EndpointIds = endpoints.ToList(), ExemptPrincipalArns = exempt.ToList(),
        };

    private static Gen<(T First, T Second)> Pair<T>(Gen<T> gen) =>
        from first in gen
        from second in gen
        select (first, second);

    private static IReadOnlyList<JsonNode?> StatementsOf(string policy) =>
        JsonNode.Parse(policy)!["Statement"] switch
        {
            JsonArray array => array.ToList(),
            var single => [single],
        };

    private static List<JsonNode?> ForeignIn(string policy) =>
        StatementsOf(policy).Where(s => s?["Sid"]?.GetValue<string>() is not (SidA or SidB)).ToList();

    /// <summary>The foreign statements are all there, in their order, in their JSON form and so in their meaning; the
    /// policy's Version and Id are as they were.</summary>
    private static bool ForeignKept(ForeignPolicy original, string? policy)
    {
        if (policy is null)
        {
            return original.Statements.Count == 0;
        }
        var root = JsonNode.Parse(policy)!;
        if (original.Text is not null && (root["Version"]?.GetValue<string>() != original.Version || root["Id"]?.GetValue<string>() != original.Id))
        {
            return false;
        }
        var foreign = ForeignIn(policy);
        return foreign.Count == original.Statements.Count &&
               foreign.Zip(original.Statements).All(p =>
                   JsonNode.DeepEquals(p.First, JsonNode.Parse(p.Second)) &&
                   PolicyDocument.CanonicalizeStatement((JsonObject)p.First!) == PolicyDocument.CanonicalizeStatement((JsonObject)JsonNode.Parse(p.Second)!));
    }

    private static bool Holds(string policy, DesiredStatement ours) =>
        BucketPolicyMerge.FindAll(policy, ours.Sid) is [var found] && BucketPolicyMerge.StatementMatches(found, ours.ToJson());

    [Property(MaxTest = 300)]
    public Property Upsert_then_find_gives_ours_and_keeps_every_foreign_statement() =>
        Prop.ForAll(ForeignPolicyGen().ToArbitrary(), OursGen(SidA).ToArbitrary(), (foreign, ours) =>
        {
            var policy = BucketPolicyMerge.Upsert(foreign.Text, ours.ToJson());
            return Holds(policy, ours) && ForeignKept(foreign, policy) &&
                   BucketStatementDiff.Compare(policy, ours, ours.Sid).State == BucketStatementState.Matches;
        });

    [Property(MaxTest = 300)]
    public Property Upsert_is_idempotent() =>
        Prop.ForAll(ForeignPolicyGen().ToArbitrary(), OursGen(SidA).ToArbitrary(), (foreign, ours) =>
        {
            var once = BucketPolicyMerge.Upsert(foreign.Text, ours.ToJson());
            return BucketPolicyMerge.Upsert(once, ours.ToJson()) == once;
        });

    [Property(MaxTest = 300)]
    public Property A_changed_statement_replaces_ours_where_it_stands() =>
        Prop.ForAll(ForeignPolicyGen().ToArbitrary(), Pair(OursGen(SidA)).ToArbitrary(), Gen.Choose(0, 6).ToArbitrary(),
            (foreign, change, position) =>
            {
                var (before, after) = change;
                // Ours already stands somewhere among the foreign statements.
                var at = Math.Min(position, foreign.Statements.Count);
                var statements = foreign.Statements.ToList();
                statements.Insert(at, before.ToJson().ToJsonString());
                var policy = $$"""{"Version":"2012-10-17","Statement":[{{string.Join(",", statements)}}]}""";

                var updated = BucketPolicyMerge.Upsert(policy, after.ToJson());
                var all = StatementsOf(updated);
                return all.Count == statements.Count &&
                       all[at]?["Sid"]?.GetValue<string>() == SidA &&
                       JsonNode.DeepEquals(all[at], after.ToJson()) &&
                       ForeignKept(foreign with { Text = null }, updated);
            });

    [Property(MaxTest = 300)]
    public Property Remove_after_upsert_gives_back_the_foreign_statements() =>
        Prop.ForAll(ForeignPolicyGen().ToArbitrary(), OursGen(SidA).ToArbitrary(), (foreign, ours) =>
        {
            var removed = BucketPolicyMerge.Remove(BucketPolicyMerge.Upsert(foreign.Text, ours.ToJson()), ours.Sid);
            return (foreign.Statements.Count == 0 ? removed is null : removed is not null) &&
                   ForeignKept(foreign, removed) &&
                   (removed is null || BucketPolicyMerge.Find(removed, ours.Sid) is null);
        });

    [Property(MaxTest = 300)]
    public Property Two_owners_compose_in_either_order() =>
        Prop.ForAll(ForeignPolicyGen().ToArbitrary(), OursGen(SidA).ToArbitrary(), OursGen(SidB).ToArbitrary(), (foreign, a, b) =>
        {
            var ab = BucketPolicyMerge.Upsert(BucketPolicyMerge.Upsert(foreign.Text, a.ToJson()), b.ToJson());
            var ba = BucketPolicyMerge.Upsert(BucketPolicyMerge.Upsert(foreign.Text, b.ToJson()), a.ToJson());
            var withoutA = BucketPolicyMerge.Remove(ab, a.Sid)!;
            var neither = BucketPolicyMerge.Remove(BucketPolicyMerge.Remove(ba, b.Sid), a.Sid);
            return Holds(ab, a) && Holds(ab, b) && Holds(ba, a) && Holds(ba, b) &&
                   ForeignKept(foreign, ab) && ForeignKept(foreign, ba) &&
                   PolicyDocument.Equivalent(ab, ba) &&
                   Holds(withoutA, b) && BucketPolicyMerge.Find(withoutA, a.Sid) is null && ForeignKept(foreign, withoutA) &&
                   ForeignKept(foreign, neither);
        });

    [Property(MaxTest = 200)]
    public Property Updating_one_owner_leaves_the_other_alone() =>
        Prop.ForAll(ForeignPolicyGen().ToArbitrary(), Pair(OursGen(SidA)).ToArbitrary(), OursGen(SidB).ToArbitrary(),
            (foreign, change, b) =>
            {
                var (a, changedA) = change;
                var both = BucketPolicyMerge.Upsert(BucketPolicyMerge.Upsert(foreign.Text, a.ToJson()), b.ToJson());
                var updated = BucketPolicyMerge.Upsert(both, changedA.ToJson());
                return Holds(updated, changedA) && Holds(updated, b) && ForeignKept(foreign, updated) &&
                       JsonNode.DeepEquals(
                           StatementsOf(both).Single(s => s?["Sid"]?.GetValue<string>() == SidB),
                           StatementsOf(updated).Single(s => s?["Sid"]?.GetValue<string>() == SidB));
            });
}
