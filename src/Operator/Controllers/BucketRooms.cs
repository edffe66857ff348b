using Vpce.Crds;
using Vpce.Operator.Apply;
using Vpce.Operator.Observe;

namespace Vpce.Operator.Controllers;

/// <summary>What the EndpointBucketPolicy phases read and write through in one account (the bucket's): its buckets' snapshot,
/// its identity (the principal WouldLockOutOperator protects), the S3 applier and the finalizer.</summary>
public sealed class BucketRooms : IScopedRooms
{
    public BucketRooms(AccountScope scope, Func<string, string, VpcEndpoint?> findVpcEndpoint, TimeProvider time)
    {
        Scope = scope;
        Endpoints = new AdmittedEndpointResolver(scope.Aws.Ec2, findVpcEndpoint);
        Buckets = new BucketReader(scope.Reads.Buckets);
        Applier = new BucketPolicyApplier(new WriteThroughS3Api(scope.Aws.S3, scope.Reads.Buckets), new BucketWriteLocks(), scope.Reads.BucketOwnerAsync);
        Finalizer = new EndpointBucketPolicyFinalizer(Buckets, Applier, time);
    }

    public AccountScope Scope { get; }
    public AdmittedEndpointResolver Endpoints { get; }
    public BucketReader Buckets { get; }
    public BucketPolicyApplier Applier { get; }
    public EndpointBucketPolicyFinalizer Finalizer { get; }
}
