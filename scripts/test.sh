#!/usr/bin/env bash
# The suite's one test command. On a fresh machine it first installs what is missing, then runs:
# rustfmt, taplo, clippy (-D warnings), every test in the workspace (with the benchmark and
# try-runtime features, so benchmarks run as tests and try_state is compiled in), the JavaScript
# client library's tests (clients/js/test.sh), and the runtime's wasm build
# (substrate-wasm-builder, wasm32v1-none), which compiles every pallet without std. It ends with
# one summary line counting the Rust and the JavaScript tests.
set -euo pipefail
cd "$(dirname "$0")/.."

export CARGO_TERM_COLOR="${CARGO_TERM_COLOR:-never}"
WASM_TARGET=wasm32v1-none
LOG_DIR="${LOG_DIR:-target/test-logs}"
mkdir -p "$LOG_DIR"
start=$(date +%s)
step() { printf '\n==> [%4ss] %s\n' "$(($(date +%s) - start))" "$*"; }

# ---------------------------------------------------------------------------------------------
step "installing what is missing"
if ! command -v cargo >/dev/null; then
	echo "cargo is not installed: install Rust with rustup first" >&2
	exit 1
fi
if command -v rustup >/dev/null; then
	installed_components=$(rustup component list --installed)
	for component in rustfmt clippy rust-src; do
		grep -q "^${component}" <<<"$installed_components" || rustup component add "$component"
	done
	rustup target list --installed | grep -qx "$WASM_TARGET" || rustup target add "$WASM_TARGET"
fi
if ! command -v clang >/dev/null; then
	# The runtime's wasm build compiles C for wasm; clang is the compiler it needs.
	if command -v apt-get >/dev/null; then
		SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
		$SUDO apt-get update -qq && $SUDO apt-get install -y -qq clang >/dev/null
	else
		echo "warning: clang is missing and apt-get is not available" >&2
	fi
fi
if ! command -v taplo >/dev/null; then
	if command -v npm >/dev/null; then
		npm install --global --silent @taplo/cli@0.7.0 >/dev/null
	else
		cargo install --locked taplo-cli
	fi
fi

# ---------------------------------------------------------------------------------------------
step "rustfmt"
cargo fmt --all -- --check

step "taplo"
taplo fmt --check

# Clippy and the tests run natively: they skip the runtime's wasm build, done once below.
step "clippy"
SKIP_WASM_BUILD=1 cargo clippy --workspace --all-targets --all-features --locked -- -D warnings

step "tests"
test_log="$LOG_DIR/tests.log"
set +e
SKIP_WASM_BUILD=1 cargo test --workspace --all-features --locked >"$test_log" 2>&1
test_status=$?
set -e
grep -E '^(test result|     Running|   Doc-tests)' "$test_log" || true
passed=$(grep -oE '[0-9]+ passed' "$test_log" | awk '{s+=$1} END {print s+0}')
failed=$(grep -oE '[0-9]+ failed' "$test_log" | awk '{s+=$1} END {print s+0}')
if [ "$test_status" -ne 0 ]; then
	grep -E '^(test .* FAILED|failures:|---- )' "$test_log" || true
	tail -n 80 "$test_log"
	echo "tests: ${passed} passed, ${failed} failed"
	exit "$test_status"
fi

step "the JavaScript client library (clients/js: tsc, esbuild, node --test against the vectors)"
js_log="$LOG_DIR/js-tests.log"
set +e
bash clients/js/test.sh >"$js_log" 2>&1
js_status=$?
set -e
# clients/js/test.sh repeats node's summary at its end: count it once.
js_passed=$(grep -oE '^ℹ pass [0-9]+' "$js_log" | tail -n 1 | awk '{print $3+0}')
js_failed=$(grep -oE '^ℹ fail [0-9]+' "$js_log" | tail -n 1 | awk '{print $3+0}')
js_passed=${js_passed:-0}
js_failed=${js_failed:-0}
echo "clients/js: ${js_passed} passed, ${js_failed} failed"
passed=$((passed + js_passed))
failed=$((failed + js_failed))
if [ "$js_status" -ne 0 ]; then
	tail -n 60 "$js_log"
	echo "tests: ${passed} passed, ${failed} failed"
	exit "$js_status"
fi

step "the runtime's wasm ($WASM_TARGET, no_std): every pallet without std"
cargo build --locked -p power-runtime
wasm=target/debug/wbuild/power-runtime/power_runtime.wasm
[ -s "$wasm" ] || { echo "the runtime wasm was not built: $wasm" >&2; exit 1; }
echo "runtime wasm: $wasm ($(wc -c <"$wasm") bytes)"

step "done in $(($(date +%s) - start))s"
echo "tests: ${passed} passed, ${failed} failed"
