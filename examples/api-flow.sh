# The whole SyncMatch API flow with curl: upload two exports, start a job, wait for it, download the results.
# Needs curl and jq (apt-get install curl jq); the Idempotency-Key comes from /proc (Linux) or python3.
# Run from the repository: sh examples/api-flow.sh [ONPREM-FILE CLOUD-FILE [OUTPUT-DIRECTORY]]
# SYNCMATCH_URL (default http://127.0.0.1:8000) and SYNCMATCH_KEY (an API key, when the service has keys).
# The parentheses keep `exit` from closing your terminal when this is pasted into one.
(
set -eu
api=${SYNCMATCH_URL:-http://127.0.0.1:8000}
onprem_file=${1:-examples/onprem/contoso.ndjson}
cloud_file=${2:-examples/cloud/bundle.json}
out=${3:-syncmatch-results}
mkdir -p "$out"

# request OUTPUT URL [CURL OPTIONS]: the response body goes to OUTPUT; an HTTP error prints its problem and stops.
request() {
  output=$1; url=$2; shift 2
  if [ -n "${SYNCMATCH_KEY:-}" ]; then set -- -H "Authorization: Bearer $SYNCMATCH_KEY" "$@"; fi
  status=$(curl -sS -o "$output.part" -w '%{http_code}' "$@" "$url")
  case $status in
    2??) mv "$output.part" "$output" ;;
    *) echo "HTTP $status from $url:" >&2; cat "$output.part" >&2; echo >&2; rm -f "$output.part"; exit 1 ;;
  esac
}

# 1. Upload the exports as they are (any supported format; for gzip add -H 'Content-Encoding: gzip').
request "$out/onprem-snapshot.json" "$api/v1/snapshots?kind=onprem" --data-binary "@$onprem_file" \
  -H 'Content-Type: application/octet-stream'
request "$out/cloud-snapshot.json" "$api/v1/snapshots?kind=cloud" --data-binary "@$cloud_file" \
  -H 'Content-Type: application/octet-stream'
jq -r '"\(.kind): \(.objects) objects read as \(.format), \(.warnings | length) warnings"' \
  "$out/onprem-snapshot.json" "$out/cloud-snapshot.json"

# 2. Start a job. The Idempotency-Key makes a retried POST safe: the same key gets the first answer back.
key=$(cat /proc/sys/kernel/random/uuid 2>/dev/null || python3 -c 'import uuid; print(uuid.uuid4())')
jq -n --arg onprem "$(jq -r .id "$out/onprem-snapshot.json")" --arg cloud "$(jq -r .id "$out/cloud-snapshot.json")" \
  '{onpremSnapshot: $onprem, cloudSnapshot: $cloud}' > "$out/job-request.json"
request "$out/job.json" "$api/v1/jobs" -H 'Content-Type: application/json' -H "Idempotency-Key: $key" \
  --data-binary "@$out/job-request.json"
job=$(jq -r .id "$out/job.json")

# 3. Wait until the job has finished (or failed).
while :; do
  request "$out/job.json" "$api/v1/jobs/$job"
  status=$(jq -r .status "$out/job.json")
  case $status in
    finished) break ;;
    failed) echo "job $job failed:" >&2; jq .error "$out/job.json" >&2; exit 1 ;;
  esac
  echo "job $job: $status, $(jq -r '(.progress // 0) * 100 | floor' "$out/job.json")%"
  sleep 1
done
jq .summary "$out/job.json"

# 4. Read the results: the blocking ones, then everything.
request "$out/errors.json" "$api/v1/jobs/$job/results?outcome=error&limit=50"
request "$out/results.csv" "$api/v1/jobs/$job/results" -H 'Accept: text/csv'
request "$out/report.json" "$api/v1/jobs/$job/report" --compressed
request "$out/report.html" "$api/v1/jobs/$job/report.html"
request "$out/remediation.ps1" "$api/v1/jobs/$job/remediation.ps1"
echo "results in $out/: results.csv, report.json, report.html, remediation.ps1"
# When done: curl -X DELETE "$api/v1/jobs/$job" (and /v1/snapshots/{id}) removes them at once.
)
