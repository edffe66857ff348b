namespace Vpce.Crds;

/// <summary>The shapes of Kubernetes object names the operator writes, as the API server checks them.</summary>
public static class KubeNames
{
    /// <summary>A DNS-1123 subdomain (ConfigMap names): lower-case alphanumeric labels, '-' inside a label, joined by '.'.
    /// Both a Go (RE2) and a .NET regular expression, anchored at both ends.</summary>
    public const string Dns1123Subdomain = "^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$";

    /// <summary>The API server's bound on a DNS-1123 subdomain.</summary>
    public const int Dns1123SubdomainMaxLength = 253;

    /// <summary>A label key: an optional DNS subdomain prefix (253) and '/', then a name of 63.</summary>
    public const int LabelKeyMaxLength = 317;
    public const int LabelValueMaxLength = 63;

    /// <summary>Kubernetes bounds no selector; more terms than this is no selector anyone reads.</summary>
    public const int SelectorTerms = 64;
}
