#!/usr/bin/env bash
# The whole local system in one command, on 127.0.0.1 only: the power chain, one pollinator (the
# `pollinate` daemon, with a fresh funded key) and the wallet page (examples/wallet). It prints
# where each is (RPC, pollinator, page, the dev accounts to use, the logs) and runs until Ctrl-C,
# which stops everything it started.
#
#   scripts/dev-chain.sh                      # the chain on polkadot-omni-node (built if missing)
#   scripts/dev-chain.sh --chopsticks         # the chain on chopsticks: no node to build, minutes
#   scripts/dev-chain.sh --chain-only         # only the chain, in the foreground (e2e.sh --node omni)
#   scripts/dev-chain.sh --rpc-port 9944      # the chain's RPC (default 9944)
#   scripts/dev-chain.sh --pollinator-port 8080   # the pollinator's HTTP API (default 8080)
#   scripts/dev-chain.sh --page-port 3000     # the wallet page (default 3000)
#   scripts/dev-chain.sh --block-time 6000    # node only: ms between blocks (default: the node's, 3000)
#   scripts/dev-chain.sh --prepare-only       # install, build and make the spec, then stop
#   scripts/dev-chain.sh --no-prepare         # start from what --prepare-only made
#   scripts/dev-chain.sh --release            # node only: build the runtime with --release (see 2.)
#   scripts/dev-chain.sh -- --log runtime=debug   # node only: anything after -- goes to the node
#
# 1. the node: installs polkadot-omni-node (pinned, with `cargo install --locked`) if it is
#    missing, after the Debian packages its build needs (scripts/node-build-deps.sh: clang,
#    libclang-dev, protobuf-compiler). A cold compile took about 62 minutes and 10 GB of target
#    dir on 2 cores. With --chopsticks: the npm packages of e2e/ (chopsticks) instead;
# 2. builds the runtime with its wasm. The wasm is always built in release; the host build is
#    debug by default (the one scripts/test.sh shares), and --release only changes the native
#    code, which the node does not run (it then uses the compact, compressed wasm);
# 3. makes a chain spec from the `development` preset with the node's built-in
#    `chain-spec-builder` (the tool of crate staging-chain-spec-builder). With --chopsticks: the
#    raw spec of the runtime's example raw_chain_spec, plus a genesis timestamp;
# 4. (not with --chain-only) the npm packages of clients/js and examples/wallet, the library's
#    and the page's builds, the pollinator's build (`cargo build -p pollinator --bin pollinate`)
#    and its config ($DEV_CHAIN_OUT/pollinator.toml, fresh words from `pollinate genconf`) with a
#    random passphrase in pollinator.passphrase (mode 600);
# 5. checks that every port is free (else it stops, naming the port), starts the chain
#    (omni-node: --dev, manual seal, no relay chain, temporary database, a block every 3 s;
#    chopsticks: a block per transaction), prepares it (examples/wallet/setup-chain.mjs: the
#    sufficient asset SNZ, a pool native <-> SNZ, //NoNative holding SNZ and no native tokens,
#    100 UNIT for the pollinator's key), starts `pollinate serve` and the page's server, and waits.
# Every start is from a fresh chain. The building blocks are in scripts/lib/stack.sh, shared with
# scripts/wallet-e2e.sh.
# Environment: DEV_CHAIN_PRESET (development; the page's setup needs its sudo key),
# DEV_CHAIN_P2P_PORT (30333), DEV_CHAIN_OUT (target/dev-chain: specs, configs, logs).
set -euo pipefail
cd "$(dirname "$0")/.."

OMNI_NODE_VERSION=0.24.0
PARA_ID=1000
RELAY_CHAIN=rococo-local
PRESET="${DEV_CHAIN_PRESET:-development}"
P2P_PORT="${DEV_CHAIN_P2P_PORT:-30333}"
RPC_PORT=9944
POLLINATOR_PORT=8080
PAGE_PORT=3000
BLOCK_TIME=""
PREPARE=1
RUN=1
PROFILE=debug
CHAIN=omni
WHOLE=1
NODE_ARGS=()
while [ $# -gt 0 ]; do
	case "$1" in
		--chopsticks) CHAIN=chopsticks; shift ;;
		--chain-only) WHOLE=0; shift ;;
		--rpc-port) RPC_PORT="$2"; shift 2 ;;
		--pollinator-port) POLLINATOR_PORT="$2"; shift 2 ;;
		--page-port) PAGE_PORT="$2"; shift 2 ;;
		--block-time) BLOCK_TIME="$2"; shift 2 ;;
		--prepare-only) RUN=0; shift ;;
		--no-prepare) PREPARE=0; shift ;;
		--release) PROFILE=release; shift ;;
		--) shift; NODE_ARGS=("$@"); break ;;
		-h | --help) sed -n '2,41p' "$0"; exit 0 ;;
		*) echo "dev-chain: unknown argument $1 (see --help)" >&2; exit 2 ;;
	esac
done
if [ "$CHAIN" = chopsticks ]; then
	[ -z "$BLOCK_TIME" ] || { echo "dev-chain: --block-time is for the node (chopsticks builds a block per transaction)" >&2; exit 2; }
	[ "$PROFILE" = debug ] || { echo "dev-chain: --release is for the node (chopsticks runs the wasm, built in release anyway)" >&2; exit 2; }
	[ "${#NODE_ARGS[@]}" -eq 0 ] || { echo "dev-chain: arguments after -- are for the node, not chopsticks" >&2; exit 2; }
fi

export CARGO_TERM_COLOR="${CARGO_TERM_COLOR:-never}"
STACK_NAME=dev-chain
# shellcheck source=lib/stack.sh
. scripts/lib/stack.sh
TARGET_DIR=$(stack_target_dir)
STACK_OUT="${DEV_CHAIN_OUT:-$TARGET_DIR/dev-chain}"
OUT="$STACK_OUT"
WBUILD="$TARGET_DIR/$PROFILE/wbuild/power-runtime"
SPEC="$OUT/chain-spec-$PRESET.json"
mkdir -p "$OUT"
start=$(date +%s)
step() { printf '\n==> [%4ss] %s\n' "$(($(date +%s) - start))" "$*"; }

# Every port the run needs must be free: checked before the (maybe long) preparation, and again
# just before the start.
check_ports() {
	stack_check_port "$RPC_PORT" "the chain's RPC" "pick another with --rpc-port"
	if [ "$CHAIN" = omni ]; then
		stack_check_port "$P2P_PORT" "the node's peer-to-peer port" "set DEV_CHAIN_P2P_PORT"
	fi
	if [ "$WHOLE" = 1 ]; then
		stack_check_port "$POLLINATOR_PORT" "the pollinator's HTTP API" "pick another with --pollinator-port"
		stack_check_port "$PAGE_PORT" "the wallet page" "pick another with --page-port"
	fi
}
[ "$RUN" -eq 0 ] || check_ports

# Whether cargo installed the pinned version (its install list records crate versions).
pinned_installed() {
	cargo install --list 2>/dev/null | grep -q "^polkadot-omni-node v$OMNI_NODE_VERSION:" &&
		command -v polkadot-omni-node >/dev/null
}

# The node, the runtime's wasm and the chain spec.
prepare_omni() {
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
	stack_wasm_toolchain
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
	mkdir -p "$OUT"
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
}

# Chopsticks and the raw chain spec (with the runtime's wasm in it).
prepare_chopsticks() {
	step "chopsticks (the npm packages of e2e/)"
	stack_need_node
	stack_npm_ci e2e --ignore-scripts
	step "the raw chain spec of the '$PRESET' preset (runtime example raw_chain_spec) for chopsticks"
	stack_chopsticks_spec "$PRESET"
	echo "    $OUT/chain-spec.chopsticks.json"
}

# The library's, the page's and the pollinator's builds.
prepare_services() {
	step "the client library and the wallet page (npm ci where needed, builds)"
	stack_install_js
	stack_build_page
	step "building the pollinator (cargo build -p pollinator --bin pollinate)"
	stack_build_pollinator || stack_die "the pollinator does not build (above)"
	stack_pollinator_can_serve || stack_die "$POLLINATE has no \`serve\` command"
	echo "    $POLLINATE"
}

if [ "$PREPARE" -eq 1 ]; then
	if [ "$CHAIN" = omni ]; then prepare_omni; else prepare_chopsticks; fi
	[ "$WHOLE" = 0 ] || prepare_services
fi

[ "$RUN" -eq 1 ] || exit 0

# ---------------------------------------------------------------------------------------------
if [ "$CHAIN" = omni ]; then
	[ -f "$SPEC" ] || stack_die "no chain spec at $SPEC: run without --no-prepare first"
	command -v polkadot-omni-node >/dev/null || stack_die "no polkadot-omni-node on PATH: run without --no-prepare first"
	CHAIN_CMD=(
		polkadot-omni-node
		--dev
		--chain "$SPEC"
		--rpc-port "$RPC_PORT"
		--listen-addr "/ip4/127.0.0.1/tcp/$P2P_PORT"
		--no-mdns
		--no-prometheus
		--no-telemetry
		--no-hardware-benchmarks
	)
	[ -n "$BLOCK_TIME" ] && CHAIN_CMD+=(--dev-block-time "$BLOCK_TIME")
	CHAIN_CMD+=("${NODE_ARGS[@]}")
	CHAIN_DESC="polkadot-omni-node --dev: a block every ${BLOCK_TIME:-3000} ms, a temporary database"
else
	[ -f "$OUT/chain-spec.chopsticks.json" ] || stack_die "no chopsticks spec in $OUT: run without --no-prepare first"
	CHAIN_CMD=(node e2e/node_modules/@acala-network/chopsticks/chopsticks.cjs
		--chain-spec "$OUT/chain-spec.chopsticks.json" --host 127.0.0.1 --port "$RPC_PORT"
		--build-block-mode Instant)
	CHAIN_DESC="chopsticks running this runtime's wasm: a block per transaction"
fi
check_ports

if [ "$WHOLE" = 0 ]; then
	step "starting the chain ($CHAIN_DESC): RPC ws://127.0.0.1:$RPC_PORT (Ctrl-C stops it)"
	exec "${CHAIN_CMD[@]}"
fi

POLLINATE="${POLLINATE:-$TARGET_DIR/debug/pollinate}"
stack_pollinator_can_serve || stack_die "no pollinator at $POLLINATE: run without --no-prepare first"
[ -f examples/wallet/dist/app.js ] || stack_die "the wallet page is not built: run without --no-prepare first"
stack_traps

step "starting the chain on 127.0.0.1:$RPC_PORT ($CHAIN_DESC)"
stack_start_bg "$CHAIN" "${CHAIN_CMD[@]}"
stack_wait_port "$RPC_PORT" 300 "$CHAIN"

step "a fresh key for the pollinator ($OUT/pollinator.toml, its passphrase in pollinator.passphrase)"
stack_pollinator_config "$RPC_PORT" "$POLLINATOR_PORT"
echo "    $POLLINATOR_ADDRESS"

step "preparing the chain (examples/wallet/setup-chain.mjs; 100 UNIT to the pollinator's key)"
if ! stack_setup_chain "$RPC_PORT" "$POLLINATOR_ADDRESS" >"$OUT/setup.log" 2>&1; then
	cat "$OUT/setup.log" >&2
	stack_die "the chain's setup failed (above)"
fi
grep -E '^ +-- ' "$OUT/setup.log" || true

step "starting the pollinator and the wallet page"
stack_start_pollinator "$POLLINATOR_PORT"
stack_start_page "$PAGE_PORT"

WS="ws://127.0.0.1:$RPC_PORT"
POLLINATOR_URL="http://127.0.0.1:$POLLINATOR_PORT"
PAGE_URL="http://127.0.0.1:$PAGE_PORT/?ws=$WS&pollinator=$POLLINATOR_URL"
EMPTY=$(node -p 'require(process.argv[1]).empty.address' "$OUT/setup.json")
# The dev accounts' addresses, from their URIs (the page's @polkadot/keyring).
read -r ALICE BOB < <(cd examples/wallet && node --input-type=module -e '
	import { Keyring } from "@polkadot/keyring";
	import { cryptoWaitReady } from "@polkadot/util-crypto";
	await cryptoWaitReady();
	const keyring = new Keyring({ type: "sr25519", ss58Format: 42 });
	console.log(["//Alice", "//Bob"].map((uri) => keyring.addFromUri(uri).address).join(" "));')
cat <<EOF

==> [$(printf '%4s' "$(($(date +%s) - start))")s] the local system is running; Ctrl-C stops all of it
    chain        $WS  (HTTP JSON-RPC too: http://127.0.0.1:$RPC_PORT)
                 $CHAIN_DESC
    pollinator   $POLLINATOR_URL  (GET /health, POST /api/v1/payafter)
                 its key $POLLINATOR_ADDRESS holds 100 UNIT; config $OUT/pollinator.toml
    wallet page  $PAGE_URL
    accounts     //NoNative $EMPTY: 1 000 SNZ (asset 1), no native tokens;
                            pick it in the page and send some SNZ
                 //Alice    $ALICE: sudo, native tokens and SNZ
                 //Bob      $BOB (and //Charlie ... //Ferdie): native tokens
    logs         $OUT/{$CHAIN,pollinator,page,setup}.log
EOF
stack_wait_any
