using System.Text.Json.Nodes;
using FsCheck.Fluent;
using FsCheck.Xunit;
using FsCheck;
using Vpce.Operator.Model;

namespace Vpce.Tests.Unit;

public sealed class PolicyDocumentTests
{
    [Theory]
    [InlineData(
        """{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":"*","Action":"s3:GetObject","Resource":"arn:aws:s3:::b/*"}]}""",
        """{"Version":"2012-10-17","Statement":{"Effect":"Allow","Principal":{"AWS":["*"]},"Action":["s3:GetObject"],"Resource":["arn:aws:s3:::b/*"]}}""")]
    [InlineData(
        """{"Statement":[{"Effect":"Allow","Principal":"*","Action":["s3:GetObject","s3:PutObject"],"Resource":"*"},{"Effect":"Deny","Principal":"*","Action":"s3:DeleteObject","Resource":"*"}]}""",
        """{ "Statement" : [ {"Effect":"Deny","Principal":"*","Action":"s3:deleteobject","Resource":"*"}, {"Resource":"*","Effect":"Allow","Principal":{"AWS":"*"},"Action":["s3:PutObject","s3:GetObject"]} ] }""")]
    [InlineData(
        """{"Version":"2012-10-17","Statement":[{"Effect":"Deny","Principal":"*","Action":"s3:*","Resource":"*","Condition":{"StringNotEquals":{"aws:SourceVpce":"vpce-1"}}}]}""",
        """{"Version":"2012-10-17","Statement":[{"Effect":"Deny","Principal":"*","Action":"s3:*","Resource":"*","Condition":{"StringNotEquals":{"aws:sourcevpce":["vpce-1"]}}}]}""")]
    public void Documents_that_mean_the_same_are_equivalent(string a, string b) =>
        Assert.True(PolicyDocument.Equivalent(a, b));

    [Theory]
    [InlineData(
        """{"Statement":[{"Effect":"Allow","Principal":"*","Action":"s3:GetObject","Resource":"*"}]}""",
        """{"Statement":[{"Effect":"Deny","Principal":"*","Action":"s3:GetObject","Resource":"*"}]}""")]
    [InlineData(
        """{"Statement":[{"Effect":"Allow","Principal":"*","Action":"s3:GetObject","Resource":"*"}]}""",
        """{"Statement":[{"Effect":"Allow","Principal":"*","Action":"s3:GetObject","Resource":"arn:aws:s3:::b"}]}""")]
    [InlineData(
        """{"Statement":[{"Effect":"Allow","Principal":"*","Action":"*","Resource":"*"}]}""",
        """{"Statement":[{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::111122223333:root"},"Action":"*","Resource":"*"}]}""")]
    [InlineData(
        """{"Statement":[{"Effect":"Allow","Principal":"*","Action":"*","Resource":"arn:aws:s3:::Bucket"}]}""",
        """{"Statement":[{"Effect":"Allow","Principal":"*","Action":"*","Resource":"arn:aws:s3:::bucket"}]}""")]
    public void Documents_that_differ_in_meaning_are_not_equivalent(string a, string b) =>
        Assert.False(PolicyDocument.Equivalent(a, b));

    [Theory]
    [InlineData(null, true)]
    [InlineData("""{"Version":"2008-10-17","Statement":[{"Effect":"Allow","Principal":"*","Action":"*","Resource":"*"}]}""", true)]
    [InlineData("""{"Version":"2012-10-17","Statement":{"Effect":"Allow","Principal":{"AWS":"*"},"Action":["*"],"Resource":"*"}}""", true)]
    [InlineData("""{"Statement":[{"Effect":"Allow","Principal":"*","Action":"s3:*","Resource":"*"}]}""", false)]
    public void The_full_access_default_is_recognised_whatever_its_spelling(string? document, bool expected) =>
        Assert.Equal(expected, PolicyDocument.IsFullAccess(document));

    [Theory]
    [InlineData("not json")]
    [InlineData("[1,2]")]
    [InlineData("""{"Version":"2012-10-17"}""")]
    [InlineData("""{"Statement":[42]}""")]
    [InlineData("""{"Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"*"}]}""")]
    [InlineData("""{"Statement":[{"Effect":"Allow","Principal":"*","Resource":"*"}]}""")]
    [InlineData("""{"Statement":[{"Effect":"Allow","Principal":"*","Action":"*"}]}""")]
    [InlineData("""{"Statement":[{"Effect":"allow","Principal":"*","Action":"*","Resource":"*"}]}""")]
    [InlineData("""{"Statement":[{"Effect":"Allow","Principal":"*","Action":"*","Resource":"*","Actions":"s3:*"}]}""")]
    [InlineData("""{"Version":"2020-01-01","Statement":[{"Effect":"Allow","Principal":"*","Action":"*","Resource":"*"}]}""")]
    public void Malformed_documents_are_refused_with_a_reason(string document)
    {
        Assert.False(PolicyDocument.TryValidate(document, out var error));
        Assert.NotEmpty(error);
    }

    [Fact]
    public void A_statement_without_a_principal_is_named_as_EC2_would_refuse_it()
    {
        Assert.False(PolicyDocument.TryValidate("""{"Statement":[{"Effect":"Allow","Principal":"*","Action":"*","Resource":"*"},{"Effect":"Allow","Action":"s3:GetObject","Resource":"*"}]}""", out var error));
        Assert.StartsWith("statement 2 has no Principal: an endpoint policy must name its principals", error);
        Assert.True(PolicyDocument.TryValidate("""{"Statement":{"Sid":"A","Effect":"Deny","NotPrincipal":{"AWS":"arn:aws:iam::111122223333:root"},"NotAction":"s3:Get*","NotResource":"arn:aws:s3:::b/*","Condition":{}}}""", out _));
    }

    [Fact]
    public void A_statement_canonicalises_as_it_does_inside_a_document()
    {
        var a = (JsonObject)JsonNode.Parse(
            """{"Sid":"S","Effect":"Deny","Principal":"*","Action":"s3:GetObject","Resource":"*","Condition":{"StringNotEquals":{"aws:SourceVpce":"vpce-1"}}}""")!;
        var b = (JsonObject)JsonNode.Parse(
            """{"Condition":{"StringNotEquals":{"aws:sourcevpce":["vpce-1"]}},"Resource":["*"],"Action":["S3:GetObject"],"Principal":{"AWS":"*"},"Effect":"Deny","Sid":"S"}""")!;
        Assert.Equal(PolicyDocument.CanonicalizeStatement(a), PolicyDocument.CanonicalizeStatement(b));
        Assert.Equal(PolicyDocument.Canonicalize("{\"Version\":\"2012-10-17\",\"Statement\":[" + a.ToJsonString() + "]}"),
            "{\"Version\":\"2012-10-17\",\"Statement\":[" + PolicyDocument.CanonicalizeStatement(a) + "]}");
    }

    private static readonly string[] Actions = ["s3:GetObject", "s3:PutObject", "s3:ListBucket", "dynamodb:GetItem", "*"];
    private static readonly string[] Resources = ["*", "arn:aws:s3:::a", "arn:aws:s3:::a/*", "arn:aws:s3:::b"];

    public sealed record Statement(bool Allow, string[] Actions, string[] Resources, bool AnyPrincipal, string? SourceVpce);

    private static Gen<Statement> StatementGen() =>
        from allow in Gen.Elements(true, false)
        from actions in Gen.SubListOf(Actions).Where(l => l.Count > 0)
        from resources in Gen.SubListOf(Resources).Where(l => l.Count > 0)
        from anyPrincipal in Gen.Elements(true, false)
        from vpce in Gen.Elements<string?>(null, "vpce-1", "vpce-2")
        select new Statement(allow, actions.ToArray(), resources.ToArray(), anyPrincipal, vpce);

    private static string Render(IReadOnlyList<Statement> statements, int style)
    {
        // style varies the spelling only: statement order, single values unwrapped, principal form, key order, whitespace.
        var ordered = style % 2 == 0 ? statements : statements.Reverse().ToList();
        string List(string[] items, bool reverse)
        {
            var xs = reverse ? items.Reverse().ToArray() : items;
            return xs.Length == 1 && style % 3 == 0 ? $"\"{xs[0]}\"" : "[" + string.Join(", ", xs.Select(x => $"\"{x}\"")) + "]";
        }
        var parts = ordered.Select(s =>
        {
            var principal = s.AnyPrincipal
                ? (style % 4 < 2 ? "\"*\"" : "{\"AWS\": \"*\"}")
                : "{\"AWS\": [\"arn:aws:iam::111122223333:root\"]}";
            var condition = s.SourceVpce is null ? "" : $", \"Condition\": {{\"StringEquals\": {{\"aws:SourceVpce\": {List([s.SourceVpce], false)}}}}}";
            return style % 5 == 0
                ? $"{{\"Resource\": {List(s.Resources, true)}, \"Action\": {List(s.Actions, true)}, \"Principal\": {principal}, \"Effect\": \"{(s.Allow ? "Allow" : "Deny")}\"{condition}}}"
                : $"{{\"Effect\":\"{(s.Allow ? "Allow" : "Deny")}\",\"Principal\":{principal},\"Action\":{List(s.Actions, false)},\"Resource\":{List(s.Resources, false)}{condition}}}";
        });
        var sep = style % 2 == 0 ? "," : ",\n   ";
        return $"{{\"Version\":\"2012-10-17\",\"Statement\":[{string.Join(sep, parts)}]}}";
    }

    [Property(MaxTest = 200)]
    public Property Spelling_does_not_change_the_canonical_form() =>
        Prop.ForAll(
            StatementGen().ListOf().Where(l => l.Count > 0).ToArbitrary(),
            Gen.Choose(0, 59).ToArbitrary(),
            (statements, style) => PolicyDocument.Canonicalize(Render(statements.ToList(), 0)) ==
                                   PolicyDocument.Canonicalize(Render(statements.ToList(), style)));

    [Property(MaxTest = 200)]
    public Property Flipping_an_effect_changes_the_canonical_form() =>
        Prop.ForAll(
            StatementGen().ListOf().Where(l => l.Count > 0).ToArbitrary(),
            statements =>
            {
                var list = statements.ToList();
                var flipped = list.Select((s, i) => i == 0 ? s with { Allow = !s.Allow } : s).ToList();
                // A flip can only vanish when the flipped statement now duplicates another.
                var duplicates = list.Skip(1).Any(s => PolicyDocument.Canonicalize(Render([s], 0)) == PolicyDocument.Canonicalize(Render([flipped[0]], 0)));
                return duplicates || PolicyDocument.Canonicalize(Render(list, 0)) != PolicyDocument.Canonicalize(Render(flipped, 0));
            });
}
