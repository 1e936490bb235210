# shellcheck shell=bash
# The local stack's building blocks, shared by scripts/dev-chain.sh (the stack for a person) and
# scripts/wallet-e2e.sh (the same stack, driven by the browser test). Source it from the
# repository's root, under `set -euo pipefail`, after setting:
#
#   STACK_NAME   the script's name, which prefixes its error messages (dev-chain, wallet-e2e)
#   STACK_OUT    the folder for logs, configs and the chain specs (created here)
#
# Processes started with stack_start_bg run in their own process group and are stopped, group and
# all, by stack_cleanup, which `stack_traps` installs on EXIT (INT and TERM exit with 130 first).
# Everything listens on 127.0.0.1 only.

STACK_PIDS=()
STACK_NAMES=()

stack_die() {
	echo "$STACK_NAME: $*" >&2
	exit 1
}

# The cargo target dir (the worktree's `target` may be a symlink to a shared one).
stack_target_dir() {
	local dir
	dir=$(cargo metadata --format-version 1 --no-deps 2>/dev/null |
		sed -nE 's/.*"target_directory":"([^"]*)".*/\1/p')
	echo "${dir:-$(pwd)/target}"
}

# What the runtime's wasm build needs (as scripts/test.sh installs it): rustup's `wasm32v1-none`
# target and `rust-src` (substrate-wasm-builder), and clang, which compiles C for wasm (apt-get).
stack_wasm_toolchain() {
	local sudo=""
	command -v cargo >/dev/null || stack_die "cargo is not installed: install Rust with rustup first"
	if command -v rustup >/dev/null; then
		rustup component list --installed | grep -q '^rust-src' || rustup component add rust-src
		rustup target list --installed | grep -qx wasm32v1-none || rustup target add wasm32v1-none
	fi
	if ! command -v clang >/dev/null; then
		command -v apt-get >/dev/null || stack_die "clang is missing (the runtime's wasm build needs it) and apt-get is not available"
		echo "    installing clang with apt-get (the runtime's wasm build compiles C)"
		[ "$(id -u)" -ne 0 ] && sudo=sudo
		$sudo apt-get update -qq && DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq clang >/dev/null
	fi
}

# -------------------------------------------------------------------------------------------------
# Ports.

stack_port_in_use() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

# stack_check_port PORT WHAT HINT: fails, naming the port, what needed it and what listens there
# (when `ss` can tell), if 127.0.0.1:PORT already accepts connections.
stack_check_port() {
	local port=$1 what=$2 hint=$3 who=""
	stack_port_in_use "$port" || return 0
	if command -v ss >/dev/null; then
		who=$(ss -Hltnp "sport = :$port" 2>/dev/null | sed -nE 's/.*users:\(\("([^"]+)",pid=([0-9]+).*/\1 (pid \2)/p' | head -n 1)
	fi
	stack_die "127.0.0.1:$port ($what) is already in use${who:+ by $who}; stop what listens there or $hint"
}

# -------------------------------------------------------------------------------------------------
# JavaScript: node, the npm packages, the client library and the wallet page.

stack_need_node() {
	command -v node >/dev/null && command -v npm >/dev/null || stack_die "node (>= 20) and npm are needed"
	[ "$(node -p 'process.versions.node.split(".")[0]')" -ge 20 ] ||
		stack_die "node $(node --version) is too old: install node >= 20"
}

# `npm ci` in $1 where node_modules is missing or older than the lock file.
stack_npm_ci() {
	local dir=$1
	shift
	if [ ! -f "$dir/node_modules/.package-lock.json" ] ||
		[ "$dir/package-lock.json" -nt "$dir/node_modules/.package-lock.json" ]; then
		echo "    npm ci in $dir"
		(cd "$dir" && npm ci --no-audit --no-fund --loglevel=error "$@")
	fi
}

# The npm packages of e2e/ (chopsticks), clients/js and examples/wallet, all pinned by their lock
# files, and the client library's build (if dist/ is older than src/).
stack_install_js() {
	stack_need_node
	# --ignore-scripts: e2e/'s only install script is sqlite3's native build (chopsticks --db,
	# unused); playwright-core's and esbuild's need none (esbuild's binary is an optional dependency).
	stack_npm_ci e2e --ignore-scripts
	stack_npm_ci clients/js
	stack_npm_ci examples/wallet --ignore-scripts
	if [ ! -f clients/js/dist/index.js ] ||
		[ -n "$(find clients/js/src clients/js/package.json -newer clients/js/dist/index.js -print -quit)" ]; then
		echo "    building the library (clients/js: npm run build)"
		(cd clients/js && npm run build --silent)
	fi
}

stack_build_page() { node examples/wallet/build.mjs | sed 's/^/    /'; }

# -------------------------------------------------------------------------------------------------
# The pollinator.

# Builds `pollinate` (its errors go to $STACK_OUT/pollinator-build.log and standard error) and sets
# POLLINATE to its path. Returns non-zero if the build fails.
stack_build_pollinator() {
	mkdir -p "$STACK_OUT"
	POLLINATE="$(stack_target_dir)/debug/pollinate"
	if ! cargo build --locked -q -p pollinator --bin pollinate 2>"$STACK_OUT/pollinator-build.log"; then
		cat "$STACK_OUT/pollinator-build.log" >&2
		return 1
	fi
}

# Whether $POLLINATE exists and has the `serve` command.
stack_pollinator_can_serve() {
	[ -n "${POLLINATE:-}" ] && [ -x "$POLLINATE" ] && "$POLLINATE" --help | grep -qE '^\s+serve\b'
}

# stack_pollinator_config RPC_PORT BIND_PORT: a fresh key for a fresh chain. Writes
# $STACK_OUT/pollinator.toml (from `pollinate genconf`: its words, with rpc, bind, database and a
# minimum profit the page's first fee pays) and $STACK_OUT/pollinator.passphrase (a random
# passphrase, mode 600), removes the previous run's database, and sets POLLINATOR_CONFIG,
# POLLINATOR_PASSPHRASE_FILE and POLLINATOR_ADDRESS.
stack_pollinator_config() {
	local rpc_port=$1 bind_port=$2 words
	mkdir -p "$STACK_OUT"
	POLLINATOR_CONFIG="$STACK_OUT/pollinator.toml"
	POLLINATOR_PASSPHRASE_FILE="$STACK_OUT/pollinator.passphrase"
	words=$("$POLLINATE" genconf | sed -nE 's/^seed_words = "(.*)"$/\1/p')
	[ -n "$words" ] || stack_die "cannot read seed_words from \`pollinate genconf\`"
	rm -f "$STACK_OUT/pollinator.sqlite"*
	cat >"$POLLINATOR_CONFIG" <<-EOF
		# Written by scripts/lib/stack.sh for a local development chain; the words are fresh each run.
		seed_words = "$words"
		rpc = "ws://127.0.0.1:$rpc_port"
		bind = "127.0.0.1:$bind_port"
		# 1 milli-UNIT above the relaying extrinsic's fee: the page's first fee (twice the fee) pays it.
		min_profit = 1_000_000_000
		tasks = []
		database = "$STACK_OUT/pollinator.sqlite"
	EOF
	(
		umask 077
		head -c 24 /dev/urandom | od -An -tx1 | tr -d ' \n' >"$POLLINATOR_PASSPHRASE_FILE"
		echo >>"$POLLINATOR_PASSPHRASE_FILE"
	)
	POLLINATOR_ADDRESS=$("$POLLINATE" address --passphrase-file "$POLLINATOR_PASSPHRASE_FILE" "$POLLINATOR_CONFIG")
	[ -n "$POLLINATOR_ADDRESS" ] || stack_die "\`pollinate address\` printed no address"
}

# -------------------------------------------------------------------------------------------------
# Processes.

stack_cleanup() {
	local status=$? pid log
	for pid in "${STACK_PIDS[@]}"; do
		kill -TERM -- "-$pid" 2>/dev/null || kill -TERM "$pid" 2>/dev/null || true
	done
	for pid in "${STACK_PIDS[@]}"; do
		for _ in $(seq 1 40); do kill -0 "$pid" 2>/dev/null || break; sleep 0.25; done
		kill -KILL -- "-$pid" 2>/dev/null || true
	done
	if [ "$status" -ne 0 ] && [ "$status" -ne 130 ]; then
		for log in "${STACK_NAMES[@]}"; do
			[ -f "$STACK_OUT/$log.log" ] || continue
			echo "---- last lines of $STACK_OUT/$log.log ----" >&2
			tail -n 30 "$STACK_OUT/$log.log" >&2 || true
		done
	fi
	[ "${#STACK_PIDS[@]}" -eq 0 ] || [ "$status" -ne 130 ] || echo "$STACK_NAME: stopped ${STACK_NAMES[*]}" >&2
	exit "$status"
}

stack_traps() {
	trap stack_cleanup EXIT
	trap 'exit 130' INT TERM
}

# stack_start_bg NAME COMMAND...: starts COMMAND in the background in its own process group,
# logging to $STACK_OUT/NAME.log.
stack_start_bg() {
	local name=$1
	shift
	mkdir -p "$STACK_OUT"
	set -m
	"$@" >"$STACK_OUT/$name.log" 2>&1 &
	STACK_PIDS+=($!)
	STACK_NAMES+=("$name")
	set +m
}

# stack_wait_port PORT SECONDS NAME: waits until 127.0.0.1:PORT answers, while the process last
# started lives.
stack_wait_port() {
	local port=$1 limit=$2 name=$3 pid=${STACK_PIDS[-1]} waited=0
	until stack_port_in_use "$port"; do
		kill -0 "$pid" 2>/dev/null || stack_die "$name exited before it was ready (see $STACK_OUT/$name.log)"
		[ "$waited" -lt "$limit" ] || stack_die "$name did not open 127.0.0.1:$port within ${limit}s"
		sleep 1
		waited=$((waited + 1))
	done
}

# Returns (with a message) when one of the started processes stops; Ctrl-C ends the wait first.
stack_wait_any() {
	local i
	while :; do
		for i in "${!STACK_PIDS[@]}"; do
			if ! kill -0 "${STACK_PIDS[$i]}" 2>/dev/null; then
				stack_die "${STACK_NAMES[$i]} stopped (see $STACK_OUT/${STACK_NAMES[$i]}.log)"
			fi
		done
		sleep 1
	done
}

# -------------------------------------------------------------------------------------------------
# The chain on chopsticks, the chain's setup, the pollinator and the page.

# stack_chopsticks_spec PRESET [RAW_SPEC]: the raw chain spec of PRESET (built by the runtime's
# example raw_chain_spec, or copied from RAW_SPEC) and its chopsticks copy (with a genesis
# timestamp: e2e/chopsticks-spec.mjs), as $STACK_OUT/chain-spec.{raw,chopsticks}.json.
stack_chopsticks_spec() {
	local preset=$1 raw=${2:-}
	mkdir -p "$STACK_OUT"
	if [ -n "$raw" ]; then
		echo "    using the raw chain spec $raw"
		cp "$raw" "$STACK_OUT/chain-spec.raw.json"
	else
		stack_wasm_toolchain
		cargo run --locked -q -p power-runtime --example raw_chain_spec -- "$preset" >"$STACK_OUT/chain-spec.raw.json"
	fi
	node e2e/chopsticks-spec.mjs "$STACK_OUT/chain-spec.raw.json" "$STACK_OUT/chain-spec.chopsticks.json" | sed 's/^/    /'
}

# stack_start_chopsticks PORT: chopsticks (e2e/'s npm package) on the chopsticks spec, building a
# block per transaction; waits until it answers (at most 300 s).
stack_start_chopsticks() {
	local port=$1
	[ -f "$STACK_OUT/chain-spec.chopsticks.json" ] || stack_die "no $STACK_OUT/chain-spec.chopsticks.json: prepare first"
	stack_start_bg chopsticks node e2e/node_modules/@acala-network/chopsticks/chopsticks.cjs \
		--chain-spec "$STACK_OUT/chain-spec.chopsticks.json" --host 127.0.0.1 --port "$port" --build-block-mode Instant
	stack_wait_port "$port" 300 chopsticks
}

# stack_setup_chain PORT [ADDRESS...]: examples/wallet/setup-chain.mjs (the asset, the pool, the
# account with no native tokens), funding each ADDRESS; its summary goes to $STACK_OUT/setup.json.
stack_setup_chain() {
	local port=$1 fund=() address
	shift
	for address in "$@"; do fund+=(--fund "$address"); done
	node examples/wallet/setup-chain.mjs --ws "ws://127.0.0.1:$port" "${fund[@]}" --out "$STACK_OUT/setup.json" \
		2>&1 | sed 's/^/    /'
}

# stack_start_pollinator PORT: `pollinate serve` on $POLLINATOR_CONFIG; waits until it answers.
stack_start_pollinator() {
	stack_start_bg pollinator "$POLLINATE" serve --passphrase-file "$POLLINATOR_PASSPHRASE_FILE" "$POLLINATOR_CONFIG"
	stack_wait_port "$1" 120 pollinator
}

# stack_start_page PORT: the wallet page's static server (examples/wallet/serve.mjs).
stack_start_page() {
	stack_start_bg page node examples/wallet/serve.mjs --port "$1"
	stack_wait_port "$1" 30 page
}
