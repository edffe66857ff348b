using System.Text.Encodings.Web;
using System.Text.Json;

namespace Vpce.Simulation.Aws;

/// <summary>Policy JSON helpers shared by the EC2 and S3 sides.</summary>
internal static class PolicyDocuments
{
    /// <summary>The full-access policy AWS attaches to a gateway endpoint created without one (and after ResetPolicy), as
    /// DescribeVpcEndpoints shows it: compact, Version 2008-10-17 (hashicorp/terraform-provider-aws's acceptance tests and
    /// moto's VPCEndPoint.DEFAULT_POLICY read it so).</summary>
    public const string GatewayEndpointFullAccess =
        """{"Version":"2008-10-17","Statement":[{"Effect":"Allow","Principal":"*","Action":"*","Resource":"*"}]}""";

    /// <summary>The full-access policy an interface endpoint gets: no Version, keys in alphabetical order, pretty-printed
    /// with a space before each line break (the default endpoint policy of
    /// https://docs.aws.amazon.com/vpc/latest/privatelink/vpc-endpoints-access.html#default-endpoint-policy, as
    /// DescribeVpcEndpoints returns it; getmoto/moto#5602 quotes the same document).</summary>
    public const string InterfaceEndpointFullAccess =
        "{\n  \"Statement\": [\n    {\n      \"Action\": \"*\", \n      \"Effect\": \"Allow\", \n      \"Principal\": \"*\", \n      \"Resource\": \"*\"\n    }\n  ]\n}";

    /// <summary>The policy AWS attaches to an endpoint of this type created without one, or after ResetPolicy.</summary>
    public static string EndpointFullAccess(string type) =>
        type == EndpointServiceCatalog.Gateway ? GatewayEndpointFullAccess : InterfaceEndpointFullAccess;

    /// <summary>The document parsed, or null when it is not JSON.</summary>
    public static JsonDocument? TryParse(string document)
    {
        try
        {
            return JsonDocument.Parse(document);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>Size as AWS counts it: UTF-8 bytes with the whitespace between tokens taken out.</summary>
    public static int NormalizedSize(JsonDocument document)
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = false, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
            document.WriteTo(writer);
        return (int)stream.Length;
    }
}
