using Microsoft.Extensions.Logging;
using Vpce.Crds;
using Vpce.Operator.Aws.Resilience;
using Vpce.Operator.Controllers;
using Vpce.Operator.Model;
using Vpce.Operator.Observability;
using Vpce.Operator.Observe;
using Vpce.Operator.Runtime;
using Vpce.Operator.Status;
using Vpce.Ports.Aws;
using Vpce.Ports.Kube;

namespace Vpce.Operator.Hosting;

/// <summary>Both controllers, wired the same way for the run verb and the in-memory operator: a host per kind, and a
/// bucket policy queued again whenever the VpcEndpoint it references changes.</summary>
public sealed class OperatorControllers
{
    /// <param name="regions">The regions the operator's own identity uses (its SDK clients and pipelines follow them).</param>
    /// <param name="accountApis">How an AwsAccount's ports are made from its credentials; by default the given ports acting
    /// as them (wrapped in a pipeline of their own when the given ports are).</param>
    /// <param name="defaultAccount">The AwsAccount of objects without spec.accountRef (run --default-account); null: the
    /// operator's own identity, open to every namespace.</param>
    public OperatorControllers(IAwsApis aws, IKubeApis kube, OperatorMetrics metrics, ReconcileSettings settings,
        ControllerOptions options, TimeProvider time, ILoggerFactory loggers, RegionsInUse? regions = null,
        AccountApisFactory? accountApis = null, string? defaultAccount = null)
    {
        // One regional read of AWS per resync interval serves every object's resync in it.
        settings = settings with { SnapshotWindow = options.ResyncInterval > TimeSpan.Zero ? options.ResyncInterval : settings.SnapshotWindow };
        DefaultAccount = defaultAccount is { Length: > 0 } ? defaultAccount : null;
        // A bucket's location and the caller identity are read once per account for both kinds.
        var own = new AccountScope(AccountLabels.Operator, null, aws, regions ?? new RegionsInUse(),
            AccountReads.For(aws, time, settings.SnapshotWindow, settings.DefaultRegion));
        var credentials = new CredentialCache(aws, settings.DefaultRegion ?? "us-east-1", CredentialCache.SessionNameFor(settings.ClusterName), time, metrics);
        accountApis ??= aws is ResilientAwsApis resilient ? resilient.ForAccount : (_, current, _) => aws.ActingAs(current);
        Scopes = new AccountScopes(own, credentials, accountApis, time, settings.SnapshotWindow, settings.DefaultRegion);

        // AwsAccounts and namespaces are cluster-wide, whichever namespaces the operator watches.
        var clusterWide = options with { Namespaces = [] };
        AccountController = AwsAccountPhases.Controller(Scopes, NamedBy, kube.AwsAccounts, kube.Events, metrics, time, loggers.CreateLogger<AwsAccountPhases>());
        Accounts = new ControllerHost<AwsAccount>(kube.AwsAccounts, AccountController, clusterWide, metrics, time,
            loggers.CreateLogger<ControllerHost<AwsAccount>>(), kube.Events);
        Namespaces = new ControllerHost<KubeNamespace>(kube.Namespaces, new NamespaceWatch(), clusterWide, metrics, time,
            loggers.CreateLogger<ControllerHost<KubeNamespace>>());
        var resolver = new AccountResolver(new CachedAccountDirectory(Accounts, Namespaces), Scopes, DefaultAccount);

        VpcEndpointController = VpcEndpointPhases.Controller(resolver, kube.VpcEndpoints, kube.ConfigMaps, kube.Events, metrics, settings, time,
            loggers.CreateLogger<VpcEndpointPhases>());
        Endpoints = new ControllerHost<VpcEndpoint>(kube.VpcEndpoints, VpcEndpointController, options, metrics, time,
            loggers.CreateLogger<ControllerHost<VpcEndpoint>>(), kube.Events);
        var endpoints = Endpoints;
        BucketPolicyController = EndpointBucketPolicyPhases.Controller(resolver, kube.EndpointBucketPolicies, kube.Events,
            (@namespace, name) => endpoints.Get(@namespace, name), metrics, settings, time, loggers.CreateLogger<EndpointBucketPolicyPhases>());
        BucketPolicies = new ControllerHost<EndpointBucketPolicy>(kube.EndpointBucketPolicies, BucketPolicyController, options, metrics, time,
            loggers.CreateLogger<ControllerHost<EndpointBucketPolicy>>(), kube.Events);
        // spec.vpcEndpointRef is read from the VpcEndpoint cache: a bucket policy reconciled before it synced would see none.
        BucketPolicies.AlsoWaitForSyncOf(Endpoints);
        ReferenceWatch.Connect(Endpoints, BucketPolicies, (policy, endpoint) =>
            policy.Metadata.Namespace == endpoint.Metadata.Namespace && policy.Spec.VpcEndpointRef?.Name == endpoint.Metadata.Name);

        // An object's account is read from the AwsAccount and namespace caches: none acts before they synced, and a change
        // of either (an account made or fixed, a namespace labelled) queues the objects it concerns at once.
        Endpoints.AlsoWaitForSyncOf(Accounts);
        Endpoints.AlsoWaitForSyncOf(Namespaces);
        BucketPolicies.AlsoWaitForSyncOf(Accounts);
        BucketPolicies.AlsoWaitForSyncOf(Namespaces);
        Accounts.AlsoWaitForSyncOf(Endpoints);
        Accounts.AlsoWaitForSyncOf(BucketPolicies);
        // Only an AwsAccount made, changed in its spec or gone concerns its objects: its status moves with theirs (objects,
        // credentials) and must not queue them all again each time.
        Accounts.ObjectChanged += account =>
        {
            var name = account.Metadata.Name;
            var generation = Accounts.Get("", name)?.Metadata.Generation;
            if (generation is not null && _accountGenerations.TryGetValue(name, out var seen) && seen == generation)
            {
                return;
            }
            if (generation is null) _accountGenerations.TryRemove(name, out _);
            else _accountGenerations[name] = generation.Value;
            Endpoints.EnqueueWhere(endpoint => AccountOf(endpoint.Spec.AccountRef) == name);
            BucketPolicies.EnqueueWhere(policy => AccountOf(policy.Spec.AccountRef) == name);
        };
        ReferenceWatch.Connect(Namespaces, Endpoints, (endpoint, ns) =>
            endpoint.Metadata.Namespace == ns.Metadata.Name && AccountOf(endpoint.Spec.AccountRef) is not null);
        ReferenceWatch.Connect(Namespaces, BucketPolicies, (policy, ns) =>
            policy.Metadata.Namespace == ns.Metadata.Name && AccountOf(policy.Spec.AccountRef) is not null);
        // An object made, gone or moved to another account changes what its accounts count (and lets a held deletion go
        // on); its status writes do not, and queue nothing here.
        Endpoints.ObjectChanged += endpoint => NamingChanged(endpoint, endpoint.Spec.AccountRef, Endpoints.Has(endpoint.Metadata.Namespace ?? "", endpoint.Metadata.Name));
        BucketPolicies.ObjectChanged += policy => NamingChanged(policy, policy.Spec.AccountRef, BucketPolicies.Has(policy.Metadata.Namespace ?? "", policy.Metadata.Name));
    }

    /// <summary>The AwsAccount objects without spec.accountRef act in; null for the operator's own identity.</summary>
    public string? DefaultAccount { get; }

    public AccountScopes Scopes { get; }
    public ReconcileSkeleton<AwsAccount, AwsAccountStatus, AccountSyncResult, AwsAccountPass> AccountController { get; }
    public ControllerHost<AwsAccount> Accounts { get; }
    public ControllerHost<KubeNamespace> Namespaces { get; }

    private string? AccountOf(LocalObjectReference? accountRef) => accountRef?.Name is { Length: > 0 } name ? name : DefaultAccount;

    // The objects naming an account now, read from the caches without copying them: what holds its deletion and what
    // status.objects counts.
    private IReadOnlyList<string> NamedBy(string account) =>
        [
            .. Endpoints.SelectWhere(e => AccountOf(e.Spec.AccountRef) == account, e => $"VpcEndpoint {e.Metadata.Namespace}/{e.Metadata.Name}"),
            .. BucketPolicies.SelectWhere(p => AccountOf(p.Spec.AccountRef) == account, p => $"EndpointBucketPolicy {p.Metadata.Namespace}/{p.Metadata.Name}"),
        ];

    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, long> _accountGenerations = new(StringComparer.Ordinal);
    // The account each object named when last seen: a change of it (or the object's arrival or departure) queues the accounts.
    private readonly System.Collections.Concurrent.ConcurrentDictionary<ResourceKey, string> _namedAccount = new();

    private void NamingChanged(ICustomResource resource, LocalObjectReference? accountRef, bool present)
    {
        var key = ResourceKey.Of(resource);
        var now = present ? AccountOf(accountRef) : null;
        var before = _namedAccount.TryGetValue(key, out var was) ? was : null;
        if (now == before)
        {
            return;
        }
        if (now is null) _namedAccount.TryRemove(key, out _);
        else _namedAccount[key] = now;
        foreach (var account in new[] { before, now }.OfType<string>())
        {
            Accounts.Enqueue("", account);
        }
    }

    public ReconcileSkeleton<VpcEndpoint, VpcEndpointStatus, EndpointSyncResult, VpcEndpointPass> VpcEndpointController { get; }
    public ControllerHost<VpcEndpoint> Endpoints { get; }
    public ReconcileSkeleton<EndpointBucketPolicy, EndpointBucketPolicyStatus, BucketPolicySyncResult, BucketPolicyPass> BucketPolicyController { get; }
    public ControllerHost<EndpointBucketPolicy> BucketPolicies { get; }

    public IReadOnlyList<IControllerHost> All => [Accounts, Namespaces, Endpoints, BucketPolicies];
}
