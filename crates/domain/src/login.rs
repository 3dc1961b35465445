//! Logins that people can read off a slip and type on a phone: the surname in Latin letters and
//! the initials, `ivanova.es`; a number is added when that one is taken.

use crate::person::FullName;

/// Russian letters in Latin, as passports write them (ICAO Doc 9303 as used since 2013),
/// simplified to what a keyboard has.
fn latin(c: char) -> &'static str {
    match c {
        'а' => "a",
        'б' => "b",
        'в' => "v",
        'г' => "g",
        'д' => "d",
        'е' | 'ё' | 'э' => "e",
        'ж' => "zh",
        'з' => "z",
        'и' => "i",
        'й' => "i",
        'к' => "k",
        'л' => "l",
        'м' => "m",
        'н' => "n",
        'о' => "o",
        'п' => "p",
        'р' => "r",
        'с' => "s",
        'т' => "t",
        'у' => "u",
        'ф' => "f",
        'х' => "kh",
        'ц' => "ts",
        'ч' => "ch",
        'ш' => "sh",
        'щ' => "shch",
        'ы' => "y",
        'ю' => "iu",
        'я' => "ia",
        '-' => "-",
        _ => "",
    }
}

fn transliterate(s: &str) -> String {
    s.to_lowercase().chars().map(latin).collect()
}

/// The preferred login for a person: `ivanova.es`. The n-th alternative adds `n + 1`.
pub fn candidate(name: &FullName, attempt: u32) -> String {
    let mut initials = String::new();
    for part in [Some(name.first()), name.middle()].into_iter().flatten() {
        if let Some(c) = part.chars().next() {
            initials.push_str(&transliterate(&c.to_string()).chars().take(1).collect::<String>());
        }
    }
    let surname = transliterate(name.last()).trim_matches('-').to_string();
    let base = if initials.is_empty() { surname } else { format!("{surname}.{initials}") };
    if attempt == 0 {
        base
    } else {
        format!("{base}{}", attempt + 1)
    }
}

/// A login typed by a person who hands it out (an operator's, say): Latin letters, digits,
/// dots, hyphens and underscores, from a letter to a letter or digit, 3 to 40 characters, kept
/// in lower case (logins are compared so).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Login(String);

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error(
    "логин — латинские буквы, цифры, точка, дефис; от 3 до 40 знаков, начинается с буквы, например moc.rzhev"
)]
pub struct LoginError;

impl Login {
    pub fn parse(input: &str) -> Result<Self, LoginError> {
        let s = input.trim().to_lowercase();
        let allowed = |c: char| c.is_ascii_lowercase() || c.is_ascii_digit() || matches!(c, '.' | '-' | '_');
        let first = s.chars().next().is_some_and(|c| c.is_ascii_lowercase());
        let last = s.chars().last().is_some_and(|c| c.is_ascii_alphanumeric());
        if (3..=40).contains(&s.len()) && first && last && s.chars().all(allowed) {
            Ok(Login(s))
        } else {
            Err(LoginError)
        }
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn typed_logins_are_latin_and_kept_in_lower_case() {
        for ok in ["moc.tver", "school.admin", "org7701234567", "ivanova.es2", "moc_rzhev-2"] {
            assert!(Login::parse(ok).is_ok(), "{ok}");
        }
        assert_eq!(Login::parse(" MOC.Rzhev ").unwrap().as_str(), "moc.rzhev");
        for bad in ["", "ab", "моц.тверь", "moc tver", "1moc", "moc.", "moc@tver"] {
            assert!(Login::parse(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn logins_read_like_the_name() {
        let n = FullName::parse("Иванова Елена Сергеевна").unwrap();
        assert_eq!(candidate(&n, 0), "ivanova.es");
        assert_eq!(candidate(&n, 1), "ivanova.es2");
        let n = FullName::parse("Щербакова-Жукова Юлия").unwrap();
        assert_eq!(candidate(&n, 0), "shcherbakova-zhukova.i");
        let n = FullName::parse("Ёлкин Яков Харитонович").unwrap();
        assert_eq!(candidate(&n, 0), "elkin.ik");
    }
}
