using System.Text.RegularExpressions;
using Vpce.Operator.Model;

namespace Vpce.Tests.Unit;

public sealed class StatementSidsTests
{
    [Theory]
    [InlineData("platform", "reports-private", "VpceReportsPrivatePlatform")]
    [InlineData("platform", "reports", "VpceReportsPlatform")]
    [InlineData("ns1", "s3-private2", "VpceS3Private2Ns1")]
    [InlineData("a", "b", "VpceBA")]
    public void Readable_names_give_the_readable_sid(string @namespace, string name, string sid) =>
        Assert.Equal(sid, StatementSids.Derive(@namespace, name));

    [Theory]
    [InlineData("team-a", "reports")]
    [InlineData("platform", "reports.private")]
    [InlineData("platform", "web-2")]
    [InlineData("platform", "a--b")]
    [InlineData("9lives", "reports")]
    public void Names_the_readable_form_cannot_tell_apart_get_a_hash(string @namespace, string name)
    {
        var sid = StatementSids.Derive(@namespace, name);
        Assert.Matches("^Vpce[0-9a-f]{10}[A-Za-z0-9]*$", sid);
        Assert.Equal(sid, StatementSids.Derive(@namespace, name));
    }

    [Theory]
    // Equal under plain PascalCase: '-' versus '.', a part starting with a digit, the name/namespace boundary, a doubled '-'.
    [InlineData("platform", "a-b", "platform", "a.b")]
    [InlineData("platform", "web-2", "platform", "web2")]
    [InlineData("platform", "reports-private", "private-platform", "reports")]
    [InlineData("platform", "a-b", "platform", "a--b")]
    // Differ by case alone: "AB" versus "Ab".
    [InlineData("platform", "a-b", "platform", "ab")]
    public void Distinct_objects_get_distinct_sids(string namespaceA, string nameA, string namespaceB, string nameB) =>
        Assert.NotEqual(StatementSids.Derive(namespaceA, nameA), StatementSids.Derive(namespaceB, nameB));

    [Fact]
    public void Long_names_are_cut_to_the_limit_and_stay_distinct()
    {
        var name = string.Join("-", Enumerable.Repeat("segment", 30));
        var a = StatementSids.Derive("platform", name + "-a");
        var b = StatementSids.Derive("platform", name + "-b");
        Assert.Equal(StatementSids.MaxLength, a.Length);
        Assert.Equal(StatementSids.MaxLength, b.Length);
        Assert.NotEqual(a, b);
        Assert.StartsWith("Vpce", a);
    }

    [Theory]
    [InlineData("platform", "reports-private")]
    [InlineData("kube-system", "a.b.c-d")]
    [InlineData("", "x")]
    [InlineData("platform", "Upper_Case!")]
    public void Derived_sids_are_alphanumeric(string @namespace, string name) =>
        Assert.Matches(new Regex("^[A-Za-z0-9]+$"), StatementSids.Derive(@namespace, name));

    [Theory]
    [InlineData("Custom1", "Custom1")]
    [InlineData("", "VpceReportsPrivatePlatform")]
    [InlineData(null, "VpceReportsPrivatePlatform")]
    public void The_spec_sid_is_used_as_given_when_set(string? specSid, string sid) =>
        Assert.Equal(sid, StatementSids.For(specSid, "platform", "reports-private"));
}
