namespace Vpce.Crds;

/// <summary>Values of spec.type, as AWS spells them.</summary>
public static class EndpointTypes
{
    public const string Gateway = "Gateway";
    public const string Interface = "Interface";
}
