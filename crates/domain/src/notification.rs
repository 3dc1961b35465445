//! Notifications: the moments a person should hear of, each with its text in plain Russian and
//! the page of the cabinet it leads to. No SNILS and no birth date is ever part of a text.

use jiff::civil::Date;
use jiff::Timestamp;

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
}
