using System.Collections.Concurrent;
using System.Diagnostics.CodeAnalysis;
using Amazon.Runtime;
using Amazon;
using Vpce.Operator.Observe;

namespace Vpce.Operator.Aws.Sdk;

/// <summary>One SDK client per region, made on first use and kept while the region is in use (given
/// <see cref="RegionsInUse"/>; else kept). Standard retry mode: the SDK retries once, here.</summary>
// Lazy<T> declares that it may need T's parameterless constructor (its factory-less constructor, not used here); the
// annotation passes that on to the trimmer, which has nothing to keep for the client interfaces this is made with.
public sealed class SdkClients<[DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicParameterlessConstructor)] TClient> : IDisposable
    where TClient : IDisposable
{
    private readonly ConcurrentDictionary<string, Lazy<TClient>> _clients = new();
    private readonly AwsConnectionOptions _connection;
    private readonly Func<ClientConfig, TClient> _create;
    private readonly Func<ClientConfig> _newConfig;
    private readonly RegionsInUse? _regions;

    public SdkClients(AwsConnectionOptions connection, Func<ClientConfig, TClient> create, Func<ClientConfig> newConfig,
        RegionsInUse? regions = null)
    {
        _connection = connection;
        _create = create;
        _newConfig = newConfig;
        _regions = regions;
        if (regions is not null)
        {
            regions.RegionUnused += Evict;
        }
    }

    public TClient For(string region) =>
        _clients.GetOrAdd(region, r => new Lazy<TClient>(() => _create(Configure(_newConfig(), r)))).Value;

    /// <summary>The regions that have a client now.</summary>
    internal IReadOnlyCollection<string> Regions => _clients.Keys.ToList();

    /// <summary>Disposes and drops the region's client; the next call there makes a new one.</summary>
    internal void Evict(string region)
    {
        if (_clients.TryRemove(region, out var client) && client.IsValueCreated)
        {
            client.Value.Dispose();
        }
    }

    private ClientConfig Configure(ClientConfig config, string region)
    {
        config.RetryMode = RequestRetryMode.Standard;
        config.MaxErrorRetry = 3;
        if (_connection.EndpointUrl is { Length: > 0 } url)
        {
            // LocalStack or moto: one URL for every region; requests are still signed for the region.
            config.ServiceURL = url;
            config.AuthenticationRegion = region;
        }
        else
        {
            config.RegionEndpoint = RegionEndpoint.GetBySystemName(region);
        }
        return config;
    }

    public void Dispose()
    {
        if (_regions is not null)
        {
            _regions.RegionUnused -= Evict;
        }
        foreach (var client in _clients.Values.Where(c => c.IsValueCreated))
        {
            client.Value.Dispose();
        }
    }
}
