using Vpce.Ports.Aws;

namespace Vpce.Tests.Unit;

/// <summary>IAM's '*' and '?' as actions (case-insensitively), resources and Like conditions (exactly) use them.</summary>
public sealed class IamWildcardsTests
{
    [Theory]
    [InlineData("s3:Get*", "s3:GetObject", true, true)]
    [InlineData("s3:get*", "s3:GetObject", true, true)]
    [InlineData("s3:get*", "s3:GetObject", false, false)]
    [InlineData("*", "", false, true)]
    [InlineData("a*", "a", false, true)]
    [InlineData("a?c", "abc", false, true)]
    [InlineData("a?c", "ac", false, false)]
    [InlineData("arn:aws:s3:::bucket/*", "arn:aws:s3:::bucket/a/b", false, true)]
    [InlineData("arn:aws:s3:::bucket/*", "arn:aws:s3:::bucket2/a", false, false)]
    [InlineData("*Object*Acl", "s3:PutObjectVersionAcl", true, true)]
    [InlineData("**", "x", false, true)]
    [InlineData("", "x", false, false)]
    public void Matches_as_IAM_does(string pattern, string text, bool ignoreCase, bool matches) =>
        Assert.Equal(matches, IamWildcards.Matches(pattern, text, ignoreCase));
}
