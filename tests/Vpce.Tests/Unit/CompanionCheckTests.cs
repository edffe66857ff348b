using Vpce.Crds;
using Vpce.Operator.Model;
using Vpce.Ports.Aws;

namespace Vpce.Tests.Unit;

public sealed class CompanionCheckTests
{
    private const string Region = "eu-west-1";

    private static AwsEndpoint Endpoint(string id, string shortName, string type = EndpointTypes.Interface, string state = EndpointStates.Available) =>
        new(id, "vpc-1", $"com.amazonaws.{Region}.{shortName}", type, state, [], [], [], [], false, null, [], Tag.None, null);

    private static CompanionReport One(string shortName, string type, params AwsEndpoint[] vpc) =>
        Assert.Single(CompanionCheck.Check(Region, $"com.amazonaws.{Region}.{shortName}", type, vpc));

    [Fact]
    public void Session_manager_with_all_three_is_complete_and_names_each_endpoint()
    {
        var report = One("ssm", EndpointTypes.Interface, Endpoint("vpce-1", "ssm"), Endpoint("vpce-2", "ssmmessages"), Endpoint("vpce-3", "ec2messages"));
        Assert.True(report.Complete);
        Assert.Equal(["ssm vpce-1", "ssmmessages vpce-2", "ec2messages vpce-3"], report.Present.Select(p => $"{p.Member.ShortName} {p.EndpointId}"));
    }

    [Theory]
    [InlineData("ssm")]
    [InlineData("ssmmessages")]
    [InlineData("ec2messages")]
    public void Each_session_manager_member_names_the_one_missing(string from)
    {
        var vpc = new[] { Endpoint("vpce-1", "ssm"), Endpoint("vpce-2", "ssmmessages"), Endpoint("vpce-3", "ec2messages") }
            .Where(e => !e.ServiceName.EndsWith(".ec2messages", StringComparison.Ordinal) || from == "ec2messages").ToArray();
        var report = One(from, EndpointTypes.Interface, vpc);
        Assert.Equal(from == "ec2messages", report.Complete);
        if (from != "ec2messages")
        {
            Assert.Equal("ec2messages", Assert.Single(report.Missing).ShortName);
        }
    }

    [Theory]
    [InlineData(EndpointStates.Pending, true)]
    [InlineData(EndpointStates.Available, true)]
    [InlineData(EndpointStates.Deleting, false)]
    [InlineData(EndpointStates.Deleted, false)]
    [InlineData(EndpointStates.Failed, false)]
    [InlineData(EndpointStates.Rejected, false)]
    public void A_companion_counts_while_pending_or_available(string state, bool counts)
    {
        var report = One("ssm", EndpointTypes.Interface, Endpoint("vpce-1", "ssm"), Endpoint("vpce-2", "ssmmessages"),
            Endpoint("vpce-3", "ec2messages", state: state));
        Assert.Equal(counts, report.Complete);
    }

    [Fact]
    public void Ecr_needs_the_s3_gateway_and_an_s3_interface_endpoint_is_not_it()
    {
        var withInterface = One("ecr.api", EndpointTypes.Interface, Endpoint("vpce-1", "ecr.api"), Endpoint("vpce-2", "ecr.dkr"),
            Endpoint("vpce-3", "s3", EndpointTypes.Interface));
        Assert.Equal(new CompanionService("s3", EndpointTypes.Gateway), Assert.Single(withInterface.Missing));
        Assert.Equal("s3 (Gateway)", withInterface.Missing[0].ToString());

        var withGateway = One("ecr.dkr", EndpointTypes.Interface, Endpoint("vpce-1", "ecr.api"), Endpoint("vpce-2", "ecr.dkr"),
            Endpoint("vpce-3", "s3", EndpointTypes.Gateway));
        Assert.True(withGateway.Complete);
    }

    [Theory]
    [InlineData("s3", EndpointTypes.Gateway)]
    [InlineData("s3", EndpointTypes.Interface)]
    [InlineData("kms", EndpointTypes.Interface)]
    [InlineData("dynamodb", EndpointTypes.Gateway)]
    public void A_service_that_depends_on_no_set_has_no_report(string shortName, string type) =>
        Assert.Empty(CompanionCheck.Check(Region, $"com.amazonaws.{Region}.{shortName}", type, []));

    [Fact]
    public void A_companion_of_another_region_or_a_type_less_answer_is_judged_by_its_service_name()
    {
        var otherRegion = new AwsEndpoint("vpce-9", "vpc-1", "com.amazonaws.us-east-1.ec2messages", EndpointTypes.Interface,
            EndpointStates.Available, [], [], [], [], false, null, [], Tag.None, null);
        var typeless = Endpoint("vpce-2", "ssmmessages", type: "");
        var report = One("ssm", EndpointTypes.Interface, Endpoint("vpce-1", "ssm"), typeless, otherRegion);
        Assert.Equal("ec2messages", Assert.Single(report.Missing).ShortName);
        Assert.Contains(report.Present, p => p.EndpointId == "vpce-2");
    }
}
