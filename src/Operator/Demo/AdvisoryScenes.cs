using Vpce.Crds;
using Vpce.Operator.Hosting;
using Vpce.Operator.Model;
using Vpce.Operator.Status;
using Vpce.Simulation.Aws;

namespace Vpce.Operator.Demo;

/// <summary>The demo's scenes for the checks that answer "why does my private subnet not reach the service": Session Manager
/// applied without ec2messages, the S3 endpoint's ConfigMap for clients, a policy that names the other region's bucket.
/// Each prints what kubectl would show and says whether the operator said what it should.</summary>
public sealed class AdvisoryScenes(InMemoryOperator op, Action<string> say)
{
    public const string HeldBack = "ec2messages";
    public const string ExportedConfigMap = "s3-private-endpoint";
    private const string Ns = "platform";
    private static readonly string[] SessionManager = ["ssm", "ssmmessages"];

    /// <summary>ssm and ssmmessages, applied without ec2messages, each name it as missing.</summary>
    public bool MissingCompanions()
    {
        say($"Session Manager was applied without {HeldBack} (the labs' usual slip):");
        var said = true;
        foreach (var name in SessionManager)
        {
            var companions = Condition(name, ConditionTypes.CompanionsPresent);
            say($"  {name} CompanionsPresent={companions?.Status} {companions?.Reason}: {companions?.Message}");
            said &= companions is { Status: ConditionStatus.False } && companions.Message.Contains($"{HeldBack} is missing", StringComparison.Ordinal);
        }
        return said;
    }

    /// <summary>The ConfigMap spec.export of s3-private writes, as kubectl get -o yaml shows its data and owner.</summary>
    public bool ExportedHints()
    {
        say($"$ kubectl get configmap {ExportedConfigMap} -n {Ns} -o yaml   # spec.export of s3-private, for workloads' envFrom");
        var map = op.Kube.ConfigMaps.Get(Ns, ExportedConfigMap);
        if (map is null)
        {
            say("  (none)");
            return false;
        }
        say("  data:");
        foreach (var (key, value) in map.Data)
        {
            say($"    {key}: {value}");
        }
        say($"  metadata.ownerReferences: [{map.Controller?.Kind}/{map.Controller?.Name}, controller: true]   ← deleted with the object");
        return map.Data.ContainsKey(ClientHints.RegionKey) && map.Data.ContainsKey("AWS_ENDPOINT_URL_S3") && map.Controller?.Name == "s3-private";
    }

    /// <summary>s3-private gets a policy that also names the other region's bucket: applied as written, with a PolicyLint finding.</summary>
    public async Task<bool> PolicyNamingTheOtherRegionAsync(DemoAccount account, Func<Func<bool>, Task<bool>> converge)
    {
        var edited = op.Kube.VpcEndpoints.Get(Ns, "s3-private")!;
        edited.Spec.PolicyDocument =
            $$"""{"Version":"2012-10-17","Statement":[{"Sid":"TeamBuckets","Effect":"Allow","Principal":"*","Action":"s3:*","Resource":["arn:aws:s3:::{{account.BucketName}}","arn:aws:s3:::{{account.BucketName}}/*","arn:aws:s3:::{{account.OtherRegionBucketName}}","arn:aws:s3:::{{account.OtherRegionBucketName}}/*"]}]}""";
        say($"$ kubectl apply -f -   # s3-private, its policy now limited to the team's buckets: {account.BucketName} and {account.OtherRegionBucketName}");
        op.Kube.VpcEndpoints.Apply(edited);
        var linted = await converge(() => Condition("s3-private", ConditionTypes.PolicyLint)?.Status == ConditionStatus.False);
        var lint = Condition("s3-private", ConditionTypes.PolicyLint);
        var ready = Condition("s3-private", ConditionTypes.Ready);
        say($"  s3-private PolicyLint={lint?.Status} {lint?.Reason}: {lint?.Message}");
        say($"  s3-private Ready={ready?.Status} {ready?.Reason}   (a finding never blocks the apply)");
        return linted && lint?.Reason == PolicyFindingReasons.BucketInOtherRegion && ready?.Status == ConditionStatus.True;
    }

    /// <summary>ec2messages applied late: every member reads True once it has looked again (at the latest its next resync).</summary>
    public bool CompanionsComplete() => SessionManager.Append(HeldBack).All(name =>
        Condition(name, ConditionTypes.CompanionsPresent)?.Status == ConditionStatus.True);

    public void ShowCompanions()
    {
        var companions = Condition("ssm", ConditionTypes.CompanionsPresent);
        say($"  ssm CompanionsPresent={companions?.Status} {companions?.Reason}: {companions?.Message}");
    }

    private Condition? Condition(string name, string type) =>
        ConditionList.Find(op.Kube.VpcEndpoints.Get(Ns, name)?.Status?.Conditions, type);
}
