using System.Text.Encodings.Web;
using System.Text.Json;

namespace Vpce.Simulation.Aws;

/// <summary>Policy JSON helpers shared by the EC2 and S3 sides.</summary>
internal static class PolicyDocuments
{
    /// <summary>The policy AWS attaches to an endpoint created without one (and after ResetPolicy).</summary>
    public const string EndpointFullAccess =
        """{"Version":"2008-10-17","Statement":[{"Effect":"Allow","Principal":"*","Action":"*","Resource":"*"}]}""";

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
