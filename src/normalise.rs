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
    /// Where the text's characters came from, as runs sorted by `at`.
    origin: Vec<Run>,
}

/// Characters of the normalised text from `at` on that came from `from`:
/// copied bytes for bytes when `copied` (most of a text is one such run a
/// line), else a single character standing for the whole of `from` (a
/// full-width form; a paragraph break put between lines, which stands for
/// nothing).
#[derive(Debug, Clone)]
struct Run {
    at: usize,
    from: Range<usize>,
    copied: bool,
}

impl Run {
    /// The original byte where the character at `byte` starts.
    fn start_of(&self, byte: usize) -> usize {
        if self.copied { self.from.start + (byte - self.at) } else { self.from.start }
    }

    /// The original byte where the character ending at `byte` ends.
    fn end_of(&self, byte: usize) -> usize {
        if self.copied { self.from.start + (byte - self.at) } else { self.from.end }
    }
}

impl Normalised {
    /// The original byte range covered by `span` (byte offsets into `text`).
    pub fn original_span(&self, span: Range<usize>) -> Range<usize> {
        let first = self.origin.partition_point(|r| r.at <= span.start).checked_sub(1);
        if span.is_empty() {
            let at = first.map_or(0, |i| self.origin[i].start_of(span.start));
            return at..at;
        }
        let last = self.origin.partition_point(|r| r.at < span.end).checked_sub(1);
        match (first, last) {
            (Some(f), Some(l)) => self.origin[f].start_of(span.start)..self.origin[l].end_of(span.end),
            _ => 0..0,
        }
    }

    /// Appends `copied`, the original's bytes from `from` on, unchanged.
    fn push_copied(&mut self, copied: &str, from: usize) {
        let at = self.text.len();
        self.text.push_str(copied);
        self.map(at, from..from + copied.len());
    }

    /// Appends `ch`, which stands for the original bytes `from`.
    fn push(&mut self, ch: char, from: Range<usize>) {
        let at = self.text.len();
        self.text.push(ch);
        self.map(at, from);
    }

    /// Records that the text from `at` to its end stands for `from`: byte
    /// for byte when as long, so as part of the copied run before if that
    /// one ends just there in both texts.
    fn map(&mut self, at: usize, from: Range<usize>) {
        if at + from.len() != self.text.len() {
            self.origin.push(Run { at, from, copied: false });
            return;
        }
        match self.origin.last_mut() {
            Some(run) if run.copied && run.from.end == from.start && run.at + run.from.len() == at => {
                run.from.end = from.end;
            }
            _ => self.origin.push(Run { at, from, copied: true }),
        }
    }

    /// Appends `other`, as a continuation of this text.
    fn append(&mut self, other: Normalised) {
        let shift = self.text.len();
        self.text.push_str(&other.text);
        self.origin.extend(other.origin.into_iter().map(|r| Run { at: r.at + shift, ..r }));
    }
}

const SENTENCE_END: &[char] = &['。', '!', '?', ';', '…', '！', '？', '；'];
const CLOSING: &[char] = &['”', '’', '"', ')', '」', '』', '》'];

/// Line starts that open a new paragraph whatever came before.
const OPENERS: &[&str] = &["本报讯", "▶", "■", "●", "(上接", "(下转", "编者按", "撰稿", "摄影", "通讯员", "记者"];

/// A page's metadata line: a label (来源:), or a time stamp at its end
/// (… 08:35). Two patterns: the labels' literals let the regex skip to them,
/// and the time stamp is sought from the end. Both need a colon (a cleaned
/// line's colons are all half-width), so a line without one is not tried.
static METADATA_LABEL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?:来源|发布时间|发文日期|发布日期|索引号|发布机构|责任编辑):").expect("metadata regex")
});
static TIME_AT_END: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"[0-9]{1,2}:[0-9]{2}$").expect("time regex"));

static BYLINE_END: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?:撰稿|摄影|记者|通讯员|编辑)\p{Han}{2,4}(?:/摄)?$").expect("byline regex"));

/// Normalises an article; see the module documentation.
pub fn normalise(original: &str) -> Normalised {
    let lines: Vec<Line> =
        split_lines(original).map(|(start, line)| Line::new(start, line)).filter(|l| !l.is_empty()).collect();
    let wrap_width = wrap_width(&lines);
    let mut out = Normalised { text: String::with_capacity(original.len()), origin: Vec::new() };
    let mut previous: Option<Line> = None;
    for mut line in lines {
        if let Some(prev) = &previous {
            // An indented line opens a paragraph of its own.
            if line.indented || !joins(prev, &line, wrap_width) {
                out.push('\n', prev.end..prev.end);
            }
        }
        out.append(std::mem::take(&mut line.text));
        previous = Some(line);
    }
    out
}

/// A line, cleaned, with what joining it to the next depends on.
struct Line {
    text: Normalised,
    indented: bool,
    chars: usize,
    /// Ends a sentence (。 or 。”).
    closed: bool,
    /// Ends with a byline or a jump line (下转第2版).
    ends_column: bool,
    /// A page's metadata line (来源, 发布时间 … 08:35).
    metadata: bool,
    /// Where its last character ends in the original.
    end: usize,
}

impl Line {
    fn new(start: usize, line: &str) -> Line {
        let text = clean_line(start, line);
        let t = &text.text;
        let mut last = t.chars().rev();
        let (last, before) = (last.next(), last.next());
        let closed = last.is_some_and(|c| SENTENCE_END.contains(&c))
            || (last.is_some_and(|c| CLOSING.contains(&c)) && before.is_some_and(|c| SENTENCE_END.contains(&c)));
        Line {
            indented: line.starts_with(char::is_whitespace),
            chars: t.chars().count(),
            closed,
            ends_column: BYLINE_END.is_match(t) || t.ends_with("版)"),
            metadata: t.contains(':') && (METADATA_LABEL.is_match(t) || TIME_AT_END.is_match(t)),
            end: text.origin.last().map_or(start, |r| r.end_of(t.len())),
            text,
        }
    }

    fn is_empty(&self) -> bool {
        self.text.text.is_empty()
    }
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

/// The character `ch` becomes, or `None` for one that is dropped.
fn clean_char(ch: char) -> Option<char> {
    match ch {
        // Most of a Chinese text, and none of the cases below.
        c if is_han(c) => Some(c),
        '\u{ff01}'..='\u{ff5e}' => Some(char::from_u32(ch as u32 - 0xfee0).unwrap_or(ch)),
        c if c.is_whitespace() => Some(' '),
        // Control, zero-width and bidi-override characters: no text, and
        // a bidi override could make a viewer show text out of order.
        c if c.is_control()
            || matches!(c, '\u{200b}'..='\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2060}'..='\u{2069}' | '\u{feff}') =>
        {
            None
        }
        c => Some(c),
    }
}

/// A line (starting at byte `start` of the original) cleaned: forms made
/// half-width, control characters dropped, spaces kept only where they
/// separate two non-Chinese words.
fn clean_line(start: usize, line: &str) -> Normalised {
    let mut out = Normalised { text: String::with_capacity(line.len()), origin: Vec::new() };
    // A space run is held back until the character after it is known;
    // characters that stay as they are are copied a stretch at a time.
    let mut spaces: Option<Range<usize>> = None;
    let mut unchanged: Option<usize> = None;
    let bytes = line.as_bytes();
    let mut next = 0;
    while let Some(&lead) = bytes.get(next) {
        // Printable ASCII and the three-byte characters led by E4-E9
        // (U+4000-U+9FFF: CJK ideographs and the hexagrams among them) stay
        // as they are: most of a text is passed over without decoding it.
        let width = match lead {
            0x21..=0x7e => 1,
            0xe4..=0xe9 => 3,
            _ => 0,
        };
        if width != 0 && spaces.is_none() {
            unchanged.get_or_insert(next);
            next += width;
            continue;
        }
        let off = next;
        let Some(original) = line[off..].chars().next() else { break };
        next += original.len_utf8();
        let cleaned = clean_char(original);
        if cleaned == Some(original) && original != ' ' && spaces.is_none() {
            unchanged.get_or_insert(off);
            continue;
        }
        if let Some(from) = unchanged.take() {
            out.push_copied(&line[from..off], start + from);
        }
        let from = start + off..start + off + original.len_utf8();
        let Some(ch) = cleaned else { continue };
        if ch == ' ' {
            spaces.get_or_insert(from);
            continue;
        }
        if let Some(space) = spaces.take()
            && out.text.chars().next_back().is_some_and(|b| !is_cjk(b))
            && !is_cjk(ch)
        {
            out.push(' ', space);
        }
        if ch == original {
            unchanged = Some(off);
        } else {
            out.push(ch, from);
        }
    }
    if let Some(from) = unchanged {
        out.push_copied(&line[from..], start + from);
    }
    out
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
fn wrap_width(lines: &[Line]) -> Option<usize> {
    if lines.len() < 10 {
        return None;
    }
    let mut counts = [0usize; 41];
    for l in lines {
        counts[l.chars.min(40)] += 1;
    }
    let (mode, _) = counts[6..40].iter().enumerate().max_by_key(|(i, c)| (**c, usize::MAX - i))?;
    let mode = mode + 6;
    let near = counts[mode.saturating_sub(2)..=(mode + 1).min(40)].iter().sum::<usize>();
    (near * 2 >= lines.len()).then_some(mode)
}

/// Whether `next` continues the paragraph that `prev` ends without closing.
fn joins(prev: &Line, next: &Line, wrap_width: Option<usize>) -> bool {
    if prev.closed || prev.ends_column || prev.metadata || next.metadata {
        return false;
    }
    if OPENERS.iter().any(|o| next.text.text.starts_with(o)) {
        return false;
    }
    match wrap_width {
        Some(width) => prev.chars + 3 >= width,
        None => prev.chars >= 20,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn norm(s: &str) -> String {
        normalise(s).text
    }

    #[test]
    fn characters_passed_over_unread_stay_as_they_are() {
        // Printable ASCII and characters led by the bytes E4-E9 are copied
        // without being decoded; the characters around them still change.
        let cases = [
            ("䷀卦象", "䷀卦象"),
            ("鿿一", "鿿一"),
            ("Family Fun Day", "Family Fun Day"),
            ("第１１届　李 红", "第11届李红"),
            ("A\u{200b}B 区", "AB区"),
        ];
        for (line, expected) in cases {
            assert_eq!(norm(line), expected, "{line}");
        }
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
