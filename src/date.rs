//! Calendar dates as the articles give them: a publication date that may be
//! only a year and month, and the days on which things happened.

use std::fmt;

/// A calendar day.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize, serde::Deserialize)]
pub struct Day {
    pub year: i32,
    pub month: u32,
    pub day: u32,
}

impl Day {
    /// A day if `month`/`day` exist in `year`.
    pub fn new(year: i32, month: u32, day: u32) -> Option<Day> {
        (1..=12).contains(&month).then_some(())?;
        (day >= 1 && day <= days_in_month(year, month)).then_some(Day { year, month, day })
    }

    /// Parses `YYYY-MM-DD`.
    pub fn parse(s: &str) -> Option<Day> {
        let mut parts = s.split('-');
        let year = parts.next()?.parse().ok()?;
        let month = parts.next()?.parse().ok()?;
        let day = parts.next()?.parse().ok()?;
        if parts.next().is_some() {
            return None;
        }
        Day::new(year, month, day)
    }

    /// The day `n` days later (or earlier for negative `n`).
    pub fn offset(self, n: i32) -> Day {
        let mut d = self;
        for _ in 0..n.unsigned_abs() {
            d = if n > 0 { d.next() } else { d.previous() };
        }
        d
    }

    fn next(self) -> Day {
        if self.day < days_in_month(self.year, self.month) {
            Day { day: self.day + 1, ..self }
        } else if self.month < 12 {
            Day { month: self.month + 1, day: 1, ..self }
        } else {
            Day { year: self.year + 1, month: 1, day: 1 }
        }
    }

    fn previous(self) -> Day {
        if self.day > 1 {
            Day { day: self.day - 1, ..self }
        } else if self.month > 1 {
            let month = self.month - 1;
            Day { month, day: days_in_month(self.year, month), ..self }
        } else {
            Day { year: self.year - 1, month: 12, day: 31 }
        }
    }
}

/// The days a date of any precision covers: `2024-11` is 2024-11-01 to
/// 2024-11-30, `2024` the whole year.
pub fn days_covered(date: &str) -> Option<(Day, Day)> {
    let d = PubDate::parse(date)?;
    match (d.month, d.day) {
        (Some(m), Some(day)) => Day::new(d.year, m, day).map(|x| (x, x)),
        (Some(m), None) => Some((Day::new(d.year, m, 1)?, Day::new(d.year, m, days_in_month(d.year, m))?)),
        _ => Some((Day::new(d.year, 1, 1)?, Day::new(d.year, 12, 31)?)),
    }
}

impl fmt::Display for Day {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

fn days_in_month(year: i32, month: u32) -> u32 {
    match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        _ if (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 => 29,
        _ => 28,
    }
}

/// When an article was published: a year, usually a month, sometimes a day.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, serde::Serialize, serde::Deserialize)]
pub struct PubDate {
    pub year: i32,
    pub month: Option<u32>,
    pub day: Option<u32>,
}

impl PubDate {
    /// Parses `YYYY`, `YYYY-MM` or `YYYY-MM-DD`.
    pub fn parse(s: &str) -> Option<PubDate> {
        let parts: Vec<&str> = s.trim().split('-').collect();
        let year: i32 = parts.first()?.parse().ok()?;
        if !(1900..=2100).contains(&year) || parts.len() > 3 {
            return None;
        }
        let month: Option<u32> = match parts.get(1) {
            Some(m) => Some(m.parse().ok().filter(|m| (1..=12).contains(m))?),
            None => None,
        };
        let day = match parts.get(2) {
            Some(d) => Some(Day::new(year, month?, d.parse().ok()?)?.day),
            None => None,
        };
        Some(PubDate { year, month, day })
    }

    /// The year in which a `month`/`day` mentioned in the article most likely
    /// fell: the publication year up to the publication month (a weekly
    /// digest dated by its first day reports the days after it), or the year
    /// before for a month later than publication at the turn of the year (a
    /// January digest recalling December). `None` when the month lies after
    /// publication otherwise, since such a date belongs to an older story
    /// quoted on the page.
    pub fn year_of(&self, month: u32, _day: u32) -> Option<i32> {
        let Some(pub_month) = self.month else {
            return Some(self.year);
        };
        if month <= pub_month {
            Some(self.year)
        } else if pub_month <= 2 && month >= 11 {
            Some(self.year - 1)
        } else {
            None
        }
    }
}

impl fmt::Display for PubDate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}", self.year)?;
        if let Some(m) = self.month {
            write!(f, "-{m:02}")?;
            if let Some(d) = self.day {
                write!(f, "-{d:02}")?;
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn day_parses_and_formats() {
        assert_eq!(Day::parse("2024-02-29").unwrap().to_string(), "2024-02-29");
        assert_eq!(Day::parse("2023-02-29"), None);
        assert_eq!(Day::parse("2024-13-01"), None);
    }

    #[test]
    fn day_offsets_cross_month_and_year() {
        let d = Day::new(2024, 12, 31).unwrap();
        assert_eq!(d.offset(1).to_string(), "2025-01-01");
        assert_eq!(Day::new(2024, 3, 1).unwrap().offset(-1).to_string(), "2024-02-29");
    }

    #[test]
    fn days_covered_by_coarse_dates() {
        let (a, b) = days_covered("2024-02").unwrap();
        assert_eq!((a.to_string(), b.to_string()), ("2024-02-01".into(), "2024-02-29".into()));
        let (a, b) = days_covered("2023").unwrap();
        assert_eq!((a.to_string(), b.to_string()), ("2023-01-01".into(), "2023-12-31".into()));
        assert_eq!(days_covered("2024-11-04").map(|d| d.0.to_string()), Some("2024-11-04".into()));
        assert_eq!(days_covered("soon"), None);
    }

    #[test]
    fn pub_date_forms() {
        assert_eq!(PubDate::parse("2024-11").unwrap().to_string(), "2024-11");
        assert_eq!(PubDate::parse("2024").unwrap().month, None);
        assert_eq!(PubDate::parse("2024-11-31"), None);
        assert_eq!(PubDate::parse("24-11"), None);
    }

    #[test]
    fn year_of_a_mentioned_day() {
        let nov = PubDate::parse("2024-11").unwrap();
        assert_eq!(nov.year_of(11, 6), Some(2024));
        // 004: a 2024-03 page quoting a 2021 story of 12月8日.
        assert_eq!(PubDate::parse("2024-03").unwrap().year_of(12, 8), None);
        // A January digest recalling the last days of December.
        assert_eq!(PubDate::parse("2025-01").unwrap().year_of(12, 28), Some(2024));
        // A digest of the week from 2024-01-08 reports 1月10日.
        assert_eq!(PubDate::parse("2024-01-08").unwrap().year_of(1, 10), Some(2024));
    }
}
