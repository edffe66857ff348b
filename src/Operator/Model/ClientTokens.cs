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
        var replaced = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(replacedEndpointId ?? "")))[..8];
        return $"vpce-op-{uid}-{replaced}";
    }
}
