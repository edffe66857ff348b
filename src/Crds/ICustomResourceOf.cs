namespace Vpce.Crds;

/// <summary>A custom resource whose status the operator reads and sets as its own type.</summary>
public interface ICustomResource<TStatus> : ICustomResource where TStatus : class, IResourceStatus
{
    new TStatus? Status { get; set; }
}
