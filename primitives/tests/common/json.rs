//! A tiny JSON writer for the vector files: deterministic, readable, one vector per line where
//! it fits. (power-primitives has no serde_json dev-dependency.)

#![allow(dead_code)]

/// A JSON value; objects keep their fields in order.
pub enum Json {
	Null,
	Bool(bool),
	Num(u64),
	Str(String),
	Arr(Vec<Json>),
	Obj(Vec<(&'static str, Json)>),
}

/// A string.
pub fn s(x: impl ToString) -> Json {
	Json::Str(x.to_string())
}

/// A number.
pub fn n(x: impl Into<u64>) -> Json {
	Json::Num(x.into())
}

/// An object.
pub fn obj(fields: Vec<(&'static str, Json)>) -> Json {
	Json::Obj(fields)
}

/// Bytes as `0x` hex.
pub fn hex(bytes: &[u8]) -> Json {
	let mut out = String::from("0x");
	for b in bytes {
		out.push_str(&format!("{b:02x}"));
	}
	Json::Str(out)
}

fn escape(text: &str) -> String {
	let mut out = String::with_capacity(text.len() + 2);
	out.push('"');
	for c in text.chars() {
		match c {
			'"' => out.push_str("\\\""),
			'\\' => out.push_str("\\\\"),
			c if (c as u32) < 0x20 => out.push_str(&format!("\\u{:04x}", c as u32)),
			c => out.push(c),
		}
	}
	out.push('"');
	out
}

/// The widest line an object or array is written on before it is spread over several lines.
const WIDTH: usize = 200;

impl Json {
	fn inline(&self) -> String {
		match self {
			Json::Null => "null".into(),
			Json::Bool(b) => b.to_string(),
			Json::Num(x) => x.to_string(),
			Json::Str(text) => escape(text),
			Json::Arr(items) => {
				let items: Vec<String> = items.iter().map(Json::inline).collect();
				format!("[{}]", items.join(", "))
			}
			Json::Obj(fields) => {
				let fields: Vec<String> =
					fields.iter().map(|(k, v)| format!("{}: {}", escape(k), v.inline())).collect();
				format!("{{{}}}", fields.join(", "))
			}
		}
	}

	fn write(&self, indent: usize, out: &mut String) {
		let one_line = self.inline();
		let spread = match self {
			Json::Arr(items) => !items.is_empty() && indent * 2 + one_line.len() > WIDTH,
			Json::Obj(fields) => !fields.is_empty() && indent * 2 + one_line.len() > WIDTH,
			_ => false,
		};
		if !spread {
			out.push_str(&one_line);
			return;
		}
		let pad = "  ".repeat(indent + 1);
		match self {
			Json::Arr(items) => {
				out.push_str("[\n");
				for (i, item) in items.iter().enumerate() {
					out.push_str(&pad);
					item.write(indent + 1, out);
					out.push_str(if i + 1 < items.len() { ",\n" } else { "\n" });
				}
			}
			Json::Obj(fields) => {
				out.push_str("{\n");
				for (i, (k, v)) in fields.iter().enumerate() {
					out.push_str(&pad);
					out.push_str(&escape(k));
					out.push_str(": ");
					v.write(indent + 1, out);
					out.push_str(if i + 1 < fields.len() { ",\n" } else { "\n" });
				}
			}
			_ => unreachable!(),
		}
		out.push_str(&"  ".repeat(indent));
		out.push(if matches!(self, Json::Arr(_)) { ']' } else { '}' });
	}
}

/// Writes `doc` as the vector file's text: spread over lines, with a final newline.
pub fn document(doc: &Json) -> String {
	let mut out = String::new();
	doc.write(0, &mut out);
	out.push('\n');
	out
}
