namespace Vpce.Crds;

/// <summary>What the runtime needs of any managed object: identity, metadata and the common status fields.</summary>
public interface ICustomResource
{
    string ApiVersion { get; set; }
    string Kind { get; set; }
    ObjectMetadata Metadata { get; set; }
    IResourceStatus? Status { get; }

    /// <summary>A new object holding this one's values: the same metadata, spec and status instances.</summary>
    ICustomResource SharingValues();
}
