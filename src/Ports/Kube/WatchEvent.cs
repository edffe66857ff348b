namespace Vpce.Ports.Kube;

public sealed record WatchEvent<T>(WatchEventKind Kind, T Object);
