//! RFC 3339 dates and date-times, as consent receipts carry them.
//!
//! Hand-written because the crate needs three things only (parse, compare, print UTC)
//! and `chrono`/`time` would add tens of kilobytes to a browser package whose whole
//! budget is 37 KB. Values are compared as instants but forwarded as the original text.

use std::fmt;

use crate::message::push_padded;

/// An instant in UTC with nanosecond precision, parsed from RFC 3339 or built from a
/// Unix epoch.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Timestamp {
    seconds: i64,
    nanos: u32,
}

/// Why a string is not an RFC 3339 date or date-time.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TimeError {
    /// Not of the shape `YYYY-MM-DD` or `YYYY-MM-DDTHH:MM:SS[.frac](Z|±HH:MM)`.
    Shape,
    /// The shape is right but a field is out of range (month 13, February 30, ...).
    Range,
}

impl TimeError {
    fn message(self) -> &'static str {
        match self {
            TimeError::Shape => {
                "must be an RFC 3339 date (2022-07-06) or date-time with an offset (2022-08-16T06:06:20Z)"
            }
            TimeError::Range => "has a field out of range for an RFC 3339 date or date-time",
        }
    }
}

impl ufmt::uDisplay for TimeError {
    fn fmt<W: ufmt::uWrite + ?Sized>(
        &self,
        f: &mut ufmt::Formatter<'_, W>,
    ) -> Result<(), W::Error> {
        f.write_str(self.message())
    }
}

impl fmt::Display for TimeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.message())
    }
}

impl std::error::Error for TimeError {}

impl Timestamp {
    /// The instant `seconds` after 1970-01-01T00:00:00Z.
    pub fn from_unix_seconds(seconds: i64) -> Self {
        Self { seconds, nanos: 0 }
    }

    /// The instant `millis` milliseconds after 1970-01-01T00:00:00Z.
    pub fn from_unix_millis(millis: i64) -> Self {
        Self {
            seconds: millis.div_euclid(1000),
            // rem_euclid is in 0..1000, so the product fits a u32.
            nanos: (millis.rem_euclid(1000) * 1_000_000) as u32,
        }
    }

    /// Whole seconds since the Unix epoch (floor).
    pub fn unix_seconds(self) -> i64 {
        self.seconds
    }

    /// This instant moved by `seconds` (saturating).
    pub fn plus_seconds(self, seconds: i64) -> Self {
        Self {
            seconds: self.seconds.saturating_add(seconds),
            nanos: self.nanos,
        }
    }

    /// Parses an RFC 3339 `full-date` (read as midnight UTC) or `date-time`.
    ///
    /// `T`/`Z` may be lower case (RFC 3339 §5.6); a space separator, a missing offset,
    /// and the leap second `:60` are refused, because JSON Schema's `date-time` (which
    /// Dwolla validates with) refuses or mishandles them.
    pub fn parse(text: &str) -> Result<Self, TimeError> {
        let b = text.as_bytes();
        let (year, month, day) = parse_date(b)?;
        let days = days_from_civil(year, month, day);
        if b.len() == 10 {
            return Ok(Self {
                seconds: days * 86_400,
                nanos: 0,
            });
        }
        if !matches!(b.get(10), Some(b'T' | b't')) {
            return Err(TimeError::Shape);
        }
        let hour = digits(b, 11, 2)?;
        expect(b, 13, b':')?;
        let minute = digits(b, 14, 2)?;
        expect(b, 16, b':')?;
        let second = digits(b, 17, 2)?;
        if hour > 23 || minute > 59 || second > 59 {
            return Err(TimeError::Range);
        }
        let mut at = 19;
        let mut nanos: u32 = 0;
        if b.get(at) == Some(&b'.') {
            at += 1;
            let start = at;
            while let Some(c) = b.get(at).filter(|c| c.is_ascii_digit()) {
                // Digits past nanoseconds are accepted and ignored.
                if at - start < 9 {
                    nanos = nanos * 10 + u32::from(c - b'0');
                }
                at += 1;
            }
            if at == start {
                return Err(TimeError::Shape);
            }
            for _ in (at - start)..9 {
                nanos *= 10;
            }
        }
        let offset_seconds = match b.get(at) {
            Some(b'Z' | b'z') if b.len() == at + 1 => 0,
            Some(sign @ (b'+' | b'-')) if b.len() == at + 6 => {
                let oh = digits(b, at + 1, 2)?;
                expect(b, at + 3, b':')?;
                let om = digits(b, at + 4, 2)?;
                if oh > 23 || om > 59 {
                    return Err(TimeError::Range);
                }
                let offset = oh * 3600 + om * 60;
                if *sign == b'-' {
                    -offset
                } else {
                    offset
                }
            }
            _ => return Err(TimeError::Shape),
        };
        Ok(Self {
            seconds: days * 86_400 + hour * 3600 + minute * 60 + second - offset_seconds,
            nanos,
        })
    }

    /// Whether `text` is a date without a time (`YYYY-MM-DD`).
    pub fn is_date_only(text: &str) -> bool {
        text.len() == 10
    }
}

impl Timestamp {
    /// What `Display` writes, without `core::fmt`.
    pub(crate) fn to_rfc3339(self) -> String {
        let days = self.seconds.div_euclid(86_400);
        let secs = self.seconds.rem_euclid(86_400);
        let (y, m, d) = civil_from_days(days);
        let mut out = String::with_capacity(30);
        push_padded(&mut out, y, 4);
        for (separator, n) in [
            ('-', m),
            ('-', d),
            ('T', secs / 3600),
            (':', secs / 60 % 60),
            (':', secs % 60),
        ] {
            out.push(separator);
            push_padded(&mut out, n, 2);
        }
        if self.nanos % 1_000_000 == 0 && self.nanos > 0 {
            out.push('.');
            push_padded(&mut out, i64::from(self.nanos / 1_000_000), 3);
        } else if self.nanos > 0 {
            out.push('.');
            push_padded(&mut out, i64::from(self.nanos), 9);
        }
        out.push('Z');
        out
    }
}

impl ufmt::uDisplay for Timestamp {
    fn fmt<W: ufmt::uWrite + ?Sized>(
        &self,
        f: &mut ufmt::Formatter<'_, W>,
    ) -> Result<(), W::Error> {
        f.write_str(&self.to_rfc3339())
    }
}

impl fmt::Display for Timestamp {
    /// RFC 3339 in UTC: `2022-08-16T06:06:20Z`, with `.sss` or `.sssssssss` only when the
    /// instant has a fraction of a second.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.to_rfc3339())
    }
}

fn parse_date(b: &[u8]) -> Result<(i64, i64, i64), TimeError> {
    let year = digits(b, 0, 4)?;
    expect(b, 4, b'-')?;
    let month = digits(b, 5, 2)?;
    expect(b, 7, b'-')?;
    let day = digits(b, 8, 2)?;
    if !(1..=12).contains(&month) || day < 1 || day > days_in_month(year, month) {
        return Err(TimeError::Range);
    }
    Ok((year, month, day))
}

fn digits(b: &[u8], at: usize, len: usize) -> Result<i64, TimeError> {
    let slice = b.get(at..at + len).ok_or(TimeError::Shape)?;
    slice.iter().try_fold(0i64, |acc, c| {
        if c.is_ascii_digit() {
            Ok(acc * 10 + i64::from(c - b'0'))
        } else {
            Err(TimeError::Shape)
        }
    })
}

fn expect(b: &[u8], at: usize, want: u8) -> Result<(), TimeError> {
    if b.get(at) == Some(&want) {
        Ok(())
    } else {
        Err(TimeError::Shape)
    }
}

fn days_in_month(year: i64, month: i64) -> i64 {
    match month {
        2 if year % 4 == 0 && (year % 100 != 0 || year % 400 == 0) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

// Howard Hinnant's days_from_civil / civil_from_days (public domain algorithms).
fn days_from_civil(y: i64, m: i64, d: i64) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (m + 9) % 12;
    let doy = (153 * mp + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

fn civil_from_days(z: i64) -> (i64, i64, i64) {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    (yoe + era * 400 + i64::from(m <= 2), m, d)
}

/// Converts an epoch number to a timestamp: below 10^11 it is seconds (10^11 s is the
/// year 5138), from 10^11 on it is milliseconds (10^11 ms is 1973-03-03), so both of
/// Finicity's epoch styles are read right. Negative or beyond 9999-12-31 is `None`.
pub fn from_epoch(value: i64) -> Option<Timestamp> {
    const MILLIS_FROM: i64 = 100_000_000_000;
    const LAST_SECOND: i64 = 253_402_300_799; // 9999-12-31T23:59:59Z
    let ts = if value < 0 {
        return None;
    } else if value < MILLIS_FROM {
        Timestamp::from_unix_seconds(value)
    } else {
        Timestamp::from_unix_millis(value)
    };
    (ts.seconds <= LAST_SECOND).then_some(ts)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_dates_and_date_times() {
        assert_eq!(Timestamp::parse("1970-01-01").unwrap().unix_seconds(), 0);
        assert_eq!(
            Timestamp::parse("2022-08-16T06:06:20Z")
                .unwrap()
                .unix_seconds(),
            1_660_629_980
        );
        assert_eq!(
            Timestamp::parse("2022-08-16T08:06:20+02:00").unwrap(),
            Timestamp::parse("2022-08-16T06:06:20Z").unwrap()
        );
        assert_eq!(
            Timestamp::parse("2022-03-10T06:06:20.042584549Z")
                .unwrap()
                .to_string(),
            "2022-03-10T06:06:20.042584549Z"
        );
        assert!(
            Timestamp::parse("2022-03-10t06:06:20.1z").unwrap()
                > Timestamp::parse("2022-03-10T06:06:20Z").unwrap()
        );
        assert_eq!(
            Timestamp::parse("2024-02-29").unwrap().to_string(),
            "2024-02-29T00:00:00Z"
        );
    }

    #[test]
    fn refuses_what_json_schema_refuses() {
        for bad in [
            "",
            "2022-7-6",
            "2022-07-06T06:06:20",
            "2022-07-06 06:06:20Z",
            "2022-07-06T06:06Z",
            "2022-07-06T06:06:20.Z",
            "2022-07-06T06:06:20+0200",
            "2022-07-06Z",
            "１９７０-01-01",
            "1657519583",
        ] {
            assert_eq!(Timestamp::parse(bad), Err(TimeError::Shape), "{bad}");
        }
        for bad in [
            "2023-02-29",
            "2022-13-01",
            "2022-00-10",
            "2022-07-06T24:00:00Z",
            "2022-07-06T23:59:60Z",
            "2022-07-06T06:06:20+24:00",
        ] {
            assert_eq!(Timestamp::parse(bad), Err(TimeError::Range), "{bad}");
        }
    }

    #[test]
    fn rfc3339_as_core_fmt_wrote_it() {
        // The padding of the `write!` this replaced, years before 0 and after 9999 too.
        let core_fmt = |t: Timestamp| {
            let days = t.seconds.div_euclid(86_400);
            let secs = t.seconds.rem_euclid(86_400);
            let (y, m, d) = civil_from_days(days);
            let mut text = format!(
                "{y:04}-{m:02}-{d:02}T{:02}:{:02}:{:02}",
                secs / 3600,
                secs / 60 % 60,
                secs % 60
            );
            if t.nanos % 1_000_000 == 0 && t.nanos > 0 {
                text += &format!(".{:03}", t.nanos / 1_000_000);
            } else if t.nanos > 0 {
                text += &format!(".{:09}", t.nanos);
            }
            text + "Z"
        };
        for seconds in [
            0,
            -1,
            1_657_519_583,
            -62_167_219_200,
            -62_167_219_201,
            -65_000_000_000,
            253_402_300_799,
            253_402_300_800,
            9_000_000_000_000,
            -9_000_000_000_000,
        ] {
            for nanos in [0, 1, 250_000_000, 999_999_999, 7_000_000, 7_000_001] {
                let t = Timestamp { seconds, nanos };
                assert_eq!(t.to_rfc3339(), core_fmt(t));
                assert_eq!(t.to_string(), core_fmt(t));
            }
        }
    }

    #[test]
    fn epochs_in_seconds_and_millis() {
        let s = from_epoch(1_657_519_583).unwrap();
        assert_eq!(s.to_string(), "2022-07-11T06:06:23Z");
        let ms = from_epoch(1_657_519_583_250).unwrap();
        assert_eq!(ms.to_string(), "2022-07-11T06:06:23.250Z");
        assert_eq!(from_epoch(-1), None);
        assert_eq!(from_epoch(i64::MAX), None);
    }

    #[test]
    fn round_trips_every_day_of_four_centuries() {
        for days in -146_097..146_097 * 2 {
            let (y, m, d) = civil_from_days(days);
            assert_eq!(days_from_civil(y, m, d), days);
        }
    }
}
