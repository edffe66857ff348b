using System.Text.Json;
using System.Text.Json.Nodes;

namespace Vpce.Simulation.Aws;

/// <summary>
/// EC2's checks on an endpoint policy (CreateVpcEndpoint and ModifyVpcEndpoint PolicyDocument): at most 20,480 characters,
/// white space included, and a JSON policy document that "must contain a Principal element"
/// (https://docs.aws.amazon.com/vpc/latest/privatelink/vpc-endpoints-access.html#vpc-endpoint-policy-considerations), in the
/// IAM policy grammar (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_grammar.html): a Statement whose
/// entries each have an Effect of Allow or Deny, a Principal, an Action and a Resource (or their Not… forms), and no other
/// element than Sid and Condition; a Version, when given, one of the two IAM knows. Refused with InvalidPolicyDocument and
/// EC2's opening words, "The Policy Document is not valid." (a syntax error at a (line,column) position as EC2 says it:
/// hashicorp/terraform-provider-aws#42291).
/// </summary>
internal static class EndpointPolicyGrammar
{
    public const int MaxLength = 20480;

    private static readonly HashSet<string> StatementElements = new(StringComparer.Ordinal)
    {
        "Sid", "Effect", "Principal", "NotPrincipal", "Action", "NotAction", "Resource", "NotResource", "Condition",
    };

    public static void Validate(string document)
    {
        if (document.Length > MaxLength)
            throw Invalid($"The policy is {document.Length} characters; an endpoint policy may have at most {MaxLength}.");
        JsonNode? root;
        try
        {
            root = JsonNode.Parse(document, documentOptions: new JsonDocumentOptions { AllowDuplicateProperties = false });
        }
        catch (JsonException e)
        {
            throw Invalid($"Syntax error at position ({(e.LineNumber ?? 0) + 1},{(e.BytePositionInLine ?? 0) + 1})");
        }
        if (root is not JsonObject policy)
            throw Invalid("The policy is not a JSON object.");
        if (policy["Version"] is { } version && Text(version) is not ("2008-10-17" or "2012-10-17"))
            throw Invalid($"Invalid Version {version.ToJsonString()}.");
        if (policy["Statement"] is not { } statements)
            throw Invalid("Missing required field Statement.");
        foreach (var node in statements is JsonArray array ? array.ToList() : [statements])
        {
            if (node is not JsonObject statement)
                throw Invalid("A Statement is not a JSON object.");
            if (statement.Select(p => p.Key).FirstOrDefault(k => !StatementElements.Contains(k)) is { } unknown)
                throw Invalid($"Unknown field {unknown}.");
            if (Text(statement["Effect"]) is not ("Allow" or "Deny"))
                throw Invalid(statement.ContainsKey("Effect") ? "Invalid effect." : "Missing required field Effect.");
            foreach (var (element, not) in new[] { ("Principal", "NotPrincipal"), ("Action", "NotAction"), ("Resource", "NotResource") })
                if (statement[element] is null && statement[not] is null)
                    throw Invalid($"Missing required field {element}.");
        }
    }

    private static string? Text(JsonNode? node) => node is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;

    private static Ports.Aws.AwsApiException Invalid(string detail) => Ec2Errors.InvalidPolicyDocument($"The Policy Document is not valid. {detail}");
}
