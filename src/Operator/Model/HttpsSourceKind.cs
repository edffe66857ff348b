namespace Vpce.Operator.Model;

/// <summary>The three ways an ingress rule names where traffic may come from.</summary>
public enum HttpsSourceKind
{
    Cidr,
    SecurityGroup,
    PrefixList,
}
