using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using Microsoft.Extensions.Logging;
using Vpce.Operator.Model;
using Vpce.Operator.Runtime;
using Vpce.Ports.Aws;

namespace Vpce.Operator.Observe;

/// <summary>Reads what the advisory checks need, from the shared snapshots only: the VPC's endpoints (one regional read per
/// window), the service's details (cached for an hour), the regions of the buckets a policy names (once per window per
/// bucket) and the caller identity (once per start). Advisory means a failed read fails nothing: that part is left out and
/// its condition keeps its last word. Never writes.</summary>
public sealed class AdvisoryReader(EndpointSnapshot snapshot, RegionCatalog catalog, AccountReads account, TimeProvider time, TimeSpan window,
    ILogger logger)
{
    // The buckets each object's policy names, so a bucket's cached region goes with the last object that names it.
    private readonly ConcurrentDictionary<ResourceKey, IReadOnlyList<string>> _bucketsOf = new();
    // Buckets whose region could not be read (another account's, a name nobody owns), and since when: asked again only
    // after a window, so a policy naming them costs no call per resync.
    private readonly ConcurrentDictionary<string, DateTimeOffset> _unreadable = new(StringComparer.Ordinal);
    // A VPC missing companions here: this cluster's endpoints of it laid over the others', kept while both reads stand.
    private readonly ConditionalWeakTable<VpcEndpointSet, MergedEndpoints> _merged = new();

    public async Task<AdvisoryReading> ReadAsync(ResourceKey key, DesiredEndpoint desired, AwsEndpoint? actual, CancellationToken ct)
    {
        var region = desired.Region;
        // The two reads of every reconcile are awaited in place rather than through Optional's delegate.
        AwsEndpointService? service;
        try
        {
            service = await catalog.GetServiceAsync(region, desired.ServiceName, desired.Type, ct);
        }
        catch (Exception e) when (IsAdvisoryFailure(e))
        {
            service = LeftOut<AwsEndpointService>(e, "the service's details");
        }
        IReadOnlyList<AwsEndpoint>? vpcEndpoints = null;
        if (CompanionSets.DependedOnBy(ServiceNames.ShortName(desired.ServiceName), desired.Type).Count > 0)
        {
            try
            {
                vpcEndpoints = await VpcEndpointsAsync(desired, actual, ct);
            }
            catch (Exception e) when (IsAdvisoryFailure(e))
            {
                vpcEndpoints = LeftOut<IReadOnlyList<AwsEndpoint>>(e, "the VPC's endpoints");
            }
        }
        var reading = new AdvisoryReading { Service = service, VpcEndpoints = vpcEndpoints };
        if (desired.PolicyDocument is not { } policy)
        {
            Forget(key);
            return reading;
        }
        var buckets = EndpointPolicyLint.NamedBuckets(desired.ServiceName, policy);
        Remember(key, buckets);
        var regions = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var bucket in buckets)
        {
            if (_unreadable.TryGetValue(bucket, out var since) && time.GetUtcNow() - since < window)
            {
                continue;
            }
            if (await Optional(() => account.Buckets.RegionAsync(bucket, ct), $"the region of bucket {bucket}") is { } bucketRegion)
            {
                regions[bucket] = bucketRegion;
                _unreadable.TryRemove(bucket, out _);
            }
            else
            {
                _unreadable[bucket] = time.GetUtcNow();
            }
        }
        var denies = PolicyStatements.Parse(policy).Any(s => s.IsDeny);
        var caller = denies ? await Optional(() => account.Identity.GetAsync(ct), "the caller identity") : null;
        return reading with { BucketRegions = regions, OperatorPrincipalArn = caller is null ? null : PrincipalArns.ForCaller(caller.Arn) };
    }

    /// <summary>The object is gone: the buckets only it named leave the bucket snapshot.</summary>
    public void Forget(ResourceKey key)
    {
        if (_bucketsOf.TryRemove(key, out var buckets))
        {
            ForgetUnnamed(buckets);
        }
    }

    private void Remember(ResourceKey key, IReadOnlyList<string> buckets)
    {
        var before = _bucketsOf.TryGetValue(key, out var earlier) ? earlier : [];
        _bucketsOf[key] = buckets;
        ForgetUnnamed(before.Except(buckets, StringComparer.Ordinal));
    }

    private void ForgetUnnamed(IEnumerable<string> buckets)
    {
        foreach (var bucket in buckets.Where(b => !_bucketsOf.Values.Any(named => named.Contains(b))).ToList())
        {
            account.Buckets.Forget(bucket);
            _unreadable.TryRemove(bucket, out _);
        }
    }

    // The VPC's endpoints the companion check needs. The operator's own (the owned snapshot records every create and every
    // fresh read) and the object's own endpoint as this reconcile left it come first; when they already hold every companion,
    // the VPC-wide read of other tools' endpoints is not needed and not made, so a VPC whose companions are all managed here
    // costs no call. Otherwise they are laid over the regional read of the VPC's other endpoints. The sets come from the
    // snapshot's values and are kept with them, so a clean reconcile builds none and the check's answer is the set's.
    private async ValueTask<IReadOnlyList<AwsEndpoint>> VpcEndpointsAsync(DesiredEndpoint desired, AwsEndpoint? actual, CancellationToken ct)
    {
        var (region, vpcId) = (desired.Region, desired.VpcId);
        var ours = await snapshot.OwnedInVpcAsync(region, vpcId, ct);
        if (actual is not null && actual.VpcId == vpcId && !ours.Holds(actual))
        {
            ours = ours.With([actual]);
        }
        if (AllPresent(CompanionCheck.Check(region, desired.ServiceName, desired.Type, ours)))
        {
            return ours;
        }
        var others = await snapshot.VpcEndpointsAsync(region, vpcId, ct);
        if (_merged.TryGetValue(ours, out var kept) && ReferenceEquals(kept.Others, others))
        {
            return kept.All;
        }
        var all = VpcEndpointSet.Of(others).With(ours);
        _merged.AddOrUpdate(ours, new MergedEndpoints(others, all));
        return all;
    }

    private static bool AllPresent(IReadOnlyList<CompanionReport> reports)
    {
        for (var i = 0; i < reports.Count; i++)
        {
            if (reports[i].Missing.Count > 0)
            {
                return false;
            }
        }
        return true;
    }

    private async Task<T?> Optional<T>(Func<Task<T>> read, string what) where T : class?
    {
        try
        {
            return await read();
        }
        catch (Exception e) when (IsAdvisoryFailure(e))
        {
            return LeftOut<T>(e, what);
        }
    }

    private static bool IsAdvisoryFailure(Exception e) => e is AwsApiException or AwsUnavailableException or AwsCallPacedException;

    private T? LeftOut<T>(Exception e, string what) where T : class?
    {
        logger.LogInformation("advisory check: could not read {What}: {Message}", what, e.Message);
        return null;
    }
}
