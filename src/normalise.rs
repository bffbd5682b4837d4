//! Stage 2, *normalise*: one clean text per article, with a map back to the
//! original.
//!
//! Takes the text as loaded and returns a [`Normalised`] text in which
//! - full-width ASCII forms are half-width (`１１月` → `11月`, `（` → `(`), and
//!   the ideographic space is a space;
//! - white space inside Chinese text is gone (`李 红` → `李红`, `11 月` →
//!   `11月`), while it stays between Latin words (`Family Fun Day`);
//! - lines broken for layout are joined again (`区委书\n\n记王建国` →
//!   `区委书记王建国`), each remaining paragraph is one line;
//! - control and zero-width characters are dropped.
//!
//! Every character of the result knows the byte range of the original text
//! it came from ([`Normalised::original_span`]), so mentions can cite the
//! file as it is on disk. Splitting into articles and sentences is left to
//! `segment`.

use std::ops::Range;
use std::sync::LazyLock;

use regex::Regex;

/// Normalised text plus, for every character, the original bytes it stands for.
#[derive(Debug, Clone, Default)]
pub struct Normalised {
    pub text: String,
    /// (byte offset in `text`, original byte range) per character of `text`.
    origin: Vec<(usize, Range<usize>)>,
}

impl Normalised {
    /// The original byte range covered by `span` (byte offsets into `text`).
    pub fn original_span(&self, span: Range<usize>) -> Range<usize> {
        if span.is_empty() {
            let at = self.locate(span.start).map_or(0, |i| self.origin[i].1.start);
            return at..at;
        }
        let first = self.locate(span.start);
        let last = self.locate_last(span.end);
        match (first, last) {
            (Some(f), Some(l)) => self.origin[f].1.start..self.origin[l].1.end,
            _ => 0..0,
        }
    }

    fn locate(&self, byte: usize) -> Option<usize> {
        self.origin.binary_search_by_key(&byte, |(b, _)| *b).ok()
    }

    /// The index of the character that ends at `end`.
    fn locate_last(&self, end: usize) -> Option<usize> {
        let i = self.origin.partition_point(|(b, _)| *b < end);
        i.checked_sub(1)
    }
}

/// A character of a line with the original bytes it came from.
#[derive(Clone)]
struct Piece {
    ch: char,
    from: Range<usize>,
}

const SENTENCE_END: &[char] = &['。', '!', '?', ';', '…', '！', '？', '；'];
const CLOSING: &[char] = &['”', '’', '"', ')', '」', '』', '》'];

/// Line starts that open a new paragraph whatever came before.
const OPENERS: &[&str] = &["本报讯", "▶", "■", "●", "(上接", "(下转", "编者按", "撰稿", "摄影", "通讯员", "记者"];

static METADATA: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?:来源|发布时间|发文日期|发布日期|索引号|发布机构|责任编辑)[::]|\d{1,2}:\d{2}$")
        .expect("metadata regex")
});

static BYLINE_END: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?:撰稿|摄影|记者|通讯员|编辑)\p{Han}{2,4}(?:/摄)?$").expect("byline regex"));

/// Normalises an article; see the module documentation.
pub fn normalise(original: &str) -> Normalised {
    let raw: Vec<(bool, Vec<Piece>)> = split_lines(original)
        .map(|(start, line)| (line.starts_with(char::is_whitespace), clean_line(start, line)))
        .filter(|(_, l)| !l.is_empty())
        .collect();
    let indented: Vec<bool> = raw.iter().map(|(i, _)| *i).collect();
    let lines: Vec<Vec<Piece>> = raw.into_iter().map(|(_, l)| l).collect();
    let wrap_width = wrap_width(&lines);

    let mut out = Normalised::default();
    for (i, line) in lines.iter().enumerate() {
        if i > 0 {
            let prev = &lines[i - 1];
            // An indented line opens a paragraph of its own.
            if indented[i] || !joins(prev, line, wrap_width) {
                let at = prev.last().map_or(0, |p| p.from.end);
                out.origin.push((out.text.len(), at..at));
                out.text.push('\n');
            }
        }
        for p in line {
            out.origin.push((out.text.len(), p.from.clone()));
            out.text.push(p.ch);
        }
    }
    out
}

/// Lines with the byte offset where each starts (`\r\n` and `\n` alike).
fn split_lines(text: &str) -> impl Iterator<Item = (usize, &str)> {
    let mut start = 0;
    text.split('\n').map(move |line| {
        let at = start;
        start += line.len() + 1;
        (at, line.strip_suffix('\r').unwrap_or(line))
    })
}

fn clean_line(start: usize, line: &str) -> Vec<Piece> {
    let mut pieces: Vec<Piece> = Vec::with_capacity(line.len() / 3 + 1);
    for (off, ch) in line.char_indices() {
        let from = start + off..start + off + ch.len_utf8();
        let ch = match ch {
            '\u{ff01}'..='\u{ff5e}' => char::from_u32(ch as u32 - 0xfee0).unwrap_or(ch),
            c if c.is_whitespace() => ' ',
            // Control, zero-width and bidi-override characters: no text, and
            // a bidi override could make a viewer show text out of order.
            c if c.is_control()
                || matches!(c, '\u{200b}'..='\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2060}'..='\u{2069}' | '\u{feff}') =>
            {
                continue;
            }
            c => c,
        };
        pieces.push(Piece { ch, from });
    }
    // Keep a space only where it separates two non-Chinese words.
    let mut kept: Vec<Piece> = Vec::with_capacity(pieces.len());
    let mut i = 0;
    while i < pieces.len() {
        if pieces[i].ch != ' ' {
            kept.push(pieces[i].clone());
            i += 1;
            continue;
        }
        let run_end = (i..pieces.len()).find(|&j| pieces[j].ch != ' ').unwrap_or(pieces.len());
        let before = kept.last().map(|p| p.ch);
        let after = pieces.get(run_end).map(|p| p.ch);
        if let (Some(b), Some(a)) = (before, after)
            && !is_cjk(b)
            && !is_cjk(a)
        {
            kept.push(pieces[i].clone());
        }
        i = run_end;
    }
    kept
}

/// Whether `c` is a Chinese character or CJK punctuation.
pub fn is_cjk(c: char) -> bool {
    is_han(c) || matches!(c, '\u{3000}'..='\u{303f}' | '“' | '”' | '‘' | '’' | '…' | '—' | '·')
}

/// Whether `c` is a Chinese character (CJK unified ideographs).
pub fn is_han(c: char) -> bool {
    matches!(c, '\u{4e00}'..='\u{9fff}' | '\u{3400}'..='\u{4dbf}' | '\u{f900}'..='\u{faff}')
}

/// The column width of a page set in narrow hard-wrapped columns, if this
/// article is one: most of its lines are then exactly as long as each other.
fn wrap_width(lines: &[Vec<Piece>]) -> Option<usize> {
    if lines.len() < 10 {
        return None;
    }
    let mut counts = [0usize; 41];
    for l in lines {
        counts[l.len().min(40)] += 1;
    }
    let (mode, _) = counts[6..40].iter().enumerate().max_by_key(|(i, c)| (**c, usize::MAX - i))?;
    let mode = mode + 6;
    let near = counts[mode.saturating_sub(2)..=(mode + 1).min(40)].iter().sum::<usize>();
    (near * 2 >= lines.len()).then_some(mode)
}

/// Whether `next` continues the paragraph that `prev` ends without closing.
fn joins(prev: &[Piece], next: &[Piece], wrap_width: Option<usize>) -> bool {
    let Some(last) = prev.last().map(|p| p.ch) else {
        return false;
    };
    let closed = SENTENCE_END.contains(&last)
        || (CLOSING.contains(&last) && prev.len() >= 2 && SENTENCE_END.contains(&prev[prev.len() - 2].ch));
    if closed {
        return false;
    }
    let prev_text: String = prev.iter().map(|p| p.ch).collect();
    // A byline or a jump line (下转第2版) ends a column's text.
    if BYLINE_END.is_match(&prev_text) || prev_text.ends_with("版)") {
        return false;
    }
    let next_text: String = next.iter().take(4).map(|p| p.ch).collect();
    if OPENERS.iter().any(|o| next_text.starts_with(o)) {
        return false;
    }
    // A page's metadata line (来源, 发布时间 … 08:35) stands alone.
    if METADATA.is_match(&prev_text) || METADATA.is_match(&next.iter().map(|p| p.ch).collect::<String>()) {
        return false;
    }
    match wrap_width {
        Some(width) => prev.len() + 3 >= width,
        None => prev.len() >= 20,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn norm(s: &str) -> String {
        normalise(s).text
    }

    #[test]
    fn full_width_forms_become_half_width() {
        // 003: 上海城投（集团）有限公司 and full-width digits.
        assert_eq!(norm("上海城投（集团）有限公司，１１月"), "上海城投(集团)有限公司,11月");
    }

    #[test]
    fn layout_spaces_inside_chinese_go_latin_spaces_stay() {
        assert_eq!(norm("区委副书记、区长高 香主持"), "区委副书记、区长高香主持");
        assert_eq!(norm("本报讯 11 月 8 日，虹桥"), "本报讯11月8日,虹桥");
        assert_eq!(norm("发起Family Citywalk亲子"), "发起Family Citywalk亲子");
    }

    #[test]
    fn long_paragraph_broken_mid_sentence_is_joined() {
        // 000: 本届进博\n\n会期间 is one word split by the page layout.
        let text = "在招商布局方面,近年来嘉定不断拓展境外招商网络布局,本届进博\n\n会期间,嘉定揭牌了两个联络点。";
        assert_eq!(
            norm(text),
            "在招商布局方面,近年来嘉定不断拓展境外招商网络布局,本届进博会期间,嘉定揭牌了两个联络点。"
        );
    }

    #[test]
    fn short_headline_is_not_joined() {
        assert_eq!(
            norm("区领导走访调研重点企业\n\n本报讯 连日来,区委书记陆方舟走访。"),
            "区领导走访调研重点企业\n本报讯连日来,区委书记陆方舟走访。"
        );
        assert_eq!(norm("进博会 进行时\n\n区领导来到进博会场馆。"), "进博会进行时\n区领导来到进博会场馆。");
    }

    #[test]
    fn hard_wrapped_columns_are_joined() {
        // 003: every line is about 15 characters; 区委书\n\n记陆方舟 must read 区委书记陆方舟.
        let text = "本报讯 11月14日，嘉定区人民\n\n政府与上海城投（集团）有限公司签订\n\n战略合作协议，双方将围绕改善城市\n\n交通、提升城市功能、保障基础设施安\n\n全运行等方面开展深度合作。区委书\n\n记陆方舟，上海城投（集团）有限公司\n\n党委书记、董事长蒋曙杰出席签约仪\n\n式并讲话。\n\n陆方舟表示，希望与上海城投（集\n\n团）有限公司继续深化合作领域，共同\n\n打造更高能级的综合交通网络，提升\n\n更高水平的区域环境治理能力，探索\n\n智慧化建设管理模式。 撰稿 俞超\n\n推动协同创新核心圈建设走深走实";
        let n = norm(text);
        assert!(n.contains("区委书记陆方舟"), "{n}");
        assert!(n.contains("与上海城投(集团)有限公司继续"), "{n}");
        assert!(n.ends_with("撰稿俞超\n推动协同创新核心圈建设走深走实"), "{n}");
    }

    #[test]
    fn original_span_points_at_the_source_bytes() {
        let original = "区委副书记、区长高 香主持会议并介绍嘉定区基本情况，区委书\n\n记陆方舟出席。";
        let n = normalise(original);
        let at = n.text.find("高香").unwrap();
        assert_eq!(&original[n.original_span(at..at + "高香".len())], "高 香");
        let at = n.text.rfind("书记").unwrap();
        assert_eq!(&original[n.original_span(at..at + "书记".len())], "书\n\n记");
    }

    #[test]
    fn indented_line_and_jump_line_end_a_paragraph() {
        // 004: a teaser headline followed by an indented paragraph.
        let text =
            "排头兵、引领者、主阵地嘉定区委书记调研嘉定工业区提出殷切期望\n\n  上海市嘉定区七次党代会的胜利召开。";
        assert!(norm(text).contains("期望\n上海市"), "{}", norm(text));
        // 001: a column that jumps to another page.
        let text = "企业为何纷纷“家”定嘉定?答案藏在高效的营商环境里。为我们提(下转第2版)\n\n2025年嘉昆太协同创新核心圈轮值会议在嘉定举行";
        assert!(norm(text).contains("版)\n2025年"), "{}", norm(text));
    }

    #[test]
    fn metadata_lines_are_not_joined() {
        let text = "周立衡沈嘉平赴常熟经开区调研重点企业和项目\n来源:常熟市融媒体中心 发布时间:2024-05-21 08:35\n5月20日,市委书记周立衡带队赴常熟经济技术开发区调研。";
        assert_eq!(norm(text).lines().count(), 3, "{}", norm(text));
    }

    #[test]
    fn control_characters_are_dropped() {
        assert_eq!(norm("陆\u{0}方\u{200b}舟"), "陆方舟");
        assert_eq!(norm("陆\u{202e}方\u{2066}舟\u{1b}"), "陆方舟");
    }
}
