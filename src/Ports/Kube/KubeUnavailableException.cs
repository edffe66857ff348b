namespace Vpce.Ports.Kube;

/// <summary>The API server could not be reached: the connection was refused or dropped, or the call timed out (a
/// control-plane upgrade, a partition). Nothing was learnt about the object; the caller tries again later.</summary>
public sealed class KubeUnavailableException(string message, Exception? inner = null) : Exception(message, inner);
