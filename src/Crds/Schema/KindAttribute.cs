namespace Vpce.Crds.Schema;

/// <summary>Names of a kind: kind, plural, singular and short names.</summary>
[AttributeUsage(AttributeTargets.Class)]
public sealed class KindAttribute(string kind, string plural, params string[] shortNames) : Attribute
{
    public string Kind { get; } = kind;
    public string Plural { get; } = plural;
    public string Singular => Kind.ToLowerInvariant();
    public IReadOnlyList<string> ShortNames { get; } = shortNames;

    /// <summary>Cluster-scoped (no namespace), as AwsAccount: made by the cluster admin, named from every namespace.</summary>
    public bool ClusterScoped { get; init; }
}
