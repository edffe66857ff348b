using System.Collections.Concurrent;
using Vpce.Ports.Aws;

namespace Vpce.Operator.Observe;

/// <summary>Endpoint services and prefix lists per region change rarely: ask AWS once an hour, not every reconcile.</summary>
public sealed class RegionCatalog(IEc2Api ec2, TimeProvider time)
{
    private static readonly TimeSpan Lifetime = TimeSpan.FromHours(1);
    private readonly ConcurrentDictionary<(string Region, string Service), (IReadOnlyList<AwsEndpointService> Details, DateTimeOffset At)> _services = new();
    private readonly ConcurrentDictionary<(string Region, string Service), (string? PrefixListId, DateTimeOffset At)> _prefixLists = new();
    // Each type's answer from the details read at At, as a finished task: every reconcile asks, twice.
    private readonly ConcurrentDictionary<(string Region, string Service, string Type), (Task<AwsEndpointService?> Answer, DateTimeOffset At)> _answers = new();

    /// <summary>The service's details in the region offering <paramref name="type"/>, or null when it is not offered so.
    /// AWS lists s3 and dynamodb twice, one detail per type.</summary>
    public Task<AwsEndpointService?> GetServiceAsync(string region, string serviceName, string type, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        if (_services.TryGetValue((region, serviceName), out var cached) && cached.Details.Count > 0 && now - cached.At < Lifetime
            && _answers.TryGetValue((region, serviceName, type), out var answer) && answer.At == cached.At)
        {
            return answer.Answer;
        }
        return ReadServiceAsync(region, serviceName, type, now, ct);
    }

    private async Task<AwsEndpointService?> ReadServiceAsync(string region, string serviceName, string type, DateTimeOffset now, CancellationToken ct)
    {
        // Only answers that name the service are kept: "no such service" is asked again next time, so a service that
        // appears (or a passing fault) is seen at the next reconcile rather than an hour later.
        if (!_services.TryGetValue((region, serviceName), out var cached) || cached.Details.Count == 0 || now - cached.At >= Lifetime)
        {
            IReadOnlyList<AwsEndpointService> details;
            try
            {
                details = (await ec2.DescribeVpcEndpointServicesAsync(region, [serviceName], ct))
                    .Where(s => s.ServiceName == serviceName).ToList();
            }
            catch (AwsApiException e) when (e.Code == AwsErrorCodes.InvalidServiceName)
            {
                details = [];
            }
            cached = (details, now);
            _services[(region, serviceName)] = cached;
        }
        var offered = cached.Details.FirstOrDefault(d => d.ServiceTypes.Contains(type, StringComparer.OrdinalIgnoreCase));
        if (cached.Details.Count > 0)
        {
            _answers[(region, serviceName, type)] = (Task.FromResult(offered), cached.At);
        }
        return offered;
    }

    /// <summary>Whether the region offers the service at all, in any type.</summary>
    public bool IsKnown(string region, string serviceName) =>
        _services.TryGetValue((region, serviceName), out var cached) && cached.Details.Count > 0;

    public async Task<string?> GetPrefixListIdAsync(string region, string serviceName, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        if (_prefixLists.TryGetValue((region, serviceName), out var cached) && now - cached.At < Lifetime)
        {
            return cached.PrefixListId;
        }
        var id = await ec2.DescribePrefixListIdAsync(region, serviceName, ct);
        _prefixLists[(region, serviceName)] = (id, now);
        return id;
    }
}
