using System.Collections.Concurrent;
using System.Collections;
using Vpce.Ports.Aws;

namespace Vpce.Operator.Model;

/// <summary>The endpoints of one VPC, ordered by id (one per id, the last given wins), with what the companion check asks
/// of them found once instead of on every reconcile: the usable endpoints of each service, and the check's answers. Built
/// from immutable snapshot values and never changed, so its answers are those of <see cref="CompanionCheck"/> over the same
/// endpoints for as long as it lives; the snapshot makes a new one when the VPC's endpoints change.</summary>
public sealed class VpcEndpointSet : IReadOnlyList<AwsEndpoint>
{
    public static readonly VpcEndpointSet Empty = new([]);

    private readonly AwsEndpoint[] _ordered;
    private Dictionary<string, AwsEndpoint[]>? _usableByService;
    // Keyed by what the check is asked; a VPC's dependents ask about a handful of services, so this stays small.
    private readonly ConcurrentDictionary<(string Region, string ServiceName, string Type), IReadOnlyList<CompanionReport>> _reports = new(concurrencyLevel: 1, capacity: 4);

    private VpcEndpointSet(AwsEndpoint[] ordered) => _ordered = ordered;

    public static VpcEndpointSet Of(IEnumerable<AwsEndpoint> endpoints)
    {
        var byId = new Dictionary<string, AwsEndpoint>(StringComparer.Ordinal);
        foreach (var endpoint in endpoints)
        {
            byId[endpoint.VpcEndpointId] = endpoint;
        }
        var ordered = byId.Values.ToArray();
        Array.Sort(ordered, (a, b) => string.CompareOrdinal(a.VpcEndpointId, b.VpcEndpointId));
        return new VpcEndpointSet(ordered);
    }

    /// <summary>These endpoints with <paramref name="over"/> laid over them by id.</summary>
    public VpcEndpointSet With(IEnumerable<AwsEndpoint> over) => Of(_ordered.Concat(over));

    /// <summary>True when the endpoint held under its id is this one (the same record), so laying it over changes nothing.</summary>
    public bool Holds(AwsEndpoint endpoint)
    {
        var i = IndexOf(endpoint.VpcEndpointId);
        return i >= 0 && (ReferenceEquals(_ordered[i], endpoint) || _ordered[i].Equals(endpoint));
    }

    public int Count => _ordered.Length;

    public AwsEndpoint this[int index] => _ordered[index];

    /// <summary>The usable (pending or available) endpoint of the service of the lowest id whose type is
    /// <paramref name="type"/> (or not reported), as the companion check picks it.</summary>
    public AwsEndpoint? FirstUsable(string serviceName, string type)
    {
        var usable = _usableByService ??= _ordered
            .Where(e => e.State is EndpointStates.Available or EndpointStates.Pending)
            .GroupBy(e => e.ServiceName, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.ToArray(), StringComparer.Ordinal);
        if (!usable.TryGetValue(serviceName, out var ofService))
        {
            return null;
        }
        foreach (var endpoint in ofService)
        {
            if (CompanionCheck.IsType(endpoint, type))
            {
                return endpoint;
            }
        }
        return null;
    }

    /// <summary>The companion check's answer for a dependent of this service and type, computed once per set.</summary>
    internal IReadOnlyList<CompanionReport> Reports(string region, string serviceName, string type,
        Func<(string Region, string ServiceName, string Type), VpcEndpointSet, IReadOnlyList<CompanionReport>> check) =>
        _reports.GetOrAdd((region, serviceName, type), check, this);

    public IEnumerator<AwsEndpoint> GetEnumerator() => ((IEnumerable<AwsEndpoint>)_ordered).GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    private int IndexOf(string id)
    {
        int lo = 0, hi = _ordered.Length - 1;
        while (lo <= hi)
        {
            var mid = lo + ((hi - lo) >> 1);
            var order = string.CompareOrdinal(_ordered[mid].VpcEndpointId, id);
            if (order == 0)
            {
                return mid;
            }
            if (order < 0)
            {
                lo = mid + 1;
            }
            else
            {
                hi = mid - 1;
            }
        }
        return -1;
    }
}
