namespace Vpce.Tests.Contract.Kube;

/// <summary>Contract classes that install or replace the CRDs on the shared API server run one at a time: replacing a CRD
/// ends every watch of its kind and changes what the server accepts, which would break another class's test midway.</summary>
[CollectionDefinition(Name)]
public sealed class KubeApiServerCollection
{
    public const string Name = "kube-api-server";
}
