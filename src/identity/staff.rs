//! Staff and providers: never identities.
//!
//! Owns finding the spans that belong to staff: names the config lists, titled names
//! ("Dr. Lee", "our hygienist Dana"), a name with a credential ("Sam Ortiz, LCSW"), a
//! staff word as a vocative ("Welcome back, doc!"), the writer introducing themself, a
//! partner thanked for hosting or donating, and sign-off lines. Identities found
//! later that overlap these spans are dropped. It finds no patients.

use crate::language::{Language, List, Slot};

use crate::anatomy::Anatomy;

use super::{name_phrases, strip_possessive, Finder, People};

impl Finder<'_> {
    pub(super) fn configured_staff(&mut self, people: &People) {
        for name in &people.staff {
            for phrase in name_phrases(self.language, name) {
                let ranges = self.phrase_ranges(&phrase);
                self.staff.extend(ranges);
            }
        }
    }

    /// "Dr. Lee", "Doctor Amy Chen", "our hygienist Dana", "Nurse Kim".
    pub(super) fn titled_staff(&mut self) {
        let count = self.segments.tokens.len();
        for index in 0..count {
            // "Welcome back, doc!": a staff word as a vocative speaks to staff.
            if self.is_word(index)
                && self
                    .language
                    .contains(List::StaffVocatives, self.word(index))
                && index > 0
                && self.punct(index - 1) == Some(",")
                && self
                    .segments
                    .tokens
                    .get(index + 1)
                    .is_none_or(|next| !next.is_word)
                // "Hi friends, Dr. Sam here": a title before a name, not a vocative.
                && !(self.punct(index + 1) == Some(".") && self.is_name_word(index + 2))
            {
                let span = self.segments.tokens[index].range.clone();
                self.staff.push(span);
                continue;
            }
            // "Sam Ortiz, LCSW" or "Priya Nair, DNP": a name followed by a credential.
            if self.is_credential(index) && index >= 2 && self.punct(index - 1) == Some(",") {
                let last = index - 2;
                let first = self.name_start(last);
                if self.is_name_word(last) {
                    let span = self.token_span(first, index);
                    self.staff.push(span);
                    self.add_staff_names(first, last);
                }
                continue;
            }
            // "Questions? Just ask Tyler", "call Lori at 555-0148": someone to contact.
            // ("ask Renee and she'll tell you" tells of someone, not whom to contact.)
            if self.is_word(index)
                && self
                    .language
                    .contains(List::StaffContactVerbs, self.word(index))
                && self.is_name_word(index + 1)
                && self.is_first_name(self.word(index + 1))
                && !(self.is_word(index + 2) && self.word(index + 2) == "and")
            {
                let span = self.segments.tokens[index + 1].range.clone();
                self.staff.push(span);
                self.add_staff_names(index + 1, index + 1);
                continue;
            }
            if !self.is_word(index) {
                continue;
            }
            // "our athletic trainers Brianna and Cole": a plural role, then names.
            let plural = !self.language.contains(List::StaffTitles, self.word(index))
                && self
                    .word(index)
                    .strip_suffix('s')
                    .is_some_and(|singular| self.language.contains(List::StaffTitles, singular));
            // "to charge nurses Tyrone and Bec": first names right after a plural role.
            let named_after =
                self.is_name_word(index + 1) && self.is_first_name(self.word(index + 1));
            if plural && (self.introduced_role(index) || named_after) {
                self.names_after_plural_role(index);
                continue;
            }
            if !self.language.contains(List::StaffTitles, self.word(index)) {
                continue;
            }
            // "Coach Burris of Westfield Middle", "Smile makeover complete for Coach
            // Rivera": a person of the town, not staff.
            if self.town_title(index) {
                continue;
            }
            // "Carla, our longest-serving aide": the name, then the role.
            self.name_before_role(index);
            let mut next = index + 1;
            let mut role_start = index;
            if self.punct(next) == Some(".") {
                next += 1;
            } else if self.punct(next) == Some(",")
                && (self.introduced_role(index)
                    // "a financial counselor, Ana, whose...": a name set off after a role
                    // with an article ("his counselor, Marcus," is his).
                    || (self.is_name_word(next + 1)
                        && matches!(self.punct(next + 2), Some(",") | Some(")"))
                        && (1..=3)
                            .map_while(|back| index.checked_sub(back))
                            .take_while(|&at| self.is_word(at))
                            .map(|at| self.word(at))
                            .find(|word| {
                                matches!(*word, "a" | "an" | "the" | "your" | "his" | "her" | "their" | "my")
                            })
                            .is_some_and(|word| matches!(word, "a" | "an" | "the"))))
            {
                // "Please welcome our newest PT, Marcus!", "our certified lactation
                // consultant, Jess": the role, then the name; the role is staff's too.
                next += 1;
                role_start = self.role_start(index);
            }
            let mut last = None;
            while next < count
                && self.is_name_word(next)
                && last.is_none_or(|l: usize| next - l == 1)
            {
                last = Some(next);
                next += 1;
            }
            if let Some(last) = last {
                let span = self.token_span(role_start, last);
                self.staff.push(span);
                self.add_staff_names(index + 1, last);
            }
        }
    }

    /// "Our injector Alexis let us film her own lip flip", "Meet Deshawn, our newest
    /// MA! He first came through our doors as a patient at 16": the staff member named
    /// last before the practice's care of them (in that sentence or the two before, not
    /// a doctor) is a patient of the practice, wherever named.
    pub(super) fn staff_treated_here(&mut self) {
        // (Most texts hold no cue: the markers' regex is not even built for them.)
        if self.staff_names.is_empty()
            || !self.holds_word(List::StaffCareCues, 0..self.segments.tokens.len())
        {
            return;
        }
        let language = self.language;
        let markers = language.regex(Slot::StaffCareMarkers, |language: &Language| {
            format!(r"\b(?:{})", language.alternation(List::StaffCareMarkers))
        });
        let text = self.text();
        let mut treated: Vec<String> = Vec::new();
        // "Coach Dempsey, who rolled into our Maple Ave clinic": staff by title who
        // visits is a patient.
        for index in 0..self.segments.tokens.len() {
            let titled = (1..=2)
                .filter_map(|back| index.checked_sub(back))
                .any(|at| {
                    self.is_word(at) && self.language.contains(List::CommunityTitles, self.word(at))
                });
            if titled
                && self.is_name_word(index)
                && self
                    .staff_names
                    .contains(strip_possessive(self.word(index)))
                && self.punct(index + 1) == Some(",")
                && self.is_word(index + 2)
                && self.word(index + 2) == "who"
                && self
                    .phrases_at(List::VisitVerbs, index + 3)
                    .next()
                    .is_some()
            {
                treated.push(strip_possessive(self.word(index)).to_string());
            }
        }
        for found in markers.find_iter(text) {
            let marker = self.segments.token_at_or_after(found.start());
            let Some(sentence) = self.segments.tokens.get(marker).map(|token| token.sentence)
            else {
                continue;
            };
            let named = (0..marker).rev().find(|&index| {
                self.segments.tokens[index].sentence + 2 >= sentence
                    && self.is_name_word(index)
                    && self
                        .staff_names
                        .contains(strip_possessive(self.word(index)))
                    && !index.checked_sub(1).is_some_and(|before| {
                        let title = if self.punct(before) == Some(".") {
                            before.checked_sub(1)
                        } else {
                            Some(before)
                        };
                        title.is_some_and(|t| {
                            self.is_word(t) && matches!(self.word(t), "dr" | "doctor")
                        })
                    })
            });
            let Some(named) =
                named.filter(|&index| self.segments.tokens[index].sentence + 2 >= sentence)
            else {
                continue;
            };
            treated.push(strip_possessive(self.word(named)).to_string());
        }
        for name in treated {
            let ranges = self.phrase_ranges(&name);
            self.staff.retain(|staff| {
                !ranges
                    .iter()
                    .any(|range| staff.start < range.end && range.start < staff.end)
            });
            self.staff_names.remove(&name);
            self.treated_staff.extend(ranges);
        }
    }

    /// Whether the staff-shaped title at token `title` names a person of the town
    /// rather than staff: a community title of someone else's organization ("Coach
    /// Burris of Westfield Middle"), or one not introduced as a role, not after a
    /// determiner or a modifier ("our coach", "health coach"), with a health detail in
    /// its sentence or, when the name ends that sentence, the next ("Smile makeover
    /// complete for Coach Rivera", "We see you, Coach T! Back at practice 3 weeks
    /// post-ACL").
    fn town_title(&self, title: usize) -> bool {
        if !self
            .language
            .contains(List::CommunityTitles, self.word(title))
        {
            return false;
        }
        if self.of_another_organization(title) {
            return true;
        }
        let modified = title.checked_sub(1).is_some_and(|before| {
            let word = self.word(before);
            self.is_word(before)
                && !self.is_capitalized(before)
                && (self.language.contains(List::PersonDeterminers, word)
                    || self.language.contains(List::ThirdPersonPossessives, word)
                    || self.language.contains(List::SecondPerson, word)
                    || word == "and"
                    || !self.language.contains(List::PhraseBreaks, word))
        });
        if self.introduced_role(title) || modified {
            return false;
        }
        let sentence = self.segments.tokens[title].sentence;
        let ends = (title + 1..title + 4)
            .find(|&at| !self.is_name_word(at))
            .is_some_and(|at| {
                matches!(self.punct(at), Some("!" | "."))
                    || self
                        .segments
                        .tokens
                        .get(at)
                        .is_none_or(|token| token.sentence != sentence)
            });
        let last = if ends {
            (sentence + 1).min(self.segments.sentences.len() - 1)
        } else {
            sentence
        };
        // "Patient of the Month 🏅 Coach Danny Ramirez!": a heading just before the
        // sentence the title opens.
        let opens = title == 0 || self.segments.tokens[title - 1].sentence != sentence;
        let first = if opens {
            sentence.saturating_sub(1)
        } else {
            sentence
        };
        self.overlaps_detail(
            &(self.segments.sentences[first].start..self.segments.sentences[last].end),
        )
    }

    /// Whether the names after the title at `title` are followed by "of" and a
    /// capitalized word: "Coach Burris of Westfield Middle".
    fn of_another_organization(&self, title: usize) -> bool {
        let mut next = title + 1;
        while self.is_name_word(next) && next <= title + 3 {
            next += 1;
        }
        // ("Coach Whitaker of the Ridgeview Rams".)
        let place = if self.word(next + 1) == "the" {
            next + 2
        } else {
            next + 1
        };
        next > title + 1
            && self.is_word(next)
            && matches!(self.word(next), "of" | "from")
            && self.is_word(place)
            && self.is_capitalized(place)
    }

    /// "our athletic trainers Brianna and Cole", "our hygienists, Dana, Kim and Lu":
    /// the names listed after a plural role are staff.
    fn names_after_plural_role(&mut self, title: usize) {
        let mut next = title + 1;
        if self.punct(next) == Some(",") {
            next += 1;
        }
        let mut last = None;
        while self.is_name_word(next) {
            last = Some(next);
            let joiner = next + 1;
            let joined = self.punct(joiner) == Some(",")
                || (self.is_word(joiner) && matches!(self.word(joiner), "and" | "&"))
                || self.punct(joiner) == Some("&");
            if !joined {
                break;
            }
            next = joiner + 1;
            if self.is_word(next) && self.word(next) == "and" {
                next += 1;
            }
        }
        if let Some(last) = last {
            let span = self.token_span(self.role_start(title), last);
            self.staff.push(span);
            self.add_staff_names(title + 1, last);
        }
    }

    /// The first token of the role phrase ending at token `title`: its introducer
    /// ("our certified lactation consultant").
    fn role_start(&self, title: usize) -> usize {
        (1..=3)
            .map_while(|back| title.checked_sub(back))
            .take_while(|&index| self.is_word(index))
            .filter(|&index| {
                self.language
                    .contains(List::StaffIntroductions, self.word(index))
            })
            .last()
            .unwrap_or(title)
    }

    /// Whether the staff role at token `title` is introduced as the practice's: "our"
    /// or "new" within the three words before it ("our newest PT", "our charge nurse").
    fn introduced_role(&self, title: usize) -> bool {
        (1..=3)
            .map_while(|back| title.checked_sub(back))
            .take_while(|&index| self.is_word(index))
            .any(|index| {
                self.language
                    .contains(List::StaffIntroductions, self.word(index))
            })
    }

    /// "Carla, our longest-serving aide", "Dana (our front desk lead)" or "Sarah is our
    /// newest hygienist": a name set off before the practice's role is staff.
    fn name_before_role(&mut self, title: usize) {
        let Some(our) = (1..=3)
            .map_while(|back| title.checked_sub(back))
            .take_while(|&index| self.is_word(index))
            .find(|&index| matches!(self.word(index), "our" | "my"))
        else {
            return;
        };
        let Some(mut last) = our.checked_sub(2) else {
            return;
        };
        // "Carla, our aide", "Dana (our lead)", "Sarah is our newest hygienist".
        let copula =
            self.is_word(our - 1) && self.language.contains(List::Copulas, self.word(our - 1));
        if !copula && !matches!(self.punct(our - 1), Some("," | "(")) {
            return;
        }
        // "Grace Adeyemi, M.S., CCC-SLP, our newest pathologist": past the credentials.
        let mut steps = 0;
        while self.is_credential_part(last) {
            if steps == 8 || last == 0 {
                return;
            }
            last -= 1;
            steps += 1;
        }
        if !self.is_name_word(last) {
            return;
        }
        let first = self.name_start(last);
        let span = self.token_span(first, title);
        self.staff.push(span);
        self.add_staff_names(first, last);
    }

    /// The first word of a name of up to three words ending at token `last`, not
    /// reaching back past its sentence's start ("Sam Ortiz" in "Sam Ortiz, LCSW").
    fn name_start(&self, last: usize) -> usize {
        let mut first = last;
        while first > 0
            && last - first < 2
            && self.is_name_word(first - 1)
            && !self.is_sentence_start(first)
        {
            first -= 1;
        }
        first
    }

    /// Whether token `index` belongs to a credential written after a name: punctuation,
    /// or a short word in capitals ("M", "S", "CCC", "SLP").
    fn is_credential_part(&self, index: usize) -> bool {
        !self.is_word(index)
            || (self.is_all_caps(index) && self.word(index).chars().count() <= 4)
            || self.language.contains(List::Credentials, self.word(index))
    }

    /// Marks the words of tokens `first..=last`, a staff member's name, as staff
    /// wherever they appear in the reply ("Our midwife Carly ... congratulations, Carly!").
    pub(super) fn add_staff_names(&mut self, first: usize, last: usize) {
        let names: Vec<String> = (first..=last)
            .filter(|&token| self.is_name_word(token))
            .map(|token| strip_possessive(self.word(token)).to_string())
            .collect();
        for name in names {
            if self.staff_names.insert(name.clone()) {
                let ranges = self.phrase_ranges(&name);
                self.staff.extend(ranges);
            }
        }
    }

    /// Whether token `index` is a credential written as one ("LCSW", "PsyD"), standing
    /// before punctuation or the end of the text.
    /// A credential the list does not know counts when written in capitals, two to six
    /// letters, and not a first name ("CMRS", "AGNP-C"); a "-C" or "-BC" suffix is part of it.
    pub(super) fn is_credential(&self, index: usize) -> bool {
        if !self.is_word(index) || !self.is_capitalized(index) {
            return false;
        }
        let word = self.word(index);
        let known = self.language.contains(List::Credentials, word);
        let capitals = self.is_all_caps(index)
            && (2..=6).contains(&word.len())
            && word.chars().all(|c| c.is_ascii_alphabetic())
            && !self.is_first_name(word);
        if !known && !capitals {
            return false;
        }
        // "Carla Mendes, RN on earning her certification": a known credential in
        // capitals is one whatever follows.
        if known && self.is_all_caps(index) && word.len() >= 2 {
            return true;
        }
        let mut next = index + 1;
        if self.is_word(next)
            && self
                .language
                .contains(List::CredentialSuffixes, self.word(next))
            && self.is_all_caps(next)
        {
            next += 1;
        }
        self.segments
            .tokens
            .get(next)
            .is_none_or(|token| !token.is_word)
    }

    /// "Thank you, Dorothy, for inviting us to speak", "First Baptist let us use their
    /// lot (thank you, Pastor Greg!)": names in a sentence that thanks a partner for
    /// hosting, organizing or donating are partners of the practice, not patients.
    pub(super) fn partners(&mut self) {
        let language = self.language;
        // Without a cue word no reason can match: spare compiling the patterns.
        if !self.holds_word(List::PartnerReasonCues, 0..self.segments.tokens.len()) {
            return;
        }
        let thanks = language.words_regex(Slot::PartnerThanks, List::PartnerThanks);
        let reasons = language.words_regex(Slot::PartnerReasons, List::PartnerReasons);
        let text = self.text();
        let count = self.segments.sentences.len();
        let said = |sentence: usize, regex: &regex_lite::Regex| {
            regex.is_match(&text[self.segments.sentences[sentence].clone()])
        };
        // ("Huge thank you to Tamsin, who brought her 6-week-old back to meet the
        // nurses who got her through her postpartum hemorrhage": a patient.)
        let partner = |sentence: usize| {
            said(sentence, reasons)
                && said(sentence, thanks)
                && !self.overlaps_detail(&self.segments.sentences[sentence])
        };
        let opens_with_partner = (0..count.min(2)).any(partner);
        let mut sentences: Vec<usize> = Vec::new();
        for sentence in 0..count {
            if partner(sentence) {
                // "Hi Danielle! Thank you so much for inviting us": the greeting before.
                if sentence > 0 {
                    sentences.push(sentence - 1);
                }
                sentences.push(sentence);
            } else if opens_with_partner
                && said(sentence, thanks)
                && !self.overlaps_detail(&self.segments.sentences[sentence])
            {
                // "Thanks again to Becca and the Ironworks crew": a text that opened by
                // thanking a partner thanks partners, but not with a health detail ("a
                // shoutout to Eli, who finished his concussion protocol" is a patient).
                sentences.push(sentence);
            }
        }
        if sentences.is_empty() {
            return;
        }
        let mut marked = vec![false; count];
        for sentence in sentences {
            marked[sentence] = true;
        }
        let names: Vec<usize> = (0..self.segments.tokens.len())
            .filter(|&index| {
                marked[self.segments.tokens[index].sentence]
                    && self.is_name_word(index)
                    && self.may_be_name(index)
            })
            .collect();
        for index in names {
            self.staff.push(self.segments.tokens[index].range.clone());
            self.add_staff_names(index, index);
        }
    }

    /// "STAFF SPOTLIGHT: Meet Jenna!", "Volunteer Spotlight: Dolores Fitch": in a text
    /// whose first sentence announces staff or volunteers, the names are staff's. A
    /// person the practice cares for in it is still found by the care frames.
    pub(super) fn staff_pages(&mut self) {
        let Some(first) = self.segments.sentences.first() else {
            return;
        };
        let first_sentence = self
            .segments
            .tokens
            .partition_point(|token| token.sentence == 0);
        if !self.holds_word(List::StaffPageCues, 0..first_sentence) {
            return;
        }
        let title = self
            .language
            .words_regex(Slot::StaffPageTitles, List::StaffPageTitles);
        // The title heads the text: "Meet the team!", "STAFF SPOTLIGHT: Jenna", not
        // "...who brought her baby back to meet the nurses".
        let heads = title.find_iter(&self.text()[first.clone()]).any(|found| {
            let at = self.segments.token_at_or_after(first.start + found.start());
            (0..at).filter(|&index| self.is_word(index)).count() <= 3
        });
        if !heads {
            return;
        }
        // "What most of you don't know is that she's sat on the other side": staff who
        // were patients here are found as anyone else.
        let patient = self
            .language
            .regex(Slot::StaffPatientMarkers, |language: &Language| {
                format!(r"\b(?:{})", language.alternation(List::StaffPatientMarkers))
            });
        if patient.is_match(self.text()) {
            return;
        }
        let names: Vec<usize> = (0..self.segments.tokens.len())
            .filter(|&index| self.is_name_word(index) && self.may_be_name(index))
            .collect();
        for index in names {
            self.staff.push(self.segments.tokens[index].range.clone());
        }
    }

    /// "I'm Angela, the office manager here": the writer introducing themself is staff
    /// ("This is Mateo" introduces a patient in a post). "Lorraine Hu in billing can be reached at ...":
    /// someone to reach is staff.
    pub(super) fn writers_and_contacts(&mut self) {
        let count = self.segments.tokens.len();
        for index in 0..count {
            if !self.is_word(index) {
                continue;
            }
            let word = self.word(index);
            // "Bea here from Maple Counseling": a name opening a sentence or a clause, then
            // "here".
            if (self.is_sentence_start(index) || (index > 0 && self.punct(index - 1) == Some(",")))
                && self.is_name_word(index)
                && self.is_first_name(word)
                && self.is_word(index + 1)
                && self.word(index + 1) == "here"
            {
                self.staff.push(self.segments.tokens[index].range.clone());
                self.add_staff_names(index, index);
                continue;
            }
            // "Kelsey will be covering her schedule", "Jess from our Elm St office will
            // cover": a colleague's duties.
            if self.is_name_word(index)
                && self.may_be_name(index)
                && (index + 1..index + 7)
                    .take_while(|&at| {
                        at == index + 1 || matches!(self.word(index + 1), "from" | "at" | "in")
                    })
                    .any(|at| self.phrases_at(List::StaffDuties, at).next().is_some())
            {
                self.staff.push(self.segments.tokens[index].range.clone());
                self.add_staff_names(index, index);
                continue;
            }
            let intro = match word {
                "i'm" | "im" => Some(index + 1),
                "i" if self.is_word(index + 1) && self.word(index + 1) == "am" => Some(index + 2),
                _ => None,
            };
            if let Some(name) = intro {
                if self.is_name_word(name) && self.is_first_name(self.word(name)) {
                    let mut last = name;
                    while self.is_name_word(last + 1) && last < name + 2 {
                        last += 1;
                    }
                    self.staff.push(self.token_span(name, last));
                    self.add_staff_names(name, last);
                }
                continue;
            }
            // "can be reached", "may be reached": the name a few words before.
            if word == "reached"
                && index >= 3
                && self.is_word(index - 1)
                && self.word(index - 1) == "be"
                && self.is_word(index - 2)
                && matches!(self.word(index - 2), "can" | "may" | "could")
            {
                let sentence = self.segments.tokens[index].sentence;
                let found = (index.saturating_sub(8)..index - 2)
                    .filter(|&at| {
                        self.segments.tokens[at].sentence == sentence
                            && self.is_name_word(at)
                            && self.may_be_name(at)
                    })
                    .collect::<Vec<_>>();
                for at in found {
                    self.staff.push(self.segments.tokens[at].range.clone());
                    self.add_staff_names(at, at);
                }
            }
        }
    }

    /// Sign-off lines at the end of a reply ("- Dana", "Best, Dr. Lee", "The Smile
    /// Team"), as the reply's anatomy found them.
    pub(super) fn sign_offs(&mut self, anatomy: &Anatomy) {
        for line in &anatomy.sign_off {
            let from = self.normalized_offset(line.start);
            let to = self.normalized_offset(line.end);
            self.staff.push(from..to);
        }
    }
}
