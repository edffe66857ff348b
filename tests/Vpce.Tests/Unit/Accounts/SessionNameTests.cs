using System.Text.RegularExpressions;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Vpce.Operator.Observe;

namespace Vpce.Tests.Unit.Accounts;

/// <summary>The RoleSessionName: STS takes 2-64 characters of [\w+=,.@-] (ASCII), whatever the cluster is called.</summary>
public sealed class SessionNameTests
{
    private static readonly Regex StsSessionName = new("^[A-Za-z0-9_+=,.@-]{2,64}$", RegexOptions.CultureInvariant);

    [Theory]
    [InlineData("prod-eu", "vpce-operator-prod-eu")]
    [InlineData("", "vpce-operator-")]
    [InlineData("a_b+c=d,e.f@g-h", "vpce-operator-a_b+c=d,e.f@g-h")]
    [InlineData("prod eu/1", "vpce-operator-prod-eu-1")]
    [InlineData("préprod:eu", "vpce-operator-pr-prod-eu")]
    [InlineData("prod\n", "vpce-operator-prod-")]
    [InlineData("01234567890123456789012345678901234567890123456789", "vpce-operator-01234567890123456789012345678901234567890123456789")]
    [InlineData("012345678901234567890123456789012345678901234567890", "vpce-operator-01234567890123456789012345678901234567890123456789")]
    public void The_session_name_names_the_cluster(string cluster, string expected)
    {
        var name = CredentialCache.SessionNameFor(cluster);
        Assert.Equal(expected, name);
        Assert.Matches(StsSessionName, name);
    }

    private static Gen<string> ClusterNameGen() =>
        from length in Gen.Frequency((3, Gen.Choose(0, 40)), (1, Gen.Choose(41, 300)))
        from chars in Gen.ListOf(Gen.Frequency(
            (4, Gen.Elements("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_+=,.@-".ToCharArray())),
            (1, Gen.Choose(0, 0xFFFF).Select(i => (char)i))), length)
        select new string(chars.ToArray());

    [Property(MaxTest = 500)]
    public Property Any_cluster_name_gives_a_name_sts_takes() =>
        Prop.ForAll(ClusterNameGen().ToArbitrary(), cluster =>
        {
            var name = CredentialCache.SessionNameFor(cluster);
            var kept = ("vpce-operator-" + cluster).Length <= 64;
            return (StsSessionName.IsMatch(name) && name.StartsWith("vpce-operator-", StringComparison.Ordinal)
                    && name.Length == Math.Min(64, "vpce-operator-".Length + cluster.Length)
                    && (!kept || !cluster.All(c => char.IsAsciiLetterOrDigit(c) || "_+=,.@-".Contains(c)) || name == "vpce-operator-" + cluster))
                .Label($"{cluster} -> {name}");
        });

    [Fact]
    public void The_cache_uses_the_name_it_is_given() =>
        Assert.Equal("vpce-operator-prod-eu", new CredentialCache(new FakeAwsApis(TimeProvider.System), "eu-west-1",
            CredentialCache.SessionNameFor("prod-eu"), TimeProvider.System, new Vpce.Operator.Observability.OperatorMetrics()).SessionName);
}
