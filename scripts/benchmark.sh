#!/usr/bin/env bash
# Generates every pallet's src/weights.rs from its benchmarks, run against the runtime wasm by
# frame-omni-bencher (installed with `cargo install --locked` if missing).
#
#   scripts/benchmark.sh                                     # every pallet
#   STEPS=10 REPEAT=5 scripts/benchmark.sh pallet_periodic   # one pallet, quicker
#
# Steps x repeats default to 50 x 20, except pallet_power_selection's 10 x 5: its setups register
# up to MaxCandidates candidates with session keys, so one step of 20 repeats takes ~30 s and
# 50 x 20 takes over an hour; its components are linear, so 10 points fit them as well.
# The whole run took about 21 minutes on 2 cores, plus the frame-omni-bencher install (21 minutes
# here, reusing part of an earlier attempt's build; expect 30-40 cold). Run it on an otherwise idle
# machine: the times are measured.
set -euo pipefail
cd "$(dirname "$0")/.."

BENCHER_VERSION=0.28.0
PALLETS=("$@")
[ ${#PALLETS[@]} -gt 0 ] || PALLETS=(
	pallet_collator_power pallet_storage_provider pallet_power_selection pallet_periodic
	pallet_pay_after
)

# frame-omni-bencher builds RocksDB, whose bindings need libclang, and litep2p, which needs protoc.
bash scripts/node-build-deps.sh
if ! command -v frame-omni-bencher >/dev/null || \
	! frame-omni-bencher --version | grep -q "$BENCHER_VERSION"; then
	echo "==> installing frame-omni-bencher $BENCHER_VERSION (a cold compile takes a while)"
	cargo install --locked "frame-omni-bencher@$BENCHER_VERSION"
fi

# The wasm is always built in release by substrate-wasm-builder; a debug host build with every
# feature reuses what scripts/test.sh compiled. (try-runtime in the wasm only adds code.)
echo "==> building the runtime wasm with runtime-benchmarks"
cargo build --locked -p power-runtime --all-features
# A private copy: another build of the runtime (tests, e2e) rewrites the wbuild file without the
# benchmarks, and the bencher reads the blob once per pallet.
WASM="$(mktemp -d)/power_runtime.benchmarks.wasm"
cp target/debug/wbuild/power-runtime/power_runtime.wasm "$WASM"

for pallet in "${PALLETS[@]}"; do
	dir="pallets/$(sed -e 's/^pallet_//' -e 's/_/-/g' <<<"$pallet")"
	case "$pallet" in
		pallet_power_selection) steps="${STEPS:-10}" repeat="${REPEAT:-5}" ;;
		*) steps="${STEPS:-50}" repeat="${REPEAT:-20}" ;;
	esac
	echo "==> $pallet -> $dir/src/weights.rs ($steps steps x $repeat repeats)"
	frame-omni-bencher v1 benchmark pallet \
		--runtime "$WASM" \
		--genesis-builder-preset development \
		--pallet "$pallet" --extrinsic '*' \
		--steps "$steps" --repeat "$repeat" \
		--template scripts/weight-template.hbs \
		--output "$dir/src/weights.rs"
done
cargo fmt --all
echo "==> done: review the diff of pallets/*/src/weights.rs"
