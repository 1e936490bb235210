#!/usr/bin/env bash
# Runs the power chain on a real node: polkadot-omni-node in dev mode, on 127.0.0.1 only, producing
# a block every few seconds from the `development` genesis preset.
#
#   scripts/dev-chain.sh                      # install what is missing, build, make the spec, run
#   scripts/dev-chain.sh --rpc-port 9944      # RPC port (default 9944, 127.0.0.1 only)
#   scripts/dev-chain.sh --block-time 6000    # ms between blocks (default: the node's, 3000)
#   scripts/dev-chain.sh --prepare-only       # install, build and make the spec, then stop
#   scripts/dev-chain.sh --release            # build the runtime with --release (see 2.)
#   scripts/dev-chain.sh -- --log runtime=debug   # anything after -- goes to the node
#
# 1. installs polkadot-omni-node (pinned, with `cargo install --locked`) if it is missing, after
#    the Debian packages its build needs (scripts/node-build-deps.sh: clang, libclang-dev,
#    protobuf-compiler). A cold compile took about 62 minutes and 10 GB of target dir on 2 cores;
# 2. builds the runtime with its wasm. The wasm is always built in release; the host build is
#    debug by default (the one scripts/test.sh shares), and --release only changes the native
#    code, which the node does not run (it then uses the compact, compressed wasm);
# 3. makes a chain spec from the `development` preset with the node's built-in
#    `chain-spec-builder` (the tool of crate staging-chain-spec-builder);
# 4. starts the node in dev mode (manual seal, no relay chain, temporary database).
# Environment: DEV_CHAIN_PRESET (development), DEV_CHAIN_P2P_PORT (30333).
set -euo pipefail
cd "$(dirname "$0")/.."

OMNI_NODE_VERSION=0.24.0
PARA_ID=1000
RELAY_CHAIN=rococo-local
PRESET="${DEV_CHAIN_PRESET:-development}"
P2P_PORT="${DEV_CHAIN_P2P_PORT:-30333}"
RPC_PORT=9944
BLOCK_TIME=""
PREPARE=1
RUN=1
PROFILE=debug
NODE_ARGS=()
while [ $# -gt 0 ]; do
	case "$1" in
		--rpc-port) RPC_PORT="$2"; shift 2 ;;
		--block-time) BLOCK_TIME="$2"; shift 2 ;;
		--prepare-only) RUN=0; shift ;;
		--no-prepare) PREPARE=0; shift ;;
		--release) PROFILE=release; shift ;;
		--) shift; NODE_ARGS=("$@"); break ;;
		-h | --help) sed -n '2,21p' "$0"; exit 0 ;;
		*) echo "dev-chain: unknown argument $1 (see --help)" >&2; exit 2 ;;
	esac
done

export CARGO_TERM_COLOR="${CARGO_TERM_COLOR:-never}"
TARGET_DIR=$(cargo metadata --format-version 1 --no-deps 2>/dev/null |
	sed -nE 's/.*"target_directory":"([^"]*)".*/\1/p')
TARGET_DIR="${TARGET_DIR:-$(pwd)/target}"
WBUILD="$TARGET_DIR/$PROFILE/wbuild/power-runtime"
SPEC_DIR="$TARGET_DIR/dev-chain"
SPEC="$SPEC_DIR/chain-spec-$PRESET.json"
start=$(date +%s)
step() { printf '\n==> [%4ss] %s\n' "$(($(date +%s) - start))" "$*"; }

# Whether cargo installed the pinned version (its install list records crate versions).
pinned_installed() {
	cargo install --list 2>/dev/null | grep -q "^polkadot-omni-node v$OMNI_NODE_VERSION:" &&
		command -v polkadot-omni-node >/dev/null
}

if [ "$PREPARE" -eq 1 ]; then
	# -----------------------------------------------------------------------------------------
	step "polkadot-omni-node $OMNI_NODE_VERSION"
	if pinned_installed; then
		echo "installed with cargo: $(command -v polkadot-omni-node)"
	elif command -v polkadot-omni-node >/dev/null && [ "${DEV_CHAIN_REQUIRE_PINNED:-0}" != 1 ]; then
		echo "warning: using $(command -v polkadot-omni-node) ($(polkadot-omni-node --version)), not" \
			"installed by cargo as $OMNI_NODE_VERSION; set DEV_CHAIN_REQUIRE_PINNED=1 to install it" >&2
	else
		lock=$(ls ~/.cargo/registry/src/*/polkadot-omni-node-"$OMNI_NODE_VERSION"/Cargo.lock 2>/dev/null |
			head -n 1 || true)
		total=$([ -n "$lock" ] && grep -c '^\[\[package\]\]' "$lock" || echo "about 1400")
		cat >&2 <<-EOF
			warning: installing polkadot-omni-node $OMNI_NODE_VERSION with cargo install --locked.
			warning: a cold compile took about 62 minutes and 10 GB of target dir on 2 cores.
			warning: progress is printed as crates compile (the lock file lists $total packages).
		EOF
		# Before the long compile: the system packages it needs (libclang for RocksDB, protoc
		# for litep2p), which a fresh Debian machine does not have.
		bash scripts/node-build-deps.sh
		t0=$(date +%s)
		n=0
		cargo install --locked --force "polkadot-omni-node@$OMNI_NODE_VERSION" 2>&1 |
			while IFS= read -r line; do
				case "$line" in
					*" Compiling "*)
						n=$((n + 1))
						printf '[%5ss] %4d/%s %s\n' "$(($(date +%s) - t0))" "$n" "$total" "${line#"${line%%[! ]*}"}"
						;;
					*) printf '%s\n' "$line" ;;
				esac
			done
		if ! pinned_installed; then
			echo "dev-chain: polkadot-omni-node $OMNI_NODE_VERSION did not install, or ~/.cargo/bin" \
				"is not on PATH" >&2
			exit 1
		fi
	fi
	polkadot-omni-node --version

	# -----------------------------------------------------------------------------------------
	step "building the runtime ($PROFILE host profile; the wasm is built in release)"
	build_args=(--locked -p power-runtime)
	[ "$PROFILE" = release ] && build_args+=(--release)
	cargo build "${build_args[@]}"
	# A release host build compacts and compresses the wasm; a debug one keeps the plain blob.
	WASM=""
	for blob in power_runtime.compact.compressed.wasm power_runtime.compact.wasm power_runtime.wasm; do
		if [ -f "$WBUILD/$blob" ]; then WASM="$WBUILD/$blob"; break; fi
	done
	if [ -z "$WASM" ]; then
		echo "dev-chain: no runtime wasm in $WBUILD (is SKIP_WASM_BUILD set?)" >&2
		exit 1
	fi
	echo "$WASM ($(wc -c <"$WASM") bytes)"

	# -----------------------------------------------------------------------------------------
	step "chain spec from the '$PRESET' preset (polkadot-omni-node chain-spec-builder)"
	mkdir -p "$SPEC_DIR"
	case "$PRESET" in
		development) name="Power Development"; id=power_dev; chain_type=development ;;
		local_testnet) name="Power Local Testnet"; id=power_local; chain_type=local ;;
		*) name="Power $PRESET"; id="power_$PRESET"; chain_type=development ;;
	esac
	polkadot-omni-node chain-spec-builder --chain-spec-path "$SPEC" create \
		--chain-name "$name" --chain-id "$id" -t "$chain_type" \
		--relay-chain "$RELAY_CHAIN" --para-id "$PARA_ID" \
		--properties tokenSymbol=UNIT,tokenDecimals=12,ss58Format=42 \
		--runtime "$WASM" named-preset "$PRESET"
	echo "$SPEC"
fi

[ "$RUN" -eq 1 ] || exit 0

# ---------------------------------------------------------------------------------------------
if [ ! -f "$SPEC" ]; then
	echo "dev-chain: no chain spec at $SPEC: run without --no-prepare first" >&2
	exit 1
fi
step "starting polkadot-omni-node --dev: RPC ws://127.0.0.1:$RPC_PORT (Ctrl-C stops it)"
args=(
	--dev
	--chain "$SPEC"
	--rpc-port "$RPC_PORT"
	--listen-addr "/ip4/127.0.0.1/tcp/$P2P_PORT"
	--no-mdns
	--no-prometheus
	--no-telemetry
	--no-hardware-benchmarks
)
[ -n "$BLOCK_TIME" ] && args+=(--dev-block-time "$BLOCK_TIME")
exec polkadot-omni-node "${args[@]}" "${NODE_ARGS[@]}"
