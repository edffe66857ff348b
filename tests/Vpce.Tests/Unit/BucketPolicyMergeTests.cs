using System.Text.Json.Nodes;
using Vpce.Operator.Diff;
using Vpce.Operator.Model;

namespace Vpce.Tests.Unit;

public sealed class BucketPolicyMergeTests
{
    private const string Foreign1 = """{"Sid":"AllowRead","Effect":"Allow","Principal":{"AWS":"arn:aws:iam::111122223333:root"},"Action":"s3:GetObject","Resource":"arn:aws:s3:::b/*"}""";
    private const string Foreign2 = """{"Effect":"Deny","Principal":"*","Action":["s3:DeleteObject"],"Resource":"arn:aws:s3:::b/*","Condition":{"Bool":{"aws:SecureTransport":"false"}}}""";

    private static JsonObject Ours(string sid = "VpceMine", string vpce = "vpce-1") => (JsonObject)JsonNode.Parse(
        """{"Sid":"SID","Effect":"Deny","Principal":"*","Action":["s3:*"],"Resource":["arn:aws:s3:::b","arn:aws:s3:::b/*"],"Condition":{"StringNotEquals":{"aws:SourceVpce":["VPCE"]}}}"""
            .Replace("SID", sid).Replace("VPCE", vpce))!;

    private static JsonArray Statements(string policy) => (JsonArray)JsonNode.Parse(policy)!["Statement"]!;

    [Fact]
    public void No_policy_becomes_a_policy_of_ours_alone()
    {
        var policy = BucketPolicyMerge.Upsert(null, Ours());
        Assert.Equal("2012-10-17", JsonNode.Parse(policy)!["Version"]!.GetValue<string>());
        Assert.True(JsonNode.DeepEquals(new JsonArray(Ours()), Statements(policy)));
    }

    [Fact]
    public void Ours_is_appended_after_the_others_and_they_stay_as_they_were()
    {
        var original = $$"""{"Version":"2008-10-17","Id":"Policy1","Statement":[{{Foreign1}},{{Foreign2}}]}""";
        var policy = BucketPolicyMerge.Upsert(original, Ours());
        var root = JsonNode.Parse(policy)!;
        Assert.Equal("2008-10-17", root["Version"]!.GetValue<string>());
        Assert.Equal("Policy1", root["Id"]!.GetValue<string>());
        Assert.Equal(["Version", "Id", "Statement"], root.AsObject().Select(p => p.Key));
        var statements = Statements(policy);
        Assert.Equal(Foreign1, statements[0]!.ToJsonString());
        Assert.Equal(Foreign2, statements[1]!.ToJsonString());
        Assert.True(JsonNode.DeepEquals(Ours(), statements[2]));
    }

    [Fact]
    public void Ours_is_replaced_where_it_stands()
    {
        var original = $$"""{"Statement":[{{Foreign1}},{{Ours().ToJsonString()}},{{Foreign2}}]}""";
        var statements = Statements(BucketPolicyMerge.Upsert(original, Ours(vpce: "vpce-2")));
        Assert.Equal(3, statements.Count);
        Assert.True(JsonNode.DeepEquals(Ours(vpce: "vpce-2"), statements[1]));
    }

    [Fact]
    public void A_second_statement_under_our_sid_is_folded_into_ours()
    {
        var original = $$"""{"Statement":[{{Ours().ToJsonString()}},{{Foreign1}},{{Ours(vpce: "vpce-9").ToJsonString()}}]}""";
        Assert.Equal(2, BucketPolicyMerge.FindAll(original, "VpceMine").Count);
        var statements = Statements(BucketPolicyMerge.Upsert(original, Ours(vpce: "vpce-2")));
        Assert.Equal(2, statements.Count);
        Assert.True(JsonNode.DeepEquals(Ours(vpce: "vpce-2"), statements[0]));
        Assert.Equal(Foreign1, statements[1]!.ToJsonString());
    }

    [Fact]
    public void A_single_statement_object_is_read_as_a_list_of_one()
    {
        var original = $$"""{"Version":"2012-10-17","Statement":{{Foreign1}}}""";
        Assert.Null(BucketPolicyMerge.Find(original, "VpceMine"));
        Assert.NotNull(BucketPolicyMerge.Find(original, "AllowRead"));
        var statements = Statements(BucketPolicyMerge.Upsert(original, Ours()));
        Assert.Equal(Foreign1, statements[0]!.ToJsonString());
        Assert.True(JsonNode.DeepEquals(Ours(), statements[1]));
        Assert.Same(original, BucketPolicyMerge.Remove(original, "VpceMine"));
        Assert.Null(BucketPolicyMerge.Remove(original, "AllowRead"));
    }

    [Fact]
    public void Our_single_statement_object_is_replaced()
    {
        var original = $$"""{"Statement":{{Ours().ToJsonString()}}}""";
        var statements = Statements(BucketPolicyMerge.Upsert(original, Ours(vpce: "vpce-2")));
        Assert.True(JsonNode.DeepEquals(new JsonArray(Ours(vpce: "vpce-2")), statements));
    }

    [Fact]
    public void Removing_ours_leaves_the_others_and_removing_the_last_leaves_no_policy()
    {
        var original = $$"""{"Version":"2012-10-17","Id":"P","Statement":[{{Foreign1}},{{Ours().ToJsonString()}},{{Foreign2}}]}""";
        var removed = BucketPolicyMerge.Remove(original, "VpceMine");
        Assert.Equal($$"""{"Version":"2012-10-17","Id":"P","Statement":[{{Foreign1}},{{Foreign2}}]}""", removed);
        Assert.Null(BucketPolicyMerge.Remove(BucketPolicyMerge.Upsert(null, Ours()), "VpceMine"));
        Assert.Null(BucketPolicyMerge.Remove(null, "VpceMine"));
    }

    [Fact]
    public void A_policy_without_ours_comes_back_unchanged()
    {
        var original = $$"""{ "Statement" : [ {{Foreign1}} ] }""";
        Assert.Same(original, BucketPolicyMerge.Remove(original, "VpceMine"));
    }

    [Fact]
    public void A_sid_we_did_not_write_is_found_only_by_its_exact_spelling()
    {
        var original = $$"""{"Statement":[{{Ours("vpcemine").ToJsonString()}},{"Sid":7,"Effect":"Allow","Principal":"*","Action":"s3:GetObject","Resource":"arn:aws:s3:::b/*"}]}""";
        Assert.Null(BucketPolicyMerge.Find(original, "VpceMine"));
        Assert.Null(BucketPolicyMerge.Find(original, "7"));
        Assert.Equal(3, Statements(BucketPolicyMerge.Upsert(original, Ours())).Count);
    }

    [Fact]
    public void Characters_in_foreign_statements_keep_their_spelling()
    {
        var foreign = """{"Sid":"Plus","Effect":"Allow","Principal":"*","Action":"s3:GetObject","Resource":"arn:aws:s3:::b/a+b<c>&é","Condition":{"NumericLessThan":{"s3:max-keys":1.50e1}}}""";
        var policy = BucketPolicyMerge.Upsert($$"""{"Statement":[{{foreign}}]}""", Ours());
        Assert.Contains(foreign, policy);
    }

    [Fact]
    public void Upsert_writes_compact_json()
    {
        var policy = BucketPolicyMerge.Upsert("{\n  \"Statement\": [\n    " + Foreign1 + "\n  ]\n}", Ours());
        Assert.DoesNotContain("\n", policy);
        Assert.StartsWith("{\"Statement\":[", policy);
    }

    [Fact]
    public void A_statement_without_a_sid_cannot_be_ours() =>
        Assert.Throws<ArgumentException>(() => BucketPolicyMerge.Upsert(null, (JsonObject)JsonNode.Parse(Foreign2)!));

    [Theory]
    [InlineData("not json")]
    [InlineData("[1,2]")]
    [InlineData("\"text\"")]
    [InlineData("""{"Version":"2012-10-17"}""")]
    [InlineData("""{"Statement":null}""")]
    [InlineData("""{"Statement":"s"}""")]
    [InlineData("""{"Statement":[{"Sid":"A","Sid":"B"}]}""")]
    [InlineData("""{"Statement":[""")]
    public void A_malformed_policy_is_a_typed_error_with_a_reason(string policy)
    {
        foreach (var call in new Action[]
                 {
                     () => BucketPolicyMerge.Find(policy, "VpceMine"),
                     () => BucketPolicyMerge.Upsert(policy, Ours()),
                     () => BucketPolicyMerge.Remove(policy, "VpceMine"),
                     () => BucketPolicyLimits.SizeInBytes(policy),
                 })
        {
            var e = Assert.Throws<MalformedBucketPolicyException>(call);
            Assert.StartsWith("the bucket policy", e.Message);
        }
    }

    [Fact]
    public void Foreign_statements_of_odd_shapes_are_carried_through()
    {
        var original = """{"Statement":[42,{"Effect":"Allow","Principal":5},[]]}""";
        var statements = Statements(BucketPolicyMerge.Upsert(original, Ours()));
        Assert.Equal("""[42,{"Effect":"Allow","Principal":5},[]]""", new JsonArray(statements.Take(3).Select(s => s?.DeepClone()).ToArray()).ToJsonString());
    }

    [Theory]
    // What AWS hands back may be spelt differently: single values unwrapped, {"AWS":"*"}, keys reordered, key case.
    [InlineData("""{"Condition":{"StringNotEquals":{"aws:sourcevpce":"vpce-1"}},"Resource":["arn:aws:s3:::b/*","arn:aws:s3:::b"],"Action":"S3:*","Principal":{"AWS":"*"},"Effect":"Deny","Sid":"VpceMine"}""", true)]
    [InlineData("""{"Sid":"VpceMine","Effect":"Deny","Principal":"*","Action":["s3:*"],"Resource":["arn:aws:s3:::b","arn:aws:s3:::b/*"],"Condition":{"StringNotEquals":{"aws:SourceVpce":["vpce-2"]}}}""", false)]
    [InlineData("""{"Sid":"VpceMine","Effect":"Deny","Principal":"*","Action":["s3:*"],"Resource":["arn:aws:s3:::b/*"],"Condition":{"StringNotEquals":{"aws:SourceVpce":["vpce-1"]}}}""", false)]
    [InlineData("""{"Sid":"VpceMine","Effect":"Deny","Principal":"*","Action":["s3:*"],"Resource":["arn:aws:s3:::b","arn:aws:s3:::b/*"]}""", false)]
    [InlineData("""{"Sid":"VpceMine","Effect":"Deny","Principal":7,"Action":["s3:*"],"Resource":["arn:aws:s3:::b","arn:aws:s3:::b/*"]}""", false)]
    public void Statements_are_compared_by_meaning(string actual, bool matches) =>
        Assert.Equal(matches, BucketPolicyMerge.StatementMatches((JsonObject)JsonNode.Parse(actual)!, Ours()));
}
