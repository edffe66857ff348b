using Vpce.Operator.Model;
using Vpce.Ports.Aws;

namespace Vpce.Operator.Diff;

/// <summary>Desired versus actual → the delta. Pure: the same delta drives drift reporting, planned changes and the Modify call.</summary>
public static class EndpointDiff
{
    /// <param name="routesMayShowLate">The endpoint's route tables changed so recently that EC2 may not show their routes yet
    /// (it is eventually consistent): a missing route is then awaited, not drift.</param>
    public static EndpointDelta Compute(
        DesiredEndpoint desired, AwsEndpoint actual, ManagedSets managed,
        string? prefixListId = null, IReadOnlyList<AwsRouteTable>? associatedRouteTables = null, bool routesMayShowLate = false)
    {
        var differences = new List<FieldDifference>(0);
        var routeTables = desired.IsGateway
            ? SetChange.Compute(desired.RouteTableIds, actual.RouteTableIds, managed.RouteTableIds, desired.Additive)
            : SetChange.None;
        var subnets = desired.IsGateway
            ? SetChange.None
            : SetChange.Compute(desired.SubnetIds, actual.SubnetIds, managed.SubnetIds, desired.Additive);
        var groups = desired.IsGateway
            ? SetChange.None
            : SetChange.Compute(desired.SecurityGroupIds, actual.SecurityGroupIds, managed.SecurityGroupIds, desired.Additive);
        AddSetDifference(differences, "routeTableIds", DriftReasons.RouteTablesChanged, routeTables, desired.RouteTableIds, actual.RouteTableIds, desired.Additive);
        AddSetDifference(differences, "subnetIds", DriftReasons.SubnetsChanged, subnets, desired.SubnetIds, actual.SubnetIds, desired.Additive);
        AddSetDifference(differences, "securityGroupIds", DriftReasons.SecurityGroupsChanged, groups, desired.SecurityGroupIds, actual.SecurityGroupIds, desired.Additive);

        bool? privateDns = null;
        if (desired.PrivateDnsEnabled is { } wantDns && wantDns != actual.PrivateDnsEnabled)
        {
            privateDns = wantDns;
            differences.Add(new("privateDnsEnabled", DriftReasons.PrivateDnsChanged, BoolText(wantDns), BoolText(actual.PrivateDnsEnabled)));
        }

        string? newPolicy = null;
        var resetPolicy = false;
        if (!PolicyMatches(desired.PolicyDocument, actual.PolicyDocument))
        {
            differences.Add(new("policyDocument", DriftReasons.PolicyChanged,
                desired.PolicyDocument is null ? "AWS's full-access default" : PolicyDocument.Canonicalize(desired.PolicyDocument),
                actual.PolicyDocument is null ? "none" : SafeCanonical(actual.PolicyDocument)));
            newPolicy = desired.PolicyDocument;
            resetPolicy = desired.PolicyDocument is null;
        }

        var tagsToSet = TagsToSet(desired.Tags, actual.Tags);
        var specTagKeys = SpecTagKeys(desired.Tags, managed.TagKeys);
        var tagKeysToRemove = managed.TagKeys.Count == 0 ? [] : managed.TagKeys.Except(desired.Tags.Keys).Where(actual.Tags.ContainsKey)
            .Where(k => !OwnershipTags.IsReserved(k)).Order(StringComparer.Ordinal).ToList();
        if (tagsToSet.Count > 0 || tagKeysToRemove.Count > 0)
        {
            differences.Add(new("tags", DriftReasons.TagsChanged,
                ListText(tagsToSet.Select(t => $"{t.Key}={t.Value}").Concat(tagKeysToRemove.Select(k => $"{k} absent"))),
                ListText(tagsToSet.Keys.Concat(tagKeysToRemove).Select(k => actual.Tags.TryGetValue(k, out var v) ? $"{k}={v}" : $"{k} absent"))));
        }

        // A gateway route table that stays associated but lost the prefix-list route.
        var reassociate = new List<string>(0);
        IReadOnlyList<string> awaited = [];
        if (desired.IsGateway && prefixListId is not null && associatedRouteTables is { Count: > 0 })
        {
            // Loops, not LINQ: every clean reconcile of a gateway passes here.
            foreach (var table in associatedRouteTables)
            {
                if (desired.RouteTableIds.Contains(table.RouteTableId) && !routeTables.Remove.Contains(table.RouteTableId)
                    && !HasRoute(table, prefixListId, actual.VpcEndpointId))
                {
                    reassociate.Add(table.RouteTableId);
                }
            }
            reassociate.Sort(StringComparer.Ordinal);
            if (reassociate.Count > 0 && routesMayShowLate)
            {
                awaited = [.. reassociate];
                reassociate.Clear();
            }
            if (reassociate.Count > 0)
            {
                differences.Add(new("routes", DriftReasons.RoutesMissing,
                    $"a route to {prefixListId} through {actual.VpcEndpointId} in {ListText(reassociate)}",
                    $"no such route in {ListText(reassociate)}"));
            }
        }

        return new EndpointDelta
        {
            Differences = differences,
            Modify = new ModifyEndpointRequest
            {
                VpcEndpointId = actual.VpcEndpointId,
                AddRouteTableIds = routeTables.Add,
                RemoveRouteTableIds = routeTables.Remove,
                AddSubnetIds = subnets.Add,
                RemoveSubnetIds = subnets.Remove,
                AddSecurityGroupIds = groups.Add,
                RemoveSecurityGroupIds = groups.Remove,
                PolicyDocument = newPolicy,
                ResetPolicy = resetPolicy,
                PrivateDnsEnabled = privateDns,
            },
            ReassociateRouteTableIds = reassociate,
            RoutesNotShownYet = awaited,
            TagsToSet = tagsToSet,
            TagKeysToRemove = tagKeysToRemove,
            ManagedAfter = ManagedAfter(desired.Additive, routeTables, subnets, groups, specTagKeys, managed),
        };
    }

    // What the operator manages after: the sets it had when they say the same (the clean case), else new ones.
    private static ManagedSets ManagedAfter(bool additive, SetChange routeTables, SetChange subnets, SetChange groups,
        IReadOnlyList<string> tagKeys, ManagedSets before)
    {
        var after = additive ? new ManagedSets(routeTables.ManagedAfter, subnets.ManagedAfter, groups.ManagedAfter) : ManagedSets.Empty;
        if (Same(after.RouteTableIds, before.RouteTableIds) && Same(after.SubnetIds, before.SubnetIds)
            && Same(after.SecurityGroupIds, before.SecurityGroupIds) && Same(tagKeys, before.TagKeys))
        {
            return before;
        }
        return after with { TagKeys = tagKeys };
    }

    // Tags the endpoint lacks or has otherwise; none (and nothing allocated) when it has them all.
    private static IReadOnlyDictionary<string, string> TagsToSet(IReadOnlyDictionary<string, string> desired, IReadOnlyDictionary<string, string> actual)
    {
        Dictionary<string, string>? set = null;
        foreach (var (key, value) in desired)
        {
            if (!actual.TryGetValue(key, out var current) || current != value)
            {
                (set ??= [])[key] = value;
            }
        }
        return set ?? (IReadOnlyDictionary<string, string>)Tag.None;
    }

    // The spec's own tag keys, sorted: the managed keys themselves when they are these already.
    private static IReadOnlyList<string> SpecTagKeys(IReadOnlyDictionary<string, string> desired, IReadOnlyList<string> managed)
    {
        if (desired is SortedDictionary<string, string> { Comparer: var comparer } sorted && ReferenceEquals(comparer, StringComparer.Ordinal))
        {
            var i = 0;
            var same = true;
            foreach (var key in sorted.Keys)
            {
                if (OwnershipTags.IsReserved(key))
                {
                    continue;
                }
                same = same && i < managed.Count && managed[i] == key;
                i++;
            }
            if (same && i == managed.Count)
            {
                return managed;
            }
        }
        return desired.Keys.Where(k => !OwnershipTags.IsReserved(k)).Order(StringComparer.Ordinal).ToList();
    }

    private static bool Same(IReadOnlyList<string> a, IReadOnlyList<string> b)
    {
        if (ReferenceEquals(a, b))
        {
            return true;
        }
        if (a.Count != b.Count)
        {
            return false;
        }
        for (var i = 0; i < a.Count; i++)
        {
            if (a[i] != b[i])
            {
                return false;
            }
        }
        return true;
    }

    /// <summary>No policy in the spec means AWS's full-access default; anything else is compared by meaning.</summary>
    public static bool PolicyMatches(string? desired, string? actual)
    {
        if (desired is null)
        {
            return SafeIsFullAccess(actual);
        }
        return actual is not null && SafeCanonical(actual) == PolicyDocument.Canonicalize(desired);
    }

    private static void AddSetDifference(List<FieldDifference> differences, string field, string reason, SetChange change,
        IReadOnlyList<string> desired, IReadOnlyList<string> actual, bool additive)
    {
        if (change.Differs)
        {
            var want = additive ? $"{ListText(desired)} (additive)" : ListText(desired);
            differences.Add(new(field, reason, want, ListText(actual.Order(StringComparer.Ordinal))));
        }
    }

    private static bool SafeIsFullAccess(string? document)
    {
        try
        {
            return PolicyDocument.IsFullAccess(document);
        }
        catch (Exception e) when (e is System.Text.Json.JsonException or FormatException or InvalidOperationException)
        {
            return false;
        }
    }

    private static string SafeCanonical(string document)
    {
        try
        {
            return PolicyDocument.Canonicalize(document);
        }
        catch (Exception e) when (e is System.Text.Json.JsonException or FormatException or InvalidOperationException)
        {
            return document;
        }
    }

    private static bool HasRoute(AwsRouteTable table, string prefixListId, string endpointId)
    {
        foreach (var route in table.Routes)
        {
            if (route.DestinationPrefixListId == prefixListId && route.GatewayId == endpointId)
            {
                return true;
            }
        }
        return false;
    }

    public static string ListText(IEnumerable<string> ids) => "[" + string.Join(",", ids) + "]";

    private static string BoolText(bool value) => value ? "true" : "false";
}
