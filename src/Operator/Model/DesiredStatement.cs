using System.Text.Json.Nodes;

namespace Vpce.Operator.Model;

/// <summary>The one statement an EndpointBucketPolicy owns in a bucket policy, every default made concrete. Sets are
/// sorted and de-duplicated, so the same spec always gives the same JSON.</summary>
public sealed record DesiredStatement
{
    public const string AnyS3Action = "s3:*";

    public required string Sid { get; init; }
    public required string Bucket { get; init; }
    public required IReadOnlyList<string> Actions { get; init; }
    /// <summary>Never empty: a Deny with no endpoint to come through would shut the bucket to everyone.</summary>
    public required IReadOnlyList<string> EndpointIds { get; init; }
    public IReadOnlyList<string> ExemptPrincipalArns { get; init; } = [];

    public string BucketArn => $"arn:aws:s3:::{Bucket}";

    /// <summary>A fresh JSON object each call (a node has one parent, so callers may insert it anywhere).
    /// Deny unless the request came through one of the endpoints; the two conditions of one statement are ANDed, so
    /// an exempt principal is not denied from anywhere.</summary>
    public JsonObject ToJson()
    {
        var condition = new JsonObject
        {
            ["StringNotEquals"] = new JsonObject { ["aws:SourceVpce"] = Strings(EndpointIds) },
        };
        if (ExemptPrincipalArns.Count > 0)
        {
            condition["ArnNotLike"] = new JsonObject { ["aws:PrincipalArn"] = Strings(ExemptPrincipalArns) };
        }
        return new JsonObject
        {
            ["Sid"] = Sid,
            ["Effect"] = "Deny",
            ["Principal"] = "*",
            ["Action"] = Strings(Actions),
            ["Resource"] = Strings([BucketArn, BucketArn + "/*"]),
            ["Condition"] = condition,
        };
    }

    private static JsonArray Strings(IEnumerable<string> values) =>
        new(values.Select(v => (JsonNode?)JsonValue.Create(v)).ToArray());
}
