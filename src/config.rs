//! Configuration: `.replyguard.yaml`, found from the working directory upward.
//!
//! Owns reading and checking the config file: extra packs (paths relative to the
//! file), the practice's contact details, staff and known patient names, rule
//! overrides, allowed terms, the default platform and `fail_on`. The schema is strict:
//! an unknown key is an error with a location. Checking override ids against the loaded
//! rules happens in `engine`, which knows the rules.

use std::fmt;
use std::ops::Range;
use std::path::{Path, PathBuf};
use std::str::FromStr;
use std::sync::Arc;

use marked_yaml::Spanned;
use serde::Deserialize;

use crate::error::{Error, SourceError};
use crate::model::Level;
use crate::pack::{parse_yaml, Locator, OrderedMap};

/// The file name looked for in the working directory and its parents.
pub const CONFIG_FILE_NAME: &str = ".replyguard.yaml";

/// Where a reply will be posted; shapes the offline invitation.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Deserialize, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Platform {
    /// Facebook: invite a private message.
    Facebook,
    /// Instagram: invite a direct message.
    Instagram,
    /// X: invite a direct message; 280 characters.
    X,
    /// Yelp review: invite a call or email.
    Yelp,
    /// Google review: invite a call or email.
    Google,
    /// Anywhere else.
    #[default]
    Generic,
}

impl Platform {
    /// The stable lowercase name.
    pub fn as_str(self) -> &'static str {
        match self {
            Platform::Facebook => "facebook",
            Platform::Instagram => "instagram",
            Platform::X => "x",
            Platform::Yelp => "yelp",
            Platform::Google => "google",
            Platform::Generic => "generic",
        }
    }
}

impl FromStr for Platform {
    type Err = String;
    fn from_str(value: &str) -> Result<Self, Self::Err> {
        match value.to_ascii_lowercase().as_str() {
            "facebook" => Ok(Platform::Facebook),
            "instagram" => Ok(Platform::Instagram),
            "x" | "twitter" => Ok(Platform::X),
            "yelp" => Ok(Platform::Yelp),
            "google" => Ok(Platform::Google),
            "generic" => Ok(Platform::Generic),
            other => Err(format!(
                "unknown platform `{other}`; expected facebook, instagram, x, yelp, google or generic"
            )),
        }
    }
}

impl fmt::Display for Platform {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// The lowest level that makes `check` exit 1.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum FailOn {
    /// Errors only.
    Error,
    /// Warnings and errors.
    #[default]
    Warning,
    /// Any finding.
    Info,
    /// Never fail on findings.
    Never,
}

impl FailOn {
    /// Whether a diagnostic at `level` fails the check.
    pub fn fails(self, level: Level) -> bool {
        match self {
            FailOn::Error => level >= Level::Error,
            FailOn::Warning => level >= Level::Warning,
            FailOn::Info => true,
            FailOn::Never => false,
        }
    }
}

impl FromStr for FailOn {
    type Err = String;
    fn from_str(value: &str) -> Result<Self, Self::Err> {
        match value {
            "error" => Ok(FailOn::Error),
            "warning" => Ok(FailOn::Warning),
            "info" => Ok(FailOn::Info),
            "never" => Ok(FailOn::Never),
            other => Err(format!(
                "unknown level `{other}`; expected error, warning, info or never"
            )),
        }
    }
}

/// The practice's contact details, used to fill offline invitations.
#[derive(Clone, Debug, Default, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Practice {
    /// The practice's name.
    #[serde(default)]
    pub name: Option<String>,
    /// Office phone.
    #[serde(default)]
    pub phone: Option<String>,
    /// Office email.
    #[serde(default)]
    pub email: Option<String>,
    /// Web address.
    #[serde(default)]
    pub url: Option<String>,
}

/// A rule's level changed by config: `None` turns it off.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RuleOverride {
    /// Rule id or name as written.
    pub rule: String,
    /// New level, or `None` for off.
    pub level: Option<Level>,
    /// Byte range of the rule key in the config text.
    pub span: Range<usize>,
}

/// A loaded configuration. `Config::default()` is "no config file".
#[derive(Clone, Debug, Default)]
pub struct Config {
    /// The config file, if one was loaded.
    pub path: Option<PathBuf>,
    /// The config text, for locating errors found later.
    pub text: Option<Arc<str>>,
    /// Extra pack files, resolved against the config's folder.
    pub packs: Vec<PathBuf>,
    /// Whether to skip the built-in packs.
    pub no_default_packs: bool,
    /// Contact details for the offline invitation.
    pub practice: Practice,
    /// Staff and provider names: never identities.
    pub staff: Vec<String>,
    /// Known patient names and handles: always identities.
    pub names: Vec<String>,
    /// Level overrides, in file order.
    pub rules: Vec<RuleOverride>,
    /// Terms never reported.
    pub allow: Vec<String>,
    /// Default `--fail-on`.
    pub fail_on: Option<FailOn>,
    /// Default `--platform`.
    pub platform: Option<Platform>,
    /// Entries added to the language's word lists (`words:`, docs/language.md).
    pub words: crate::language::Words,
    /// Patients whose written authorization to be posted about is on record.
    pub authorized: Vec<Authorization>,
}

/// A patient's written authorization to be posted about, as the config records it.
/// Never in the text: the text is what gets posted, and anyone could type it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Authorization {
    /// The patient's full name, as it may appear in a post.
    pub name: String,
    /// The practice's reference for the signed form, shown in findings (an audit trail).
    pub reference: String,
    /// The last day it holds, `YYYY-MM-DD`.
    pub expires: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct AuthorizationSource {
    name: Spanned<String>,
    #[serde(rename = "ref")]
    reference: Spanned<String>,
    expires: Spanned<String>,
}

/// Whether `date` is a calendar date written `YYYY-MM-DD`.
fn is_iso_date(date: &str) -> bool {
    let parts: Vec<&str> = date.split('-').collect();
    let number = |part: &str, digits: usize| {
        (part.len() == digits && part.bytes().all(|b| b.is_ascii_digit()))
            .then(|| part.parse::<u32>().ok())
            .flatten()
    };
    match parts.as_slice() {
        [year, month, day] => {
            number(year, 4).is_some()
                && number(month, 2).is_some_and(|m| (1..=12).contains(&m))
                && number(day, 2).is_some_and(|d| (1..=31).contains(&d))
        }
        _ => false,
    }
}

/// Today's date in UTC, `YYYY-MM-DD`, from the system clock.
pub fn today() -> String {
    let seconds = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |elapsed| elapsed.as_secs());
    civil_date(i64::try_from(seconds / 86_400).unwrap_or(0))
}

/// The civil date `days` after 1970-01-01, `YYYY-MM-DD` (Howard Hinnant's algorithm).
fn civil_date(days: i64) -> String {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let day_of_era = z.rem_euclid(146_097);
    let year_of_era =
        (day_of_era - day_of_era / 1_460 + day_of_era / 36_524 - day_of_era / 146_096) / 365;
    let day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
    let month_index = (5 * day_of_year + 2) / 153;
    let day = day_of_year - (153 * month_index + 2) / 5 + 1;
    let month = if month_index < 10 {
        month_index + 3
    } else {
        month_index - 9
    };
    let year = year_of_era + era * 400 + i64::from(month <= 2);
    format!("{year:04}-{month:02}-{day:02}")
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ConfigSource {
    #[serde(default)]
    packs: Option<Vec<String>>,
    #[serde(default)]
    no_default_packs: Option<bool>,
    #[serde(default)]
    practice: Option<Practice>,
    #[serde(default)]
    staff: Option<Vec<String>>,
    #[serde(default)]
    names: Option<Vec<String>>,
    #[serde(default)]
    rules: Option<OrderedMap<Spanned<String>>>,
    #[serde(default)]
    allow: Option<Vec<String>>,
    #[serde(default)]
    fail_on: Option<FailOn>,
    #[serde(default)]
    platform: Option<Platform>,
    #[serde(default)]
    words: Option<crate::language::WordsSource>,
    #[serde(default)]
    authorized: Option<Vec<AuthorizationSource>>,
}

impl Config {
    /// Parses config `text` read from `path`.
    pub fn parse(path: &Path, text: &str) -> Result<Config, Error> {
        let origin = path.display().to_string();
        let shared: Arc<str> = Arc::from(text);
        let source: ConfigSource = if text.trim().is_empty() {
            parse_yaml(&origin, &Arc::from("{}")).map_err(Error::source)?
        } else {
            parse_yaml(&origin, &shared).map_err(Error::source)?
        };
        let base = path.parent().unwrap_or(Path::new("."));
        let locator = Locator::new(text);
        let mut rules = Vec::new();
        let mut errors = Vec::new();
        for (key, value) in source.rules.map(|map| map.0).unwrap_or_default() {
            let span = key
                .span()
                .start()
                .map_or(0..0, |marker| locator.scalar_range(marker));
            let level = match value.as_str() {
                "off" => None,
                "error" => Some(Level::Error),
                "warning" => Some(Level::Warning),
                "info" => Some(Level::Info),
                other => {
                    errors.push(SourceError::new(
                        &origin,
                        shared.clone(),
                        locator.span_of(&value),
                        format!(
                            "unknown rule setting `{other}`; expected off, error, warning or info"
                        ),
                    ));
                    continue;
                }
            };
            rules.push(RuleOverride {
                rule: key.as_str().to_string(),
                level,
                span,
            });
        }
        let words = match source.words {
            Some(words) => crate::language::check_words(&origin, &shared, words).unwrap_or_else(
                |mut word_errors| {
                    errors.append(&mut word_errors);
                    Default::default()
                },
            ),
            None => Default::default(),
        };
        let mut authorized = Vec::new();
        for record in source.authorized.unwrap_or_default() {
            let expires = record.expires.as_str().to_string();
            if !is_iso_date(&expires) {
                errors.push(SourceError::new(
                    &origin,
                    shared.clone(),
                    locator.span_of(&record.expires),
                    format!("`{expires}` is not a date written YYYY-MM-DD"),
                ));
                continue;
            }
            authorized.push(Authorization {
                name: record.name.as_str().to_string(),
                reference: record.reference.as_str().to_string(),
                expires,
            });
        }
        if !errors.is_empty() {
            return Err(Error::Source(errors));
        }
        Ok(Config {
            path: Some(path.to_path_buf()),
            text: Some(shared),
            packs: source
                .packs
                .unwrap_or_default()
                .into_iter()
                .map(|pack| base.join(pack))
                .collect(),
            no_default_packs: source.no_default_packs.unwrap_or(false),
            practice: source.practice.unwrap_or_default(),
            staff: source.staff.unwrap_or_default(),
            names: source.names.unwrap_or_default(),
            rules,
            allow: source.allow.unwrap_or_default(),
            fail_on: source.fail_on,
            platform: source.platform,
            words,
            authorized,
        })
    }

    /// Loads the config at `path`.
    pub fn load(path: &Path) -> Result<Config, Error> {
        let text = crate::input::read_file_text(path, crate::pack::SOURCE_SIZE_LIMIT as u64)?;
        Config::parse(path, &text)
    }

    /// Finds `.replyguard.yaml` in `start` or the nearest parent that has one.
    pub fn discover(start: &Path) -> Option<PathBuf> {
        start
            .ancestors()
            .map(|dir| dir.join(CONFIG_FILE_NAME))
            .find(|candidate| candidate.is_file())
    }

    /// A located error about this config at `range` (for checks made after loading).
    pub fn error_at(&self, range: Range<usize>, message: String) -> SourceError {
        let origin = self
            .path
            .as_ref()
            .map_or_else(|| "<config>".to_string(), |path| path.display().to_string());
        let text = self.text.clone().unwrap_or_else(|| Arc::from(""));
        SourceError::new(origin, text, range, message)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(text: &str) -> Result<Config, Error> {
        Config::parse(Path::new("/work/.replyguard.yaml"), text)
    }

    #[test]
    fn full_config_parses() {
        let config = parse(
            "packs: [extra.yaml]\npractice:\n  name: Smile Co\n  phone: 555-0100\nstaff: [Dana]\nnames: [Jen Smith]\nrules:\n  RG105: off\n  RG101: warning\nallow: [crown]\nfail_on: error\nplatform: yelp\n",
        )
        .unwrap();
        assert_eq!(config.packs, [PathBuf::from("/work/extra.yaml")]);
        assert_eq!(config.practice.phone.as_deref(), Some("555-0100"));
        assert_eq!(config.rules[0].level, None);
        assert_eq!(config.rules[1].level, Some(Level::Warning));
        assert_eq!(config.fail_on, Some(FailOn::Error));
        assert_eq!(config.platform, Some(Platform::Yelp));
    }

    #[test]
    fn unknown_key_is_an_error_with_location() {
        let Err(Error::Source(errors)) = parse("practice:\n  fax: 1\n") else {
            panic!("expected a located error");
        };
        assert!(errors[0].message.contains("unknown field `fax`"));
        assert_eq!(errors[0].line_column(), (2, 3));
    }

    #[test]
    fn bad_rule_setting_is_an_error() {
        let Err(Error::Source(errors)) = parse("rules:\n  RG101: loud\n") else {
            panic!("expected a located error");
        };
        assert!(errors[0].message.contains("unknown rule setting `loud`"));
        assert_eq!(errors[0].line_column(), (2, 10));
    }

    #[test]
    fn empty_config_is_fine() {
        assert!(parse("").unwrap().packs.is_empty());
    }
}
