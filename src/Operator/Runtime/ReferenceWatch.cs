using Vpce.Crds;

namespace Vpce.Operator.Runtime;

/// <summary>controller-runtime's Watches with a map function: when an object of one kind changes (its status too), the
/// objects of another kind that reference it are queued at once, not only at the next resync.</summary>
public static class ReferenceWatch
{
    public static void Connect<TSource, TTarget>(ControllerHost<TSource> source, ControllerHost<TTarget> target,
        Func<TTarget, TSource, bool> references)
        where TSource : class, ICustomResource, new()
        where TTarget : class, ICustomResource, new()
    {
        source.ObjectChanged += changed => target.EnqueueWhere(candidate => references(candidate, changed));
    }
}
