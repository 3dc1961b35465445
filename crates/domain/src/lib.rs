//! The domain of dopcert: plain types that cannot hold an invalid value, and the rules of
//! `DESIGN.md` as pure functions. No I/O, no framework types: everything here is unit-tested.
//!
//! Where each rule lives:
//! - R03 (eligibility by age) and R04's age part (self-claim from 14): [`eligibility`].
//! - R01, R02, R05, R06: the certificate use cases (app) over the store's unique constraints;
//!   the identity keys they match on ([`snils::Snils`], [`person::FullName`]) live here.
//! - R07 (money only for certified programs): [`program::ProgramStatus::takes_enrollments`] and
//!   the certification's state machine [`program::transition`].
//! - R08–R10 (money): [`money::Kopecks`]; the ledger is `dopcert_store::ledger`.
//!
//! How dates, instants, money and counts are written for people: [`format`].

pub mod audit;
pub mod bank;
pub mod certificate;
pub mod consent;
pub mod contact;
pub mod eligibility;
pub mod enrollment;
pub mod format;
pub mod ids;
pub mod inn;
pub mod login;
pub mod money;
pub mod municipality;
pub mod notification;
pub mod ogrn;
pub mod organization;
pub mod password;
pub mod period;
pub mod person;
pub mod program;
pub mod role;
pub mod snils;
pub mod time;

mod digits;
