//! Today's date: `--today`, else `ROPA_TODAY`, else the system clock (UTC).

use std::time::{SystemTime, UNIX_EPOCH};

use ropa_syntax::Date;

use crate::Fatal;

pub fn today(flag: Option<&str>) -> Result<Date, Fatal> {
    let (value, source) = match flag {
        Some(v) => (Some(v.to_string()), "--today"),
        None => (
            std::env::var("ROPA_TODAY").ok().filter(|v| !v.is_empty()),
            "ROPA_TODAY",
        ),
    };
    if let Some(v) = value {
        return Date::parse(&v).map_err(|e| Fatal(format!("{source}: {e}")));
    }
    let secs = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| d.as_secs())
        .unwrap_or(0);
    let days = i64::try_from(secs / 86_400).unwrap_or(0);
    Date::from_days_since_epoch(days)
        .ok_or_else(|| Fatal("the system clock is out of range; pass --today YYYY-MM-DD".into()))
}
