using Vpce.Crds;

namespace Vpce.Operator.Runtime;

/// <summary>Drops from an object, before the informer caches it, what no reconcile reads: kubectl's
/// last-applied-configuration annotation, a whole copy of the object as last applied (about a third of a decoded
/// VpcEndpoint). managedFields is not even decoded (<see cref="ObjectMetadata"/> has no such field). Safe because the
/// operator never writes an object back whole: it patches only status and finalizers.</summary>
public static class CacheTrim
{
    public const string LastAppliedAnnotation = "kubectl.kubernetes.io/last-applied-configuration";

    /// <summary>Trims <paramref name="resource"/> in place and returns it.</summary>
    public static T Trim<T>(T resource) where T : class, ICustomResource
    {
        var annotations = resource.Metadata.Annotations;
        if (annotations is not null && annotations.Remove(LastAppliedAnnotation) && annotations.Count == 0)
            resource.Metadata.Annotations = null;
        return resource;
    }
}
