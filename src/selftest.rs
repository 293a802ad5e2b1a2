//! Pack self-tests: every rule's own examples, run by `replyguard test`.
//!
//! Owns checking that each `flag` example makes its rule fire and that each `pass`
//! example produces nothing at warning or above, with every loaded pack active (packs
//! are tested together because rules select details from every pack's lexicons). It
//! returns results; `render` shows them and the binary prints them.

use crate::engine::Engine;
use crate::error::Error;
use crate::model::Level;

/// The outcome of one example.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ExampleResult {
    /// Pack of the rule.
    pub pack: String,
    /// Rule id.
    pub rule: String,
    /// `flag` or `pass`.
    pub expect: &'static str,
    /// The example text.
    pub text: String,
    /// `None` when the example behaved; otherwise what went wrong.
    pub failure: Option<String>,
}

/// Runs the examples of the rules in `packs` (every pack when empty). A pack that is
/// not loaded is an error, not an empty pass.
pub fn run(engine: &Engine, packs: &[String]) -> Result<Vec<ExampleResult>, Error> {
    for pack in packs {
        if !engine.packs().iter().any(|loaded| &loaded.name == pack) {
            return Err(Error::Usage(format!(
                "unknown pack `{pack}`; `replyguard packs` lists them"
            )));
        }
    }
    let mut results = Vec::new();
    for loaded in engine.rules() {
        let rule = &loaded.rule;
        if !packs.is_empty() && !packs.contains(&rule.pack) {
            continue;
        }
        if loaded.level.is_none() {
            continue;
        }
        for text in &rule.examples.flag {
            let report = engine.check_text(text);
            let fired = report.diagnostics.iter().any(|d| d.rule == rule.id);
            let failure = (!fired).then(|| {
                let others: Vec<String> = report
                    .diagnostics
                    .iter()
                    .map(|d| format!("{} on {:?}", d.rule, d.primary.text))
                    .collect();
                if others.is_empty() {
                    format!("{} did not fire; nothing was reported", rule.id)
                } else {
                    format!(
                        "{} did not fire; reported instead: {}",
                        rule.id,
                        others.join(", ")
                    )
                }
            });
            results.push(ExampleResult {
                pack: rule.pack.clone(),
                rule: rule.id.clone(),
                expect: "flag",
                text: text.clone(),
                failure,
            });
        }
        for text in &rule.examples.pass {
            let report = engine.check_text(text);
            let blocking: Vec<String> = report
                .diagnostics
                .iter()
                .filter(|d| d.level >= Level::Warning)
                .map(|d| format!("{}[{}] on {:?}", d.level, d.rule, d.primary.text))
                .collect();
            let failure = (!blocking.is_empty())
                .then(|| format!("expected no finding, got {}", blocking.join(", ")));
            results.push(ExampleResult {
                pack: rule.pack.clone(),
                rule: rule.id.clone(),
                expect: "pass",
                text: text.clone(),
                failure,
            });
        }
    }
    Ok(results)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_unknown_pack_is_an_error() {
        let packs = crate::builtin::packs().expect("built-in packs load");
        let engine = Engine::new(packs, &crate::Config::default(), &[]).expect("compile");
        let error = run(&engine, &["no-such-pack".to_string()]).unwrap_err();
        assert!(
            error.to_string().contains("unknown pack `no-such-pack`"),
            "{error}"
        );
    }
}
