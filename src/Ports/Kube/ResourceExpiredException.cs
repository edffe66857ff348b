namespace Vpce.Ports.Kube;

/// <summary>The watch's resourceVersion is too old (HTTP 410 Gone): relist.</summary>
public sealed class ResourceExpiredException(string message, Exception? inner = null) : Exception(message, inner);
