//! Stage 8, *export*: write the graph for the tools analysts use.
//!
//! - [`json`]: node-link JSON, read by scripts, NetworkX and web diagrams.
//! - [`graphml`]: GraphML, opened by Gephi, NetworkX and igraph.
//! - [`mentions`]: every mention with its place in the original file.
//!
//! Each writer takes a [`crate::graph::CorpusGraph`] and any `impl Write`,
//! and writes the same bytes for the same graph.

pub mod graphml;
pub mod json;
pub mod mentions;

/// `s` without the characters XML 1.0 cannot carry (control characters
/// other than tab, newline and carriage return, unpaired surrogates cannot
/// occur in a `str`, and U+FFFE/U+FFFF).
pub fn xml_safe(s: &str) -> String {
    s.chars()
        .filter(|&c| matches!(c, '\t' | '\n' | '\r') || (c >= ' ' && c != '\u{fffe}' && c != '\u{ffff}'))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn xml_illegal_characters_are_removed() {
        assert_eq!(xml_safe("陆\u{0}方\u{1b}舟\t"), "陆方舟\t");
    }
}
