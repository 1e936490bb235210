//! [`Chain`] on a real node, with subxt's **dynamic** API: every storage item, runtime API and
//! call is found by name in the runtime's metadata (V16), nothing is generated at compile time,
//! so the daemon keeps working across runtime upgrades that keep those names.
//!
//! Reads at the best block go through the legacy RPC methods (`chain_getHeader`,
//! `chain_getFinalizedHead`) to find the block, then through subxt at that block.

use crate::{
	bundle::{CallSkipper, DataHash, Domain, RegistryCalls},
	chain::{At, BlockEvents, Chain, ChainError, Executed, Head, Pollinated, Quote, TaskQuote},
	db::Attempt,
	state::Remembered,
};
use std::sync::Arc;
use subxt::{
	config::{DefaultExtrinsicParamsBuilder, RpcConfigFor},
	dynamic::Value,
	ext::{
		scale_encode::{self, EncodeAsType},
		scale_value::{self, At as _, ValueDef},
	},
	rpcs::{methods::legacy::NumberOrHex, rpc_params, LegacyRpcMethods, RpcClient},
	Metadata, OnlineClient, SubstrateConfig,
};
use subxt_signer::sr25519::Keypair;

type Api = OnlineClient<SubstrateConfig>;
type Rpc = LegacyRpcMethods<RpcConfigFor<SubstrateConfig>>;

/// A chain reached over a node's WebSocket RPC.
pub struct NodeChain {
	api: Api,
	rpc: Rpc,
	client: RpcClient,
	key: Keypair,
	domain: Domain,
	calls: Arc<dyn CallSkipper>,
	mortality: u64,
}

/// Bytes that are already the SCALE encoding of the argument (the bundle as it was posted).
struct Encoded(Vec<u8>);

impl EncodeAsType for Encoded {
	fn encode_as_type_to<R: scale_encode::TypeResolver>(
		&self,
		_type_id: R::TypeId,
		_types: &R,
		out: &mut Vec<u8>,
	) -> Result<(), scale_encode::Error> {
		out.extend_from_slice(&self.0);
		Ok(())
	}
}

fn rpc_err(e: impl std::fmt::Display) -> ChainError {
	ChainError::Rpc(e.to_string())
}

fn field<'a>(v: &'a Value, name: &str) -> Result<&'a Value, ChainError> {
	v.at(name).ok_or_else(|| ChainError::Metadata(format!("no field {name} in {v}")))
}

fn number(v: &Value, name: &str) -> Result<u128, ChainError> {
	field(v, name)?.as_u128().ok_or_else(|| ChainError::Metadata(format!("{name} is not a number")))
}

/// 32 bytes held by `v`: an array of 32 numbers, or a newtype around one (`AccountId32`).
fn bytes32(v: &Value) -> Option<[u8; 32]> {
	let ValueDef::Composite(c) = &v.value else { return None };
	let items: Vec<&Value> = c.values().collect();
	if items.len() == 1 {
		return bytes32(items[0]);
	}
	let mut out = [0u8; 32];
	if items.len() != out.len() {
		return None;
	}
	for (o, item) in out.iter_mut().zip(items) {
		*o = u8::try_from(item.as_u128()?).ok()?;
	}
	Some(out)
}

/// The `Ok` value of a runtime API's `Result`, or the name of its `DispatchError`.
fn api_result<'a>(
	value: &'a Value,
	metadata: &Metadata,
	api: &str,
) -> Result<Result<&'a Value, String>, ChainError> {
	let ValueDef::Variant(result) = &value.value else {
		return Err(ChainError::Metadata(format!("{api} returned {value}")));
	};
	let inner =
		result.values.values().next().ok_or_else(|| ChainError::Metadata("empty result".into()))?;
	if result.name == "Err" {
		return Ok(Err(dispatch_error_name(metadata, inner)));
	}
	Ok(Ok(inner))
}

/// The name of a `DispatchError` value: `Pallet::Error` for a module error.
fn dispatch_error_name(metadata: &Metadata, error: &Value) -> String {
	if let ValueDef::Variant(v) = &error.value {
		if v.name == "Module" {
			let module = v.values.values().next();
			let index = module.and_then(|m| m.at("index")).and_then(|i| i.as_u128());
			let code =
				module.and_then(|m| m.at("error")).and_then(|e| e.at(0)).and_then(|e| e.as_u128());
			if let (Some(index), Some(code)) = (index, code) {
				if let Some(pallet) =
					u8::try_from(index).ok().and_then(|i| metadata.pallet_by_error_index(i))
				{
					let name = u8::try_from(code)
						.ok()
						.and_then(|c| pallet.error_variant_by_index(c))
						.map(|v| v.name.clone())
						.unwrap_or_else(|| format!("error {code}"));
					return format!("{}::{name}", pallet.name());
				}
			}
		}
		let inner: Vec<String> = v.values.values().map(|x| x.to_string()).collect();
		return if inner.is_empty() {
			v.name.clone()
		} else {
			format!("{}({})", v.name, inner.join(", "))
		};
	}
	error.to_string()
}

impl NodeChain {
	/// Connects to `url` and reads the domain and metadata.
	pub async fn connect(url: &str, key: Keypair, mortality: u64) -> Result<NodeChain, ChainError> {
		let client = RpcClient::from_insecure_url(url).await.map_err(rpc_err)?;
		let api = Api::from_rpc_client(client.clone()).await.map_err(rpc_err)?;
		let rpc = Rpc::new(client.clone());
		let at = api.at_current_block().await.map_err(rpc_err)?;
		let metadata = at.metadata();
		let version = rpc.state_get_runtime_version(None).await.map_err(rpc_err)?;
		let domain = Domain {
			genesis_hash: api.genesis_hash().0,
			transaction_version: version.transaction_version,
		};
		let call_type = metadata.outer_enums().call_enum_ty();
		let calls = Arc::new(RegistryCalls::new(metadata.types().clone(), call_type));
		for (pallet, item) in [("PayAfter", "dispatch"), ("Periodic", "dispatch")] {
			let found = metadata
				.pallet_by_name(pallet)
				.and_then(|p| p.call_variant_by_name(item))
				.is_some();
			if !found {
				return Err(ChainError::Metadata(format!("the runtime has no {pallet}::{item}")));
			}
		}
		Ok(NodeChain { api, rpc, client, key, domain, calls, mortality })
	}

	/// The SCALE encoding of `pallet::call(args)` as a `RuntimeCall`, from the metadata: what a
	/// bundle's calls hold.
	pub async fn encode_call(
		&self,
		pallet: &str,
		call: &str,
		args: scale_value::Composite<()>,
	) -> Result<Vec<u8>, ChainError> {
		let at = self.at(At::Best).await?;
		let payload = subxt::dynamic::transaction(pallet, call, args);
		at.transactions().call_data(&payload).map_err(rpc_err)
	}

	async fn block_hash(&self, at: At) -> Result<subxt::utils::H256, ChainError> {
		match at {
			At::Best => self
				.rpc
				.chain_get_block_hash(None)
				.await
				.map_err(rpc_err)?
				.ok_or_else(|| ChainError::Rpc("no best block".into())),
			At::Finalized => self.rpc.chain_get_finalized_head().await.map_err(rpc_err),
			At::Number(n) => self
				.rpc
				.chain_get_block_hash(Some(NumberOrHex::Number(n)))
				.await
				.map_err(rpc_err)?
				.ok_or_else(|| ChainError::Rpc(format!("no block {n}"))),
		}
	}

	async fn at(
		&self,
		at: At,
	) -> Result<
		subxt::client::ClientAtBlock<
			SubstrateConfig,
			subxt::client::OnlineClientAtBlockImpl<SubstrateConfig>,
		>,
		ChainError,
	> {
		let hash = self.block_hash(at).await?;
		self.api.at_block(hash).await.map_err(rpc_err)
	}

	/// Calls runtime API `api_method` (`Trait_method`) at the best block with SCALE `args`, and
	/// decodes the result with the metadata's type for it.
	async fn runtime_api(
		&self,
		trait_name: &str,
		method: &str,
		args: Vec<u8>,
	) -> Result<(Value, subxt::ArcMetadata), ChainError> {
		let at = self.at(At::Best).await?;
		let metadata = at.metadata();
		let output = metadata
			.runtime_api_trait_by_name(trait_name)
			.and_then(|t| t.method_by_name(method))
			.map(|m| m.output_ty())
			.ok_or_else(|| {
				ChainError::Metadata(format!("the runtime has no API {trait_name}::{method}"))
			})?;
		let bytes = at
			.runtime_apis()
			.call_raw(&format!("{trait_name}_{method}"), Some(&args))
			.await
			.map_err(rpc_err)?;
		let value = scale_value::scale::decode_as_type(&mut &bytes[..], output, metadata.types())
			.map_err(|e| ChainError::Metadata(e.to_string()))?;
		Ok((value.remove_context(), metadata))
	}

	async fn sign(
		&self,
		payload: subxt::tx::DynamicPayload<impl subxt::ext::scale_encode::EncodeAsFields>,
		nonce: u64,
		head: Head,
	) -> Result<Attempt, ChainError> {
		let _ = head;
		let at = self.at(At::Best).await?;
		let best = at.block_number();
		let params = DefaultExtrinsicParamsBuilder::<SubstrateConfig>::new()
			.nonce(nonce)
			.mortal(self.mortality)
			.build();
		let tx =
			at.transactions().create_signed(&payload, &self.key, params).await.map_err(rpc_err)?;
		Ok(Attempt {
			nonce,
			tx_hash: tx.hash().0,
			tx_bytes: tx.encoded().to_vec(),
			mortal_until: best.saturating_add(self.mortality).saturating_sub(1),
		})
	}
}

impl Chain for NodeChain {
	fn domain(&self) -> Domain {
		self.domain
	}

	fn calls(&self) -> Arc<dyn CallSkipper> {
		self.calls.clone()
	}

	fn relayer(&self) -> [u8; 32] {
		self.key.public_key().0
	}

	async fn head(&self) -> Result<Head, ChainError> {
		let best = self.at(At::Best).await?;
		let finalized_hash = self.rpc.chain_get_finalized_head().await.map_err(rpc_err)?;
		let finalized = self
			.rpc
			.chain_get_header(Some(finalized_hash))
			.await
			.map_err(rpc_err)?
			.map(|h| h.number)
			.unwrap_or_default();
		let now_ms = best
			.storage()
			.fetch(subxt::dynamic::storage::<(), u64>("Timestamp", "Now"), ())
			.await
			.map_err(rpc_err)?
			.decode()
			.map_err(rpc_err)?;
		Ok(Head { best: best.block_number(), finalized, now: now_ms / 1000 })
	}

	async fn account(&self, at: At) -> Result<(u64, u128), ChainError> {
		let at = self.at(at).await?;
		let address = subxt::dynamic::storage::<([u8; 32],), Value>("System", "Account");
		let value = at
			.storage()
			.fetch(address, (self.relayer(),))
			.await
			.map_err(rpc_err)?
			.decode()
			.map_err(rpc_err)?;
		let nonce = u64::try_from(number(&value, "nonce")?).unwrap_or(u64::MAX);
		let free = number(field(&value, "data")?, "free")?;
		Ok((nonce, free))
	}

	async fn remembered(
		&self,
		signer: [u8; 32],
		data_hash: DataHash,
		at: At,
	) -> Result<Option<Remembered>, ChainError> {
		let at = self.at(at).await?;
		let address =
			subxt::dynamic::storage::<([u8; 32], [u8; 32]), Value>("PayAfter", "Remembered");
		let Some(entry) =
			at.storage().try_fetch(address, (signer, data_hash)).await.map_err(rpc_err)?
		else {
			return Ok(None);
		};
		let value = entry.decode().map_err(rpc_err)?;
		match &field(&value, "status")?.value {
			ValueDef::Variant(v) if v.name == "Executed" => Ok(Some(Remembered::Executed)),
			ValueDef::Variant(v) if v.name == "Killed" => Ok(Some(Remembered::Killed)),
			other => Err(ChainError::Metadata(format!("unknown remembered status {other:?}"))),
		}
	}

	async fn simulate(
		&self,
		bundle: Vec<u8>,
		expired: Vec<DataHash>,
	) -> Result<Result<Quote, String>, ChainError> {
		// An extrinsic is about the bundle and the expired list plus 120 bytes (address,
		// signature, extensions).
		let expired = codec::Encode::encode(&expired);
		let len = u32::try_from(bundle.len().saturating_add(expired.len()).saturating_add(120))
			.unwrap_or(u32::MAX);
		let mut args = self.relayer().to_vec();
		args.extend_from_slice(&bundle);
		args.extend_from_slice(&expired);
		args.extend_from_slice(&len.to_le_bytes());
		let (value, metadata) = self.runtime_api("PollinateApi", "simulate_bundle", args).await?;
		let inner = match api_result(&value, &metadata, "simulate_bundle")? {
			Ok(inner) => inner,
			Err(error) => return Ok(Err(error)),
		};
		let simulation = field(inner, "simulation")?;
		Ok(Ok(Quote {
			fee: number(simulation, "fee")?,
			deposits: number(simulation, "deposits_collected")?,
			extrinsic_fee: number(inner, "extrinsic_fee")?,
		}))
	}

	async fn sign_dispatch(
		&self,
		bundle: Vec<u8>,
		expired: Vec<DataHash>,
		nonce: u64,
		head: Head,
	) -> Result<Attempt, ChainError> {
		let payload =
			subxt::dynamic::transaction("PayAfter", "dispatch", (Encoded(bundle), expired));
		self.sign(payload, nonce, head).await
	}

	async fn sign_filler(&self, nonce: u64, head: Head) -> Result<Attempt, ChainError> {
		let payload = subxt::dynamic::transaction(
			"System",
			"remark_with_event",
			(Value::from_bytes(b"pollinator: nonce gap"),),
		);
		self.sign(payload, nonce, head).await
	}

	async fn expired(&self, signer: [u8; 32], now: u64) -> Result<Vec<DataHash>, ChainError> {
		let at = self.at(At::Best).await?;
		let max = at
			.constants()
			.entry(subxt::dynamic::constant::<u32>("PayAfter", "MaxExpired"))
			.map_err(rpc_err)?;
		let max = usize::try_from(max).unwrap_or(usize::MAX);
		let address =
			subxt::dynamic::storage::<([u8; 32], [u8; 32]), Value>("PayAfter", "Remembered");
		let mut entries = at.storage().iter(address, (signer,)).await.map_err(rpc_err)?;
		let mut found = Vec::new();
		// Bounded by what one signer has remembered; a signer with very many entries is read
		// page by page, and the first `max` cleanable ones are kept.
		while let Some(entry) = entries.next().await {
			let entry = entry.map_err(rpc_err)?;
			let value = entry.value().decode().map_err(rpc_err)?;
			let expires = match &field(&value, "expires")?.value {
				ValueDef::Variant(v) if v.name == "Some" => {
					v.values.values().next().and_then(|x| x.as_u128())
				}
				_ => None,
			};
			if expires.is_none_or(|e| e > u128::from(now)) {
				continue;
			}
			let key = entry.key().map_err(rpc_err)?;
			let Some(hash) = key.part(1).and_then(|p| p.decode_as::<[u8; 32]>().ok().flatten())
			else {
				continue;
			};
			found.push(hash);
			if found.len() >= max {
				break;
			}
		}
		Ok(found)
	}

	async fn events(&self, number: u64) -> Result<BlockEvents, ChainError> {
		let at = self.at(At::Number(number)).await?;
		let events = at.events().fetch().await.map_err(rpc_err)?;
		let mut found = BlockEvents::default();
		for event in events.iter() {
			let event = event.map_err(rpc_err)?;
			let which = (event.pallet_name(), event.event_name());
			if which != ("PayAfter", "BundleExecuted") && which != ("Periodic", "Pollinated") {
				continue;
			}
			let fields: scale_value::Composite<()> =
				event.decode_fields_unchecked_as().map_err(rpc_err)?;
			let value = Value::from(fields);
			let bytes = |name: &str| {
				field(&value, name).and_then(|v| {
					bytes32(v)
						.ok_or_else(|| ChainError::Metadata(format!("{name} is not 32 bytes")))
				})
			};
			if which.0 == "PayAfter" {
				found.executed.push(Executed {
					signer: bytes("signer")?,
					data_hash: bytes("data_hash")?,
					relayer: bytes("relayer")?,
				});
			} else {
				let task = u32::try_from(self::number(&value, "task")?)
					.map_err(|_| ChainError::Metadata("task is not a u32".into()))?;
				found.pollinated.push(Pollinated { task, caller: bytes("caller")? });
			}
		}
		Ok(found)
	}

	fn mortality(&self) -> u64 {
		self.mortality
	}

	async fn included(&self, number: u64) -> Result<Vec<[u8; 32]>, ChainError> {
		let hash = self.block_hash(At::Number(number)).await?;
		let block = self
			.rpc
			.chain_get_block(Some(hash))
			.await
			.map_err(rpc_err)?
			.ok_or_else(|| ChainError::Rpc(format!("no body for block {number}")))?;
		// Hashed from the raw bytes, as `pool` and `sign` hash them: nothing is decoded, so an
		// extrinsic this metadata cannot decode still has its hash.
		Ok(block.block.extrinsics.iter().map(|x| sp_crypto_hashing::blake2_256(&x.0)).collect())
	}

	async fn pool(&self) -> Result<std::collections::HashSet<[u8; 32]>, ChainError> {
		let pending: Vec<String> = self
			.client
			.request("author_pendingExtrinsics", rpc_params![])
			.await
			.map_err(rpc_err)?;
		Ok(pending
			.iter()
			.filter_map(|hex_tx| hex::decode(hex_tx.trim_start_matches("0x")).ok())
			.map(|bytes| sp_crypto_hashing::blake2_256(&bytes))
			.collect())
	}

	async fn tasks(&self) -> Result<Vec<u32>, ChainError> {
		let at = self.at(At::Best).await?;
		let next: u32 = at
			.storage()
			.fetch(subxt::dynamic::storage::<(), u32>("Periodic", "NextTaskId"), ())
			.await
			.map_err(rpc_err)?
			.decode()
			.map_err(rpc_err)?;
		// Ids are never reused; cancelled ones answer `TaskNotFound` and are skipped. Bounded.
		Ok((next.saturating_sub(1_000)..next).collect())
	}

	async fn quote_task(&self, task: u32) -> Result<Result<TaskQuote, String>, ChainError> {
		let mut args = task.to_le_bytes().to_vec();
		args.extend_from_slice(&120u32.to_le_bytes());
		let (value, metadata) = self.runtime_api("PollinateApi", "quote_task", args).await?;
		let inner = match api_result(&value, &metadata, "quote_task")? {
			Ok(inner) => inner,
			Err(error) => return Ok(Err(error)),
		};
		let quote = field(inner, "quote")?;
		let weight = field(quote, "call_weight")?;
		Ok(Ok(TaskQuote {
			payable: number(quote, "payable")?,
			cycle: u64::try_from(number(quote, "cycle")?).unwrap_or(u64::MAX),
			call_weight: (
				u64::try_from(number(weight, "ref_time")?).unwrap_or(u64::MAX),
				u64::try_from(number(weight, "proof_size")?).unwrap_or(u64::MAX),
			),
			extrinsic_fee: number(inner, "extrinsic_fee")?,
		}))
	}

	async fn sign_task_dispatch(
		&self,
		task: u32,
		min_nectar: u128,
		call_weight: (u64, u64),
		nonce: u64,
		head: Head,
	) -> Result<Attempt, ChainError> {
		let weight = Value::named_composite([
			("ref_time", Value::u128(u128::from(call_weight.0))),
			("proof_size", Value::u128(u128::from(call_weight.1))),
		]);
		let payload =
			subxt::dynamic::transaction("Periodic", "dispatch", (task, min_nectar, weight));
		self.sign(payload, nonce, head).await
	}

	async fn broadcast(&self, tx_bytes: Vec<u8>) -> Result<(), ChainError> {
		match self.rpc.author_submit_extrinsic(&tx_bytes).await {
			Ok(_) => Ok(()),
			Err(e) => {
				let message = e.to_string();
				let lower = message.to_lowercase();
				if lower.contains("already imported") {
					Ok(())
				} else if lower.contains("invalid transaction")
					|| lower.contains("priority is too low")
					|| lower.contains("1010")
					|| lower.contains("1014")
					|| lower.contains("outdated")
					|| lower.contains("stale")
				{
					Err(ChainError::Refused(message))
				} else {
					Err(ChainError::Rpc(message))
				}
			}
		}
	}
}
