namespace Vpce.Crds;

public static class AssociationModes
{
    public const string Exclusive = "Exclusive";
    public const string Additive = "Additive";
}
