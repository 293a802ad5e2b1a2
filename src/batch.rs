//! Batch checking: JSON Lines records, checked on every core, in input order.
//!
//! Owns the record format of `check --jsonl` (one JSON object per line with an id and
//! a text field, names configurable) and checking many texts in parallel while keeping
//! their order. Reading and printing are the binary's job; a record that cannot be
//! read is an error the caller reports with its line number, never a silent pass.

use crate::engine::{Engine, Report};

/// The field names of a record.
#[derive(Clone, Debug)]
pub struct Fields {
    /// The field holding the record's id (any JSON value, echoed back).
    pub id: String,
    /// The field holding the reply text (a string).
    pub text: String,
}

impl Default for Fields {
    fn default() -> Self {
        Fields {
            id: "id".into(),
            text: "text".into(),
        }
    }
}

/// Parses one JSON Lines record into its id and text.
pub fn parse_record(line: &str, fields: &Fields) -> Result<(serde_json::Value, String), String> {
    let value: serde_json::Value =
        serde_json::from_str(line).map_err(|error| format!("not a JSON object: {error}"))?;
    let object = value
        .as_object()
        .ok_or_else(|| "not a JSON object".to_string())?;
    let id = object
        .get(&fields.id)
        .cloned()
        .unwrap_or(serde_json::Value::Null);
    let text = match object.get(&fields.text) {
        Some(serde_json::Value::String(text)) => text.clone(),
        Some(_) => return Err(format!("field `{}` is not a string", fields.text)),
        None => return Err(format!("no field `{}`", fields.text)),
    };
    Ok((id, text))
}

/// Checks `texts` on up to `threads` threads; reports come back in the same order.
pub fn check_all(engine: &Engine, texts: &[String], threads: usize) -> Vec<Report> {
    let threads = threads.clamp(1, texts.len().max(1));
    if threads == 1 {
        return texts.iter().map(|text| engine.check(text)).collect();
    }
    let chunk = texts.len().div_ceil(threads);
    std::thread::scope(|scope| {
        let handles: Vec<_> = texts
            .chunks(chunk)
            .map(|part| {
                scope.spawn(move || {
                    part.iter()
                        .map(|text| engine.check(text))
                        .collect::<Vec<_>>()
                })
            })
            .collect();
        handles
            .into_iter()
            .flat_map(|handle| {
                handle
                    .join()
                    .unwrap_or_else(|panic| std::panic::resume_unwind(panic))
            })
            .collect()
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn records_and_fields() {
        let fields = Fields::default();
        let (id, text) = parse_record(r#"{"id": 7, "text": "hi"}"#, &fields).unwrap();
        assert_eq!((id, text.as_str()), (serde_json::json!(7), "hi"));
        assert!(parse_record(r#"{"id": 7}"#, &fields)
            .unwrap_err()
            .contains("no field `text`"));
        assert!(parse_record(r#"{"text": 3}"#, &fields)
            .unwrap_err()
            .contains("not a string"));
        assert!(parse_record("[1]", &fields)
            .unwrap_err()
            .contains("not a JSON object"));
        let custom = Fields {
            id: "post".into(),
            text: "body".into(),
        };
        assert_eq!(
            parse_record(r#"{"post": "a", "body": "b"}"#, &custom)
                .unwrap()
                .1,
            "b"
        );
    }

    #[test]
    fn parallel_checks_keep_order() {
        let packs = crate::builtin::packs().expect("built-in packs load");
        let engine = Engine::new(packs, &crate::Config::default(), &[]).expect("compile");
        let texts: Vec<String> = (0..50)
            .map(|i| {
                if i % 3 == 0 {
                    format!("Hi Jen {i}, your root canal healed.")
                } else {
                    format!("Open Saturday {i}.")
                }
            })
            .collect();
        let serial = check_all(&engine, &texts, 1);
        let parallel = check_all(&engine, &texts, 4);
        assert_eq!(serial, parallel);
        assert!(parallel
            .iter()
            .enumerate()
            .all(|(i, report)| report.diagnostics.is_empty() == (i % 3 != 0)));
    }
}
