//! The language server behind `replyguard lsp`: the engine in an editor.
//!
//! Owns the Language Server Protocol over a byte stream (stdin and stdout in the
//! binary): message framing, the initialize handshake with position-encoding
//! negotiation (UTF-16 unless the client offers UTF-8), full-text document sync,
//! diagnostics, the two code actions (the whole `fix` rewrite and removing one leaking
//! sentence), hover with a rule's explanation, and settings from `initializationOptions`
//! and `workspace/didChangeConfiguration`. It owns no detection: documents are checked
//! with [`Engine::check`] and rewritten with [`rewrite::rewrite`], the code paths of
//! `check` and `fix`.
//!
//! A privacy guard fails closed here too. Packs or config that cannot be loaded, or a
//! document over the size limit, give every affected document one error diagnostic
//! saying it was not checked (and a `window/showMessage` for load errors), never an
//! empty list that would read as a pass. A malformed message gets a JSON-RPC error and
//! the server goes on; after a broken frame header it skips to the next header. Only
//! the end of the stream or an output error ends the session without `exit`. Nothing a
//! client sends can make the server panic.
//!
//! <https://microsoft.github.io/language-server-protocol/specifications/lsp/3.17/specification/>

use std::collections::HashMap;
use std::io::{self, BufRead, Read, Write};
use std::ops::Range;
use std::path::{Path, PathBuf};

use lsp_server::{ErrorCode, Message, Notification, Request, Response};
use lsp_types as lsp;
use serde::Deserialize;
use serde_json::Value;

use crate::config::{Config, Platform};
use crate::engine::{Diagnostic as Finding, Engine, Report};
use crate::input::{DEFAULT_MAX_BYTES, MAX_MAX_BYTES};
use crate::model::Level;
use crate::render::identity_label;
use crate::rewrite::{self, RewriteOptions};
use crate::{load_engine, LoadOptions};

/// The largest message body read. A larger one is skipped without being kept in
/// memory; the document it carried is reported as not checked.
pub const MAX_MESSAGE_BYTES: usize = 64 << 20;

/// The title of the code action that replaces the document with the `fix` rewrite.
pub const REWRITE_TITLE: &str = "Rewrite reply for public posting (replyguard fix)";

/// The title of the code action that deletes the sentence of one finding.
pub const REMOVE_SENTENCE_TITLE: &str = "Remove the leaking sentence";

/// The diagnostic code of a document that was not checked.
pub const NOT_CHECKED_CODE: &str = "not-checked";

/// What the command line gives the server; client settings take precedence.
#[derive(Clone, Debug)]
pub struct ServerOptions {
    /// Packs to add or skip, and names known from the command line.
    pub load: LoadOptions,
    /// `--config`: the config file when the client names none.
    pub config: Option<PathBuf>,
    /// `--no-config`: load no config file unless the client names one.
    pub no_config: bool,
    /// `--platform`: the platform when neither the client nor the config names one.
    pub platform: Option<Platform>,
    /// `--max-bytes`: larger documents are not checked.
    pub max_bytes: u64,
}

impl Default for ServerOptions {
    fn default() -> Self {
        ServerOptions {
            load: LoadOptions::default(),
            config: None,
            no_config: false,
            platform: None,
            max_bytes: DEFAULT_MAX_BYTES,
        }
    }
}

/// Client settings, from `initializationOptions` or `workspace/didChangeConfiguration`
/// (either the object itself or under a `replyguard` key). A key left out keeps its
/// value; an unknown key is an error, as in the config file.
#[derive(Clone, Debug, Default, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
struct Settings {
    /// The config file; relative paths are resolved against the workspace root.
    #[serde(default)]
    config_path: Option<String>,
    /// facebook, instagram, x, yelp, google or generic.
    #[serde(default)]
    platform: Option<String>,
    /// Known patient names and @handles.
    #[serde(default)]
    names: Option<Vec<String>>,
    /// Larger documents are not checked.
    #[serde(default)]
    max_bytes: Option<u64>,
}

impl Settings {
    /// Reads settings from a client value; `null` is no settings.
    fn from_value(value: Value) -> Result<Settings, String> {
        let value = match value {
            Value::Object(mut map) if map.contains_key("replyguard") => {
                map.remove("replyguard").unwrap_or(Value::Null)
            }
            other => other,
        };
        if value.is_null() {
            return Ok(Settings::default());
        }
        serde_json::from_value(value).map_err(|error| format!("invalid settings: {error}"))
    }

    /// These settings with every key given in `newer` replaced.
    fn merged(&self, newer: Settings) -> Settings {
        Settings {
            config_path: newer.config_path.or_else(|| self.config_path.clone()),
            platform: newer.platform.or_else(|| self.platform.clone()),
            names: newer.names.or_else(|| self.names.clone()),
            max_bytes: newer.max_bytes.or(self.max_bytes),
        }
    }
}

/// How positions count characters within a line, as negotiated at initialize.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Encoding {
    Utf8,
    Utf16,
}

impl Encoding {
    fn units(self, character: char) -> usize {
        match self {
            Encoding::Utf8 => character.len_utf8(),
            Encoding::Utf16 => character.len_utf16(),
        }
    }
}

/// Line starts of a text, for converting byte offsets to LSP positions and back.
/// Line breaks are `\n`, `\r\n` and a lone `\r`, as the protocol defines them.
struct Lines<'a> {
    text: &'a str,
    starts: Vec<usize>,
}

impl<'a> Lines<'a> {
    fn new(text: &'a str) -> Self {
        Lines {
            text,
            starts: crate::location::line_starts(text),
        }
    }

    /// The byte range of line `line` without its line break.
    fn line(&self, line: usize) -> Range<usize> {
        let start = self.starts[line];
        let end = self
            .starts
            .get(line + 1)
            .copied()
            .unwrap_or(self.text.len());
        let content = self.text[start..end].trim_end_matches(['\n', '\r']);
        start..start + content.len()
    }

    fn position(&self, offset: usize, encoding: Encoding) -> lsp::Position {
        let mut offset = offset.min(self.text.len());
        while !self.text.is_char_boundary(offset) {
            offset -= 1;
        }
        let line = self.starts.partition_point(|&start| start <= offset) - 1;
        let start = self.starts[line];
        let character: usize = match encoding {
            Encoding::Utf8 => offset - start,
            Encoding::Utf16 => self.text[start..offset].chars().map(char::len_utf16).sum(),
        };
        lsp::Position::new(saturate(line), saturate(character))
    }

    fn range(&self, range: &Range<usize>, encoding: Encoding) -> lsp::Range {
        lsp::Range::new(
            self.position(range.start, encoding),
            self.position(range.end, encoding),
        )
    }

    /// The byte offset of `position`; past the end of a line is its end, past the last
    /// line is the end of the text, inside a character is its start.
    fn offset(&self, position: lsp::Position, encoding: Encoding) -> usize {
        let line = position.line as usize;
        if line >= self.starts.len() {
            return self.text.len();
        }
        let range = self.line(line);
        let wanted = position.character as usize;
        let mut units = 0;
        for (index, character) in self.text[range.clone()].char_indices() {
            units += encoding.units(character);
            if units > wanted {
                return range.start + index;
            }
        }
        range.end
    }

    fn end(&self, encoding: Encoding) -> lsp::Position {
        self.position(self.text.len(), encoding)
    }
}

fn saturate(value: usize) -> u32 {
    u32::try_from(value).unwrap_or(u32::MAX)
}

/// The loaded engine with what shapes rewrites.
struct Loaded {
    engine: Engine,
    config: Config,
    platform: Platform,
}

/// An open document and what checking it gave.
struct Document {
    text: String,
    version: Option<i32>,
    /// The report, or why the document was not checked.
    analysis: Result<Report, String>,
}

/// What the loop does after a message.
enum Flow {
    Continue,
    /// The client sent `exit`; `true` when `shutdown` came first.
    Exit(bool),
}

/// A request that could not be answered with a result.
struct RequestError {
    code: ErrorCode,
    message: String,
}

impl RequestError {
    fn invalid_params(method: &str, error: impl std::fmt::Display) -> Self {
        RequestError {
            code: ErrorCode::InvalidParams,
            message: format!("invalid params for {method}: {error}"),
        }
    }
}

struct Server<'a> {
    output: &'a mut dyn Write,
    log: &'a mut dyn Write,
    options: ServerOptions,
    settings: Settings,
    root: Option<PathBuf>,
    encoding: Encoding,
    loaded: Result<Loaded, String>,
    documents: HashMap<lsp::Uri, Document>,
    initialized: bool,
    shutting_down: bool,
}

/// Serves one client over `input` and `output` until it sends `exit` or closes the
/// stream; problems that do not stop the server are written to `log`. Returns whether
/// the session ended cleanly (`shutdown`, then `exit`); `Err` only when `output` fails.
pub fn serve(
    input: &mut dyn BufRead,
    output: &mut dyn Write,
    log: &mut dyn Write,
    options: ServerOptions,
) -> io::Result<bool> {
    let mut server = Server {
        output,
        log,
        options,
        settings: Settings::default(),
        root: None,
        encoding: Encoding::Utf16,
        loaded: Err("the server is not initialized".into()),
        documents: HashMap::new(),
        initialized: false,
        shutting_down: false,
    };
    let mut resync = false;
    loop {
        let frame = match read_frame(input, resync) {
            Ok(frame) => frame,
            Err(error) if error.kind() == io::ErrorKind::InvalidData => {
                // The body size is unknown: answer, then look for the next header.
                server.log(&format!("malformed message header: {error}"));
                server.send_error(
                    Value::Null,
                    ErrorCode::ParseError,
                    format!("malformed message header: {error}"),
                )?;
                resync = true;
                continue;
            }
            Err(error) => {
                server.log(&format!("cannot read a message: {error}; stopping"));
                return Ok(false);
            }
        };
        resync = false;
        let body = match frame {
            Frame::End => return Ok(false),
            Frame::Skipped { size, head } => {
                server.skipped(size, &head)?;
                continue;
            }
            Frame::Body(body) => body,
        };
        let value: Value = match serde_json::from_slice(&body) {
            Ok(value) => value,
            Err(error) => {
                server.log(&format!("malformed message: {error}"));
                server.send_error(
                    Value::Null,
                    ErrorCode::ParseError,
                    format!("parse error: {error}"),
                )?;
                continue;
            }
        };
        let id = value.get("id").cloned().unwrap_or(Value::Null);
        let message: Message = match serde_json::from_value(value) {
            Ok(message) => message,
            Err(error) => {
                server.log(&format!("invalid message: {error}"));
                server.send_error(
                    id,
                    ErrorCode::InvalidRequest,
                    format!("invalid request: {error}"),
                )?;
                continue;
            }
        };
        if let Flow::Exit(clean) = server.handle(message)? {
            return Ok(clean);
        }
    }
}

impl Server<'_> {
    fn log(&mut self, message: &str) {
        let _ = writeln!(self.log, "replyguard lsp: {message}");
    }

    fn send(&mut self, message: Message) -> io::Result<()> {
        message.write(&mut self.output)?;
        self.output.flush()
    }

    /// An error response whose id may be null (a request too broken to have one).
    fn send_error(&mut self, id: Value, code: ErrorCode, message: String) -> io::Result<()> {
        let id = match id {
            Value::Number(_) | Value::String(_) => id,
            _ => Value::Null,
        };
        let text = serde_json::json!({
            "jsonrpc": "2.0",
            "id": id,
            "error": {"code": code as i32, "message": message},
        })
        .to_string();
        write!(self.output, "Content-Length: {}\r\n\r\n{text}", text.len())?;
        self.output.flush()
    }

    fn notify<N: lsp::notification::Notification>(&mut self, params: N::Params) -> io::Result<()> {
        let params = serde_json::to_value(params).unwrap_or(Value::Null);
        self.send(Notification::new(N::METHOD.to_string(), params).into())
    }

    fn show_error(&mut self, message: String) -> io::Result<()> {
        self.log(&message);
        self.notify::<lsp::notification::ShowMessage>(lsp::ShowMessageParams {
            typ: lsp::MessageType::ERROR,
            message,
        })
    }

    fn handle(&mut self, message: Message) -> io::Result<Flow> {
        match message {
            Message::Request(request) => {
                self.request(request)?;
                Ok(Flow::Continue)
            }
            Message::Notification(notification) => self.notification(notification),
            // The server sends no requests, so there is nothing to match a response to.
            Message::Response(_) => Ok(Flow::Continue),
        }
    }

    fn request(&mut self, request: Request) -> io::Result<()> {
        let Request { id, method, params } = request;
        let first_initialize = method == "initialize" && !self.initialized;
        let result = if method == "initialize" {
            if self.initialized {
                Err(RequestError {
                    code: ErrorCode::InvalidRequest,
                    message: "initialize was already received".into(),
                })
            } else {
                self.initialize(params)
            }
        } else if !self.initialized {
            Err(RequestError {
                code: ErrorCode::ServerNotInitialized,
                message: format!("{method} before initialize"),
            })
        } else if self.shutting_down {
            Err(RequestError {
                code: ErrorCode::InvalidRequest,
                message: format!("{method} after shutdown"),
            })
        } else {
            match method.as_str() {
                "shutdown" => {
                    self.shutting_down = true;
                    Ok(Value::Null)
                }
                "textDocument/codeAction" => self.code_action(params),
                "textDocument/hover" => self.hover(params),
                _ => Err(RequestError {
                    code: ErrorCode::MethodNotFound,
                    message: format!("unknown method {method}"),
                }),
            }
        };
        let response = match result {
            Ok(value) => Response {
                id: id.clone(),
                response_result: Ok(value),
            },
            Err(error) => Response::new_err(id.clone(), error.code as i32, error.message),
        };
        self.send(response.into())?;
        if first_initialize && self.initialized {
            if let Err(reason) = &self.loaded {
                let reason = reason.clone();
                self.show_error(format!("replyguard cannot check documents: {reason}"))?;
            }
        }
        Ok(())
    }

    fn notification(&mut self, notification: Notification) -> io::Result<Flow> {
        let Notification { method, params } = notification;
        if method == "exit" {
            return Ok(Flow::Exit(self.shutting_down));
        }
        if !self.initialized {
            return Ok(Flow::Continue);
        }
        let outcome = match method.as_str() {
            "textDocument/didOpen" => self.did_open(params),
            "textDocument/didChange" => self.did_change(params),
            "textDocument/didClose" => self.did_close(params),
            "workspace/didChangeConfiguration" => self.did_change_configuration(params),
            // `initialized`, `$/cancelRequest`, `textDocument/didSave` and anything
            // unknown need nothing; a notification never gets an error back.
            _ => Ok(Ok(())),
        };
        if let Err(problem) = outcome? {
            self.log(&format!("ignored {method}: {problem}"));
        }
        Ok(Flow::Continue)
    }

    fn initialize(&mut self, params: Value) -> Result<Value, RequestError> {
        let params: lsp::InitializeParams = serde_json::from_value(params)
            .map_err(|error| RequestError::invalid_params("initialize", error))?;
        let offers_utf8 = params
            .capabilities
            .general
            .as_ref()
            .and_then(|general| general.position_encodings.as_ref())
            .is_some_and(|encodings| encodings.contains(&lsp::PositionEncodingKind::UTF8));
        self.encoding = if offers_utf8 {
            Encoding::Utf8
        } else {
            Encoding::Utf16
        };
        self.root = workspace_root(&params);
        self.initialized = true;
        let settings = params
            .initialization_options
            .map_or(Ok(Settings::default()), Settings::from_value);
        self.loaded = settings.and_then(|settings| {
            self.settings = settings;
            self.load()
        });
        let capabilities = lsp::ServerCapabilities {
            position_encoding: Some(match self.encoding {
                Encoding::Utf8 => lsp::PositionEncodingKind::UTF8,
                Encoding::Utf16 => lsp::PositionEncodingKind::UTF16,
            }),
            text_document_sync: Some(lsp::TextDocumentSyncCapability::Kind(
                lsp::TextDocumentSyncKind::FULL,
            )),
            hover_provider: Some(lsp::HoverProviderCapability::Simple(true)),
            code_action_provider: Some(lsp::CodeActionProviderCapability::Options(
                lsp::CodeActionOptions {
                    code_action_kinds: Some(vec![lsp::CodeActionKind::QUICKFIX]),
                    ..Default::default()
                },
            )),
            ..Default::default()
        };
        let result = lsp::InitializeResult {
            capabilities,
            server_info: Some(lsp::ServerInfo {
                name: "replyguard".into(),
                version: Some(env!("CARGO_PKG_VERSION").into()),
            }),
        };
        Ok(serde_json::to_value(result).unwrap_or(Value::Null))
    }

    /// Loads packs and config as the settings and command line say.
    fn load(&self) -> Result<Loaded, String> {
        let settings = &self.settings;
        let platform = match &settings.platform {
            Some(name) => Some(name.parse::<Platform>()?),
            None => self.options.platform,
        };
        if settings
            .max_bytes
            .is_some_and(|bytes| bytes > MAX_MAX_BYTES)
        {
            return Err(format!("maxBytes is at most {MAX_MAX_BYTES}"));
        }
        let config = if let Some(path) = &settings.config_path {
            let path = Path::new(path);
            let path = match &self.root {
                Some(root) if path.is_relative() => root.join(path),
                _ => path.to_path_buf(),
            };
            Config::load(&path)
        } else if let Some(path) = &self.options.config {
            Config::load(path)
        } else if self.options.no_config {
            Ok(Config::default())
        } else {
            let start = match &self.root {
                Some(root) => root.clone(),
                None => std::env::current_dir().unwrap_or_else(|_| PathBuf::from(".")),
            };
            Config::discover(&start).map_or(Ok(Config::default()), |path| Config::load(&path))
        }
        .map_err(|error| error.to_string())?;
        let mut options = self.options.load.clone();
        options
            .names
            .extend(settings.names.iter().flatten().cloned());
        let engine = load_engine(&config, &options).map_err(|error| error.to_string())?;
        let platform = platform.or(config.platform).unwrap_or_default();
        Ok(Loaded {
            engine,
            config,
            platform,
        })
    }

    fn max_bytes(&self) -> u64 {
        self.settings.max_bytes.unwrap_or(self.options.max_bytes)
    }

    fn analyze(&self, text: &str) -> Result<Report, String> {
        let loaded = self.loaded.as_ref().map_err(Clone::clone)?;
        let limit = self.max_bytes();
        if text.len() as u64 > limit {
            return Err(format!(
                "it is {} bytes, more than the limit of {limit} (maxBytes)",
                text.len()
            ));
        }
        Ok(loaded.engine.check(text))
    }

    fn publish(&mut self, uri: &lsp::Uri) -> io::Result<()> {
        let Some(document) = self.documents.get(uri) else {
            return Ok(());
        };
        let params = lsp::PublishDiagnosticsParams {
            uri: uri.clone(),
            diagnostics: lsp_diagnostics(uri, document, self.encoding),
            version: document.version,
        };
        self.notify::<lsp::notification::PublishDiagnostics>(params)
    }

    fn did_open(&mut self, params: Value) -> io::Result<Result<(), String>> {
        let params: lsp::DidOpenTextDocumentParams = match serde_json::from_value(params) {
            Ok(params) => params,
            Err(error) => return Ok(Err(error.to_string())),
        };
        let item = params.text_document;
        let analysis = self.analyze(&item.text);
        self.documents.insert(
            item.uri.clone(),
            Document {
                text: item.text,
                version: Some(item.version),
                analysis,
            },
        );
        self.publish(&item.uri).map(Ok)
    }

    fn did_change(&mut self, params: Value) -> io::Result<Result<(), String>> {
        let params: lsp::DidChangeTextDocumentParams = match serde_json::from_value(params) {
            Ok(params) => params,
            Err(error) => return Ok(Err(error.to_string())),
        };
        let uri = params.text_document.uri;
        let encoding = self.encoding;
        let Some(document) = self.documents.get_mut(&uri) else {
            return Ok(Err(format!("{} is not open", uri.as_str())));
        };
        for change in params.content_changes {
            match change.range {
                // The server asks for full text, but a client may still send ranges.
                Some(range) => {
                    let lines = Lines::new(&document.text);
                    let start = lines.offset(range.start, encoding);
                    let end = lines.offset(range.end, encoding).max(start);
                    document.text.replace_range(start..end, &change.text);
                }
                None => document.text = change.text,
            }
        }
        document.version = Some(params.text_document.version);
        let text = std::mem::take(&mut document.text);
        let analysis = self.analyze(&text);
        if let Some(document) = self.documents.get_mut(&uri) {
            document.text = text;
            document.analysis = analysis;
        }
        self.publish(&uri).map(Ok)
    }

    fn did_close(&mut self, params: Value) -> io::Result<Result<(), String>> {
        let params: lsp::DidCloseTextDocumentParams = match serde_json::from_value(params) {
            Ok(params) => params,
            Err(error) => return Ok(Err(error.to_string())),
        };
        let uri = params.text_document.uri;
        self.documents.remove(&uri);
        self.notify::<lsp::notification::PublishDiagnostics>(lsp::PublishDiagnosticsParams {
            uri,
            diagnostics: Vec::new(),
            version: None,
        })
        .map(Ok)
    }

    fn did_change_configuration(&mut self, params: Value) -> io::Result<Result<(), String>> {
        let params: lsp::DidChangeConfigurationParams = match serde_json::from_value(params) {
            Ok(params) => params,
            Err(error) => return Ok(Err(error.to_string())),
        };
        let loaded = Settings::from_value(params.settings).and_then(|newer| {
            let merged = self.settings.merged(newer);
            // Clients send their settings after initialize even when nothing changed;
            // reloading the packs for that would only cost time.
            if merged == self.settings && self.loaded.is_ok() {
                return Ok(None);
            }
            self.settings = merged;
            self.load().map(Some)
        });
        match loaded {
            Ok(None) => return Ok(Ok(())),
            Ok(Some(loaded)) => self.loaded = Ok(loaded),
            Err(reason) => {
                self.show_error(format!("replyguard cannot check documents: {reason}"))?;
                self.loaded = Err(reason);
            }
        }
        let uris: Vec<lsp::Uri> = self.documents.keys().cloned().collect();
        for uri in uris {
            let analysis = match self.documents.get(&uri) {
                Some(document) => self.analyze(&document.text),
                None => continue,
            };
            if let Some(document) = self.documents.get_mut(&uri) {
                document.analysis = analysis;
            }
            self.publish(&uri)?;
        }
        Ok(Ok(()))
    }

    /// A message over [`MAX_MESSAGE_BYTES`] was skipped: when it opened or changed a
    /// document, that document is marked as not checked.
    fn skipped(&mut self, size: usize, head: &str) -> io::Result<()> {
        self.log(&format!(
            "skipped a message of {size} bytes (the limit is {MAX_MESSAGE_BYTES})"
        ));
        let changes_text =
            head.contains("textDocument/didOpen") || head.contains("textDocument/didChange");
        let uri = uri_in(head).and_then(|uri| uri.parse::<lsp::Uri>().ok());
        let (true, Some(uri), true) = (changes_text, uri, self.initialized) else {
            return Ok(());
        };
        self.documents.insert(
            uri.clone(),
            Document {
                text: String::new(),
                version: None,
                analysis: Err(format!(
                    "the message carrying it was {size} bytes, more than the limit of {MAX_MESSAGE_BYTES}"
                )),
            },
        );
        self.publish(&uri)
    }

    fn code_action(&mut self, params: Value) -> Result<Value, RequestError> {
        let params: lsp::CodeActionParams = serde_json::from_value(params)
            .map_err(|error| RequestError::invalid_params("textDocument/codeAction", error))?;
        let uri = params.text_document.uri;
        let (Some(document), Ok(loaded)) = (self.documents.get(&uri), &self.loaded) else {
            return Ok(Value::Array(Vec::new()));
        };
        let Ok(report) = &document.analysis else {
            return Ok(Value::Array(Vec::new()));
        };
        let encoding = self.encoding;
        let text = document.text.as_str();
        let lines = Lines::new(text);
        let diagnostics = lsp_diagnostics(&uri, document, encoding);
        let mut actions = Vec::new();
        let options = RewriteOptions {
            platform: loaded.platform,
            practice: &loaded.config.practice,
            names: &[],
        };
        let rewritten = rewrite::rewrite(&loaded.engine, text, report, &options);
        if rewritten.changed(text) {
            let whole = lsp::Range::new(lsp::Position::new(0, 0), lines.end(encoding));
            actions.push(quick_fix(
                REWRITE_TITLE.to_string(),
                &uri,
                vec![lsp::TextEdit::new(whole, rewritten.text)],
                diagnostics.clone(),
                true,
            ));
        }
        let requested =
            lines.offset(params.range.start, encoding)..lines.offset(params.range.end, encoding);
        let sentences = loaded.engine.sentences(text);
        let mut removals: Vec<(Range<usize>, Vec<lsp::Diagnostic>)> = Vec::new();
        for (finding, diagnostic) in report.diagnostics.iter().zip(&diagnostics) {
            let primary = &finding.primary.range;
            if primary.start > requested.end || requested.start > primary.end {
                continue;
            }
            let Some(sentence) = sentences
                .iter()
                .find(|sentence| sentence.start <= primary.start && primary.start < sentence.end)
            else {
                continue;
            };
            let removal = removal_range(text, sentence);
            match removals.iter_mut().find(|(range, _)| *range == removal) {
                Some((_, attached)) => attached.push(diagnostic.clone()),
                None => removals.push((removal, vec![diagnostic.clone()])),
            }
        }
        let several = removals.len() > 1;
        for (removal, attached) in removals {
            let title = if several {
                format!(
                    "{REMOVE_SENTENCE_TITLE} \"{}\"",
                    excerpt(text[removal.clone()].trim())
                )
            } else {
                REMOVE_SENTENCE_TITLE.to_string()
            };
            let edit = lsp::TextEdit::new(lines.range(&removal, encoding), String::new());
            actions.push(quick_fix(title, &uri, vec![edit], attached, false));
        }
        Ok(serde_json::to_value(actions).unwrap_or(Value::Null))
    }

    fn hover(&mut self, params: Value) -> Result<Value, RequestError> {
        let params: lsp::HoverParams = serde_json::from_value(params)
            .map_err(|error| RequestError::invalid_params("textDocument/hover", error))?;
        let position = params.text_document_position_params;
        let uri = position.text_document.uri;
        let (Some(document), Ok(loaded)) = (self.documents.get(&uri), &self.loaded) else {
            return Ok(Value::Null);
        };
        let Ok(report) = &document.analysis else {
            return Ok(Value::Null);
        };
        let lines = Lines::new(&document.text);
        let offset = lines.offset(position.position, self.encoding);
        let Some(finding) = report
            .diagnostics
            .iter()
            .find(|finding| finding.primary.range.contains(&offset))
        else {
            return Ok(Value::Null);
        };
        let hover = lsp::Hover {
            contents: lsp::HoverContents::Markup(lsp::MarkupContent {
                kind: lsp::MarkupKind::Markdown,
                value: explain_markdown(&loaded.engine, finding),
            }),
            range: Some(lines.range(&finding.primary.range, self.encoding)),
        };
        Ok(serde_json::to_value(hover).unwrap_or(Value::Null))
    }
}

/// The workspace root: the first workspace folder, else `rootUri`, else `rootPath`.
fn workspace_root(params: &lsp::InitializeParams) -> Option<PathBuf> {
    let folder = params
        .workspace_folders
        .as_ref()
        .and_then(|folders| folders.first())
        .and_then(|folder| file_path(&folder.uri));
    #[allow(deprecated)]
    let root_uri = params.root_uri.as_ref().and_then(file_path);
    #[allow(deprecated)]
    let root_path = params.root_path.as_ref().map(PathBuf::from);
    folder.or(root_uri).or(root_path)
}

/// The local path of a `file:` URI (`file:///p`, `file://localhost/p`), percent-decoded.
fn file_path(uri: &lsp::Uri) -> Option<PathBuf> {
    let rest = uri.as_str().strip_prefix("file://")?;
    let path = rest.strip_prefix("localhost").unwrap_or(rest);
    if !path.starts_with('/') {
        return None;
    }
    let bytes = path.as_bytes();
    let mut decoded = Vec::with_capacity(bytes.len());
    let mut index = 0;
    while index < bytes.len() {
        let hex = bytes
            .get(index + 1..index + 3)
            .and_then(|pair| std::str::from_utf8(pair).ok())
            .and_then(|pair| u8::from_str_radix(pair, 16).ok());
        match (bytes[index], hex) {
            (b'%', Some(byte)) => {
                decoded.push(byte);
                index += 3;
            }
            (byte, _) => {
                decoded.push(byte);
                index += 1;
            }
        }
    }
    String::from_utf8(decoded).ok().map(PathBuf::from)
}

/// The `"uri"` value in the start of a skipped message, if it shows one.
fn uri_in(head: &str) -> Option<String> {
    let after = &head[head.find("\"uri\"")? + 5..];
    let after = after.trim_start().strip_prefix(':')?.trim_start();
    let value = after.strip_prefix('"')?;
    let end = value.find('"')?;
    let uri = &value[..end];
    (!uri.contains('\\')).then(|| uri.to_string())
}

/// The diagnostics of a document: its findings, or one error saying it was not checked.
fn lsp_diagnostics(
    uri: &lsp::Uri,
    document: &Document,
    encoding: Encoding,
) -> Vec<lsp::Diagnostic> {
    let report = match &document.analysis {
        Ok(report) => report,
        Err(reason) => {
            return vec![lsp::Diagnostic {
                range: lsp::Range::default(),
                severity: Some(lsp::DiagnosticSeverity::ERROR),
                code: Some(lsp::NumberOrString::String(NOT_CHECKED_CODE.into())),
                source: Some("replyguard".into()),
                message: format!("replyguard did not check this document: {reason}"),
                ..Default::default()
            }];
        }
    };
    let lines = Lines::new(&document.text);
    report
        .diagnostics
        .iter()
        .map(|finding| lsp_diagnostic(uri, &lines, finding, encoding))
        .collect()
}

fn lsp_diagnostic(
    uri: &lsp::Uri,
    lines: &Lines<'_>,
    finding: &Finding,
    encoding: Encoding,
) -> lsp::Diagnostic {
    let related = finding.identity.as_ref().map(|identity| {
        vec![lsp::DiagnosticRelatedInformation {
            location: lsp::Location::new(uri.clone(), lines.range(&identity.span.range, encoding)),
            message: identity_label(identity.kind).to_string(),
        }]
    });
    lsp::Diagnostic {
        range: lines.range(&finding.primary.range, encoding),
        severity: Some(match finding.level {
            Level::Error => lsp::DiagnosticSeverity::ERROR,
            Level::Warning => lsp::DiagnosticSeverity::WARNING,
            Level::Info => lsp::DiagnosticSeverity::INFORMATION,
        }),
        code: Some(lsp::NumberOrString::String(finding.rule.clone())),
        source: Some("replyguard".into()),
        message: finding.message.clone(),
        related_information: related,
        ..Default::default()
    }
}

// `WorkspaceEdit` keys its changes by `Uri`, whose hash is its text and never changes.
#[allow(clippy::mutable_key_type)]
fn quick_fix(
    title: String,
    uri: &lsp::Uri,
    edits: Vec<lsp::TextEdit>,
    diagnostics: Vec<lsp::Diagnostic>,
    preferred: bool,
) -> lsp::CodeActionOrCommand {
    let changes = HashMap::from([(uri.clone(), edits)]);
    lsp::CodeActionOrCommand::CodeAction(lsp::CodeAction {
        title,
        kind: Some(lsp::CodeActionKind::QUICKFIX),
        diagnostics: Some(diagnostics),
        edit: Some(lsp::WorkspaceEdit::new(changes)),
        is_preferred: preferred.then_some(true),
        ..Default::default()
    })
}

/// The sentence with the blanks that separate it from the next one on its line, or
/// from the previous one when it ends the line, so no double space is left behind.
fn removal_range(text: &str, sentence: &Range<usize>) -> Range<usize> {
    let is_blank = |c: char| c == ' ' || c == '\t';
    let after = &text[sentence.end..];
    let trailing = after.len() - after.trim_start_matches(is_blank).len();
    let next = after[trailing..].chars().next();
    if trailing > 0 && next.is_some_and(|c| c != '\n' && c != '\r') {
        return sentence.start..sentence.end + trailing;
    }
    let before = &text[..sentence.start];
    let leading = before.len() - before.trim_end_matches(is_blank).len();
    let previous = before[..before.len() - leading].chars().next_back();
    if leading > 0 && previous.is_some_and(|c| c != '\n' && c != '\r') {
        return sentence.start - leading..sentence.end + trailing;
    }
    sentence.start..sentence.end + trailing
}

/// The first words of a sentence, for telling removal actions apart.
fn excerpt(sentence: &str) -> String {
    const WIDTH: usize = 40;
    if sentence.chars().count() <= WIDTH {
        return sentence.to_string();
    }
    let cut: String = sentence.chars().take(WIDTH).collect();
    format!("{}…", cut.trim_end())
}

/// What `replyguard explain` says about the finding's rule, as Markdown.
fn explain_markdown(engine: &Engine, finding: &Finding) -> String {
    let mut out = format!(
        "**{}** `{}` ({})\n\n{}\n",
        finding.rule, finding.name, finding.level, finding.message
    );
    if let Some(loaded) = engine.rule(&finding.rule) {
        let rule = &loaded.rule;
        out.push('\n');
        out.push_str(rule.explain.trim());
        out.push('\n');
        for (heading, examples) in [
            ("Flagged", &rule.examples.flag),
            ("Passes", &rule.examples.pass),
        ] {
            if !examples.is_empty() {
                out.push_str(&format!("\n{heading}:\n"));
                for example in examples {
                    out.push_str(&format!("- {example}\n"));
                }
            }
        }
    }
    if let Some(category) = finding.sensitive {
        out.push_str(&format!("\n*{category}:* {}\n", category.why()));
    }
    if !finding.help.is_empty() {
        out.push_str(&format!("\n**What to write instead:** {}\n", finding.help));
    }
    out
}

/// One message read from the stream.
enum Frame {
    /// The stream ended between messages.
    End,
    /// A message body.
    Body(Vec<u8>),
    /// A body over [`MAX_MESSAGE_BYTES`], skipped; `head` is its start and end, for the uri.
    Skipped { size: usize, head: String },
}

/// Reads one `Content-Length` framed message. A header that is not `Name: value` or
/// lacks a length is an error; the body is read whole, whatever it holds. With
/// `resync`, after such an error, lines are skipped until one that starts a header.
fn read_frame(input: &mut dyn BufRead, resync: bool) -> io::Result<Frame> {
    let invalid = |message: String| io::Error::new(io::ErrorKind::InvalidData, message);
    let mut length = None;
    let mut line = Vec::new();
    let mut first = true;
    let mut skipping = resync;
    loop {
        line.clear();
        // A header line longer than this is not a header.
        let read = (&mut *input).take(8192).read_until(b'\n', &mut line)?;
        if read == 0 {
            if first || skipping {
                return Ok(Frame::End);
            }
            return Err(invalid("the stream ended inside a header".into()));
        }
        let text = String::from_utf8_lossy(&line);
        let text = text.trim_end_matches(['\r', '\n']);
        // A header name is a token ("Content-Length"); a JSON body sent without a
        // header is not mistaken for one.
        let header = text.split_once(':').filter(|(name, _)| {
            !name.is_empty()
                && name
                    .bytes()
                    .all(|byte| byte.is_ascii_alphanumeric() || byte == b'-')
        });
        let content_length = header
            .filter(|(name, _)| name.trim().eq_ignore_ascii_case("content-length"))
            .map(|(_, value)| value.trim());
        if skipping {
            if content_length.is_none() {
                continue;
            }
            skipping = false;
        }
        first = false;
        if text.is_empty() {
            break;
        }
        if header.is_none() {
            return Err(invalid(format!("malformed header {text:?}")));
        }
        if let Some(value) = content_length {
            length = Some(
                value
                    .parse::<usize>()
                    .map_err(|_| invalid(format!("bad Content-Length {value:?}")))?,
            );
        }
    }
    let length = length.ok_or_else(|| invalid("a message without Content-Length".into()))?;
    if length > MAX_MESSAGE_BYTES {
        // Keep the first and last few kilobytes: the document's uri is in one of them,
        // whatever order the client wrote the keys in.
        const KEEP: usize = 4096;
        let mut head = Vec::new();
        (&mut *input).take(KEEP as u64).read_to_end(&mut head)?;
        let mut remaining = length - head.len();
        let mut tail = Vec::new();
        let mut chunk = vec![0; 1 << 16];
        while remaining > 0 {
            let wanted = remaining.min(chunk.len());
            let read = input.read(&mut chunk[..wanted])?;
            if read == 0 {
                return Err(invalid("the stream ended inside a message".into()));
            }
            remaining -= read;
            tail.extend_from_slice(&chunk[..read]);
            if tail.len() > 2 * KEEP {
                tail.drain(..tail.len() - KEEP);
            }
        }
        head.push(b'\n');
        head.extend_from_slice(&tail);
        return Ok(Frame::Skipped {
            size: length,
            head: String::from_utf8_lossy(&head).into_owned(),
        });
    }
    let mut body = vec![0; length];
    input.read_exact(&mut body)?;
    Ok(Frame::Body(body))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Converts `offset` of `text` to a position and back in both encodings.
    fn check(text: &str, offset: usize, utf16: (u32, u32), utf8: (u32, u32)) {
        let lines = Lines::new(text);
        for (encoding, expected) in [(Encoding::Utf16, utf16), (Encoding::Utf8, utf8)] {
            let position = lines.position(offset, encoding);
            assert_eq!(
                (position.line, position.character),
                expected,
                "{text:?} @ {offset}"
            );
            assert_eq!(
                lines.offset(position, encoding),
                offset,
                "{text:?} @ {offset}"
            );
        }
    }

    #[test]
    fn positions_in_both_encodings() {
        check("abc", 2, (0, 2), (0, 2));
        check("a\r\nb", 3, (1, 0), (1, 0));
        check("a\rb", 2, (1, 0), (1, 0));
        // "😀" is two UTF-16 units and four bytes; "é" one unit and two bytes.
        check("😀 é x", 8, (0, 5), (0, 8));
        check("x\n😀 your", 7, (1, 3), (1, 5));
    }

    #[test]
    fn positions_past_the_end_clamp() {
        let lines = Lines::new("ab\ncd");
        assert_eq!(lines.offset(lsp::Position::new(0, 99), Encoding::Utf16), 2);
        assert_eq!(lines.offset(lsp::Position::new(9, 0), Encoding::Utf16), 5);
        // Inside a surrogate pair is the start of the character.
        let lines = Lines::new("😀x");
        assert_eq!(lines.offset(lsp::Position::new(0, 1), Encoding::Utf16), 0);
    }

    #[test]
    fn removal_takes_the_separating_blanks() {
        let text = "Hi Jen. Your crown is in. Bye.";
        assert_eq!(&text[removal_range(text, &(8..25))], "Your crown is in. ");
        assert_eq!(&text[removal_range(text, &(26..30))], " Bye.");
        let text = "Hi.\nYour crown.\nBye.";
        assert_eq!(&text[removal_range(text, &(4..15))], "Your crown.");
    }

    #[test]
    fn file_uris_become_paths() {
        let uri = |text: &str| text.parse::<lsp::Uri>().unwrap();
        assert_eq!(
            file_path(&uri("file:///tmp/a%20b")),
            Some(PathBuf::from("/tmp/a b"))
        );
        assert_eq!(
            file_path(&uri("file://localhost/x")),
            Some(PathBuf::from("/x"))
        );
        assert_eq!(file_path(&uri("untitled:Untitled-1")), None);
    }

    #[test]
    fn settings_merge_and_reject_unknown_keys() {
        let first = Settings::from_value(serde_json::json!({"platform": "yelp"})).unwrap();
        let nested =
            Settings::from_value(serde_json::json!({"replyguard": {"names": ["Jen"]}})).unwrap();
        let merged = first.merged(nested);
        assert_eq!(merged.platform.as_deref(), Some("yelp"));
        assert_eq!(merged.names, Some(vec!["Jen".to_string()]));
        let error = Settings::from_value(serde_json::json!({"platfrom": "x"})).unwrap_err();
        assert!(error.contains("unknown field `platfrom`"), "{error}");
    }

    #[test]
    fn frames_and_skipped_uris() {
        let mut input = &b"Content-Length: 2\r\n\r\n{}Content-Length: 1\r\n"[..];
        assert!(matches!(read_frame(&mut input, false), Ok(Frame::Body(body)) if body == b"{}"));
        assert!(read_frame(&mut input, false).is_err());
        assert!(matches!(read_frame(&mut &b""[..], false), Ok(Frame::End)));
        let mut input = &b"{\"x\": 1}\r\nContent-Length: 2\r\n\r\n[]"[..];
        assert!(read_frame(&mut input, false).is_err());
        assert!(matches!(read_frame(&mut input, true), Ok(Frame::Body(body)) if body == b"[]"));
        assert_eq!(
            uri_in(r#"{"params":{"textDocument":{"uri" : "file:///a.txt","text":"#).as_deref(),
            Some("file:///a.txt")
        );
    }
}
