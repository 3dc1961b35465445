//! A period's nominals (R06): what a funded certificate is credited, by the child's age group
//! and, where the municipality decides so, more for a child with disabilities (ОВЗ).

use serde::{Deserialize, Serialize};

use crate::eligibility::{MAX_AGE_EXCLUSIVE, MIN_AGE};
use crate::money::Kopecks;

/// The age groups a municipality sets nominals for: preschool, primary and middle school,
/// senior school. Fixed for the region, so that municipalities' figures compare.
pub const AGE_GROUPS: [(i16, i16); 3] = [(5, 6), (7, 13), (14, 17)];

/// The least nominal that makes sense: a certificate with money must pay for something.
pub const MIN_NOMINAL: Kopecks = Kopecks::from_rubles(100);
/// The most: about ten times the largest nominal any region gives; anything above is a typo
/// (an extra zero or two).
pub const MAX_NOMINAL: Kopecks = Kopecks::from_rubles(1_000_000);

/// The nominal of one age group, `from` to `to` years inclusive; `disability` is the higher
/// nominal for a child with disabilities, if the municipality sets one.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct AgeNominal {
    pub from: i16,
    pub to: i16,
    pub nominal: Kopecks,
    pub disability: Option<Kopecks>,
}

impl AgeNominal {
    /// «7–13 лет».
    pub fn label(&self) -> String {
        age_label(self.from, self.to)
    }
}

/// An age group, `from` to `to` years inclusive, in Russian words: «7–13 лет».
pub fn age_label(from: i16, to: i16) -> String {
    format!("{}–{} {}", from, to, crate::format::plural(to, "год", "года", "лет"))
}

/// A nominal the operator set that cannot be; the age group is `from` to `to` years inclusive
/// (the text names it as [`AgeNominal::label`] does).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum NominalError {
    #[error("номинал для {} — от {min} до {max}", age_label(*.from, *.to), min = MIN_NOMINAL, max = MAX_NOMINAL)]
    OutOfRange { from: i16, to: i16 },
    #[error("номинал для детей с ОВЗ ({}) не может быть меньше обычного", age_label(*.from, *.to))]
    DisabilityBelow { from: i16, to: i16 },
    #[error("номиналы должны быть заданы для всех возрастов от 5 до 17 лет")]
    Groups,
}

impl NominalError {
    /// The machine code for the API and tests.
    pub fn code(&self) -> &'static str {
        match self {
            NominalError::OutOfRange { .. } => "nominal_out_of_range",
            NominalError::DisabilityBelow { .. } => "disability_nominal_below",
            NominalError::Groups => "nominal_groups",
        }
    }
}

/// Nominals for every age from 5 to 17: the groups, in order, without gaps or overlaps.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Nominals(Vec<AgeNominal>);

impl Nominals {
    /// Checked nominals, as a municipal operator sets them.
    pub fn new(groups: Vec<AgeNominal>) -> Result<Self, NominalError> {
        let mut next = MIN_AGE;
        for g in &groups {
            if g.from != next || g.to < g.from {
                return Err(NominalError::Groups);
            }
            next = g.to + 1;
            let range = MIN_NOMINAL..=MAX_NOMINAL;
            if !range.contains(&g.nominal) || g.disability.is_some_and(|d| !range.contains(&d)) {
                return Err(NominalError::OutOfRange { from: g.from, to: g.to });
            }
            if g.disability.is_some_and(|d| d < g.nominal) {
                return Err(NominalError::DisabilityBelow { from: g.from, to: g.to });
            }
        }
        if next != MAX_AGE_EXCLUSIVE {
            return Err(NominalError::Groups);
        }
        Ok(Nominals(groups))
    }

    /// The same nominal for every age and no higher one (periods made before age groups, the
    /// demo). Not checked: a stored period may carry any nominal it was created with.
    pub fn uniform(nominal: Kopecks) -> Self {
        Nominals(
            AGE_GROUPS.iter().map(|&(from, to)| AgeNominal { from, to, nominal, disability: None }).collect(),
        )
    }

    pub fn groups(&self) -> &[AgeNominal] {
        &self.0
    }

    /// What a child of `age` (full years on the day the place is given) is credited. An age
    /// outside 5–17 (a birthday on the very day) takes the nearest group's.
    pub fn for_child(&self, age: i16, disability: bool) -> Kopecks {
        let g = self
            .0
            .iter()
            .find(|g| (g.from..=g.to).contains(&age))
            .or(if age < MIN_AGE { self.0.first() } else { self.0.last() })
            .expect("nominals cover 5–17");
        match (disability, g.disability) {
            (true, Some(d)) => d,
            _ => g.nominal,
        }
    }

    /// The one nominal every child gets, if there is one (no age difference, no higher one).
    pub fn single(&self) -> Option<Kopecks> {
        let first = self.0.first()?.nominal;
        self.0.iter().all(|g| g.nominal == first && g.disability.is_none()).then_some(first)
    }

    /// The lowest nominal: what the period's budget counts on per funded place at least.
    pub fn lowest(&self) -> Kopecks {
        self.0.iter().map(|g| g.nominal).min().unwrap_or(Kopecks::ZERO)
    }

    /// As stored (a JSON list of the groups).
    pub fn to_json(&self) -> String {
        serde_json::to_string(&self.0).expect("plain data serializes")
    }

    /// As stored; not checked again (see `uniform`).
    pub fn from_json(raw: &str) -> Option<Self> {
        let groups: Vec<AgeNominal> = serde_json::from_str(raw).ok()?;
        (!groups.is_empty()).then_some(Nominals(groups))
    }

    /// Any group has a higher nominal for children with disabilities.
    pub fn has_disability(&self) -> bool {
        self.0.iter().any(|g| g.disability.is_some())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rub(r: i64) -> Kopecks {
        Kopecks::from_rubles(r)
    }

    fn groups(n: [i64; 3], d: [Option<i64>; 3]) -> Vec<AgeNominal> {
        AGE_GROUPS
            .iter()
            .zip(n.iter().zip(d))
            .map(|(&(from, to), (&n, d))| AgeNominal { from, to, nominal: rub(n), disability: d.map(rub) })
            .collect()
    }

    #[test]
    fn r06_nominal_by_age_group_and_disability() {
        let n = Nominals::new(groups([5_000, 7_000, 8_000], [Some(10_000), None, Some(12_000)])).unwrap();
        assert_eq!(n.for_child(5, false), rub(5_000));
        assert_eq!(n.for_child(6, true), rub(10_000));
        assert_eq!(n.for_child(7, false), rub(7_000));
        assert_eq!(n.for_child(13, true), rub(7_000), "no higher nominal set for 7–13");
        assert_eq!(n.for_child(14, true), rub(12_000));
        assert_eq!(n.for_child(17, false), rub(8_000));
        assert_eq!(n.for_child(18, false), rub(8_000), "a birthday on the day: the nearest group");
        assert_eq!(n.for_child(4, false), rub(5_000));
        assert_eq!(n.single(), None);
        assert_eq!(n.lowest(), rub(5_000));
        assert!(n.has_disability());
    }

    #[test]
    fn r06_nominal_bounds() {
        let zero = Nominals::new(groups([0, 7_000, 8_000], [None; 3])).unwrap_err();
        assert_eq!(zero.code(), "nominal_out_of_range");
        assert!(zero.to_string().contains("5–6 лет"), "{zero}");
        let ten_million = Nominals::new(groups([5_000, 10_000_000, 8_000], [None; 3])).unwrap_err();
        assert_eq!(ten_million.code(), "nominal_out_of_range");
        let huge_disability = Nominals::new(groups([5_000, 5_000, 5_000], [None, Some(10_000_000), None]));
        assert_eq!(huge_disability.unwrap_err().code(), "nominal_out_of_range");
        let below = Nominals::new(groups([5_000, 7_000, 8_000], [None, Some(6_000), None])).unwrap_err();
        assert_eq!(below.code(), "disability_nominal_below");
        assert_eq!(below, NominalError::DisabilityBelow { from: 7, to: 13 });
        assert_eq!(below.to_string(), "номинал для детей с ОВЗ (7–13 лет) не может быть меньше обычного");
        assert!(Nominals::new(groups([100, 1_000_000, 8_000], [None, Some(1_000_000), None])).is_ok());
    }

    #[test]
    fn r06_nominals_cover_every_age_once() {
        let mut g = groups([5_000, 7_000, 8_000], [None; 3]);
        g[1].from = 8;
        assert_eq!(Nominals::new(g).unwrap_err(), NominalError::Groups);
        let g = groups([5_000, 7_000, 8_000], [None; 3]);
        assert_eq!(Nominals::new(g[..2].to_vec()).unwrap_err(), NominalError::Groups);
        assert_eq!(Nominals::uniform(rub(6_000)).single(), Some(rub(6_000)));
    }
}
