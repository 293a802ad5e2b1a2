//! The small vocabulary every other module speaks: kinds of detail, levels, ties and
//! protected categories.
//!
//! These are plain enums with stable lowercase names, shared by the pack schema, the
//! engine and every output format. Changing a name here changes the JSON contract.

use std::fmt;

use serde::{Deserialize, Serialize};

/// What a medical detail is about.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Kind {
    /// A condition, diagnosis or symptom.
    Condition,
    /// A procedure or treatment.
    Procedure,
    /// A medication or drug class.
    Medication,
    /// A test, screening or result.
    Test,
    /// An appointment or what happened at a visit.
    Visit,
    /// Billing, insurance or cost.
    Billing,
    /// Confirmation that someone is a patient.
    Relationship,
}

impl Kind {
    /// Every kind, in declaration order.
    pub const ALL: [Kind; 7] = [
        Kind::Condition,
        Kind::Procedure,
        Kind::Medication,
        Kind::Test,
        Kind::Visit,
        Kind::Billing,
        Kind::Relationship,
    ];

    /// The stable lowercase name used in packs and JSON.
    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Condition => "condition",
            Kind::Procedure => "procedure",
            Kind::Medication => "medication",
            Kind::Test => "test",
            Kind::Visit => "visit",
            Kind::Billing => "billing",
            Kind::Relationship => "relationship",
        }
    }

    /// A phrase for messages ("a procedure", "a relationship confirmation").
    pub fn describe(self) -> &'static str {
        match self {
            Kind::Condition => "condition",
            Kind::Procedure => "procedure",
            Kind::Medication => "medication",
            Kind::Test => "test",
            Kind::Visit => "visit detail",
            Kind::Billing => "billing detail",
            Kind::Relationship => "patient relationship",
        }
    }
}

impl fmt::Display for Kind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// How severe a diagnostic is. Ordered from least to most severe.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Level {
    /// Worth a look; never blocks by default.
    Info,
    /// Probably a leak.
    Warning,
    /// A leak.
    Error,
}

impl Level {
    /// The stable lowercase name.
    pub fn as_str(self) -> &'static str {
        match self {
            Level::Info => "info",
            Level::Warning => "warning",
            Level::Error => "error",
        }
    }
}

impl fmt::Display for Level {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// How a detail is connected to an identity. Ordered from weakest to strongest.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Tie {
    /// The detail is stated as general knowledge ("Botox usually takes 14 days") in a
    /// sentence of its own, in a text addressed to or about someone.
    General,
    /// The detail is elsewhere in a reply addressed to someone.
    Reply,
    /// The detail shares a sentence with an identity.
    Sentence,
    /// A possessive or an experience: "your implant", "you had Lasik".
    Direct,
}

impl Tie {
    /// Every tie, weakest first.
    pub const ALL: [Tie; 4] = [Tie::General, Tie::Reply, Tie::Sentence, Tie::Direct];

    /// The stable lowercase name.
    pub fn as_str(self) -> &'static str {
        match self {
            Tie::General => "general",
            Tie::Reply => "reply",
            Tie::Sentence => "sentence",
            Tie::Direct => "direct",
        }
    }
}

impl fmt::Display for Tie {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Categories of health information that carry extra legal protection.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Sensitive {
    /// Mental and behavioral health, psychotherapy.
    MentalHealth,
    /// Substance-use disorder treatment (42 CFR Part 2).
    SubstanceUse,
    /// Reproductive health: pregnancy, fertility, contraception, abortion.
    Reproductive,
    /// Sexually transmitted infections and sexual health.
    SexualHealth,
    /// HIV status and treatment.
    Hiv,
    /// Genetic tests and results.
    Genetic,
}

impl Sensitive {
    /// The stable kebab-case name.
    pub fn as_str(self) -> &'static str {
        match self {
            Sensitive::MentalHealth => "mental-health",
            Sensitive::SubstanceUse => "substance-use",
            Sensitive::Reproductive => "reproductive",
            Sensitive::SexualHealth => "sexual-health",
            Sensitive::Hiv => "hiv",
            Sensitive::Genetic => "genetic",
        }
    }

    /// Why the category is protected beyond ordinary health information.
    pub fn why(self) -> &'static str {
        match self {
            Sensitive::MentalHealth => {
                "mental-health diagnoses and psychotherapy carry extra protection under HIPAA's \
                 psychotherapy-notes rule and many state laws; OCR fined Manasa Health Center \
                 $30,000 in 2023 for Google review replies that disclosed patients' mental-health \
                 diagnoses and treatment"
            }
            Sensitive::SubstanceUse => {
                "substance-use disorder treatment records are protected by 42 CFR Part 2, which is \
                 stricter than HIPAA: even confirming that someone is in treatment is a disclosure"
            }
            Sensitive::Reproductive => {
                "reproductive health information (pregnancy, fertility, contraception, abortion) has \
                 extra federal and state protection, and disclosure can expose a patient to legal risk"
            }
            Sensitive::SexualHealth => {
                "sexually transmitted infections and sexual health are protected by many state laws \
                 beyond HIPAA, and disclosure carries stigma"
            }
            Sensitive::Hiv => {
                "HIV status and treatment are protected by specific state confidentiality laws, many \
                 with their own penalties, in addition to HIPAA"
            }
            Sensitive::Genetic => {
                "genetic information is protected by GINA and state genetic-privacy laws in addition \
                 to HIPAA; a result also discloses facts about relatives"
            }
        }
    }
}

impl fmt::Display for Sensitive {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}
