using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using Vpce.Ports.Aws;

namespace Vpce.Simulation.Aws;

/// <summary>
/// The IAM roles and users the simulated account knows, each with the unique id IAM gave it (AROA… a role, AIDA… a user).
/// A resource policy stores a principal by that id and shows its ARN while the principal stands; once it is deleted the
/// policy shows the bare id, and a role made again under the same name is a new principal the old policy does not name
/// (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_principal.html#principal-roles). The ids
/// are derived from the ARN and a serial, not drawn from the id generator, so the account's other ids stay as they were.
/// One IAM for every simulated account (<see cref="AwsAccounts.Iam"/>): an ARN names its account, unique ids are global, and
/// a bucket policy in one account may name another account's roles, which S3 checks exist. Thread-safe on its own lock,
/// taken last (after the registry's and a world's).
/// </summary>
internal sealed partial class IamPrincipals
{
    private const string Alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
    private readonly Dictionary<string, string> _live = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _issued = new(StringComparer.Ordinal);
    private readonly Lock _sync = new();
    private int _serial;

    /// <summary>Adds a role (arn:P:iam::A:role/[path/]name) or a user (…:user/…) and returns its unique id; an existing one
    /// keeps its id.</summary>
    public string Create(string arn, string? uniqueId = null)
    {
        var prefix = KindOf(arn) ?? throw new ArgumentException($"{arn} is not the ARN of an IAM role or user", nameof(arn));
        lock (_sync)
        {
            if (_live.TryGetValue(arn, out var existing))
                return existing;
            var id = uniqueId ?? prefix + Derived(arn, ++_serial);
            _live[arn] = id;
            _issued[id] = arn;
            return id;
        }
    }

    public void Delete(string arn)
    {
        lock (_sync)
            if (!_live.Remove(arn))
                throw new ArgumentException($"no IAM role or user {arn}", nameof(arn));
    }

    /// <summary>The ARN, path included, of the role of that name in the account, or null: an assumed-role session names its
    /// role without the path.</summary>
    public string? RoleNamed(string account, string name)
    {
        lock (_sync)
            return _live.Keys.FirstOrDefault(arn => KindOf(arn) == IamUniqueIds.RolePrefix && arn.Split(':', 6) is var parts
            && parts[4] == account && parts[5].EndsWith("/" + name, StringComparison.Ordinal));
    }

    /// <summary>The unique id of a role or user that stands now, or null.</summary>
    public string? UniqueIdOf(string arn)
    {
        lock (_sync)
            return _live.GetValueOrDefault(arn);
    }

    /// <summary>The ARN a unique id is shown as while its principal stands; null once it was deleted (or never was).</summary>
    public string? ArnOf(string uniqueId)
    {
        lock (_sync)
            return _issued.TryGetValue(uniqueId, out var arn) && _live.TryGetValue(arn, out var now) && now == uniqueId ? arn : null;
    }

    /// <summary>AROA for a role's ARN, AIDA for a user's, null for anything else.</summary>
    public static string? KindOf(string arn)
    {
        var parts = arn.Split(':', 6);
        if (parts.Length != 6 || parts[0] != "arn" || parts[2] != "iam" || !AccountShape().IsMatch(parts[4]))
            return null;
        return parts[5] switch
        {
            var r when r.StartsWith("role/", StringComparison.Ordinal) && r.Length > "role/".Length => IamUniqueIds.RolePrefix,
            var u when u.StartsWith("user/", StringComparison.Ordinal) && u.Length > "user/".Length => IamUniqueIds.UserPrefix,
            _ => null,
        };
    }

    private static string Derived(string arn, int serial)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes($"{arn}#{serial}"));
        var chars = new char[17];
        for (var i = 0; i < chars.Length; i++)
            chars[i] = Alphabet[hash[i] % Alphabet.Length];
        return new string(chars);
    }

    [GeneratedRegex("^[0-9]{12}$")]
    internal static partial Regex AccountShape();
}
