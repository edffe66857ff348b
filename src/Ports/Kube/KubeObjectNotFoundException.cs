namespace Vpce.Ports.Kube;

/// <summary>The object is gone (HTTP 404).</summary>
public sealed class KubeObjectNotFoundException(string message, Exception? inner = null) : Exception(message, inner);
