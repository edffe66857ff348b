namespace Vpce.Crds;

public static class DriftPolicies
{
    public const string Correct = "Correct";
    public const string Report = "Report";
}
