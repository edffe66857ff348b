using System.Collections.Concurrent;
using Amazon;
using Amazon.Runtime;

namespace Vpce.Operator.Aws.Sdk;

/// <summary>One SDK client per region, made on first use and kept. Standard retry mode: the SDK retries once, here.</summary>
public sealed class SdkClients<TClient>(AwsConnectionOptions connection, Func<ClientConfig, TClient> create, Func<ClientConfig> newConfig) : IDisposable
    where TClient : IDisposable
{
    private readonly ConcurrentDictionary<string, Lazy<TClient>> _clients = new();

    public TClient For(string region) =>
        _clients.GetOrAdd(region, r => new Lazy<TClient>(() => create(Configure(newConfig(), r)))).Value;

    private ClientConfig Configure(ClientConfig config, string region)
    {
        config.RetryMode = RequestRetryMode.Standard;
        config.MaxErrorRetry = 3;
        if (connection.EndpointUrl is { Length: > 0 } url)
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
        foreach (var client in _clients.Values.Where(c => c.IsValueCreated))
        {
            client.Value.Dispose();
        }
    }
}
