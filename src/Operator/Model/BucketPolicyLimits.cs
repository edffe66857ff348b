using System.Text;

namespace Vpce.Operator.Model;

/// <summary>S3's size limit on a bucket policy.</summary>
public static class BucketPolicyLimits
{
    /// <summary>S3 allows 20 KB per bucket policy.</summary>
    public const int MaxBytes = 20480;

    /// <summary>The UTF-8 bytes of the policy's compact serialisation: S3 counts the document without the whitespace
    /// between tokens, so indentation in a policy does not count against the limit.</summary>
    public static int SizeInBytes(string policy) =>
        Encoding.UTF8.GetByteCount(BucketPolicyJson.Serialize(BucketPolicyJson.Parse(policy)));

    public static bool Fits(string policy) => SizeInBytes(policy) <= MaxBytes;
}
