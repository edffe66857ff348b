using Vpce.Operator.Model;

namespace Vpce.Tests.Unit;

public sealed class PrincipalArnsTests
{
    [Theory]
    [InlineData("arn:aws:sts::123456789012:assumed-role/vpce-operator/botocore-session-1", "arn:aws:iam::123456789012:role/vpce-operator")]
    [InlineData("arn:aws-cn:sts::123456789012:assumed-role/Op/i-0abc", "arn:aws-cn:iam::123456789012:role/Op")]
    [InlineData("arn:aws-us-gov:sts::123456789012:assumed-role/Op/s", "arn:aws-us-gov:iam::123456789012:role/Op")]
    [InlineData("arn:aws:iam::123456789012:user/ops/alice", "arn:aws:iam::123456789012:user/ops/alice")]
    [InlineData("arn:aws:iam::123456789012:role/Op", "arn:aws:iam::123456789012:role/Op")]
    [InlineData("arn:aws:iam::123456789012:root", "arn:aws:iam::123456789012:root")]
    [InlineData("arn:aws:sts::123456789012:federated-user/bob", "arn:aws:sts::123456789012:federated-user/bob")]
    [InlineData("not an arn", "not an arn")]
    [InlineData("arn:aws:sts::123456789012:user/moto", "arn:aws:iam::123456789012:user/moto")]
    public void The_caller_is_seen_as_aws_PrincipalArn_sees_it(string caller, string principal) =>
        Assert.Equal(principal, PrincipalArns.ForCaller(caller));

    [Theory]
    [InlineData("arn:aws:iam::123456789012:role/Op", "arn:aws:iam::123456789012:role/Op", true)]
    [InlineData("arn:aws:iam::123456789012:role/O*", "arn:aws:iam::123456789012:role/Op", true)]
    [InlineData("arn:aws:iam::123456789012:role/O?", "arn:aws:iam::123456789012:role/Op", true)]
    [InlineData("arn:aws:iam::123456789012:role/O?", "arn:aws:iam::123456789012:role/Opx", false)]
    [InlineData("arn:aws:iam::*:role/Op", "arn:aws:iam::123456789012:role/Op", true)]
    [InlineData("arn:aws:iam::123456789012:role/op", "arn:aws:iam::123456789012:role/Op", false)]
    [InlineData("arn:aws:iam::123456789012:role/*", "arn:aws:iam::123456789012:user/Op", false)]
    [InlineData("arn:aws:iam::111122223333:role/Op", "arn:aws:iam::123456789012:role/Op", false)]
    // A '*' does not run across a colon: each of the six parts is matched on its own.
    [InlineData("arn:aws:iam::*", "arn:aws:iam::123456789012:role/Op", false)]
    [InlineData("arn:*:iam::123456789012:role/Op", "arn:aws:iam::123456789012:role/Op", true)]
    // Colons in the resource part belong to it.
    [InlineData("arn:aws:iam::123456789012:role/a:*", "arn:aws:iam::123456789012:role/a:b", true)]
    public void Patterns_match_as_ArnLike_does(string pattern, string arn, bool matches) =>
        Assert.Equal(matches, PrincipalArns.ArnLike(pattern, arn));

    [Theory]
    // The assumed-role ARN drops the role's path; an exemption naming the role with its path still exempts it.
    [InlineData("arn:aws:iam::123456789012:role/platform/Op", true)]
    [InlineData("arn:aws:iam::123456789012:role/a/b/Op", true)]
    [InlineData("arn:aws:iam::123456789012:role/platform/O*", true)]
    [InlineData("arn:aws:iam::123456789012:role/platform/Other", false)]
    [InlineData("arn:aws:iam::111122223333:role/platform/Op", false)]
    [InlineData("arn:aws:iam::123456789012:user/platform/Op", false)]
    public void A_role_exemption_with_a_path_exempts_the_pathless_caller(string exemption, bool exempt) =>
        Assert.Equal(exempt, PrincipalArns.IsExempt(
            PrincipalArns.ForCaller("arn:aws:sts::123456789012:assumed-role/Op/session"), [exemption]));

    [Fact]
    public void A_user_with_a_path_needs_the_path()
    {
        Assert.True(PrincipalArns.IsExempt("arn:aws:iam::123456789012:user/ops/alice", ["arn:aws:iam::123456789012:user/ops/alice"]));
        Assert.False(PrincipalArns.IsExempt("arn:aws:iam::123456789012:user/ops/alice", ["arn:aws:iam::123456789012:user/alice"]));
    }

    [Fact]
    public void No_exemptions_exempt_nobody() =>
        Assert.False(PrincipalArns.IsExempt("arn:aws:iam::123456789012:role/Op", []));

    [Fact]
    public void Any_one_of_several_exemptions_is_enough() =>
        Assert.True(PrincipalArns.IsExempt("arn:aws:iam::123456789012:role/Op",
            ["arn:aws:iam::123456789012:role/break-glass", "arn:aws:iam::123456789012:role/Op"]));

    [Fact]
    public void Many_stars_do_not_take_long() =>
        Assert.False(PrincipalArns.ArnLike("arn:aws:iam::123456789012:" + string.Concat(Enumerable.Repeat("*a", 50)) + "b",
            "arn:aws:iam::123456789012:" + new string('a', 5000)));
}
