using Vpce.Ports.Kube;

namespace Vpce.Simulation.Kube;

/// <summary>Whether the in-memory API server can be reached. While an outage lasts, every call of the ports fails as the
/// client adapter reports a refused connection (<see cref="KubeUnavailableException"/>); the store keeps its objects and
/// their history, as etcd does while kube-apiserver restarts, so a watch resumes from its resourceVersion afterwards.</summary>
public sealed class InMemoryOutage
{
    private volatile bool _ongoing;

    public bool IsOngoing => _ongoing;

    public void Begin() => _ongoing = true;

    public void End() => _ongoing = false;

    /// <exception cref="KubeUnavailableException">The outage is on.</exception>
    public void ThrowIfOngoing(string operation)
    {
        if (_ongoing) throw Refused(operation);
    }

    /// <summary>What the adapter throws for <paramref name="operation"/> on a refused connection.</summary>
    public static KubeUnavailableException Refused(string operation) =>
        new($"{operation}: the API server could not be reached: Connection refused");
}
