using System.Text.RegularExpressions;

namespace Vpce.Ports.Aws;

/// <summary>The unique ids IAM gives roles (AROA…) and users (AIDA…). A resource policy naming a role or user that was since
/// deleted shows its unique id where the ARN was, and a policy naming one is refused when it is put again (S3:
/// MalformedPolicy "Invalid principal in policy"):
/// https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_principal.html#principal-roles and
/// https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_identifiers.html#identifiers-unique-ids.</summary>
public static partial class IamUniqueIds
{
    public const string RolePrefix = "AROA";
    public const string UserPrefix = "AIDA";

    /// <summary>True for a role's or a user's unique id, as a policy shows it.</summary>
    public static bool IsUniqueId(string value) => Shape().IsMatch(value);

    [GeneratedRegex("^(AROA|AIDA)[A-Z0-9]{12,}$")]
    private static partial Regex Shape();
}
