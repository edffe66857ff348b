namespace Vpce.Ports.Kube;

/// <summary>The object changed since it was read (HTTP 409): read it again and retry.</summary>
public sealed class ConflictException(string message, Exception? inner = null) : Exception(message, inner);
