#!/usr/bin/env bash
# Usage: idle.sh RIG_STATE_DIR OPERATOR (the build's vpce-operator.dll, or the native binary the image runs)
# Issue 11's idle tryout on a running contract rig: builds the labs' network in moto (labs.py), applies five interface
# endpoints and one S3 gateway (endpoints.yaml), runs the operator with --resync-interval 10s, waits until all six are
# Ready and 30 s more, then counts its AWS calls (vpce_aws_requests_total) over 3 minutes, by operation; then removes a
# route table from the gateway behind its back and times its return (route-removed.py). The log goes to idle.log here.
set -euo pipefail
state=${1:?usage: idle.sh RIG_STATE_DIR OPERATOR}; operator=${2:?}
if [[ "$operator" == *.dll ]]; then run=(dotnet "$operator"); else run=("$operator"); fi
here=$(cd "$(dirname "$0")" && pwd)
source "$state/env"
port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
health=$(port); metrics=$(port)
"$here/labs.py"
"${run[@]}" crds | kubectl apply --validate=false -f - >/dev/null
kubectl apply -f "$here/endpoints.yaml" >/dev/null
"${run[@]}" run --kubeconfig "$KUBECONFIG" --aws-endpoint-url "$AWS_ENDPOINT_URL" --region eu-west-1 \
  --resync-interval 10s --health-port "$health" --metrics-port "$metrics" > idle.log 2>&1 &
pid=$!
trap 'kill -TERM $pid 2>/dev/null || true' EXIT
kubectl -n idle wait --for=condition=Ready vpce --all --timeout=180s >/dev/null
sleep 30
calls() { curl -s "http://127.0.0.1:$metrics/metrics" | awk '/^vpce_aws_requests_total\{/ { match($0, /operation="[^"]*"/); op = substr($0, RSTART + 11, RLENGTH - 12); n[op] += $NF } END { for (op in n) print op, n[op] }' | sort; }
calls > idle.before; sleep 180; calls > idle.after
join -a 2 -e 0 -o 0,1.2,2.2 idle.before idle.after | awk '{ d = $3 - $2; if (d > 0) printf "  %s %.0f\n", $1, d; t += d } END { printf "AWS calls in 3 minutes idle: %.0f, %.1f a minute (load average %s)\n", t, t / 3, "'"$(cut -d' ' -f1 /proc/loadavg)"'" }'
"$here/route-removed.py" "$(kubectl -n idle get vpce s3 -o jsonpath='{.status.endpointId}')"
kubectl -n idle get vpce
