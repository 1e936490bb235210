#!/usr/bin/env bash
# Integration tests of the pollinator against chopsticks running this runtime, as scripts/e2e.sh
# starts it: builds the raw chain spec, starts chopsticks on 127.0.0.1:$POLLINATOR_IT_PORT
# (default 8011), runs `cargo test -p pollinator --test node` with POLLINATOR_IT_WS pointing at
# it (the real `pollinate` binary: kill -9 under load, two daemons, periodic tasks, expired
# entries), and stops chopsticks. Prints the time it took.
#
#   scripts/pollinator-it.sh           # the tests
#   scripts/pollinator-it.sh --bench   # instead: `cargo bench -p pollinator --bench chain`
#
# One test only: POLLINATOR_IT_TESTS=<name filter> (cargo test's filter; default: every test).
# Preset: POLLINATOR_IT_PRESET (default `local_testnet`: 1-hour sessions, so no session change
# lands in a test; chopsticks drops, rather than keeps, an extrinsic a full block refuses).
#
# Installs the e2e/ npm packages (chopsticks) when missing, like scripts/e2e.sh; needs node >= 20
# and the runtime's wasm build (clang).
set -euo pipefail
cd "$(dirname "$0")/.."
PORT="${POLLINATOR_IT_PORT:-8011}"
LOG_DIR="target/pollinator-it"
mkdir -p "$LOG_DIR"
start=$(date +%s)

if [ ! -d e2e/node_modules/@acala-network/chopsticks ]; then
	(cd e2e && npm ci --ignore-scripts --no-audit --no-fund --loglevel=error)
fi
MODE=test
[ "${1:-}" = --bench ] && MODE=bench
PRESET="${POLLINATOR_IT_PRESET:-local_testnet}"
SPEC="$LOG_DIR/chain-spec-$PRESET.raw.json"
cargo run --locked -q -p power-runtime --example raw_chain_spec -- "$PRESET" >"$SPEC"
CHOPSTICKS_SPEC="$LOG_DIR/chain-spec-$PRESET.chopsticks.json"
node e2e/chopsticks-spec.mjs "$SPEC" "$CHOPSTICKS_SPEC"
echo "pollinator-it: chain spec ready after $(($(date +%s) - start))s"

CHAIN_PID=""
cleanup() {
	if [ -n "$CHAIN_PID" ] && kill -0 "$CHAIN_PID" 2>/dev/null; then
		kill -TERM -- "-$CHAIN_PID" 2>/dev/null || kill -TERM "$CHAIN_PID" 2>/dev/null || true
		for _ in $(seq 1 20); do kill -0 "$CHAIN_PID" 2>/dev/null || break; sleep 0.5; done
		kill -KILL -- "-$CHAIN_PID" 2>/dev/null || true
	fi
}
trap cleanup EXIT
set -m
node e2e/node_modules/@acala-network/chopsticks/chopsticks.cjs --chain-spec "$CHOPSTICKS_SPEC" \
	--host 127.0.0.1 --port "$PORT" --build-block-mode Instant >"$LOG_DIR/chopsticks.log" 2>&1 &
CHAIN_PID=$!
set +m
for _ in $(seq 1 120); do
	(exec 3<>"/dev/tcp/127.0.0.1/$PORT") 2>/dev/null && break
	kill -0 "$CHAIN_PID" 2>/dev/null || { tail -n 40 "$LOG_DIR/chopsticks.log"; exit 1; }
	sleep 1
done
echo "pollinator-it: chopsticks on 127.0.0.1:$PORT after $(($(date +%s) - start))s"

if [ "$MODE" = bench ]; then
	POLLINATOR_IT_WS="ws://127.0.0.1:$PORT" SKIP_WASM_BUILD=1 cargo bench -p pollinator --bench chain
	echo "pollinator-it: benchmark done in $(($(date +%s) - start))s"
	exit 0
fi
POLLINATOR_IT_WS="ws://127.0.0.1:$PORT" SKIP_WASM_BUILD=1 \
	cargo test -p pollinator --test node -- --test-threads=1 --nocapture ${POLLINATOR_IT_TESTS:-}
echo "pollinator-it: passed in $(($(date +%s) - start))s"
