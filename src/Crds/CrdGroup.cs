namespace Vpce.Crds;

/// <summary>The API group and version every kind here belongs to, and the operator's finalizer.</summary>
public static class CrdGroup
{
    public const string Group = "vpce.io";
    public const string Version = "v1alpha1";
    public const string ApiVersion = Group + "/" + Version;
    public const string Finalizer = "vpce.io/finalizer";
}
