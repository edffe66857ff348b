#!/usr/bin/env python3
# Usage: labs.py: builds the labs' network in the AWS-compatible endpoint of $AWS_ENDPOINT_URL (moto on the contract
# rig), tagged as examples/ select it: a VPC Name=demo-vpc with DNS support and hostnames, private subnets and route
# tables tier=private in two zones, the endpoints' security group Name=vpc-endpoints admitting 443 from the VPC.
# Prints the VPC id. Run it once per rig: examples' vpcSelector must match one VPC.
import os, boto3
ec2 = boto3.client("ec2", endpoint_url=os.environ["AWS_ENDPOINT_URL"], region_name=os.environ.get("AWS_REGION", "eu-west-1"))
def tags(kind, **t): return [{"ResourceType": kind, "Tags": [{"Key": k, "Value": v} for k, v in t.items()]}]
vpc = ec2.create_vpc(CidrBlock="10.0.0.0/16", TagSpecifications=tags("vpc", Name="demo-vpc"))["Vpc"]["VpcId"]
ec2.modify_vpc_attribute(VpcId=vpc, EnableDnsSupport={"Value": True})
ec2.modify_vpc_attribute(VpcId=vpc, EnableDnsHostnames={"Value": True})
for i, zone in enumerate("ab"):
    name = f"demo-vpc-private-{zone}"
    subnet = ec2.create_subnet(VpcId=vpc, CidrBlock=f"10.0.{i + 1}.0/24", AvailabilityZone="eu-west-1" + zone,
                               TagSpecifications=tags("subnet", tier="private", Name=name))["Subnet"]["SubnetId"]
    table = ec2.create_route_table(VpcId=vpc, TagSpecifications=tags("route-table", tier="private", Name=name))["RouteTable"]["RouteTableId"]
    ec2.associate_route_table(RouteTableId=table, SubnetId=subnet)
group = ec2.create_security_group(VpcId=vpc, GroupName="vpc-endpoints", Description="endpoints",
                                  TagSpecifications=tags("security-group", Name="vpc-endpoints"))["GroupId"]
ec2.authorize_security_group_ingress(GroupId=group, IpPermissions=[
    {"IpProtocol": "tcp", "FromPort": 443, "ToPort": 443, "IpRanges": [{"CidrIp": "10.0.0.0/16"}]}])
print(vpc)
