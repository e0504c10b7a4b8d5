#!/usr/bin/env bash
# The README's quick start as a new user tries it, as the CI user (root in CI):
# a fresh clone in a private folder (mktemp -d, mode 0700, like root's home),
# `npm ci`, the embedded start smoke, and a test file on an embedded server.
# As root, PostgreSQL runs as an unprivileged user who cannot enter that folder.
set -euo pipefail
source_dir="$(cd "$(dirname "$0")/.." && pwd)"
dir=$(mktemp -d)
cleanup() { rm -rf "$dir"; }
trap cleanup EXIT
[[ $(stat -c %a "$dir") == 700 ]] || { echo "mktemp -d did not make a private folder"; exit 1; }
git clone -q "$source_dir" "$dir/yorozu"
cd "$dir/yorozu"
npm ci --prefer-offline --no-audit --no-fund
log=$(mktemp)
bash .ci/smoke-embedded.sh | tee "$log"
# Where the server kept its data, when the postgres user could not reach .data/ inside the clone.
data_dir=$(sed -n 's/^embedded data: //p' "$log")
trap 'cleanup; [[ "$data_dir" == "$dir"/* ]] || rm -rf "$data_dir"; rm -f "$log"' EXIT
env -u DATABASE_URL -u REDIS_URL npm test -w @yorozu/api -- src/http/outage.test.ts
echo "fresh clone in a private folder: npm ci, npm start and npm test on the embedded server: ok"
