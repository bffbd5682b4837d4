//! Events: expos, named meetings, forums, ceremonies and campaign days.
//!
//! Rules:
//! - `event_name`: a name ending in a word of `lexicon/event_nouns.txt`, read
//!   leftwards over quoted titles and bracketed parts to the nearest cutter,
//!   that carries something proper: a year (2023国际数字经济论坛), an ordinal
//!   (第三届中国国际消费品博览会, 七次党代会), a quoted title, a Latin name, a
//!   place it opens with (闵行区投资促进大会…), `(扩大)` or `暨`. A bare
//!   座谈会 or 会议 is no event.
//! - `event_short`: a shorter form of a named event of the same article,
//!   made of its characters in order and ending like it: 联席会议, 专题研讨会
//!   (for …专题研讨(扩大)会), 区工商联执委会议, “智造…”专场推介活动.
//! - `event_abbreviation`: an abbreviation made of the event's characters in
//!   order and ending like it (消博会 for 中国国际消费品博览会); an ordinal before it
//!   must agree (第四届消博会 is not the 3rd). An abbreviation seen for an
//!   event elsewhere in the corpus stands for it in articles of the same
//!   year that do not name it in full (消博会 in a 2023 article is the 3rd).

use std::collections::{BTreeMap, BTreeSet};
use std::sync::LazyLock;

use regex::Regex;

use super::company::is_subsequence;
use super::words::{LexiconWords, Words};
use super::{Cutters, EntityType, Extractor, Known, Mention, Trace, lexicon, scan_back_with, without_brackets};
use crate::normalise::is_han;

pub struct Rules {
    pub(crate) nouns: Words,
    cutters: Cutters,
}

/// Words that make an event noun part of a venue's name (会议中心, 会议室).
const VENUE: &[&str] = &["中心", "室", "厅", "馆", "楼", "场所"];

/// Verbs that carry on a campaign (深化“千名干部联千企”活动): what follows
/// is ongoing work, no dated happening.
const CAMPAIGN_VERBS: &[&str] = &["深化", "持续开展", "深入开展", "常态化开展", "持续推进", "深入推进"];

/// Cutters for event names, with [`super::PARTICLES`]: unlike company names, event names may hold
/// 与 and 和 (青浦区人民政府与上海理工大学合作签约仪式).
const EVENT_CUTTERS: &[&str] = &[
    "深化",
    "筹备",
    "部署",
    "的",
    "于",
    "本报讯",
    "会上",
    "期间",
    "举行",
    "召开",
    "举办",
    "出席",
    "参加",
    "主持",
    "开展",
    "启动",
    "发起",
    "发布",
    "邀请",
    "组织",
    "来到",
    "走访",
    "参观",
    "走进",
    "前往",
    "落实",
    "贯彻落实",
    "全面",
    "聚焦",
    "围绕",
    "通过",
    "以及",
    "察看",
    "考察",
    "视察",
    "调研",
    "实地",
];

static SIGNAL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"[0-9]{4}|[〇零一二三四五六七八九]{4}年|第[一二三四五六七八九十百零0-9]+[届次]|[一二三四五六七八九十0-9]+[届次]|“|[A-Za-z]{3,}|\(扩大\)|暨|^(?:中国|全国|国际|世界|亚洲|全球)")
        .expect("signal regex")
});
static ORDINAL: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"第([一二三四五六七八九十百零0-9]+)届").expect("ordinal regex"));

impl Rules {
    pub fn new() -> Rules {
        Rules {
            nouns: Words::new(&lexicon::words(lexicon::EVENT_NOUNS)),
            cutters: Cutters::new(&[super::PARTICLES, EVENT_CUTTERS].concat()),
        }
    }
}

impl Default for Rules {
    fn default() -> Self {
        Self::new()
    }
}

/// A candidate name with the noun it ends in.
struct Candidate {
    span: std::ops::Range<usize>,
    noun: String,
    named: bool,
}

/// The rule of an abbreviation (消博会).
pub const ABBREVIATION: &str = "event_abbreviation";

/// The year an event's name gives (2023国际数字经济论坛 → 2023).
pub fn year_in_name(name: &str) -> Option<i32> {
    YEAR_IN_NAME.captures(name).and_then(|c| c[1].parse().ok())
}

static YEAR_IN_NAME: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"(20[0-9][0-9])").expect("year regex"));

/// All event mentions of an article published in `year`; `known` supplies
/// the corpus's abbreviations for events the article does not name in full
/// (消博会 in a 2024 article is the expo of 2024).
pub fn find(x: &Extractor, words: &LexiconWords, known: &Known, year: Option<i32>, trace: &mut Trace) -> Vec<Mention> {
    let text = words.text();
    let rules = &x.event;
    let mut candidates = Vec::new();
    for m in &words.event_nouns {
        // Part of a longer name (…大会暨…大会), or of a venue (会议中心).
        if text[m.end()..].starts_with('暨') || VENUE.iter().any(|v| text[m.end()..].starts_with(v)) {
            continue;
        }
        let start = scan_back_with(&rules.cutters, text, m.start(), 40, true);
        let prefix = &text[start..m.start()];
        if prefix.chars().count() < 2 {
            continue;
        }
        if CAMPAIGN_VERBS.iter().any(|v| text[..start].ends_with(v)) {
            trace.reject(EntityType::Event, text, start..m.end(), "event_name", || {
                "a campaign carried on, not a dated happening".into()
            });
            continue;
        }
        let opens_with_place = x.gazetteer.find_all(prefix).next().is_some_and(|(r, _)| r.start == 0);
        let named = SIGNAL.is_match(&text[start..m.end()]) || opens_with_place;
        candidates.push(Candidate { span: start..m.end(), noun: text[m.range()].to_string(), named });
    }

    // Named events, the shorter of two that are one event pointing to the longer.
    let named: Vec<&Candidate> = candidates.iter().filter(|c| c.named).collect();
    let mut canonical: BTreeMap<String, String> = BTreeMap::new();
    for c in &named {
        let name = &text[c.span.clone()];
        let longer = named
            .iter()
            .map(|o| &text[o.span.clone()])
            .filter(|o| o.len() > name.len() && same_event(name, o))
            .max_by_key(|o| o.len());
        canonical.insert(name.to_string(), longer.unwrap_or(name).to_string());
    }

    let mut out = Vec::new();
    for c in &candidates {
        let surface = &text[c.span.clone()];
        if c.named {
            let full = &canonical[surface];
            let rule = if full == surface { "event_name" } else { "event_short" };
            out.push(event(text, c.span.clone(), full, rule));
        } else if surface.chars().count() >= 4 && surface != c.noun {
            let plain_surface = without_brackets(surface);
            let owner = canonical.values().find(|full| {
                let plain = without_brackets(full);
                plain.chars().last() == plain_surface.chars().last() && is_subsequence(&plain_surface, &plain)
            });
            if let Some(full) = owner {
                out.push(event(text, c.span.clone(), full, "event_short"));
            } else {
                trace.reject(EntityType::Event, text, c.span.clone(), "event_name", || {
                    "a generic meeting: no year, ordinal, quoted title, place, (扩大) or 暨, and no named event it shortens".into()
                });
            }
        }
    }
    out.extend(abbreviations(x, text, canonical.values()));
    if let Some(year) = year {
        let local: BTreeSet<usize> = out.iter().map(|m| m.span.start).collect();
        for (abbreviation, years) in &known.event_abbreviations {
            let Some(events) = years.get(&year).filter(|e| e.len() == 1) else {
                continue;
            };
            let Some(full) = events.iter().next() else { continue };
            for (at, _) in text.match_indices(abbreviation.as_str()) {
                if !local.contains(&at) {
                    out.push(event(text, at..at + abbreviation.len(), full, ABBREVIATION));
                }
            }
        }
    }
    out
}

/// Whether `short` names the same event as `long` of the same article: the
/// same first and last character and `short`'s characters in order in
/// `long`, or `long` ending in `short` (闵行区2023年…工作会议 and
/// 2023年…工作会议 in the headline).
fn same_event(short: &str, long: &str) -> bool {
    let same_ends = short.chars().next() == long.chars().next() && short.chars().last() == long.chars().last();
    (same_ends && is_subsequence(short, long)) || (long.ends_with(short) && short.chars().count() >= 6)
}

/// Abbreviations of the article's named events (消博会).
fn abbreviations<'a>(x: &Extractor, text: &str, events: impl Iterator<Item = &'a String>) -> Vec<Mention> {
    let mut out = Vec::new();
    let mut events: Vec<&String> = events.collect();
    events.sort();
    events.dedup();
    let mut ends_of: BTreeMap<char, Vec<usize>> = BTreeMap::new();
    for full in events {
        let plain = without_brackets(full);
        let Some(last) = plain.chars().last() else { continue };
        // An abbreviation keeps the head of the event noun: 消博会 holds the 博 of 博览会.
        let Some(noun_head) = x
            .event
            .nouns
            .find_iter(full.as_str())
            .last()
            .and_then(|m| without_brackets(&full[m.range()]).chars().next())
        else {
            continue;
        };
        let full_ordinal = ORDINAL.captures(full).and_then(|c| c.get(1)).map(|m| m.as_str().to_string());
        // Events mostly end alike (…会), so each last character is sought once.
        let ends = ends_of.entry(last).or_insert_with(|| {
            // memmem compares a Chinese character's three bytes at once, where
            // a char search stops at every byte equal to its last one.
            memchr::memmem::find_iter(text.as_bytes(), last.encode_utf8(&mut [0; 4]).as_bytes()).collect()
        });
        for &at in ends.iter() {
            let end = at + last.len_utf8();
            let before: Vec<(usize, char)> = text[..at].char_indices().rev().take(4).collect();
            // Abbreviations of this kind are three or four characters (消博会).
            for k in 2..=before.len().min(3) {
                let (start, c) = before[k - 1];
                if !before[..k].iter().all(|&(_, c)| is_han(c)) || !is_han(c) {
                    break;
                }
                let abbr = &text[start..end];
                if plain.contains(abbr) || !is_subsequence(abbr, &plain) || !abbr.contains(noun_head) {
                    continue;
                }
                let ordinal = ORDINAL
                    .captures(&text[text[..start].char_indices().rev().nth(3).map_or(0, |(i, _)| i)..start])
                    .and_then(|c| c.get(1))
                    .map(|m| m.as_str().to_string());
                if ordinal.is_some() && ordinal != full_ordinal {
                    break;
                }
                out.push(event(text, start..end, full, ABBREVIATION));
                break;
            }
        }
    }
    out
}

fn event(text: &str, span: std::ops::Range<usize>, name: &str, rule: &'static str) -> Mention {
    Mention { name: name.to_string(), ..Mention::new(EntityType::Event, &text[span.clone()], span, rule) }
}

#[cfg(test)]
mod tests {
    use super::super::EntityType::Event;
    use super::super::test_support::check_cases;

    /// (sentence that motivated the rule, events expected by canonical name)
    const CASES: &[(&str, &[&str])] = &[
        // event_name
        ("本报讯 第七届中国国际进口博览会举办期间,四海宾朋共赴共赢之约。", &["第七届中国国际进口博览会"]),
        (
            "2月6日,嘉定区投资促进大会暨招商引资企业服务推进大会举行。",
            &["嘉定区投资促进大会暨招商引资企业服务推进大会"],
        ),
        (
            "11月6日,嘉定区委中心组举行“全面深化改革 推动城市发展”专题学习(扩大)会。",
            &["“全面深化改革推动城市发展”专题学习(扩大)会"],
        ),
        (
            "以“擘画新图景”为主题的2025年嘉昆太协同创新核心圈轮值会议在嘉定举行。",
            &["2025年嘉昆太协同创新核心圈轮值会议"],
        ),
        // A campaign carried on is no event; a meeting named by its place and
        // year is.
        ("全县要深化“千名干部联千企”活动,真正做到有求必应。", &[]),
        ("4月17日,宁安市2025年一季度经济运行分析会召开。", &["宁安市2025年一季度经济运行分析会"]),
        // A year in Chinese numerals.
        (
            "次日上午,二〇二四年神木市氢能产业链项目集中签约仪式在市会议中心举行。",
            &["二〇二四年神木市氢能产业链项目集中签约仪式"],
        ),
        ("11月11日,区旅游公共服务中心发起Family Citywalk亲子城市趣行活动。", &["Family Citywalk亲子城市趣行活动"]),
        ("11月10日,嘉定区人民政府与上海开放大学合作签约仪式举行。", &["嘉定区人民政府与上海开放大学合作签约仪式"]),
        (
            "由江桥镇人民政府共同主办的“2024国际科技与创新论坛”在国家会展中心(上海)北馆举行。",
            &["2024国际科技与创新论坛"],
        ),
        // not events: generic meetings
        ("在随后召开的座谈会上,陆方舟说。", &[]),
        ("区委书记陆方舟出席会议并讲话。", &[]),
        ("组织开展好应用对接、场景路演等活动。", &[]),
        (
            "11月15日,常务副市长葛振华实地察看第二十六届中国国际高新技术成果交易会展会现场。",
            &["第二十六届中国国际高新技术成果交易会"],
        ),
        ("3月28日,2024松江区投资促进大会在松江区会议中心举行。", &["2024松江区投资促进大会"]),
        ("发挥招商活动“引流”作用。", &[]),
        // event_short and event_abbreviation
        (
            "11月11日,2023年嘉昆太协同创新核心圈轮值会议在昆山花桥举行。轮值会议上,三地共同发布方案。",
            &["2023年嘉昆太协同创新核心圈轮值会议", "2023年嘉昆太协同创新核心圈轮值会议"],
        ),
        (
            "第七届中国国际进口博览会举办期间,区领导来到进博会场馆。",
            &["第七届中国国际进口博览会", "第七届中国国际进口博览会"],
        ),
        ("第七届中国国际进口博览会举办期间。第八届进博会将举行。", &["第七届中国国际进口博览会"]),
    ];

    #[test]
    fn an_abbreviation_names_the_event_of_the_article_year() {
        use super::super::test_support::EXTRACTOR;
        let x = &*EXTRACTOR;
        let mut known = x.survey("第七届中国国际进口博览会举办期间,区领导来到进博会场馆。", Some(2024));
        known.merge(x.survey("第八届中国国际进口博览会举办期间,区领导来到进博会场馆。", Some(2025)));
        let names = |year| -> Vec<String> {
            {
                let text = "会上,进博会的溢出效应持续放大。";
                super::find(x, &x.lexicon_words(text), &known, Some(year), &mut super::Trace::default())
            }
            .into_iter()
            .map(|m| m.name)
            .collect()
        };
        assert_eq!(names(2024), ["第七届中国国际进口博览会"]);
        assert_eq!(names(2025), ["第八届中国国际进口博览会"]);
        assert!(names(2023).is_empty());
    }

    #[test]
    fn event_rules() {
        check_cases(CASES, Event);
    }
}
