using Vpce.Operator.Diff;
using Vpce.Operator.Model;
using Vpce.Ports.Aws;

namespace Vpce.Operator.Apply;

/// <summary>The only code that changes AWS endpoints: the smallest calls that make actual equal desired. Every write is
/// preceded by its claim (the object records in its status what the write is about to put on the endpoint), so a crash
/// right after the write leaves nothing the object cannot find and undo; the endpoint itself is found again by its
/// ClientToken and ownership tags.</summary>
public sealed class EndpointApplier(IEc2Api ec2)
{
    /// <param name="claim">Records what the new endpoint will carry that the object may take off later, once the create's
    /// turn has come and right before the request (a create still waiting for its turn records nothing); a failure creates
    /// nothing.</param>
    public Task<AwsEndpoint> CreateAsync(DesiredEndpoint desired, BeforeRequest claim, CancellationToken ct) =>
        ec2.CreateVpcEndpointAsync(desired.Region, new CreateEndpointRequest
        {
            VpcId = desired.VpcId,
            ServiceName = desired.ServiceName,
            Type = desired.Type,
            ClientToken = desired.ClientToken,
            RouteTableIds = desired.RouteTableIds,
            SubnetIds = desired.SubnetIds,
            SecurityGroupIds = desired.SecurityGroupIds,
            PrivateDnsEnabled = desired.PrivateDnsEnabled,
            PolicyDocument = desired.PolicyDocument,
            Tags = desired.Tags,
        }, ct, claim);

    /// <summary>One ModifyVpcEndpoint with every add/remove set, then the route re-associations and tags it could not carry.</summary>
    /// <param name="claim">Records what the calls are about to add (<see cref="EndpointDelta.ManagedAfter"/> with what was
    /// owned before); a failure changes nothing.</param>
    public async Task ApplyAsync(string region, EndpointDelta delta, Func<CancellationToken, Task> claim, CancellationToken ct)
    {
        await claim(ct);
        if (!delta.Modify.IsEmpty)
        {
            await ec2.ModifyVpcEndpointAsync(region, delta.Modify, ct);
        }
        if (delta.ReassociateRouteTableIds.Count > 0)
        {
            // AWS owns a gateway endpoint's routes: removing and re-adding the association is how one is restored.
            var id = delta.Modify.VpcEndpointId;
            await ec2.ModifyVpcEndpointAsync(region, new ModifyEndpointRequest { VpcEndpointId = id, RemoveRouteTableIds = delta.ReassociateRouteTableIds }, ct);
            await ec2.ModifyVpcEndpointAsync(region, new ModifyEndpointRequest { VpcEndpointId = id, AddRouteTableIds = delta.ReassociateRouteTableIds }, ct);
        }
        if (delta.TagsToSet.Count > 0)
        {
            await ec2.CreateTagsAsync(region, delta.Modify.VpcEndpointId, delta.TagsToSet, ct);
        }
        if (delta.TagKeysToRemove.Count > 0)
        {
            await ec2.DeleteTagsAsync(region, delta.Modify.VpcEndpointId, delta.TagKeysToRemove, ct);
        }
    }

    /// <summary>Deletes the endpoints, in as few DeleteVpcEndpoints calls as EC2 takes them (25 ids each); the Unsuccessful
    /// items of all of them.</summary>
    public async Task<IReadOnlyList<DeleteEndpointFailure>> DeleteAsync(string region, IReadOnlyList<string> endpointIds, CancellationToken ct)
    {
        var failures = new List<DeleteEndpointFailure>();
        foreach (var batch in endpointIds.Chunk(Ec2RequestLimits.DeleteVpcEndpointsIds))
        {
            failures.AddRange(await ec2.DeleteVpcEndpointsAsync(region, batch, ct));
        }
        return failures;
    }

    /// <summary>The calls <see cref="ApplyAsync"/> would make, in words, for Report mode's plannedChanges.</summary>
    public static IReadOnlyList<string> Plan(EndpointDelta delta)
    {
        var plan = new List<string>();
        var m = delta.Modify;
        var parts = new List<string>();
        AddPart(parts, "add route tables", m.AddRouteTableIds);
        AddPart(parts, "remove route tables", m.RemoveRouteTableIds);
        AddPart(parts, "add subnets", m.AddSubnetIds);
        AddPart(parts, "remove subnets", m.RemoveSubnetIds);
        AddPart(parts, "add security groups", m.AddSecurityGroupIds);
        AddPart(parts, "remove security groups", m.RemoveSecurityGroupIds);
        if (m.PolicyDocument is not null)
        {
            parts.Add("set the policy document");
        }
        if (m.ResetPolicy)
        {
            parts.Add("reset the policy to the full-access default");
        }
        if (m.PrivateDnsEnabled is { } dns)
        {
            parts.Add(dns ? "enable private DNS" : "disable private DNS");
        }
        if (parts.Count > 0)
        {
            plan.Add($"ModifyVpcEndpoint {m.VpcEndpointId}: {string.Join("; ", parts)}");
        }
        if (delta.ReassociateRouteTableIds.Count > 0)
        {
            plan.Add($"ModifyVpcEndpoint {m.VpcEndpointId}: re-associate route tables {EndpointDiff.ListText(delta.ReassociateRouteTableIds)} to restore their prefix-list routes");
        }
        if (delta.TagsToSet.Count > 0)
        {
            plan.Add($"CreateTags {m.VpcEndpointId}: {string.Join(", ", delta.TagsToSet.Select(t => $"{t.Key}={t.Value}"))}");
        }
        if (delta.TagKeysToRemove.Count > 0)
        {
            plan.Add($"DeleteTags {m.VpcEndpointId}: {string.Join(", ", delta.TagKeysToRemove)}");
        }
        return plan;
    }

    public static string PlanCreate(DesiredEndpoint desired) =>
        $"CreateVpcEndpoint {desired.Type} {desired.ServiceName} in {desired.VpcId}" +
        (desired.IsGateway ? $" with route tables {EndpointDiff.ListText(desired.RouteTableIds)}" : $" in subnets {EndpointDiff.ListText(desired.SubnetIds)}");

    private static void AddPart(List<string> parts, string what, IReadOnlyList<string> ids)
    {
        if (ids.Count > 0)
        {
            parts.Add($"{what} {EndpointDiff.ListText(ids)}");
        }
    }
}
