namespace Vpce.Crds;

public static class DeletionPolicies
{
    public const string Delete = "Delete";
    public const string Retain = "Retain";
}
