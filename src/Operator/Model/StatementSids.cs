using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using Vpce.Crds;

namespace Vpce.Operator.Model;

/// <summary>The Sid of the statement an EndpointBucketPolicy owns. spec.statementSid wins when set; otherwise the Sid is
/// derived from namespace and name, stable and alphanumeric (IAM allows only A-Z, a-z, 0-9 in a Sid).
///
/// Readable form: "Vpce" + the name's parts + the namespace, each part PascalCased (platform/reports-private →
/// VpceReportsPrivatePlatform). PascalCase alone is not one-to-one: "a-b" and "a.b" both give "AB", "web-2" and "web2"
/// both "Web2", and the name/namespace boundary does not show (reports-private/platform and reports/private-platform).
/// So the readable form is used only when it can be read back: the name's parts are separated by '-' only, every part
/// of it and the namespace start with a letter, and the namespace is one part. Then each part is one
/// [A-Z][a-z0-9]* segment, the last segment is the namespace and the others are the name. ("a-b" → "AB" and "ab" → "Ab"
/// differ because case marks where a part starts.)
///
/// Every other object gets the hashed form: "Vpce" + the first 10 hex digits (lower case) of SHA-256 over
/// "namespace/name" + as much of the readable text as fits in <see cref="MaxLength"/>. Its fifth character is a digit
/// or a-f, never an upper-case letter as in every readable form, so the two forms never meet; two hashed forms meet only
/// on a 40-bit hash collision.</summary>
public static partial class StatementSids
{
    public const string Prefix = "Vpce";
    /// <summary>IAM documents no limit on Sid length; this keeps Sids short enough for any reader.</summary>
    public const int MaxLength = 100;
    private const int HashLength = 10;

    /// <summary>Whether a Sid is one the operator may write or remove (<see cref="AwsPatterns.OwnedStatementSid"/>): a
    /// statement under any other Sid is never the operator's, whatever an object's status says.</summary>
    public static bool IsOwned(string? sid) => sid is not null && SpecChecks.Matches(sid, AwsPatterns.OwnedStatementSid);

    /// <summary>The Sid this object writes: spec.statementSid as given when set, else the derived one.</summary>
    public static string For(string? specStatementSid, string @namespace, string name) =>
        string.IsNullOrEmpty(specStatementSid) ? Derive(@namespace, name) : specStatementSid;

    public static string Derive(string @namespace, string name)
    {
        var readable = Pascal(name) + Pascal(@namespace);
        if (ReadableName().IsMatch(name) && ReadableNamespace().IsMatch(@namespace) && Prefix.Length + readable.Length <= MaxLength)
        {
            return Prefix + readable;
        }
        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes($"{@namespace}/{name}")))[..HashLength];
        var room = MaxLength - Prefix.Length - HashLength;
        return Prefix + hash + (readable.Length > room ? readable[..room] : readable);
    }

    // Parts split on '-' and '.', first letter upper-cased; anything not ASCII alphanumeric is dropped (such names are
    // not readable-form names, so the hash keeps them apart).
    private static string Pascal(string text)
    {
        var builder = new StringBuilder(text.Length);
        foreach (var part in text.Split(['-', '.'], StringSplitOptions.RemoveEmptyEntries))
        {
            var kept = new string(part.Where(char.IsAsciiLetterOrDigit).ToArray());
            if (kept.Length > 0)
            {
                builder.Append(char.ToUpperInvariant(kept[0])).Append(kept, 1, kept.Length - 1);
            }
        }
        return builder.ToString();
    }

    [GeneratedRegex(@"^[a-z][a-z0-9]*(-[a-z][a-z0-9]*)*\z")]
    private static partial Regex ReadableName();

    [GeneratedRegex(@"^[a-z][a-z0-9]*\z")]
    private static partial Regex ReadableNamespace();
}
