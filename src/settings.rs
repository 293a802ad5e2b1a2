//! Settings: the options of a run, resolved once for the command line and the editor.
//!
//! Owns turning what a caller was given into the values a check runs with. [`Options`]
//! holds the options as given (the binary maps its flags into it; the language server
//! lays its client's settings over the command line's); [`Options::resolve`] reads the
//! config file they name (a given file, none, or the nearest `.replyguard.yaml`) and
//! gives [`Settings`]: the config, the packs and names to load, the platform, the
//! `fail_on` level and the input size limit, each option taking precedence over the
//! config file. It does not parse flags or client JSON, and it checks nothing: an
//! engine is loaded from the settings with [`Settings::load_engine`].

use std::path::{Path, PathBuf};

use crate::builtin;
use crate::config::{Config, FailOn, Platform};
use crate::engine::Engine;
use crate::error::Error;
use crate::input::{self, DEFAULT_MAX_BYTES};
use crate::pack::{self, Pack};
use crate::reply::Reply;
use crate::rewrite::RewriteOptions;

/// Which config file to read.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub enum ConfigFile {
    /// The nearest `.replyguard.yaml`, from the start folder upward.
    #[default]
    Discover,
    /// This file (`--config`, or the editor's `configPath`).
    Path(PathBuf),
    /// No config file (`--no-config`).
    None,
}

/// The options of a run as given, before the config file is read.
#[derive(Clone, Debug)]
pub struct Options {
    /// Which config file to read.
    pub config: ConfigFile,
    /// Extra pack files, loaded after the built-ins and the config's packs.
    pub packs: Vec<PathBuf>,
    /// Skip the built-in packs.
    pub no_default_packs: bool,
    /// Known patient names and @handles, added to the config's.
    pub names: Vec<String>,
    /// Where the reply will be posted; the config's platform when `None`.
    pub platform: Option<Platform>,
    /// The lowest level that fails a check; the config's when `None`.
    pub fail_on: Option<FailOn>,
    /// The largest input read, in bytes.
    pub max_bytes: u64,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            config: ConfigFile::Discover,
            packs: Vec::new(),
            no_default_packs: false,
            names: Vec::new(),
            platform: None,
            fail_on: None,
            max_bytes: DEFAULT_MAX_BYTES,
        }
    }
}

impl Options {
    /// Reads the config file and resolves every option against it. A config file is
    /// looked for from `start`, or from the working directory when `start` is `None`.
    pub fn resolve(&self, start: Option<&Path>) -> Result<Settings, Error> {
        let config = match &self.config {
            ConfigFile::None => Config::default(),
            ConfigFile::Path(path) => Config::load(path)?,
            ConfigFile::Discover => {
                let start = match start {
                    Some(start) => start.to_path_buf(),
                    None => std::env::current_dir().map_err(|source| Error::Io {
                        path: ".".into(),
                        source,
                    })?,
                };
                match Config::discover(&start) {
                    Some(path) => Config::load(&path)?,
                    None => Config::default(),
                }
            }
        };
        Ok(Settings {
            load: LoadOptions {
                no_default_packs: self.no_default_packs,
                packs: self.packs.clone(),
            },
            names: self.names.clone(),
            platform: self.platform.or(config.platform).unwrap_or_default(),
            fail_on: self.fail_on.or(config.fail_on).unwrap_or_default(),
            max_bytes: self.max_bytes,
            config,
        })
    }
}

/// The options of a run, resolved against the config file.
#[derive(Clone, Debug)]
pub struct Settings {
    /// The config file read, or the default config.
    pub config: Config,
    /// The packs to load besides the config's.
    pub load: LoadOptions,
    /// Patient names and @handles known for the replies checked (`--name`).
    pub names: Vec<String>,
    /// Where replies will be posted.
    pub platform: Platform,
    /// The lowest level that fails a check.
    pub fail_on: FailOn,
    /// The largest input read, in bytes.
    pub max_bytes: u64,
}

impl Settings {
    /// Loads the packs and compiles the engine these settings describe.
    pub fn load_engine(&self) -> Result<Engine, Error> {
        load_engine(&self.config, &self.load)
    }

    /// What shapes the rewrite of a reply checked with these settings.
    pub fn rewrite_options(&self) -> RewriteOptions<'_> {
        RewriteOptions {
            practice: &self.config.practice,
        }
    }

    /// The reply to check for `text`: with the names given for it (`--name`, the
    /// editor's `names`) and the platform.
    pub fn reply(&self, text: String) -> Reply {
        Reply::new(text)
            .with_names(self.names.iter().cloned())
            .with_platform(self.platform)
    }
}

/// Which packs to load and how: the resolved, library-level options.
#[derive(Clone, Debug, Default)]
pub struct LoadOptions {
    /// Skip the built-in packs.
    pub no_default_packs: bool,
    /// Extra pack files, loaded after the built-ins and the config's packs.
    pub packs: Vec<PathBuf>,
}

/// Loads the built-in packs (unless turned off), the config's packs and `options.packs`,
/// and compiles them into an engine. All pack errors are collected before returning.
pub fn load_engine(config: &Config, options: &LoadOptions) -> Result<Engine, Error> {
    let mut packs = Vec::new();
    let mut errors = Vec::new();
    if !(options.no_default_packs || config.no_default_packs) {
        match builtin::packs() {
            Ok(mut builtin) => packs.append(&mut builtin),
            Err(mut pack_errors) => errors.append(&mut pack_errors),
        }
    }
    for path in config.packs.iter().chain(&options.packs) {
        let text = input::read_file_text(path, pack::SOURCE_SIZE_LIMIT as u64)?;
        match Pack::load(&path.display().to_string(), &text) {
            Ok(pack) => packs.push(pack),
            Err(mut pack_errors) => errors.append(&mut pack_errors),
        }
    }
    if !errors.is_empty() {
        return Err(Error::Source(errors));
    }
    Engine::new(packs, config, &[])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn options_override_the_config_file() {
        let folder = tempfile::tempdir().expect("a temporary folder");
        let path = folder.path().join(crate::config::CONFIG_FILE_NAME);
        std::fs::write(&path, "platform: yelp\nfail_on: error\n").expect("write the config");
        let found = Options::default()
            .resolve(Some(folder.path()))
            .expect("the config loads");
        assert_eq!(found.config.path.as_deref(), Some(path.as_path()));
        assert_eq!(
            (found.platform, found.fail_on),
            (Platform::Yelp, FailOn::Error)
        );
        let given = Options {
            platform: Some(Platform::X),
            fail_on: Some(FailOn::Never),
            ..Options::default()
        }
        .resolve(Some(folder.path()))
        .expect("the config loads");
        assert_eq!(
            (given.platform, given.fail_on),
            (Platform::X, FailOn::Never)
        );
        let none = Options {
            config: ConfigFile::None,
            ..Options::default()
        }
        .resolve(Some(folder.path()))
        .expect("no config to load");
        assert_eq!(none.config.path, None);
        assert_eq!(
            (none.platform, none.fail_on),
            (Platform::Generic, FailOn::Warning)
        );
    }

    #[test]
    fn a_named_config_file_must_load() {
        let options = Options {
            config: ConfigFile::Path("/nonexistent/.replyguard.yaml".into()),
            ..Options::default()
        };
        assert!(matches!(options.resolve(None), Err(Error::Io { .. })));
    }
}
