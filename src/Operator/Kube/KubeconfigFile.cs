using k8s;
using k8s.KubeConfigModels;
using Vpce.Operator.Kube.Kubeconfig;
using YamlDotNet.Serialization;

namespace Vpce.Operator.Kube;

/// <summary>Reads one kubeconfig file with a YAML decoder generated at build time (<see cref="KubeconfigYamlContext"/>),
/// then hands the client library its own models. The library's loader goes through its KubernetesYaml, whose static
/// set-up reflects over every model type of the library (thousands of types, YAML overrides for each property) and keeps
/// them for the life of the process: several MiB of a process whose whole budget is 150 MiB, for a file of a few
/// kilobytes; and the library's kubeconfig models carry free-form values that the native image cannot decode.</summary>
public static class KubeconfigFile
{
    // An exec plugin's answer is read through the client library's JSON options while the configuration is built, before
    // any client exists: they must resolve as the adapters set them by then (they are fixed after first use).
    static KubeconfigFile() => ModelJsonResolver.Ensure();

    private static readonly IDeserializer Yaml = new StaticDeserializerBuilder(new KubeconfigYamlContext())
        .IgnoreUnmatchedProperties()
        .Build();

    /// <summary>The client configuration of <paramref name="path"/>'s current context; relative certificate and key paths
    /// in it are taken from the file's own folder, as kubectl does.</summary>
    public static KubernetesClientConfiguration Load(string path)
    {
        var file = new FileInfo(path);
        if (!file.Exists) throw new k8s.Exceptions.KubeConfigException($"kubeconfig file not found at {file.FullName}");
        using var reader = file.OpenText();
        var document = Yaml.Deserialize<KubeconfigDocument>(reader)
            ?? throw new k8s.Exceptions.KubeConfigException($"kubeconfig {file.FullName} is empty");
        var config = ClientModel(document);
        config.FileName = file.FullName;
        return KubernetesClientConfiguration.BuildConfigFromConfigObject(config);
    }

    /// <summary>The one file kubectl would read outside a cluster: $KUBECONFIG when it names exactly one, else
    /// ~/.kube/config when it exists; null when $KUBECONFIG lists several (they are merged) or there is none.</summary>
    public static string? DefaultPath(string? kubeconfigVariable = null, string? home = null)
    {
        kubeconfigVariable ??= Environment.GetEnvironmentVariable("KUBECONFIG");
        var listed = (kubeconfigVariable ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (listed.Length > 1) return null;
        if (listed.Length == 1) return listed[0];
        var fallback = Path.Combine(home ?? Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".kube", "config");
        return File.Exists(fallback) ? fallback : null;
    }

    private static K8SConfiguration ClientModel(KubeconfigDocument document) => new()
    {
        ApiVersion = document.ApiVersion,
        Kind = document.Kind,
        CurrentContext = document.CurrentContext,
        Clusters = (document.Clusters ?? []).Select(named => new Cluster
        {
            Name = named.Name,
            ClusterEndpoint = named.Cluster is not { } cluster ? null : new ClusterEndpoint
            {
                Server = cluster.Server,
                CertificateAuthority = cluster.CertificateAuthority,
                CertificateAuthorityData = cluster.CertificateAuthorityData,
                TlsServerName = cluster.TlsServerName,
                SkipTlsVerify = cluster.InsecureSkipTlsVerify,
            },
        }).ToList(),
        Contexts = (document.Contexts ?? []).Select(named => new Context
        {
            Name = named.Name,
            ContextDetails = named.Context is not { } context ? null : new ContextDetails
            {
                Cluster = context.Cluster,
                User = context.User,
                Namespace = context.Namespace,
            },
        }).ToList(),
        Users = (document.Users ?? []).Select(named => new User
        {
            Name = named.Name,
            UserCredentials = named.User is not { } user ? null : Credentials(user),
        }).ToList(),
    };

    private static UserCredentials Credentials(KubeconfigUser user) => new()
    {
        ClientCertificate = user.ClientCertificate,
        ClientCertificateData = user.ClientCertificateData,
        ClientKey = user.ClientKey,
        ClientKeyData = user.ClientKeyData,
        Token = user.Token,
        Impersonate = user.Impersonate,
        ImpersonateGroups = user.ImpersonateGroups ?? [],
        ImpersonateUserExtra = user.ImpersonateUserExtra ?? [],
        UserName = user.Username,
        Password = user.Password,
        AuthProvider = user.AuthProvider is not { } provider ? null : new AuthProvider { Name = provider.Name, Config = provider.Config },
        ExternalExecution = user.Exec is not { } exec ? null : new ExternalExecution
        {
            ApiVersion = exec.ApiVersion,
            Command = exec.Command,
            Arguments = exec.Args,
            EnvironmentVariables = exec.Env,
            InstallHint = exec.InstallHint,
            ProvideClusterInfo = exec.ProvideClusterInfo,
        },
    };
}
