namespace Vpce.Crds;

/// <summary>A kind without namespaces (AwsAccount, Namespace): its objects' metadata.namespace is null.</summary>
public interface IClusterScoped;
