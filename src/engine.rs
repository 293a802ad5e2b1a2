//! The engine: loaded packs compiled into something that checks replies.
//!
//! Owns the checks that need every pack at once (duplicate pack names and rule ids,
//! rules naming unknown lexicons, config overrides naming unknown rules), the choice of
//! rule for each tied detail (the most severe enabled rule whose `when` covers it, the
//! most specific on a tie), and [`Engine::check`], which runs the pipeline in data-flow
//! order: normalize, segment, match, find identities, tie, diagnose. Checking does no IO
//! and cannot fail.

use std::collections::HashMap;
use std::ops::Range;

use crate::anatomy::Anatomy;
use crate::config::Config;
use crate::error::{Error, SourceError};
use crate::frames::{self, FrameKind};
use crate::identity::{Finder, Identities, IdentityKind, People};
use crate::language::{Language, List};
use crate::lexicon::{Detail, LexiconId, LexiconInfo, Matcher, Strength};
use crate::model::{Kind, Level, Sensitive, Tie};
use crate::normalize::Normalized;
use crate::pack::{Pack, Rule};
use crate::reply::Reply;
use crate::segment::Segments;
use crate::tie::{Connection, Tier};

/// A rule as loaded, with its effective level and resolved selector.
#[derive(Clone, Debug)]
pub struct LoadedRule {
    /// The rule as its pack defines it.
    pub rule: Rule,
    /// Level after config overrides; `None` when turned off.
    pub level: Option<Level>,
    lexicons: Option<Vec<LexiconId>>,
    specificity: u8,
}

impl LoadedRule {
    fn covers(&self, lexicon: LexiconId, info: &LexiconInfo, tie: Tie) -> bool {
        let when = &self.rule.when;
        when.ties.contains(&tie)
            && when
                .kinds
                .as_ref()
                .is_none_or(|kinds| kinds.contains(&info.kind))
            && when
                .sensitive
                .is_none_or(|sensitive| sensitive == info.sensitive.is_some())
            && self
                .lexicons
                .as_ref()
                .is_none_or(|ids| ids.contains(&lexicon))
    }
}

/// A span of the checked text: byte offsets into the original input and its text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Span {
    /// Byte range in the original input.
    pub range: Range<usize>,
    /// The original text of the span.
    pub text: String,
}

/// The identity a detail is tied to.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct IdentitySpan {
    /// Where the identity is.
    pub span: Span,
    /// What kind of reference it is.
    pub kind: IdentityKind,
}

/// A patient's written authorization on record, as a finding carries it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AuthorizationNote {
    /// The practice's reference for the signed form.
    pub reference: String,
    /// The last day it holds, `YYYY-MM-DD`.
    pub expires: String,
    /// Whether it still holds today.
    pub valid: bool,
}

/// One finding: a detail tied to a person.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Diagnostic {
    /// The person's authorization on record, when there is one: a valid one makes the
    /// finding information; an expired one leaves it as it was.
    pub authorization: Option<AuthorizationNote>,
    /// Rule id.
    pub rule: String,
    /// Rule name.
    pub name: String,
    /// Effective level.
    pub level: Level,
    /// Kind of detail.
    pub kind: Kind,
    /// Protected category, if any.
    pub sensitive: Option<Sensitive>,
    /// How the detail is tied.
    pub tie: Tie,
    /// The lexicon that matched, as `pack.lexicon`.
    pub lexicon: String,
    /// The filled-in message.
    pub message: String,
    /// What to do instead.
    pub help: String,
    /// The leaking words.
    pub primary: Span,
    /// The identity they are tied to.
    pub identity: Option<IdentitySpan>,
}

/// The result of checking one text.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Report {
    /// Findings in text order.
    pub diagnostics: Vec<Diagnostic>,
    /// The text's greeting and sign-off, found once for identity finding and the rewrite.
    pub anatomy: Anatomy,
}

impl Report {
    /// The most severe level reported, if any.
    pub fn max_level(&self) -> Option<Level> {
        self.diagnostics.iter().map(|d| d.level).max()
    }
}

/// Loaded packs, compiled for checking.
#[derive(Clone, Debug)]
pub struct Engine {
    packs: Vec<Pack>,
    rules: Vec<LoadedRule>,
    matcher: Matcher,
    people: People,
    templates: HashMap<String, String>,
    language: Language,
    /// The lexicons the care frames report as: care, then visits.
    frame_lexicons: (LexiconId, LexiconId),
    /// Patients whose written authorization is on record.
    authorized: Vec<crate::config::Authorization>,
    /// Today, `YYYY-MM-DD`, for the expiry of authorizations.
    today: String,
}

impl Engine {
    /// Compiles `packs` with the overrides, names and allowed terms of `config`, plus
    /// `extra_names` (from `--name`).
    pub fn new(packs: Vec<Pack>, config: &Config, extra_names: &[String]) -> Result<Engine, Error> {
        let mut errors = Vec::new();
        let mut pack_names: HashMap<&str, &Pack> = HashMap::new();
        for pack in &packs {
            if let Some(previous) = pack_names.insert(&pack.name, pack) {
                errors.push(SourceError::new(
                    &pack.origin,
                    pack.text.clone(),
                    pack.name_span.clone(),
                    format!(
                        "pack `{}` is already loaded from {}",
                        pack.name, previous.origin
                    ),
                ));
            }
        }
        let mut matcher = Matcher::new(&packs, &config.allow);
        // The care frames report as lexicons of the language pack.
        let frame = |name: &str, kind: Kind| LexiconInfo {
            pack: "language".to_string(),
            name: name.to_string(),
            kind,
            sensitive: None,
            addressed: false,
        };
        let frame_lexicons = (
            matcher.add_lexicon(frame("care-frames", Kind::Relationship)),
            matcher.add_lexicon(frame("visit-frames", Kind::Visit)),
        );
        let lexicons = matcher.lexicons();
        let mut rules: Vec<LoadedRule> = Vec::new();
        let mut rule_ids: HashMap<String, usize> = HashMap::new();
        for pack in &packs {
            for rule in &pack.rules {
                if let Some(&previous) = rule_ids.get(&rule.id) {
                    errors.push(SourceError::new(
                        &pack.origin,
                        pack.text.clone(),
                        rule.id_span.clone(),
                        format!(
                            "duplicate rule id {}; pack `{}` already defines it",
                            rule.id, rules[previous].rule.pack
                        ),
                    ));
                    continue;
                }
                let mut lexicon_ids = None;
                if let Some(names) = &rule.when.lexicons {
                    let mut ids = Vec::new();
                    for name in names {
                        let found: Vec<LexiconId> = (0..lexicons.len())
                            .filter(|&id| {
                                let info = &lexicons[id];
                                info.qualified_name() == name.text
                                    || (info.name == name.text
                                        && (info.pack == pack.name || !name.text.contains('.')))
                            })
                            .collect();
                        if found.is_empty() {
                            errors.push(SourceError::new(
                                &pack.origin,
                                pack.text.clone(),
                                name.span.clone(),
                                format!("rule {} names unknown lexicon `{}`", rule.id, name.text),
                            ));
                        }
                        ids.extend(found);
                    }
                    lexicon_ids = Some(ids);
                }
                let when = &rule.when;
                let specificity = u8::from(when.lexicons.is_some()) * 4
                    + u8::from(when.sensitive.is_some()) * 2
                    + u8::from(when.kinds.is_some());
                rule_ids.insert(rule.id.clone(), rules.len());
                rules.push(LoadedRule {
                    rule: rule.clone(),
                    level: Some(rule.level),
                    lexicons: lexicon_ids,
                    specificity,
                });
            }
        }
        for setting in &config.rules {
            let found = rules
                .iter_mut()
                .find(|loaded| loaded.rule.id == setting.rule || loaded.rule.name == setting.rule);
            match found {
                Some(loaded) => loaded.level = setting.level,
                None => errors.push(config.error_at(
                    setting.span.clone(),
                    format!("unknown rule `{}` in config", setting.rule),
                )),
            }
        }
        if !errors.is_empty() {
            return Err(Error::Source(errors));
        }
        let mut people = People {
            names: config.names.clone(),
            staff: config.staff.clone(),
        };
        people.names.extend(extra_names.iter().cloned());
        // A patient with an authorization on record is a known name wherever it stands.
        people
            .names
            .extend(config.authorized.iter().map(|record| record.name.clone()));
        people.staff.extend(config.practice.name.iter().cloned());
        // Later packs override earlier ones, so a user pack can reword an invitation.
        let templates = packs
            .iter()
            .flat_map(|pack| pack.templates.iter().cloned())
            .collect();
        // The language packs always load; a pack's and the config's `words:` add to them.
        let mut language = Language::builtin();
        for pack in &packs {
            language.extend(&pack.words);
        }
        language.extend(&config.words);
        Ok(Engine {
            authorized: config.authorized.clone(),
            today: crate::config::today(),
            language,
            frame_lexicons,
            packs,
            rules,
            matcher,
            people,
            templates,
        })
    }

    /// The loaded packs, in load order.
    pub fn packs(&self) -> &[Pack] {
        &self.packs
    }

    /// Every loaded rule, in load order.
    pub fn rules(&self) -> &[LoadedRule] {
        &self.rules
    }

    /// The rule with this id or name (case-insensitive id).
    pub fn rule(&self, id_or_name: &str) -> Option<&LoadedRule> {
        self.rules.iter().find(|loaded| {
            loaded.rule.id.eq_ignore_ascii_case(id_or_name) || loaded.rule.name == id_or_name
        })
    }

    /// The words the grammar reads: the built-in language packs and what loaded packs add.
    pub fn language(&self) -> &Language {
        &self.language
    }

    /// The offline-invitation template with this key, from the last pack that has it.
    pub fn template(&self, key: &str) -> Option<&str> {
        self.templates.get(key).map(String::as_str)
    }

    /// Sentence byte ranges of `text` (original offsets, without surrounding white
    /// space), as the engine splits them: in order and never overlapping.
    pub fn sentences(&self, text: &str) -> Vec<Range<usize>> {
        let normalized = Normalized::new(text);
        let segments = Segments::new(normalized.as_str(), &self.language);
        original_sentences(text, &normalized, &segments)
    }

    /// The compiled lexicons.
    pub fn lexicons(&self) -> &[LexiconInfo] {
        self.matcher.lexicons()
    }

    /// Checks one reply: its text, with the names known for it.
    pub fn check(&self, reply: &Reply) -> Report {
        self.check_in(reply, &reply.text)
    }

    /// Checks a text with no context (no thread, no names).
    pub fn check_text(&self, text: &str) -> Report {
        self.check_parts(text, &[])
    }

    /// Checks `text` in the context of `reply` (its names, its thread): how the rewrite
    /// checks the candidates it writes for a reply.
    pub fn check_in(&self, reply: &Reply, text: &str) -> Report {
        self.check_parts(text, &reply.names)
    }

    fn check_parts(&self, text: &str, names: &[String]) -> Report {
        let extended;
        let people = if names.is_empty() {
            &self.people
        } else {
            extended = People {
                names: self.people.names.iter().chain(names).cloned().collect(),
                staff: self.people.staff.clone(),
            };
            &extended
        };
        let normalized = Normalized::new(text);
        let segments = Segments::new(normalized.as_str(), &self.language);
        let details = self
            .matcher
            .scan(normalized.as_str(), normalized.hashtags(), &self.language);
        // A weak term that is also a first name, capitalized ("Ella spent six weeks in
        // your program"), may be a person: the finder decides, and a name found there
        // is no detail below.
        let detail_ranges: Vec<Range<usize>> = details
            .iter()
            .filter(|detail| {
                let word = &normalized.as_str()[detail.range.clone()];
                // (And "Ms. T's case": an honorific, not multiple sclerosis.)
                !(detail.strength == Strength::Weak
                    && normalized.is_capital(detail.range.start)
                    && (self.language.contains(List::FirstNames, word)
                        || self.language.contains(List::Honorifics, word)))
            })
            .map(|d| d.range.clone())
            .collect();
        let anatomy = Anatomy::new(
            &self.language,
            text,
            original_sentences(text, &normalized, &segments),
        );
        let identities = Finder::find(
            &self.language,
            &anatomy,
            text,
            &normalized,
            &segments,
            &detail_ranges,
            people,
        );
        // The words that name a person are not details about them: "Ms." in "Ms.
        // Adeyemi" is not multiple sclerosis. A handle is kept: it is text the person
        // chose, and "@jen.previvor" in a practice's post still says something.
        let names = crate::ranges::RangeSet::new(
            identities
                .list
                .iter()
                .filter(|identity| {
                    matches!(
                        identity.kind,
                        IdentityKind::Name | IdentityKind::Honorific | IdentityKind::Known
                    )
                })
                .map(|identity| identity.range.clone()),
        );
        // Sets, not lists, for the queries below: a long text has many of both.
        let identity_set = crate::ranges::RangeSet::new(
            identities
                .list
                .iter()
                .map(|identity| identity.range.clone()),
        );
        let staff_set = crate::ranges::RangeSet::new(identities.staff.iter().cloned());
        // "Eating Disorder Awareness Week", "the Breast Cancer Walk": a detail that names
        // an event or an organization is no one's health.
        let event_name = |range: &Range<usize>| {
            let Some(last) = segments.token_containing(range.end.saturating_sub(1)) else {
                return false;
            };
            let event_at = |at: usize| {
                self.language[List::EventNouns]
                    .iter()
                    .any(|phrase| segments.phrase_at(normalized.as_str(), at, phrase))
            };
            if event_at(last + 1) {
                return true;
            }
            // "Alzheimer's & Brain Awareness Month": joined to more of the name.
            let mut at = last + 1;
            let joiner = segments.tokens.get(at).is_some_and(|token| {
                let word = &normalized.as_str()[token.range.clone()];
                word == "&" || word == "and"
            });
            if !joiner {
                return false;
            }
            at += 1;
            for _ in 0..3 {
                let capital = segments
                    .tokens
                    .get(at)
                    .is_some_and(|token| token.is_word && normalized.is_capital(token.range.start));
                if !capital {
                    return false;
                }
                if event_at(at) {
                    return true;
                }
                at += 1;
            }
            false
        };
        // Lowercase words per sentence: a sentence of capitalized words is a title.
        let mut lowercase_words = vec![0usize; segments.sentences.len()];
        for token in &segments.tokens {
            if token.is_word && !normalized.is_capital(token.range.start) {
                if let Some(count) = lowercase_words.get_mut(token.sentence) {
                    *count += 1;
                }
            }
        }
        // "the practice manager at Lakeview Aesthetic Surgery": a capitalized detail
        // that ends a run of capitalized words inside a sentence names an organization.
        let organization_name = |range: &Range<usize>| {
            let (Some(first), Some(last)) = (
                segments.token_containing(range.start),
                segments.token_containing(range.end.saturating_sub(1)),
            ) else {
                return false;
            };
            let capital = |index: usize| {
                segments.tokens.get(index).is_some_and(|token| {
                    token.is_word
                        && normalized.is_capital(token.range.start)
                        && index > 0
                        && segments.tokens[index - 1].sentence == token.sentence
                })
            };
            let lowercase_words = lowercase_words[segments.tokens[first].sentence];
            // "at Lakeview Aesthetic Surgery", or "called Riverbend Chiropractic": two
            // capitalized words before, or one that is no first name and the detail
            // closing the run.
            let closes_run = !capital(last + 1);
            // ...but not a person's name ("Mr. Castellano's CHF").
            let named_before = || {
                let before = &segments.tokens[first - 1];
                let word = &normalized.as_str()[before.range.clone()];
                word.ends_with("'s")
                    || self.language.contains(List::FirstNames, word)
                    || identity_set.overlaps(&before.range)
            };
            // "our Tuesday DBT skills group": a day is no organization's name.
            let day_before = first >= 1 && {
                let word = &normalized.as_str()[segments.tokens[first - 1].range.clone()];
                self.language.contains(List::RecentTimes, word)
            };
            // "the River Dialysis family": the run closes on an organization's people.
            let people_after = segments.tokens.get(last + 1).is_some_and(|next| {
                let word = &normalized.as_str()[next.range.clone()];
                next.is_word
                    && (self.language.contains(List::OrganizationGroups, word)
                        || self.language.contains(List::SignOffNouns, word))
            });
            capital(first)
                && first >= 1
                && capital(first - 1)
                && !day_before
                && lowercase_words >= 3
                && ((first >= 2 && capital(first - 2))
                    || (closes_run && (people_after || !named_before())))
        };
        let name_part = |detail: &Detail| {
            let original = &text[normalized.original_range(detail.range.clone())];
            let mut letters = original.chars();
            let title_case = letters.next().is_some_and(char::is_uppercase)
                && letters.clone().count() >= 1
                && letters.all(char::is_lowercase);
            detail.strength == Strength::Weak
                && title_case
                && original.chars().count() <= 3
                && segments
                    .token_containing(detail.range.start)
                    .and_then(|first| first.checked_sub(1))
                    .and_then(|before| segments.tokens.get(before))
                    .is_some_and(|before| {
                        before.is_word && normalized.is_capital(before.range.start)
                    })
        };
        let career = |range: &Range<usize>| {
            segments
                .token_containing(range.end.saturating_sub(1))
                .and_then(|last| segments.tokens.get(last + 1))
                .is_some_and(|next| {
                    next.is_word
                        && self
                            .language
                            .contains(List::CareerNouns, &normalized.as_str()[next.range.clone()])
                })
        };
        let details: Vec<_> = details
            .into_iter()
            .filter(|detail| {
                !names.overlaps(&detail.range)
                    && !event_name(&detail.range)
                    && !organization_name(&detail.range)
                    // "our certified lactation consultant, Jess": a staff member's role.
                    && !staff_set.contains(&detail.range)
                    // "your CNA and hospice background": the person's work.
                    && !career(&detail.range)
                    // "the Maple Ct. clubhouse": a weak abbreviation written as a word
                    // after a capitalized one is part of a name.
                    && !name_part(detail)
            })
            .collect();
        // "As a counseling practice, we...": a detail in the practice's description of
        // itself is no one's health, unless it is tied to someone directly. "Our
        // infusion nurses" is not one: the team that cared for a person tells their care.
        let word_at = |index: usize| {
            segments
                .tokens
                .get(index)
                .filter(|token| token.is_word)
                .map(|token| &normalized.as_str()[token.range.clone()])
        };
        let self_description = |range: &Range<usize>| {
            let (Some(first), Some(last)) = (
                segments.token_containing(range.start),
                segments.token_containing(range.end.saturating_sub(1)),
            ) else {
                return SelfDescription::None;
            };
            // "as a counseling practice", "I'm the billing manager", "we're a pediatric
            // office": the writer saying what they are.
            let article = first.checked_sub(1).and_then(word_at);
            let said_of_self = first
                .checked_sub(2)
                .and_then(word_at)
                .is_some_and(|word| matches!(word, "i'm" | "am" | "as" | "we're" | "are"));
            let role = word_at(last + 1).is_some_and(|word| {
                self.language.contains(List::PlaceNouns, word)
                    || self.language.contains(List::StaffTitles, word)
            });
            // ("spent his last weeks with our hospice team" tells of a person's care.)
            let placed = first.checked_sub(2).and_then(word_at).is_some_and(|word| {
                matches!(word, "in" | "at" | "with" | "to" | "from" | "by" | "into")
            });
            if matches!(article, Some("our")) && role && !placed {
                SelfDescription::Ours
            } else if !role {
                SelfDescription::None
            } else if said_of_self && matches!(article, Some("the" | "a" | "an")) {
                SelfDescription::Said
            } else if matches!(article, Some("a" | "an")) {
                SelfDescription::Indefinite
            } else {
                SelfDescription::None
            }
        };
        let paragraph_breaks = normalized
            .as_str()
            .match_indices('\n')
            .map(|(at, _)| at)
            .filter(|&at| {
                let original = normalized.original_range(at..at + 1);
                text.get(original)
                    .is_some_and(|span| span.matches('\n').count() >= 2)
            })
            .collect();
        let tier = Tier::new(&self.language, normalized.as_str(), &segments, &identities)
            .with_paragraph_breaks(paragraph_breaks);
        let lexicons = self.matcher.lexicons();
        let span = |range: Range<usize>| {
            let original = normalized.original_range(range);
            Span {
                text: text[original.clone()].to_string(),
                range: original,
            }
        };
        let sentence_of = |at: usize| {
            segments
                .sentences
                .iter()
                .position(|sentence| sentence.start <= at && at < sentence.end)
        };
        // Each detail with its connection; a weak one tied only by its sentence waits
        // until the strong details of that sentence are known.
        // The practice's care and the person's visits, confirmed without a clinical word
        // ("we loved seeing your son"): tied directly, unless a term already covers them.
        let framed: Vec<(Detail, Connection)> =
            frames::find(&self.language, normalized.as_str(), &segments, &identities)
                .into_iter()
                .filter(|frame| {
                    // ("Our nurse visits the gentleman in the blue house": a weak word the
                    // frame holds does not cover it.)
                    !details.iter().any(|detail| {
                        detail.strength == Strength::Strong
                            && detail.range.start < frame.range.end
                            && frame.range.start < detail.range.end
                    })
                })
                .map(|frame| {
                    let lexicon = match frame.kind {
                        FrameKind::Care => self.frame_lexicons.0,
                        FrameKind::Visit => self.frame_lexicons.1,
                    };
                    let detail = Detail {
                        range: frame.range,
                        lexicon,
                        strength: Strength::Strong,
                    };
                    let connection = Connection {
                        tie: Tie::Direct,
                        identity: Some(frame.identity),
                    };
                    (detail, connection)
                })
                .collect();
        let mut connected = Vec::new();
        let mut tagged = Vec::new();
        let mut disclosed: Vec<(Option<usize>, Option<usize>)> = Vec::new();
        for (detail, connection) in &framed {
            disclosed.push((sentence_of(detail.range.start), connection.identity));
            connected.push((detail, *connection, false));
        }
        for detail in &details {
            // A weak word a care frame holds is reported once, as the frame.
            if framed.iter().any(|(frame, _)| {
                detail.range.start < frame.range.end && frame.range.start < detail.range.end
            }) {
                continue;
            }
            let info = &lexicons[detail.lexicon];
            let by_article = matches!(
                info.kind,
                Kind::Condition | Kind::Medication | Kind::Test | Kind::Billing | Kind::Visit
            );
            let Some(mut connection) = tier.connect(&detail.range, info.addressed, by_article)
            else {
                continue;
            };
            match self_description(&detail.range) {
                SelfDescription::Said => continue,
                SelfDescription::Indefinite if connection.tie != Tie::Direct => continue,
                // "our infusion suite just got an upgrade", "our NICU families": the
                // practice's own unit or service, told in a sentence of no one's.
                SelfDescription::Ours if connection.tie == Tie::Reply => continue,
                _ => {}
            }
            // In a text whose general knowledge is about no one (an answer to a public
            // question), a hashtag labels the topic ("#lipfiller"), not the person; in
            // a reply to someone it labels what was said to them ("ur new nose is
            // incredible 💕 #rhinoplasty").
            let hashtag = || {
                normalized
                    .hashtags()
                    .iter()
                    .any(|tag| tag.start <= detail.range.start && detail.range.end <= tag.end)
            };
            if connection.tie == Tie::Reply && identities.general_knowledge && hashtag() {
                connection.tie = Tie::General;
            } else if connection.tie == Tie::General && !identities.general_knowledge && hashtag() {
                tagged.push(connected.len());
            }
            let weak = detail.strength == Strength::Weak && connection.tie != Tie::Direct;
            if !weak
                && self
                    .choose_rule(detail.lexicon, info, connection.tie)
                    .is_some()
            {
                disclosed.push((sentence_of(detail.range.start), connection.identity));
            }
            connected.push((detail, connection, weak));
        }
        // The hashtags of a reply that tells the person addressed a detail of their
        // own label what was said to them.
        let told = connected.iter().any(|(_, connection, weak)| {
            !weak
                && connection.tie == Tie::Direct
                && connection
                    .identity
                    .is_some_and(|index| identities.list[index].kind == IdentityKind::Addressee)
        });
        if told {
            for index in tagged {
                connected[index].1.tie = Tie::Reply;
            }
        }
        let mut diagnostics = Vec::new();
        for (detail, connection, weak) in connected {
            let info = &lexicons[detail.lexicon];
            // A weak word counts in a sentence that already discloses a detail about the
            // same person: "your root canal went well and the crown fits" reads "crown"
            // in its dental sense.
            if weak
                && (connection.tie != Tie::Sentence
                    || !disclosed.contains(&(sentence_of(detail.range.start), connection.identity)))
            {
                continue;
            }
            let Some((rule, level)) = self.choose_rule(detail.lexicon, info, connection.tie) else {
                continue;
            };
            let primary = span(detail.range.clone());
            let identity = connection.identity.map(|index| {
                let found = &identities.list[index];
                IdentitySpan {
                    span: span(found.range.clone()),
                    kind: found.kind,
                }
            });
            let mut message = fill_message(
                &rule.rule.message,
                info,
                &primary.text,
                identity.as_ref(),
                connection.tie,
            );
            // A patient whose written authorization is on record: reported at info with
            // its reference, never dropped; an expired one is reported as unauthorized.
            let authorization = connection
                .identity
                .and_then(|index| self.authorization_of(text, &normalized, &identities, index));
            let mut level = level;
            if let Some(note) = &authorization {
                if note.valid {
                    level = Level::Info;
                    message.push_str(&format!(
                        " (authorized: {}, until {})",
                        note.reference, note.expires
                    ));
                } else {
                    message.push_str(&format!(
                        " (authorization {} expired {})",
                        note.reference, note.expires
                    ));
                }
            }
            diagnostics.push(Diagnostic {
                authorization,
                rule: rule.rule.id.clone(),
                name: rule.rule.name.clone(),
                level,
                kind: info.kind,
                sensitive: info.sensitive,
                tie: connection.tie,
                lexicon: info.qualified_name(),
                message,
                help: rule.rule.help.clone(),
                primary,
                identity,
            });
        }
        // Frames were tied before the terms; findings are reported in text order.
        diagnostics.sort_by_key(|diagnostic| diagnostic.primary.range.start);
        Report {
            diagnostics,
            anatomy,
        }
    }

    /// The authorization on record for the person identity `index` names (a pronoun's
    /// person is the one it refers back to): the full name, or the first name when no
    /// other person in the text has it.
    fn authorization_of(
        &self,
        text: &str,
        normalized: &Normalized,
        identities: &Identities,
        index: usize,
    ) -> Option<AuthorizationNote> {
        if self.authorized.is_empty() {
            return None;
        }
        let name_of = |range: &Range<usize>| {
            let original = &text[normalized.original_range(range.clone())];
            let lowered = original.to_lowercase();
            let trimmed = lowered
                .trim_end_matches("'s")
                .trim_end_matches('\u{2019}')
                .trim_matches(|c: char| !c.is_alphanumeric());
            trimmed.split_whitespace().collect::<Vec<_>>().join(" ")
        };
        let found = &identities.list[index];
        let person = name_of(found.referent.as_ref().unwrap_or(&found.range));
        let people: Vec<String> = identities
            .list
            .iter()
            .filter(|identity| {
                matches!(
                    identity.kind,
                    IdentityKind::Name | IdentityKind::Known | IdentityKind::Honorific
                )
            })
            .map(|identity| name_of(&identity.range))
            .collect();
        let record = self.authorized.iter().find(|record| {
            let full = record.name.to_lowercase();
            let full = full.split_whitespace().collect::<Vec<_>>().join(" ");
            let first = full.split(' ').next().unwrap_or_default();
            person == full
                || (person == first
                    && !people.iter().any(|other| {
                        other != &full && other != first && other.split(' ').next() == Some(first)
                    })
                    && !other_full_name(text, first, &full))
        })?;
        Some(AuthorizationNote {
            reference: record.reference.clone(),
            expires: record.expires.clone(),
            valid: record.expires.as_str() >= self.today.as_str(),
        })
    }

    fn choose_rule(
        &self,
        lexicon: LexiconId,
        info: &LexiconInfo,
        tie: Tie,
    ) -> Option<(&LoadedRule, Level)> {
        self.rules
            .iter()
            .enumerate()
            .filter_map(|(order, loaded)| {
                let level = loaded.level?;
                loaded
                    .covers(lexicon, info, tie)
                    .then_some((order, loaded, level))
            })
            .max_by_key(|&(order, loaded, level)| {
                (level, loaded.specificity, std::cmp::Reverse(order))
            })
            .map(|(_, loaded, level)| (loaded, level))
    }
}

/// The sentences of `segments` as byte ranges of the original `text`, without
/// surrounding white space, in order and never overlapping.
fn original_sentences(
    text: &str,
    normalized: &Normalized,
    segments: &Segments,
) -> Vec<Range<usize>> {
    segments
        .sentences
        .iter()
        .map(|range| {
            let original = normalized.original_range(range.clone());
            let slice = &text[original.clone()];
            let mut start = original.start + (slice.len() - slice.trim_start().len());
            let end = original.start + slice.trim_end().len();
            // A dash or bullet opening the line ("- Dana, Office Manager") belongs to
            // the sentence, though normalization reads it as a space.
            let line_start = text[..start].rfind(['\n', '\r']).map_or(0, |at| at + 1);
            let lead = &text[line_start..start];
            if !lead.is_empty()
                && lead
                    .chars()
                    .all(|c| c.is_whitespace() || matches!(c, '-' | '–' | '—' | '~' | '*' | '•'))
            {
                start = line_start + (lead.len() - lead.trim_start().len());
            }
            start..end.max(start)
        })
        .filter(|range| !range.is_empty())
        .fold(Vec::<Range<usize>>::new(), |mut ranges, range| {
            // A dash that normalization folded into a line break can be claimed by
            // both neighbours; it belongs to the line it opens.
            if let Some(previous) = ranges.last_mut() {
                if range.start < previous.end {
                    let kept = text[previous.start..range.start].trim_end();
                    previous.end = previous.start + kept.len();
                }
            }
            ranges.push(range);
            ranges
        })
        .into_iter()
        .filter(|range| !range.is_empty())
        .collect()
}

/// Whether `text` names someone else with the first name `first` (lowercase): the
/// first name followed by a capitalized word that does not continue `full` ("Harold
/// Smith" when the record is "harold jensen").
fn other_full_name(text: &str, first: &str, full: &str) -> bool {
    let lowered = text.to_lowercase();
    // Offsets of the lowercase text index the original only when lowercasing kept
    // every length; otherwise no full name is read (the first name then does not match
    // only if another identity carries it).
    if lowered.len() != text.len() {
        return false;
    }
    lowered.match_indices(first).any(|(at, _)| {
        let before = lowered[..at].chars().next_back();
        if before.is_some_and(char::is_alphanumeric) {
            return false;
        }
        let rest = &text[at + first.len()..];
        let Some(next) = rest.strip_prefix(' ') else {
            return false;
        };
        let word: String = next.chars().take_while(|c| c.is_alphabetic()).collect();
        let surname = full.split(' ').nth(1);
        word.starts_with(char::is_uppercase) && surname != Some(word.to_lowercase().as_str())
    })
}

/// Fills `{kind}`, `{text}`, `{identity}`, `{tie}` and `{category}` in a rule message.
fn fill_message(
    template: &str,
    info: &LexiconInfo,
    text: &str,
    identity: Option<&IdentitySpan>,
    tie: Tie,
) -> String {
    let identity_text = match identity {
        None => "the person addressed".to_string(),
        Some(identity) if identity.kind == IdentityKind::Addressee => {
            "the person addressed".to_string()
        }
        Some(identity) => format!("\"{}\"", identity.span.text),
    };
    let tie_text = match tie {
        Tie::Direct => "directly",
        Tie::Sentence => "in the same sentence",
        Tie::General => "as general knowledge",
        Tie::Reply => "elsewhere in the reply",
    };
    template
        .replace("{kind}", info.kind.describe())
        .replace("{text}", text)
        .replace("{identity}", &identity_text)
        .replace("{tie}", tie_text)
        .replace("{category}", info.sensitive.map_or("", |s| s.as_str()))
}

/// How a detail stands in the writer's description of themselves.
#[derive(Clone, Copy, PartialEq, Eq)]
enum SelfDescription {
    /// Not at all.
    None,
    /// "as a counseling practice": no one's, unless tied to someone directly.
    Indefinite,
    /// "I'm the billing manager": the writer's role, never anyone's health.
    Said,
    /// "our NICU", "our infusion suite": the practice's own unit or service, no one's
    /// unless a person is spoken of in its sentence.
    Ours,
}

#[cfg(test)]
mod tests {
    use super::*;

    const PACK: &str = r#"
pack: demo
version: 1
lexicons:
  procedures:
    kind: procedure
    strong: [root canal]
    weak: [crown]
    exceptions: [crown molding]
    weak_patterns: ['\$\d+']
  mind:
    kind: condition
    sensitive: mental-health
    strong: [depression]
rules:
  - id: DM101
    name: detail-tied
    level: error
    when: {tie: [direct, sentence]}
    message: "{kind} \"{text}\" is tied to {identity}"
  - id: DM102
    name: detail-in-reply
    level: warning
    when: {tie: reply}
    message: "{kind} in reply"
  - id: DM103
    name: sensitive-detail
    level: error
    when: {sensitive: true, tie: [direct, sentence, reply]}
    message: "protected {category}"
"#;

    fn engine(config: &Config) -> Result<Engine, Error> {
        Engine::new(vec![Pack::load("demo.yaml", PACK).unwrap()], config, &[])
    }

    /// Checks `text`; compares `(rule, level, matched text)` of each diagnostic.
    fn check(text: &str, expected: &[(&str, Level, &str)]) {
        let report = engine(&Config::default()).unwrap().check_text(text);
        let found: Vec<(&str, Level, &str)> = report
            .diagnostics
            .iter()
            .map(|d| (d.rule.as_str(), d.level, d.primary.text.as_str()))
            .collect();
        assert_eq!(found, expected, "{text:?}");
    }

    #[test]
    fn levels_follow_ties() {
        check(
            "Hi Jen, your Root Canal healed!",
            &[("DM101", Level::Error, "Root Canal")],
        );
        check(
            "Thanks Jen! A root canal takes an hour.",
            &[("DM102", Level::Warning, "root canal")],
        );
        check("We do root canals on Saturdays.", &[]);
    }

    #[test]
    fn weak_terms_need_a_direct_tie() {
        check(
            "Jen, your crown is ready",
            &[("DM101", Level::Error, "crown")],
        );
        check("Thanks Jen, the crown molding looks great", &[]);
        check("Hi Jen, the crown room is closed today", &[]);
    }

    /// Words that name the person are not details about them; a handle's words still are.
    #[test]
    fn names_are_not_details() {
        let pack = "pack: abbr\nversion: 1\nlexicons:\n  c:\n    kind: condition\n    strong: [ms, lifts]\nrules:\n  - id: AB101\n    name: tied\n    level: error\n    when: {tie: [direct, sentence, reply]}\n    message: m\n";
        let engine = Engine::new(
            vec![Pack::load("abbr.yaml", pack).unwrap()],
            &Config::default(),
            &[],
        )
        .unwrap();
        let found = |text: &str| -> Vec<String> {
            engine
                .check_text(text)
                .diagnostics
                .into_iter()
                .map(|d| d.primary.text)
                .collect()
        };
        assert_eq!(found("Ms. Jones, your MS is stable."), ["MS"]);
        assert_eq!(
            found("Great form, @chris.lifts.now! Your MS is stable."),
            ["lifts", "MS"]
        );
    }

    #[test]
    fn weak_terms_count_in_a_sentence_that_already_discloses() {
        check(
            "Jen, the root canal went well and the crown fits.",
            &[
                ("DM101", Level::Error, "root canal"),
                ("DM101", Level::Error, "crown"),
            ],
        );
        // Another sentence, or no strong detail: the weak word stays uncounted.
        check(
            "Jen, the root canal went well. The crown fits.",
            &[("DM101", Level::Error, "root canal")],
        );
        check("Jen, the crown fits.", &[]);
    }

    #[test]
    fn weak_patterns_count_like_weak_terms() {
        check(
            "Jen, your root canal was $900.",
            &[
                ("DM101", Level::Error, "root canal"),
                ("DM101", Level::Error, "$900"),
            ],
        );
        check("Jen, the raffle prize is $900.", &[]);
        check(
            "Jen, your $900 is refunded.",
            &[("DM101", Level::Error, "$900")],
        );
    }

    #[test]
    fn sensitive_details_escalate_and_the_specific_rule_wins() {
        check(
            "Thanks Jen! Depression is common.",
            &[("DM103", Level::Error, "Depression")],
        );
        check(
            "Jen, your depression",
            &[("DM103", Level::Error, "depression")],
        );
    }

    #[test]
    fn message_names_the_identity() {
        let report = engine(&Config::default())
            .unwrap()
            .check_text("Hi Jen, your root canal");
        assert_eq!(
            report.diagnostics[0].message,
            "procedure \"root canal\" is tied to the person addressed"
        );
        let report = engine(&Config::default())
            .unwrap()
            .check_text("So glad Jen's root canal went well");
        assert_eq!(
            report.diagnostics[0].message,
            "procedure \"root canal\" is tied to \"Jen's\""
        );
    }

    #[test]
    fn config_overrides_and_unknown_rules() {
        let mut config = Config::default();
        config.rules.push(crate::config::RuleOverride {
            rule: "DM101".into(),
            level: None,
            span: 0..0,
        });
        let report = engine(&config)
            .unwrap()
            .check_text("Hi Jen, your root canal");
        assert!(report.diagnostics.is_empty());
        config.rules.push(crate::config::RuleOverride {
            rule: "DM999".into(),
            level: None,
            span: 0..0,
        });
        let Err(Error::Source(errors)) = engine(&config) else {
            panic!("unknown rule accepted")
        };
        assert!(errors[0].message.contains("unknown rule `DM999`"));
    }

    #[test]
    fn duplicate_ids_and_unknown_lexicons_are_located() {
        let extra = "pack: extra\nversion: 1\nrules:\n  - id: DM101\n    name: again\n    level: error\n    when: {tie: direct, lexicons: [nope]}\n    message: m\n";
        let packs = vec![
            Pack::load("demo.yaml", PACK).unwrap(),
            Pack::load("extra.yaml", extra).unwrap(),
        ];
        let Err(Error::Source(errors)) = Engine::new(packs, &Config::default(), &[]) else {
            panic!("bad packs accepted")
        };
        assert!(errors[0].message.contains("duplicate rule id DM101"));
        assert_eq!(errors[0].line_column(), (4, 9));
    }
}
