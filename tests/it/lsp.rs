//! `replyguard lsp`: spawn the server and speak JSON-RPC to it, as an editor would.

use std::io::{BufRead, BufReader, Write};
use std::path::Path;
use std::process::{Child, ChildStdin, Command, Stdio};
use std::sync::mpsc::{self, Receiver};
use std::time::Duration;

use serde_json::{json, Value};

use crate::util::{root, run_in, Sandbox};

/// How long any one answer may take before the test fails instead of hanging. Generous:
/// a debug build loads the packs in about a second, slower while other tests run.
const TIMEOUT: Duration = Duration::from_secs(60);

/// A running `replyguard lsp` and the messages it has sent that no one read yet.
struct Server {
    child: Child,
    stdin: Option<ChildStdin>,
    messages: Receiver<Value>,
    unread: Vec<Value>,
    next_id: i64,
}

impl Server {
    fn start(dir: &Path) -> Server {
        let mut child = Command::new(env!("CARGO_BIN_EXE_replyguard"))
            .arg("lsp")
            .current_dir(dir)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .expect("spawn replyguard lsp");
        let stdout = child.stdout.take().expect("stdout");
        let (sender, messages) = mpsc::channel();
        std::thread::spawn(move || {
            let mut reader = BufReader::new(stdout);
            while let Some(message) = read_message(&mut reader) {
                if sender.send(message).is_err() {
                    break;
                }
            }
        });
        Server {
            stdin: child.stdin.take(),
            child,
            messages,
            unread: Vec::new(),
            next_id: 1,
        }
    }

    /// Starts a server and initializes it with `capabilities` and `options`.
    fn initialized(dir: &Path, capabilities: Value, options: Value) -> (Server, Value) {
        let mut server = Server::start(dir);
        let response = server.request(
            "initialize",
            json!({
                "processId": null,
                "rootUri": file_uri(dir),
                "capabilities": capabilities,
                "initializationOptions": options,
            }),
        );
        server.notify("initialized", json!({}));
        let result = response["result"].clone();
        assert!(result.is_object(), "initialize failed: {response}");
        (server, result)
    }

    fn send_bytes(&mut self, bytes: &[u8]) {
        let stdin = self.stdin.as_mut().expect("stdin open");
        stdin.write_all(bytes).expect("write to server");
        stdin.flush().expect("flush");
    }

    fn send(&mut self, message: Value) {
        let body = message.to_string();
        let mut framed = format!("Content-Length: {}\r\n\r\n", body.len()).into_bytes();
        framed.extend_from_slice(body.as_bytes());
        self.send_bytes(&framed);
    }

    fn notify(&mut self, method: &str, params: Value) {
        self.send(json!({"jsonrpc": "2.0", "method": method, "params": params}));
    }

    /// Sends a request and returns the whole response (result or error).
    fn request(&mut self, method: &str, params: Value) -> Value {
        let id = self.next_id;
        self.next_id += 1;
        self.send(json!({"jsonrpc": "2.0", "id": id, "method": method, "params": params}));
        self.response(json!(id))
    }

    /// The response with this id; notifications that come first are kept for later.
    fn response(&mut self, id: Value) -> Value {
        loop {
            let message = self.receive();
            if message.get("method").is_none() && message["id"] == id {
                return message;
            }
            self.unread.push(message);
        }
    }

    /// The params of the next notification `method`, read or unread.
    fn notification(&mut self, method: &str) -> Value {
        if let Some(index) = self.unread.iter().position(|m| m["method"] == method) {
            return self.unread.remove(index)["params"].clone();
        }
        loop {
            let message = self.receive();
            if message["method"] == method {
                return message["params"].clone();
            }
            self.unread.push(message);
        }
    }

    fn receive(&mut self) -> Value {
        self.messages
            .recv_timeout(TIMEOUT)
            .unwrap_or_else(|_| panic!("the server sent nothing for {TIMEOUT:?}"))
    }

    /// Opens a document and returns the diagnostics published for it.
    fn open(&mut self, uri: &str, text: &str) -> Vec<Value> {
        self.notify(
            "textDocument/didOpen",
            json!({"textDocument": {"uri": uri, "languageId": "text", "version": 1, "text": text}}),
        );
        let params = self.notification("textDocument/publishDiagnostics");
        assert_eq!(params["uri"], uri);
        params["diagnostics"]
            .as_array()
            .expect("diagnostics array")
            .clone()
    }

    fn code_actions(&mut self, uri: &str, range: Value) -> Vec<Value> {
        let response = self.request(
            "textDocument/codeAction",
            json!({"textDocument": {"uri": uri}, "range": range, "context": {"diagnostics": []}}),
        );
        response["result"]
            .as_array()
            .unwrap_or_else(|| panic!("code actions: {response}"))
            .clone()
    }

    /// `shutdown`, then `exit`; returns the exit code.
    fn shut_down(mut self) -> i32 {
        let response = self.request("shutdown", Value::Null);
        assert_eq!(response["result"], Value::Null, "{response}");
        assert!(response.get("error").is_none(), "{response}");
        self.notify("exit", Value::Null);
        self.wait()
    }

    /// Closes stdin and waits for the process, failing after the timeout.
    fn wait(&mut self) -> i32 {
        drop(self.stdin.take());
        let deadline = std::time::Instant::now() + TIMEOUT;
        loop {
            if let Some(status) = self.child.try_wait().expect("wait") {
                return status.code().unwrap_or(-1);
            }
            assert!(
                std::time::Instant::now() < deadline,
                "the server did not exit"
            );
            std::thread::sleep(Duration::from_millis(20));
        }
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn read_message(reader: &mut impl BufRead) -> Option<Value> {
    let mut length = None;
    loop {
        let mut line = String::new();
        if reader.read_line(&mut line).ok()? == 0 {
            return None;
        }
        let line = line.trim_end();
        if line.is_empty() {
            break;
        }
        if let Some((name, value)) = line.split_once(':') {
            if name.eq_ignore_ascii_case("content-length") {
                length = value.trim().parse::<usize>().ok();
            }
        }
    }
    let mut body = vec![0; length?];
    reader.read_exact(&mut body).ok()?;
    serde_json::from_slice(&body).ok()
}

fn file_uri(path: &Path) -> String {
    format!("file://{}", path.display())
}

/// A character column in `encoding` ("utf-8" or "utf-16") of byte `offset` on its line.
fn column(text: &str, offset: usize, encoding: &str) -> u64 {
    let line_start = text[..offset].rfind('\n').map_or(0, |at| at + 1);
    let before = &text[line_start..offset];
    match encoding {
        "utf-8" => before.len() as u64,
        _ => before.encode_utf16().count() as u64,
    }
}

/// The byte offset of an LSP position in `text` (line breaks are `\n` here).
fn offset(text: &str, position: &Value, encoding: &str) -> usize {
    let line = position["line"].as_u64().expect("line") as usize;
    let character = position["character"].as_u64().expect("character") as usize;
    let mut start = 0;
    for _ in 0..line {
        match text[start..].find('\n') {
            Some(at) => start += at + 1,
            None => return text.len(),
        }
    }
    let end = text[start..].find('\n').map_or(text.len(), |at| start + at);
    let mut units = 0;
    for (index, c) in text[start..end].char_indices() {
        if units >= character {
            return start + index;
        }
        units += if encoding == "utf-8" {
            c.len_utf8()
        } else {
            c.len_utf16()
        };
    }
    end
}

/// Applies a code action's workspace edit for `uri` to `text`.
fn apply(text: &str, action: &Value, uri: &str, encoding: &str) -> String {
    let edits = action["edit"]["changes"][uri]
        .as_array()
        .unwrap_or_else(|| panic!("no edits for {uri}: {action}"));
    let mut ranges: Vec<(usize, usize, &str)> = edits
        .iter()
        .map(|edit| {
            (
                offset(text, &edit["range"]["start"], encoding),
                offset(text, &edit["range"]["end"], encoding),
                edit["newText"].as_str().expect("newText"),
            )
        })
        .collect();
    ranges.sort_by_key(|&(start, _, _)| std::cmp::Reverse(start));
    let mut result = text.to_string();
    for (start, end, new_text) in ranges {
        result.replace_range(start..end, new_text);
    }
    result
}

fn whole_document() -> Value {
    json!({"start": {"line": 0, "character": 0}, "end": {"line": 9999, "character": 0}})
}

const UTF8_CLIENT: &str = r#"{"general": {"positionEncodings": ["utf-8", "utf-16"]}}"#;

#[test]
fn initialize_negotiates_utf16_by_default_and_utf8_when_offered() {
    let sandbox = Sandbox::new();
    let (server, result) = Server::initialized(sandbox.path(), json!({}), Value::Null);
    assert_eq!(result["capabilities"]["positionEncoding"], "utf-16");
    assert_eq!(result["capabilities"]["textDocumentSync"], 1, "full sync");
    assert_eq!(result["capabilities"]["hoverProvider"], true);
    assert_eq!(result["serverInfo"]["name"], "replyguard");
    assert_eq!(server.shut_down(), 0);

    let capabilities: Value = serde_json::from_str(UTF8_CLIENT).unwrap();
    let (server, result) = Server::initialized(sandbox.path(), capabilities, Value::Null);
    assert_eq!(result["capabilities"]["positionEncoding"], "utf-8");
    assert_eq!(server.shut_down(), 0);

    let utf16_only = json!({"general": {"positionEncodings": ["utf-16"]}});
    let (server, result) = Server::initialized(sandbox.path(), utf16_only, Value::Null);
    assert_eq!(result["capabilities"]["positionEncoding"], "utf-16");
    assert_eq!(server.shut_down(), 0);
}

#[test]
fn diagnostic_positions_count_in_the_negotiated_encoding() {
    // Emoji (4 bytes, 2 UTF-16 units) and accented letters (2 bytes, 1 unit) before the
    // finding, on its line and on the line before.
    let text = "Zoë’s team 😀🎉\nMerci Zoë 😀! Hi Jen, your root canal healed nicely.\n";
    let finding = text.find("root canal").unwrap();
    let identity = text.find("your").unwrap();
    let sandbox = Sandbox::new();
    let uri = "file:///tmp/emoji-reply.txt";
    let mut columns = Vec::new();
    for encoding in ["utf-16", "utf-8"] {
        let capabilities = if encoding == "utf-8" {
            serde_json::from_str(UTF8_CLIENT).unwrap()
        } else {
            json!({})
        };
        let (mut server, result) = Server::initialized(sandbox.path(), capabilities, Value::Null);
        assert_eq!(result["capabilities"]["positionEncoding"], encoding);
        let diagnostics = server.open(uri, text);
        let diagnostic = diagnostics
            .iter()
            .find(|d| d["code"] == "RG101")
            .unwrap_or_else(|| panic!("no RG101 in {diagnostics:?}"));
        let range = &diagnostic["range"];
        assert_eq!(range["start"]["line"], 1);
        assert_eq!(range["start"]["character"], column(text, finding, encoding));
        assert_eq!(
            range["end"]["character"],
            column(text, finding + "root canal".len(), encoding)
        );
        assert_eq!(diagnostic["severity"], 1);
        assert_eq!(diagnostic["source"], "replyguard");
        assert!(diagnostic["message"]
            .as_str()
            .unwrap()
            .contains("\"root canal\""));
        let related = &diagnostic["relatedInformation"][0];
        assert_eq!(related["message"], "addressed to this person");
        assert_eq!(related["location"]["uri"], uri);
        assert_eq!(
            related["location"]["range"]["start"]["character"],
            column(text, identity, encoding)
        );
        columns.push(range["start"]["character"].clone());
        assert_eq!(server.shut_down(), 0);
    }
    // The same finding, different columns: the encoding really was applied.
    assert_eq!(columns, [json!(27), json!(30)]);
}

#[test]
fn rewrite_action_gives_the_fix_output() {
    let sandbox = Sandbox::new();
    for encoding in ["utf-16", "utf-8"] {
        let capabilities = if encoding == "utf-8" {
            serde_json::from_str(UTF8_CLIENT).unwrap()
        } else {
            json!({})
        };
        let (mut server, _) =
            Server::initialized(sandbox.path(), capabilities, json!({"platform": "yelp"}));
        let mut fixtures: Vec<_> = std::fs::read_dir(root().join("fixtures/replies"))
            .expect("fixtures")
            .map(|entry| entry.expect("entry").path())
            .collect();
        fixtures.sort();
        let mut rewritten = 0;
        for path in fixtures {
            let text = std::fs::read_to_string(&path).expect("fixture");
            // Emoji before the draft check the edit's range in this encoding too.
            let text = format!("😀 {text}");
            let file = sandbox.write("draft.txt", &text);
            let fix = run_in(
                sandbox.path(),
                &["fix", "--platform", "yelp", file.to_str().unwrap()],
                b"",
            );
            assert_eq!(fix.code, 0, "{}", fix.stderr);
            let uri = format!(
                "file:///tmp/{}",
                path.file_name().unwrap().to_string_lossy()
            );
            let diagnostics = server.open(&uri, &text);
            let actions = server.code_actions(&uri, whole_document());
            let rewrite = actions.iter().find(|action| {
                action["title"] == "Rewrite reply for public posting (replyguard fix)"
            });
            match rewrite {
                Some(action) => {
                    rewritten += 1;
                    assert_eq!(action["kind"], "quickfix");
                    assert_eq!(action["isPreferred"], true);
                    assert_eq!(apply(&text, action, &uri, encoding), fix.stdout, "{path:?}");
                }
                None => {
                    assert_eq!(
                        fix.stdout, text,
                        "{path:?}: fix changes it, no action offered"
                    );
                    assert!(diagnostics.iter().all(|d| d["severity"] != 1), "{path:?}");
                }
            }
        }
        assert!(
            rewritten >= 4,
            "only {rewritten} fixtures had a rewrite action"
        );
        assert_eq!(server.shut_down(), 0);
    }
}

#[test]
fn remove_sentence_action_deletes_only_the_leaking_sentence() {
    let sandbox = Sandbox::new();
    let (mut server, _) = Server::initialized(sandbox.path(), json!({}), Value::Null);
    let uri = "file:///tmp/remove.txt";
    let text =
        "Hi Jen 😀, thanks for the review. Your Delta Dental plan covered it. See you soon!\n";
    let diagnostics = server.open(uri, text);
    let diagnostic = diagnostics
        .iter()
        .find(|d| d["code"] == "RG103")
        .unwrap_or_else(|| panic!("no RG103 in {diagnostics:?}"));
    let actions = server.code_actions(uri, diagnostic["range"].clone());
    let remove = actions
        .iter()
        .find(|action| action["title"] == "Remove the leaking sentence")
        .unwrap_or_else(|| panic!("no removal in {actions:?}"));
    assert_eq!(remove["diagnostics"][0]["code"], "RG103");
    assert_eq!(
        apply(text, remove, uri, "utf-16"),
        "Hi Jen 😀, thanks for the review. See you soon!\n"
    );
    assert_eq!(server.shut_down(), 0);
}

#[test]
fn hover_on_a_finding_shows_the_rule_explanation() {
    let sandbox = Sandbox::new();
    let (mut server, _) = Server::initialized(sandbox.path(), json!({}), Value::Null);
    let uri = "file:///tmp/hover.txt";
    let text = "Hi Jen 😀, your root canal healed nicely!";
    server.open(uri, text);
    let inside = column(text, text.find("canal").unwrap(), "utf-16");
    let response = server.request(
        "textDocument/hover",
        json!({"textDocument": {"uri": uri}, "position": {"line": 0, "character": inside}}),
    );
    let hover = &response["result"];
    assert_eq!(hover["contents"]["kind"], "markdown");
    let value = hover["contents"]["value"].as_str().expect("hover text");
    assert!(value.contains("RG101"), "{value}");
    let explain = run_in(sandbox.path(), &["explain", "RG101"], b"");
    let first_line = explain
        .stdout
        .lines()
        .nth(2)
        .expect("the explanation's first line");
    assert!(!first_line.is_empty());
    assert!(value.contains(first_line), "{first_line:?} not in {value}");
    assert_eq!(
        hover["range"]["start"]["character"],
        column(text, text.find("root canal").unwrap(), "utf-16")
    );
    let outside = server.request(
        "textDocument/hover",
        json!({"textDocument": {"uri": uri}, "position": {"line": 0, "character": 1}}),
    );
    assert_eq!(outside["result"], Value::Null);
    assert_eq!(server.shut_down(), 0);
}

#[test]
fn unknown_method_is_method_not_found() {
    let sandbox = Sandbox::new();
    let (mut server, _) = Server::initialized(sandbox.path(), json!({}), Value::Null);
    let response = server.request("textDocument/definitelyNotAMethod", json!({}));
    assert_eq!(response["error"]["code"], -32601, "{response}");
    // Unknown notifications are ignored; the server still answers.
    server.notify("custom/somethingHappened", json!({"x": 1}));
    let response = server.request("workspace/symbol", json!({"query": ""}));
    assert_eq!(response["error"]["code"], -32601, "{response}");
    assert_eq!(server.shut_down(), 0);
}

#[test]
fn malformed_messages_get_errors_and_the_server_goes_on() {
    let sandbox = Sandbox::new();
    let mut server = Server::start(sandbox.path());
    let before = server.request("textDocument/hover", json!({}));
    assert_eq!(before["error"]["code"], -32002, "not initialized: {before}");
    server.request("initialize", json!({"capabilities": {}}));
    // Not JSON: a parse error with a null id.
    server.send_bytes(b"Content-Length: 9\r\n\r\n{not json");
    let parse_error = server.response(Value::Null);
    assert_eq!(parse_error["error"]["code"], -32700, "{parse_error}");
    // JSON, but not a JSON-RPC message.
    server.send(json!({"jsonrpc": "2.0", "id": 77, "method": 5}));
    let invalid = server.response(json!(77));
    assert_eq!(invalid["error"]["code"], -32600, "{invalid}");
    // Bad params for a known method.
    let response = server.request(
        "textDocument/hover",
        json!({"textDocument": {"uri": 12}, "position": "here"}),
    );
    assert_eq!(response["error"]["code"], -32602, "{response}");
    let response = server.request("textDocument/codeAction", json!(null));
    assert_eq!(response["error"]["code"], -32602, "{response}");
    // A notification with bad params has no answer, and breaks nothing.
    server.notify("textDocument/didOpen", json!({"textDocument": "oops"}));
    server.notify(
        "textDocument/didChange",
        json!({"textDocument": {"uri": "file:///never-opened.txt", "version": 2}, "contentChanges": [{"text": "x"}]}),
    );
    let diagnostics = server.open("file:///tmp/after.txt", "Hi Jen, your root canal healed!");
    assert!(diagnostics.iter().any(|d| d["code"] == "RG101"));
    let again = server.request("initialize", json!({"capabilities": {}}));
    assert_eq!(again["error"]["code"], -32600, "{again}");
    assert_eq!(server.shut_down(), 0);
}

#[test]
fn a_broken_header_gets_a_parse_error_and_the_server_finds_the_next_message() {
    let sandbox = Sandbox::new();
    let mut server = Server::start(sandbox.path());
    server.request("initialize", json!({"capabilities": {}}));
    server.send_bytes(b"this is not a header\r\n{\"stray\": \"body\"}\r\n");
    let parse_error = server.response(Value::Null);
    assert_eq!(parse_error["error"]["code"], -32700, "{parse_error}");
    server.send_bytes(b"Content-Length: 12\r\n\r\n{\"bad\": json");
    let parse_error = server.response(Value::Null);
    assert_eq!(parse_error["error"]["code"], -32700, "{parse_error}");
    let diagnostics = server.open("file:///tmp/resync.txt", "Hi Jen, your root canal healed!");
    assert!(
        diagnostics.iter().any(|d| d["code"] == "RG101"),
        "{diagnostics:?}"
    );
    assert_eq!(server.shut_down(), 0);
}

#[test]
fn the_end_of_the_stream_ends_the_session_without_a_crash() {
    let sandbox = Sandbox::new();
    let mut server = Server::start(sandbox.path());
    server.request("initialize", json!({"capabilities": {}}));
    server.send_bytes(b"Content-Length: 100\r\n\r\n{\"cut\": ");
    // Exit code 1 (no shutdown), not a panic (101) or a signal.
    assert_eq!(server.wait(), 1);
}

#[test]
fn huge_document_is_reported_not_checked() {
    let sandbox = Sandbox::new();
    let (mut server, _) = Server::initialized(sandbox.path(), json!({}), Value::Null);
    let uri = "file:///tmp/huge.txt";
    let text = "Hi Jen, your root canal healed nicely. ".repeat(30_000);
    assert!(text.len() > 1 << 20);
    let diagnostics = server.open(uri, &text);
    assert_eq!(diagnostics.len(), 1, "{diagnostics:?}");
    let diagnostic = &diagnostics[0];
    assert_eq!(diagnostic["severity"], 1);
    assert_eq!(diagnostic["code"], "not-checked");
    let message = diagnostic["message"].as_str().unwrap();
    assert!(
        message.starts_with("replyguard did not check this document: "),
        "{message}"
    );
    assert!(message.contains("1048576"), "{message}");
    // No fix is offered for what was not checked.
    assert!(server.code_actions(uri, whole_document()).is_empty());
    // Shrinking it below the limit checks it again.
    server.notify(
        "textDocument/didChange",
        json!({"textDocument": {"uri": uri, "version": 2}, "contentChanges": [{"text": "Hi Jen, your root canal healed!"}]}),
    );
    let params = server.notification("textDocument/publishDiagnostics");
    assert_eq!(params["version"], 2);
    assert_eq!(params["diagnostics"][0]["code"], "RG101");
    assert_eq!(server.shut_down(), 0);
}

#[test]
fn oversized_message_marks_its_document_not_checked() {
    let sandbox = Sandbox::new();
    let (mut server, _) = Server::initialized(sandbox.path(), json!({}), Value::Null);
    let uri = "file:///tmp/enormous.txt";
    // Over the 64 MiB message limit: the server skips it without keeping it.
    let text = "a".repeat(65 << 20);
    server.notify(
        "textDocument/didOpen",
        json!({"textDocument": {"uri": uri, "languageId": "text", "version": 1, "text": text}}),
    );
    let params = server.notification("textDocument/publishDiagnostics");
    assert_eq!(params["uri"], uri);
    let message = params["diagnostics"][0]["message"].as_str().unwrap();
    assert!(message.contains("did not check this document"), "{message}");
    assert_eq!(server.shut_down(), 0);
}

#[test]
fn config_errors_are_shown_and_documents_not_checked() {
    let sandbox = Sandbox::new();
    sandbox.write(".replyguard.yaml", "practice:\n  fax: 555-0199\n");
    sandbox.write("good.yaml", "practice: {phone: 555-0100}\nplatform: yelp\n");
    let (mut server, _) = Server::initialized(sandbox.path(), json!({}), Value::Null);
    let shown = server.notification("window/showMessage");
    assert_eq!(shown["type"], 1, "an error: {shown}");
    assert!(
        shown["message"]
            .as_str()
            .unwrap()
            .contains("unknown field `fax`"),
        "{shown}"
    );
    let uri = "file:///tmp/config.txt";
    let text = "Hi Jen, your root canal healed nicely!";
    let diagnostics = server.open(uri, text);
    assert_eq!(diagnostics.len(), 1, "{diagnostics:?}");
    let message = diagnostics[0]["message"].as_str().unwrap();
    assert!(
        message.starts_with("replyguard did not check this document: ")
            && message.contains(".replyguard.yaml:2:3"),
        "{message}"
    );
    // Pointing the settings at a good config loads it and checks the document again.
    server.notify(
        "workspace/didChangeConfiguration",
        json!({"settings": {"replyguard": {"configPath": "good.yaml"}}}),
    );
    let params = server.notification("textDocument/publishDiagnostics");
    assert_eq!(params["diagnostics"][0]["code"], "RG101", "{params}");
    let actions = server.code_actions(uri, whole_document());
    let rewrite = apply(text, &actions[0], uri, "utf-16");
    assert!(
        rewrite.contains("555-0100"),
        "the config's phone: {rewrite}"
    );
    // A bad setting is an error too, never a silent pass.
    server.notify(
        "workspace/didChangeConfiguration",
        json!({"settings": {"platform": "myspace"}}),
    );
    let shown = server.notification("window/showMessage");
    assert!(shown["message"]
        .as_str()
        .unwrap()
        .contains("unknown platform"));
    let params = server.notification("textDocument/publishDiagnostics");
    assert_eq!(params["diagnostics"][0]["code"], "not-checked", "{params}");
    assert_eq!(server.shut_down(), 0);
}

#[test]
fn known_names_from_settings_are_identities() {
    let sandbox = Sandbox::new();
    let text = "Congrats to Quinby Zell on the new implant.";
    let (mut server, _) = Server::initialized(sandbox.path(), json!({}), Value::Null);
    let before = server.open("file:///tmp/names.txt", text);
    server.notify(
        "workspace/didChangeConfiguration",
        json!({"settings": {"names": ["Quinby Zell"]}}),
    );
    let after = server.notification("textDocument/publishDiagnostics");
    let check = run_in(
        sandbox.path(),
        &["check", "--format", "json", "--name", "Quinby Zell", "-"],
        text.as_bytes(),
    );
    let cli: Value = serde_json::from_str(&check.stdout).expect("json");
    let cli_rules: Vec<&Value> = cli["inputs"][0]["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| &d["rule"])
        .collect();
    let lsp_rules: Vec<&Value> = after["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| &d["code"])
        .collect();
    assert_eq!(lsp_rules, cli_rules);
    assert!(!lsp_rules.is_empty(), "the name makes it a finding");
    assert!(before.len() < lsp_rules.len(), "{before:?}");
    assert_eq!(server.shut_down(), 0);
}

#[test]
fn changes_and_close_republish() {
    let sandbox = Sandbox::new();
    let (mut server, _) = Server::initialized(sandbox.path(), json!({}), Value::Null);
    let uri = "file:///tmp/edit.txt";
    assert!(server.open(uri, "Thanks for the kind words!").is_empty());
    server.notify(
        "textDocument/didChange",
        json!({"textDocument": {"uri": uri, "version": 2}, "contentChanges": [{"text": "Hi Jen, your root canal healed!"}]}),
    );
    let params = server.notification("textDocument/publishDiagnostics");
    assert_eq!(params["version"], 2);
    assert_eq!(params["diagnostics"][0]["code"], "RG101");
    // The server asks for full text, but a ranged change is applied too: "Jen" to
    // "Zoë 😀" on a line after emoji, in UTF-16 units.
    server.notify(
        "textDocument/didChange",
        json!({"textDocument": {"uri": uri, "version": 3}, "contentChanges": [
            {"text": "😀 Hi Jen, your root canal healed!"},
            {"range": {"start": {"line": 0, "character": 6}, "end": {"line": 0, "character": 9}}, "text": "Zoë 😀"},
        ]}),
    );
    let params = server.notification("textDocument/publishDiagnostics");
    assert_eq!(params["version"], 3);
    let text = "😀 Hi Zoë 😀, your root canal healed!";
    let finding = &params["diagnostics"][0];
    assert_eq!(finding["code"], "RG101", "{params}");
    assert_eq!(
        finding["range"]["start"]["character"],
        column(text, text.find("root").unwrap(), "utf-16")
    );
    server.notify(
        "textDocument/didClose",
        json!({"textDocument": {"uri": uri}}),
    );
    let params = server.notification("textDocument/publishDiagnostics");
    assert_eq!(params["diagnostics"], json!([]));
    assert_eq!(server.shut_down(), 0);
}

#[test]
fn exit_without_shutdown_is_exit_code_1() {
    let sandbox = Sandbox::new();
    let (mut server, _) = Server::initialized(sandbox.path(), json!({}), Value::Null);
    server.notify("exit", Value::Null);
    assert_eq!(server.wait(), 1);
    let (mut server, _) = Server::initialized(sandbox.path(), json!({}), Value::Null);
    let response = server.request("shutdown", Value::Null);
    assert!(response.get("error").is_none());
    let after = server.request("textDocument/hover", json!({}));
    assert_eq!(
        after["error"]["code"], -32600,
        "requests after shutdown: {after}"
    );
    server.notify("exit", Value::Null);
    assert_eq!(server.wait(), 0);
}
