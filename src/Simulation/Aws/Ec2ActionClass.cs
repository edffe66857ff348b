namespace Vpce.Simulation.Aws;

/// <summary>EC2's request throttling classes (each has its own token bucket per account and region).</summary>
public enum Ec2ActionClass
{
    /// <summary>Describe* calls.</summary>
    NonMutating,

    /// <summary>Create/Modify/Delete and tagging calls.</summary>
    Mutating,
}
