using k8s;
using Vpce.Operator.Kube;

namespace Vpce.Tests.Unit.Kube;

/// <summary>The operator's kubeconfig reader against the client library's own loader: the same server, context, namespace,
/// credentials and certificate paths for the shapes kubeconfigs take (token, client certificate by file relative to the
/// kubeconfig, inline data, insecure, a context chosen by current-context among several).</summary>
public sealed class KubeconfigFileTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("kubeconfig-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private const string Token = """
        apiVersion: v1
        kind: Config
        current-context: rig
        clusters:
        - name: rig
          cluster:
            server: https://127.0.0.1:6443
            insecure-skip-tls-verify: true
        contexts:
        - name: rig
          context: {cluster: rig, user: admin, namespace: vpce-system}
        users:
        - name: admin
          user: {token: abc123}
        preferences: {}
        """;

    private const string CertificateFiles = """
        apiVersion: v1
        kind: Config
        current-context: second
        clusters:
        - name: one
          cluster: {server: https://one.example:443}
        - name: two
          cluster: {server: https://two.example:8443, tls-server-name: api.two}
        contexts:
        - name: first
          context: {cluster: one, user: u1}
        - name: second
          context: {cluster: two, user: u2}
        users:
        - name: u1
          user: {token: t1}
        - name: u2
          user: {client-certificate: certs/client.crt, client-key: certs/client.key}
        """;

    private const string InlineData = """
        apiVersion: v1
        kind: Config
        current-context: c
        clusters:
        - name: k
          cluster: {server: 'https://10.0.0.1', certificate-authority-data: ""}
        contexts:
        - name: c
          context: {cluster: k, user: basic}
        users:
        - name: basic
          user: {username: alice, password: s3cret}
        extensions:
        - name: ext
          extension: {some: thing}
        """;

    // An exec plugin (aws eks get-token's shape); PLUGIN is the script's path.
    private const string ExecPlugin = """
        apiVersion: v1
        kind: Config
        current-context: eks
        clusters:
        - name: eks
          cluster: {server: 'https://eks.example', certificate-authority-data: ""}
        contexts:
        - name: eks
          context: {cluster: eks, user: plugin, namespace: team-a}
        users:
        - name: plugin
          user:
            exec:
              apiVersion: client.authentication.k8s.io/v1beta1
              command: PLUGIN
              args: [eks, get-token]
              env:
              - {name: PLUGIN_TOKEN, value: from-the-plugin}
              installHint: install the plugin
              provideClusterInfo: false
        """;

    public static TheoryData<string, string> Kubeconfigs => new()
    {
        { "token, insecure, namespace", Token },
        { "client certificate files relative to the kubeconfig, second of two contexts", CertificateFiles },
        { "basic auth, extensions", InlineData },
    };

    [Theory]
    [MemberData(nameof(Kubeconfigs))]
    public void Agrees_with_the_client_librarys_loader(string shape, string yaml)
    {
        var path = Path.Combine(_folder, "config");
        File.WriteAllText(path, yaml);
        var ours = KubeconfigFile.Load(path);
        var library = KubernetesClientConfiguration.BuildConfigFromConfigFile(path);

        Assert.True(library.Host == ours.Host, shape);
        Assert.Equal(library.CurrentContext, ours.CurrentContext);
        Assert.Equal(library.Namespace, ours.Namespace);
        Assert.Equal(library.AccessToken, ours.AccessToken);
        Assert.Equal(library.Username, ours.Username);
        Assert.Equal(library.Password, ours.Password);
        Assert.Equal(library.SkipTlsVerify, ours.SkipTlsVerify);
        Assert.Equal(library.TlsServerName, ours.TlsServerName);
        Assert.Equal(library.ClientCertificateFilePath, ours.ClientCertificateFilePath);
        Assert.Equal(library.ClientKeyFilePath, ours.ClientKeyFilePath);
    }

    [Fact]
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    public void An_exec_plugin_runs_with_its_args_and_env_as_the_librarys_loader_runs_it()
    {
        var plugin = Path.Combine(_folder, "plugin.sh");
        File.WriteAllText(plugin, """
            #!/bin/sh
            [ "$1 $2" = "eks get-token" ] || exit 3
            printf '{"apiVersion":"client.authentication.k8s.io/v1beta1","kind":"ExecCredential","status":{"token":"%s"}}' "${PLUGIN_TOKEN:-no-env}"
            """);
        File.SetUnixFileMode(plugin, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        var path = Path.Combine(_folder, "config");
        File.WriteAllText(path, ExecPlugin.Replace("PLUGIN", plugin));

        // Ours first: the library's loader reads the plugin's answer through the library's JSON options, which the
        // operator's loader sets up before their first use.
        var ours = KubeconfigFile.Load(path);
        var library = KubernetesClientConfiguration.BuildConfigFromConfigFile(path);

        // The script answers only to its two args; the library (21.0.8) does not hand the env to the plugin, so both
        // loaders must read the default token.
        Assert.Equal("no-env", ours.AccessToken);
        Assert.Equal(library.AccessToken, ours.AccessToken);
        Assert.Equal(library.Namespace, ours.Namespace);
        Assert.Equal(library.Host, ours.Host);
    }

    [Fact]
    public void Relative_certificate_paths_are_taken_from_the_kubeconfigs_folder()
    {
        var path = Path.Combine(_folder, "config");
        File.WriteAllText(path, CertificateFiles);
        var config = KubeconfigFile.Load(path);
        Assert.Equal("https://two.example:8443", config.Host.TrimEnd('/'));
        Assert.Equal(Path.Combine(_folder, "certs", "client.crt"), config.ClientCertificateFilePath);
    }

    [Fact]
    public void A_missing_file_is_named()
    {
        var missing = Path.Combine(_folder, "absent");
        var error = Assert.Throws<k8s.Exceptions.KubeConfigException>(() => KubeconfigFile.Load(missing));
        Assert.Contains(missing, error.Message);
    }

    [Theory]
    [InlineData("/a/config", false, "/a/config")]
    [InlineData(" /a/config ", false, "/a/config")]
    [InlineData("/a/config:/b/config", false, null)]
    [InlineData("", true, "HOME/.kube/config")]
    [InlineData(null, false, null)]
    public void The_default_path_is_the_one_file_kubectl_would_read(string? variable, bool homeConfigExists, string? expected)
    {
        var home = Path.Combine(_folder, "home");
        if (homeConfigExists)
        {
            Directory.CreateDirectory(Path.Combine(home, ".kube"));
            File.WriteAllText(Path.Combine(home, ".kube", "config"), Token);
        }
        // null stands for "unset": an empty value reads the same as an unset one.
        var actual = KubeconfigFile.DefaultPath(variable ?? "", home);
        Assert.Equal(expected?.Replace("HOME", home), actual);
    }
}
