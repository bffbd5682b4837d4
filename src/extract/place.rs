//! Towns: administrative places at town level or below, zones that
//! administer land, and the districts and cities around them.
//!
//! Rules:
//! - `division`: the full name of a division in the gazetteer (南翔镇,
//!   嘉定工业区, 昆山市, 嘉定区).
//! - `division_short`: a short form (南翔, 昆山) where the article makes the
//!   place plain: the division or the one above it is named in full in the
//!   same article, and the short form ends where a name can end (so 马陆 in
//!   马陆葡萄主题公园 is not the town).
//! - `village`: a village of a town the article names (马陆镇北管村, 北管村).
//! - `zone`: a name ending in a zone word of `lexicon/zone_suffixes.txt`
//!   (北虹桥商务区); `zone_of_town` when it is named after a town the article
//!   names (花桥经济开发区 is 花桥镇).

use std::collections::BTreeSet;
use std::ops::Range;

use aho_corasick::{AhoCorasick, Anchored, Input};

use super::gazetteer::{Form, Level, VILLAGE_WORDS};
use super::words::LexiconWords;
use super::{EntityType, Extractor, Mention, Trace, lexicon};
use crate::normalise::is_han;

pub struct Rules {
    zones: AhoCorasick,
}

/// The rule of a village of a town the article names.
pub const VILLAGE: &str = "village";

/// Words that make a zone name generic (整个商务区).
const GENERIC_LEADS: &[&str] = &["整个", "全区", "全市", "该", "各", "本", "这", "那", "其"];

/// Longest lead of a zone name (北虹桥 of 北虹桥商务区); a longer run of
/// characters before a zone word is running text, not a name.
const MAX_ZONE_LEAD: usize = 4;

impl Rules {
    pub fn new() -> Rules {
        Rules { zones: super::anchored(&lexicon::words(lexicon::ZONE_SUFFIXES)) }
    }

    /// Whether a zone word (工业区, 商务区) starts at `at`. Anchored, so the
    /// cost does not grow with the text after `at`.
    fn zone_word_at(&self, text: &str, at: usize) -> bool {
        self.zones.find(Input::new(text).range(at..).anchored(Anchored::Yes)).is_some()
    }
}

impl Default for Rules {
    fn default() -> Self {
        Self::new()
    }
}

/// All town mentions of the article.
pub fn find(x: &Extractor, words: &LexiconWords, trace: &mut Trace) -> Vec<Mention> {
    let text = words.text();
    let g = &x.gazetteer;
    let matches: Vec<(Range<usize>, &[Form])> = g.find_all(text).collect();

    // Divisions named in full without ambiguity, and everything above them.
    let mut active: BTreeSet<usize> = BTreeSet::new();
    for (_, forms) in &matches {
        if let [f] = forms.iter().filter(|f| !f.short).collect::<Vec<_>>().as_slice() {
            let mut d = Some(f.division);
            while let Some(i) = d {
                active.insert(i);
                d = g.division(i).parent;
            }
        }
    }
    let is_plain = |d: usize| {
        active.contains(&d)
            || g.division(d).parent.is_some_and(|p| active.contains(&p))
            || g.division(d).level == Level::Province
    };

    let mut out = Vec::new();
    let mut towns: BTreeSet<usize> = BTreeSet::new();
    // Leftmost-longest, but a spelling that is let go frees its characters
    // for a match starting after its first (园和新沟镇街道: 和新 let go, 新沟镇街道 found).
    let mut pos = 0;
    let mut next = 0;
    loop {
        // The leftmost-longest match from `pos` is the next of `matches`:
        // they do not overlap, and none starts between one's end and the
        // next's start. Only when `pos` lies inside one of them (after a
        // rejected match) can another start first, within that one.
        while matches.get(next).is_some_and(|(r, _)| r.start < pos) {
            next += 1;
        }
        let found = match next.checked_sub(1) {
            Some(before) if matches[before].0.end > pos => {
                g.find_starting_in(text, pos..matches[before].0.end).or_else(|| matches.get(next).cloned())
            }
            _ => matches.get(next).cloned(),
        };
        let Some((range, forms)) = found else { break };
        let next_pos = range.start + text[range.start..].chars().next().map_or(1, char::len_utf8);
        pos = next_pos;
        let full: Vec<&Form> = forms.iter().filter(|f| !f.short).collect();
        let chosen = if !full.is_empty() {
            // A town the article gives no context for must at least stand as a
            // name: 发展乡 in 发展乡村旅游 is no town.
            let plain = full.iter().find(|f| is_plain(f.division));
            // Context: another place of the article above or below this one.
            let has_context = full.iter().any(|f| {
                matches.iter().any(|(r, other)| {
                    *r != range
                        && other.iter().any(|o| {
                            !o.short && (g.is_within(f.division, o.division) || g.is_within(o.division, f.division))
                        })
                })
            });
            let village_follows =
                full.iter().any(|f| g.villages_of(f.division).any(|v| text[range.end..].starts_with(v)));
            let lone_town_runs_on = !has_context
                && !village_follows
                && full.iter().all(|f| g.division(f.division).level == Level::Town)
                && !x.ends_name(text, range.end)
                && !x.place.zone_word_at(text, range.end);
            // A two-character name of a place the article gives no context
            // for is a word far more often (以产兴县).
            let lone_and_short = !has_context && text[range.clone()].chars().count() <= 2;
            if lone_town_runs_on || lone_and_short {
                trace.reject(EntityType::Town, text, range.clone(), "division", || {
                    "a place the article gives no context for, running on into a longer word or too short to tell"
                        .into()
                });
                continue;
            }
            plain.or(full.first()).map(|f| (f.division, "division"))
        } else {
            let ends_as_name = x.ends_name(text, range.end) || x.place.zone_word_at(text, range.end);
            // 昆山花桥: a short form followed by a place inside it.
            let followed_by_part = |d: usize| {
                matches
                    .iter()
                    .find(|(r, _)| r.start == range.end)
                    .is_some_and(|(_, next)| next.iter().any(|f| f.division != d && g.is_within(f.division, d)))
            };
            forms
                .iter()
                .find(|f| is_plain(f.division) && (ends_as_name || followed_by_part(f.division)))
                .map(|f| (f.division, "division_short"))
        };
        let Some((division, rule)) = chosen else {
            // Only the telling case: a place the article names, whose short
            // form here runs on into a longer name (马陆葡萄主题公园).
            if forms.iter().any(|f| is_plain(f.division) && g.division(f.division).level != Level::Province) {
                trace.reject(EntityType::Town, text, range.clone(), "division_short", || {
                    "the short form runs on into a longer name".into()
                });
            }
            continue;
        };
        if g.division(division).level == Level::Town {
            towns.insert(division);
        }
        out.push(town(text, range.clone(), &g.division(division).name, rule));
        pos = range.end;
    }

    out.extend(villages(x, text, &towns));

    for m in &words.zone_suffixes {
        let mut start = x.scan_back(text, m.start(), MAX_ZONE_LEAD + 1, false);
        // A zone named after a place starts at the place (发挥松江经济技术开发区).
        // Only a two-character word before the place is cut (a verb: 发挥);
        // 北 of 北虹桥商务区 stays, and 推进北虹桥 is too long to be a name anyway.
        let place = g.find_all(&text[start..m.start()]).next();
        if let Some((r, _)) = place.filter(|(r, _)| text[start..start + r.start].chars().count() == 2) {
            start += r.start;
        }
        let lead = &text[start..m.start()];
        let lead_chars = lead.chars().count();
        let is_division = out.iter().any(|t| t.rule == "division" && t.span.end == m.end());
        if lead.chars().filter(|&c| is_han(c)).count() < 2
            || lead_chars > MAX_ZONE_LEAD
            || is_division
            || GENERIC_LEADS.iter().any(|g| lead.contains(g))
        {
            if !is_division {
                trace.reject(EntityType::Town, text, start..m.end(), "zone", || {
                    format!("the words before {} are running text or generic, not a name", &text[m.range()])
                });
            }
            continue;
        }
        let named_after = out
            .iter()
            .filter(|t| t.span.end == m.start() && t.span.start >= start)
            .find(|t| t.rule != VILLAGE && is_town_name(x, &t.name))
            .map(|t| t.name.clone());
        let span = start..m.end();
        match named_after {
            Some(name) => out.push(town(text, span, &name, "zone_of_town")),
            None => {
                let name = text[span.clone()].to_string();
                out.push(town(text, span, &name, "zone"));
            }
        }
    }
    out
}

/// Every mention of a village of `towns`, by town, village and position.
/// Village names all end in a word of [`VILLAGE_WORDS`]: the text is
/// scanned for those and the names ending there looked up, rather than
/// searched for one by one.
fn villages(x: &Extractor, text: &str, towns: &BTreeSet<usize>) -> Vec<Mention> {
    if towns.is_empty() {
        return Vec::new();
    }
    // memmem compares a word's bytes at once; a str search would step.
    let ends: Vec<usize> = VILLAGE_WORDS
        .iter()
        .flat_map(|w| memchr::memmem::find_iter(text.as_bytes(), w.as_bytes()).map(|at| at + w.len()))
        .collect();
    if ends.is_empty() {
        return Vec::new();
    }
    // Keys are place names from the gazetteer, not chosen by an adversary:
    // a fast unkeyed hash (the keyed default took 5% of a build).
    let mut order: rustc_hash::FxHashMap<&str, Vec<(usize, usize)>> = rustc_hash::FxHashMap::default();
    for (t, &town) in towns.iter().enumerate() {
        for (v, village) in x.gazetteer.villages_of(town).enumerate() {
            order.entry(village).or_default().push((t, v));
        }
    }
    let Some(longest) = order.keys().map(|v| v.len()).max() else { return Vec::new() };
    let mut found: Vec<((usize, usize), usize, &str)> = Vec::new();
    for end in ends {
        let mut from = end.saturating_sub(longest);
        while !text.is_char_boundary(from) {
            from += 1;
        }
        for start in text[from..end].char_indices().map(|(i, _)| from + i) {
            if let Some((name, places)) = order.get_key_value(&text[start..end]) {
                found.extend(places.iter().map(|&p| (p, start, *name)));
            }
        }
    }
    found.sort_unstable();
    found.into_iter().map(|(_, at, name)| town(text, at..at + name.len(), name, VILLAGE)).collect()
}

fn is_town_name(x: &Extractor, name: &str) -> bool {
    x.gazetteer.find_all(name).any(|(r, forms)| {
        r.len() == name.len() && forms.iter().any(|f| !f.short && x.gazetteer.division(f.division).level == Level::Town)
    })
}

fn town(text: &str, span: Range<usize>, name: &str, rule: &'static str) -> Mention {
    Mention { name: name.to_string(), ..Mention::new(EntityType::Town, &text[span.clone()], span, rule) }
}

#[cfg(test)]
mod tests {
    use super::super::EntityType::Town;
    use super::super::test_support::check_cases;

    /// (sentence that motivated the rule, towns expected by canonical name)
    const CASES: &[(&str, &[&str])] = &[
        // division
        ("11月7日,陆方舟来到安亭镇走访调研企业。", &["安亭镇"]),
        ("随后,陆方舟来到嘉定工业区走访企业。", &["嘉定工业区"]),
        // division_short: only where the district is named in full
        ("嘉定区南翔的企业。", &["嘉定区", "南翔镇"]),
        ("南翔的企业。", &[]),
        // Villages, Mongolian villages and communities of a town the article names.
        ("7月16日,屈景澜首先来到巴彦木仁苏木乌兰布和嘎查,察看梭梭林长势。", &["巴彦木仁苏木", "乌兰布和嘎查"]),
        ("叙州区柏溪街道党工委书记冉光曜深入喜龙社区、少峨社区走访。", &["叙州区", "柏溪街道", "喜龙社区", "少峨社区"]),
        // 要求 is no part of a zone's name.
        ("苗景行要求开发区和相关部门建立专人对接机制。", &[]),
        // A unit the source lists among towns that is a body (林草局) is no place.
        ("旗林草局负责人介绍。", &[]),
        // A unit named by a common noun that many counties use (工业园区) is
        // no place; a town named with it still is.
        ("第二天,市长普绍昶到弥勒工业园区和朋普镇调研。", &["朋普镇"]),
        ("嘉定区来到马陆葡萄主题公园。", &["嘉定区"]),
        // village
        ("11月7日,区委书记陆方舟先后赴马陆镇北管村和区税务局开展专题调研。", &["马陆镇", "北管村"]),
        // zone and zone_of_town
        ("由北虹桥商务区管理委员会办公室主办。", &["北虹桥商务区"]),
        ("苏州市委常委、昆山市委书记周伟。发布《花桥经济开发区加快建设的实施方案》。", &["苏州市", "昆山市", "花桥镇"]),
        ("占整个商务区的近40%。", &[]),
        ("他表示,松江将发挥松江经济技术开发区的作用。", &["松江经济技术开发区"]),
        ("要因地制宜发展乡村旅游。", &[]),
        ("坚持以产兴县、以产富民。", &[]),
        ("武汉市东西湖区加快走马岭食品产业园和新沟镇街道粮油产业集聚区建设。", &["武汉市", "东西湖区", "新沟镇街道"]),
    ];

    #[test]
    fn town_rules() {
        check_cases(CASES, Town);
    }

    #[test]
    fn zone_word_only_counts_where_it_starts() {
        let rules = super::Rules::new();
        let text = "马陆葡萄主题公园和嘉定工业区";
        assert!(!rules.zone_word_at(text, 0), "a zone word later in the text is not at 0");
        let at = text.find("工业区").expect("zone word in the text");
        assert!(rules.zone_word_at(text, at));
        assert!(!rules.zone_word_at(text, text.len()));
    }
}
