//! Stage 4, *extract*: find the officials, companies, towns and events each
//! sentence mentions.
//!
//! Takes a normalised article and its sentences and returns [`Mention`]s:
//! a span of the normalised text, the entity type, the name the mention
//! refers to as far as this article tells (`南翔` → `南翔镇`, `消博会` →
//! `第三届中国国际消费品博览会`), and the rule that found it. One module per
//! entity type holds its rules: [`official`], [`company`], [`place`],
//! [`event`]; [`dates`] reads the dates that `relate` needs.
//!
//! The [`Extractor`] compiles every lexicon and automaton once; the words
//! the rules start from (titles, event nouns, company suffixes, zone words)
//! are found in one pass over each article ([`Extractor::lexicon_words`]). Extraction
//! runs in two passes over a corpus: [`Extractor::survey`] collects what one
//! article establishes for all (names seen with a public-office title,
//! registered company names), and [`Extractor::extract`] then finds every
//! mention, knowing the whole corpus's [`Known`] names. Merging the same
//! entity across articles is left to `resolve`.

pub mod company;
pub mod dates;
pub mod event;
pub mod gazetteer;
pub mod lexicon;
pub mod official;
pub mod place;
mod words;

pub use words::{LexiconWords, WordMatch};

use std::borrow::Cow;
use std::collections::{BTreeMap, BTreeSet};
use std::ops::Range;

use aho_corasick::{AhoCorasick, Anchored, Input, MatchKind, StartKind};
use serde::{Deserialize, Serialize};

use crate::normalise::is_han;
use crate::segment::Sentence;
use gazetteer::Gazetteer;

/// The four kinds of node.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, clap::ValueEnum)]
#[serde(rename_all = "lowercase")]
pub enum EntityType {
    Official,
    Company,
    Town,
    Event,
}

impl EntityType {
    pub const ALL: [EntityType; 4] = [EntityType::Official, EntityType::Company, EntityType::Town, EntityType::Event];

    pub fn as_str(self) -> &'static str {
        match self {
            EntityType::Official => "official",
            EntityType::Company => "company",
            EntityType::Town => "town",
            EntityType::Event => "event",
        }
    }
}

/// One mention of an entity in an article.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Mention {
    pub entity_type: EntityType,
    /// The entity's name as far as this article tells (canonical form).
    pub name: String,
    /// The text as it stands in the normalised article.
    pub surface: String,
    /// Byte range in the normalised text.
    pub span: Range<usize>,
    /// Index of the sentence the mention is in.
    pub sentence: usize,
    /// The rule that found it (see each extractor's documentation).
    pub rule: Cow<'static, str>,
    /// For officials: the titles given with this mention.
    pub titles: Vec<String>,
    /// Whether the name ends where a name can end, rather than running on
    /// as a modifier of a longer noun (嘉定区 in 嘉定区参展企业). Set by
    /// [`Extractor::extract`].
    pub standalone: bool,
    /// How sure the rule that found it is, in [0, 1] (see [`rule_confidence`]).
    pub confidence: f64,
}

impl Mention {
    /// A mention of `surface` at `span` that names itself, found by `rule`;
    /// callers set `name` where it names something longer.
    pub fn new(entity_type: EntityType, surface: &str, span: Range<usize>, rule: &'static str) -> Mention {
        Mention {
            entity_type,
            name: surface.to_string(),
            surface: surface.to_string(),
            span,
            sentence: 0,
            rule: Cow::Borrowed(rule),
            titles: vec![],
            standalone: false,
            confidence: rule_confidence(rule),
        }
    }
}

/// How often a rule is right, as a confidence in [0, 1]: rules that read a
/// suffix or a title (registered names, 区委书记王建国, gazetteer names) are
/// surer than those that read context (a brand before 品牌, a booth in a list).
pub fn rule_confidence(rule: &str) -> f64 {
    match rule {
        "title_name" | "names_then_group" | "registered_name" | "division" | "event_name" => 0.95,
        "known_name" | "surname_title" | "short_name" | "village" | "event_short" | "zone_of_town" => 0.9,
        "name_title" | "title_only" | official::RARE_SURNAME | "division_short" | "event_abbreviation" | "zone" => 0.8,
        "booth" | "executive_of" | "listed_with_companies" => 0.75,
        "brand" => 0.7,
        _ => 0.5,
    }
}

/// A candidate a rule considered and let go, with the reason, for
/// `newsgraph explain`.
#[derive(Debug, Clone, PartialEq)]
pub struct Rejection {
    pub entity_type: EntityType,
    pub surface: String,
    pub span: Range<usize>,
    pub rule: Cow<'static, str>,
    pub reason: String,
}

/// Collects rejections when enabled; costs nothing otherwise.
#[derive(Debug, Default)]
pub struct Trace {
    enabled: bool,
    pub rejections: Vec<Rejection>,
}

impl Trace {
    /// A trace that records.
    pub fn recording() -> Trace {
        Trace { enabled: true, rejections: Vec::new() }
    }

    /// Records that `rule` let `text[span]` go, and why (`reason` is only
    /// built when recording).
    pub(crate) fn reject(
        &mut self,
        entity_type: EntityType,
        text: &str,
        span: Range<usize>,
        rule: &'static str,
        reason: impl FnOnce() -> String,
    ) {
        if self.enabled {
            self.rejections.push(Rejection {
                entity_type,
                surface: text[span.clone()].to_string(),
                span,
                rule: Cow::Borrowed(rule),
                reason: reason(),
            });
        }
    }
}

/// What one article establishes for the whole corpus.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Known {
    /// Names seen with a public-office title.
    pub officials: BTreeSet<String>,
    /// Registered company names (…有限公司, …集团).
    pub companies: BTreeSet<String>,
    /// Event abbreviations (消博会) → year → the events they stood for.
    pub event_abbreviations: BTreeMap<String, BTreeMap<i32, BTreeSet<String>>>,
}

impl Known {
    pub fn merge(&mut self, other: Known) {
        self.officials.extend(other.officials);
        self.companies.extend(other.companies);
        for (abbreviation, years) in other.event_abbreviations {
            let mine = self.event_abbreviations.entry(abbreviation).or_default();
            for (year, events) in years {
                mine.entry(year).or_default().extend(events);
            }
        }
    }
}

/// What the corpus establishes ([`Known`]), compiled once for searching
/// every article: an automaton built per article over all the corpus's
/// names would make the cost grow with articles × names.
pub struct Lookup {
    pub known: Known,
    pub(crate) aliases: company::Aliases,
    /// The names of [`Known::officials`], if any.
    pub(crate) officials: Option<AhoCorasick>,
}

impl Lookup {
    pub fn new(x: &Extractor, known: Known) -> Lookup {
        let aliases = company::Aliases::new(x, &known.companies);
        let names: Vec<&str> = known.officials.iter().map(String::as_str).collect();
        let officials = (!names.is_empty()).then(|| automaton(&names));
        Lookup { known, aliases, officials }
    }
}

/// Compiled lexicons and automata; build once, share across articles.
pub struct Extractor {
    pub(crate) gazetteer: Gazetteer,
    pub(crate) official: official::Rules,
    pub(crate) company: company::Rules,
    pub(crate) event: event::Rules,
    pub(crate) place: place::Rules,
    followers: AhoCorasick,
    cutters: Cutters,
    visit_verbs: words::Words,
    scanner: words::ArticleScanner,
}

impl Default for Extractor {
    fn default() -> Self {
        Self::new()
    }
}

impl Extractor {
    /// An extractor with the built-in lexicons and gazetteer.
    pub fn new() -> Extractor {
        Self::with_gazetteer(Gazetteer::built_in())
    }

    /// An extractor with the built-in lexicons and the given gazetteer.
    pub fn with_gazetteer(gazetteer: Gazetteer) -> Extractor {
        Extractor {
            gazetteer,
            official: official::Rules::new(),
            company: company::Rules::new(),
            event: event::Rules::new(),
            place: place::Rules::new(),
            followers: anchored(&lexicon::words(lexicon::FOLLOWERS)),
            cutters: Cutters::new(&lexicon::words(lexicon::CUTTERS)),
            visit_verbs: words::Words::new(&lexicon::words(lexicon::VISIT_VERBS)),
            scanner: words::ArticleScanner::new(&words::Lexicons {
                titles: &lexicon::words(lexicon::TITLES),
                titles_after_names: &official::titles_after_names(),
                event_nouns: &lexicon::words(lexicon::EVENT_NOUNS),
                company_suffixes: &lexicon::words(lexicon::COMPANY_SUFFIXES),
                zone_suffixes: &lexicon::words(lexicon::ZONE_SUFFIXES),
            }),
        }
    }

    /// Pass 1: what this article, published in `year`, establishes for the corpus.
    pub fn survey(&self, text: &str, year: Option<i32>) -> Known {
        self.survey_dated(text, &|| year)
    }

    /// [`Extractor::survey`], asking `year` for the publication year only
    /// when an abbreviation needs it: working it out reads the text again.
    pub fn survey_dated(&self, text: &str, year: &dyn Fn() -> Option<i32>) -> Known {
        let trace = &mut Trace::default();
        let mut publication_year = None;
        let words = &self.lexicon_words(text);
        let officials = official::titled(self, words, trace).into_iter().map(|m| m.name).collect();
        let companies = company::registered(self, words, trace).into_iter().map(|m| m.name).collect();
        let mut event_abbreviations: BTreeMap<String, BTreeMap<i32, BTreeSet<String>>> = BTreeMap::new();
        for m in event::find(self, words, &Known::default(), None, trace) {
            if m.rule == event::ABBREVIATION
                && let Some(y) = event::year_in_name(&m.name).or_else(|| *publication_year.get_or_insert_with(year))
            {
                event_abbreviations.entry(m.surface).or_default().entry(y).or_default().insert(m.name);
            }
        }
        Known { officials, companies, event_abbreviations }
    }

    /// Pass 2: every mention in the article, in text order, never overlapping.
    pub fn extract(&self, text: &str, sentences: &[Sentence], lookup: &Lookup, year: Option<i32>) -> Vec<Mention> {
        self.extract_traced(text, sentences, lookup, year, &mut Trace::default())
    }

    /// [`Extractor::extract`], recording in `trace` what was let go and why.
    pub fn extract_traced(
        &self,
        text: &str,
        sentences: &[Sentence],
        lookup: &Lookup,
        year: Option<i32>,
        trace: &mut Trace,
    ) -> Vec<Mention> {
        let words = &self.lexicon_words(text);
        let mut candidates = official::find(self, words, lookup, trace);
        candidates.extend(company::find(self, words, sentences, &lookup.aliases, trace));
        candidates.extend(place::find(self, words, trace));
        candidates.extend(event::find(self, words, &lookup.known, year, trace));
        let mut mentions = without_overlaps(candidates, trace);
        // Standalone, from the last mention back: a name that ends as a name,
        // or that runs straight into a standalone mention (马陆镇北管村); not
        // one that runs into a longer noun (苏州市吴江区震泽医院), nor a place in
        // brackets qualifying the name before it (国家会展中心(上海)).
        let mut standalone_at: BTreeMap<usize, bool> = BTreeMap::new();
        for m in mentions.iter_mut().rev() {
            m.sentence = sentence_of(sentences, m.span.start);
            let bracketed = text[..m.span.start].ends_with('(') && text[m.span.end..].starts_with(')');
            let into_next = standalone_at.get(&m.span.end).copied();
            m.standalone = !bracketed && into_next.unwrap_or_else(|| self.ends_name(text, m.span.end));
            standalone_at.insert(m.span.start, m.standalone);
        }
        mentions
    }

    /// Whether a name may end at `at`: end of text, a character that is not
    /// Chinese, or a word that typically follows a name.
    pub(crate) fn ends_name(&self, text: &str, at: usize) -> bool {
        match text[at..].chars().next() {
            None => true,
            Some(c) if !is_han(c) => true,
            Some(_) => self.starts_follower(text, at),
        }
    }

    /// Whether a word that typically follows a name starts at `at`.
    pub(crate) fn starts_follower(&self, text: &str, at: usize) -> bool {
        let input = Input::new(text).range(at..).anchored(Anchored::Yes);
        self.followers.find(input).is_some()
    }

    /// Whether a word of two or more characters that typically follows a
    /// name starts at `at` (陪同, 出席; not 提 or 为, which open names too).
    pub(crate) fn starts_long_follower(&self, text: &str, at: usize) -> bool {
        let input = Input::new(text).range(at..).anchored(Anchored::Yes);
        self.followers.find(input).is_some_and(|m| text[m.range()].chars().count() >= 2)
    }

    /// Where a name that ends at `end` starts, reading leftwards over Chinese
    /// characters, Latin letters, digits and short bracketed parts until
    /// punctuation, a cutter word (与, 来到, 位于 …) or `max_chars`.
    pub(crate) fn scan_back(&self, text: &str, end: usize, max_chars: usize, quotes: bool) -> usize {
        scan_back_with(&self.cutters, text, end, max_chars, quotes)
    }
}

/// [`Extractor::scan_back`] with a given automaton of reversed cutter words.
pub(crate) fn scan_back_with(cutters: &Cutters, text: &str, end: usize, max_chars: usize, quotes: bool) -> usize {
    let head = &text[..end];
    let mut start = end;
    let mut count = 0;
    let mut chars = head.char_indices().rev().peekable();
    // A bracketed or quoted part taken whole: short, and within one sentence.
    let whole_part = |open: usize, close: usize, max: usize| {
        let inner = &head[open..close];
        inner.chars().count() <= max && !inner.contains(['\n', '。', '!', '?', '！', '？'])
    };
    while let Some((i, c)) = chars.next() {
        if count >= max_chars {
            break;
        }
        let part = match c {
            // 华星贸易(上海)有限公司
            ')' => head[..i].rfind('(').filter(|&open| whole_part(open, i, 10)),
            // “嘉起…”专场活动
            '”' if quotes => head[..i].rfind('“').filter(|&open| whole_part(open, i, 30)),
            _ => None,
        };
        if matches!(c, ')') || (quotes && c == '”') {
            let Some(open) = part else { break };
            while chars.peek().is_some_and(|&(j, _)| j > open) {
                chars.next();
            }
            chars.next();
            start = open;
            count += 1;
            continue;
        }
        // A space between Latin words belongs to the name (Family Fun Day).
        let latin_space = c == ' '
            && head[..i].ends_with(|p: char| p.is_ascii_alphabetic())
            && head[i + 1..].starts_with(|n: char| n.is_ascii_alphabetic());
        // 〇 is a digit of years written in Chinese numerals (二〇二四年…签约仪式).
        if !(is_han(c)
            || c.is_ascii_alphanumeric()
            || matches!(c, '·' | '〇')
            || latin_space
            || (quotes && matches!(c, '‘' | '’')))
        {
            break;
        }
        if cutter_ends_at(cutters, head, i + c.len_utf8()) {
            break;
        }
        start = i;
        count += 1;
    }
    start
}

/// Whether a cutter word ends at byte `end` of `text`.
pub(crate) fn cutter_ends_at(cutters: &Cutters, text: &str, end: usize) -> bool {
    cutters.end_at(text, end)
}

/// Particles and prepositions that end any name read leftwards (在, 由, 为 …).
pub(crate) const PARTICLES: &[&str] = &["在", "由", "是", "为", "对", "向", "从", "将", "把", "被", "了", "到", "等"];

/// Words that end a name read leftwards (与, 来到, 位于 …), looked up by the
/// text that ends at a position: a few set lookups, no allocation.
pub(crate) struct Cutters {
    /// Looked up at most positions of a text: an unkeyed hash, as the
    /// words are the lexicon's, not input.
    words: rustc_hash::FxHashSet<String>,
    /// The words' last characters, sorted: most positions end no word, and
    /// this tells so with one search instead of a set lookup a length.
    last_chars: Vec<char>,
    max_chars: usize,
}

impl Cutters {
    pub(crate) fn new(words: &[&str]) -> Cutters {
        let mut last_chars: Vec<char> = words.iter().filter_map(|w| w.chars().next_back()).collect();
        last_chars.sort_unstable();
        last_chars.dedup();
        Cutters {
            words: words.iter().map(|w| w.to_string()).collect(),
            last_chars,
            max_chars: words.iter().map(|w| w.chars().count()).max().unwrap_or(0),
        }
    }

    /// Whether one of the words ends at byte `end` of `text`.
    pub(crate) fn end_at(&self, text: &str, end: usize) -> bool {
        if text[..end].chars().next_back().is_none_or(|c| self.last_chars.binary_search(&c).is_err()) {
            return false;
        }
        let mut start = end;
        for c in text[..end].chars().rev().take(self.max_chars) {
            start -= c.len_utf8();
            if self.words.contains(&text[start..end]) {
                return true;
            }
        }
        false
    }
}

impl Extractor {
    /// Whether `c` never occurs in a name (的, 一, 于 …).
    pub(crate) fn official_rules_reject(&self, c: char) -> bool {
        self.official.is_non_name_char(c)
    }

    /// Whether one of the cutter words (与, 来到, 贯彻 …) ends at byte `end`.
    pub(crate) fn cutter_ends_at(&self, text: &str, end: usize) -> bool {
        cutter_ends_at(&self.cutters, text, end)
    }

    /// The place a title names at its start (嘉定区 of 嘉定区委书记, 昆山市 of
    /// 昆山市委书记), if it names one.
    pub fn place_of_title(&self, title: &str) -> Option<String> {
        let (range, forms) = self.gazetteer.find_all(title).next()?;
        if range.start != 0 {
            return None;
        }
        let form = forms.iter().find(|f| self.gazetteer.division(f.division).level != gazetteer::Level::Town)?;
        Some(self.gazetteer.division(form.division).name.clone())
    }

    /// Where the title words, event nouns, company suffixes and zone words
    /// of an article are: one pass over the text for all the rules.
    pub fn lexicon_words<'a>(&self, text: &'a str) -> LexiconWords<'a> {
        self.scanner.scan(text)
    }

    /// Byte ranges of visit verbs in `text`.
    pub(crate) fn visit_verbs<'a>(&'a self, text: &'a str) -> impl Iterator<Item = Range<usize>> + 'a {
        self.visit_verbs.find_iter(text).map(|m| m.range())
    }
}

/// A leftmost-longest automaton over `words`.
pub(crate) fn automaton(words: &[&str]) -> AhoCorasick {
    AhoCorasick::builder().match_kind(MatchKind::LeftmostLongest).build(words).expect("lexicon automaton")
}

/// An automaton for anchored searches only.
pub(crate) fn anchored(words: &[&str]) -> AhoCorasick {
    AhoCorasick::builder()
        .match_kind(MatchKind::LeftmostLongest)
        .start_kind(StartKind::Anchored)
        .build(words)
        .expect("lexicon automaton")
}

/// `s` without its bracketed parts (上海路投(集团)有限公司 → 上海路投有限公司).
pub(crate) fn without_brackets(s: &str) -> String {
    let mut out = String::new();
    let mut depth = 0usize;
    for c in s.chars() {
        match c {
            '(' => depth += 1,
            ')' => depth = depth.saturating_sub(1),
            _ if depth == 0 => out.push(c),
            _ => {}
        }
    }
    out
}

/// The index of the sentence that contains byte `at`.
pub fn sentence_of(sentences: &[Sentence], at: usize) -> usize {
    let i = sentences.partition_point(|s| s.span.end <= at);
    i.min(sentences.len().saturating_sub(1))
}

/// Keeps the longest of overlapping candidates (earlier first on ties, then
/// by entity type), returned in text order.
fn without_overlaps(mut candidates: Vec<Mention>, trace: &mut Trace) -> Vec<Mention> {
    candidates.sort_by(|a, b| {
        (b.span.len(), a.span.start, a.entity_type, &a.name).cmp(&(a.span.len(), b.span.start, b.entity_type, &b.name))
    });
    let mut taken: BTreeMap<usize, usize> = BTreeMap::new();
    let mut kept = Vec::new();
    for m in candidates {
        let clash = taken
            .range(..m.span.end)
            .next_back()
            .filter(|(_, end)| **end > m.span.start)
            .map(|(&start, &end)| start..end);
        match clash {
            None => {
                taken.insert(m.span.start, m.span.end);
                kept.push(m);
            }
            Some(winner) => {
                if trace.enabled && winner != m.span {
                    trace.rejections.push(Rejection {
                        entity_type: m.entity_type,
                        surface: m.surface.clone(),
                        span: m.span.clone(),
                        rule: m.rule.clone(),
                        reason: format!("inside a longer mention at {}..{}", winner.start, winner.end),
                    });
                }
            }
        }
    }
    kept.sort_by_key(|m| (m.span.start, m.span.end));
    kept
}

#[cfg(test)]
pub(crate) mod test_support {
    use super::*;
    use std::sync::LazyLock;

    pub static EXTRACTOR: LazyLock<Extractor> = LazyLock::new(Extractor::new);

    /// Extracts from one text as a one-article corpus:
    /// (type, name, surface, rule) per mention.
    pub fn mentions(text: &str) -> Vec<(EntityType, String, String, Cow<'static, str>)> {
        let x = &*EXTRACTOR;
        let n = crate::normalise::normalise(text);
        let sentences = crate::segment::segment(&n.text);
        let lookup = Lookup::new(x, x.survey(&n.text, None));
        x.extract(&n.text, &sentences, &lookup, None)
            .into_iter()
            .map(|m| (m.entity_type, m.name, m.surface, m.rule))
            .collect()
    }

    /// The names of one type found in `text`.
    pub fn names(text: &str, t: EntityType) -> Vec<String> {
        mentions(text).into_iter().filter(|m| m.0 == t).map(|m| m.1).collect()
    }

    /// Checks a table of (sentence, names of type `t` expected), naming the
    /// sentence of a failing case.
    pub fn check_cases(cases: &[(&str, &[&str])], t: EntityType) {
        for (sentence, expected) in cases {
            assert_eq!(names(sentence, t), *expected, "sentence: {sentence}");
        }
    }
}

#[cfg(test)]
mod tests {
    use super::test_support::*;
    use super::*;

    #[test]
    fn scan_back_stops_at_cutters_and_keeps_brackets() {
        let x = &*EXTRACTOR;
        let t = "陆方舟来到安亭镇走访调研舍弗勒贸易(上海)有限公司";
        let end = t.find("有限公司").unwrap();
        assert_eq!(&t[x.scan_back(t, end, 30, false)..end], "舍弗勒贸易(上海)");
        let t = "位于南翔镇的上海卓钢链电子商务有限公司";
        let end = t.find("有限公司").unwrap();
        assert_eq!(&t[x.scan_back(t, end, 30, false)..end], "上海卓钢链电子商务");
    }

    #[test]
    fn scan_back_never_crosses_a_sentence() {
        let x = &*EXTRACTOR;
        let t = "来到(上海\n华星)有限公司。";
        let end = t.find("有限公司").unwrap();
        assert_eq!(x.scan_back(t, end, 30, false), end, "the bracket spans a line: no name");
    }

    #[test]
    fn longest_candidate_wins_an_overlap() {
        let m = |t, s: Range<usize>| Mention {
            entity_type: t,
            name: String::new(),
            surface: String::new(),
            span: s,
            sentence: 0,
            rule: "".into(),
            titles: vec![],
            standalone: true,
            confidence: 1.0,
        };
        let mut trace = Trace::recording();
        let kept = without_overlaps(
            vec![m(EntityType::Town, 0..6), m(EntityType::Company, 0..30), m(EntityType::Town, 30..36)],
            &mut trace,
        );
        let spans: Vec<_> = kept.iter().map(|m| m.span.clone()).collect();
        assert_eq!(spans, [0..30, 30..36]);
        assert_eq!(trace.rejections.len(), 1);
        assert_eq!(trace.rejections[0].span, 0..6);
    }

    #[test]
    fn every_entity_type_is_found_in_one_sentence() {
        let got = mentions("11月4日,区委书记陆方舟来到位于南翔镇的上海卓钢链电子商务有限公司。");
        let types: BTreeSet<EntityType> = got.iter().map(|m| m.0).collect();
        assert!(
            types.contains(&EntityType::Official)
                && types.contains(&EntityType::Company)
                && types.contains(&EntityType::Town),
            "{got:?}"
        );
    }
}
