#!/usr/bin/env bash
# The wallet page's end-to-end test, in a real browser: chopsticks runs this runtime, a real
# pollinator relays, the page is served on 127.0.0.1, and Debian's chromium (driven by the npm
# package playwright-core; no browser download) sends an asset from an account with no native
# tokens, waits for "executed", and the test checks the balances on chain with @polkadot/api.
#
#   scripts/wallet-e2e.sh
#   scripts/wallet-e2e.sh --serve    # the same stack, left running for a person (no test): prints
#                                    # the page's URL and waits for Ctrl-C
#
# Steps (each timed):
#   1. installs what is missing: Debian's `chromium` (apt), the npm packages of e2e/ (chopsticks),
#      clients/js (the library, built if dist/ is older than src/) and examples/wallet
#      (playwright-core, @polkadot/api, esbuild); all pinned by their lock files;
#   2. builds the page (examples/wallet/build.mjs) and runs its unit tests (test/logic.test.mjs);
#   3. builds the pollinator (`cargo build -p pollinator --bin pollinate`) and writes its config
#      with fresh seed words;
#   4. builds the raw chain spec (runtime example raw_chain_spec) and starts chopsticks;
#   5. prepares the chain (examples/wallet/setup-chain.mjs: a sufficient asset, a pool, an
#      account with the asset and no native tokens, native tokens for the pollinator's key);
#   6. starts the pollinator (`pollinate serve`) and the page's server (examples/wallet/serve.mjs);
#   7. runs examples/wallet/test/browser.test.mjs. Screenshots: $OUT/screenshots/*.png.
#
# Everything listens on 127.0.0.1 only; a trap stops every process it started. Idempotent: run it
# again and it reinstalls nothing and starts from a fresh chain.
#
# Environment: WALLET_E2E_CHAIN_PORT (8010), WALLET_E2E_POLLINATOR_PORT (8090),
# WALLET_E2E_PAGE_PORT (3010), WALLET_E2E_OUT (target/wallet-e2e), CHROMIUM (path of chromium),
# WALLET_E2E_SPEC (a raw chain spec of the development preset to use instead of building one),
# WALLET_E2E_ALLOW_NO_POLLINATOR=1 (if the pollinator has no `serve` command yet, run everything
# else and exit 0 instead of 1; the send test is then reported as skipped).
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)

SERVE=0
case "${1:-}" in
	"") ;;
	--serve) SERVE=1 ;;
	-h | --help) sed -n '2,35p' "$0"; exit 0 ;;
	*) echo "wallet-e2e: unknown argument $1 (usage: scripts/wallet-e2e.sh [--serve])" >&2; exit 2 ;;
esac
CHAIN_PORT="${WALLET_E2E_CHAIN_PORT:-8010}"
POLLINATOR_PORT="${WALLET_E2E_POLLINATOR_PORT:-8090}"
PAGE_PORT="${WALLET_E2E_PAGE_PORT:-3010}"
OUT="${WALLET_E2E_OUT:-$ROOT/target/wallet-e2e}"
export CARGO_TERM_COLOR="${CARGO_TERM_COLOR:-never}"
mkdir -p "$OUT"
rm -rf "$OUT/screenshots" "$OUT/pollinator.sqlite"*

start=$(date +%s)
step_start=$start
step() {
	local now; now=$(date +%s)
	printf '\n==> [%4ss] %s\n' "$((now - start))" "$*"
	step_start=$now
}
took() { echo "    (${1}: $(($(date +%s) - step_start))s)"; }
die() { echo "wallet-e2e: $*" >&2; exit 1; }

# ---------------------------------------------------------------------------------------------
step "installing what is missing (chromium, npm packages)"
command -v node >/dev/null && command -v npm >/dev/null || die "node (>= 20) and npm are needed"
[ "$(node -p 'process.versions.node.split(".")[0]')" -ge 20 ] || die "node $(node --version) is too old: install node >= 20"
CHROMIUM="${CHROMIUM:-$(command -v chromium || true)}"
if [ -z "$CHROMIUM" ] && [ "$SERVE" = 0 ]; then
	echo "    installing Debian's chromium with apt-get"
	SUDO=""
	[ "$(id -u)" -ne 0 ] && SUDO=sudo
	$SUDO apt-get update -qq
	DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq chromium >/dev/null
	CHROMIUM=$(command -v chromium) || die "apt-get installed no chromium"
fi
[ -n "$CHROMIUM" ] && echo "    $("$CHROMIUM" --version 2>/dev/null || echo "$CHROMIUM")"
# `npm ci` where node_modules is missing or older than the lock file (as scripts/e2e.sh does).
npm_ci() {
	local dir=$1; shift
	if [ ! -f "$dir/node_modules/.package-lock.json" ] ||
		[ "$dir/package-lock.json" -nt "$dir/node_modules/.package-lock.json" ]; then
		echo "    npm ci in $dir"
		(cd "$dir" && npm ci --no-audit --no-fund --loglevel=error "$@")
	fi
}
# --ignore-scripts: e2e/'s only install script is sqlite3's native build (chopsticks --db, unused);
# playwright-core's and esbuild's need none (esbuild's binary is an optional dependency).
npm_ci e2e --ignore-scripts
npm_ci clients/js
npm_ci examples/wallet --ignore-scripts
if [ ! -f clients/js/dist/index.js ] ||
	[ -n "$(find clients/js/src clients/js/package.json -newer clients/js/dist/index.js -print -quit)" ]; then
	echo "    building the library (clients/js: npm run build)"
	(cd clients/js && npm run build --silent)
fi
took "install"

step "building the page and running its unit tests"
node examples/wallet/build.mjs | sed 's/^/    /'
node --test examples/wallet/test/logic.test.mjs >"$OUT/logic-test.log" 2>&1 || { cat "$OUT/logic-test.log"; exit 1; }
grep -E '^# (pass|fail)' "$OUT/logic-test.log" | sed 's/^/    /'
took "page"

# ---------------------------------------------------------------------------------------------
step "building the pollinator (cargo build -p pollinator --bin pollinate)"
HAVE_POLLINATOR=0
POLLINATE=""
if [ -f pollinator/Cargo.toml ]; then
	if ! cargo build --locked -q -p pollinator --bin pollinate 2>"$OUT/pollinator-build.log"; then
		cat "$OUT/pollinator-build.log" >&2
		[ "${WALLET_E2E_ALLOW_NO_POLLINATOR:-0}" = 1 ] || die "the pollinator does not build"
		echo "    the pollinator does not build (above); going on without it"
	fi
	TARGET_DIR=$(cargo metadata --format-version 1 --no-deps 2>/dev/null |
		sed -nE 's/.*"target_directory":"([^"]*)".*/\1/p')
	POLLINATE="${TARGET_DIR:-$ROOT/target}/debug/pollinate"
	if [ -x "$POLLINATE" ] && "$POLLINATE" --help | grep -qE '^\s+serve\b'; then
		HAVE_POLLINATOR=1
	fi
fi
if [ "$HAVE_POLLINATOR" = 0 ]; then
	echo "    THE POLLINATOR IS NOT READY: $( [ -n "$POLLINATE" ] && echo "\`pollinate\` has no \`serve\` command" || echo "there is no pollinator crate")."
	echo "    The page's send test needs a real pollinator; it will be skipped."
	[ "${WALLET_E2E_ALLOW_NO_POLLINATOR:-0}" = 1 ] || echo "    (this run will fail; WALLET_E2E_ALLOW_NO_POLLINATOR=1 makes it pass without the send)"
else
	# Fresh words each run; the key is the words with an empty passphrase (POLLINATE_PASSPHRASE).
	WORDS=$("$POLLINATE" genconf | sed -nE 's/^seed_words = "(.*)"$/\1/p')
	[ -n "$WORDS" ] || die "cannot read seed_words from \`pollinate genconf\`"
	cat >"$OUT/pollinator.toml" <<-EOF
		seed_words = "$WORDS"
		rpc = "ws://127.0.0.1:$CHAIN_PORT"
		bind = "127.0.0.1:$POLLINATOR_PORT"
		# 1 milli-UNIT above the relaying extrinsic's fee: the page's first fee (twice the fee) pays it.
		min_profit = 1_000_000_000
		tasks = []
		database = "$OUT/pollinator.sqlite"
	EOF
	export POLLINATE_PASSPHRASE=""
	POLLINATOR_ADDRESS=$("$POLLINATE" address "$OUT/pollinator.toml")
	echo "    the pollinator's key: $POLLINATOR_ADDRESS"
fi
took "pollinator build"

# ---------------------------------------------------------------------------------------------
port_in_use() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
for port in "$CHAIN_PORT" "$POLLINATOR_PORT" "$PAGE_PORT"; do
	port_in_use "$port" && die "127.0.0.1:$port is already in use; stop what listens there or set WALLET_E2E_*_PORT"
done

PIDS=()
cleanup() {
	local status=$?
	for pid in "${PIDS[@]}"; do
		kill -TERM -- "-$pid" 2>/dev/null || kill -TERM "$pid" 2>/dev/null || true
	done
	for pid in "${PIDS[@]}"; do
		for _ in $(seq 1 20); do kill -0 "$pid" 2>/dev/null || break; sleep 0.25; done
		kill -KILL -- "-$pid" 2>/dev/null || true
	done
	if [ "$status" -ne 0 ] && [ "$status" -ne 130 ]; then
		for log in chopsticks pollinator page; do
			[ -f "$OUT/$log.log" ] || continue
			echo "---- last lines of $OUT/$log.log ----" >&2
			tail -n 30 "$OUT/$log.log" >&2 || true
		done
	fi
	exit "$status"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# Starts "$@" in the background in its own process group, logging to $OUT/$1.log.
start_bg() {
	local name=$1; shift
	set -m
	"$@" >"$OUT/$name.log" 2>&1 &
	PIDS+=($!)
	set +m
}
# Waits (at most $3 seconds) until 127.0.0.1:$2 answers, while the process $1 lives.
wait_port() {
	local pid=$1 port=$2 limit=$3 waited=0
	until port_in_use "$port"; do
		kill -0 "$pid" 2>/dev/null || die "$4 exited before it was ready (see $OUT/$4.log)"
		[ "$waited" -lt "$limit" ] || die "$4 did not open 127.0.0.1:$port within ${limit}s"
		sleep 1
		waited=$((waited + 1))
	done
}

step "building the raw chain spec and starting chopsticks on 127.0.0.1:$CHAIN_PORT"
if [ -n "${WALLET_E2E_SPEC:-}" ]; then
	echo "    using the raw chain spec $WALLET_E2E_SPEC (WALLET_E2E_SPEC)"
	cp "$WALLET_E2E_SPEC" "$OUT/chain-spec.raw.json"
else
	cargo run --locked -q -p power-runtime --example raw_chain_spec -- development >"$OUT/chain-spec.raw.json"
fi
node e2e/chopsticks-spec.mjs "$OUT/chain-spec.raw.json" "$OUT/chain-spec.chopsticks.json" | sed 's/^/    /'
start_bg chopsticks node e2e/node_modules/@acala-network/chopsticks/chopsticks.cjs \
	--chain-spec "$OUT/chain-spec.chopsticks.json" --host 127.0.0.1 --port "$CHAIN_PORT" --build-block-mode Instant
wait_port "${PIDS[-1]}" "$CHAIN_PORT" 300 chopsticks
took "chain"

step "preparing the chain (examples/wallet/setup-chain.mjs)"
FUND=()
[ "$HAVE_POLLINATOR" = 1 ] && FUND=(--fund "$POLLINATOR_ADDRESS")
node examples/wallet/setup-chain.mjs --ws "ws://127.0.0.1:$CHAIN_PORT" "${FUND[@]}" --out "$OUT/setup.json" \
	2>&1 | sed 's/^/    /'
took "setup"

step "starting the pollinator and the page"
POLLINATOR_URL=""
if [ "$HAVE_POLLINATOR" = 1 ]; then
	start_bg pollinator "$POLLINATE" serve "$OUT/pollinator.toml"
	wait_port "${PIDS[-1]}" "$POLLINATOR_PORT" 120 pollinator
	POLLINATOR_URL="http://127.0.0.1:$POLLINATOR_PORT"
	echo "    pollinator: $POLLINATOR_URL ($(curl -fsS "$POLLINATOR_URL/health" 2>/dev/null || echo 'no /health answer'))"
fi
start_bg page node examples/wallet/serve.mjs --port "$PAGE_PORT"
wait_port "${PIDS[-1]}" "$PAGE_PORT" 30 page
echo "    page: http://127.0.0.1:$PAGE_PORT/"
took "services"

if [ "$SERVE" = 1 ]; then
	URL="http://127.0.0.1:$PAGE_PORT/?ws=ws://127.0.0.1:$CHAIN_PORT&pollinator=${POLLINATOR_URL:-http://127.0.0.1:$POLLINATOR_PORT}"
	step "running: open $URL (Ctrl-C stops everything)"
	echo "    chain: ws://127.0.0.1:$CHAIN_PORT (chopsticks: a block per transaction)"
	echo "    pollinator: ${POLLINATOR_URL:-not running}; logs in $OUT/"
	while kill -0 "${PIDS[0]}" 2>/dev/null; do sleep 2; done
	die "chopsticks stopped"
fi

step "driving the page in chromium (examples/wallet/test/browser.test.mjs)"
status=0
(cd examples/wallet && WALLET_URL="http://127.0.0.1:$PAGE_PORT/" WALLET_WS="ws://127.0.0.1:$CHAIN_PORT" \
	WALLET_POLLINATOR="$POLLINATOR_URL" WALLET_SHOTS="$OUT/screenshots" CHROMIUM="$CHROMIUM" \
	node --test --test-reporter=spec test/browser.test.mjs) 2>&1 | tee "$OUT/browser-test.log" || status=$?
echo "    screenshots: $(ls "$OUT"/screenshots/*.png 2>/dev/null | tr '\n' ' ')"
took "browser test"
[ "$status" -eq 0 ] || die "the browser test failed (log: $OUT/browser-test.log)"
if [ "$HAVE_POLLINATOR" = 0 ]; then
	if [ "${WALLET_E2E_ALLOW_NO_POLLINATOR:-0}" = 1 ]; then
		step "wallet e2e passed WITHOUT the send (no pollinator yet) in $(($(date +%s) - start))s"
		exit 0
	fi
	die "the send through a pollinator was not tested: the pollinator has no \`serve\` command yet"
fi
step "wallet e2e passed in $(($(date +%s) - start))s"
