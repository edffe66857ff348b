using System.Collections;
using System.Text.Json;
using System.Text.Json.Serialization;
using Vpce.Crds;

namespace Vpce.Operator.Status;

/// <summary>Whether two statuses would be stored alike by the API server: a merge patch stores neither nulls nor empty lists
/// (StatusJson), and everything else as written, lists in order, times with their offset. Compared by walking the status
/// contracts, the element types field by field: this runs on every reconcile, and writing both statuses as JSON (the way
/// this was first done, which the tests still hold it to) allocated the serializer's frames each time.</summary>
public static class StoredStatus
{
    private static readonly JsonSerializerOptions Contracts = ReadOnly(new JsonSerializerOptions
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        TypeInfoResolver = CrdJsonContext.Default,
    });

    public static bool SameAs(object a, object b) => a.GetType() == b.GetType() && Same(a, b);

    private static JsonSerializerOptions ReadOnly(JsonSerializerOptions options)
    {
        options.MakeReadOnly();
        return options;
    }

    // Neither is stored: null, or an empty list.
    private static bool Absent(object? value) => value is null or ICollection { Count: 0 };

    private static bool Same(object? a, object? b)
    {
        if (Absent(a) || Absent(b))
        {
            return Absent(a) && Absent(b);
        }
        switch (a)
        {
            case string text:
                return b is string otherText && string.Equals(text, otherText, StringComparison.Ordinal);
            case Condition condition:
                return b is Condition otherCondition && Same(condition, otherCondition);
            case SubnetCoverage coverage:
                return b is SubnetCoverage otherCoverage && Same(coverage, otherCoverage);
            case DnsEntry entry:
                return b is DnsEntry otherEntry && entry.DnsName == otherEntry.DnsName && entry.HostedZoneId == otherEntry.HostedZoneId;
            case DriftEntry drift:
                return b is DriftEntry otherDrift && drift.Field == otherDrift.Field && drift.Desired == otherDrift.Desired
                    && drift.Actual == otherDrift.Actual && drift.DetectedAt.EqualsExact(otherDrift.DetectedAt);
            case DateTimeOffset time:
                // The stored text keeps the offset: the same instant written with another offset is another status.
                return b is DateTimeOffset otherTime && time.EqualsExact(otherTime);
            case IList items:
                return b is IList others && SameItems(items, others);
        }
        if (a!.GetType().IsValueType)
        {
            return a.Equals(b);
        }
        if (a.GetType() != b!.GetType())
        {
            return false;
        }
        var properties = Contracts.GetTypeInfo(a.GetType()).Properties;
        for (var i = 0; i < properties.Count; i++)
        {
            if (properties[i].Get is { } get && !Same(get(a), get(b)))
            {
                return false;
            }
        }
        return true;
    }

    private static bool SameItems(IList a, IList b)
    {
        if (a.Count != b.Count)
        {
            return false;
        }
        for (var i = 0; i < a.Count; i++)
        {
            // An item is written even when null: only properties are left out.
            if ((a[i] is null) != (b[i] is null) || (a[i] is not null && !Same(a[i], b[i])))
            {
                return false;
            }
        }
        return true;
    }

    // Ten on every status: field by field, without boxing its time and generation through the contract's getters. A test
    // fills every property the contract has.
    private static bool Same(Condition a, Condition b) =>
        a.Type == b.Type && a.Status == b.Status && a.Reason == b.Reason && a.Message == b.Message
        && a.LastTransitionTime.EqualsExact(b.LastTransitionTime) && a.ObservedGeneration == b.ObservedGeneration;

    private static bool Same(SubnetCoverage a, SubnetCoverage b) =>
        a.SubnetId == b.SubnetId && a.RouteTableId == b.RouteTableId && a.MainRouteTable == b.MainRouteTable && a.Covered == b.Covered
        && a.DefaultRouteTarget == b.DefaultRouteTarget;
}
