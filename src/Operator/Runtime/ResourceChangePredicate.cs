using Vpce.Crds;

namespace Vpce.Operator.Runtime;

/// <summary>Which updates are worth a reconcile. The operator's own status writes come back as Modified events; reconciling
/// on them would loop. So, like controller-runtime's GenerationChangedPredicate (plus the metadata the operator reacts to),
/// an update counts only when the spec changed (metadata.generation), the object was recreated (uid), deletion began
/// (deletionTimestamp), or finalizers, labels or annotations changed. A status- or resourceVersion-only change does not;
/// the periodic resync still revisits every object.</summary>
public static class ResourceChangePredicate
{
    public static bool IsRelevant(ICustomResource previous, ICustomResource current)
    {
        var before = previous.Metadata;
        var after = current.Metadata;
        return before.Generation != after.Generation
            || before.Uid != after.Uid
            || before.DeletionTimestamp != after.DeletionTimestamp
            || !SameList(before.Finalizers, after.Finalizers)
            || !SameMap(before.Labels, after.Labels)
            || !SameMap(before.Annotations, after.Annotations);
    }

    private static bool SameList(List<string>? a, List<string>? b) =>
        (a ?? []).SequenceEqual(b ?? []);

    private static bool SameMap(Dictionary<string, string>? a, Dictionary<string, string>? b)
    {
        a ??= [];
        b ??= [];
        return a.Count == b.Count && a.All(pair => b.TryGetValue(pair.Key, out var value) && value == pair.Value);
    }
}
