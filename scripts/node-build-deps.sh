#!/usr/bin/env bash
# Installs the Debian packages a build of polkadot-sdk's node-side crates needs, if any is missing:
#   - clang and libclang-dev: RocksDB's bindings (clang-sys) load libclang.so, which Debian's
#     `clang` package alone does not ship;
#   - protobuf-compiler: litep2p's build runs `protoc`.
# scripts/dev-chain.sh (polkadot-omni-node) and scripts/benchmark.sh (frame-omni-bencher) run it
# before their long `cargo install`, so a fresh machine does not fail an hour into the compile.
#
#   scripts/node-build-deps.sh          # install what is missing (apt-get, as root or with sudo)
#   scripts/node-build-deps.sh --check  # only say what is missing; exit 1 if anything is
set -euo pipefail

# clang-sys looks for an unversioned `libclang.so` or `libclang-N.so` (what libclang-dev links),
# in LIBCLANG_PATH or the usual library directories. The files are checked, not ldconfig's cache,
# which can be stale.
has_libclang() {
	local dir file
	for dir in ${LIBCLANG_PATH:-} /usr/lib /usr/lib64 /usr/lib/*-linux-gnu /lib/*-linux-gnu \
		/usr/lib/llvm-*/lib; do
		for file in "$dir"/libclang.so "$dir"/libclang-[0-9]*.so; do
			[ -e "$file" ] && return 0
		done
	done
	return 1
}

missing=()
has_libclang || missing+=(libclang-dev)
command -v clang >/dev/null || missing+=(clang)
command -v protoc >/dev/null || missing+=(protobuf-compiler)

if [ ${#missing[@]} -eq 0 ]; then
	echo "node build dependencies: all present (libclang, clang, protoc)"
	exit 0
fi
echo "node build dependencies missing: ${missing[*]}"
[ "${1:-}" = --check ] && exit 1
if ! command -v apt-get >/dev/null; then
	echo "install them with your package manager (Debian names: ${missing[*]})" >&2
	exit 1
fi
SUDO=""
[ "$(id -u)" -ne 0 ] && SUDO="sudo"
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq "${missing[@]}" >/dev/null
echo "installed: ${missing[*]}"
