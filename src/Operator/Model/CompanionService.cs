namespace Vpce.Operator.Model;

/// <summary>One member of a companion set: a service's short name and the endpoint type it needs.</summary>
public sealed record CompanionService(string ShortName, string Type)
{
    public override string ToString() => Type == Vpce.Crds.EndpointTypes.Gateway ? $"{ShortName} (Gateway)" : ShortName;
}
