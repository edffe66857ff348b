namespace Vpce.Crds;

/// <summary>
/// CEL rules on a tag map's keys, which a structural schema cannot bound otherwise. Only size() and startsWith():
/// map keys have no schema length, so the API server prices each key at its largest, and a rule that scans the key
/// (matches, lowerAscii) would exceed its cost budget. A key such as "AWS:x" in another case is the validator's to refuse.
/// </summary>
public static class TagKeyRules
{
    public const string LengthRule = "self.all(k, size(k) >= 1 && size(k) <= 128)";
    public const string LengthMessage = "tag keys are 1 to 128 characters";

    public const string ReservedRule = "self.all(k, !k.startsWith('aws:') && !k.startsWith('vpce.io/'))";
    public const string ReservedMessage = "tag keys starting with aws: (AWS's) or vpce.io/ (the operator's) are reserved";
}
