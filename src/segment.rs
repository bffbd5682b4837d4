//! Stage 3, *segment*: articles, paragraphs and sentences.
//!
//! Takes normalised text (one paragraph per line) and returns the
//! [`Sentence`]s in reading order, each knowing its paragraph and its article.
//! A newspaper page holds several articles: `本报讯` (or `(上接…)`, or a
//! numbered item of a weekly digest, `2. 1月10日,…`) opens one,
//! a byline (`撰稿 …`, `摄影 …`) closes one, and headlines stand alone as
//! sentences of the article that follows them. Later stages use the article to
//! scope dates and references (`当天`, `王建国表示`).

use std::ops::Range;
use std::sync::LazyLock;

use regex::Regex;

/// A sentence: a byte range of the normalised text and where it stands.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Sentence {
    pub index: usize,
    pub article: usize,
    pub paragraph: usize,
    pub span: Range<usize>,
    /// Whether the sentence is a short paragraph of its own without closing
    /// punctuation: a headline or caption rather than running text.
    pub headline: bool,
}

static ARTICLE_OPENER: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^(?:本报讯|\(上接|【|[0-9]{1,2}[.、](?:[^0-9]|$))").expect("opener regex"));
static BYLINE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?:撰稿|摄影|记者|通讯员)\p{Han}{2,4}(?:/摄)?$|^\(文章来源").expect("byline regex"));

const TERMINATORS: &[char] = &['。', '!', '?', '！', '？'];
const TRAILING: &[char] = &['”', '’', '"', ')', '」', '』'];

/// Splits normalised text into sentences; see the module documentation.
pub fn segment(text: &str) -> Vec<Sentence> {
    let mut sentences = Vec::new();
    let mut article = 0;
    let mut article_has_body = false;
    let mut start = 0;
    for (paragraph, line) in text.split('\n').enumerate() {
        let line_start = start;
        start += line.len() + 1;
        if line.trim().is_empty() {
            continue;
        }
        let is_headline = line.chars().count() <= 40 && !line.ends_with(TERMINATORS);
        if (ARTICLE_OPENER.is_match(line) || is_headline) && article_has_body {
            article += 1;
            article_has_body = false;
        }
        for span in split_sentences(line) {
            sentences.push(Sentence {
                index: sentences.len(),
                article,
                paragraph,
                span: line_start + span.start..line_start + span.end,
                headline: is_headline,
            });
        }
        if !is_headline {
            article_has_body = true;
        }
        if BYLINE.is_match(line) {
            article += 1;
            article_has_body = false;
        }
    }
    sentences
}

/// Sentence ranges within one paragraph: after `。！？`, with closing quotes
/// kept on the sentence they close.
fn split_sentences(line: &str) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut start = 0;
    let mut chars = line.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        if TERMINATORS.contains(&c) {
            let mut end = i + c.len_utf8();
            while let Some(&(j, n)) = chars.peek() {
                if TRAILING.contains(&n) || TERMINATORS.contains(&n) {
                    end = j + n.len_utf8();
                    chars.next();
                } else {
                    break;
                }
            }
            push_trimmed(line, start..end, &mut out);
            start = end;
        }
    }
    push_trimmed(line, start..line.len(), &mut out);
    out
}

fn push_trimmed(line: &str, span: Range<usize>, out: &mut Vec<Range<usize>>) {
    let s = &line[span.clone()];
    let lead = s.len() - s.trim_start().len();
    let trail = s.len() - s.trim_end().len();
    if lead + trail < s.len() {
        out.push(span.start + lead..span.end - trail);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(text: &str) -> Vec<(usize, &str)> {
        segment(text).into_iter().map(|s| (s.article, &text[s.span])).collect()
    }

    #[test]
    fn sentences_end_at_full_stops_keeping_closing_quotes() {
        let t = "陆方舟说,要当好“店小二。”同时,吸引企业!";
        assert_eq!(texts(t), [(0, "陆方舟说,要当好“店小二。”"), (0, "同时,吸引企业!")]);
    }

    #[test]
    fn benbaoxun_opens_and_byline_closes_an_article() {
        // 000: several articles on one page.
        let t = "区领导走访调研重点企业\n本报讯连日来,陆方舟走访企业。\n撰稿俞超\n头条标题\n本报讯11月8日,会议举行。";
        let got = texts(t);
        assert_eq!(got[0].0, got[1].0, "headline belongs to its article: {got:?}");
        assert!(got[3].0 > got[1].0, "byline closes the article: {got:?}");
        assert_eq!(got[3].0, got[4].0, "headline opens the next article: {got:?}");
    }

    #[test]
    fn headline_after_body_starts_a_new_article() {
        let t = "本报讯 第一篇。\n第二篇的标题\n第二篇的正文。";
        let got = texts(t);
        assert_eq!(got[0].0 + 1, got[1].0);
        assert_eq!(got[1].0, got[2].0);
    }

    #[test]
    fn numbered_digest_items_are_articles_of_their_own() {
        let t = "1. 1月9日,县委书记王建国主持会议。\n2. 1月10日,县长刘晓燕来到城关镇。";
        let got = texts(t);
        assert_ne!(got[0].0, got[1].0, "{got:?}");
    }

    #[test]
    fn headlines_are_marked() {
        let s = segment("会议举行\n陆方舟出席会议。");
        assert!(s[0].headline);
        assert!(!s[1].headline);
    }
}
