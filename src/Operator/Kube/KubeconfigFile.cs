using k8s;
using k8s.KubeConfigModels;
using YamlDotNet.Serialization;
using YamlDotNet.Serialization.NamingConventions;

namespace Vpce.Operator.Kube;

/// <summary>Reads one kubeconfig file with a plain YAML decoder. The client library's own loader goes through its
/// KubernetesYaml, whose static set-up reflects over every model type of the library (thousands of types, YAML overrides
/// for each property) and keeps them for the life of the process: several MiB of a process whose whole budget is
/// 150 MiB, for a file of a few kilobytes. The kubeconfig models carry their own YAML names, so nothing else is needed.</summary>
public static class KubeconfigFile
{
    private static readonly IDeserializer Yaml = new DeserializerBuilder()
        .WithNamingConvention(CamelCaseNamingConvention.Instance)
        .IgnoreUnmatchedProperties()
        .Build();

    /// <summary>The client configuration of <paramref name="path"/>'s current context; relative certificate and key paths
    /// in it are taken from the file's own folder, as kubectl does.</summary>
    public static KubernetesClientConfiguration Load(string path)
    {
        var file = new FileInfo(path);
        if (!file.Exists) throw new k8s.Exceptions.KubeConfigException($"kubeconfig file not found at {file.FullName}");
        using var reader = file.OpenText();
        var config = Yaml.Deserialize<K8SConfiguration>(reader)
            ?? throw new k8s.Exceptions.KubeConfigException($"kubeconfig {file.FullName} is empty");
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
}
