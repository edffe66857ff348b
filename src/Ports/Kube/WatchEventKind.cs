namespace Vpce.Ports.Kube;

public enum WatchEventKind
{
    Added,
    Modified,
    Deleted,
    Bookmark,
}
