using System.Security.Cryptography;
using System.Text;
using Vpce.Ports.Aws;

namespace Vpce.Operator.Model;

/// <summary>Idempotency tokens for CreateVpcEndpoint. Derived from the object's UID, so a retry after a crash asks AWS
/// for the same endpoint again rather than a second one; and from the endpoint it replaces, so that re-creating an
/// endpoint deleted behind the operator's back is a new request to AWS. AWS allows at most 64 ASCII characters
/// (<see cref="Ec2RequestLimits.ClientTokenLength"/>): a UID (36) fits as it is; anything longer or not ASCII is hashed.</summary>
public static class ClientTokens
{
    private const string Prefix = "vpce-op-";

    public static string ForObject(string uid, string? replacedEndpointId)
    {
        // Every reconcile models one: hashed on the stack, so the token is the one string allocated.
        Span<char> replaced = stackalloc char[8];
        Hex(replacedEndpointId ?? "", replaced);
        if (Prefix.Length + uid.Length + 1 + replaced.Length <= Ec2RequestLimits.ClientTokenLength && Ascii.IsValid(uid))
        {
            return string.Concat(Prefix, uid, "-", replaced);
        }
        Span<char> object40 = stackalloc char[40];
        Hex(uid, object40);
        return string.Concat(Prefix, object40, "-", replaced);
    }

    /// <summary>The first <c>into.Length</c> hex digits of the SHA-256 of <paramref name="text"/>'s UTF-8.</summary>
    private static void Hex(string text, Span<char> into)
    {
        var utf8 = Encoding.UTF8.GetMaxByteCount(text.Length) <= 512 ? stackalloc byte[512] : new byte[Encoding.UTF8.GetMaxByteCount(text.Length)];
        var length = Encoding.UTF8.GetBytes(text, utf8);
        Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(utf8[..length], hash);
        Convert.TryToHexStringLower(hash[..(into.Length / 2)], into, out _);
    }
}
