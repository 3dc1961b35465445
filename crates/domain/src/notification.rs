//! Notifications: the moments a person should hear of, each with its text in plain Russian and
//! the page of the cabinet it leads to. No SNILS and no birth date is ever part of a text.
//! The values a text was written from are kept too ([`Values`]): the cabinet writes the text
//! again in the page's language (the e-mail and the API keep the Russian).

use jiff::civil::Date;
use jiff::Timestamp;
use serde::{Deserialize, Serialize};

use crate::format::{date_long, instant};
use crate::money::Kopecks;

/// What happened. In the cabinet every kind is shown; by e-mail, the kinds a person chose.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Kind {
    CertificateIssued,
    ApplicationAccepted,
    ApplicationRejected,
    WaitlistOffer,
    ContractEnding,
    PasswordReissued,
}

impl Kind {
    pub const ALL: [Kind; 6] = [
        Kind::CertificateIssued,
        Kind::ApplicationAccepted,
        Kind::ApplicationRejected,
        Kind::WaitlistOffer,
        Kind::ContractEnding,
        Kind::PasswordReissued,
    ];

    pub fn code(self) -> &'static str {
        match self {
            Kind::CertificateIssued => "certificate_issued",
            Kind::ApplicationAccepted => "application_accepted",
            Kind::ApplicationRejected => "application_rejected",
            Kind::WaitlistOffer => "waitlist_offer",
            Kind::ContractEnding => "contract_ending",
            Kind::PasswordReissued => "password_reissued",
        }
    }

    pub fn parse(code: &str) -> Option<Kind> {
        Kind::ALL.into_iter().find(|k| k.code() == code)
    }

    /// The checkbox's label in «Персональные настройки».
    pub fn title(self) -> &'static str {
        match self {
            Kind::CertificateIssued => "Выдан сертификат",
            Kind::ApplicationAccepted => "Заявка принята",
            Kind::ApplicationRejected => "Заявка отклонена",
            Kind::WaitlistOffer => "Освободилось место в группе, где ребёнок в очереди",
            Kind::ContractEnding => "Договор об обучении скоро заканчивается",
            Kind::PasswordReissued => "Выдан новый одноразовый пароль",
        }
    }
}

/// A notification's text: the subject (the e-mail's too), the body and the page it leads to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Note {
    pub kind: Kind,
    pub subject: String,
    pub body: String,
    /// A path of the site, e.g. `/applications`.
    pub link: String,
    /// What the text was written from: kept with the notification, so that the cabinet can
    /// write it again in the page's language (the stored subject and body, and the e-mail,
    /// are Russian).
    pub values: Values,
}

/// The values a notification's text is written from, one variant per [`Kind`]; stored as JSON
/// ([`Values::to_json`]). Dates and instants are ISO, money in kopecks.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Values {
    CertificateIssued {
        child: String,
        number: String,
        /// The nominal credited at once; none when the certificate is not funded yet.
        nominal: Option<i64>,
    },
    ApplicationAccepted {
        child: String,
        program: String,
        starts_on: Date,
    },
    ApplicationRejected {
        child: String,
        program: String,
        reason: String,
    },
    WaitlistOffer {
        child: String,
        program: String,
        until: Timestamp,
    },
    ContractEnding {
        child: String,
        program: String,
        ends_on: Date,
    },
    PasswordReissued {
        login: String,
    },
}

impl Values {
    pub fn kind(&self) -> Kind {
        match self {
            Values::CertificateIssued { .. } => Kind::CertificateIssued,
            Values::ApplicationAccepted { .. } => Kind::ApplicationAccepted,
            Values::ApplicationRejected { .. } => Kind::ApplicationRejected,
            Values::WaitlistOffer { .. } => Kind::WaitlistOffer,
            Values::ContractEnding { .. } => Kind::ContractEnding,
            Values::PasswordReissued { .. } => Kind::PasswordReissued,
        }
    }

    pub fn to_json(&self) -> String {
        serde_json::to_string(self).expect("plain strings, numbers and dates serialize")
    }

    /// None for what is not a notification's values (a row written before they were kept has
    /// none at all: its stored text is shown).
    pub fn from_json(json: &str) -> Option<Values> {
        serde_json::from_str(json).ok()
    }
}

/// Days before a contract's last day that the family hears it is ending.
pub const CONTRACT_ENDING_DAYS: i16 = 14;

pub fn certificate_issued(child: &str, number: &str, nominal: Option<Kopecks>) -> Note {
    let money = match nominal {
        Some(n) if n > Kopecks::ZERO => format!(" На сертификат зачислено {n}."),
        _ => " Пока сертификат действует для бесплатных (муниципальных) программ; номинал зачислят, \
              когда появятся места."
            .to_string(),
    };
    Note {
        kind: Kind::CertificateIssued,
        subject: format!("Выдан сертификат дополнительного образования № {number}"),
        body: format!("Ребёнок: {child}. Сертификат № {number} выдан.{money}"),
        link: format!("/certificates/{number}"),
        values: Values::CertificateIssued {
            child: child.into(),
            number: number.into(),
            nominal: nominal.filter(|n| *n > Kopecks::ZERO).map(Kopecks::get),
        },
    }
}

pub fn application_accepted(child: &str, program: &str, starts_on: Date) -> Note {
    Note {
        kind: Kind::ApplicationAccepted,
        subject: format!("Заявка принята: «{program}»"),
        body: format!(
            "Организация приняла заявку на программу «{program}». Ребёнок: {child}. \
             Договор действует с {}.",
            date_long(starts_on)
        ),
        link: "/applications".into(),
        values: Values::ApplicationAccepted { child: child.into(), program: program.into(), starts_on },
    }
}

pub fn application_rejected(child: &str, program: &str, reason: &str) -> Note {
    Note {
        kind: Kind::ApplicationRejected,
        subject: format!("Заявка отклонена: «{program}»"),
        body: format!(
            "Организация отклонила заявку на программу «{program}». Ребёнок: {child}. Причина: {reason}."
        ),
        link: "/applications".into(),
        values: Values::ApplicationRejected {
            child: child.into(),
            program: program.into(),
            reason: reason.into(),
        },
    }
}

pub fn waitlist_offer(child: &str, program: &str, until: Timestamp) -> Note {
    Note {
        kind: Kind::WaitlistOffer,
        subject: format!("Освободилось место: «{program}»"),
        body: format!(
            "В группе программы «{program}» освободилось место. Ребёнок: {child}. Подтвердите запись \
             до {} (время московское), иначе место перейдёт следующему в очереди.",
            instant(until)
        ),
        link: "/applications".into(),
        values: Values::WaitlistOffer { child: child.into(), program: program.into(), until },
    }
}

pub fn contract_ending(child: &str, program: &str, ends_on: Date) -> Note {
    let day = date_long(ends_on);
    Note {
        kind: Kind::ContractEnding,
        subject: format!("Договор заканчивается {day}: «{program}»"),
        body: format!(
            "Договор об обучении по программе «{program}» заканчивается {day}. Ребёнок: {child}. \
             Чтобы заниматься дальше, выберите программу в каталоге."
        ),
        link: "/applications".into(),
        values: Values::ContractEnding { child: child.into(), program: program.into(), ends_on },
    }
}

pub fn password_reissued(login: &str) -> Note {
    Note {
        kind: Kind::PasswordReissued,
        subject: "Выдан новый одноразовый пароль".into(),
        body: format!(
            "Для входа с логином {login} выдан новый одноразовый пароль; прежний больше не действует. \
             Если вы его не просили, обратитесь в организацию, которая его выдала."
        ),
        link: "/login".into(),
        values: Values::PasswordReissued { login: login.into() },
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;

    #[test]
    fn codes_read_back_and_titles_are_russian() {
        for k in Kind::ALL {
            assert_eq!(Kind::parse(k.code()), Some(k));
            assert!(k.title().chars().any(|c| ('а'..='я').contains(&c)));
        }
        assert_eq!(Kind::parse("spam"), None);
    }

    #[test]
    fn an_offer_says_its_deadline_in_moscow_time() {
        let until: Timestamp = "2026-11-28T15:00:00Z".parse().unwrap();
        let n = waitlist_offer("Семёнов Павел", "Судомоделирование", until);
        assert!(n.body.contains("до 28 ноября 2026, 18:00"), "{}", n.body);
        assert_eq!(n.link, "/applications");
    }

    #[test]
    fn money_and_dates_are_written_the_russian_way() {
        let n = certificate_issued("Семёнов Павел", "69-0000-0001-23", Some(Kopecks::from_rubles(5_000)));
        assert!(n.body.contains("5\u{a0}000,00\u{a0}₽"), "{}", n.body);
        assert_eq!(n.link, "/certificates/69-0000-0001-23");
        let e = contract_ending("Семёнов Павел", "Судомоделирование", date(2027, 5, 31));
        assert!(e.subject.contains("31 мая 2027"), "{}", e.subject);
    }

    #[test]
    fn values_are_kept_as_json_and_read_back() {
        let until: Timestamp = "2026-11-28T15:00:00Z".parse().unwrap();
        let notes = [
            certificate_issued("Семёнов Павел", "69-0000-0001-23", Some(Kopecks::from_rubles(5_000))),
            certificate_issued("Семёнов Павел", "69-0000-0001-23", Some(Kopecks::ZERO)),
            application_accepted("Семёнов Павел", "Судомоделирование", date(2026, 12, 1)),
            application_rejected("Семёнов Павел", "Судомоделирование", "нет мест"),
            waitlist_offer("Семёнов Павел", "Судомоделирование", until),
            contract_ending("Семёнов Павел", "Судомоделирование", date(2027, 5, 31)),
            password_reissued("semenova"),
        ];
        for n in notes {
            assert_eq!(n.values.kind(), n.kind);
            let json = n.values.to_json();
            assert_eq!(Values::from_json(&json), Some(n.values.clone()), "{json}");
        }
        let json = waitlist_offer("П", "С", until).values.to_json();
        assert!(
            json.contains("\"kind\":\"waitlist_offer\"") && json.contains("2026-11-28T15:00:00Z"),
            "{json}"
        );
        assert_eq!(Values::from_json("{}"), None);
    }
}
