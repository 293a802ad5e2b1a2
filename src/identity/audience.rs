//! The public "you": whether a text speaks to the public rather than one person.
//!
//! Owns the decision that a text with no named person addresses the public (a call to
//! action, "if you", a promotion, a hashtag, a question no one is asked) rather than answers
//! someone ("thanks", "your review", "you came in"); then "you" and "your son" are the
//! reader at large and not identities. The wording comes from the language pack.

use crate::language::{Language, List, Slot};

use super::{Finder, IdentityKind};

impl Finder<'_> {
    /// In a public post (no named person, nothing that answers someone, and wording that
    /// addresses the public: a call to action, "if you", a promotion), "you" is the
    /// reader at large: "Not sure which treatment is right for you?", "Bring your
    /// child's vaccine card". Such second-person references are not identities.
    pub(super) fn drop_generic_audience(&mut self) {
        if self.is_public_page() || self.organization_addressed {
            self.public = true;
            self.drop_second_person();
            return;
        }
        // A person described in a post ("a 34-year-old teacher") is written about, not
        // answered: it does not make "you" the person answered.
        // Nor does a name written about in the third person ("Mayor Whitfield has
        // proclaimed...", "Ray-Ban and Oakley frames"): only a name spoken to (greeted,
        // set off by punctuation, a handle, a pronoun's person) is the one answered.
        let named = self.identities.iter().any(|identity| {
            !matches!(
                identity.kind,
                IdentityKind::Addressee | IdentityKind::Relative | IdentityKind::Described
            ) && self.spoken_to(identity)
        });
        if named {
            return;
        }
        // Evaluated lazily: each marker is a full pass over the text.
        let text = self.text();
        let collective = collective_address_regex(self.language).is_match(text);
        // "Your back will thank you" thanks no one, and "call us if your child has a
        // fever" supposes a child rather than answers about one.
        let answers_someone = !collective
            && (self.endearment_vocative() || {
                // (Blanked to the same length, so offsets still point into the text.)
                let without = text
                    .replace("will thank you", "              ")
                    .replace("'ll thank you", "             ");
                let to_staff = self.sentences_to_staff();
                // "The good news: it's reversible" heads a point; "Thanks to Eastport
                // PD for sharing" thanks a partner in a post; "Get well soon, Priya!"
                // speaks to staff.
                reply_marker_regex(self.language)
                    .find_iter(&without)
                    .any(|found| {
                        let rest = &without[found.end()..];
                        let thanks_to = rest.starts_with(" to ")
                            && self.language.contains(List::ThanksOpeners, found.as_str());
                        let staff_sentence = self
                            .segments
                            .token_containing(found.start())
                            .is_some_and(|token| {
                                to_staff
                                    .get(self.segments.tokens[token].sentence)
                                    .copied()
                                    .unwrap_or(false)
                            });
                        !(self.after_conditional(&without[..found.start()])
                            || rest.starts_with(':')
                            || thanks_to
                            || staff_sentence)
                    })
            });
        if answers_someone {
            return;
        }
        // A hashtag ("#urgentcare") tags a post for the public.
        let addresses_public = collective
            || !self.normalized.hashtags().is_empty()
            || public_marker_regex(self.language).is_match(text)
            || self.opens_with_impersonal_question();
        if !addresses_public {
            return;
        }
        self.public = true;
        self.drop_second_person();
    }

    /// "A Tale of Two Stormy Nights", "Tri-County Home Health & Hospice": in a title
    /// line in title case, a capitalized word that is no known first name is the
    /// title's style, not a person. ("Patient Spotlight: Harold Jensen" keeps Harold.)
    pub(super) fn drop_title_words(&mut self) {
        let title_end = self.title_line_end();
        if title_end == 0 {
            return;
        }
        let segments = self.segments;
        let keep: Vec<bool> = self
            .identities
            .iter()
            .map(|identity| {
                if identity.kind != IdentityKind::Name
                    || self.normalized.original_range(identity.range.clone()).start >= title_end
                {
                    return true;
                }
                let first = segments.token_at_or_after(identity.range.start);
                self.is_first_name(self.word(first))
            })
            .collect();
        self.retain_where(&keep);
    }

    /// Where a title line in title case ends, as an original byte offset: a first line
    /// with another line after it, of three words or more, most of them capitalized. 0
    /// when the text has no such line.
    fn title_line_end(&self) -> usize {
        let start = self.original.len() - self.original.trim_start().len();
        let Some(line) = self.original[start..].lines().next() else {
            return 0;
        };
        let end = start + line.len();
        if self.original[end..].trim().is_empty() {
            return 0;
        }
        let words: Vec<&str> = line
            .split_whitespace()
            .filter(|word| word.chars().any(char::is_alphabetic))
            .collect();
        let capitalized = words
            .iter()
            .filter(|word| {
                word.trim_start_matches(|c: char| !c.is_alphanumeric())
                    .starts_with(char::is_uppercase)
            })
            .count();
        if words.len() >= 3 && capitalized * 5 >= words.len() * 3 {
            end
        } else {
            0
        }
    }

    /// "ur new nose is incredible babe", "Congrats mama!!": an endearment said to
    /// someone (after a comma, a greeting or the words it ends, before punctuation or
    /// the end) speaks to one person.
    fn endearment_vocative(&self) -> bool {
        let count = self.segments.tokens.len();
        (0..count).any(|index| {
            self.is_word(index)
                && self
                    .language
                    .contains(List::VocativeEndearments, self.word(index))
                && index > 0
                && self.segments.tokens[index - 1].sentence == self.segments.tokens[index].sentence
                // "to every mama!", "for our mamas" speak to a group.
                && !(self.is_word(index - 1)
                    && (self.language.contains(List::FunctionWords, self.word(index - 1))
                        || self
                            .language
                            .contains(List::GroupQuantifiers, self.word(index - 1))))
                && self
                    .segments
                    .tokens
                    .get(index + 1)
                    .is_none_or(|next| {
                        !next.is_word || next.sentence != self.segments.tokens[index].sentence
                    })
        })
    }

    /// "Welcome back, Carla, we missed your playlist!": in a sentence that speaks to a
    /// staff member by name (set off by a comma) and names no one else, "you" is them.
    pub(super) fn drop_you_to_staff(&mut self) {
        let segments = self.segments;
        let sentence_at = |at: usize| {
            segments
                .token_containing(at)
                .map(|token| segments.tokens[token].sentence)
        };
        let spoken_to = self.sentences_to_staff();
        if !spoken_to.contains(&true) {
            return;
        }
        let mut named = vec![false; segments.sentences.len()];
        for identity in &self.identities {
            if identity.kind.is_named() {
                if let Some(sentence) = sentence_at(identity.range.start) {
                    named[sentence] = true;
                }
            }
        }
        self.identities.retain(|identity| {
            let sentence = sentence_at(identity.range.start);
            !(identity.kind == IdentityKind::Addressee
                && sentence.is_some_and(|s| spoken_to[s] && !named[s]))
        });
    }

    /// "We offer nitrous and a 'raise your hand to stop' rule": a "you" inside a short
    /// quotation within a sentence is the quoted words' own, not the person answered.
    pub(super) fn drop_quoted_second_person(&mut self) {
        /// How many tokens a quotation may run on either side of the "you".
        const REACH: usize = 8;
        let segments = self.segments;
        let same_sentence = |a: usize, b: usize| {
            segments.tokens.get(a).map(|t| t.sentence) == segments.tokens.get(b).map(|t| t.sentence)
        };
        let keep: Vec<bool> = self
            .identities
            .iter()
            .map(|identity| {
                if identity.kind != IdentityKind::Addressee {
                    return false;
                }
                let at = segments.token_at_or_after(identity.range.start);
                let opened = (at.saturating_sub(REACH)..at)
                    .rev()
                    .take_while(|&back| same_sentence(back, at))
                    .find(|&back| self.is_quote(back));
                let closed = (at + 1..at + REACH)
                    .take_while(|&next| same_sentence(next, at))
                    .find(|&next| self.is_quote(next));
                // The opening quote starts a phrase (after a space or the start).
                opened.zip(closed).is_some_and(|(open, _)| {
                    let start = segments.tokens[open].range.start;
                    self.text()[..start]
                        .chars()
                        .next_back()
                        .is_none_or(|c| !c.is_alphanumeric())
                })
            })
            .map(|quoted: bool| !quoted)
            .collect();
        self.retain_where(&keep);
    }

    /// Whether `identity` may be the one spoken to: a handle, a pronoun, or a name set
    /// off by punctuation ("Thanks, Jen!", "Jen, so glad"), or any name in a text that
    /// opens with a greeting.
    fn spoken_to(&self, identity: &super::Identity) -> bool {
        if !matches!(
            identity.kind,
            IdentityKind::Name | IdentityKind::Honorific | IdentityKind::Known
        ) || self.greeted
        {
            return true;
        }
        let text = self.text();
        let before = text[..identity.range.start].trim_end();
        let after = text[identity.range.end..].trim_start();
        let first = self.segments.token_at_or_after(identity.range.start);
        let last = self
            .segments
            .token_at_or_after(identity.range.end)
            .saturating_sub(1)
            .max(first);
        // "Hi Mr. Delgado — your mother's...", "Lol Aiden the dog ate your retainer": a
        // name after a greeting, or near the start with no verb of its own.
        let greeted = before
            .rsplit(|c: char| !c.is_alphanumeric())
            .next()
            .is_some_and(|word| self.language.contains(List::Greetings, word));
        let verb = self.verb_after(last)
            || (self.is_word(last + 1)
                && !self.is_capitalized(last + 1)
                && (self.word(last + 1).ends_with("ed")
                    || matches!(
                        self.word(last + 1),
                        "has" | "have" | "will" | "would" | "can"
                    )));
        greeted
            || (first <= 2 && !verb)
            || before.ends_with([',', '!', '?', ':'])
            || after.starts_with([',', '!', '?'])
            || after.is_empty()
    }

    /// For each sentence, whether it speaks to a staff member by name, set off by a
    /// comma ("Welcome back, Carla!", "Get well soon, Priya!").
    fn sentences_to_staff(&self) -> Vec<bool> {
        let segments = self.segments;
        let text = self.text();
        let mut spoken_to = vec![false; segments.sentences.len()];
        for staff in &self.staff {
            let before = text[..staff.start].trim_end().ends_with(',');
            let after = text[staff.end..].trim_start().starts_with([',', '!', '.']);
            let sentence = segments
                .token_containing(staff.start)
                .map(|token| segments.tokens[token].sentence);
            if let (true, true, Some(sentence)) = (before, after, sentence) {
                if let Some(slot) = spoken_to.get_mut(sentence) {
                    *slot = true;
                }
            }
        }
        spoken_to
    }

    fn drop_second_person(&mut self) {
        self.identities.retain(|identity| {
            !matches!(
                identity.kind,
                IdentityKind::Addressee | IdentityKind::Relative
            )
        });
    }

    /// A page written for any reader, whatever "you" and "your" it holds: no greeting
    /// and no one named in its first sentence, and a title line ("Breast augmentation
    /// recovery, week by week"), the wording of an FAQ, guide or newsletter, or general
    /// knowledge in several sentences of a long text.
    fn is_public_page(&self) -> bool {
        if self.greeted {
            return false;
        }
        let first_end = self.segments.sentences.first().map_or(0, |s| s.end);
        // "Birth Center Blog - 'A Tale of Two Stormy Nights'", "Hiring: Hospice RN,
        // Tri-County Home Health": capitals in a title line are its style, not names.
        let title_end = self.title_line_end();
        let named_first = self.identities.iter().any(|identity| {
            identity.range.start < first_end
                && self.normalized.original_range(identity.range.clone()).start >= title_end
                && matches!(
                    identity.kind,
                    IdentityKind::Name
                        | IdentityKind::Handle
                        | IdentityKind::Honorific
                        | IdentityKind::Known
                )
        });
        if named_first {
            return false;
        }
        let mut lines = self
            .original
            .lines()
            .map(str::trim)
            .filter(|line| !line.is_empty());
        let titled = match (lines.next(), lines.next()) {
            (Some(first), Some(_)) => {
                first.chars().count() <= 90
                    && !first.ends_with(['.', '!', ','])
                    && first
                        .split_whitespace()
                        .filter(|word| word.chars().any(char::is_alphabetic))
                        .count()
                        >= 3
            }
            _ => false,
        };
        if titled {
            return true;
        }
        // A page is more than a line or two: a short reply is not one, and is spared
        // compiling the page wording.
        let text = self.text();
        if text.len() < 200 && !text.contains('\n') {
            return false;
        }
        if page_marker_regex(self.language).is_match(text) {
            return true;
        }
        self.text().len() > 300 && self.general_sentences().iter().filter(|&&g| g).count() >= 2
    }

    /// In a sentence that states general knowledge, a "you" in a conditional clause is
    /// anyone: "If you can't put weight on it, it's usually worth an x-ray", "when your
    /// child has a fever, most kids...". Those second-person references are dropped.
    pub(super) fn drop_conditional_you(&mut self) {
        self.drop_after_pivot();
        let general = self.general_sentences().to_vec();
        if !general.contains(&true) {
            return;
        }
        // In an answer to a question asked in public, "you" in a sentence of general
        // knowledge is anyone ("you might know it as Accutane"); "your" owning something
        // stays the person's.
        let candidate = self.identities.iter().any(|identity| {
            identity.kind == IdentityKind::Addressee
                && !identity.possessive
                && self
                    .segments
                    .token_containing(identity.range.start)
                    .is_some_and(|token| general[self.segments.tokens[token].sentence])
        });
        let answers_question =
            candidate && question_answer_regex(self.language).is_match(self.text());
        let mut conditional = vec![false; general.len()];
        for index in 1..self.segments.tokens.len() {
            let token = &self.segments.tokens[index];
            if token.is_word
                && general[token.sentence]
                && self.language.contains(List::SecondPerson, self.word(index))
                && self.is_word(index - 1)
                && self
                    .language
                    .contains(List::ConditionalLeads, self.word(index - 1))
            {
                conditional[token.sentence] = true;
            }
        }
        let segments = self.segments;
        self.identities.retain(|identity| {
            let second_person = matches!(
                identity.kind,
                IdentityKind::Addressee | IdentityKind::Relative
            );
            let sentence = segments
                .token_containing(identity.range.start)
                .map(|token| segments.tokens[token].sentence);
            let generic = sentence.is_some_and(|sentence| {
                conditional[sentence]
                    || (answers_question
                        && general[sentence]
                        && identity.kind == IdentityKind::Addressee
                        && !identity.possessive)
            });
            !(second_person && generic)
        });
    }

    /// "Thanks, Jasmine! Since so many people in the comments asked, a quick general
    /// explainer: leaking when you sneeze is common after pregnancy." From the sentence
    /// that turns a reply to the public on, "you" is any reader (unless its sentence
    /// speaks of "your" things or family), and the
    /// details there are general knowledge (see `finish`), unless a sentence names the
    /// person again.
    fn drop_after_pivot(&mut self) {
        if self.identities.is_empty() {
            return;
        }
        // Every turn holds one of the cue words: a text without one is spared compiling
        // the turns (a check's start-up).
        // ("anyone's" holds "anyone".)
        if !self.holds_word(List::AudiencePivotCues, 0..self.segments.tokens.len()) {
            return;
        }
        let Some(found) = audience_pivot_regex(self.language).find(self.text()) else {
            return;
        };
        let Some(pivot) = self
            .segments
            .tokens
            .get(self.segments.token_at_or_after(found.start()))
            .map(|token| token.sentence)
        else {
            return;
        };
        self.pivot = Some(pivot);
        self.pivot_at = Some(found.start());
        let segments = self.segments;
        let sentence_of = |identity: &super::Identity| {
            segments
                .token_containing(identity.range.start)
                .map(|token| segments.tokens[token].sentence)
        };
        // "Your hearing test results are in", "since your daughter was just in": a
        // sentence about the person's own things or family is still about them.
        let mut personal = vec![false; segments.sentences.len()];
        for identity in &self.identities {
            if identity.kind == IdentityKind::Relative
                || (identity.kind == IdentityKind::Addressee && identity.possessive)
            {
                if let Some(sentence) = sentence_of(identity) {
                    personal[sentence] = true;
                }
            }
        }
        self.identities.retain(|identity| {
            let reader = identity.kind == IdentityKind::Addressee && !identity.possessive;
            let general = sentence_of(identity)
                .is_some_and(|sentence| sentence >= pivot && !personal[sentence]);
            !(reader && general)
        });
    }

    /// Whether general knowledge stated in a sentence of its own is about no one here:
    /// the text answers a question asked in public ("Great question! Botox usually..."),
    /// or does not answer anything the person went through (no thanks, sympathy or
    /// reference to their review).
    pub(super) fn general_knowledge(&self) -> bool {
        let text = self.text();
        question_answer_regex(self.language).is_match(text) || !self.answers_experience()
    }

    /// Whether the text answers what the person went through: sympathy, wishes, "you
    /// came", or bare thanks ("Thank you Theresa! Echo results are usually posted within
    /// 48 hours" reads as being about Theresa). Thanks for a review, a recommendation or
    /// an invitation does not.
    fn answers_experience(&self) -> bool {
        let text = self.text();
        let language = self.language;
        if experience_marker_regex(language).is_match(text) {
            return true;
        }
        language
            .words_regex(Slot::ThanksOpeners, List::ThanksOpeners)
            .is_match(text)
            && !language
                .words_regex(Slot::ThanksReasons, List::ThanksReasons)
                .is_match(text)
    }

    /// A post that opens with a question in which no one is addressed ("Sore throat
    /// with fever and no cough? ...") speaks to the public.
    pub(super) fn opens_with_impersonal_question(&self) -> bool {
        let Some(first) = self.segments.sentences.first() else {
            return false;
        };
        // "Lost a tooth at home? 🦷": an emoji after the mark still ends a question.
        let question = self.text()[first.clone()]
            .trim_end_matches(|c: char| c.is_whitespace() || !(c.is_alphanumeric() || c.is_ascii()))
            .ends_with('?');
        // "Bleeding gums when you floss?": the reader may be in it after a conditional
        // lead, but no one else ("u ok?" asks someone).
        question
            && !self.identities.iter().any(|identity| {
                identity.range.start < first.end && !self.after_conditional_lead(identity)
            })
    }

    /// Whether `before` ends with a word that opens a conditional clause: a marker
    /// right after it ("if your child has a fever") is supposed, not told.
    fn after_conditional(&self, before: &str) -> bool {
        let trimmed = before.trim_end();
        trimmed.len() < before.len()
            && trimmed
                .rsplit(|c: char| !c.is_alphanumeric() && c != '\'')
                .next()
                .is_some_and(|word| self.language.contains(List::ConditionalLeads, word))
    }

    /// Whether the word before `identity` opens a conditional clause ("when you floss").
    fn after_conditional_lead(&self, identity: &super::Identity) -> bool {
        matches!(
            identity.kind,
            IdentityKind::Addressee | IdentityKind::Relative
        ) && self
            .segments
            .token_containing(identity.range.start)
            .and_then(|token| token.checked_sub(1))
            .is_some_and(|before| {
                self.is_word(before)
                    && self
                        .language
                        .contains(List::ConditionalLeads, self.word(before))
            })
    }
}

/// Wording that answers a particular person rather than addresses the public: the
/// `thanks_openers`, `thanks_reasons` or `reply_markers` anywhere, or "you" opening a clause with one of
/// `reply_marker_verbs`.
fn reply_marker_regex(language: &Language) -> &regex_lite::Regex {
    language.regex(Slot::ReplyMarkers, |language| {
        format!(
            r"\b(?:{}|{}|{})\b|(?:\A|[.!?,;]\s+)(?:you|u) (?:{})\b",
            language.alternation(List::ThanksOpeners),
            language.alternation(List::ThanksReasons),
            language.alternation(List::ReplyMarkers),
            language.alternation(List::ReplyMarkerVerbs)
        )
    })
}

/// Wording that answers what a particular person went through: the `reply_markers`
/// anywhere, or "you" opening a clause with one of `reply_marker_verbs`. Thanks alone
/// ("thanks for the review, Priya") is not: general knowledge after it is about no one.
fn experience_marker_regex(language: &Language) -> &regex_lite::Regex {
    language.regex(Slot::ExperienceMarkers, |language| {
        format!(
            r"\b(?:{})\b|(?:\A|[.!?,;]\s+)(?:you|u) (?:{})\b",
            language.alternation(List::ReplyMarkers),
            language.alternation(List::ReplyMarkerVerbs)
        )
    })
}

/// Wording that turns a reply to the public ("for anyone reading").
fn audience_pivot_regex(language: &Language) -> &regex_lite::Regex {
    language.words_regex(Slot::AudiencePivots, List::AudiencePivots)
}

/// Wording of a page written for any reader ("what to expect", "FAQ").
fn page_marker_regex(language: &Language) -> &regex_lite::Regex {
    language.words_regex(Slot::PageMarkers, List::PageMarkers)
}

/// Wording that answers a question asked in public ("great question", "for anyone
/// wondering").
fn question_answer_regex(language: &Language) -> &regex_lite::Regex {
    language.regex(Slot::QuestionAnswers, |language| {
        format!(
            r"\b(?:{}|{})\b",
            language.alternation(List::QuestionAnswers),
            language.alternation(List::AudiencePivots)
        )
    })
}

/// Thanks or greetings to a group ("Thank you, team", "Congrats to our nurses"): the
/// "you" that follows is that group, not a patient.
fn collective_address_regex(language: &Language) -> &regex_lite::Regex {
    language.regex(Slot::CollectiveAddress, |language| {
        let greetings = language.alternation(List::CollectiveGreetings);
        let lead = r",? (?:to )?(?:all )?(?:of )?(?:our |the |my )?";
        format!(
            // Thanks for the support, thanks to a group, or thanks to a named group
            // ("Thank you, Thursday Knitting Circle!").
            r"\b(?:{greetings}){lead}(?:{})|(?:{greetings}){lead}(?:{})\b|(?:{}),? (?:to )?(?:the )?(?:[\w']+ ){{0,3}}(?:{})\b",
            language.alternation(List::CollectiveReasons),
            language.alternation(List::CollectiveGroups),
            language.alternation(List::CollectiveThanks),
            language.alternation(List::GroupNames),
        )
    })
}

/// Wording that addresses the public: an imperative opening a sentence, a clause after a
/// colon or "=", or text after an emoji ("Heart Month ❤️ Know your numbers"), maybe
/// after a conjunction ("But wear them 22 hours a day", ", and know when your last
/// tetanus shot was") or a group spoken to ("Athletes, ask your PT about it"); a public
/// phrase anywhere; or "tips:".
fn public_marker_regex(language: &Language) -> &regex_lite::Regex {
    language.regex(Slot::PublicMarkers, |language| {
        let conjunctions = language.alternation(List::LeadingConjunctions);
        let adverbs = language.alternation(List::ImperativeAdverbs);
        format!(
            r"(?m)(?:(?:^|[.!?:=]\s+|[^\x00-\x7F]\s+)(?:(?:{conjunctions}) |[a-z]+s, )?|[,;]\s+(?:{conjunctions}) )(?:(?:{adverbs}) )?(?:{})\b|\b(?:{})\b|\btips?:",
            language.alternation(List::PublicImperatives),
            language.alternation(List::PublicPhrases)
        )
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every turn to the public holds a cue word, or the cue check would skip it: one
    /// example of each way the language pack words a turn.
    #[test]
    fn every_turn_holds_a_cue() {
        let language = Language::builtin();
        let turns = [
            "for anyone reading who is wondering",
            "for neighbors asking on this thread",
            "a quick general explainer",
            "a few general answers to the questions in the comments",
            "quick reminder for everyone",
            "a quick rundown",
            "since so many people asked",
            "because a bunch of parents wondered",
            "several of you have messaged",
            "here's the general timeline",
            "we want to explain how waits work in general",
            "for the rest of our community",
            "great question",
            "great q",
            "a common question",
            "thank you for asking",
            "thanks for the good questions",
            "you're not the only one asking",
            "to answer a few questions",
            "anyone curious",
            "we hear this a lot",
            "we get that question all the time",
            "so many patients ask",
            "people often ask",
            "frequently asked",
            "our faq",
            "we can't confirm or discuss anyone's care on yelp",
            "federal privacy law keeps us from discussing",
            "because we are bound by privacy law",
        ];
        for turn in turns {
            assert!(
                audience_pivot_regex(&language).is_match(turn),
                "{turn:?} is no turn"
            );
            let cued = turn
                .split(|c: char| !c.is_alphanumeric() && c != '\'')
                .any(|word| {
                    language.contains(
                        List::AudiencePivotCues,
                        super::super::strip_possessive(word),
                    )
                });
            assert!(cued, "{turn:?} holds no cue word");
        }
    }
}
