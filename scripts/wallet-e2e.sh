#!/usr/bin/env bash
# The wallet page's end-to-end test, in a real browser: chopsticks runs this runtime, a real
# pollinator relays, the page is served on 127.0.0.1, and Debian's chromium (driven by the npm
# package playwright-core; no browser download) sends an asset from an account with no native
# tokens, waits for "executed", and the test checks the balances on chain with @polkadot/api.
#
#   scripts/wallet-e2e.sh
#   scripts/wallet-e2e.sh --serve    # the same stack, left running for a person (no test): prints
#                                    # the page's URL and waits for Ctrl-C (scripts/dev-chain.sh
#                                    # --chopsticks is the same stack, on the page's default ports)
#
# Steps (each timed):
#   1. installs what is missing: Debian's `chromium` (apt), the npm packages of e2e/ (chopsticks),
#      clients/js (the library, built if dist/ is older than src/) and examples/wallet
#      (playwright-core, @polkadot/api, esbuild); all pinned by their lock files;
#   2. builds the page (examples/wallet/build.mjs) and runs its unit tests (test/logic.test.mjs);
#   3. builds the pollinator (`cargo build -p pollinator --bin pollinate`) and writes its config
#      with fresh seed words, and a random passphrase in a file (mode 600);
#   4. builds the raw chain spec (runtime example raw_chain_spec) and starts chopsticks;
#   5. prepares the chain (examples/wallet/setup-chain.mjs: a sufficient asset, a pool, an
#      account with the asset and no native tokens, native tokens for the pollinator's key);
#   6. starts the pollinator (`pollinate serve`) and the page's server (examples/wallet/serve.mjs);
#   7. runs examples/wallet/test/browser.test.mjs. Screenshots: $OUT/screenshots/*.png.
#
# Everything listens on 127.0.0.1 only; a trap stops every process it started. Idempotent: run it
# again and it reinstalls nothing and starts from a fresh chain. The building blocks (installs,
# pollinator config, chopsticks, processes, ports) are in scripts/lib/stack.sh, which
# scripts/dev-chain.sh shares.
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
	-h | --help) sed -n '2,34p' "$0"; exit 0 ;;
	*) echo "wallet-e2e: unknown argument $1 (usage: scripts/wallet-e2e.sh [--serve])" >&2; exit 2 ;;
esac
CHAIN_PORT="${WALLET_E2E_CHAIN_PORT:-8010}"
POLLINATOR_PORT="${WALLET_E2E_POLLINATOR_PORT:-8090}"
PAGE_PORT="${WALLET_E2E_PAGE_PORT:-3010}"
OUT="${WALLET_E2E_OUT:-$ROOT/target/wallet-e2e}"
export CARGO_TERM_COLOR="${CARGO_TERM_COLOR:-never}"
STACK_NAME=wallet-e2e
STACK_OUT="$OUT"
# shellcheck source=lib/stack.sh
. scripts/lib/stack.sh
mkdir -p "$OUT"
rm -rf "$OUT/screenshots"

start=$(date +%s)
step_start=$start
step() {
	local now; now=$(date +%s)
	printf '\n==> [%4ss] %s\n' "$((now - start))" "$*"
	step_start=$now
}
took() { echo "    (${1}: $(($(date +%s) - step_start))s)"; }
die() { stack_die "$@"; }

# ---------------------------------------------------------------------------------------------
step "installing what is missing (chromium, npm packages)"
stack_need_node
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
stack_install_js
took "install"

step "building the page and running its unit tests"
stack_build_page
node --test examples/wallet/test/logic.test.mjs >"$OUT/logic-test.log" 2>&1 || { cat "$OUT/logic-test.log"; exit 1; }
grep -E '^# (pass|fail)' "$OUT/logic-test.log" | sed 's/^/    /'
took "page"

# ---------------------------------------------------------------------------------------------
step "building the pollinator (cargo build -p pollinator --bin pollinate)"
HAVE_POLLINATOR=0
POLLINATE=""
if [ -f pollinator/Cargo.toml ]; then
	if ! stack_build_pollinator; then
		[ "${WALLET_E2E_ALLOW_NO_POLLINATOR:-0}" = 1 ] || die "the pollinator does not build"
		echo "    the pollinator does not build (above); going on without it"
	fi
	stack_pollinator_can_serve && HAVE_POLLINATOR=1
fi
if [ "$HAVE_POLLINATOR" = 0 ]; then
	echo "    THE POLLINATOR IS NOT READY: $( [ -n "$POLLINATE" ] && echo "\`pollinate\` has no \`serve\` command" || echo "there is no pollinator crate")."
	echo "    The page's send test needs a real pollinator; it will be skipped."
	[ "${WALLET_E2E_ALLOW_NO_POLLINATOR:-0}" = 1 ] || echo "    (this run will fail; WALLET_E2E_ALLOW_NO_POLLINATOR=1 makes it pass without the send)"
else
	# Fresh words and passphrase each run (the chain is fresh too).
	stack_pollinator_config "$CHAIN_PORT" "$POLLINATOR_PORT"
	echo "    the pollinator's key: $POLLINATOR_ADDRESS"
fi
took "pollinator build"

# ---------------------------------------------------------------------------------------------
stack_check_port "$CHAIN_PORT" "the chain's RPC" "set WALLET_E2E_CHAIN_PORT"
stack_check_port "$POLLINATOR_PORT" "the pollinator" "set WALLET_E2E_POLLINATOR_PORT"
stack_check_port "$PAGE_PORT" "the wallet page" "set WALLET_E2E_PAGE_PORT"
stack_traps

step "building the raw chain spec and starting chopsticks on 127.0.0.1:$CHAIN_PORT"
stack_chopsticks_spec development "${WALLET_E2E_SPEC:-}"
stack_start_chopsticks "$CHAIN_PORT"
took "chain"

step "preparing the chain (examples/wallet/setup-chain.mjs)"
FUND=()
[ "$HAVE_POLLINATOR" = 1 ] && FUND=("$POLLINATOR_ADDRESS")
stack_setup_chain "$CHAIN_PORT" "${FUND[@]}"
took "setup"

step "starting the pollinator and the page"
POLLINATOR_URL=""
if [ "$HAVE_POLLINATOR" = 1 ]; then
	stack_start_pollinator "$POLLINATOR_PORT"
	POLLINATOR_URL="http://127.0.0.1:$POLLINATOR_PORT"
	echo "    pollinator: $POLLINATOR_URL ($(curl -fsS "$POLLINATOR_URL/health" 2>/dev/null || echo 'no /health answer'))"
fi
stack_start_page "$PAGE_PORT"
echo "    page: http://127.0.0.1:$PAGE_PORT/"
took "services"

if [ "$SERVE" = 1 ]; then
	URL="http://127.0.0.1:$PAGE_PORT/?ws=ws://127.0.0.1:$CHAIN_PORT&pollinator=${POLLINATOR_URL:-http://127.0.0.1:$POLLINATOR_PORT}"
	step "running: open $URL (Ctrl-C stops everything)"
	echo "    chain: ws://127.0.0.1:$CHAIN_PORT (chopsticks: a block per transaction)"
	echo "    pollinator: ${POLLINATOR_URL:-not running}; logs in $OUT/"
	stack_wait_any
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
