//! Stage 8, *export*: write the graph for the tools analysts use.
//!
//! - [`json`]: node-link JSON, read by scripts, NetworkX and web diagrams.
//! - [`graphml`]: GraphML, opened by Gephi, NetworkX and igraph.
//! - [`gexf`]: GEXF 1.3 with a timeline, for Gephi.
//! - [`mentions`]: every mention with its place in the original file.
//!
//! Each writer takes a [`crate::graph::CorpusGraph`] and any `impl Write`,
//! and writes the same bytes for the same graph.

pub mod gexf;
pub mod graphml;
pub mod html;
pub mod json;
pub mod mentions;
pub mod svg;

use std::borrow::Cow;

/// Text for an XML attribute value or element content: XML-illegal
/// characters removed, then escaped. The one path all XML output takes.
pub fn text(s: &str) -> Cow<'_, str> {
    // Most text (Chinese sentences, ids) has none of the characters below:
    // it is told by its bytes and borrowed. 0xEF leads U+FFFE and U+FFFF.
    let plain = |b: &u8| *b >= b' ' && !matches!(b, b'<' | b'>' | b'&' | b'"' | b'\'' | 0xef);
    if s.as_bytes().iter().all(plain) {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len() + 8);
    for c in s.chars().filter(|&c| is_xml_char(c)) {
        match c {
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '&' => out.push_str("&amp;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            // Line breaks and tabs as character references: an XML parser
            // would turn them into spaces inside an attribute value.
            '\n' => out.push_str("&#10;"),
            '\r' => out.push_str("&#13;"),
            '\t' => out.push_str("&#9;"),
            c => out.push(c),
        }
    }
    Cow::Owned(out)
}

/// How many characters of the graph's text XML cannot carry and the
/// exports therefore drop (control characters in labels or evidence).
pub fn unsafe_characters(graph: &crate::graph::CorpusGraph) -> usize {
    let count = |s: &str| s.chars().filter(|&c| !is_xml_char(c)).count();
    let nodes: usize = graph
        .nodes()
        .map(|n| count(&n.label) + n.aliases.iter().chain(&n.titles).map(|s| count(s)).sum::<usize>())
        .sum();
    let edges: usize = graph.edges().flat_map(|(_, _, e)| e.evidence.iter()).map(|ev| count(&ev.sentence)).sum();
    nodes + edges
}

/// A list attribute's value: the items joined with `;`.
pub fn join<'a>(items: impl Iterator<Item = &'a String>) -> String {
    items.map(String::as_str).collect::<Vec<_>>().join(";")
}

/// `s` without the characters XML 1.0 cannot carry (control characters
/// other than tab, newline and carriage return, unpaired surrogates cannot
/// occur in a `str`, and U+FFFE/U+FFFF).
pub fn xml_safe(s: &str) -> Cow<'_, str> {
    // Told by the bytes where it can be: only a control byte or a
    // character led by 0xEF (U+FFFE, U+FFFF) can be illegal.
    let plain = |b: &u8| (*b >= b' ' && *b != 0xef) || matches!(b, b'\t' | b'\n' | b'\r');
    if s.as_bytes().iter().all(plain) || s.chars().all(is_xml_char) {
        Cow::Borrowed(s)
    } else {
        Cow::Owned(s.chars().filter(|&c| is_xml_char(c)).collect())
    }
}

fn is_xml_char(c: char) -> bool {
    matches!(c, '\t' | '\n' | '\r') || (c >= ' ' && c != '\u{fffe}' && c != '\u{ffff}')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_is_escaped_and_made_xml_safe() {
        assert_eq!(text("<script>&\u{1}]]>\"\u{1b}"), "&lt;script&gt;&amp;]]&gt;&quot;");
        assert_eq!(text("甲\n乙\t"), "甲&#10;乙&#9;");
        // Text that needs no change is borrowed; a character led by 0xEF
        // may be U+FFFF, so such text is read character by character.
        assert!(matches!(text("陆方舟 off_0a1b"), Cow::Borrowed(_)));
        assert_eq!(text("（\u{ffff}）"), "（）");
        // As quick_xml escapes: all five XML special characters.
        let all = "<a href='x'>&\"</a>";
        assert_eq!(text(all), quick_xml::escape::escape(all));
    }

    #[test]
    fn xml_illegal_characters_are_removed() {
        assert_eq!(xml_safe("陆\u{0}方\u{1b}舟\t"), "陆方舟\t");
        // Text that needs no change is not copied: exports of large graphs
        // would otherwise hold every evidence sentence twice.
        assert!(matches!(xml_safe("陆方舟\t"), Cow::Borrowed(_)));
    }
}
