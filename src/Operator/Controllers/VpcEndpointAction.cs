namespace Vpce.Operator.Controllers;

/// <summary>What the plan phase of a VpcEndpoint reconcile leaves for the apply phase.</summary>
public enum VpcEndpointAction
{
    None,
    Create,
    Modify,
}
