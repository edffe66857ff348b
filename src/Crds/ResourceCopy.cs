using System.Collections;
using System.Text.Json.Serialization.Metadata;
using System.Text.Json.Serialization;
using System.Text.Json;
namespace Vpce.Crds;

/// <summary>Deep copies, so what a reconciler changes never leaks into the informer's cache. The copy is the one a JSON
/// round trip through the CR types' contracts would give (a null property keeps the new object's default, as an omitted
/// one would), made by walking those contracts instead of writing and parsing text: every object, list and dictionary is
/// new, and strings, which nothing can change, are shared. This runs before every reconcile; the round trip was a fifth of
/// a clean reconcile's allocations.</summary>
public static class ResourceCopy
{
    private static readonly JsonSerializerOptions Options = Contracts();

    // Read-only options keep the contracts they hand out; unfrozen ones would make each anew on every ask.
    private static JsonSerializerOptions Contracts()
    {
        var options = new JsonSerializerOptions
        {
            DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
            TypeInfoResolver = CrdJsonContext.Default,
        };
        options.MakeReadOnly();
        return options;
    }

    /// <param name="strings">Given, each string of the copy is what it returns for the original's (a pool, as the API
    /// server adapter's decoding pools them); else the copy shares the original's strings.</param>
    public static T Of<T>(T resource, Func<string, string>? strings = null) where T : class, ICustomResource, new() =>
        Copy(resource, emptyAsAbsent: false, strings) as T ?? throw new InvalidOperationException($"copy of {resource.Kind} {resource.Metadata.Name} came back null");

    /// <summary>A deep copy of a status, to change where a reconcile shares the cached one (<see cref="ForReconcile{T}"/>).</summary>
    public static TStatus StatusOf<TStatus>(TStatus status) where TStatus : class, IResourceStatus =>
        Copy(status, emptyAsAbsent: false, strings: null) as TStatus ?? throw new InvalidOperationException($"copy of a {typeof(TStatus).Name} came back null");

    /// <summary>A copy to reconcile: its own metadata (which a reconcile changes: finalizers, the resource version), its own
    /// top-level fields (a reconcile sets its new status there), and the cached object's spec and status themselves, which
    /// a reconcile only reads (a new status is built, never the previous one changed). The deep copy of both was the
    /// largest single cost of a clean reconcile; the component tests check every reconcile leaves the cached object's
    /// JSON as it was.</summary>
    public static T ForReconcile<T>(T cached) where T : class, ICustomResource, new()
    {
        var copy = (T)cached.SharingValues();
        copy.Metadata = Copy(cached.Metadata, strings: null);
        return copy;
    }

    /// <summary>A copy of <paramref name="resource"/> whose status is <paramref name="status"/> as a JSON merge patch that
    /// sends every empty list and dictionary as null stores it (at any depth, such a member keeps the new object's
    /// default), what the in-memory API server stores for a status patch. The rest is copied as <see cref="Of{T}"/>.</summary>
    public static T WithPatchedStatus<T>(T resource, object? status, Func<string, string>? strings = null) where T : class, ICustomResource, new()
    {
        var copy = Of(resource, strings);
        var properties = Options.GetTypeInfo(typeof(T)).Properties;
        for (var i = 0; i < properties.Count; i++)
        {
            if (properties[i] is { Name: "status", Set: { } set })
            {
                set(copy, Copy(status, emptyAsAbsent: true, strings));
                return copy;
            }
        }
        throw new InvalidOperationException($"the {typeof(T).Name} contract has no settable status");
    }

    // Ten on every object: copied field by field, without boxing its time and generation through the contract's getters.
    // A test fills every property the contract has and checks this copy keeps each.
    private static Condition Copy(Condition c, Func<string, string>? strings)
    {
        var copy = new Condition { LastTransitionTime = c.LastTransitionTime, ObservedGeneration = c.ObservedGeneration };
        if (c.Type is not null) copy.Type = Text(c.Type, strings);
        if (c.Status is not null) copy.Status = Text(c.Status, strings);
        if (c.Reason is not null) copy.Reason = Text(c.Reason, strings);
        if (c.Message is not null) copy.Message = Text(c.Message, strings);
        return copy;
    }

    private static string Text(string text, Func<string, string>? strings) => strings is null ? text : strings(text);

    private static string? MaybeText(string? text, Func<string, string>? strings) => text is null ? null : Text(text, strings);

    private static List<string> Texts(List<string> texts, Func<string, string>? strings)
    {
        if (strings is null)
        {
            return new List<string>(texts);
        }
        var copy = new List<string>(texts.Count);
        foreach (var text in texts)
        {
            copy.Add(strings(text));
        }
        return copy;
    }

    private static Dictionary<string, string> Pairs(Dictionary<string, string> pairs, Func<string, string>? strings)
    {
        if (strings is null)
        {
            return new Dictionary<string, string>(pairs);
        }
        var copy = new Dictionary<string, string>(pairs.Count, pairs.Comparer);
        foreach (var (key, value) in pairs)
        {
            copy[strings(key)] = strings(value);
        }
        return copy;
    }

    // On every object and in every reconcile's copy: field by field, without boxing its generation and times.
    private static ObjectMetadata Copy(ObjectMetadata m, Func<string, string>? strings) => new()
    {
        Name = Text(m.Name, strings),
        Namespace = MaybeText(m.Namespace, strings),
        Uid = MaybeText(m.Uid, strings),
        ResourceVersion = MaybeText(m.ResourceVersion, strings),
        Generation = m.Generation,
        CreationTimestamp = m.CreationTimestamp,
        DeletionTimestamp = m.DeletionTimestamp,
        Finalizers = m.Finalizers is null ? null : Texts(m.Finalizers, strings),
        Labels = m.Labels is null ? null : Pairs(m.Labels, strings),
        Annotations = m.Annotations is null ? null : Pairs(m.Annotations, strings),
    };

    // A gateway's status holds one per subnet: field by field, without boxing its two flags.
    private static SubnetCoverage Copy(SubnetCoverage c, Func<string, string>? strings) => new()
    {
        SubnetId = Text(c.SubnetId, strings),
        RouteTableId = MaybeText(c.RouteTableId, strings),
        MainRouteTable = c.MainRouteTable,
        Covered = c.Covered,
        DefaultRouteTarget = MaybeText(c.DefaultRouteTarget, strings),
    };

    // The new object made its own empty list or dictionary already: nothing to copy into it (most of a status's lists).
    private static bool FreshAndEmpty(object member, object? made) =>
        member is ICollection { Count: 0 } && made is ICollection { Count: 0 } && !ReferenceEquals(member, made) && member.GetType() == made.GetType();

    private static object? Copy(object? value, bool emptyAsAbsent, Func<string, string>? strings)
    {
        switch (value)
        {
            case null:
                return null;
            case string text:
                return Text(text, strings);
            case List<string> texts:
                return Texts(texts, strings);
            case Dictionary<string, string> pairs:
                return Pairs(pairs, strings);
            case Condition condition:
                return Copy(condition, strings);
            case ObjectMetadata metadata:
                return Copy(metadata, strings);
            case SubnetCoverage coverage:
                return Copy(coverage, strings);
        }
        if (value.GetType().IsValueType)
        {
            return value;
        }
        var contract = Options.GetTypeInfo(value.GetType());
        switch (contract.Kind)
        {
            case JsonTypeInfoKind.Object when contract.CreateObject is { } create:
                var copy = create();
                var properties = contract.Properties;
                for (var i = 0; i < properties.Count; i++)
                {
                    var property = properties[i];
                    if (property is { Get: { } get, Set: { } set } && get(value) is { } member && !FreshAndEmpty(member, get(copy))
                        && !(emptyAsAbsent && member is ICollection { Count: 0 }))
                    {
                        set(copy, Copy(member, emptyAsAbsent, strings));
                    }
                }
                return copy;
            case JsonTypeInfoKind.Enumerable when value is IList items && contract.CreateObject?.Invoke() is IList list:
                for (var i = 0; i < items.Count; i++)
                {
                    list.Add(Copy(items[i], emptyAsAbsent, strings));
                }
                return list;
            default:
                throw new NotSupportedException($"ResourceCopy cannot copy a {value.GetType()}: add it to the cases above");
        }
    }
}
