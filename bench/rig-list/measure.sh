#!/usr/bin/env bash
# Usage: measure.sh RIG_STATE_DIR OPERATOR_DLL LABEL
# Starts the operator (a published vpce-operator.dll) against a running contract rig, polls /readyz every 50 ms and
# prints the seconds from process start to the first 200, the RSS (ps -o rss) at ready and 60 s later, and the
# informer's list line. The operator's log goes to LABEL.log in the current folder.
set -euo pipefail
state=${1:?usage: measure.sh RIG_STATE_DIR OPERATOR_DLL LABEL}; dll=${2:?}; label=${3:?}
source "$state/env"
# The image's runtime knobs (the Dockerfile's ENV DOTNET_... lines), as the bench's children get them, unless the caller's
# environment sets one: the rig measures the process the image runs.
root=$(cd "$(dirname "$0")/../.." && pwd)
knobs=""
while read -r knob; do name=${knob%%=*}; [ -n "${!name:-}" ] || export "$knob"; knobs="$knobs $name=${!name}"; done \
  < <(sed -n '/^ENV /,/[^\\]$/p' "$root/Dockerfile" | tr -d '\\' | tr ' ' '\n' | grep '^DOTNET_' || true)
port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
health=$(port); metrics=$(port)
load=$(cut -d' ' -f1 /proc/loadavg)
start=$(date +%s.%N)
dotnet "$dll" run --kubeconfig "$KUBECONFIG" --aws-endpoint-url "$AWS_ENDPOINT_URL" --region eu-west-1 \
  --resync-interval 10h --health-port "$health" --metrics-port "$metrics" > "$label.log" 2>&1 &
pid=$!
until [ "$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$health/readyz" || true)" = 200 ]; do
  kill -0 $pid 2>/dev/null || { echo "operator exited"; exit 1; }
  sleep 0.05
done
ready=$(python3 -c "import time;print(round(time.time()-$start,2))")
rss_ready=$(ps -o rss= -p $pid)
split=$(awk '/^(RssAnon|RssFile|RssShmem)/{printf "%s %d MiB ", $1, $2/1024}' /proc/$pid/status)
sleep 60
rss_minute=$(ps -o rss= -p $pid)
# SIGTERM: a background job of a script ignores SIGINT.
kill -TERM $pid; wait $pid || true
echo "$label (image knobs:$knobs): ready after ${ready} s, RSS at ready $((rss_ready / 1024)) MiB ($split), after a minute $((rss_minute / 1024)) MiB; load average at start $load"
grep -o "listed [0-9]* VpcEndpoint.*" "$label.log" | head -1 || true
