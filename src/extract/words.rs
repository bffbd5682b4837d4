//! Finding the words of small lexicons (title words, event nouns, company
//! suffixes, zone words, visit verbs) in text, character by character; and
//! all the lexicons an article's rules start from in one pass
//! ([`ArticleScanner`]).
//!
//! An Aho-Corasick automaton reads every byte of the text; news in Chinese
//! is three bytes a character, and its bytes look alike to a byte-level
//! prefilter, so the automata did much of the work of the rules, five scans
//! an article in each pass. Here a bit set of the characters words start
//! with passes over most characters without decoding them, a second set of
//! the pairs of characters words open with rules out most of the rest, and
//! only then are the few words opening with that character compared,
//! longest first. The matches are those of a leftmost-longest (or
//! overlapping) automaton: the tests compare them with one.

use std::ops::Range;

/// A lexicon's words, searched leftmost-longest (or for every match, overlapping).
pub(crate) struct Words {
    words: Vec<String>,
    /// Whether a word may start with a character (by its slot).
    first_bits: Bits,
    /// The pairs of three-byte characters that words open with.
    pair_bits: Bits,
    /// First characters of words that do not open with such a pair (厂, or
    /// a character followed by a Latin letter).
    unpaired: Bits,
    /// The characters words start with, sorted, each with its words
    /// (indices into `words`) longest first, the earlier word first on ties.
    by_first: Vec<(char, Vec<usize>)>,
}

/// A word found in a text: which one, and where.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct WordMatch {
    word: usize,
    start: usize,
    end: usize,
}

impl WordMatch {
    /// Index of the word in the list the search was built from.
    pub fn word(&self) -> usize {
        self.word
    }

    pub fn start(&self) -> usize {
        self.start
    }

    pub fn end(&self) -> usize {
        self.end
    }

    pub fn range(&self) -> Range<usize> {
        self.start..self.end
    }
}

/// Bit sets of 2^16 bits (8 KiB each, in the first-level cache): one bit
/// for each character of the Basic Multilingual Plane (characters beyond it
/// share these slots), or a slot for a hashed pair of characters.
const SLOTS: usize = 1 << 16;

/// A set of [`SLOTS`] bits.
struct Bits(Vec<u64>);

impl Bits {
    fn new() -> Bits {
        Bits(vec![0; SLOTS / 64])
    }

    fn insert(&mut self, slot: usize) {
        self.0[slot / 64] |= 1 << (slot % 64);
    }

    fn contains(&self, slot: usize) -> bool {
        self.0[slot / 64] & (1 << (slot % 64)) != 0
    }
}

/// The slot of a pair of characters of the Basic Multilingual Plane.
fn pair_slot(first: usize, second: usize) -> usize {
    (((first << 16 | second) as u64).wrapping_mul(0x9E37_79B9_7F4A_7C15) >> 48) as usize
}

/// The character of three UTF-8 bytes starting at `at`, if one starts there.
fn three_byte_char(bytes: &[u8], at: usize) -> Option<usize> {
    match bytes.get(at..at + 3)? {
        &[lead @ 0xE0..=0xEF, b1, b2] => {
            Some((usize::from(lead & 0x0F) << 12) | (usize::from(b1 & 0x3F) << 6) | usize::from(b2 & 0x3F))
        }
        _ => None,
    }
}

impl Words {
    /// Searches for `words`; empty words are never found.
    pub(crate) fn new(words: &[&str]) -> Words {
        let (mut first_bits, mut pair_bits, mut unpaired) = (Bits::new(), Bits::new(), Bits::new());
        let mut by_first: Vec<(char, Vec<usize>)> = Vec::new();
        for (i, word) in words.iter().enumerate() {
            let Some(first) = word.chars().next() else { continue };
            let slot = first as usize % SLOTS;
            first_bits.insert(slot);
            // The pair filter reads two three-byte characters; any other
            // word is looked up whatever follows its first character.
            let bytes = word.as_bytes();
            match (three_byte_char(bytes, 0), three_byte_char(bytes, 3)) {
                (Some(a), Some(b)) => pair_bits.insert(pair_slot(a, b)),
                _ => unpaired.insert(slot),
            }
            match by_first.iter_mut().find(|(c, _)| *c == first) {
                Some((_, list)) => list.push(i),
                None => by_first.push((first, vec![i])),
            }
        }
        by_first.sort_unstable_by_key(|(c, _)| *c);
        for (_, list) in &mut by_first {
            list.sort_by_key(|&i| (std::cmp::Reverse(words[i].len()), i));
        }
        Words { words: words.iter().map(|w| w.to_string()).collect(), first_bits, pair_bits, unpaired, by_first }
    }

    /// The first character boundary at or after byte `from` (one) where a
    /// word may start. Chinese characters take three bytes, whose low bits
    /// are the character's slot, so most characters are passed over without
    /// decoding them; where a word may start with one, the pair it makes with
    /// the next character rules out most of the rest.
    fn next_start(&self, text: &str, from: usize) -> Option<usize> {
        let bytes = text.as_bytes();
        let mut at = from;
        while at < bytes.len() {
            let Some(first) = three_byte_char(bytes, at) else {
                let c = text[at..].chars().next()?;
                if self.first_bits.contains(c as usize % SLOTS) {
                    return Some(at);
                }
                at += c.len_utf8();
                continue;
            };
            if self.first_bits.contains(first) {
                let paired = three_byte_char(bytes, at + 3)
                    .is_some_and(|second| self.pair_bits.contains(pair_slot(first, second)));
                if paired || self.unpaired.contains(first) {
                    return Some(at);
                }
            }
            at += 3;
        }
        None
    }

    /// The words that start at byte `at` of `text` (a boundary), longest first.
    fn at<'a>(&'a self, text: &'a str, at: usize) -> impl Iterator<Item = WordMatch> + 'a {
        let here = &text[at..];
        let candidates = match here.chars().next() {
            Some(c) => match self.by_first.binary_search_by_key(&c, |(first, _)| *first) {
                Ok(i) => self.by_first[i].1.as_slice(),
                Err(_) => &[],
            },
            None => &[],
        };
        candidates.iter().filter(move |&&w| here.starts_with(self.words[w].as_str())).map(move |&word| WordMatch {
            word,
            start: at,
            end: at + self.words[word].len(),
        })
    }

    /// The leftmost-longest word of `text` starting at or after byte `from`
    /// (a character boundary).
    fn find_from(&self, text: &str, mut from: usize) -> Option<WordMatch> {
        loop {
            let at = self.next_start(text, from)?;
            if let Some(found) = self.at(text, at).next() {
                return Some(found);
            }
            from = at + text[at..].chars().next().map_or(1, char::len_utf8);
        }
    }

    /// The leftmost-longest word of `text`, if any.
    pub(crate) fn find(&self, text: &str) -> Option<WordMatch> {
        self.find_from(text, 0)
    }

    /// The words of `text`, leftmost-longest and not overlapping, in order.
    pub(crate) fn find_iter<'a>(&'a self, text: &'a str) -> impl Iterator<Item = WordMatch> + 'a {
        let mut from = 0;
        std::iter::from_fn(move || {
            let found = self.find_from(text, from)?;
            from = found.end;
            Some(found)
        })
    }

    /// Every occurrence of every word of `text`, overlapping ones included,
    /// by start and then longest first.
    pub(crate) fn find_overlapping(&self, text: &str) -> Vec<WordMatch> {
        let mut found = Vec::new();
        let mut from = 0;
        while let Some(at) = self.next_start(text, from) {
            for m in self.at(text, at) {
                found.push(m);
            }
            from = at + text[at..].chars().next().map_or(1, char::len_utf8);
        }
        found
    }
}

/// The lexicons whose words the rules look for all over an article.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Lexicon {
    Titles,
    TitlesAfterNames,
    EventNouns,
    CompanySuffixes,
    ZoneSuffixes,
}

/// Finds the words of every article-wide lexicon in one pass: the text is
/// read once, not once a lexicon.
pub(crate) struct ArticleScanner {
    all: Words,
    /// For each word of `all`, its lexicon and its index there.
    origin: Vec<(Lexicon, usize)>,
}

/// Where an article's lexicon words are, found once for all the rules, with
/// the text they were found in (the rules read both, and words of one text
/// would point anywhere in another). The matches' word indices are those of
/// each lexicon's own list.
#[derive(Debug, Default)]
pub struct LexiconWords<'a> {
    text: &'a str,
    /// Public-office title words, leftmost-longest.
    pub(crate) titles: Vec<WordMatch>,
    /// Short titles that follow a name (书记 of 王建国书记), overlapping.
    pub(crate) titles_after_names: Vec<WordMatch>,
    /// Event nouns (大会, 博览会), leftmost-longest.
    pub(crate) event_nouns: Vec<WordMatch>,
    /// Company suffixes (有限公司, 集团), leftmost-longest.
    pub(crate) company_suffixes: Vec<WordMatch>,
    /// Zone words (工业区, 商务区), leftmost-longest.
    pub(crate) zone_suffixes: Vec<WordMatch>,
}

/// The lexicons an [`ArticleScanner`] searches for.
pub(crate) struct Lexicons<'a> {
    pub(crate) titles: &'a [&'a str],
    pub(crate) titles_after_names: &'a [&'a str],
    pub(crate) event_nouns: &'a [&'a str],
    pub(crate) company_suffixes: &'a [&'a str],
    pub(crate) zone_suffixes: &'a [&'a str],
}

impl<'a> LexiconWords<'a> {
    /// The text the words were found in.
    pub fn text(&self) -> &'a str {
        self.text
    }

    /// The title words, by position.
    pub fn titles(&self) -> &[WordMatch] {
        &self.titles
    }
}

impl ArticleScanner {
    pub(crate) fn new(lexicons: &Lexicons) -> Self {
        let lists = [
            (Lexicon::Titles, lexicons.titles),
            (Lexicon::TitlesAfterNames, lexicons.titles_after_names),
            (Lexicon::EventNouns, lexicons.event_nouns),
            (Lexicon::CompanySuffixes, lexicons.company_suffixes),
            (Lexicon::ZoneSuffixes, lexicons.zone_suffixes),
        ];
        let mut all = Vec::new();
        let mut origin = Vec::new();
        for (lexicon, words) in lists {
            for (i, word) in words.iter().enumerate() {
                all.push(*word);
                origin.push((lexicon, i));
            }
        }
        ArticleScanner { all: Words::new(&all), origin }
    }

    /// The words of every lexicon in `text`.
    pub(crate) fn scan<'a>(&self, text: &'a str) -> LexiconWords<'a> {
        let mut found = LexiconWords { text, ..LexiconWords::default() };
        // Where the last leftmost-longest match of each lexicon ends.
        let mut ends = [0usize; 4];
        for m in self.all.find_overlapping(text) {
            let (lexicon, word) = self.origin[m.word];
            let m = WordMatch { word, ..m };
            let (list, end) = match lexicon {
                Lexicon::TitlesAfterNames => {
                    found.titles_after_names.push(m);
                    continue;
                }
                Lexicon::Titles => (&mut found.titles, &mut ends[0]),
                Lexicon::EventNouns => (&mut found.event_nouns, &mut ends[1]),
                Lexicon::CompanySuffixes => (&mut found.company_suffixes, &mut ends[2]),
                Lexicon::ZoneSuffixes => (&mut found.zone_suffixes, &mut ends[3]),
            };
            // Matches come by start and longest first, so the first one at
            // or past the previous match's end is the leftmost-longest.
            if m.start >= *end {
                *end = m.end;
                list.push(m);
            }
        }
        found
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::lexicon;
    use aho_corasick::{AhoCorasick, MatchKind};
    use proptest::prelude::*;

    fn leftmost_longest(words: &[&str], text: &str) -> Vec<(usize, Range<usize>)> {
        let automaton = AhoCorasick::builder().match_kind(MatchKind::LeftmostLongest).build(words).expect("automaton");
        automaton.find_iter(text).map(|m| (m.pattern().as_usize(), m.range())).collect()
    }

    fn overlapping(words: &[&str], text: &str) -> Vec<(usize, Range<usize>)> {
        let automaton = AhoCorasick::new(words).expect("automaton");
        let mut found: Vec<_> =
            automaton.find_overlapping_iter(text).map(|m| (m.pattern().as_usize(), m.range())).collect();
        found.sort_by_key(|(w, r)| (r.start, std::cmp::Reverse(r.end), *w));
        found
    }

    fn mine(words: &Words, text: &str) -> Vec<(usize, Range<usize>)> {
        words.find_iter(text).map(|m| (m.word(), m.range())).collect()
    }

    fn mine_overlapping(words: &Words, text: &str) -> Vec<(usize, Range<usize>)> {
        words.find_overlapping(text).into_iter().map(|m| (m.word(), m.range())).collect()
    }

    #[test]
    fn the_longest_word_at_the_leftmost_start_wins() {
        let list = ["书记", "副书记", "区委副书记", "委员"];
        let words = Words::new(&list);
        let text = "区委副书记、委员王某和副书记李某";
        assert_eq!(mine(&words, text), leftmost_longest(&list, text));
        assert_eq!(words.find(text).map(|m| &text[m.range()]), Some("区委副书记"));
        assert_eq!(words.find("没有职务"), None);
    }

    #[test]
    fn overlapping_search_finds_words_inside_words() {
        // 总书记 holds 书记: both are found.
        let list = ["书记", "总书记", "区长"];
        let words = Words::new(&list);
        let text = "张国华总书记和区长";
        assert_eq!(mine_overlapping(&words, text), overlapping(&list, text));
        assert_eq!(mine_overlapping(&words, text).len(), 3);
    }

    #[test]
    fn a_repeated_word_is_reported_as_its_first_entry() {
        let list = ["会议", "会议", "大会"];
        assert_eq!(mine(&Words::new(&list), "召开大会和会议"), leftmost_longest(&list, "召开大会和会议"));
    }

    #[test]
    fn the_built_in_lexicons_match_as_an_automaton_does_on_the_corpus() {
        let corpus: String = std::fs::read_dir(concat!(env!("CARGO_MANIFEST_DIR"), "/corpus"))
            .expect("corpus folder")
            .filter_map(|e| e.ok())
            .filter(|e| e.path().extension().is_some_and(|x| x == "txt"))
            .filter_map(|e| std::fs::read_to_string(e.path()).ok())
            .collect();
        assert!(corpus.len() > 10_000);
        let lexicons = [
            lexicon::TITLES,
            lexicon::EVENT_NOUNS,
            lexicon::COMPANY_SUFFIXES,
            lexicon::VISIT_VERBS,
            lexicon::ZONE_SUFFIXES,
        ];
        for lexicon in lexicons {
            let list = lexicon::words(lexicon);
            let words = Words::new(&list);
            let found = mine(&words, &corpus);
            assert!(!found.is_empty());
            assert_eq!(found, leftmost_longest(&list, &corpus));
            assert_eq!(mine_overlapping(&words, &corpus), overlapping(&list, &corpus));
        }
    }

    #[test]
    fn one_scan_finds_what_each_lexicon_finds_alone() {
        let (titles, after, nouns, suffixes) =
            (["书记", "区委书记", "主任"], ["书记", "总书记"], ["会", "大会"], ["集团", "有限公司"]);
        let zones = ["工业区", "区"];
        let scanner = ArticleScanner::new(&Lexicons {
            titles: &titles,
            titles_after_names: &after,
            event_nouns: &nouns,
            company_suffixes: &suffixes,
            zone_suffixes: &zones,
        });
        let text = "区委书记王某、张国华总书记出席大会,某某集团有限公司主任在某工业区";
        let found = scanner.scan(text);
        let list = |ms: &[WordMatch]| ms.iter().map(|m| (m.word(), m.range())).collect::<Vec<_>>();
        assert_eq!(list(&found.titles), leftmost_longest(&titles, text));
        assert_eq!(list(&found.titles_after_names), overlapping(&after, text));
        assert_eq!(list(&found.event_nouns), leftmost_longest(&nouns, text));
        assert_eq!(list(&found.company_suffixes), leftmost_longest(&suffixes, text));
        assert_eq!(list(&found.zone_suffixes), leftmost_longest(&zones, text));
        assert_eq!(found.titles_after_names.len(), 3, "书记 twice, 总书记 once");
    }

    proptest! {
        #[test]
        fn matches_are_an_automatons(text in "[书记副总区委长会议大展博览(扩)、a1 Aé\u{14E66}\u{18BB0}]{0,40}") {
            // U+14E66 and U+18BB0 share the slots of 书 and 记; 区A and 会é
            // do not open with a pair of three-byte characters.
            let list = [
                "书记", "副书记", "总书记", "区委", "区长", "会", "会议", "大会", "博览会", "(扩大)会议", "展", "a1", "区A",
                "会é", "é会", "\u{14E66}记", "\u{18BB0}",
            ];
            let words = Words::new(&list);
            prop_assert_eq!(mine(&words, &text), leftmost_longest(&list, &text));
            prop_assert_eq!(mine_overlapping(&words, &text), overlapping(&list, &text));
        }

        #[test]
        fn one_scan_matches_automata(text in "[书记副总区委长会议大展博览集团公司(扩)、a1 ]{0,40}") {
            let titles = ["书记", "副书记", "区委", "区长"];
            let after = ["书记", "总书记", "区长"];
            let nouns = ["会", "会议", "大会", "博览会", "(扩大)会议"];
            let suffixes = ["集团", "公司", "集团公司"];
            let zones = ["区", "展区", "博览区"];
            let found = ArticleScanner::new(&Lexicons {
                titles: &titles,
                titles_after_names: &after,
                event_nouns: &nouns,
                company_suffixes: &suffixes,
                zone_suffixes: &zones,
            })
            .scan(&text);
            let list = |ms: &[WordMatch]| ms.iter().map(|m| (m.word(), m.range())).collect::<Vec<_>>();
            prop_assert_eq!(list(&found.titles), leftmost_longest(&titles, &text));
            prop_assert_eq!(list(&found.titles_after_names), overlapping(&after, &text));
            prop_assert_eq!(list(&found.event_nouns), leftmost_longest(&nouns, &text));
            prop_assert_eq!(list(&found.company_suffixes), leftmost_longest(&suffixes, &text));
            prop_assert_eq!(list(&found.zone_suffixes), leftmost_longest(&zones, &text));
        }
    }
}
