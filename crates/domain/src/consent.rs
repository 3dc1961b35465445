//! R05: the consent to the processing of personal data (152-ФЗ) given with every claim. The
//! text is versioned: a consent records the version it was given to, and a new wording gets a
//! new version (old ones stay here, since consents given to them stay valid).

/// The channel a consent was given by.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ConsentChannel {
    /// A checkbox in the personal cabinet (login with a password).
    Cabinet,
    /// A checkbox in the personal cabinet after «Войти через Госуслуги».
    Esia,
    /// A paper signed at an organization, recorded by its staff (variant 4).
    Paper,
}

impl ConsentChannel {
    pub fn code(self) -> &'static str {
        match self {
            ConsentChannel::Cabinet => "cabinet",
            ConsentChannel::Esia => "esia",
            ConsentChannel::Paper => "paper",
        }
    }

    pub fn parse(code: &str) -> Option<Self> {
        [ConsentChannel::Cabinet, ConsentChannel::Esia, ConsentChannel::Paper]
            .into_iter()
            .find(|c| c.code() == code)
    }

    pub fn title(self) -> &'static str {
        match self {
            ConsentChannel::Cabinet => "в личном кабинете",
            ConsentChannel::Esia => "в личном кабинете (вход через Госуслуги)",
            ConsentChannel::Paper => "на бумаге в организации",
        }
    }
}

/// The version of the consent text in force.
pub const CURRENT_VERSION: &str = "2026-09";

/// The texts by version; the last is in force.
const TEXTS: &[(&str, &str)] = &[("2026-09", TEXT_2026_09)];

/// The text of a version, if it exists.
pub fn text(version: &str) -> Option<&'static str> {
    TEXTS.iter().find(|(v, _)| *v == version).map(|(_, t)| *t)
}

/// The text in force.
pub fn current_text() -> &'static str {
    text(CURRENT_VERSION).expect("the current version has a text")
}

const TEXT_2026_09: &str = "\
Я, законный представитель ребёнка (или обучающийся, достигший 14 лет, — в отношении себя), \
в соответствии с Федеральным законом от 27.07.2006 № 152-ФЗ «О персональных данных» даю согласие \
оператору системы персонифицированного финансирования дополнительного образования детей \
региона, муниципальному опорному центру и организациям, в которых ребёнок обучается по \
дополнительным общеобразовательным программам, на обработку персональных данных ребёнка и \
моих персональных данных.

Перечень данных: фамилия, имя, отчество; дата рождения; СНИЛС; адрес проживания \
(муниципальное образование); контактный телефон и адрес электронной почты; сведения об \
обучении по дополнительным общеобразовательным программам; сведения о сертификате \
дополнительного образования, его номинале и использовании.

Цель обработки: выдача и учёт сертификата дополнительного образования, запись на обучение по \
дополнительным общеобразовательным программам и их оплата за счёт сертификата, учёт и \
отчётность о дополнительном образовании детей.

Действия с данными: сбор, запись, систематизация, накопление, хранение, уточнение, извлечение, \
использование, передача (предоставление, доступ) организациям, указанным выше, обезличивание, \
блокирование, удаление, уничтожение — с использованием средств автоматизации и без них.

Согласие действует до достижения ребёнком 18 лет и ещё 5 лет после этого (срок хранения \
документов об оплате). Я могу отозвать согласие письменным заявлением в муниципальный опорный \
центр; после отзыва сертификат перестаёт действовать, а ранее совершённые с ним действия \
остаются в силе.";

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn r05_the_current_text_exists_and_names_the_law() {
        assert!(current_text().contains("152-ФЗ"));
        assert_eq!(text("1999-01"), None);
    }

    #[test]
    fn channels_read_back() {
        for c in [ConsentChannel::Cabinet, ConsentChannel::Esia, ConsentChannel::Paper] {
            assert_eq!(ConsentChannel::parse(c.code()), Some(c));
        }
    }
}
