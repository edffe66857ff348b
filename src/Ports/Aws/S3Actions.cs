using System.Collections.Frozen;

namespace Vpce.Ports.Aws;

/// <summary>The actions of Amazon S3 (service prefix s3), the one list of them: the operator's spec check and the simulator's
/// PutBucketPolicy both read it. Source: the Service Authorization Reference, "Actions defined by Amazon S3",
/// https://docs.aws.amazon.com/service-authorization/latest/reference/list_amazons3.html (180 actions as listed in August
/// 2026). S3 refuses a bucket policy naming any other action with MalformedPolicy "Policy has invalid action".</summary>
public static class S3Actions
{
    /// <summary>The service prefix every S3 action carries.</summary>
    public const string Prefix = "s3:";

    /// <summary>The action names without the prefix. IAM action names are case-insensitive.</summary>
    public static readonly FrozenSet<string> Names = new[]
    {
        "AbortMultipartUpload", "AllowVendedLogDeliveryForResource", "AssociateAccessGrantsIdentityCenter",
        "BypassGovernanceRetention", "CreateAccessGrant", "CreateAccessGrantsInstance", "CreateAccessGrantsLocation",
        "CreateAccessPoint", "CreateAccessPointForObjectLambda", "CreateBucket", "CreateBucketMetadataTableConfiguration",
        "CreateJob", "CreateMultiRegionAccessPoint", "CreateStorageLensGroup", "DeleteAccessGrant",
        "DeleteAccessGrantsInstance", "DeleteAccessGrantsInstanceResourcePolicy", "DeleteAccessGrantsLocation",
        "DeleteAccessPoint", "DeleteAccessPointForObjectLambda", "DeleteAccessPointPolicy",
        "DeleteAccessPointPolicyForObjectLambda", "DeleteBucket", "DeleteBucketMetadataTableConfiguration",
        "DeleteBucketPolicy", "DeleteBucketWebsite", "DeleteJobTagging", "DeleteMultiRegionAccessPoint", "DeleteObject",
        "DeleteObjectAnnotation", "DeleteObjectTagging", "DeleteObjectVersion", "DeleteObjectVersionAnnotation",
        "DeleteObjectVersionTagging", "DeleteStorageLensConfiguration", "DeleteStorageLensConfigurationTagging",
        "DeleteStorageLensGroup", "DescribeJob", "DescribeMultiRegionAccessPointOperation",
        "DissociateAccessGrantsIdentityCenter", "GetAccelerateConfiguration", "GetAccessGrant", "GetAccessGrantsInstance",
        "GetAccessGrantsInstanceForPrefix", "GetAccessGrantsInstanceResourcePolicy", "GetAccessGrantsLocation",
        "GetAccessPoint", "GetAccessPointConfigurationForObjectLambda", "GetAccessPointForObjectLambda",
        "GetAccessPointPolicy", "GetAccessPointPolicyForObjectLambda", "GetAccessPointPolicyStatus",
        "GetAccessPointPolicyStatusForObjectLambda", "GetAccountPublicAccessBlock", "GetAnalyticsConfiguration",
        "GetBucketAbac", "GetBucketAcl", "GetBucketCORS", "GetBucketLocation", "GetBucketLogging",
        "GetBucketMetadataTableConfiguration", "GetBucketNotification", "GetBucketObjectLockConfiguration",
        "GetBucketOwnershipControls", "GetBucketPolicy", "GetBucketPolicyStatus", "GetBucketPublicAccessBlock",
        "GetBucketRequestPayment", "GetBucketTagging", "GetBucketVersioning", "GetBucketWebsite", "GetDataAccess",
        "GetEncryptionConfiguration", "GetIntelligentTieringConfiguration", "GetInventoryConfiguration", "GetJobTagging",
        "GetLifecycleConfiguration", "GetMetricsConfiguration", "GetMultiRegionAccessPoint",
        "GetMultiRegionAccessPointPolicy", "GetMultiRegionAccessPointPolicyStatus", "GetMultiRegionAccessPointRoutes",
        "GetObject", "GetObjectAcl", "GetObjectAnnotation", "GetObjectAttributes", "GetObjectLegalHold",
        "GetObjectRetention", "GetObjectTagging", "GetObjectTorrent", "GetObjectVersion", "GetObjectVersionAcl",
        "GetObjectVersionAnnotation", "GetObjectVersionAnnotationForReplication", "GetObjectVersionAttributes",
        "GetObjectVersionForReplication", "GetObjectVersionTagging", "GetObjectVersionTorrent",
        "GetReplicationConfiguration", "GetStorageLensConfiguration", "GetStorageLensConfigurationTagging",
        "GetStorageLensDashboard", "GetStorageLensGroup", "InitiateReplication", "ListAccessGrants",
        "ListAccessGrantsInstances", "ListAccessGrantsLocations", "ListAccessPoints", "ListAccessPointsForObjectLambda",
        "ListAllMyBuckets", "ListBucket", "ListBucketMultipartUploads", "ListBucketVersions", "ListCallerAccessGrants",
        "ListJobs", "ListMultiRegionAccessPoints", "ListMultipartUploadParts", "ListObjectAnnotations",
        "ListObjectVersionAnnotations", "ListStorageLensConfigurations", "ListStorageLensGroups", "ListTagsForResource",
        "ObjectOwnerOverrideToBucketOwner", "PauseReplication", "PutAccelerateConfiguration",
        "PutAccessGrantsInstanceResourcePolicy", "PutAccessPointConfigurationForObjectLambda", "PutAccessPointPolicy",
        "PutAccessPointPolicyForObjectLambda", "PutAccessPointPublicAccessBlock", "PutAccountPublicAccessBlock",
        "PutAnalyticsConfiguration", "PutBucketAbac", "PutBucketAcl", "PutBucketCORS", "PutBucketLogging",
        "PutBucketNotification", "PutBucketObjectLockConfiguration", "PutBucketOwnershipControls", "PutBucketPolicy",
        "PutBucketPublicAccessBlock", "PutBucketRequestPayment", "PutBucketTagging", "PutBucketVersioning",
        "PutBucketWebsite", "PutEncryptionConfiguration", "PutIntelligentTieringConfiguration",
        "PutInventoryConfiguration", "PutJobTagging", "PutLifecycleConfiguration", "PutMetricsConfiguration",
        "PutMultiRegionAccessPointPolicy", "PutObject", "PutObjectAcl", "PutObjectAnnotation", "PutObjectLegalHold",
        "PutObjectRetention", "PutObjectTagging", "PutObjectVersionAcl", "PutObjectVersionAnnotation",
        "PutObjectVersionTagging", "PutReplicationConfiguration", "PutStorageLensConfiguration",
        "PutStorageLensConfigurationTagging", "ReplicateDelete", "ReplicateObject", "ReplicateObjectAnnotation",
        "ReplicateTags", "RestoreObject", "SubmitMultiRegionAccessPointRoutes", "TagResource", "UntagResource",
        "UpdateAccessGrantsLocation", "UpdateBucketMetadataAnnotationTableConfiguration",
        "UpdateBucketMetadataInventoryTableConfiguration", "UpdateBucketMetadataJournalTableConfiguration",
        "UpdateJobPriority", "UpdateJobStatus", "UpdateObjectEncryption", "UpdateStorageLensGroup",
    }.ToFrozenSet(StringComparer.OrdinalIgnoreCase);

    /// <summary>True when <paramref name="action"/> names at least one S3 action: "*", "s3:*", an action ("s3:GetObject", any
    /// case) or a pattern with '*' and '?' that matches one ("s3:Get*"). A pattern matching none means nothing.</summary>
    public static bool IsKnown(string action)
    {
        if (action == "*")
        {
            return true;
        }
        if (!action.StartsWith(Prefix, StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }
        var name = action[Prefix.Length..];
        if (name.AsSpan().IndexOfAny('*', '?') < 0)
        {
            return Names.Contains(name);
        }
        foreach (var known in Names)
        {
            if (IamWildcards.Matches(name, known, ignoreCase: true))
            {
                return true;
            }
        }
        return false;
    }

}
