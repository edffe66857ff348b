namespace Vpce.Crds;

public static class LabelSelectorOperators
{
    public const string In = "In";
    public const string NotIn = "NotIn";
    public const string Exists = "Exists";
    public const string DoesNotExist = "DoesNotExist";
}
