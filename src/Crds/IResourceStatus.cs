namespace Vpce.Crds;

/// <summary>Status fields both kinds share.</summary>
public interface IResourceStatus
{
    long? ObservedGeneration { get; set; }
    List<Condition> Conditions { get; set; }
    List<DriftEntry> Drift { get; set; }
    DateTimeOffset? LastSyncTime { get; set; }
}
