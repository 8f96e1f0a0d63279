#!/usr/bin/env bash
# Throughput and latency of the gateway against a fixed-answer upstream, with baselines measured in the same run:
#   direct  - wrk straight to the fake upstream (nginx `return 200`)
#   proxy   - wrk through a bare nginx proxy_pass hop (the physical limit of one proxy)
#   gateway - wrk through uni-api
# Prints requests/s and latency p50/p99 for each, non-streaming and streaming, plus the ratios.
# Usage: ops/bench/run.sh
#   env: BENCH_SECONDS=10 (per run)  BENCH_WARMUP=60 (seconds of JIT warm-up before measuring)
#        BENCH_CONNECTIONS=32 BENCH_THREADS=2  BENCH_STATS=on|off (statistics to the default H2 database, or disabled)
#        BENCH_JAVA (default: the newest JDK under /usr/lib/jvm that is 21+, else `java`)
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
seconds=${BENCH_SECONDS:-10}
connections=${BENCH_CONNECTIONS:-32}
threads=${BENCH_THREADS:-2}
warmup=${BENCH_WARMUP:-60}
stats=${BENCH_STATS:-on}
newest_jdk=$(ls -d /usr/lib/jvm/*/bin/java 2>/dev/null | while read -r j; do
  v=$("$j" -version 2>&1 | awk -F'"' '/version/ {split($2, p, "."); print p[1]}'); [ "${v:-0}" -ge 21 ] && echo "$v $j"; done \
  | sort -rn | head -n 1 | cut -d' ' -f2)
java_bin=${BENCH_JAVA:-${newest_jdk:-java}}
upstream_port=${BENCH_UPSTREAM_PORT:-18090}
proxy_port=${BENCH_PROXY_PORT:-18091}
gateway_port=${BENCH_GATEWAY_PORT:-18000}
admin_port=${BENCH_ADMIN_PORT:-18001}

need() { command -v "$1" >/dev/null 2>&1; }
install_tools() {
  local missing=()
  need wrk || missing+=(wrk)
  need nginx || [ -x /usr/sbin/nginx ] || missing+=(nginx-light)
  if [ ${#missing[@]} -gt 0 ]; then
    echo "installing ${missing[*]}" >&2
    local sudo=""; [ "$(id -u)" -eq 0 ] || sudo="sudo"
    $sudo apt-get install -y "${missing[@]}" >/dev/null 2>&1 || { $sudo apt-get update >/dev/null && $sudo apt-get install -y "${missing[@]}" >/dev/null; }
  fi
}
install_tools
nginx_bin=$(command -v nginx || echo /usr/sbin/nginx)

jar="$root/service/target/uni-api.jar"
if [ ! -f "$jar" ]; then
  (cd "$root" && mvn -B -q -DskipTests package)
fi

work=$(mktemp -d)
pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; wait 2>/dev/null || true; rm -rf "$work"; }
trap cleanup EXIT

completion='{"id":"chatcmpl-bench","object":"chat.completion","created":1730000000,"model":"bench-model","choices":[{"index":0,"message":{"role":"assistant","content":"Hello! How can I help you today?","refusal":null},"logprobs":null,"finish_reason":"stop"}],"usage":{"prompt_tokens":9,"completion_tokens":9,"total_tokens":18}}'
chunk() { printf 'data: {"id":"chatcmpl-bench","object":"chat.completion.chunk","created":1730000000,"model":"bench-model","choices":[{"index":0,"delta":%s,"logprobs":null,"finish_reason":%s}]}\\n\\n' "$1" "$2"; }
stream="$(chunk '{"role":"assistant","content":""}' null)"
for word in Hello '!' ' How' ' can' ' I' ' help' ' you' ' today' '?'; do stream+="$(chunk "{\"content\":\"$word\"}" null)"; done
stream+="$(chunk '{}' '"stop"')"
stream+='data: {"id":"chatcmpl-bench","object":"chat.completion.chunk","created":1730000000,"model":"bench-model","choices":[],"usage":{"prompt_tokens":9,"completion_tokens":9,"total_tokens":18}}\n\ndata: [DONE]\n\n'

esc() { printf '%s' "$1" | sed -e 's/[\/&]/\\&/g'; }
sed -e "s/@DIR@/$(esc "$work")/g" -e "s/@UPSTREAM_PORT@/$upstream_port/g" -e "s/@PROXY_PORT@/$proxy_port/g" \
    -e "s/@COMPLETION@/$(esc "$completion")/" -e "s/@STREAM@/$(esc "$stream")/" \
    "$here/nginx.conf.template" > "$work/nginx.conf"
"$nginx_bin" -c "$work/nginx.conf" -p "$work" >"$work/nginx.out" 2>&1 &
pids+=($!)

cat > "$work/api.yaml" <<YAML
providers:
  - provider: bench
    base_url: http://127.0.0.1:$upstream_port/v1/chat/completions
    api: sk-bench-upstream
    model: [bench-model]
api_keys:
  - api: sk-bench-client
server:
  applicationConnectors: [{type: http, port: $gateway_port, bindHost: 127.0.0.1}]
  adminConnectors: [{type: http, port: $admin_port, bindHost: 127.0.0.1}]
logging:
  level: WARN
YAML
db_env=()
[ "$stats" = "off" ] && db_env=(env DISABLE_DATABASE=true)
(cd "$work" && exec "${db_env[@]}" "$java_bin" -jar "$jar" server "$work/api.yaml" >"$work/gateway.log" 2>&1) &
pids+=($!)

for _ in $(seq 1 60); do
  curl -fs "http://127.0.0.1:$gateway_port/healthz" >/dev/null 2>&1 && curl -fs "http://127.0.0.1:$upstream_port/v1/chat/completions" >/dev/null 2>&1 && break
  sleep 0.5
done
curl -fs "http://127.0.0.1:$gateway_port/healthz" >/dev/null || { echo "gateway did not start:"; tail -20 "$work/gateway.log"; exit 1; }

# run <url> <stream 0|1> <connections> <threads> <seconds> → "rps p50_ms p99_ms"
run() {
  local out
  out=$(BENCH_STREAM=$2 wrk -t"$4" -c"$3" -d"$5"s --latency -s "$here/post.lua" "$1" 2>&1)
  if echo "$out" | grep -q "Non-2xx"; then echo "non-2xx answers from $1:" >&2; echo "$out" >&2; exit 1; fi
  local rps p50 p99
  rps=$(echo "$out" | awk '/Requests\/sec/ {print $2}')
  p50=$(echo "$out" | awk '$1=="50%" {print $2}')
  p99=$(echo "$out" | awk '$1=="99%" {print $2}')
  echo "$rps $(to_ms "$p50") $(to_ms "$p99")"
}
to_ms() { awk -v v="$1" 'BEGIN { n=v; sub(/[a-z]+$/,"",n); u=v; sub(/^[0-9.]+/,"",u);
  if (u=="us") n/=1000; else if (u=="s") n*=1000; printf "%.3f", n }'; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b>0) printf "%.2f", a/b; else print "n/a" }'; }
diff_ms() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%+.3f", a-b }'; }

direct="http://127.0.0.1:$upstream_port/v1/chat/completions"
proxy="http://127.0.0.1:$proxy_port/v1/chat/completions"
gateway="http://127.0.0.1:$gateway_port/v1/chat/completions"

echo "warming up the gateway (JIT) for ${warmup}s ..." >&2
half=$(( (warmup + 1) / 2 ))
run "$gateway" 0 "$connections" "$threads" "$half" >/dev/null
run "$gateway" 1 "$connections" "$threads" "$half" >/dev/null

printf '\nuni-api bench: %s s per run after %s s warm-up, wrk -t%s -c%s, statistics %s, java: %s\n' "$seconds" "$warmup" \
  "$threads" "$connections" "$stats" "$("$java_bin" -version 2>&1 | head -1)"
printf '%-10s %-8s %12s %10s %10s\n' mode target "req/s" "p50 ms" "p99 ms"
for mode in 0 1; do
  name=$([ $mode = 1 ] && echo stream || echo json)
  read -r d_rps d_p50 d_p99 <<<"$(run "$direct" $mode "$connections" "$threads" "$seconds")"
  read -r p_rps p_p50 p_p99 <<<"$(run "$proxy" $mode "$connections" "$threads" "$seconds")"
  read -r g_rps g_p50 g_p99 <<<"$(run "$gateway" $mode "$connections" "$threads" "$seconds")"
  printf '%-10s %-8s %12s %10s %10s\n' "$name" direct "$d_rps" "$d_p50" "$d_p99"
  printf '%-10s %-8s %12s %10s %10s\n' "$name" proxy "$p_rps" "$p_p50" "$p_p99"
  printf '%-10s %-8s %12s %10s %10s\n' "$name" gateway "$g_rps" "$g_p50" "$g_p99"
  printf '%-10s ratios: gateway/direct %s, gateway/nginx-proxy %s\n' "$name" "$(ratio "$g_rps" "$d_rps")" "$(ratio "$g_rps" "$p_rps")"
  read -r d1_rps d1_p50 d1_p99 <<<"$(run "$direct" $mode 1 1 "$seconds")"
  read -r g1_rps g1_p50 g1_p99 <<<"$(run "$gateway" $mode 1 1 "$seconds")"
  printf '%-10s one connection: added latency p50 %s ms, p99 %s ms (direct %s/%s ms, gateway %s/%s ms)\n' "$name" \
    "$(diff_ms "$g1_p50" "$d1_p50")" "$(diff_ms "$g1_p99" "$d1_p99")" "$d1_p50" "$d1_p99" "$g1_p50" "$g1_p99"
done
