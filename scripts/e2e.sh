#!/usr/bin/env bash
# End-to-end test: a real client (@polkadot/api, from npm) drives the power runtime on a real chain
# with signed extrinsics, and checks state, events, view functions and a session rotation.
#
#   scripts/e2e.sh                   # against chopsticks (npm), running our wasm from a raw chain spec
#   scripts/e2e.sh --node omni       # against polkadot-omni-node in dev mode (scripts/dev-chain.sh)
#
# It installs what is missing (the npm packages of e2e/, pinned by e2e/package-lock.json), builds
# the chain spec, starts the chain on 127.0.0.1 only, waits (bounded) until it answers, runs
# e2e/client.mjs, and stops the chain on exit. Any failure exits non-zero.
#
# Environment: E2E_PORT (the chain's RPC port; default 8000 for chopsticks, 9944 for omni),
# E2E_PRESET (development), E2E_READY_TIMEOUT (seconds to wait for the chain; 300),
# E2E_RELEASE=1 (build the runtime with --release), LOG_DIR (target/e2e).
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)

NODE_KIND=chopsticks
while [ $# -gt 0 ]; do
	case "$1" in
		--node) NODE_KIND="${2:-}"; shift 2 ;;
		--node=*) NODE_KIND="${1#--node=}"; shift ;;
		-h | --help) sed -n '2,15p' "$0"; exit 0 ;;
		*) echo "e2e: unknown argument $1 (usage: scripts/e2e.sh [--node chopsticks|omni])" >&2; exit 2 ;;
	esac
done
case "$NODE_KIND" in
	chopsticks) DEFAULT_PORT=8000 ;;
	omni) DEFAULT_PORT=9944 ;;
	*) echo "e2e: --node must be chopsticks or omni, not '$NODE_KIND'" >&2; exit 2 ;;
esac
PORT="${E2E_PORT:-$DEFAULT_PORT}"
PRESET="${E2E_PRESET:-development}"
READY_TIMEOUT="${E2E_READY_TIMEOUT:-300}"
# The host profile of the runtime build. The wasm is built in release either way; the debug host
# build is the one scripts/test.sh and the runtime tests already compiled.
PROFILE_ARGS=()
[ "${E2E_RELEASE:-0}" = 1 ] && PROFILE_ARGS=(--release)
export CARGO_TERM_COLOR="${CARGO_TERM_COLOR:-never}"
TARGET_DIR=$(cargo metadata --format-version 1 --no-deps 2>/dev/null |
	sed -nE 's/.*"target_directory":"([^"]*)".*/\1/p')
TARGET_DIR="${TARGET_DIR:-$ROOT/target}"
LOG_DIR="${LOG_DIR:-$TARGET_DIR/e2e}"
mkdir -p "$LOG_DIR"

start=$(date +%s)
step_start=$start
step() {
	local now; now=$(date +%s)
	printf '\n==> [%4ss] %s\n' "$((now - start))" "$*"
	step_start=$now
}
took() { echo "    (${1}: $(($(date +%s) - step_start))s)"; }

# ---------------------------------------------------------------------------------------------
step "installing what is missing (e2e/ npm packages)"
if ! command -v node >/dev/null || ! command -v npm >/dev/null; then
	echo "e2e: node and npm are needed (node >= 20; chopsticks asks for >= 22 but runs on 20)" >&2
	exit 1
fi
NODE_MAJOR=$(node -p 'process.versions.node.split(".")[0]')
if [ "$NODE_MAJOR" -lt 20 ]; then
	echo "e2e: node $(node --version) is too old: install node >= 20" >&2
	exit 1
fi
# `npm ci` when node_modules is missing or older than the lockfile. --ignore-scripts: the only
# install script is sqlite3's native build, which chopsticks needs only for --db (not used here).
if [ ! -f e2e/node_modules/.package-lock.json ] ||
	[ e2e/package-lock.json -nt e2e/node_modules/.package-lock.json ]; then
	(cd e2e && npm ci --ignore-scripts --no-audit --no-fund --loglevel=error)
fi
took "npm install"

step "self-test of the client's storage proofs (e2e/proofs.test.mjs)"
node --test e2e/proofs.test.mjs >"$LOG_DIR/proofs-test.log" 2>&1 || { cat "$LOG_DIR/proofs-test.log"; exit 1; }
grep -E '^# (pass|fail)' "$LOG_DIR/proofs-test.log"

step "self-test of the client's sealing (e2e/porep.test.mjs, against primitives/vectors/porep.json)"
node --test e2e/porep.test.mjs >"$LOG_DIR/porep-test.log" 2>&1 || { cat "$LOG_DIR/porep-test.log"; exit 1; }
grep -E '^# (pass|fail)' "$LOG_DIR/porep-test.log"

port_in_use() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
if port_in_use "$PORT"; then
	echo "e2e: 127.0.0.1:$PORT is already in use; stop what listens there or set E2E_PORT" >&2
	exit 1
fi

CHAIN_PID=""
CHAIN_LOG="$LOG_DIR/$NODE_KIND.log"
cleanup() {
	local status=$?
	if [ -n "$CHAIN_PID" ] && kill -0 "$CHAIN_PID" 2>/dev/null; then
		# The chain runs in its own process group (set -m below): stop the whole group.
		kill -TERM -- "-$CHAIN_PID" 2>/dev/null || kill -TERM "$CHAIN_PID" 2>/dev/null || true
		for _ in $(seq 1 20); do kill -0 "$CHAIN_PID" 2>/dev/null || break; sleep 0.5; done
		kill -KILL -- "-$CHAIN_PID" 2>/dev/null || true
	fi
	if [ "$status" -ne 0 ] && [ -n "$CHAIN_PID" ] && [ -f "$CHAIN_LOG" ]; then
		echo "---- last lines of $CHAIN_LOG ----" >&2
		tail -n 40 "$CHAIN_LOG" >&2 || true
	fi
	exit "$status"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# Starts "$@" in the background in its own process group, logging to $CHAIN_LOG.
start_chain() {
	set -m
	"$@" >"$CHAIN_LOG" 2>&1 &
	CHAIN_PID=$!
	set +m
}

# Waits until the chain answers on $PORT, at most READY_TIMEOUT seconds.
wait_ready() {
	local waited=0
	until port_in_use "$PORT"; do
		if ! kill -0 "$CHAIN_PID" 2>/dev/null; then
			echo "e2e: the chain exited before it was ready" >&2
			return 1
		fi
		if [ "$waited" -ge "$READY_TIMEOUT" ]; then
			echo "e2e: the chain did not open 127.0.0.1:$PORT within ${READY_TIMEOUT}s" >&2
			return 1
		fi
		sleep 1
		waited=$((waited + 1))
	done
}

# ---------------------------------------------------------------------------------------------
if [ "$NODE_KIND" = chopsticks ]; then
	step "building the raw chain spec of the '$PRESET' preset (runtime example raw_chain_spec)"
	SPEC="$LOG_DIR/chain-spec-$PRESET.raw.json"
	cargo run "${PROFILE_ARGS[@]}" --locked -q -p power-runtime --example raw_chain_spec -- "$PRESET" \
		>"$SPEC"
	echo "    $SPEC ($(wc -c <"$SPEC") bytes)"
	# The same genesis plus a Timestamp::Now, without which chopsticks' first block can fail its
	# slot check (see e2e/chopsticks-spec.mjs).
	CHOPSTICKS_SPEC="$LOG_DIR/chain-spec-$PRESET.chopsticks.json"
	node e2e/chopsticks-spec.mjs "$SPEC" "$CHOPSTICKS_SPEC" | sed 's/^/    /'
	took "chain spec"

	step "starting chopsticks on 127.0.0.1:$PORT"
	start_chain node e2e/node_modules/@acala-network/chopsticks/chopsticks.cjs \
		--chain-spec "$CHOPSTICKS_SPEC" --host 127.0.0.1 --port "$PORT" --build-block-mode Instant
	wait_ready
	took "chain start"
else
	step "preparing the omni-node dev chain (scripts/dev-chain.sh --chain-only --prepare-only)"
	DEV_CHAIN_ARGS=()
	[ "${E2E_RELEASE:-0}" = 1 ] && DEV_CHAIN_ARGS=(--release)
	scripts/dev-chain.sh --chain-only --prepare-only "${DEV_CHAIN_ARGS[@]}"
	took "install, runtime build and chain spec"

	step "starting polkadot-omni-node on 127.0.0.1:$PORT (scripts/dev-chain.sh)"
	start_chain scripts/dev-chain.sh --chain-only --no-prepare "${DEV_CHAIN_ARGS[@]}" --rpc-port "$PORT"
	wait_ready
	took "chain start"
fi

# ---------------------------------------------------------------------------------------------
step "running the client (e2e/client.mjs)"
node e2e/client.mjs --ws "ws://127.0.0.1:$PORT" --mode "$NODE_KIND"
took "client"

step "e2e ($NODE_KIND) passed in $(($(date +%s) - start))s"
