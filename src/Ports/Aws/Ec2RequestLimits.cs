namespace Vpce.Ports.Aws;

/// <summary>What EC2 takes in one request, where the operator has to fit (the simulator refuses more, as EC2 does).</summary>
public static class Ec2RequestLimits
{
    /// <summary>"A client token is a unique, case-sensitive string of up to 64 ASCII characters" (EC2 API reference,
    /// "Ensuring idempotency in Amazon EC2 API requests").</summary>
    public const int ClientTokenLength = 64;

    /// <summary>DeleteVpcEndpoints takes at most 25 ids: "InvalidParameter: Maximum number of VPC endpoints to delete was
    /// exceeded. You can provide up to 25 VPC endpoints." (as EC2 answers it, couchbaselabs/cbdinocluster#199).</summary>
    public const int DeleteVpcEndpointsIds = 25;

    /// <summary>Whether EC2 takes <paramref name="token"/> as a ClientToken.</summary>
    public static bool IsClientToken(string token) => token.Length <= ClientTokenLength && token.All(char.IsAscii);
}
