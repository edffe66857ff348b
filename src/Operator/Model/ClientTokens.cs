using System.Security.Cryptography;
using System.Text;

namespace Vpce.Operator.Model;

/// <summary>Idempotency tokens for CreateVpcEndpoint. Derived from the object's UID, so a retry after a crash asks AWS
/// for the same endpoint again rather than a second one; and from the endpoint it replaces, so that re-creating an
/// endpoint deleted behind the operator's back is a new request to AWS. AWS allows at most 64 ASCII characters.</summary>
public static class ClientTokens
{
    public static string ForObject(string uid, string? replacedEndpointId)
    {
        // Every reconcile models one: hashed on the stack, so the token is the one string allocated.
        var id = replacedEndpointId ?? "";
        var utf8 = Encoding.UTF8.GetMaxByteCount(id.Length) <= 512 ? stackalloc byte[512] : new byte[Encoding.UTF8.GetMaxByteCount(id.Length)];
        var length = Encoding.UTF8.GetBytes(id, utf8);
        Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(utf8[..length], hash);
        Span<char> replaced = stackalloc char[8];
        Convert.TryToHexStringLower(hash[..4], replaced, out _);
        return string.Concat("vpce-op-", uid, "-", replaced);
    }
}
