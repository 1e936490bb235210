//! Helpers shared by the vector tests.

pub mod json;

use std::path::PathBuf;

/// Compares the committed vector file `primitives/vectors/<name>` with `expected`, or rewrites
/// it when `UPDATE_VECTORS=1`. `regenerate` says how to rewrite it, in the failure message.
pub fn check_vector_file(name: &str, expected: &str, regenerate: &str) {
	let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("vectors").join(name);
	if std::env::var_os("UPDATE_VECTORS").is_some_and(|v| v == "1") {
		std::fs::create_dir_all(path.parent().unwrap()).unwrap();
		std::fs::write(&path, expected).unwrap();
		return;
	}
	let committed = std::fs::read_to_string(&path).unwrap_or_else(|e| {
		panic!("cannot read {}: {e}; generate it with UPDATE_VECTORS=1", path.display())
	});
	if committed != expected {
		let line = committed
			.lines()
			.zip(expected.lines())
			.position(|(a, b)| a != b)
			.map_or_else(|| "the end".to_string(), |i| format!("line {}", i + 1));
		panic!(
			"{} differs from what power-primitives computes (first difference at {line}). If the \
			 change is intended, run {regenerate}, and commit both.",
			path.display()
		);
	}
}
