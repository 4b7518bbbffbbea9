//! Figures are released per calendar quarter (`2026Q4`): coarse enough that a cell is rarely one
//! person's, fine enough to show a trend. The issuer's grouped queries name the quarter a
//! credential was issued in with the same text, so a period is compared as a string.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

use crate::FiguresError;

/// A calendar quarter.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct Quarter {
    year: i32,
    quarter: u8,
}

impl Quarter {
    pub fn new(year: i32, quarter: u8) -> Option<Self> {
        ((1..=4).contains(&quarter) && (1000..=9999).contains(&year)).then_some(Self { year, quarter })
    }

    pub fn year(self) -> i32 {
        self.year
    }

    pub fn quarter(self) -> u8 {
        self.quarter
    }

    /// The quarter a month (1 to 12) falls in.
    pub fn of_month(year: i32, month: u32) -> Option<Self> {
        let quarter = u8::try_from((month.checked_sub(1)?) / 3 + 1).ok()?;
        Self::new(year, quarter)
    }

    /// The first day of the quarter and the first day of the next one, as `YYYY-MM-DD`: the
    /// half-open range the database compares issue dates with.
    pub fn bounds(self) -> (String, String) {
        let first_month = u32::from(self.quarter - 1) * 3 + 1;
        let start = format!("{:04}-{:02}-01", self.year, first_month);
        let end = if self.quarter == 4 {
            format!("{:04}-01-01", self.year + 1)
        } else {
            format!("{:04}-{:02}-01", self.year, first_month + 3)
        };
        (start, end)
    }
}

impl fmt::Display for Quarter {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}Q{}", self.year, self.quarter)
    }
}

impl FromStr for Quarter {
    type Err = FiguresError;

    fn from_str(text: &str) -> Result<Self, Self::Err> {
        let refuse = || FiguresError::Period(text.to_owned());
        let upper = text.trim().to_ascii_uppercase();
        let (year, quarter) = upper.split_once('Q').ok_or_else(refuse)?;
        if year.len() != 4 || quarter.len() != 1 {
            return Err(refuse());
        }
        let year: i32 = year.parse().map_err(|_| refuse())?;
        let quarter: u8 = quarter.parse().map_err(|_| refuse())?;
        Self::new(year, quarter).ok_or_else(refuse)
    }
}

impl TryFrom<String> for Quarter {
    type Error = FiguresError;
    fn try_from(text: String) -> Result<Self, Self::Error> {
        text.parse()
    }
}

impl From<Quarter> for String {
    fn from(quarter: Quarter) -> Self {
        quarter.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quarters_parse_print_and_bound() {
        let q: Quarter = "2026q4".parse().unwrap();
        assert_eq!(q.to_string(), "2026Q4");
        assert_eq!(q.bounds(), ("2026-10-01".to_owned(), "2027-01-01".to_owned()));
        assert_eq!("2026Q1".parse::<Quarter>().unwrap().bounds().1, "2026-04-01");
        assert_eq!(Quarter::of_month(2026, 6), Quarter::new(2026, 2));
        for bad in ["2026Q5", "2026Q0", "26Q1", "2026", "Q4", "2026Q44"] {
            assert_eq!(bad.parse::<Quarter>(), Err(FiguresError::Period(bad.to_owned())), "{bad}");
        }
    }
}
