namespace Vpce.Ports.Kube;

/// <summary>The API server refused a call for another reason than a conflict or a missing object (403 Forbidden, 422
/// Invalid, 5xx), with its HTTP status.</summary>
public sealed class KubeApiException(int statusCode, string message, Exception? inner = null) : Exception(message, inner)
{
    public int StatusCode { get; } = statusCode;
}
