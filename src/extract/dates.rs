//! Dates written in the text: `11月4日`, `2024年3月2日`, `11月7日、13日`,
//! `2021-12-16`, `二〇二四年十一月七日`, a day of the month alone (`17日上午`),
//! and the relative `当天`, `次日`, `昨天`; and the publication date an
//! article gives about itself when no manifest does.

use std::ops::Range;
use std::sync::LazyLock;

use regex::Regex;

use crate::date::PubDate;

/// What a date expression says.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DateExpr {
    /// One or more days of a month (`11月7日、13日`), with the year if written.
    Days { year: Option<i32>, month: u32, days: Vec<u32> },
    /// `当天`, `当日`, `同日`: the day last spoken of.
    SameDay,
    /// `次日`, `第二天`: the day after it.
    NextDay,
    /// `昨天`, `昨日`: the day before publication, where that is known.
    Yesterday,
    /// `前一天`, `前一日`: the day before the day last spoken of (论坛前一天).
    DayBefore,
    /// `17日上午`: a day of the month last spoken of (5月16日… 17日上午).
    DayOfMonth(u32),
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DateMention {
    pub span: Range<usize>,
    pub expr: DateExpr,
}

static DAYS: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?:([12][0-9]{3})年)?(1[0-2]|0?[1-9])月([1-3]?[0-9])日((?:、[1-3]?[0-9]日)*)|([12][0-9]{3})-([0-9]{2})-([0-9]{2})")
        .expect("date regex")
});
/// A full date of this century in Chinese numerals, as newspaper headers and
/// official documents write it (二〇二四年十一月七日). Its year opens with 二〇
/// or 二零, which the regex seeks before reading anything else.
static HAN_DAYS: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(二[〇零][〇零一二三四五六七八九]{2})年(十[一二]?|[一二三四五六七八九])月([一二三]?十[一二三四五六七八九]?|[一二三四五六七八九])日")
        .expect("Chinese numeral date regex")
});
/// What tells a day without its month as a date when it follows: a time of
/// day (17日上午), a dateline's 电 (12日电), a comma (normalised text has
/// only half-width ones).
const AFTER_DAY_ALONE: &[&str] = &["上午", "下午", "中午", "晚", "早", "凌晨", "傍晚", "夜", "电", ",", "、", "在"];
/// What makes a day without its month a count, a month's day, a period's
/// end or a fraction when it precedes (近3日, 连续3日, 第3日, 每月15日, 至16日,
/// 0.5日).
const BEFORE_NO_DAY_ALONE: &[char] = &[
    '月', '第', '近', '每', '前', '后', '余', '多', '数', '几', '个', '至', '到', '~', '～', '—', '–', '-', '续', '共',
    '约', '达', '用', '.',
];
static PERIOD_OR_STAMP: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^(?:至|到|—|–|-|~|～)\s*[0-9]|^\s*[0-9]{1,2}:[0-9]{2}").expect("period regex"));
/// A page's time stamp: the day it was posted (来源:余杭发布 2024-07-05 08:30).
static STAMP: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"([12][0-9]{3})-([0-9]{1,2})-([0-9]{1,2})\s*[0-9]{1,2}:[0-9]{2}").expect("stamp regex")
});
static RELATIVE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"当天|当日|同日|次日|第二天|昨天|昨日|前一天|前一日").expect("relative regex"));
static METADATA: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?:发文日期|发布日期|发布时间|成文日期|日期)[::]?\s*([12][0-9]{3})[-年/.]([0-9]{1,2})[-月/.]([0-9]{1,2})",
    )
    .expect("metadata regex")
});
static YEAR: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(到|至|力争|预计|计划)?(20[0-4][0-9])(?:年)?(能|将|前|底前|要|实现|建成|远景|目标|万|亿|元|余|多|个|家|人|亩|平方|吨|辆|件|台|户|名|项|米)?").expect("year regex")
});

/// The date expressions of `text`, in order. A period (`11月14日至16日`, the
/// dates of an expo) and a page's time stamp (`2024-11-16 07:45`) are left
/// out: they say when something ran or was posted, not the day being told.
/// A period that opens a clause (`8月21日至22日,副市长…到…调研`) is the
/// story's own, and tells its first day.
pub fn find(text: &str) -> Vec<DateMention> {
    let mut out: Vec<DateMention> = DAYS
        .captures_iter(text)
        .filter_map(|c| {
            let span = c.get(0)?.range();
            if let Some(period) = PERIOD_OR_STAMP.find(&text[span.end..]).filter(|m| m.start() == 0) {
                // An event's run (于11月14日至16日,在深圳举办; 时间为…).
                let when_of_another = text[..span.start].ends_with(['于', '为', '是', '在']);
                let rest = &text[span.end + period.end()..];
                let digits = rest.trim_start_matches(|c: char| c.is_ascii_digit());
                if when_of_another || !digits.strip_prefix('日').is_some_and(|r| r.starts_with(',')) {
                    return None;
                }
            }
            let expr = if let Some(y) = c.get(5) {
                DateExpr::Days {
                    year: y.as_str().parse().ok(),
                    month: c.get(6)?.as_str().parse().ok()?,
                    days: vec![c.get(7)?.as_str().parse().ok()?],
                }
            } else {
                let mut days = vec![c.get(3)?.as_str().parse().ok()?];
                days.extend(
                    c.get(4).map_or("", |m| m.as_str()).split(['、', '日']).filter_map(|d| d.parse::<u32>().ok()),
                );
                DateExpr::Days {
                    year: c.get(1).and_then(|y| y.as_str().parse().ok()),
                    month: c.get(2)?.as_str().parse().ok()?,
                    days,
                }
            };
            Some(DateMention { span, expr })
        })
        .collect();
    out.extend(HAN_DAYS.captures_iter(text).filter_map(|c| {
        let year = c[1].chars().try_fold(0, |year, d| Some(year * 10 + han_digit(d)?))?;
        let (month, day) = (han_number(&c[2])?, han_number(&c[3])?);
        Some(DateMention {
            span: c.get(0)?.range(),
            expr: DateExpr::Days { year: i32::try_from(year).ok(), month, days: vec![day] },
        })
    }));
    // Sought by its 日 (memmem compares the character's bytes at once): a
    // regex that must look at the character before a day would read them all.
    let alone: Vec<DateMention> = memchr::memmem::find_iter(text.as_bytes(), "日".as_bytes())
        .filter_map(|at| {
            let start = text[..at].trim_end_matches(|c: char| c.is_ascii_digit()).len();
            let end = at + '日'.len_utf8();
            let day: u32 = text[start..at].parse().ok().filter(|_| at - start <= 2)?;
            let before = text[..start].chars().next_back();
            if before.is_some_and(|c| BEFORE_NO_DAY_ALONE.contains(&c))
                || !AFTER_DAY_ALONE.iter().any(|w| text[end..].starts_with(w))
                || out.iter().any(|d| d.span.start < end && start < d.span.end)
            {
                return None;
            }
            Some(DateMention { span: start..end, expr: DateExpr::DayOfMonth(day) })
        })
        .collect();
    out.extend(alone);
    out.extend(RELATIVE.find_iter(text).map(|m| DateMention {
        span: m.range(),
        expr: match m.as_str() {
            "次日" | "第二天" => DateExpr::NextDay,
            "昨天" | "昨日" => DateExpr::Yesterday,
            "前一天" | "前一日" => DateExpr::DayBefore,
            _ => DateExpr::SameDay,
        },
    }));
    out.sort_by_key(|d| d.span.start);
    out
}

/// A digit in Chinese numerals (〇 and 零 are 0).
fn han_digit(c: char) -> Option<u32> {
    match c {
        '〇' | '零' => Some(0),
        _ => "一二三四五六七八九".chars().position(|d| d == c).and_then(|i| u32::try_from(i + 1).ok()),
    }
}

/// The value of a number in Chinese numerals below 100: 七 → 7, 十一 → 11,
/// 二十 → 20, 三十一 → 31.
fn han_number(s: &str) -> Option<u32> {
    match s.split_once('十') {
        Some((tens, ones)) => {
            let tens = if tens.is_empty() { 1 } else { han_number(tens)? };
            let ones = if ones.is_empty() { 0 } else { han_number(ones)? };
            Some(tens * 10 + ones)
        }
        None => {
            let mut chars = s.chars();
            let digit = han_digit(chars.next()?)?;
            chars.next().is_none().then_some(digit)
        }
    }
}

/// The publication date an article states or implies: a metadata line
/// (`发文日期: 2021-12-16`) or time stamp (`2024-07-05 08:30`), else the first
/// full date with a year, else the
/// latest year it writes that is not a target in the future (`2026年能量产`,
/// `到2035年`): news reports what has happened.
pub fn infer_pub_date(text: &str) -> Option<PubDate> {
    infer_pub_date_with(text, None)
}

/// [`infer_pub_date`], given the text's date expressions ([`find`]) when
/// they are at hand, so the text is not searched for them twice.
pub fn infer_pub_date_with(text: &str, dates: Option<&[DateMention]>) -> Option<PubDate> {
    if let Some(c) = METADATA.captures(text).or_else(|| STAMP.captures(text)) {
        let s = format!("{}-{:0>2}-{:0>2}", &c[1], &c[2], &c[3]);
        if let Some(d) = PubDate::parse(&s) {
            return Some(d);
        }
    }
    let found;
    let dates = match dates {
        Some(dates) => dates,
        None => {
            found = find(text);
            &found
        }
    };
    for d in dates {
        if let DateExpr::Days { year: Some(y), month, days } = &d.expr {
            let s = format!("{y}-{month:02}-{:02}", days[0]);
            if let Some(d) = PubDate::parse(&s) {
                return Some(d);
            }
        }
    }
    let year = YEAR
        .captures_iter(text)
        .filter(|c| c.get(1).is_none() && c.get(3).is_none())
        .filter(|c| {
            // Not part of a longer number (1:2025 or 20251).
            let m = &c[2];
            let at = c.get(2).map_or(0, |g| g.start());
            !text[..at].ends_with(|p: char| p.is_ascii_digit())
                && !text[at + m.len()..].starts_with(|n: char| n.is_ascii_digit())
        })
        .filter_map(|c| c[2].parse::<i32>().ok())
        .max()?;
    Some(PubDate { year, month: None, day: None })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn date_expressions() {
        let cases: &[(&str, DateExpr)] = &[
            ("11月4日,区委书记陆方舟来到", DateExpr::Days { year: None, month: 11, days: vec![4] }),
            ("11月7日、13日，区委书记陆方舟先后赴", DateExpr::Days { year: None, month: 11, days: vec![7, 13] }),
            ("2023年11月11日举行", DateExpr::Days { year: Some(2023), month: 11, days: vec![11] }),
            ("发文日期 2021-12-16", DateExpr::Days { year: Some(2021), month: 12, days: vec![16] }),
            ("当天,陆方舟还来到", DateExpr::SameDay),
            ("全面贯彻落实昨天召开的现场会精神", DateExpr::Yesterday),
            ("论坛前一天,副区长何婧来到企业", DateExpr::DayBefore),
            // A newspaper's header (神木报 二〇二四年十一月七日 星期四).
            ("神木报 二〇二四年十一月七日 星期四", DateExpr::Days { year: Some(2024), month: 11, days: vec![7] }),
            ("二〇二三年十二月三十一日", DateExpr::Days { year: Some(2023), month: 12, days: vec![31] }),
            // The next day of a county's story, its month left out.
            ("17日上午,县委副书记、县长程鹤年到杭口镇", DateExpr::DayOfMonth(17)),
            ("推介会召开前,11日下午,栾振邦、言子墨一行先后走访", DateExpr::DayOfMonth(11)),
            ("新华社北京12日电", DateExpr::DayOfMonth(12)),
        ];
        // A count of days, a month's day and a day of a dated list are no
        // day alone.
        for text in ["近3日,全区", "每月15日,", "第3日上午", "11月7日、13日,区委书记", "连续3日,", "用时0.5日,"]
        {
            assert!(!find(text).iter().any(|d| matches!(d.expr, DateExpr::DayOfMonth(_))), "{text}");
        }
        // A period that opens a sentence tells the story's first day.
        let found = find("8月21日至22日,副市长艾合买提江·吾守尔到鄯善县调研。");
        assert_eq!(found.first().map(|d| &d.expr), Some(&DateExpr::Days { year: None, month: 8, days: vec![21] }));
        // A period and a time stamp are no day of the story.
        assert!(find("第二十六届高交会于11月14日至16日在深圳举办").is_empty());
        assert!(find("第二十六届高交会于11月14日至16日,在深圳举办").is_empty());
        assert!(find("展会时间为11月14日至16日,共3天").is_empty());
        assert!(find("深圳新闻网2024-11-16 07:45").is_empty());
        for (text, expected) in cases {
            let found = find(text);
            assert_eq!(found.first().map(|d| &d.expr), Some(expected), "{text}");
        }
    }

    #[test]
    fn publication_date_given_the_dates_found_is_the_same() {
        for text in ["索引号:x\n发文日期:2021-12-16\n正文", "2024年3月2日,高香表示", "2024年全区完成任务。", "没有年份"]
        {
            assert_eq!(infer_pub_date_with(text, Some(&find(text))), infer_pub_date(text), "{text}");
        }
        // What is given is what is used: no date given, none found.
        assert_eq!(infer_pub_date_with("2024年3月2日,高香表示", Some(&[])).map(|d| d.to_string()), Some("2024".into()));
    }

    #[test]
    fn publication_date_from_the_text() {
        assert_eq!(infer_pub_date("索引号:x\n发文日期:2021-12-16\n正文").unwrap().to_string(), "2021-12-16");
        assert_eq!(infer_pub_date("2024年3月2日,高香表示").unwrap().to_string(), "2024-03-02");
        assert_eq!(
            infer_pub_date("来源:余杭发布 2024-07-05 08:30\n7月2日,区委书记").unwrap().to_string(),
            "2024-07-05"
        );
        assert_eq!(
            infer_pub_date("2024年全区完成任务。2025年,嘉定将发力。部署2025年工作。").unwrap().to_string(),
            "2025"
        );
        assert_eq!(infer_pub_date("没有年份"), None);
        // An amount is no year (项目总投资2040万元).
        assert_eq!(infer_pub_date("2023年完成投资。项目总投资2040万元。").unwrap().to_string(), "2023");
        // 000: a plan for 2026 does not date a 2024 report.
        assert_eq!(infer_pub_date("2024国际科技与创新论坛。确保在2026年能正式量产。").unwrap().to_string(), "2024");
    }

    #[test]
    fn only_ascii_digits_are_read() {
        // normalise makes full-width digits ASCII; digits of other scripts
        // (٣, Arabic-Indic three) are no part of a date, so the page's time
        // stamp dates it rather than a metadata line with such a digit.
        let text = "日期:2024-0٣-05\n来源:嘉定发布 2024-07-05 08:30";
        assert_eq!(infer_pub_date(text).map(|d| d.to_string()), Some("2024-07-05".into()));
    }
}
