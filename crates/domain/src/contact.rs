//! Contacts of a person: a Russian phone number and an email address, as people type them.

use std::fmt;

/// A Russian mobile or landline number, kept as `+7XXXXXXXXXX`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Phone(String);

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ContactError {
    #[error("телефон — 10 цифр после +7 или 8, например +7 912 345-67-89")]
    Phone,
    #[error("адрес электронной почты записывается как name@example.ru")]
    Email,
}

impl Phone {
    /// Accepts `+7 (912) 345-67-89`, `8 912 345 67 89`, `9123456789`.
    pub fn parse(input: &str) -> Result<Self, ContactError> {
        let s = input.trim();
        if !s.chars().all(|c| c.is_ascii_digit() || " +-()".contains(c)) || s.matches('+').count() > 1 {
            return Err(ContactError::Phone);
        }
        let digits: String = s.chars().filter(char::is_ascii_digit).collect();
        let national = match (digits.len(), digits.chars().next()) {
            (11, Some('7' | '8')) => &digits[1..],
            (10, _) => &digits[..],
            _ => return Err(ContactError::Phone),
        };
        if s.starts_with('+') && !digits.starts_with('7') {
            return Err(ContactError::Phone);
        }
        Ok(Phone(format!("+7{national}")))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for Phone {
    /// «+7 912 345-67-89».
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let d = &self.0[2..];
        write!(f, "+7 {} {}-{}-{}", &d[0..3], &d[3..6], &d[6..8], &d[8..10])
    }
}

/// An email address: one `@`, something before it, a dotted domain after it, no spaces.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Email(String);

impl Email {
    pub fn parse(input: &str) -> Result<Self, ContactError> {
        let s = input.trim();
        let (local, domain) = s.split_once('@').ok_or(ContactError::Email)?;
        let ok = !local.is_empty()
            && s.len() <= 254
            && !domain.contains('@')
            && domain.contains('.')
            && !domain.starts_with('.')
            && !domain.ends_with('.')
            && !s.chars().any(|c| c.is_whitespace() || c.is_control());
        if ok {
            Ok(Email(s.to_lowercase()))
        } else {
            Err(ContactError::Email)
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
    fn phones_as_people_type_them() {
        for typed in ["+7 (912) 345-67-89", "8 912 345 67 89", "9123456789", "+79123456789"] {
            assert_eq!(Phone::parse(typed).unwrap().as_str(), "+79123456789", "{typed}");
        }
        assert_eq!(Phone::parse("89123456789").unwrap().to_string(), "+7 912 345-67-89");
        for bad in ["", "12345", "+1 912 345 67 89", "8 912 345 67 89 0", "позвонить", "+7+9123456789"]
        {
            assert_eq!(Phone::parse(bad), Err(ContactError::Phone), "{bad}");
        }
    }

    #[test]
    fn emails() {
        assert_eq!(Email::parse(" Mama@Mail.RU ").unwrap().as_str(), "mama@mail.ru");
        for bad in ["", "mama", "@mail.ru", "mama@mail", "ma ma@mail.ru", "a@b@c.ru", "mama@.ru"] {
            assert_eq!(Email::parse(bad), Err(ContactError::Email), "{bad}");
        }
    }
}
