//! The server: the message loop, its state and the client's settings.
//!
//! Owns the session: the initialize handshake and position-encoding negotiation, the
//! open documents and what checking each gave, the engine loaded from the command
//! line's options and the client's settings (`initializationOptions`,
//! `workspace/didChangeConfiguration`), and dispatching each request and notification.
//! It does not frame bytes (`framing`), count positions (`positions`) or build
//! protocol values from reports (`convert`), and it owns no detection: documents go
//! through [`Engine::check`] and the rewrite action through [`rewrite::rewrite`].

use std::collections::HashMap;
use std::io::{self, BufRead, Write};
use std::path::{Path, PathBuf};

use lsp_server::{ErrorCode, Message, Notification, Request, Response};
use lsp_types as lsp;
use serde::Deserialize;
use serde_json::Value;

use super::convert;
use super::framing::{self, read_frame, uri_in, Frame, MAX_MESSAGE_BYTES};
use super::positions::{Encoding, Lines};
use crate::config::Platform;
use crate::engine::{Engine, Report};
use crate::input::MAX_MAX_BYTES;
use crate::render;
use crate::rewrite;
use crate::settings::{ConfigFile, Options, Settings};

/// Client settings, from `initializationOptions` or `workspace/didChangeConfiguration`
/// (either the object itself or under a `replyguard` key). A key left out keeps its
/// value; an unknown key is an error, as in the config file.
#[derive(Clone, Debug, Default, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
struct ClientSettings {
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

impl ClientSettings {
    /// Reads settings from a client value; `null` is no settings.
    fn from_value(value: Value) -> Result<ClientSettings, String> {
        let value = match value {
            Value::Object(mut map) if map.contains_key("replyguard") => {
                map.remove("replyguard").unwrap_or(Value::Null)
            }
            other => other,
        };
        if value.is_null() {
            return Ok(ClientSettings::default());
        }
        serde_json::from_value(value).map_err(|error| format!("invalid settings: {error}"))
    }

    /// These settings with every key given in `newer` replaced.
    fn merged(&self, newer: ClientSettings) -> ClientSettings {
        ClientSettings {
            config_path: newer.config_path.or_else(|| self.config_path.clone()),
            platform: newer.platform.or_else(|| self.platform.clone()),
            names: newer.names.or_else(|| self.names.clone()),
            max_bytes: newer.max_bytes.or(self.max_bytes),
        }
    }
}

/// The loaded engine with the settings it was loaded with.
struct Loaded {
    engine: Engine,
    settings: Settings,
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

pub(super) struct Server<'a> {
    output: &'a mut dyn Write,
    log: &'a mut dyn Write,
    options: Options,
    settings: ClientSettings,
    root: Option<PathBuf>,
    encoding: Encoding,
    loaded: Result<Loaded, String>,
    documents: HashMap<lsp::Uri, Document>,
    initialized: bool,
    shutting_down: bool,
}

impl<'a> Server<'a> {
    pub(super) fn new(output: &'a mut dyn Write, log: &'a mut dyn Write, options: Options) -> Self {
        Server {
            output,
            log,
            options,
            settings: ClientSettings::default(),
            root: None,
            encoding: Encoding::Utf16,
            loaded: Err("the server is not initialized".into()),
            documents: HashMap::new(),
            initialized: false,
            shutting_down: false,
        }
    }

    /// Reads and handles messages until `exit` or the end of `input`. Returns whether
    /// the session ended cleanly; `Err` only when the output fails.
    pub(super) fn run(&mut self, input: &mut dyn BufRead) -> io::Result<bool> {
        let mut resync = false;
        loop {
            let frame = match read_frame(input, resync) {
                Ok(frame) => frame,
                Err(error) if error.kind() == io::ErrorKind::InvalidData => {
                    // The body size is unknown: answer, then look for the next header.
                    self.log(&format!("malformed message header: {error}"));
                    self.send_error(
                        Value::Null,
                        ErrorCode::ParseError,
                        format!("malformed message header: {error}"),
                    )?;
                    resync = true;
                    continue;
                }
                Err(error) => {
                    self.log(&format!("cannot read a message: {error}; stopping"));
                    return Ok(false);
                }
            };
            resync = false;
            let body = match frame {
                Frame::End => return Ok(false),
                Frame::Skipped { size, head } => {
                    self.skipped(size, &head)?;
                    continue;
                }
                Frame::Body(body) => body,
            };
            let value: Value = match serde_json::from_slice(&body) {
                Ok(value) => value,
                Err(error) => {
                    self.log(&format!("malformed message: {error}"));
                    self.send_error(
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
                    self.log(&format!("invalid message: {error}"));
                    self.send_error(
                        id,
                        ErrorCode::InvalidRequest,
                        format!("invalid request: {error}"),
                    )?;
                    continue;
                }
            };
            if let Flow::Exit(clean) = self.handle(message)? {
                return Ok(clean);
            }
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
        framing::write_frame(&mut self.output, &text)
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
        self.root = convert::workspace_root(&params);
        self.initialized = true;
        let settings = params
            .initialization_options
            .map_or(Ok(ClientSettings::default()), ClientSettings::from_value);
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

    /// Loads packs and config as the client's settings and the command line say: the
    /// client's settings are laid over the command line's options, then resolved like
    /// the command line's own.
    fn load(&self) -> Result<Loaded, String> {
        let client = &self.settings;
        let mut options = self.options.clone();
        if let Some(name) = &client.platform {
            options.platform = Some(name.parse::<Platform>()?);
        }
        if let Some(bytes) = client.max_bytes {
            if bytes > MAX_MAX_BYTES {
                return Err(format!("maxBytes is at most {MAX_MAX_BYTES}"));
            }
            options.max_bytes = bytes;
        }
        if let Some(path) = &client.config_path {
            let path = Path::new(path);
            options.config = ConfigFile::Path(match &self.root {
                Some(root) if path.is_relative() => root.join(path),
                _ => path.to_path_buf(),
            });
        }
        options.names.extend(client.names.iter().flatten().cloned());
        // A config file is looked for from the workspace, else from where the server runs.
        let start = match &self.root {
            Some(root) => root.clone(),
            None => std::env::current_dir().unwrap_or_else(|_| PathBuf::from(".")),
        };
        let settings = options
            .resolve(Some(&start))
            .map_err(|error| error.to_string())?;
        let engine = settings.load_engine().map_err(|error| error.to_string())?;
        Ok(Loaded { engine, settings })
    }

    fn analyze(&self, text: &str) -> Result<Report, String> {
        let loaded = self.loaded.as_ref().map_err(Clone::clone)?;
        let limit = loaded.settings.max_bytes;
        if text.len() as u64 > limit {
            return Err(format!(
                "it is {} bytes, more than the limit of {limit} (maxBytes)",
                text.len()
            ));
        }
        Ok(loaded
            .engine
            .check(&loaded.settings.reply(text.to_string())))
    }

    fn publish(&mut self, uri: &lsp::Uri) -> io::Result<()> {
        let Some(document) = self.documents.get(uri) else {
            return Ok(());
        };
        let params = lsp::PublishDiagnosticsParams {
            uri: uri.clone(),
            diagnostics: convert::diagnostics(
                uri,
                &document.text,
                &document.analysis,
                self.encoding,
            ),
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
        let loaded = ClientSettings::from_value(params.settings).and_then(|newer| {
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
        let text = document.text.as_str();
        let options = loaded.settings.rewrite_options();
        let reply = loaded.settings.reply(text.to_string());
        let rewritten = rewrite::rewrite(&loaded.engine, &reply, report, &options);
        let sentences = &report.anatomy.sentences;
        let actions = convert::code_actions(
            &uri,
            text,
            report,
            rewritten,
            sentences,
            params.range,
            self.encoding,
        );
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
        let hover = convert::hover(
            &document.text,
            report,
            position.position,
            self.encoding,
            |finding| render::explain_finding(finding, loaded.engine.rule(&finding.rule)),
        );
        Ok(hover.map_or(Value::Null, |hover| {
            serde_json::to_value(hover).unwrap_or(Value::Null)
        }))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn settings_merge_and_reject_unknown_keys() {
        let first = ClientSettings::from_value(serde_json::json!({"platform": "yelp"})).unwrap();
        let nested =
            ClientSettings::from_value(serde_json::json!({"replyguard": {"names": ["Jen"]}}))
                .unwrap();
        let merged = first.merged(nested);
        assert_eq!(merged.platform.as_deref(), Some("yelp"));
        assert_eq!(merged.names, Some(vec!["Jen".to_string()]));
        let error = ClientSettings::from_value(serde_json::json!({"platfrom": "x"})).unwrap_err();
        assert!(error.contains("unknown field `platfrom`"), "{error}");
    }
}
