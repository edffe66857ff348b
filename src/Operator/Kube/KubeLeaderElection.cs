using System.Net;
using k8s;
using k8s.Autorest;
using k8s.LeaderElection;
using k8s.LeaderElection.ResourceLock;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Vpce.Ports.Kube;

namespace Vpce.Operator.Kube;

/// <summary>Leader election on a coordination.k8s.io Lease with KubernetesClient's LeaderElector. On a clean shutdown the
/// lease is released (holderIdentity emptied, duration 1 s), so a successor takes over at once instead of waiting for the
/// lease to expire; this library version has no ReleaseOnCancel, so the release is done here.</summary>
public sealed class KubeLeaderElection : ILeaderElection
{
    public const string DefaultLeaseName = "vpce-operator-leader";

    private readonly IKubernetes _client;
    private readonly string _namespace;
    private readonly string _leaseName;
    private readonly ILogger _logger;
    private readonly LeaderElectionConfig _config;

    public KubeLeaderElection(IKubernetes client, string @namespace, string leaseName = DefaultLeaseName, string? identity = null,
        TimeSpan? leaseDuration = null, TimeSpan? renewDeadline = null, TimeSpan? retryPeriod = null, ILogger? logger = null)
    {
        _client = client;
        _namespace = @namespace;
        _leaseName = leaseName;
        Identity = identity ?? DefaultIdentity();
        _logger = logger ?? NullLogger.Instance;
        _config = new LeaderElectionConfig(new LeaseLock(client, @namespace, leaseName, Identity))
        {
            LeaseDuration = leaseDuration ?? LeaseTimings.Default.LeaseDuration,
            RenewDeadline = renewDeadline ?? LeaseTimings.Default.RenewDeadline,
            RetryPeriod = retryPeriod ?? LeaseTimings.Default.RetryPeriod,
        };
    }

    public string Identity { get; }

    /// <summary>hostname_pid: unique per process, readable in the Lease.</summary>
    public static string DefaultIdentity() => $"{Environment.MachineName}_{Environment.ProcessId}";

    public async Task RunAsync(Func<CancellationToken, Task> whileLeading, CancellationToken ct)
    {
        using var elector = new LeaderElector(_config);
        using var electing = CancellationTokenSource.CreateLinkedTokenSource(ct);
        using var leading = CancellationTokenSource.CreateLinkedTokenSource(ct);
        Task? work = null;
        elector.OnStartedLeading += () =>
        {
            _logger.LogInformation("acquired lease {Namespace}/{Lease} as {Identity}", _namespace, _leaseName, Identity);
            work = Task.Run(async () =>
            {
                try
                {
                    await whileLeading(leading.Token).ConfigureAwait(false);
                }
                finally
                {
                    // The work ended by itself: stop renewing.
                    electing.Cancel();
                }
            }, CancellationToken.None);
        };
        elector.OnStoppedLeading += () => _logger.LogInformation("stopped leading ({Identity})", Identity);
        elector.OnError += e => _logger.LogWarning(e, "leader election error");
        try
        {
            await elector.RunUntilLeadershipLostAsync(electing.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (electing.IsCancellationRequested)
        {
            // Shutdown, or the work ended.
        }
        leading.Cancel();
        if (work is not null)
        {
            try
            {
                await work.ConfigureAwait(false);
            }
            finally
            {
                await ReleaseAsync().ConfigureAwait(false);
            }
        }
    }

    private async Task ReleaseAsync()
    {
        try
        {
            var lease = await _client.CoordinationV1.ReadNamespacedLeaseAsync(_leaseName, _namespace).ConfigureAwait(false);
            if (lease.Spec?.HolderIdentity != Identity) return;
            // Empty, not null: LeaderElector treats a null holder as "no lease" and would then fail to create one.
            lease.Spec.HolderIdentity = "";
            lease.Spec.LeaseDurationSeconds = 1;
            await _client.CoordinationV1.ReplaceNamespacedLeaseAsync(lease, _leaseName, _namespace).ConfigureAwait(false);
            _logger.LogInformation("released lease {Namespace}/{Lease}", _namespace, _leaseName);
        }
        catch (HttpOperationException e) when (e.Response.StatusCode is HttpStatusCode.Conflict or HttpStatusCode.NotFound)
        {
            // Someone else holds or removed it: nothing to release.
        }
        catch (HttpOperationException e)
        {
            _logger.LogWarning(e, "could not release lease {Namespace}/{Lease}", _namespace, _leaseName);
        }
    }
}
