#!/usr/bin/env python3
# Usage: make-endpoints.py N OUT_DIR: writes N VpcEndpoint objects as YAML files of 500 each (batch-NNN.yaml), over
# the namespaces team-0..team-3; each names one of 10 VPCs (which need not exist) and carries a policy and tags.
import sys, os
n = int(sys.argv[1]); out = sys.argv[2]; os.makedirs(out, exist_ok=True)
policy = '{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": "*", "Action": ["s3:GetObject", "s3:PutObject", "s3:ListBucket"], "Resource": ["arn:aws:s3:::team-bucket-%d", "arn:aws:s3:::team-bucket-%d/*"]}]}'
for b in range(0, n, 500):
    with open(f"{out}/batch-{b // 500:03d}.yaml", "w") as f:
        for i in range(b, min(b + 500, n)):
            ns = f"team-{i % 4}"
            f.write(f"""---
apiVersion: vpce.io/v1alpha1
kind: VpcEndpoint
metadata:
  name: endpoint-{i:05d}
  namespace: {ns}
  labels: {{team: {ns}, app: service-{i % 50}}}
spec:
  region: eu-west-1
  vpcId: vpc-{i % 10:017x}
  serviceName: s3
  type: Gateway
  routeTableIds: [rtb-{i:017x}, rtb-{i + 100000:017x}]
  policyDocument: '{policy % (i, i)}'
  tags: {{team: {ns}, cost-center: cc-{i % 20}, owner: platform-team}}
""")
