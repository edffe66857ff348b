namespace Vpce.Ports.Kube;

/// <summary>The object that controls a ConfigMap: its ownerReference with controller=true. The garbage collector deletes the
/// ConfigMap with this object.</summary>
public sealed record ConfigMapOwner(string ApiVersion, string Kind, string Name, string Uid);
