#!/usr/bin/env bash
# Starts the API exactly as the README's quick start does, without DATABASE_URL,
# waits for /readyz, then stops it with SIGTERM and checks it exits cleanly.
set -euo pipefail
cd "$(dirname "$0")/.."
port=$(npm exec --offline -- node -e "const s=require('node:net').createServer().listen(0,()=>{console.log(s.address().port);s.close()})")
log=$(mktemp)
# setsid: its own process group, signalled as a whole like a terminal's Ctrl-C or a container stop.
env -u DATABASE_URL -u REDIS_URL PORT="$port" LOG_LEVEL=warn setsid npm start >"$log" 2>&1 &
pid=$!
cleanup() { kill -TERM -- "-$pid" 2>/dev/null || true; }
trap cleanup EXIT
for _ in $(seq 1 120); do
  if curl -fsS "http://127.0.0.1:${port}/readyz" >/dev/null 2>&1; then break; fi
  if ! kill -0 "$pid" 2>/dev/null; then cat "$log"; echo "npm start exited early"; exit 1; fi
  sleep 1
done
curl -fsS "http://127.0.0.1:${port}/readyz"; echo
key=$(grep -o 'yz_[A-Za-z0-9_-]*' "$log" | head -1)
[[ -n "$key" ]] || { cat "$log"; echo "no demo API key printed"; exit 1; }
curl -fsS -H "Authorization: Bearer ${key}" "http://127.0.0.1:${port}/v1/me"; echo
curl -fsS -o /dev/null "http://127.0.0.1:${port}/docs/"
kill -TERM -- "-$pid"
for _ in $(seq 1 30); do pgrep -g "$pid" >/dev/null || break; sleep 1; done
if pgrep -g "$pid" >/dev/null; then cat "$log"; echo "did not stop within 30 s of SIGTERM"; exit 1; fi
data_dir=$(sed -n 's/^ *PostgreSQL *embedded, data in //p' "$log")
[[ -n "$data_dir" ]] || { cat "$log"; echo "the banner does not say where the embedded data is"; exit 1; }
if pgrep -f -- "-D ${data_dir}" >/dev/null; then echo "the embedded PostgreSQL server outlived the API"; exit 1; fi
trap - EXIT
echo "embedded data: ${data_dir}"
echo "embedded start, /readyz, demo key, /docs and SIGTERM shutdown: ok"
