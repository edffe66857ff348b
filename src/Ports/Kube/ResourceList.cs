namespace Vpce.Ports.Kube;

public sealed record ResourceList<T>(IReadOnlyList<T> Items, string ResourceVersion);
