using System.Security.Cryptography;
using System.Text;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Vpce.Operator.Model;

namespace Vpce.Tests.Unit;

/// <summary>The idempotency token, hashed on the stack, is the one the heap-allocating form gave: a token AWS saw before a
/// restart must be the same after it.</summary>
public sealed class ClientTokensTests
{
    [Property(MaxTest = 300)]
    public Property The_token_is_the_sha256_form() =>
        Prop.ForAll(Gen.Elements("uid-1", "0b9f8c2e-1111-2222-3333-444455556666", "ns/name").ToArbitrary(),
            Gen.OneOf(Gen.Constant((string?)null), Gen.Elements("vpce-0123456789abcdef0", "", "é€𝄞", new string('x', 700)).Select(s => (string?)s)).ToArbitrary(),
            (uid, replaced) =>
            {
                var expected = $"vpce-op-{uid}-{Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(replaced ?? "")))[..8]}";
                Assert.Equal(expected, ClientTokens.ForObject(uid, replaced));
            });

    [Theory]
    [InlineData("0b9f8c2e-1111-2222-3333-444455556666")]
    [InlineData("a-namespace-of-sixty-three-characters-is-allowed-by-kubernetes/and-a-name-of-up-to-253")]
    [InlineData("ünïcödé-uid")]
    public void Every_token_is_at_most_64_ASCII_characters_and_one_per_object(string uid)
    {
        var token = ClientTokens.ForObject(uid, null);

        Assert.True(Ports.Aws.Ec2RequestLimits.IsClientToken(token), token);
        Assert.Equal(token, ClientTokens.ForObject(uid, null));
        Assert.NotEqual(token, ClientTokens.ForObject(uid + "x", null));
        Assert.NotEqual(token, ClientTokens.ForObject(uid, "vpce-0123456789abcdef0"));
    }
}
