//! The word lists the extractors are built from. They ship inside the crate
//! (`lexicon/*.txt`, whitespace-separated words, `#` starts a comment) so the
//! binary needs no data files; [`words`] reads any text in that format.

use std::collections::BTreeSet;

/// The words of a lexicon text, in file order, without comments.
pub fn words(text: &str) -> Vec<&str> {
    text.lines().map(|line| line.split('#').next().unwrap_or("")).flat_map(str::split_whitespace).collect()
}

/// The words of a lexicon as an owned set.
pub fn set(text: &str) -> BTreeSet<String> {
    words(text).into_iter().map(str::to_string).collect()
}

pub const SURNAMES: &str = include_str!("lexicon/surnames.txt");
pub const TITLES: &str = include_str!("lexicon/titles.txt");
pub const NON_PUBLIC_BODIES: &str = include_str!("lexicon/non_public_bodies.txt");
pub const FOLLOWERS: &str = include_str!("lexicon/followers.txt");
pub const NON_NAME_CHARS: &str = include_str!("lexicon/non_name_chars.txt");
pub const COMPANY_SUFFIXES: &str = include_str!("lexicon/company_suffixes.txt");
pub const INDUSTRY_WORDS: &str = include_str!("lexicon/industry_words.txt");
pub const CUTTERS: &str = include_str!("lexicon/cutters.txt");
pub const EVENT_NOUNS: &str = include_str!("lexicon/event_nouns.txt");
pub const VISIT_VERBS: &str = include_str!("lexicon/visit_verbs.txt");
pub const NON_COMPANY_HEADS: &str = include_str!("lexicon/non_company_heads.txt");
pub const ZONE_SUFFIXES: &str = include_str!("lexicon/zone_suffixes.txt");

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn comments_and_blank_lines_are_skipped() {
        assert_eq!(words("# note\n甲 乙\n\n丙 # 丁\n"), ["甲", "乙", "丙"]);
    }

    #[test]
    fn every_built_in_lexicon_has_words() {
        for text in [
            SURNAMES,
            TITLES,
            NON_PUBLIC_BODIES,
            FOLLOWERS,
            NON_NAME_CHARS,
            COMPANY_SUFFIXES,
            INDUSTRY_WORDS,
            CUTTERS,
            EVENT_NOUNS,
            VISIT_VERBS,
            NON_COMPANY_HEADS,
            ZONE_SUFFIXES,
        ] {
            assert!(words(text).len() >= 2, "{text}");
        }
    }
}
