//! What both benchmarks of the HTTP path share: posting prepared bodies through `accept`.

use pollinator::{
	api::{accept, AppState},
	chain::Chain,
};
use std::sync::{Arc, Mutex};

/// Posts every body to [`accept`] from `concurrency` tasks at once; returns how many were
/// accepted (a success status).
pub async fn post_all<C: Chain + 'static>(
	state: &Arc<AppState<C>>,
	bodies: Vec<Vec<u8>>,
	concurrency: usize,
) -> Result<usize, tokio::task::JoinError> {
	let queue = Arc::new(Mutex::new(bodies));
	let mut workers = Vec::new();
	for _ in 0..concurrency {
		let (state, queue) = (state.clone(), queue.clone());
		workers.push(tokio::spawn(async move {
			let mut ok = 0usize;
			while let Some(body) = queue.lock().ok().and_then(|mut q| q.pop()) {
				let response =
					axum::response::IntoResponse::into_response(accept(&state, &body).await);
				if response.status().is_success() {
					ok += 1;
				}
			}
			ok
		}));
	}
	let mut accepted = 0;
	for worker in workers {
		accepted += worker.await?;
	}
	Ok(accepted)
}
