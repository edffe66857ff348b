namespace Vpce.Operator.Kube;

/// <summary>No usable client configuration: the kubeconfig is missing, unreadable or invalid, or there is none at all.
/// Nothing can be done about it by trying again.</summary>
public sealed class KubeconfigUnusableException(string message, Exception? inner = null) : Exception(message, inner);
