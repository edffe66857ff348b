namespace Vpce.Operator.Observe;

/// <summary>How an existing endpoint was found.</summary>
public static class FoundBy
{
    public const string Status = "status";
    public const string Adopted = "spec.endpointId";
    public const string OwnershipTags = "tags";
}
