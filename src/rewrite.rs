//! Rewrite: the reply staff can post instead of a draft that leaks.
//!
//! Owns turning a draft and its report into a safe reply: keep the greeting and every
//! sentence with no finding, drop the sentences that leak, open with the draft's tone
//! (an apology stays an apology, thanks stay thanks) and end with an offline invitation
//! from the pack templates, filled from the config's practice details and shaped by the
//! platform. Missing details become visible placeholders ("[office phone]"). The result
//! is checked again and sentences are dropped until nothing at warning or above fires,
//! so the rewrite always passes `check`. A draft that passes is returned unchanged. On X
//! the rewrite fits in 280 characters, dropping whole sentences, never cutting one.
//! Rewriting does no IO and cannot fail.

use std::ops::Range;

use crate::anatomy::Anatomy;
use crate::config::{Platform, Practice};
use crate::engine::{Engine, Report};
use crate::language::{Language, List, Slot};
use crate::model::Level;
use crate::reply::Reply;

/// The most characters a post on X may have.
pub const X_LIMIT: usize = 280;

/// What shapes the rewrite besides the reply itself (whose platform picks the
/// invitation and whose names the check of each candidate sees).
#[derive(Clone, Copy, Debug)]
pub struct RewriteOptions<'a> {
    /// The practice's contact details.
    pub practice: &'a Practice,
}

/// What happened to one sentence of the draft.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Replacement {
    /// Byte range of the sentence in the draft.
    pub range: Range<usize>,
    /// The sentence as drafted.
    pub original: String,
    /// What replaces it: empty when it is removed, the greeting when only that is kept.
    pub replacement: String,
}

/// The safe reply and how it differs from the draft.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Rewrite {
    /// The text to post.
    pub text: String,
    /// The sentences that were removed or cut down, in draft order.
    pub replacements: Vec<Replacement>,
}

impl Rewrite {
    /// Whether the rewrite differs from the draft.
    pub fn changed(&self, draft: &str) -> bool {
        self.text != draft
    }
}

/// Where a piece of the rewrite came from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Source {
    Greeting,
    Tone,
    Sentence(usize),
    Invitation,
}

#[derive(Clone, Debug)]
struct Piece {
    text: String,
    source: Source,
    /// What goes before this piece: " ", "\n" or "\n\n".
    separator: &'static str,
}

fn blocking(report: &Report) -> impl Iterator<Item = &crate::Diagnostic> {
    report
        .diagnostics
        .iter()
        .filter(|d| d.level >= Level::Warning)
}

/// Word starts of an apology ("sorry", "apologi..."); the rewrite keeps an apology.
/// Keyword regexes compile with regex-lite in microseconds.
fn apology_regex(language: &Language) -> &regex_lite::Regex {
    language.regex(Slot::Apology, |language| {
        format!(r"(?i)\b(?:{})", language.alternation(List::ApologyWords))
    })
}

/// Word starts of thanks ("thank", "glad", "congrat...").
fn thanks_regex(language: &Language) -> &regex_lite::Regex {
    language.regex(Slot::Thanks, |language| {
        format!(r"(?i)\b(?:{})", language.alternation(List::ThanksWords))
    })
}

/// An offline invitation already in the draft: a way of contacting, then who, in one
/// sentence ("call our office"), or a phrase that invites by itself ("DM us").
fn invitation_regex(language: &Language) -> &regex_lite::Regex {
    language.regex(Slot::Invitation, |language| {
        format!(
            r"(?i)\b(?:{})\b[^.!?]{{0,60}}\b(?:{})\b|\b(?:{})\b",
            language.alternation(List::InvitationVerbs),
            language.alternation(List::InvitationObjects),
            language.alternation(List::InvitationPhrases)
        )
    })
}

/// The strongest break in `gap`: a blank line, a line break, or a space.
fn separator_of(gap: &str) -> &'static str {
    let breaks =
        gap.matches('\n').count() + gap.matches('\r').filter(|_| !gap.contains('\n')).count();
    match breaks {
        0 => " ",
        1 => "\n",
        _ => "\n\n",
    }
}

/// Fills a template's variables; a missing one becomes a visible placeholder.
pub fn fill_template(template: &str, practice: &Practice) -> String {
    let value = |field: &Option<String>, placeholder: &str| {
        field
            .as_deref()
            .map(str::trim)
            .filter(|value| !value.is_empty())
            .map_or_else(|| placeholder.to_string(), str::to_string)
    };
    template
        .replace("{practice}", &value(&practice.name, "[practice name]"))
        .replace("{phone}", &value(&practice.phone, "[office phone]"))
        .replace("{email}", &value(&practice.email, "[office email]"))
        .replace("{url}", &value(&practice.url, "[website]"))
}

/// The invitation for a platform, long or short.
fn invitation(
    engine: &Engine,
    platform: Platform,
    options: &RewriteOptions<'_>,
    short: bool,
) -> String {
    let key = match (platform, short) {
        (Platform::Facebook | Platform::Instagram | Platform::X, false) => "invitation-message",
        (Platform::Facebook | Platform::Instagram | Platform::X, true) => {
            "invitation-message-short"
        }
        (Platform::Yelp | Platform::Google, false) => "invitation-call",
        (Platform::Yelp | Platform::Google, true) => "invitation-call-short",
        (Platform::Generic, _) => "invitation-generic",
    };
    let fallback = "Please contact our office so we can help.";
    fill_template(engine.template(key).unwrap_or(fallback), options.practice)
}

/// Rewrites `reply`, whose check gave `report`, into a reply that passes `check`.
pub fn rewrite(
    engine: &Engine,
    reply: &Reply,
    report: &Report,
    options: &RewriteOptions<'_>,
) -> Rewrite {
    let draft = reply.text.as_str();
    if blocking(report).next().is_none() {
        return Rewrite {
            text: draft.to_string(),
            replacements: Vec::new(),
        };
    }
    let sentences: &[Range<usize>] = &report.anatomy.sentences;
    // A sentence goes if it leaks, or if it repeats a word that leaked elsewhere ("the
    // wait was upsetting ... that doesn't make the wait easier"): the rewrite never
    // carries a leaked term.
    let leaked: Vec<String> = blocking(report)
        .map(|d| d.primary.text.to_lowercase())
        .collect();
    let mut dropped: Vec<bool> = sentences
        .iter()
        .map(|sentence| {
            let lowered = draft[sentence.clone()].to_lowercase();
            blocking(report).any(|d| {
                d.primary.range.start < sentence.end && sentence.start < d.primary.range.end
            }) || leaked.iter().any(|term| contains_word(&lowered, term))
        })
        .collect();
    let language = engine.language();
    let greeting = report
        .anatomy
        .greeting
        .clone()
        .filter(|range| !blocking(report).any(|d| d.primary.range.start < range.end));
    let tone = if apology_regex(language).is_match(draft) {
        engine.template("apology")
    } else if thanks_regex(language).is_match(draft) {
        engine.template("thanks")
    } else {
        None
    };
    let mut keep_greeting = true;
    let mut keep_tone = true;
    let mut short_invitation = false;
    let mut plain_invitation = false;
    // Each pass either succeeds or drops something, so this ends.
    for _ in 0..sentences.len() + 6 {
        let pieces = assemble(
            &Draft {
                language,
                anatomy: &report.anatomy,
                text: draft,
                sentences,
            },
            &dropped,
            greeting.as_ref().filter(|_| keep_greeting),
            tone.filter(|_| keep_tone),
            &if plain_invitation {
                "Please contact our office so we can help.".to_string()
            } else {
                invitation(engine, reply.platform, options, short_invitation)
            },
        );
        let text = join(&pieces, draft);
        if reply.platform == Platform::X && text.chars().count() > X_LIMIT {
            if !short_invitation {
                short_invitation = true;
            } else if let Some(last) = pieces.iter().rev().find_map(|piece| match piece.source {
                Source::Sentence(index) => Some(index),
                _ => None,
            }) {
                dropped[last] = true;
            } else if keep_tone {
                keep_tone = false;
            } else {
                keep_greeting = false;
            }
            continue;
        }
        let check = engine.check_in(reply, &text);
        let mut offsets = Vec::new();
        let mut at = 0;
        for piece in &pieces {
            at += piece.separator.len();
            offsets.push((at..at + piece.text.len(), piece.source));
            at += piece.text.len();
        }
        let offending: Vec<Source> = blocking(&check)
            .filter_map(|d| {
                offsets
                    .iter()
                    .find(|(range, _)| {
                        range.start < d.primary.range.end && d.primary.range.start < range.end
                    })
                    .map(|(_, source)| *source)
            })
            .collect();
        if blocking(&check).next().is_none() {
            return finish(
                draft,
                sentences,
                &dropped,
                greeting.as_ref().filter(|_| keep_greeting),
                text,
            );
        }
        if offending.is_empty() {
            // A finding that no piece explains (a reply-wide tie): drop the last sentence.
            match pieces.iter().rev().find_map(|piece| match piece.source {
                Source::Sentence(index) => Some(index),
                _ => None,
            }) {
                Some(index) => dropped[index] = true,
                None => keep_tone = false,
            }
            continue;
        }
        for source in offending {
            match source {
                Source::Sentence(index) => dropped[index] = true,
                Source::Greeting => keep_greeting = false,
                Source::Tone => keep_tone = false,
                Source::Invitation => plain_invitation = true,
            }
        }
    }
    // Unreachable in practice: everything that can fire has been dropped by now.
    let text = fill_template(
        "Please contact our office so we can help.",
        options.practice,
    );
    let all_dropped = vec![true; sentences.len()];
    finish(draft, sentences, &all_dropped, None, text)
}

/// Whether `text` contains `term` as whole words (both already lowercase).
fn contains_word(text: &str, term: &str) -> bool {
    !term.is_empty()
        && text.match_indices(term).any(|(start, found)| {
            let before = text[..start].chars().next_back();
            let after = text[start + found.len()..].chars().next();
            !before.is_some_and(char::is_alphanumeric) && !after.is_some_and(char::is_alphanumeric)
        })
}

/// The draft being rewritten: its text, sentences and anatomy, and the language.
struct Draft<'a> {
    language: &'a Language,
    anatomy: &'a Anatomy,
    text: &'a str,
    sentences: &'a [Range<usize>],
}

fn assemble(
    context: &Draft<'_>,
    dropped: &[bool],
    greeting: Option<&Range<usize>>,
    tone: Option<&str>,
    invitation: &str,
) -> Vec<Piece> {
    let Draft {
        language,
        anatomy,
        text: draft,
        sentences,
    } = *context;
    let greeting_sentence = greeting.and_then(|g| {
        sentences
            .iter()
            .position(|s| s.start <= g.start && g.start < s.end)
    });
    // The head is the greeting: its whole sentence when that is kept, else the greeting alone.
    let mut head: Option<Piece> = None;
    let mut body: Vec<Piece> = Vec::new();
    let mut sign_off: Option<Piece> = None;
    let mut previous_end = 0;
    for (index, sentence) in sentences.iter().enumerate() {
        let is_greeting = Some(index) == greeting_sentence && head.is_none() && body.is_empty();
        if dropped[index] {
            if let (true, Some(greeting)) = (is_greeting, greeting) {
                head = Some(Piece {
                    text: draft[greeting.clone()].to_string(),
                    source: Source::Greeting,
                    separator: "",
                });
            }
            previous_end = sentence.end;
            continue;
        }
        let separator = separator_of(&draft[previous_end.min(sentence.start)..sentence.start]);
        previous_end = sentence.end;
        let mut raw = draft[sentence.clone()].trim();
        // "And we will fix it." loses its "And" when the sentence before it is gone.
        if index > 0 && dropped[index - 1] {
            raw = strip_leading_conjunction(language, raw);
        }
        // The sign-off, a last line after a line break, stays last, after the
        // invitation, and as written.
        let is_sign_off = index + 1 == sentences.len()
            && separator != " "
            && !body.is_empty()
            && anatomy.in_sign_off(sentence);
        let piece = Piece {
            text: if is_sign_off {
                raw.to_string()
            } else {
                tidy_sentence(raw)
            },
            source: Source::Sentence(index),
            separator,
        };
        if is_greeting {
            head = Some(piece);
            continue;
        }
        if is_sign_off {
            sign_off = Some(piece);
        } else {
            body.push(piece);
        }
    }
    let kept = |pieces: &[&Piece]| {
        pieces
            .iter()
            .map(|p| p.text.as_str())
            .collect::<Vec<_>>()
            .join(" ")
    };
    let so_far: Vec<&Piece> = head.iter().chain(&body).collect();
    if let Some(tone) = tone {
        let pattern = if apology_regex(language).is_match(tone) {
            apology_regex(language)
        } else {
            thanks_regex(language)
        };
        if !pattern.is_match(&kept(&so_far)) {
            body.insert(
                0,
                Piece {
                    text: tone.to_string(),
                    source: Source::Tone,
                    separator: " ",
                },
            );
        }
    }
    let so_far: Vec<&Piece> = head.iter().chain(&body).collect();
    if !invitation_regex(language).is_match(&kept(&so_far)) {
        body.push(Piece {
            text: invitation.to_string(),
            source: Source::Invitation,
            separator: " ",
        });
    }
    // The first piece has nothing before it; what follows the greeting keeps the
    // draft's own break after it ("Hi Tom,\n...").
    let head_end = match head.as_ref().map(|h| h.source) {
        Some(Source::Greeting) => greeting.map(|g| g.end),
        Some(Source::Sentence(index)) => Some(sentences[index].end),
        _ => None,
    };
    if let Some(head) = head.as_mut() {
        head.separator = "";
    }
    if let Some(first) = body.first_mut() {
        first.separator = match head_end {
            None => "",
            Some(end) => {
                let rest = &draft[end..];
                separator_of(&rest[..rest.len() - rest.trim_start().len()])
            }
        };
    }
    // A greeting cut out of its sentence ends the line it was on: "Hi Jen, your root
    // canal..." becomes "Hi Jen! ..." and "Dear Mrs. Patel, your..." keeps its comma on
    // a line of its own, so what follows starts a sentence of its own.
    if let (Some(head), Some(first)) = (head.as_mut(), body.first_mut()) {
        if head.source == Source::Greeting && first.separator == " " && head.text.ends_with(',') {
            if head.text.trim_start().to_lowercase().starts_with("dear") {
                first.separator = "\n";
            } else {
                head.text.pop();
                head.text.push('!');
            }
        }
    }
    head.into_iter().chain(body).chain(sign_off).collect()
}

/// Drops an opening "and", "but", "so", "also" or "plus" that joined a removed sentence.
fn strip_leading_conjunction<'s>(language: &Language, sentence: &'s str) -> &'s str {
    for conjunction in language[List::LeadingConjunctions].iter() {
        let Some(head) = sentence.get(..conjunction.len()) else {
            continue;
        };
        let rest = &sentence[conjunction.len()..];
        if head.eq_ignore_ascii_case(conjunction) && rest.starts_with([' ', ',']) {
            let rest = rest.trim_start_matches([' ', ',']);
            if !rest.is_empty() {
                return rest;
            }
        }
    }
    sentence
}

/// A kept sentence that may now start the reply or run into an added one: a capital
/// at its start and a full stop when it ends in a letter or digit ("just a nasty cold"
/// becomes "Just a nasty cold."). Handles and emoji stay as they are.
fn tidy_sentence(sentence: &str) -> String {
    let mut text = String::with_capacity(sentence.len() + 1);
    let mut capitalized = false;
    for (index, c) in sentence.char_indices() {
        if !capitalized && c.is_alphabetic() {
            capitalized = true;
            let in_handle = sentence[..index].ends_with('@')
                || sentence[..index]
                    .chars()
                    .rev()
                    .take_while(|c| !c.is_whitespace())
                    .any(|c| c == '@');
            if c.is_lowercase() && !in_handle {
                text.extend(c.to_uppercase());
                continue;
            }
        }
        if !capitalized && c == '@' {
            capitalized = true;
        }
        text.push(c);
    }
    if text.chars().next_back().is_some_and(char::is_alphanumeric) {
        text.push('.');
    }
    text
}

fn join(pieces: &[Piece], draft: &str) -> String {
    let mut text = String::new();
    for piece in pieces {
        text.push_str(piece.separator);
        text.push_str(&piece.text);
    }
    // Keep the draft's final line break, if it had one.
    if draft.ends_with('\n') && !text.ends_with('\n') {
        text.push('\n');
    }
    text
}

fn finish(
    draft: &str,
    sentences: &[Range<usize>],
    dropped: &[bool],
    greeting: Option<&Range<usize>>,
    text: String,
) -> Rewrite {
    let replacements = sentences
        .iter()
        .zip(dropped)
        .filter(|(_, dropped)| **dropped)
        .map(|(sentence, _)| {
            let replacement = greeting
                .filter(|g| sentence.start <= g.start && g.start < sentence.end)
                .map_or_else(String::new, |g| draft[g.clone()].to_string());
            Replacement {
                range: sentence.clone(),
                original: draft[sentence.clone()].to_string(),
                replacement,
            }
        })
        .collect();
    Rewrite { text, replacements }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::Config;

    /// `greeting` finds what the regex it replaced found, on crafted openings and on
    /// every corpus reply.
    #[test]
    fn greeting_agrees_with_the_regex_it_replaced() {
        let regex = regex::Regex::new(
            r"^\s*(?:(?i:hi|hello|hey|dear|good morning|good afternoon|good evening|greetings|thanks|thank you|thank u)(?:\s+(?i:mr|mrs|ms|miss|mx)\.?)?(?:\s+[@\p{Lu}][\w.'’-]*){0,3}\s*[,!]|@[A-Za-z0-9_](?:[A-Za-z0-9_.]*[A-Za-z0-9_])?)",
        )
        .expect("regex");
        let mut texts: Vec<String> = [
            "Hi Jen, your crown",
            "  hello Mrs. Patel! thanks",
            "Dear Mr O'Neil-Smith Jr., we",
            "Thank you Jen Smith Jones Brown, no",
            "THANK U @kay_b!",
            "Hi there, all",
            "Hiya, all",
            "Good morning Zoë,",
            "@jen.b. welcome",
            "@.x hi",
            "Hey Ms, wait",
            "Dear Miss. Lee!",
            "Thanks!",
            "hi\n\nJen,",
            "Hi Ömer Çelik,",
        ]
        .map(String::from)
        .to_vec();
        let corpus = concat!(env!("CARGO_MANIFEST_DIR"), "/fixtures/corpus");
        for entry in std::fs::read_dir(corpus).expect("corpus dir") {
            let text = std::fs::read_to_string(entry.expect("entry").path()).expect("file");
            for line in text.lines().filter(|line| !line.trim().is_empty()) {
                let case: serde_json::Value = serde_json::from_str(line).expect("case");
                texts.push(case["text"].as_str().expect("text").to_string());
            }
        }
        for text in &texts {
            let expected = regex.find(text).map(|found| {
                found.start() + (found.as_str().len() - found.as_str().trim_start().len())
                    ..found.end()
            });
            assert_eq!(
                crate::anatomy::Anatomy::new(&Language::builtin(), text, Vec::new()).greeting,
                expected,
                "on {text:?}"
            );
        }
    }

    fn engine() -> Engine {
        let packs = crate::builtin::packs().expect("built-in packs load");
        Engine::new(packs, &Config::default(), &[]).expect("built-in packs compile")
    }

    /// Rewrites `draft` for `platform` with `practice` and compares the text.
    fn check(
        engine: &Engine,
        draft: &str,
        platform: Platform,
        practice: &Practice,
        expected: &str,
    ) {
        let reply = Reply::new(draft).with_platform(platform);
        let report = engine.check(&reply);
        let options = RewriteOptions { practice };
        let rewritten = rewrite(engine, &reply, &report, &options);
        assert_eq!(rewritten.text, expected, "{draft:?}");
        assert!(engine
            .check_text(&rewritten.text)
            .diagnostics
            .iter()
            .all(|d| d.level < Level::Warning));
    }

    #[test]
    fn rewrites_keep_greeting_tone_and_invite_offline() {
        let engine = engine();
        let none = Practice::default();
        let practice = Practice {
            name: Some("Smile Co".into()),
            phone: Some("555-0100".into()),
            email: Some("hello@smile.example".into()),
            url: None,
        };
        check(
            &engine,
            "Hi Jen, your root canal healed nicely!",
            Platform::Yelp,
            &practice,
            "Hi Jen! Please call our office at 555-0100 or email hello@smile.example so we can talk privately.",
        );
        check(
            &engine,
            "Hi Tom,\nSorry your implant still hurts. We will fix it.",
            Platform::Facebook,
            &none,
            "Hi Tom,\nWe're sorry to hear this, and we want to make it right. We will fix it. Please send us a private message so we can help you directly.",
        );
        check(
            &engine,
            "Thanks Jen! Swelling after rhinoplasty settles in a week.",
            Platform::Google,
            &none,
            "Thanks Jen! Please call our office at [office phone] or email [office email] so we can talk privately.",
        );
    }

    #[test]
    fn a_sentence_repeating_a_leaked_word_goes_too() {
        let engine = engine();
        let draft = "Ms. Ferreira, we hear how upsetting the wait was. We know nothing makes the wait easier. Our team is here.";
        let reply = Reply::new(draft).with_platform(Platform::Google);
        let report = engine.check(&reply);
        assert!(report.diagnostics.iter().any(|d| d.primary.text == "wait"));
        let options = RewriteOptions {
            practice: &Practice::default(),
        };
        let rewritten = rewrite(&engine, &reply, &report, &options).text;
        assert!(!rewritten.contains("wait"), "{rewritten:?}");
        assert!(rewritten.contains("Our team is here."), "{rewritten:?}");
    }

    #[test]
    fn the_sign_off_stays_last_and_as_written() {
        let engine = engine();
        check(
            &engine,
            "Hi Jen,\n\nThank you! Your root canal healed nicely.\n\n- Dana, Office Manager\n",
            Platform::Google,
            &Practice::default(),
            "Hi Jen,\n\nThank you! Please call our office at [office phone] or email [office email] so we can talk privately.\n\n- Dana, Office Manager\n",
        );
    }

    #[test]
    fn kept_sentences_start_and_end_like_sentences() {
        assert_eq!(tidy_sentence("just a nasty cold"), "Just a nasty cold.");
        assert_eq!(tidy_sentence("🥰 tell your mom hi"), "🥰 Tell your mom hi.");
        assert_eq!(tidy_sentence("@marisa see you!"), "@marisa see you!");
        assert_eq!(tidy_sentence("We will fix it."), "We will fix it.");
        assert_eq!(
            tidy_sentence(strip_leading_conjunction(
                &Language::builtin(),
                "And, we will fix it."
            )),
            "We will fix it."
        );
        assert_eq!(
            strip_leading_conjunction(&Language::builtin(), "Sorry about that."),
            "Sorry about that."
        );
        assert_eq!(
            strip_leading_conjunction(&Language::builtin(), "Andrea says hi."),
            "Andrea says hi."
        );
    }

    #[test]
    fn a_clean_draft_is_returned_unchanged() {
        let engine = engine();
        let draft = "Thanks for the kind words!  We appreciate you.\n";
        let reply = Reply::new(draft);
        let report = engine.check(&reply);
        let options = RewriteOptions {
            practice: &Practice::default(),
        };
        assert_eq!(rewrite(&engine, &reply, &report, &options).text, draft);
    }

    #[test]
    fn x_rewrites_fit_in_280_characters() {
        let engine = engine();
        let draft = "@jen_s thank you!! Your Botox looks amazing and the filler settled perfectly. We loved seeing you at the open house with all of your friends and family, and we hope the whole group comes back soon for the summer party we are planning for everyone in the neighborhood this year!";
        let reply = Reply::new(draft).with_platform(Platform::X);
        let report = engine.check(&reply);
        let options = RewriteOptions {
            practice: &Practice::default(),
        };
        let rewritten = rewrite(&engine, &reply, &report, &options);
        assert!(
            rewritten.text.chars().count() <= X_LIMIT,
            "{}",
            rewritten.text
        );
        assert!(!rewritten.text.to_lowercase().contains("botox"));
    }
}
