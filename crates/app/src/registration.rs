//! Variant 4: a school, kindergarten or ДТДМ registers a child whose family has no account and
//! issues the certificate at once, on the parent's signed paper consent (a scan, or a checkbox
//! that the paper is on file). The child is found by R02 first, so a child who already exists is
//! linked, not duplicated; a near match is held for the municipal operator.

use dopcert_domain::certificate::Channel;
use dopcert_domain::consent::ConsentChannel;
use dopcert_domain::contact::{Email, Phone};
use dopcert_domain::eligibility::{self, Eligibility};
use dopcert_domain::ids::{MunicipalityId, OrganizationId, PersonId};
use dopcert_domain::organization::OrganizationKind;
use dopcert_domain::person::{BirthDate, FullName};
use dopcert_domain::role::Role;
use dopcert_domain::snils::Snils;
use dopcert_store::time::instant;
use dopcert_store::{certificate as store, identity, organization, person, AnyConnection, StoreError};
use serde_json::json;

use crate::audit::{self, Change};
use crate::auth::Actor;
use crate::certificate::{self, Attempt, Issue, Issued, Scan, Summary};
use crate::identify::{self, Described, Found, Hold};
use crate::App;

/// The largest scan accepted (a phone photo of a signed page).
pub const MAX_SCAN_BYTES: usize = 5 * 1024 * 1024;

/// The form as staff fill it in.
#[derive(Debug, Default, Clone)]
pub struct RegistrationInput {
    pub child_last: String,
    pub child_first: String,
    pub child_middle: String,
    pub birth_date: String,
    pub snils: String,
    pub parent_last: String,
    pub parent_first: String,
    pub parent_middle: String,
    pub parent_phone: String,
    pub parent_email: String,
    /// The signed paper consent is kept at the organization.
    pub paper_consent: bool,
}

/// A scanned consent as uploaded.
pub struct Upload {
    pub file_name: String,
    pub bytes: Vec<u8>,
}

use crate::form::Problems;
pub use crate::form::{FieldError, Problem};

#[derive(Debug, thiserror::Error)]
pub enum RegisterError {
    #[error("регистрировать детей могут сотрудники организации")]
    Forbidden,
    #[error("выдать сертификат при записи может школа, детский сад или дворец творчества (ДТДМ); другим организациям семья показывает уже полученный сертификат")]
    WrongKind,
    #[error("проверьте поля формы")]
    Invalid(Vec<FieldError>),
    #[error(transparent)]
    Store(#[from] StoreError),
}

#[derive(Debug, Clone)]
pub enum Registered {
    /// A new certificate was issued.
    Issued(Summary),
    /// The child already had a certificate (R01): shown when this organization issued it or the
    /// child is its pupil; otherwise only that it exists (the family knows the number).
    Existing(Option<Summary>),
    /// A similar child is in the registry: held for the municipal operator (R02).
    Held,
}

struct Checked {
    child: FullName,
    birth: BirthDate,
    snils: Option<Snils>,
    parent: FullName,
    phone: Option<Phone>,
    email: Option<Email>,
    scan: Option<(String, &'static str, Vec<u8>)>,
}

/// Whether the actor may register children here: staff of a school, kindergarten or ДТДМ.
pub async fn authorize(app: &App, actor: &Actor) -> Result<organization::Organization, RegisterError> {
    let org_id = staff_organization(actor)?;
    let org = {
        let mut conn = app.store.reader().await?;
        organization::get(&mut conn, &org_id).await?
    };
    if !matches!(
        org.kind,
        OrganizationKind::School | OrganizationKind::Kindergarten | OrganizationKind::CreativityCenter
    ) {
        return Err(RegisterError::WrongKind);
    }
    Ok(org)
}

pub async fn register(
    app: &App,
    actor: &Actor,
    input: &RegistrationInput,
    upload: Option<Upload>,
) -> Result<Registered, RegisterError> {
    let org = authorize(app, actor).await?;
    let org_id = org.id.clone();
    let today = app.clock.today();
    let c = check(input, upload, today)?;
    let mut optimistic = true;
    loop {
        let now = instant(app.clock.now());
        let mut tx = app.store.begin().await?;
        let place = Place { org: &org_id, municipality: &org.municipality_id, today, optimistic };
        match register_in(&mut tx, actor, &place, &c, &now).await? {
            Outcome::Done(s) => {
                tx.commit().await.map_err(StoreError::from)?;
                metrics::counter!("dopcert_certificates_issued_total").increment(1);
                tracing::info!(certificate = %s.number, funded = s.funded, channel = "organization", "certificate issued");
                return Ok(Registered::Issued(s));
            }
            Outcome::Existing(id, related) => {
                drop(tx);
                if !related {
                    return Ok(Registered::Existing(None));
                }
                let mut conn = app.store.reader().await?;
                return Ok(Registered::Existing(Some(certificate::summary_of(&mut conn, &id, today).await?)));
            }
            Outcome::Held => {
                tx.commit().await.map_err(StoreError::from)?;
                return Ok(Registered::Held);
            }
            // The last funded place went meanwhile: everything again, the careful way.
            Outcome::QuotaGone => optimistic = false,
        }
    }
}

/// Where the registration happens.
struct Place<'a> {
    org: &'a OrganizationId,
    municipality: &'a MunicipalityId,
    today: jiff::civil::Date,
    /// Funding written before the place is taken (see `certificate::IssueContext`).
    optimistic: bool,
}

fn staff_organization(actor: &Actor) -> Result<OrganizationId, RegisterError> {
    let r = actor.role();
    match (r.role, &r.organization_id) {
        (Role::OrganizationStaff | Role::OrganizationAdmin, Some(o)) => Ok(o.clone()),
        _ => Err(RegisterError::Forbidden),
    }
}

/// Every field checked at once, so the form shows all its problems together.
fn check(
    input: &RegistrationInput,
    upload: Option<Upload>,
    today: jiff::civil::Date,
) -> Result<Checked, RegisterError> {
    let mut p = Problems::default();
    let mut name_ok = true;
    for (field, value, optional) in [
        ("child_last", &input.child_last, false),
        ("child_first", &input.child_first, false),
        ("child_middle", &input.child_middle, true),
        ("parent_last", &input.parent_last, false),
        ("parent_first", &input.parent_first, false),
        ("parent_middle", &input.parent_middle, true),
    ] {
        if optional && value.trim().is_empty() {
            continue;
        }
        if let Err(e) = dopcert_domain::person::check_part(value) {
            p.add(field, e);
            name_ok = false;
        }
    }
    let child = if name_ok {
        FullName::new(&input.child_last, &input.child_first, Some(&input.child_middle)).ok()
    } else {
        None
    };
    let birth = match BirthDate::parse(&input.birth_date, today) {
        Ok(b) => match eligibility::eligibility(b.date(), today) {
            Eligibility::Eligible => Some(b),
            e => {
                p.add("birth_date", Problem::Age(e));
                None
            }
        },
        Err(e) => {
            p.add("birth_date", e);
            None
        }
    };
    let snils = match input.snils.trim() {
        "" => None,
        s => p.check("snils", Snils::parse(s)),
    };
    let parent = if name_ok {
        FullName::new(&input.parent_last, &input.parent_first, Some(&input.parent_middle)).ok()
    } else {
        None
    };
    let phone = match input.parent_phone.trim() {
        "" => None,
        phone => p.check("parent_phone", Phone::parse(phone)),
    };
    let email = match input.parent_email.trim() {
        "" => None,
        email => p.check("parent_email", Email::parse(email)),
    };
    if input.parent_phone.trim().is_empty() && input.parent_email.trim().is_empty() {
        p.add("parent_phone", Problem::ParentContactMissing);
    }
    let mut scan_refused = true;
    let scan = match upload.filter(|u| !u.bytes.is_empty()) {
        None => {
            scan_refused = false;
            None
        }
        Some(u) if u.bytes.len() > MAX_SCAN_BYTES => {
            p.add("scan", Problem::ScanTooLarge);
            None
        }
        Some(u) => match scan_type(&u.bytes) {
            Some(t) => Some((clean_file_name(&u.file_name), t, u.bytes)),
            None => {
                p.add("scan", Problem::ScanType);
                None
            }
        },
    };
    if scan.is_none() && !input.paper_consent && !scan_refused {
        p.add("consent", Problem::ConsentMissing);
    }
    match (child, birth, parent) {
        (Some(child), Some(birth), Some(parent)) if p.is_empty() => {
            Ok(Checked { child, birth, snils, parent, phone, email, scan })
        }
        _ => Err(RegisterError::Invalid(p.0)),
    }
}

/// The content type by the file's first bytes (not by what the browser claims).
fn scan_type(bytes: &[u8]) -> Option<&'static str> {
    if bytes.starts_with(b"%PDF-") {
        Some("application/pdf")
    } else if bytes.starts_with(&[0xFF, 0xD8, 0xFF]) {
        Some("image/jpeg")
    } else if bytes.starts_with(&[0x89, b'P', b'N', b'G', 0x0D, 0x0A, 0x1A, 0x0A]) {
        Some("image/png")
    } else {
        None
    }
}

fn clean_file_name(name: &str) -> String {
    let base = name.rsplit(['/', '\\']).next().unwrap_or("");
    let cleaned: String = base.chars().filter(|c| !c.is_control()).take(100).collect();
    if cleaned.trim().is_empty() {
        "согласие".into()
    } else {
        cleaned
    }
}

enum Outcome {
    Done(Summary),
    /// The existing certificate, and whether the organization has a relation to it.
    Existing(dopcert_domain::ids::CertificateId, bool),
    Held,
    QuotaGone,
}

async fn register_in(
    conn: &mut AnyConnection,
    actor: &Actor,
    place: &Place<'_>,
    c: &Checked,
    now: &str,
) -> Result<Outcome, StoreError> {
    let org = place.org;
    let mut municipality = place.municipality.clone();
    let described = Described { name: &c.child, birth: c.birth, snils: c.snils.as_ref() };
    let child = match identify::find(conn, &described).await? {
        Found::Known(id) => {
            if let Some(existing) = store::by_child(conn, &id).await? {
                let related = existing.organization_id.as_ref() == Some(org)
                    || person::is_pupil_of(conn, org, &id).await?;
                return Ok(Outcome::Existing(existing.id, related));
            }
            if identity::is_held(conn, &id).await? {
                return Ok(Outcome::Held);
            }
            // The certificate belongs where the child lives, when the registry knows it.
            if let Some(m) = person::get(conn, &id).await?.municipality_id {
                municipality = m;
            }
            id
        }
        Found::Unknown => {
            let p = person::NewPerson {
                name: &c.child,
                birth_date: Some(c.birth),
                snils: c.snils.as_ref(),
                municipality_id: Some(&municipality),
                phone: None,
                email: None,
            };
            person::insert(conn, &p, now).await?
        }
        Found::Near(existing) => {
            let parent = new_parent(conn, c, &municipality, now).await?;
            let hold = Hold {
                existing: &existing,
                parent: Some(&parent),
                municipality: Some(&municipality),
                source: "organization",
            };
            let claimed = identify::hold(conn, &described, &hold, now).await?;
            let change = Change::new("duplicate.hold", "person", claimed.as_str())
                .person(claimed.as_str())
                .organization(org.as_str())
                .municipality(municipality.as_str())
                .after(json!({"status": "held", "source": "organization"}));
            audit::record(conn, Some(actor), &change, now).await?;
            return Ok(Outcome::Held);
        }
    };
    let parent = parent_of(conn, &child, c, &municipality, now).await?;
    let mut ctx = certificate::issue_context(conn, &municipality, place.today).await?;
    if !place.optimistic {
        ctx.period_gone();
    }
    let issue = Issue {
        child: &child,
        municipality: &municipality,
        channel: Channel::Organization,
        organization: Some(org),
        account: &actor.account_id,
        consent_given_by: &parent,
        consent_channel: ConsentChannel::Paper,
        scan: c.scan.as_ref().map(|(name, t, bytes)| Scan { file_name: name, content_type: t, bytes }),
    };
    let keep = async |conn: &mut AnyConnection, s: &certificate::Summary| {
        certificate::record_issue(conn, Some(actor), &issue, s, now).await
    };
    match certificate::issue_in(conn, &issue, &ctx, now, keep).await? {
        Attempt::Done(Issued::New(s)) => Ok(Outcome::Done(s)),
        // Claimed by the family at this very moment: theirs to tell.
        Attempt::Done(Issued::Existing(id)) => Ok(Outcome::Existing(id, false)),
        Attempt::QuotaGone => Ok(Outcome::QuotaGone),
    }
}

/// The parent among the child's known parents by name, else a new person linked to the child.
async fn parent_of(
    conn: &mut AnyConnection,
    child: &PersonId,
    c: &Checked,
    municipality: &MunicipalityId,
    now: &str,
) -> Result<PersonId, StoreError> {
    let key = c.parent.match_key();
    if let Some(p) = person::parents_of(conn, child).await?.into_iter().find(|p| p.name.match_key() == key) {
        return Ok(p.id);
    }
    let parent = new_parent(conn, c, municipality, now).await?;
    person::link_guardian(conn, &parent, child, now).await?;
    Ok(parent)
}

async fn new_parent(
    conn: &mut AnyConnection,
    c: &Checked,
    municipality: &MunicipalityId,
    now: &str,
) -> Result<PersonId, StoreError> {
    let p = person::NewPerson {
        name: &c.parent,
        birth_date: None,
        snils: None,
        municipality_id: Some(municipality),
        phone: c.phone.as_ref().map(Phone::as_str),
        email: c.email.as_ref().map(Email::as_str),
    };
    person::insert(conn, &p, now).await
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;

    fn input() -> RegistrationInput {
        RegistrationInput {
            child_last: "Белова".into(),
            child_first: "Дарья".into(),
            birth_date: "12.04.2016".into(),
            parent_last: "Белова".into(),
            parent_first: "Ирина".into(),
            parent_phone: "8 912 345 67 89".into(),
            paper_consent: true,
            ..Default::default()
        }
    }

    fn fields(r: Result<Checked, RegisterError>) -> Vec<&'static str> {
        match r {
            Err(RegisterError::Invalid(e)) => e.into_iter().map(|e| e.field).collect(),
            Err(e) => panic!("{e}"),
            Ok(_) => vec![],
        }
    }

    #[test]
    fn a_clean_form_passes() {
        assert!(check(&input(), None, date(2026, 11, 25)).is_ok());
    }

    #[test]
    fn every_bad_field_is_named() {
        let bad = RegistrationInput {
            child_last: "Belova".into(),
            birth_date: "12.04.2030".into(),
            snils: "112-233-445 96".into(),
            parent_phone: "12345".into(),
            paper_consent: false,
            ..input()
        };
        assert_eq!(
            fields(check(&bad, None, date(2026, 11, 25))),
            vec!["child_last", "birth_date", "snils", "parent_phone", "consent"]
        );
    }

    #[test]
    fn r03_a_child_too_young_or_too_old_is_refused_with_the_reason() {
        let young = RegistrationInput { birth_date: "01.01.2023".into(), ..input() };
        assert_eq!(fields(check(&young, None, date(2026, 11, 25))), vec!["birth_date"]);
        let old = RegistrationInput { birth_date: "25.11.2008".into(), ..input() };
        assert_eq!(fields(check(&old, None, date(2026, 11, 25))), vec!["birth_date"]);
    }

    #[test]
    fn r05_consent_is_a_scan_or_the_checkbox_and_scans_are_checked_by_content() {
        let no_box = RegistrationInput { paper_consent: false, ..input() };
        let pdf = Upload { file_name: "C:\\скан.pdf".into(), bytes: b"%PDF-1.4 ...".to_vec() };
        let ok = check(&no_box, Some(pdf), date(2026, 11, 25)).unwrap();
        assert_eq!(ok.scan.as_ref().map(|s| (s.0.as_str(), s.1)), Some(("скан.pdf", "application/pdf")));
        let exe = Upload { file_name: "скан.pdf".into(), bytes: b"MZ\x90\x00".to_vec() };
        assert_eq!(fields(check(&no_box, Some(exe), date(2026, 11, 25))), vec!["scan"]);
        assert_eq!(fields(check(&no_box, None, date(2026, 11, 25))), vec!["consent"]);
    }
}
