namespace Vpce.Ports.Aws;

public interface IStsApi
{
    Task<CallerIdentity> GetCallerIdentityAsync(string region, CancellationToken ct);

    /// <summary>Assumes <see cref="AssumeRoleRequest.RoleArn"/> as the caller: AccessDenied when the role's trust does not
    /// admit the caller (or the External ID), NoSuchEntity-like errors as AWS answers them.</summary>
    Task<AssumedRole> AssumeRoleAsync(string region, AssumeRoleRequest request, CancellationToken ct);
}
