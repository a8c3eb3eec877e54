//! Decoding literals exactly as LANGUAGE.md defines them.

use std::borrow::Cow;
use std::fmt;

use crate::{LiteralError, TextRange};

/// Decodes the escapes of a string's content. `base` is the byte offset of `inner` in the file,
/// so that an error points at the bad escape itself.
pub fn unescape(inner: &str, base: usize) -> Result<Cow<'_, str>, LiteralError> {
    if !inner.contains('\\') {
        return Ok(Cow::Borrowed(inner));
    }
    let mut out = String::with_capacity(inner.len());
    let mut chars = inner.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        let bad = |end: usize, message: String| LiteralError {
            range: TextRange::new(base + i, base + end),
            message,
        };
        match chars.next() {
            Some((_, '"')) => out.push('"'),
            Some((_, '\\')) => out.push('\\'),
            Some((_, 'n')) => out.push('\n'),
            Some((_, 't')) => out.push('\t'),
            Some((j, 'u')) => {
                let rest = &inner[j + 1..];
                let close = rest.find('}');
                let digits = match (rest.strip_prefix('{'), close) {
                    (Some(_), Some(close)) => &rest[1..close],
                    _ => {
                        return Err(bad(
                            j + 1,
                            "a unicode escape is written `\\u{1F600}` (1 to 6 hex digits in braces)"
                                .to_string(),
                        ));
                    }
                };
                let end = j + 1 + close.unwrap_or(0) + 1;
                let ch = (1..=6)
                    .contains(&digits.len())
                    .then(|| u32::from_str_radix(digits, 16).ok())
                    .flatten()
                    .and_then(char::from_u32);
                match ch {
                    Some(ch) => out.push(ch),
                    None => {
                        return Err(bad(
                            end,
                            format!("`\\u{{{digits}}}` is not a Unicode scalar value"),
                        ));
                    }
                }
                while chars.peek().is_some_and(|&(k, _)| k < end) {
                    chars.next();
                }
            }
            Some((j, other)) => {
                return Err(bad(
                    j + other.len_utf8(),
                    format!(
                        "unknown escape `\\{other}`; valid escapes are `\\\"` `\\\\` `\\n` `\\t` `\\u{{…}}`"
                    ),
                ));
            }
            None => return Err(bad(i + 1, "a string cannot end with `\\`".to_string())),
        }
    }
    Ok(Cow::Owned(out))
}

/// The value of a text block (`raw` includes both `"""` delimiters; `base` is its offset).
///
/// - The opening `"""` must be followed by a line break (spaces before it are allowed).
/// - A last line holding only whitespace before the closing `"""` is dropped.
/// - The common leading whitespace of the non-blank lines is removed (a tab counts as one
///   character, like a space); trailing whitespace of each line is removed; line breaks become
///   `\n`. There are no escapes: the text is taken as written.
pub fn text_block_value(raw: &str, base: usize) -> Result<String, LiteralError> {
    let (lines, indent) = text_block_lines(raw, base)?;
    let mut out = String::with_capacity(raw.len());
    for (n, line) in lines.iter().enumerate() {
        if n > 0 {
            out.push('\n');
        }
        let stripped = if line.trim().is_empty() {
            ""
        } else {
            line.get(indent..).unwrap_or(line)
        };
        out.push_str(stripped.trim_end());
    }
    Ok(out)
}

/// The lines of a text block's content (without the opening line break and the closing line
/// when it holds only whitespace), as written, with the common indentation of the non-blank
/// lines: what [`text_block_value`] dedents and the formatter re-indents.
pub fn text_block_lines(raw: &str, base: usize) -> Result<(Vec<&str>, usize), LiteralError> {
    let inner = raw
        .strip_prefix("\"\"\"")
        .and_then(|s| s.strip_suffix("\"\"\""))
        .unwrap_or("");
    let first_break = inner.find(['\n', '\r']);
    match first_break {
        Some(at) if inner[..at].trim().is_empty() => {}
        _ => {
            return Err(LiteralError {
                range: TextRange::new(base, base + 3),
                message: "a text block starts with `\"\"\"` followed by a line break; put the \
                          text on the next line (or use a plain \"string\")"
                    .to_string(),
            });
        }
    }
    let body = &inner[first_break.unwrap_or(0)..];
    let body = body
        .strip_prefix("\r\n")
        .or_else(|| body.strip_prefix(['\n', '\r']))
        .unwrap_or(body);
    let mut lines: Vec<&str> = body
        .split('\n')
        .map(|l| l.strip_suffix('\r').unwrap_or(l))
        .collect();
    if lines.last().is_some_and(|l| l.trim().is_empty()) {
        lines.pop();
    }
    let indent = lines
        .iter()
        .filter(|l| !l.trim().is_empty())
        .map(|l| l.len() - l.trim_start_matches([' ', '\t']).len())
        .min()
        .unwrap_or(0);
    Ok((lines, indent))
}

/// A calendar date (proleptic Gregorian), as written `YYYY-MM-DD`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date {
    pub year: u16,
    pub month: u8,
    pub day: u8,
}

impl Date {
    pub fn new(year: u16, month: u8, day: u8) -> Option<Self> {
        let valid = (1..=12).contains(&month) && day >= 1 && day <= days_in_month(year, month);
        valid.then_some(Self { year, month, day })
    }

    /// Parses `YYYY-MM-DD`, checking that the date exists.
    pub fn parse(s: &str) -> Result<Self, String> {
        let parts: Vec<&str> = s.split('-').collect();
        let [y, m, d] = parts.as_slice() else {
            return Err(format!("`{s}` is not a date; write YYYY-MM-DD"));
        };
        let well_formed = y.len() == 4
            && m.len() == 2
            && d.len() == 2
            && parts.iter().all(|p| p.bytes().all(|b| b.is_ascii_digit()));
        if !well_formed {
            return Err(format!("`{s}` is not a date; write YYYY-MM-DD"));
        }
        let (year, month, day) = (
            y.parse().unwrap_or(0),
            m.parse().unwrap_or(0),
            d.parse().unwrap_or(0),
        );
        Self::new(year, month, day).ok_or_else(|| {
            if !(1..=12).contains(&month) {
                format!("`{s}` is not a real date: there is no month {month}")
            } else {
                format!(
                    "`{s}` is not a real date: {} has {} days in {year}",
                    MONTHS[usize::from(month) - 1],
                    days_in_month(year, month)
                )
            }
        })
    }

    /// Days since 1970-01-01 (negative before), for comparing and adding durations.
    pub fn days_since_epoch(self) -> i64 {
        // Howard Hinnant's days_from_civil.
        let y = i64::from(self.year) - i64::from(self.month <= 2);
        let era = y.div_euclid(400);
        let yoe = y - era * 400;
        let m = i64::from(self.month);
        let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + i64::from(self.day) - 1;
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        era * 146_097 + doe - 719_468
    }

    /// The date `days` after 1970-01-01.
    pub fn from_days_since_epoch(days: i64) -> Option<Self> {
        let z = days + 719_468;
        let era = z.div_euclid(146_097);
        let doe = z - era * 146_097;
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        let mp = (5 * doy + 2) / 153;
        let day = doy - (153 * mp + 2) / 5 + 1;
        let month = if mp < 10 { mp + 3 } else { mp - 9 };
        let year = yoe + era * 400 + i64::from(month <= 2);
        Self::new(
            u16::try_from(year).ok()?,
            u8::try_from(month).ok()?,
            u8::try_from(day).ok()?,
        )
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

const MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

fn days_in_month(year: u16, month: u8) -> u8 {
    match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if (year.is_multiple_of(4) && !year.is_multiple_of(100)) || year.is_multiple_of(400) => {
            29
        }
        2 => 28,
        _ => 0,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes() {
        assert_eq!(
            unescape(r#"a\"b\\c\nd\te"#, 0).ok().as_deref(),
            Some("a\"b\\c\nd\te")
        );
        assert_eq!(
            unescape(r"smile \u{1F600}!", 0).ok().as_deref(),
            Some("smile 😀!")
        );
        assert_eq!(
            unescape("Grüße „ok“", 0).ok().as_deref(),
            Some("Grüße „ok“")
        );
        let err = unescape(r"x\qy", 10).err().map(|e| e.range);
        assert_eq!(err, Some(TextRange::new(11, 13)));
        assert!(unescape(r"\u{D800}", 0).is_err());
        assert!(unescape(r"\u{1234567}", 0).is_err());
        assert!(unescape(r"\u1234", 0).is_err());
    }

    #[test]
    fn text_blocks_strip_common_indentation() {
        let raw = "\"\"\"\n    Erste Zeile.\n      eingerückt\n\n    Letzte.\n    \"\"\"";
        assert_eq!(
            text_block_value(raw, 0).ok().as_deref(),
            Some("Erste Zeile.\n  eingerückt\n\nLetzte.")
        );
        let crlf = "\"\"\"  \r\n  a\r\n  b\r\n  \"\"\"";
        assert_eq!(text_block_value(crlf, 0).ok().as_deref(), Some("a\nb"));
        let closing_on_text_line = "\"\"\"\n  a\n  b\"\"\"";
        assert_eq!(
            text_block_value(closing_on_text_line, 0).ok().as_deref(),
            Some("a\nb")
        );
        assert!(text_block_value("\"\"\"a\n\"\"\"", 0).is_err());
    }

    #[test]
    fn dates() {
        assert_eq!(Date::parse("2024-02-29").ok(), Date::new(2024, 2, 29));
        assert!(Date::parse("2023-02-29").is_err_and(|m| m.contains("February has 28 days")));
        assert!(Date::parse("2024-13-01").is_err_and(|m| m.contains("no month 13")));
        let d = Date::new(2026, 11, 22).unwrap_or(Date {
            year: 0,
            month: 1,
            day: 1,
        });
        assert_eq!(Date::from_days_since_epoch(d.days_since_epoch()), Some(d));
        assert_eq!(Date::new(1970, 1, 1).map(Date::days_since_epoch), Some(0));
    }
}
