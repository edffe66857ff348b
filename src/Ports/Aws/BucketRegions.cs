namespace Vpce.Ports.Aws;

/// <summary>S3's GetBucketLocation answer as a region name. The one place this mapping lives: the port promises a
/// region, so every adapter that reads S3's raw answer turns it into one here.</summary>
public static class BucketRegions
{
    /// <summary>S3 answers no constraint (null or "") for us-east-1 and the legacy "EU" for eu-west-1; any other
    /// answer is the region itself.</summary>
    public static string FromLocationConstraint(string? locationConstraint) =>
        locationConstraint switch
        {
            null or "" => "us-east-1",
            "EU" => "eu-west-1",
            _ => locationConstraint,
        };
}
