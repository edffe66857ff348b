using Vpce.Crds;

namespace Vpce.Operator.Runtime;

/// <summary>What an <see cref="Informer{T}"/> tells its owner after updating its cache.</summary>
public interface IResourceEventHandler<in T> where T : class, ICustomResource, new()
{
    void OnAdded(T resource);

    void OnUpdated(T previous, T current);

    /// <summary>Deleted, seen in a watch or found missing on a relist.</summary>
    void OnDeleted(T resource);
}
