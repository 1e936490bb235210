//! Builds the runtime's wasm blob with substrate-wasm-builder (std builds only).

fn main() {
	#[cfg(feature = "std")]
	substrate_wasm_builder::WasmBuilder::build_using_defaults();
}
