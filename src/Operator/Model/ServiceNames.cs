using System.Collections.Concurrent;
using System.Text.RegularExpressions;
using Vpce.Crds;

namespace Vpce.Operator.Model;

/// <summary>Short service names ("s3") and full ones ("com.amazonaws.eu-west-1.s3").</summary>
public static partial class ServiceNames
{
    private const string AwsPrefix = "com.amazonaws.";
    // Every reconcile asks for the short name of its service: the answers are kept, up to a bound the names of AWS's
    // services in every region stay well under, so names nobody uses cannot grow it.
    private const int ShortNamesKept = 4096;
    private static readonly ConcurrentDictionary<string, string> ShortNames = new(StringComparer.Ordinal);
    // The same for the full names of well-formed ones, per region.
    private static readonly ConcurrentDictionary<(string ServiceName, string Region), string> FullNames = new();

    /// <summary>The full name in <paramref name="region"/>; null with an error when the name is malformed or names another region.</summary>
    public static string? Resolve(string serviceName, string region, out string error)
    {
        if (FullNames.TryGetValue((serviceName, region), out var known))
        {
            error = "";
            return known;
        }
        var resolved = ResolveUncached(serviceName, region, out error);
        if (resolved is not null && FullNames.Count < ShortNamesKept)
        {
            FullNames.TryAdd((serviceName, region), resolved);
        }
        return resolved;
    }

    private static string? ResolveUncached(string serviceName, string region, out string error)
    {
        var name = serviceName.Trim();
        error = "";
        if (name.StartsWith(AwsPrefix + "vpce.", StringComparison.Ordinal))
        {
            // A PrivateLink endpoint service (com.amazonaws.vpce.<region>.vpce-svc-…) is taken as written.
            return name;
        }
        if (name.StartsWith(AwsPrefix, StringComparison.Ordinal))
        {
            var rest = name[AwsPrefix.Length..];
            var dot = rest.IndexOf('.');
            if (dot <= 0 || dot == rest.Length - 1 || !ShortNamePattern().IsMatch(rest[(dot + 1)..]))
            {
                error = $"\"{serviceName}\" is not a service name of the form com.amazonaws.<region>.<service>";
                return null;
            }
            var nameRegion = rest[..dot];
            if (nameRegion != region)
            {
                error = $"\"{serviceName}\" names region {nameRegion} but the endpoint is in {region}";
                return null;
            }
            return name;
        }
        if (name.StartsWith("com.", StringComparison.Ordinal) || name.StartsWith("aws.", StringComparison.Ordinal))
        {
            // Partner and PrivateLink services (com.amazonaws.vpce.…, aws.sagemaker.…) are taken as written.
            return name;
        }
        if (!ShortNamePattern().IsMatch(name))
        {
            error = $"\"{serviceName}\" is not a service name (expected e.g. s3, ssm, ec2messages or com.amazonaws.{region}.s3)";
            return null;
        }
        return AwsPrefix + region + "." + name;
    }

    /// <summary>The last part of a full name ("s3" of com.amazonaws.eu-west-1.s3), or the name itself.</summary>
    public static string ShortName(string serviceName)
    {
        if (ShortNames.TryGetValue(serviceName, out var known))
        {
            return known;
        }
        var shortName = ComputeShortName(serviceName);
        if (ShortNames.Count < ShortNamesKept)
        {
            ShortNames.TryAdd(serviceName, shortName);
        }
        return shortName;
    }

    private static string ComputeShortName(string serviceName)
    {
        var name = serviceName.Trim();
        if (!name.StartsWith(AwsPrefix, StringComparison.Ordinal))
        {
            return name;
        }
        var rest = name[AwsPrefix.Length..];
        var dot = rest.IndexOf('.');
        return dot < 0 ? rest : rest[(dot + 1)..];
    }

    /// <summary>API.md's default type: Gateway for s3 and dynamodb, else Interface.</summary>
    public static string DefaultType(string serviceName) =>
        ShortName(serviceName) is "s3" or "dynamodb" ? EndpointTypes.Gateway : EndpointTypes.Interface;

    [GeneratedRegex("^[a-z0-9]+([.-][a-z0-9]+)*$")]
    private static partial Regex ShortNamePattern();
}
