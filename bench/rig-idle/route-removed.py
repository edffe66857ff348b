#!/usr/bin/env python3
# Usage: route-removed.py ENDPOINT_ID: removes one route table from the gateway endpoint behind the operator's back,
# then polls every 0.2 s until the endpoint lists it again and prints the seconds it took.
import os, sys, time, boto3
ec2 = boto3.client("ec2", endpoint_url=os.environ["AWS_ENDPOINT_URL"], region_name=os.environ.get("AWS_REGION", "eu-west-1"))
endpoint = sys.argv[1]
def tables(): return ec2.describe_vpc_endpoints(VpcEndpointIds=[endpoint])["VpcEndpoints"][0].get("RouteTableIds", [])
table = sorted(tables())[0]
ec2.modify_vpc_endpoint(VpcEndpointId=endpoint, RemoveRouteTableIds=[table])
start = time.time()
assert table not in tables()
while table not in tables():
    if time.time() - start > 120: sys.exit(f"{table} not back after 120 s")
    time.sleep(0.2)
print(f"route table {table} removed from {endpoint}: back after {time.time() - start:.1f} s")
