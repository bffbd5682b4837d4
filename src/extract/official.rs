//! Officials: people named with a public-office title.
//!
//! Rules (the `rule` of each mention):
//! - `title_name`: a title word of `lexicon/titles.txt` right before a name,
//!   the organisation read leftwards (区委书记王建国, 昆山市委书记周海, 证监会主席刘明);
//!   combined titles are all kept (区委副书记、区长李红); a list may follow
//!   (区四套班子领导赵立新、李红、钱志强).
//! - `names_then_group`: a list of names before a group title
//!   (王建国、李红、钱志强、孙丽等区四套班子领导).
//! - `known_name`: a name seen with a title anywhere in the corpus, wherever it
//!   appears (王建国表示, 王建国一行).
//! - `name_title`: a name before a short title (张国华总书记, 王建国书记).
//! - `surname_title`: a surname and title standing for an official of the
//!   article (王书记 for 王建国, 区委书记).
//! - `title_only`: a title alone standing for the one official of the
//!   article who holds it (嘉定区委书记调研嘉定工业区, where 王建国 is 区委书记).
//!
//! A name is a surname of `lexicon/surnames.txt` and one or two more Chinese
//! characters, none of them in `lexicon/non_name_chars.txt`, ending where a
//! name can end (punctuation, or a word such as 出席, 表示, 一行). A title
//! word whose organisation is a company, school or hospital (院长 of a
//! 学院, 董事长) does not make an official: executives, scholars and
//! journalists are not officials.

use std::collections::{BTreeMap, BTreeSet};
use std::sync::LazyLock;

use regex::Regex;

use super::gazetteer::Level;
use super::words::{LexiconWords, WordMatch, Words};
use super::{EntityType, Extractor, Lookup, Mention, Trace, automaton, lexicon};
use crate::normalise::is_han;

pub struct Rules {
    titles: Words,
    title_cutters: super::Cutters,
    surnames: Surnames,
    non_name: BTreeSet<char>,
    non_public: Vec<String>,
}

/// Title words that make an official only outside companies, schools and
/// hospitals. (组长 heads a 领导小组, a public body whatever its subject:
/// 区公立医院改革…领导小组组长.)
const HEAD_OF_ANY_BODY: &[&str] = &["院长", "副院长", "校长", "副校长", "主任", "副主任", "所长", "负责人"];

/// Short titles used with a surname (陆书记, 上官副市长), or after a full name
/// (张国华总书记).
pub(crate) const SURNAME_TITLES: &[&str] = &[
    "书记",
    "区长",
    "市长",
    "县长",
    "镇长",
    "主任",
    "部长",
    "主席",
    "局长",
    "省长",
    "副书记",
    "副区长",
    "副市长",
    "副县长",
    "副镇长",
    "副主任",
    "副部长",
    "副主席",
    "副局长",
    "副省长",
];

/// Words that, with [`super::PARTICLES`], cannot stand inside the
/// organisation of a title, so they end it when reading leftwards (赵立新致辞,并和嘉定区领导李红 → 嘉定区领导). Narrower
/// than the company cutters: 合作, 组织 and 与 occur in organisations
/// (市政府合作交流办, 组织部, 改革与…领导小组).
const TITLE_CUTTERS: &[&str] =
    &["并", "和", "及", "以及", "包括", "其中", "邀请", "出席", "主持", "会见", "陪同", "致辞", "本报讯", "会上"];

/// The longest chain of titles read before a name, in characters: no real
/// one is longer, and a bound keeps a line of repeated titles linear.
const MAX_TITLE_CHAIN: usize = 60;

/// The rule of a title standing alone for an official.
pub const TITLE_ONLY: &str = "title_only";

/// Title words too general to stand for one person (区领导 are many).
const GROUP_TITLES: &[&str] = &["领导", "负责人", "委员", "常委", "党组成员"];

static NAMES_THEN_GROUP: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"((?:\p{Han}{2,4}、)+\p{Han}{2,4})等(\p{Han}{0,8}领导)").expect("group regex"));

/// The title that follows the names of national leaders (张国华总书记).
const GENERAL_SECRETARY: &str = "总书记";

/// The words sought after names: [`SURNAME_TITLES`] and then 总书记,
/// overlapping (总书记 holds 书记).
pub(crate) fn titles_after_names() -> Vec<&'static str> {
    [SURNAME_TITLES, &[GENERAL_SECRETARY]].concat()
}

impl Rules {
    pub fn new() -> Rules {
        Rules {
            titles: Words::new(&lexicon::words(lexicon::TITLES)),
            title_cutters: super::Cutters::new(&[super::PARTICLES, TITLE_CUTTERS].concat()),
            surnames: Surnames::new(&lexicon::words(lexicon::SURNAMES)),
            non_name: lexicon::words(lexicon::NON_NAME_CHARS).iter().filter_map(|w| w.chars().next()).collect(),
            non_public: lexicon::words(lexicon::NON_PUBLIC_BODIES).into_iter().map(str::to_string).collect(),
        }
    }

    pub(crate) fn is_non_name_char(&self, c: char) -> bool {
        self.non_name.contains(&c)
    }

    /// Whether `name` has the shape of a Chinese personal name.
    fn is_name(&self, x: &Extractor, name: &str, text: &str) -> bool {
        let count = name.chars().count();
        if !(2..=4).contains(&count) || !name.chars().all(is_han) {
            return false;
        }
        let mut chars = name.chars();
        let (Some(first), Some(second)) = (chars.next(), chars.next()) else { return false };
        let surname_len = if count >= 3 && self.surnames.is_compound(first, second) {
            2
        } else if self.surnames.single.binary_search(&first).is_ok() {
            1
        } else {
            return false;
        };
        // Every character is Chinese, three bytes in UTF-8.
        let given = &name[surname_len * name.len() / count..];
        // 欧阳 of 欧阳书记 is a surname, whatever 欧 and 阳 could be alone.
        let compound_surname = count == 2 && self.surnames.is_compound(first, second);
        (1..=2).contains(&(count - surname_len))
            && !compound_surname
            && !given.chars().any(|c| self.non_name.contains(&c))
            && !x.starts_follower(name, 0)
            && !names_a_place_of(x, name, text)
    }
}

/// The surnames of `lexicon/surnames.txt` by length, sorted: a name's
/// first one or two characters are looked up without building a string.
struct Surnames {
    single: Vec<char>,
    /// Two-character surnames (欧阳, 司马).
    double: Vec<(char, char)>,
}

impl Surnames {
    /// Whether `first` and `second` make a compound surname (欧阳).
    fn is_compound(&self, first: char, second: char) -> bool {
        self.double.binary_search(&(first, second)).is_ok()
    }

    /// The surnames `text` may end with, if a title follows it: a compound
    /// one (欧阳) where the text ends with one, then the last character (陆
    /// of 陆书记).
    fn endings<'t>(&self, text: &'t str) -> impl Iterator<Item = &'t str> {
        let mut chars = text.char_indices().rev();
        let last = chars.next();
        let compound = last
            .zip(chars.next())
            .filter(|&((_, l), (_, f))| self.is_compound(f, l))
            .map(|(_, (first_at, _))| &text[first_at..]);
        compound.into_iter().chain(last.map(|(at, _)| &text[at..]))
    }

    fn new(words: &[&str]) -> Surnames {
        let mut surnames = Surnames { single: Vec::new(), double: Vec::new() };
        for word in words {
            let chars: Vec<char> = word.chars().collect();
            match chars[..] {
                [c] => surnames.single.push(c),
                [a, b] => surnames.double.push((a, b)),
                _ => {}
            }
        }
        surnames.single.sort_unstable();
        surnames.double.sort_unstable();
        surnames
    }
}

impl Default for Rules {
    fn default() -> Self {
        Self::new()
    }
}

/// Whether `name` holds the short form of a county, city or province that
/// `text` names in full (来嘉定 in 领导来嘉定调研, where the text has 嘉定区, is
/// no person). A given name that merely equals some far-off county's short
/// form (方卫东, 卫东区) is still a name.
fn names_a_place_of(x: &Extractor, name: &str, text: &str) -> bool {
    x.gazetteer.find_all(name).any(|(r, forms)| {
        name[r].chars().count() >= 2
            && forms.iter().any(|f| {
                let d = x.gazetteer.division(f.division);
                d.level != super::gazetteer::Level::Town && text.contains(d.name.as_str())
            })
    })
}

/// Where the title words of an article are, as the rules read them.
struct TitleWords<'a> {
    /// Words of `lexicon/titles.txt`, leftmost-longest.
    all: &'a [WordMatch],
    /// Where each of [`titles_after_names`] (by its index) occurs, by title
    /// and then position.
    after_names: Vec<(usize, usize)>,
}

impl TitleWords<'_> {
    fn of<'a>(words: &'a LexiconWords) -> TitleWords<'a> {
        let mut after_names: Vec<(usize, usize)> =
            words.titles_after_names.iter().map(|m| (m.word(), m.start())).collect();
        after_names.sort_unstable();
        TitleWords { all: &words.titles, after_names }
    }
}

/// Mentions found by the title rules alone (pass 1), given the article's
/// lexicon words ([`Extractor::lexicon_words`]).
pub fn titled(x: &Extractor, words: &LexiconWords, trace: &mut Trace) -> Vec<Mention> {
    titled_with(x, words.text(), &TitleWords::of(words), trace)
}

/// [`titled`], given where the title words of `text` are.
fn titled_with(x: &Extractor, text: &str, words: &TitleWords, trace: &mut Trace) -> Vec<Mention> {
    let rules = &x.official;
    let mut out = Vec::new();
    for m in words.all {
        let title_start = title_chain_start(x, text, m.start());
        let chain = &text[title_start..m.end()];
        let titles: Vec<String> = chain
            .split('、')
            .filter(|t| rules.titles.find_iter(t).last().is_some_and(|tm| tm.end() == t.len()))
            .map(str::to_string)
            .collect();
        let word = &text[m.range()];
        // An official if any title of the chain is a public office: 院长 of a
        // 学院 alone is not (华东师范大学…学院院长殷德生).
        let public = |t: &str| {
            let head = rules.titles.find_iter(t).last().map_or("", |tm| &t[tm.range()]);
            !(HEAD_OF_ANY_BODY.contains(&head) && rules.non_public.iter().any(|b| t.contains(b.as_str())))
        };
        if !titles.iter().any(|t| public(t)) {
            trace.reject(EntityType::Official, text, title_start..m.end(), "title_name", || {
                "the titles are of a company, school or hospital, not a public office".into()
            });
            continue;
        }
        let last_title = titles.last().cloned().unwrap_or_else(|| word.to_string());
        let mut at = m.end();
        let mut first = true;
        let name_after_title = |at: usize| {
            if opens_dotted_name(text, at) {
                return dotted_name_at(x, text, at).map(|end| (end, "title_name"));
            }
            name_at(x, text, at)
                .map(|end| (end, "title_name"))
                .or_else(|| rare_surname_name_at(x, text, at).map(|end| (end, RARE_SURNAME)))
        };
        if name_after_title(at).is_none() && !text[at..].starts_with('、') {
            trace.reject(EntityType::Official, text, m.range(), "title_name", || {
                "no personal name follows the title (a surname, one or two more characters, then a word that ends a name)".into()
            });
        }
        while let Some((end, rule)) = name_after_title(at) {
            out.push(official(text, at..end, rule, if first { titles.clone() } else { vec![last_title.clone()] }));
            first = false;
            if !text[end..].starts_with('、') {
                break;
            }
            at = end + '、'.len_utf8();
        }
    }
    // A name before its title: 张国华总书记, 王建国书记. The title words are
    // found overlapping, so a title that ends a longer one found there (书记
    // of 总书记, 市长 of 副市长) is read at the longer one's start only.
    let title_of = |pattern: usize| SURNAME_TITLES.get(pattern).copied().unwrap_or(GENERAL_SECRETARY);
    let mut first_start_by_end: BTreeMap<usize, usize> = BTreeMap::new();
    for &(pattern, at) in &words.after_names {
        let start = first_start_by_end.entry(at + title_of(pattern).len()).or_insert(at);
        *start = (*start).min(at);
    }
    for &(pattern, at) in &words.after_names {
        let title = title_of(pattern);
        let inside_longer = first_start_by_end.get(&(at + title.len())).is_some_and(|&start| start < at);
        if !x.ends_name(text, at + title.len()) || inside_longer {
            continue;
        }
        let starts = text[..at].char_indices().rev().take(4).map(|(i, _)| i);
        for start in starts.skip(1) {
            let name = &text[start..at];
            let left_clear = !text[..start].ends_with(is_han) || x.cutter_ends_at(text, start);
            if rules.is_name(x, name, text) && left_clear {
                out.push(official(text, start..at, "name_title", vec![title.to_string()]));
                break;
            }
        }
    }
    for c in names_then_group(text) {
        let (Some(list), Some(group)) = (c.get(1), c.get(2)) else {
            continue;
        };
        let mut at = list.start();
        let items: Vec<&str> = list.as_str().split('、').collect();
        if !items.iter().all(|n| rules.is_name(x, n, text)) {
            // Accept the list from its first valid name on (在王建国、李红等区领导).
            if items.len() < 2 || !items[1..].iter().all(|n| rules.is_name(x, n, text)) {
                continue;
            }
        }
        for (i, item) in items.iter().enumerate() {
            let span = at..at + item.len();
            at = span.end + '、'.len_utf8();
            if i == 0 && !rules.is_name(x, item, text) {
                continue;
            }
            out.push(official(text, span, "names_then_group", vec![group.as_str().to_string()]));
        }
    }
    out
}

/// The matches of [`NAMES_THEN_GROUP`] in `text`. A match is Chinese
/// characters and 、 only and ends in 领导, so only the runs of those that
/// hold a 领导 are searched, not the whole text.
fn names_then_group(text: &str) -> Vec<regex::Captures<'_>> {
    let in_run = |c: char| is_han(c) || c == '、';
    let mut runs: Vec<(usize, usize)> = Vec::new();
    for (at, _) in text.match_indices("领导") {
        let start = text[..at].char_indices().rev().take_while(|&(_, c)| in_run(c)).last().map_or(at, |(i, _)| i);
        if runs.last().is_some_and(|&(s, _)| s == start) {
            continue;
        }
        let end = text[at..].char_indices().find(|&(_, c)| !in_run(c)).map_or(text.len(), |(i, _)| at + i);
        runs.push((start, end));
    }
    let mut found = Vec::new();
    for (mut at, end) in runs {
        // Searched in the text up to the run's end, from its start, as the
        // whole text would be: a match cannot reach across a run's ends.
        while let Some(c) = NAMES_THEN_GROUP.captures_at(&text[..end], at) {
            at = c.get(0).map_or(end, |m| m.end().max(at + 1));
            found.push(c);
        }
    }
    found
}

/// All official mentions of the article (pass 2), given its lexicon words.
pub fn find(x: &Extractor, words: &LexiconWords, lookup: &Lookup, trace: &mut Trace) -> Vec<Mention> {
    let text = words.text();
    let words = TitleWords::of(words);
    let mut out = titled_with(x, text, &words, trace);
    let mut titles_by_name: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for m in &out {
        titles_by_name.entry(m.name.clone()).or_default().extend(m.titles.iter().cloned());
    }
    let known = &lookup.known.officials;
    // A pass-2 article whose pass-1 survey was skipped has titled names the
    // corpus does not know yet: search them with the corpus's, in one
    // leftmost-longest automaton as ever.
    let own = if titles_by_name.keys().all(|n| known.contains(n)) {
        None
    } else {
        let names: BTreeSet<&str> =
            known.iter().map(String::as_str).chain(titles_by_name.keys().map(String::as_str)).collect();
        Some(automaton(&names.into_iter().collect::<Vec<_>>()))
    };
    if let Some(names) = own.as_ref().or(lookup.officials.as_ref()) {
        for m in names.find_iter(text) {
            out.push(official(text, m.range(), "known_name", vec![]));
        }
    }
    // 嘉定区委书记调研…: a title alone, standing for the one official of the
    // article who holds it.
    for m in words.all {
        let word = &text[m.range()];
        if GROUP_TITLES.contains(&word) || name_at(x, text, m.end()).is_some() || text[m.end()..].starts_with('、') {
            continue;
        }
        if !x.ends_name(text, m.end()) {
            continue;
        }
        let start = title_chain_start(x, text, m.start());
        let item_start = text[start..m.end()].rfind('、').map_or(start, |i| start + i + '、'.len_utf8());
        let title = &text[item_start..m.end()];
        if title.chars().count() < 4 {
            continue;
        }
        let holders: Vec<&String> = titles_by_name
            .iter()
            .filter(|(_, ts)| {
                ts.iter().any(|t| t.chars().count() >= 4 && (t.ends_with(title) || title.ends_with(t.as_str())))
            })
            .map(|(name, _)| name)
            .collect();
        if let [name] = holders.as_slice() {
            let mut m = official(text, item_start..m.end(), TITLE_ONLY, vec![]);
            m.name = name.to_string();
            out.push(m);
        }
    }
    // 陆书记, 欧阳书记: the only official of the article with that surname and title.
    for &(pattern, at) in &words.after_names {
        let Some(title) = SURNAME_TITLES.get(pattern) else { continue };
        // A compound surname where the text ends with one and an official
        // bears it, else the last character (司马 of 公司马书记 is 马).
        let holders_of = |surname: &str| -> Vec<&String> {
            titles_by_name
                .iter()
                .filter(|(name, ts)| name.starts_with(surname) && ts.iter().any(|t| t.ends_with(title)))
                .map(|(name, _)| name)
                .collect()
        };
        let Some((surname, holders)) = x
            .official
            .surnames
            .endings(&text[..at])
            .map(|surname| (surname, holders_of(surname)))
            .find(|(_, holders)| !holders.is_empty())
        else {
            continue;
        };
        let start = at - surname.len();
        if let [name] = holders.as_slice()
            && (!text[..start].chars().next_back().is_some_and(is_han) || x.ends_name(text, at + title.len()))
        {
            let mut m = official(text, start..at + title.len(), "surname_title", vec![]);
            m.name = name.to_string();
            out.push(m);
        }
    }
    out
}

fn official(text: &str, span: std::ops::Range<usize>, rule: &'static str, titles: Vec<String>) -> Mention {
    Mention { titles, ..Mention::new(EntityType::Official, &text[span.clone()], span, rule) }
}

/// Where the chain of titles ending at `end` starts: after the last
/// punctuation other than 、 (区委副书记、区长李红 → 区委副书记、区长).
/// A word of [`TITLE_CUTTERS`] (并和, 邀请) ends the chain too, and running text before
/// a place that opens the title is dropped (正文内容上海市嘉定区区长 →
/// 上海市嘉定区区长).
fn title_chain_start(x: &Extractor, text: &str, end: usize) -> usize {
    let start = text[..end]
        .char_indices()
        .rev()
        .take(MAX_TITLE_CHAIN)
        .take_while(|&(i, c)| {
            (c == '、' || c == '(' || c == ')' || is_han(c) || c.is_ascii_alphanumeric())
                && !super::cutter_ends_at(&x.official.title_cutters, text, i + c.len_utf8())
        })
        .last()
        .map_or(end, |(i, _)| i);
    let chain = &text[start..end];
    let place = x.gazetteer.find_all(chain).find(|(r, forms)| {
        r.start > 0 && forms.iter().any(|f| !f.short && x.gazetteer.division(f.division).level != Level::Town)
    });
    match place {
        Some((r, _)) if !chain[..r.start].contains(ORGANISATION_CHARS) && !chain[..r.start].contains('、') => {
            start + r.start
        }
        _ => start,
    }
}

/// Characters that mark an organisation in a title (区委, 合作交流办, 人大).
const ORGANISATION_CHARS: &[char] =
    &['委', '办', '局', '会', '部', '院', '府', '厅', '署', '司', '处', '组', '党', '团', '联', '人'];

/// The end of a personal name starting at `at`, if one does: three
/// characters where the third cannot end it, else two (区长李红主持 → 李红).
/// A third character that could end it (和, 为) is the name's own where
/// punctuation follows it, since then it joins or introduces nothing
/// (副主任殷春和、副主席祝芳菲 → 殷春和).
fn name_at(x: &Extractor, text: &str, at: usize) -> Option<usize> {
    let rules = &x.official;
    let ends: Vec<usize> =
        text[at..].char_indices().skip(1).take(4).map(|(i, _)| at + i).chain(std::iter::once(text.len())).collect();
    let mut found = None;
    for &end in ends.iter().take(4) {
        if end <= at || end > text.len() {
            continue;
        }
        let cand = &text[at..end];
        if rules.is_name(x, cand, text) && x.ends_name(text, end) {
            // 区长李红来到: with a two-character name the next word is a word
            // that follows names (来到), so the name is the two characters.
            if cand.chars().count() == 3 && found.is_some() {
                let third = at + cand.char_indices().nth(2).map_or(0, |(i, _)| i);
                if x.starts_follower(text, third) && !punctuation_at(text, end) {
                    break;
                }
            }
            found = Some(end);
            if cand.chars().count() == 3 {
                break;
            }
        }
    }
    found
}

/// The rule of a name after a title whose surname the lexicon lacks.
pub const RARE_SURNAME: &str = "title_rare_surname";

/// The end of a name whose surname the lexicon lacks (折茂霖, 郇立新), read
/// only right after a title, where a name is expected: three Chinese
/// characters, none that stands in no given name nor opens an
/// organisation, then a word that ends a name (市政协主席拓振华参加; 抓 of
/// 书记亲自抓 stands in no given name). Four or
/// five such characters (Mongolian names: 副旗长萨仁高娃陪同, 旗长额尔德木图参加)
/// need a word of two characters that follows names after them: not
/// punctuation, which also ends phrases (区长高度重视,).
fn rare_surname_name_at(x: &Extractor, text: &str, at: usize) -> Option<usize> {
    let rules = &x.official;
    let chars: Vec<(usize, char)> = text[at..].char_indices().take(5).collect();
    let first = chars.first()?.1;
    if ORGANISATION_CHARS.contains(&first) {
        return None;
    }
    for (n, &(i, c)) in chars.iter().enumerate() {
        if !is_han(c) || rules.non_name.contains(&c) || x.starts_follower(text, at + i) {
            return None;
        }
        let end = at + i + c.len_utf8();
        let ends = match n + 1 {
            3 => x.ends_name(text, end),
            4 | 5 => x.starts_long_follower(text, end),
            _ => false,
        };
        if ends && !names_a_place_of(x, &text[at..end], text) {
            return Some(end);
        }
    }
    None
}

/// The dots that join the parts of a transliterated name.
const NAME_DOTS: &[char] = &['·', '•', '・', '‧'];

/// The end of a transliterated name (艾尔肯·吐尼亚孜), read only right after a
/// title: runs of Chinese characters joined by a dot, the last ending where
/// punctuation or a word of two characters that follows names starts
/// (艾尔肯·吐尼亚孜出席, 阿不都热合曼·买买提陪同: 提 of 买买提 opens 提出 too).
/// Where no such word comes within five characters of the last part, the
/// name ends at the first single character that follows names, two
/// characters into that part at least (艾合买提江·吾守尔到鄯善县调研).
fn dotted_name_at(x: &Extractor, text: &str, at: usize) -> Option<usize> {
    let (mut end, mut dots, mut part) = (at, 0, 0);
    let mut first_follower = None;
    for (i, c) in text[at..].char_indices() {
        let pos = at + i;
        if NAME_DOTS.contains(&c) && part > 0 {
            (dots, part, first_follower) = (dots + 1, 0, None);
            continue;
        }
        if !is_han(c) || (dots > 0 && part > 0 && x.starts_long_follower(text, pos)) {
            break;
        }
        if dots > 0
            && part >= 2
            && first_follower.is_none()
            && !TRANSLITERATION_CHARS.contains(&c)
            && x.starts_follower(text, pos)
        {
            first_follower = Some(pos);
        }
        if dots > 0 && part == MAX_LAST_PART && first_follower.is_some() {
            end = first_follower?;
            break;
        }
        part += 1;
        end = pos + c.len_utf8();
        if part > MAX_NAME_PART {
            end = first_follower?;
            break;
        }
    }
    // A single character that follows names ends it wherever the name stops
    // (…吾守尔在会上讲话).
    let end = first_follower.unwrap_or(end);
    (dots > 0 && end > at && x.ends_name(text, end)).then_some(end)
}

/// The longest part of a transliterated name, in characters.
const MAX_NAME_PART: usize = 8;

/// Characters transliterated names use that also open words that follow
/// names (提 of 买买提, 沙吾提, 提出; 来 of 阿不来提, 来到): they do not end
/// such a name.
const TRANSLITERATION_CHARS: &[char] = &['提', '来'];

/// The longest last part of a transliterated name read past a single
/// character that follows names (买买提 past 提), in characters.
const MAX_LAST_PART: usize = 5;

/// Whether a transliterated name opens at `at`: Chinese characters, then a
/// dot and another (艾合买提江·吾守尔), so no shorter name may be read there
/// (艾合买, where 提 also opens 提出).
fn opens_dotted_name(text: &str, at: usize) -> bool {
    let run = text[at..].char_indices().take(MAX_NAME_PART + 1).find(|&(_, c)| !is_han(c));
    run.is_some_and(|(i, c)| i > 0 && NAME_DOTS.contains(&c) && text[at + i + c.len_utf8()..].starts_with(is_han))
}

/// Whether the text ends at `at` or a punctuation mark stands there.
fn punctuation_at(text: &str, at: usize) -> bool {
    // Normalisation has made full-width commas, colons and brackets half-width.
    text[at..].chars().next().is_none_or(|c| matches!(c, '、' | ',' | '。' | ';' | ':' | ')' | '”'))
}

#[cfg(test)]
mod tests {
    use super::super::EntityType::Official;
    use super::super::test_support::check_cases;

    /// (sentence that motivated the rule, officials expected)
    const CASES: &[(&str, &[&str])] = &[
        // title_name
        ("11月4日,区委书记陆方舟来到位于南翔镇的上海卓钢链电子商务有限公司。", &["陆方舟"]),
        ("区委副书记、区长高香主持会议。", &["高香"]),
        ("区委副书记、区长高 香主持会议。", &["高香"]),
        ("苏州市委常委、昆山市委书记周伟,太仓市委书记汪香元出席。", &["周伟", "汪香元"]),
        ("证监会主席吴清“首秀”:该出手时果断出手。", &["吴清"]),
        (
            "区四套班子领导肖文高、高香、连正华、杨莉、吴杰等来到国家会展中心。",
            &["肖文高", "高香", "连正华", "杨莉", "吴杰"],
        ),
        (
            "嘉定区领导高香,昆山市领导陈丽艳、范建青,太仓市领导徐华东等共同开启。",
            &["高香", "陈丽艳", "范建青", "徐华东"],
        ),
        ("副区长汤东英为汽车产业学院揭牌。", &["汤东英"]),
        ("区委副书记吴杰、市妇联副主席金佩出席会议并讲话。", &["吴杰", "金佩"]),
        ("长三角区域合作办公室常务副主任、上海市发展改革委副主任、市发展改革研究院院长张忠伟出席会议。", &["张忠伟"]),
        ("上海开放大学党委书记楼军江出席仪式。", &["楼军江"]),
        ("区委常委、副区长李海强陪同调研。", &["李海强"]),
        ("11月5日,区长李红来到安亭镇调研。", &["李红"]),
        ("县人大常委会主任赵德明出席。", &["赵德明"]),
        // A given name that is also a far-off county's short form (卫东区, 建平县, 海林市).
        (
            "区委书记方卫东先后走访调研重点企业。区领导邬建平、孙晓岚出席。主任郭海林出席。",
            &["方卫东", "邬建平", "孙晓岚", "郭海林"],
        ),
        // 000: the leading group's subject names a hospital; its head is still an official.
        ("区委书记、区公立医院改革与高质量发展示范项目建设领导小组组长陆方舟出席会议。", &["陆方舟"]),
        // names_then_group
        ("11月6日,陆方舟、高香、连正华、杨莉等区四套班子领导来到进博会场馆。", &["陆方舟", "高香", "连正华", "杨莉"]),
        // known_name: later references in the same article
        ("区委书记陆方舟出席会议。陆方舟指出,要强化意识。", &["陆方舟", "陆方舟"]),
        // A given name with 年 (鹤年, 延年), a word of dates elsewhere.
        ("17日上午,县委副书记、县长程鹤年到杭口镇调研。", &["程鹤年"]),
        // 和 before punctuation joins nothing: it ends the name 殷春和.
        ("县人大常委会副主任殷春和、县政协副主席祝芳菲列席会议。", &["殷春和", "祝芳菲"]),
        // Given names with 行 and 可 (景行, 可昕), function words elsewhere.
        ("4月16日,区委书记苗景行带队调研江宁开发区。副区长虞可昕陪同调研。", &["苗景行", "虞可昕"]),
        // 区长 inside 社区长者 is no title.
        ("顾钧默走进新开的社区长者食堂,与老人聊菜品。", &[]),
        // A surname the lexicon lacks, right after a title (拓, 折 of Shaanxi).
        ("神木市人大常委会主任解玉芳、市政协主席拓振华参加座谈会。", &["解玉芳", "拓振华"]),
        ("榆林市政府秘书长仝志远,市委副书记、市长折茂霖陪同调研。", &["仝志远", "折茂霖"]),
        // Mongolian names, of four or five characters.
        ("旗委常委、副旗长萨仁高娃陪同调研。", &["萨仁高娃"]),
        ("旗委副书记、旗长额尔德木图参加座谈会并表示。", &["额尔德木图"]),
        // A transliterated name, its parts joined by a dot.
        ("自治区党委副书记、自治区主席艾尔肯·吐尼亚孜出席会议。", &["艾尔肯·吐尼亚孜"]),
        ("州长阿不都热合曼•买买提陪同调研。", &["阿不都热合曼•买买提"]),
        ("副市长艾合买提江·吾守尔到鄯善县连木沁镇调研。", &["艾合买提江·吾守尔"]),
        ("副市长艾合买提江·吾守尔到鄯善县调研。", &["艾合买提江·吾守尔"]),
        ("副市长艾合买提江·吾守尔在会上讲话。", &["艾合买提江·吾守尔"]),
        ("吐峪沟乡乡长努尔艾力·阿不来提介绍。", &["努尔艾力·阿不来提"]),
        // …but not words that run on after a title.
        ("县委书记专题研究部署。区长办公会议召开。书记带队走访企业。", &[]),
        ("区长高度重视,副书记认真听取汇报并讲话。主任热情欢迎,", &[]),
        ("要落实书记亲自抓、县长具体抓的工作机制。", &[]),
        ("醴陵市委书记栾振邦推介醴陵投资环境。", &["栾振邦"]),
        // …while before a name it is "and".
        ("区长李红和副区长王刚出席。", &["李红", "王刚"]),
        // surname_title
        ("区委书记孙文出席会议。孙书记指出,要强化意识。", &["孙文", "孙文"]),
        // A deputy's title after a name (王刚副市长), not 市长 after 王刚副.
        ("区委书记李红出席。王刚副市长指出,要抓好落实。", &["李红", "王刚"]),
        // 司马 that only ends 公司 is no compound surname here (公司马书记 is 马云).
        ("市委书记马云出席。这家公司马书记说了。", &["马云", "马云"]),
        // A compound surname with a title (欧阳书记), and a deputy's title.
        (
            "市委书记欧阳砚舟、副市长上官婕来到西三镇。欧阳书记接过葡萄。上官副市长介绍。",
            &["欧阳砚舟", "上官婕", "欧阳砚舟", "上官婕"],
        ),
        // name_title
        ("要深入学习贯彻习近平总书记关于全面深化改革的一系列新思想。", &["习近平"]),
        // title_only
        ("嘉定区委书记调研嘉定工业区。区委书记陆方舟率区相关部门负责人走访。", &["陆方舟", "陆方舟"]),
        // …but not a title that is one of a chain before a name: 区委副书记 of
        // 区委副书记、区长高香 is no second mention of 高香.
        ("区委副书记、区长高香主持会议。", &["高香"]),
        // not officials: executives, scholars, journalists, villagers
        ("康德莱医械董事长兼总经理梁栋科介绍。", &[]),
        ("华东师范大学特聘教授、经济与管理学院院长殷德生教授作专题辅导报告。", &[]),
        ("上海城投(集团)有限公司党委副书记、总裁陈庆江介绍公司基本情况。", &[]),
        ("上海开放大学校长贾炜签订合作框架协议。", &[]),
        ("村民管素英与邻里好友围坐一堂。 通讯员 梁紫荆/摄", &[]),
        ("撰稿 俞超", &[]),
        ("区领导来到进博会场馆,走访嘉定相关参展企业。", &[]),
        (
            "会议邀请中国工程院院士、中国建材集团首席科学家、科技委主任,中国建材国际工程集团有限公司首席科学家彭寿作专题辅导报告。",
            &[],
        ),
    ];

    /// (sentence, the titles of its first official)
    const WHOLE_TITLES: &[(&str, &[&str])] = &[
        ("县人大常委会主任赵德明出席。", &["县人大常委会主任"]),
        ("区委副书记、区长高香主持会议。", &["区委副书记", "区长"]),
        // 001 and 004: verbs and page furniture before a title are not part of it.
        ("肖文高致辞,并和嘉定区领导高香共同开启。", &["嘉定区领导"]),
        ("当前位置:首页 > 正文内容上海市嘉定区区长高香:嘉定将。", &["上海市嘉定区区长"]),
    ];

    #[test]
    fn titles_are_kept_whole_with_their_organisation() {
        for (sentence, titles) in WHOLE_TITLES {
            let x = &super::super::test_support::EXTRACTOR;
            let m = super::titled(x, &x.lexicon_words(sentence), &mut super::Trace::default());
            assert_eq!(m[0].titles, *titles, "{sentence}");
        }
    }

    #[test]
    fn every_surname_has_one_or_two_characters() {
        // Surnames keeps those two lengths only.
        let words = super::lexicon::words(super::lexicon::SURNAMES);
        let surnames = super::Surnames::new(&words);
        assert_eq!(surnames.single.len() + surnames.double.len(), words.len());
        assert!(surnames.double.contains(&('欧', '阳')));
    }

    #[test]
    fn official_rules() {
        check_cases(CASES, Official);
    }

    /// The corpus's names are compiled once; a name titled in an article
    /// the survey did not see must still be found where it stands alone.
    #[test]
    fn names_titled_in_an_unsurveyed_article_are_found_again() {
        use super::super::test_support::EXTRACTOR;
        use super::super::{Known, Lookup, Trace};
        let x = &*EXTRACTOR;
        let text = "区委书记王建明来到南翔镇。王建明强调,要抓好落实。";
        let second_sentence = text.find('。').expect("two sentences") + '。'.len_utf8();
        for lookup in [Lookup::new(x, Known::default()), Lookup::new(x, x.survey(text, None))] {
            let found = super::find(x, &x.lexicon_words(text), &lookup, &mut Trace::default());
            assert!(found.iter().any(|m| m.name == "王建明" && m.span.start == second_sentence), "{found:?}");
        }
    }
}
