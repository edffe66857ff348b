#!/usr/bin/env bash
# Usage: api-list.sh RIG_STATE_DIR: the API server's own list time for vpcendpoints, with curl (no kubectl decoding):
# one request, then pages of 500 through limit/continue as the operator asks for them.
set -euo pipefail
source "${1:?usage: api-list.sh RIG_STATE_DIR}/env"
url="$(grep -o 'https://127.0.0.1:[0-9]*' "$KUBECONFIG")/apis/vpce.io/v1alpha1/vpcendpoints"
token=$(grep -o 'token: [^},]*' "$KUBECONFIG" | head -1 | cut -d' ' -f2)
page=$(mktemp)
t0=$(date +%s.%N)
curl -sk -H "Authorization: Bearer $token" "$url" -o "$page"
t1=$(date +%s.%N)
size=$(stat -c %s "$page"); cont=""; pages=0
while :; do
  q="limit=500"; [ -n "$cont" ] && q="$q&continue=$cont"
  curl -sk -H "Authorization: Bearer $token" "$url?$q" -o "$page"
  pages=$((pages+1))
  cont=$(python3 -c 'import json,sys,urllib.parse;print(urllib.parse.quote(json.load(open(sys.argv[1]))["metadata"].get("continue","")))' "$page")
  [ -z "$cont" ] && break
done
t2=$(date +%s.%N)
rm -f "$page"
python3 -c "print(f'one request: {$t1-$t0:.2f} s ({$size} bytes); {$pages} pages of 500: {$t2-$t1:.2f} s')"
