//! Companies: registered names and the short or brand names a text uses.
//!
//! Rules:
//! - `registered_name`: a name ending in a suffix of
//!   `lexicon/company_suffixes.txt`, read leftwards to the nearest cutter
//!   (来到安亭镇走访调研华星贸易(上海)有限公司); a brand in brackets after it
//!   stays with it (宏达集团(星光)).
//! - `short_name`: a short form of a registered name found anywhere in the
//!   corpus: the name without place, business line and suffix (易钢网 for
//!   上海易钢网信息科技股份有限公司), optionally followed by an abbreviation of
//!   the business line (瑞康医械 for 上海瑞康医疗器械股份有限公司).
//! - `booth`: the places an official visits at an expo, when the list names a
//!   booth (先后来到…华通汽车公司、安科达展台 → 安科达).
//! - `brand`: a name before 品牌 (成功引入星途品牌), not a quoted slogan.
//! - `executive_of`: the organisation of a company executive (瑞康医械董事长).
//! - `listed_with_companies`: names listed before 等N家…企业/伙伴.
//!
//! Names ending in a word of `lexicon/non_company_heads.txt` (政府, 大学,
//! 医院, 联盟, 园区, 项目, 展团 …) are never companies.

use std::collections::{BTreeMap, BTreeSet};
use std::sync::LazyLock;

use aho_corasick::AhoCorasick;
use regex::Regex;

use super::words::{LexiconWords, Words};
use super::{EntityType, Extractor, Mention, Trace, automaton, lexicon, without_brackets};
use crate::normalise::is_han;
use crate::segment::Sentence;

pub struct Rules {
    suffixes: Words,
    industry: Vec<String>,
    non_company_heads: Vec<String>,
}

/// Words that say what kind of brand one is, not whose (自主品牌“岫峰”,
/// 打造区域公用品牌).
const BRAND_KINDS: &[&str] =
    &["自主", "自有", "民族", "知名", "国际", "国产", "区域", "公用", "城市", "本土", "高端", "优质", "特色", "农业"];

/// Verbs done to a brand, which a name read back before 品牌 may end with
/// (做精主业、做强品牌).
const BRAND_VERBS: &[&str] = &["做强", "做大", "做响", "做优", "做精", "打造", "培育", "擦亮", "树立", "塑造", "提升"];

/// The longest business line read between a list's 等 and 品牌 (新能源汽车).
const MAX_LINE: usize = 8;

/// The longest brand name taken before 品牌.
const MAX_BRAND: usize = 4;

/// Characters of counting and kinship that show a bare 公司 is a common noun
/// (一家平台公司, 两家单体公司, 优于母公司).
const COUNTING: &[char] = &['一', '两', '几', '多', '家', '母', '子', '个'];

/// Words that say what sort a company is (跨国公司, 上市公司, 高端消费品集团),
/// alone or before a business line.
const COMPANY_KINDS: &[&str] =
    &["跨国", "上市", "国有", "民营", "外资", "合资", "独资", "龙头", "头部", "高端", "大型", "中小", "骨干", "知名"];

/// The longest name read back before a company suffix, in characters.
const MAX_NAME: usize = 30;

/// Function words, which no short name of 公司 or 厂 holds even after its
/// places (嘉定区共有3家上市公司, 浦东新区所有公司, 区政府所属公司).
const FUNCTION_CHARS: &[char] = &[
    '的', '了', '在', '是', '等', '及', '或', '都', '所', '属', '共', '有', '各', '每', '该', '此', '其', '之', '下',
    '上',
];

/// Executives' titles: a short name right before one names their company.
const EXECUTIVE_TITLES: &[&str] = &["董事长", "总经理", "副总裁", "总裁", "首席执行官", "创始人", "CEO"];
static EXECUTIVE: LazyLock<Regex> = LazyLock::new(|| Regex::new(&EXECUTIVE_TITLES.join("|")).expect("executive regex"));
/// A facility of a company right after its short name (栖云山居乡村运营中心,
/// 云程智能现有生产基地): the name still stands for the company.
static FACILITY: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^\p{Han}{0,6}?(?:展台|中心|基地|工厂|车间|门店|展厅|总部|厂区|园区)").expect("facility regex")
});
static LISTED: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"((?:[^,。、;:!?“”]{2,16}、)+[^,。、;:!?“”]{2,16})等[0-9]+家[^,。;]{0,16}?(?:企业|伙伴|公司|厂商)")
        .expect("list regex")
});

impl Rules {
    pub fn new() -> Rules {
        let mut industry: Vec<String> =
            lexicon::words(lexicon::INDUSTRY_WORDS).into_iter().map(str::to_string).collect();
        industry.sort_by_key(|w| std::cmp::Reverse(w.chars().count()));
        let mut heads: Vec<String> =
            lexicon::words(lexicon::NON_COMPANY_HEADS).into_iter().map(str::to_string).collect();
        heads.sort_by_key(|w| std::cmp::Reverse(w.chars().count()));
        Rules { suffixes: Words::new(&lexicon::words(lexicon::COMPANY_SUFFIXES)), industry, non_company_heads: heads }
    }

    /// Whether a name without a company suffix may still be a company.
    fn may_be_company(&self, name: &str) -> bool {
        let n = name.chars().count();
        (2..=12).contains(&n)
            && !self.non_company_heads.iter().any(|h| name.ends_with(h.as_str()))
            && !self.only_industry(name)
            && name.chars().any(is_han)
    }

    /// Whether `stem` is made only of business-line words (商务服务, 汽车).
    fn only_industry(&self, stem: &str) -> bool {
        let mut rest = stem;
        while !rest.is_empty() {
            match self.industry.iter().find(|w| rest.starts_with(w.as_str())) {
                Some(w) => rest = &rest[w.len()..],
                None => return false,
            }
        }
        true
    }

    /// Strips business-line words from the end of `stem`; returns (brand, line).
    fn split_industry<'a>(&self, stem: &'a str) -> (&'a str, &'a str) {
        let mut brand = stem;
        while let Some(w) = self.industry.iter().find(|w| brand.ends_with(w.as_str()) && brand.len() > w.len()) {
            brand = &brand[..brand.len() - w.len()];
        }
        (brand, &stem[brand.len()..])
    }
}

impl Default for Rules {
    fn default() -> Self {
        Self::new()
    }
}

/// Registered company names in the article (pass 1 and pass 2), given its
/// lexicon words.
pub fn registered(x: &Extractor, words: &LexiconWords, trace: &mut Trace) -> Vec<Mention> {
    let text = words.text();
    let rules = &x.company;
    let mut out = Vec::new();
    for m in &words.company_suffixes {
        let suffix = &text[m.range()];
        let after = &text[m.end()..];
        // (集团) inside a name, or 集团军 (a metaphor), is not an ending.
        if (text[..m.start()].ends_with('(') && after.starts_with(')')) || (suffix == "集团" && after.starts_with('军'))
        {
            continue;
        }
        let mut start = x.scan_back(text, m.start(), MAX_NAME, false);
        // Reads on leftwards from `cut`, within the name's length limit.
        let read_past =
            |cut: usize| x.scan_back(text, cut, MAX_NAME.saturating_sub(text[cut..m.start()].chars().count()), false);
        // A cutter that is also a business line ends many names (农机服务有限
        // 公司: 服务 cuts 为企业服务): right before the suffix, read on past it.
        if start == m.start()
            && let Some(line) = rules.industry.iter().find(|w| text[..start].ends_with(w.as_str()))
        {
            start = read_past(start - line.len());
        }
        // A one-character cutter can sit inside a name (华为技术有限公司): when
        // cutting there leaves only a business line, read on past it.
        if start < m.start()
            && rules.only_industry(&text[start..m.start()])
            && let Some(c) = text[..start].chars().next_back().filter(|&c| is_han(c))
        {
            start = read_past(start - c.len_utf8());
        }
        // A place that a one-character cutter cut into (成都 of 成都锐川…) is
        // part of the name.
        let before = text[..start].char_indices().rev().nth(3).map_or(0, |(i, _)| i);
        if x.cutter_ends_at(text, start)
            && let Some((r, _)) = x.gazetteer.find_all(&text[before..start]).last()
            && before + r.end == start
        {
            start = before + r.start;
        }
        let stem = &text[start..m.start()];
        // The name proper, after the places it opens with (宜宾市叙州区醉岷春酒厂):
        // a name that opens with a place is registered, not running text, so
        // its own characters may be any (北流市瑞窑日用瓷厂).
        let places = leading_places_len(x, stem);
        let own = &stem[places..];
        let kind_of_company = COMPANY_KINDS
            .iter()
            .any(|k| stem.strip_prefix(k).is_some_and(|rest| rest.is_empty() || rules.only_industry(rest)));
        let reason = if stem.chars().count() < 2 || rules.only_industry(stem) {
            Some("no name before the suffix, or only a business line")
        } else if kind_of_company {
            // 跨国公司, 高端消费品集团: what sort a company is, not its name.
            Some("a kind of company, not a name")
        } else if suffix == "分公司" && !stem.contains("公司") {
            // A branch is named after its company (…股份有限公司宁安分公司).
            Some("a branch without the name of its company")
        } else if suffix == "厂" && (stem.chars().count() < 3 || (stem.ends_with('工') && !stem.ends_with("加工")))
        {
            // A factory needs a name besides its trade (宏达机械厂, not 发电厂);
            // 工厂 is no name, but a 加工厂 may be (稻香源米业加工厂).
            Some("a factory named only by its trade, or the word 工厂")
        } else if (suffix == "公司" || suffix == "厂")
            && (own.chars().count() > if places == 0 { 6 } else { 8 }
                || own.chars().any(|c| COUNTING.contains(&c) || FUNCTION_CHARS.contains(&c))
                || (places == 0 && stem.chars().any(|c| x.official_rules_reject(c))))
        {
            // A bare 公司 or 厂 ends many phrases (一家平台公司, 优于母公司): only a
            // short name of name characters counts (华通汽车公司, 宏达机械厂).
            Some("a bare 公司 or 厂 after running text")
        } else {
            None
        };
        if let Some(reason) = reason {
            // A suffix with nothing before it (公司自主研发) is no candidate at all.
            if start < m.start() {
                trace.reject(EntityType::Company, text, start..m.end(), "registered_name", || reason.into());
            }
            continue;
        }
        let mut end = m.end();
        if let Some(bracket) = brand_bracket(x, after) {
            end += bracket;
        }
        out.push(company(text, start..end, "registered_name"));
    }
    out
}

/// A brand in brackets right after a name (宏达集团(星光)): its byte length.
fn brand_bracket(x: &Extractor, after: &str) -> Option<usize> {
    let inner_end = after.strip_prefix('(')?.find(')')?;
    let inner = &after[1..1 + inner_end];
    let n = inner.chars().count();
    let is_place = x.gazetteer.find_all(inner).any(|(r, _)| r.len() == inner.len());
    ((2..=8).contains(&n) && !is_place && inner.chars().all(|c| is_han(c) || c.is_ascii_alphanumeric()))
        .then_some(inner_end + 2)
}

/// Short forms of the corpus's registered names, compiled for searching.
pub struct Aliases {
    /// Short form → the registered name (only forms of a single company).
    by_form: BTreeMap<String, String>,
    /// Short form → the business-line words it may be followed by.
    lines: BTreeMap<String, String>,
    matcher: Option<AhoCorasick>,
    /// The registered names, and where each pair of adjacent characters of
    /// their names (without the leading place) occurs, for the forms no rule
    /// derives (山水文旅 of 镜泊山水文化旅游发展有限公司).
    names: Vec<String>,
    by_pair: rustc_hash::FxHashMap<(char, char), Vec<usize>>,
}

impl Aliases {
    /// Derives the short forms of `registered` names.
    pub fn new(x: &Extractor, registered: &BTreeSet<String>) -> Aliases {
        let mut owners: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
        let mut lines = BTreeMap::new();
        for name in registered {
            for (form, line) in short_forms(x, name) {
                owners.entry(form.clone()).or_default().insert(name.clone());
                lines.insert(form, line);
            }
        }
        let by_form: BTreeMap<String, String> = owners
            .into_iter()
            // A form that is a registered name is a company of its own,
            // unless it bears no 有限 or 股份 (启岳集团, 鸿屹丝网厂, 鼎驰随州公司):
            // that is how a full name is shortened.
            .filter(|(form, names)| names.len() == 1 && (!registered.contains(form) || is_short_registered(form)))
            .filter_map(|(form, names)| names.into_iter().next().map(|n| (form, n)))
            .collect();
        let forms: Vec<&str> = by_form.keys().map(String::as_str).collect();
        let matcher = (!forms.is_empty()).then(|| automaton(&forms));
        let names: Vec<String> = registered.iter().cloned().collect();
        let mut by_pair: rustc_hash::FxHashMap<(char, char), Vec<usize>> = rustc_hash::FxHashMap::default();
        for (i, name) in names.iter().enumerate() {
            let own: Vec<char> = name[leading_places_len(x, name)..].chars().collect();
            let mut pairs: Vec<(char, char)> = own.windows(2).map(|w| (w[0], w[1])).collect();
            pairs.sort_unstable();
            pairs.dedup();
            for pair in pairs {
                by_pair.entry(pair).or_default().push(i);
            }
        }
        Aliases { by_form, lines, matcher, names, by_pair }
    }

    /// The registered name a short form stands for, also when an
    /// abbreviation of the business line follows it (瑞康医械).
    pub fn registered_name(&self, form: &str) -> Option<&str> {
        if let Some(name) = self.by_form.get(form) {
            return Some(name);
        }
        form.char_indices()
            .skip(2)
            .find_map(|(i, _)| {
                let (head, rest) = form.split_at(i);
                let line = self.lines.get(head)?;
                (abbreviation_len(rest, line) == rest.len()).then(|| self.by_form.get(head).map(String::as_str))?
            })
            .or_else(|| self.abbreviated(form))
    }

    /// The one registered name that `form` abbreviates: its first two
    /// characters stand together in the name, the rest in order after them
    /// (恒匠电动 of 浙江恒匠电动工具股份有限公司, 锐邦五金 of 东莞市锐邦精密五金制品
    /// 有限公司). A registered name itself (…公司, …集团, …厂) abbreviates none.
    fn abbreviated(&self, form: &str) -> Option<&str> {
        let chars: Vec<char> = form.chars().collect();
        if chars.len() < 4 || form.contains("公司") || form.ends_with("集团") || form.ends_with('厂') {
            return None;
        }
        let mut owners =
            self.by_pair.get(&(chars[0], chars[1]))?.iter().map(|&i| self.names[i].as_str()).filter(|name| {
                name.find(&form[..chars[0].len_utf8() + chars[1].len_utf8()])
                    .is_some_and(|at| is_subsequence(form, &name[at..]))
            });
        let owner = owners.next()?;
        owners.next().is_none().then_some(owner)
    }
}

/// The length of the places a name opens with, in bytes (宜宾市叙州区 of
/// 宜宾市叙州区醉岷春酒): full names of divisions, one after the other.
fn leading_places_len(x: &Extractor, name: &str) -> usize {
    let mut len = 0;
    while let Some((r, forms)) = x.gazetteer.find_all(&name[len..]).next() {
        if r.start != 0 || r.end == name.len() - len || forms.iter().all(|f| f.short) {
            break;
        }
        len += r.end;
    }
    len
}

/// Whether `name` ends like a registered name (集团, 公司, 厂) without the
/// words of one (有限, 股份): a company by its short name.
fn is_short_registered(name: &str) -> bool {
    ["集团", "公司", "厂"].iter().any(|s| name.ends_with(s)) && !name.contains("有限") && !name.contains("股份")
}

/// The short forms of a registered name, each with the business-line words
/// that may follow it.
fn short_forms(x: &Extractor, name: &str) -> Vec<(String, String)> {
    let rules = &x.company;
    let mut out = Vec::new();
    // Without bracketed parts: 上海路投(集团)有限公司 → 上海路投有限公司.
    let plain = without_brackets(name);
    if let Some(bracket) = name.rfind('(').filter(|_| name.ends_with(')')) {
        // 宏达集团(星光): the brand in brackets is a name of its own.
        out.push((name[bracket + 1..name.len() - 1].to_string(), String::new()));
    }
    let Some(suffix) = rules.suffixes.find_iter(&plain).last().filter(|m| m.end() == plain.len()) else {
        return out;
    };
    let stem = &plain[..suffix.start()];
    if plain != name {
        out.push((plain.clone(), String::new()));
    }
    let group = plain[suffix.range()].starts_with("集团");
    if stem.chars().count() >= 2 && &plain[suffix.range()] == "集团" {
        out.push((stem.to_string(), String::new()));
    }
    // Without a leading place name: 上海易钢网信息科技 → 易钢网信息科技.
    let placeless = x
        .gazetteer
        .find_all(stem)
        .next()
        .filter(|(r, _)| r.start == 0 && r.end < stem.len())
        .map(|(r, _)| &stem[r.end..]);
    let core = placeless.unwrap_or(stem);
    if placeless.is_some() {
        // Without the place, with the suffix (安平县鸿屹丝网厂 → 鸿屹丝网厂).
        out.push((format!("{core}{}", &plain[suffix.range()]), String::new()));
    }
    // The trade name: the brand's first two characters, where the brand is
    // no business line (上海新能源汽车集团 has none to shorten).
    let (brand, line) = rules.split_industry(core);
    let trade_name: Option<String> = (brand.chars().count() >= 2 && !rules.only_industry(brand))
        .then(|| brand.chars().take(2).collect())
        .filter(|t: &String| !rules.industry.iter().any(|w| w.starts_with(t.as_str())));
    // A group goes by its trade name, the core's first two characters, and
    // 集团 (深圳启岳半导体陶瓷集团有限公司 → 启岳集团).
    if let Some(trade_name) = trade_name.filter(|_| core.chars().count() > 2) {
        if group {
            out.push((format!("{trade_name}集团"), String::new()));
        }
        // A company of a group in a place goes by the trade name, the place
        // and 公司 (鼎驰专用汽车(随州)有限公司 → 鼎驰随州公司).
        if let Some(bracket) = name.rfind('(') {
            let inner = name[bracket + 1..].split(')').next().unwrap_or("");
            let is_place = x.gazetteer.find_all(inner).next().is_some_and(|(r, _)| r == (0..inner.len()));
            if is_place {
                out.push((format!("{trade_name}{inner}公司"), String::new()));
            }
        }
    }
    let min_chars = if placeless.is_some() && !line.is_empty() { 2 } else { 3 };
    let placeish = ['城', '区', '园', '镇', '村', '港', '湾', '谷', '岛'];
    if brand.chars().count() >= min_chars && !brand.ends_with(placeish) {
        out.push((brand.to_string(), line.to_string()));
        if placeless.is_some() && stem != core {
            out.push((stem[..stem.len() - line.len()].to_string(), line.to_string()));
        }
    }
    out.retain(|(form, _)| form.chars().count() >= 2 && form != name);
    out.sort();
    out.dedup_by(|a, b| a.0 == b.0);
    out
}

/// All company mentions of the article (pass 2), given its lexicon words.
pub fn find(
    x: &Extractor,
    words: &LexiconWords,
    sentences: &[Sentence],
    aliases: &Aliases,
    trace: &mut Trace,
) -> Vec<Mention> {
    let text = words.text();
    let rules = &x.company;
    let mut out = registered(x, words, trace);
    if let Some(matcher) = &aliases.matcher {
        for m in matcher.find_iter(text) {
            let form = &text[m.range()];
            let line = aliases.lines.get(form).map_or("", String::as_str);
            let end = m.end() + abbreviation_len(&text[m.end()..], line);
            if x.ends_name(text, end)
                || FACILITY.is_match(&text[end..])
                || EXECUTIVE_TITLES.iter().any(|t| text[end..].starts_with(t))
            {
                let mut c = company(text, m.start()..end, "short_name");
                c.name = aliases.by_form[form].clone();
                out.push(c);
            }
        }
    }
    for s in sentences {
        let sentence = &text[s.span.clone()];
        booths(x, sentence, s.span.start, &mut out);
    }
    for m in text.match_indices("品牌") {
        let at = m.0;
        // A list closes with 等 right before 品牌, or before the business
        // line its brands are of (岚途汽车、锋驰等新能源汽车品牌).
        // Only the last few characters are looked at, so that a text with
        // no 等 is not searched back to its start for each 品牌.
        let window = text[..at].char_indices().rev().nth(MAX_LINE).map_or(0, |(i, _)| i);
        let line_start = text[window..at].rfind('等').map(|i| window + i).filter(|&i| {
            let line = &text[i + '等'.len_utf8()..at];
            !line.is_empty() && line.chars().count() <= MAX_LINE && rules.only_industry(line)
        });
        let listed = text[..at].ends_with('等') || line_start.is_some();
        let end = match line_start {
            Some(i) => i,
            None if listed => at - '等'.len_utf8(),
            None => at,
        };
        // 品牌 must end the phrase (引入星途品牌。), not start one (加快品牌国际化).
        if text[..end].ends_with('”') || !(listed || x.ends_name(text, at + "品牌".len())) {
            continue;
        }
        // Read one character further than a brand may be long, so that a
        // name running on (持续做强东浦集团) is not cut into one.
        let start = x.scan_back(text, end, MAX_BRAND + 1, false);
        let name = &text[start..end];
        let counted = name.starts_with(|c: char| c.is_ascii_digit() || "一二三四五六七八九十几数多".contains(c));
        // A brand is short and named as such (引入星途品牌), not described (打造
        // 有影响力的汉服品牌, 做响地方特色品牌).
        let described = text[..start].ends_with('的')
            || BRAND_KINDS.iter().any(|k| name.ends_with(k))
            || BRAND_VERBS.iter().any(|v| name.ends_with(v));
        if name.chars().count() <= MAX_BRAND && !counted && !described && rules.may_be_company(name) {
            out.push(company(text, start..end, "brand"));
            // The items listed before it (岚途汽车、锋驰等…品牌).
            let mut item_end = start;
            while listed && text[..item_end].ends_with('、') {
                let before = item_end - '、'.len_utf8();
                let item_start = x.scan_back(text, before, MAX_BRAND + 1, false);
                let item = &text[item_start..before];
                if item_start == before || item.chars().count() > MAX_BRAND || !rules.may_be_company(item) {
                    break;
                }
                out.push(company(text, item_start..before, "brand"));
                item_end = item_start;
            }
        } else if start < end {
            trace.reject(EntityType::Company, text, start..end, "brand", || {
                "longer than a brand, a count (十余个), or a generic or non-company name".into()
            });
        }
    }
    for m in EXECUTIVE.find_iter(text) {
        let start = x.scan_back(text, m.start(), 12, false);
        let name = &text[start..m.start()];
        if start < m.start() && rules.may_be_company(name) && rules.suffixes.find(name).is_none() {
            out.push(company(text, start..m.start(), "executive_of"));
        } else if start < m.start() && rules.suffixes.find(name).is_none() {
            trace.reject(EntityType::Company, text, start..m.start(), "executive_of", || {
                "the organisation is not a company (a public body, school or generic word)".into()
            });
        }
    }
    for c in LISTED.captures_iter(text) {
        let Some(list) = c.get(1) else { continue };
        let mut at = list.start();
        for item in list.as_str().split('、') {
            let span = at..at + item.len();
            at = span.end + '、'.len_utf8();
            let start = x.scan_back(text, span.end, 16, false);
            let span = start.max(span.start)..span.end;
            let name = &text[span.clone()];
            if rules.may_be_company(name) && rules.suffixes.find(name).is_none() {
                out.push(company(text, span, "listed_with_companies"));
            } else if rules.suffixes.find(name).is_none() {
                trace.reject(EntityType::Company, text, span, "listed_with_companies", || {
                    "ends in a word of a non-company (联盟, 中心, 项目 …)".into()
                });
            }
        }
    }
    for m in &mut out {
        if let Some(full) = aliases.registered_name(&m.surface) {
            m.name = full.to_string();
        }
    }
    out
}

/// How many characters after a short form abbreviate its business line
/// (瑞康 + 医械, for 医疗器械): the longest run that is an in-order
/// selection of the line's characters.
fn abbreviation_len(after: &str, line: &str) -> usize {
    if line.is_empty() {
        return 0;
    }
    let mut best = 0;
    let mut taken = String::new();
    for c in after.chars().take(line.chars().count()) {
        taken.push(c);
        if is_subsequence(&taken, line) && taken.chars().count() >= 2 {
            best = taken.len();
        }
    }
    best
}

/// Whether the characters of `short` appear in `long` in order.
pub fn is_subsequence(short: &str, long: &str) -> bool {
    let mut it = long.chars();
    short.chars().all(|c| it.any(|l| l == c))
}

/// Companies visited at an expo: the items of a visit list that names a
/// booth (…、安科达展台和国家综合展内的华影医疗).
fn booths(x: &Extractor, sentence: &str, offset: usize, out: &mut Vec<Mention>) {
    let rules = &x.company;
    for verb in x.visit_verbs(sentence) {
        let clause_end = sentence[verb.end..].find([',', '。', ';', '!', '?']).map_or(sentence.len(), |i| verb.end + i);
        let clause = &sentence[verb.end..clause_end];
        if !clause.split(['、', '和', '及']).any(|item| item.ends_with("展台")) {
            continue;
        }
        let mut at = verb.end;
        for item in clause.split(['、', '和', '及']) {
            let span = at..at + item.len();
            at = span.end + item_separator_len(&sentence[span.end..]);
            let mut start = span.start;
            let mut end = span.end;
            let mut item = item;
            for lead in ["了", "先后", "位于"] {
                if let Some(rest) = item.strip_prefix(lead) {
                    start += lead.len();
                    item = rest;
                }
            }
            if let Some(i) = item.rfind('的') {
                start += i + '的'.len_utf8();
                item = &item[i + '的'.len_utf8()..];
            }
            if let Some(rest) = item.strip_suffix("展台") {
                end -= "展台".len();
                item = rest;
            }
            if rules.may_be_company(item) && rules.suffixes.find(item).is_none() {
                out.push(company_at(item, offset + start..offset + end, "booth"));
            }
        }
    }
}

fn item_separator_len(rest: &str) -> usize {
    rest.chars().next().map_or(0, char::len_utf8)
}

fn company(text: &str, span: std::ops::Range<usize>, rule: &'static str) -> Mention {
    company_at(&text[span.clone()], span, rule)
}

fn company_at(surface: &str, span: std::ops::Range<usize>, rule: &'static str) -> Mention {
    Mention::new(EntityType::Company, surface, span, rule)
}

#[cfg(test)]
mod tests {
    use super::super::EntityType::Company;
    use super::super::test_support::{EXTRACTOR, check_cases};
    use super::*;

    /// (sentence that motivated the rule, companies expected by canonical name)
    const CASES: &[(&str, &[&str])] = &[
        // registered_name
        ("11月7日,陆方舟来到安亭镇走访调研舍弗勒贸易(上海)有限公司。", &["舍弗勒贸易(上海)有限公司"]),
        ("11月14日,嘉定区人民政府与上海城投（集团）有限公司签订战略合作协议。", &["上海城投(集团)有限公司"]),
        ("嘉定区交通委和上海城投公路集团签订协议。", &["上海城投公路集团"]),
        (
            "陆方舟一行先后来到位于汽车展区的大众集团(保时捷)、丰田汽车公司、安波福展台。",
            &["大众集团(保时捷)", "丰田汽车公司", "安波福"],
        ),
        ("打造招商服务“集团军”。", &[]),
        ("次日,区长陈华文察看华为技术有限公司上海研究所项目进展。", &["华为技术有限公司"]),
        ("1月13日,王建国一行深入宏达机械厂车间。", &["宏达机械厂"]),
        ("新建的发电厂投产。", &[]),
        ("在禾穗农业的智慧育秧工厂,察看了水稻工厂化育秧流程。", &[]),
        ("已经从一家单体公司发展成为一家平台公司。", &[]),
        // A business line that also cuts names (服务) before the suffix.
        ("随后,他走进宁安市石岩镇丰垦农机服务有限公司,了解情况。", &["宁安市石岩镇丰垦农机服务有限公司"]),
        // A factory that opens with its places may be named at any length.
        (
            "走访北流市瑞窑日用瓷厂。来到宁安市渤海镇稻香源米业加工厂。",
            &["北流市瑞窑日用瓷厂", "宁安市渤海镇稻香源米业加工厂"],
        ),
        // A branch, named after its company.
        ("来到位于宁安镇的牡丹江雪原食品集团股份有限公司宁安分公司。", &["牡丹江雪原食品集团股份有限公司宁安分公司"]),
        // An abbreviation no rule derives: the trade name, then words of the name in order.
        (
            "走访浙江恒匠电动工具股份有限公司。恒匠电动董事长何景屹说。",
            &["浙江恒匠电动工具股份有限公司", "浙江恒匠电动工具股份有限公司"],
        ),
        // A name without its place, and a company of a group in a place.
        ("走访安平县鸿屹丝网厂。在鸿屹丝网厂,察看了车间。", &["安平县鸿屹丝网厂", "安平县鸿屹丝网厂"]),
        (
            "鼎驰专用汽车(随州)有限公司投产。鼎驰随州公司总经理庞书宁介绍。",
            &["鼎驰专用汽车(随州)有限公司", "鼎驰专用汽车(随州)有限公司"],
        ),
        // 会见 ends a name read leftwards, as the other verbs do.
        ("随州日报2025年6月11日第1版·要闻翟泓舟会见鼎驰集团客人。", &["鼎驰集团"]),
        // Brands listed before the business line they are of; a verb done
        // to a brand is none.
        ("已为岚途汽车、锋驰等新能源汽车品牌配套。", &["岚途汽车", "锋驰"]),
        ("勉励企业做精主业、做强品牌。", &[]),
        // A verb of policy ends a name read leftwards.
        ("要加快推进北京澄禾生物科技有限公司项目建设。", &["北京澄禾生物科技有限公司"]),
        // 重点企业 ends a name read leftwards.
        ("当天下午,顾钧默走访了辖区重点企业上海铂岸数字科技有限公司。", &["上海铂岸数字科技有限公司"]),
        // …but a bare 公司 after places and running text is no name.
        ("嘉定区共有3家上市公司。浦东新区所有公司都要参加。上海市国资委下属公司负责。", &[]),
        // A kind of company is no company's name.
        ("璞岚是一家总部位于瑞士的高端消费品集团。吸引更多跨国公司落户。", &[]),
        // A kind of brand, not a brand's name.
        ("自主品牌“岫峰”红茶已进入长三角多家连锁商超。", &[]),
        // short_name, with the registered name elsewhere in the corpus
        (
            "醴陵市与深圳启岳半导体陶瓷集团有限公司签约。启岳集团董事长戚鹏远表示。",
            &["深圳启岳半导体陶瓷集团有限公司", "深圳启岳半导体陶瓷集团有限公司"],
        ),
        (
            "在河南恒鼎再生资源科技股份有限公司,察看了生产线。恒鼎再生董事长介绍。",
            &["河南恒鼎再生资源科技股份有限公司", "河南恒鼎再生资源科技股份有限公司"],
        ),
        (
            "上海康德莱医疗器械股份有限公司经过17年的发展。康德莱医械董事长兼总经理梁栋科介绍。",
            &["上海康德莱医疗器械股份有限公司", "上海康德莱医疗器械股份有限公司"],
        ),
        (
            "随后,陆方舟走访上海找钢网信息科技股份有限公司。找钢网是平台。",
            &["上海找钢网信息科技股份有限公司", "上海找钢网信息科技股份有限公司"],
        ),
        // booth
        (
            "陆方舟一行还走进爱茉莉太平洋集团、乔山健康科技展台和国家综合展内的联影医疗,参加启用仪式。",
            &["爱茉莉太平洋集团", "乔山健康科技", "联影医疗"],
        ),
        (
            "肖文高一行先后参观了上海国际汽车城境外展团、国际汽车文化体验区、沃尔沃汽车、大众集团(保时捷)展台。",
            &["沃尔沃汽车", "大众集团(保时捷)"],
        ),
        ("当天,陆方舟还来到全国食品、农副产品、消费品品牌供应链中心运营总部项目临时办公点。", &[]),
        // brand
        ("集团还积极布局新能源汽车领域,成功引入极氪品牌。", &["极氪"]),
        ("深化“巾帼嘉创”品牌。", &[]),
        ("本届带来了十余个品牌的数十款新品。勉励企业借助平台,加快品牌国际化步伐。", &[]),
        ("由集团全资子公司上海臻远储能技术有限公司负责建设运营。", &["上海臻远储能技术有限公司"]),
        ("企业总经理施建明介绍。", &[]),
        ("随后走进成都锐川轨道交通科技股份有限公司。", &["成都锐川轨道交通科技股份有限公司"]),
        ("打造有影响力的汉服品牌。鼓励企业做响地方特色品牌。", &[]),
        // listed_with_companies
        (
            "联影医疗、上汽恒旭、中国传感器及物联网联盟等16家2025年新一批全球战略合作伙伴授牌。",
            &["联影医疗", "上汽恒旭"],
        ),
    ];

    #[test]
    fn company_rules() {
        check_cases(CASES, Company);
    }

    #[test]
    fn short_forms_of_registered_names() {
        let forms = |name: &str| -> Vec<String> { short_forms(&EXTRACTOR, name).into_iter().map(|f| f.0).collect() };
        assert!(forms("上海上汽清陶能源科技有限公司").contains(&"上汽清陶".to_string()));
        assert!(forms("西上海(集团)有限公司").contains(&"西上海".to_string()));
        assert!(forms("爱茉莉太平洋集团").contains(&"爱茉莉太平洋".to_string()));
        assert!(forms("大众集团(保时捷)").contains(&"保时捷".to_string()));
        // A group by its trade name, which is no business line.
        assert!(forms("深圳启岳半导体陶瓷集团有限公司").contains(&"启岳集团".to_string()));
        assert!(!forms("上海新能源汽车集团有限公司").iter().any(|f| f.ends_with("集团")));
        // A business line of resources is no part of the brand.
        assert!(forms("河南恒鼎再生资源科技股份有限公司").contains(&"恒鼎".to_string()));
        // A short form that reads as a place is not taken: 国际汽车城.
        assert!(!forms("上海国际汽车城(集团)有限公司").contains(&"国际汽车城".to_string()));
    }

    #[test]
    fn abbreviation_of_a_business_line() {
        assert_eq!(abbreviation_len("医械董事长", "医疗器械"), "医械".len());
        assert_eq!(abbreviation_len("固态电池", "能源科技"), 0);
    }
}
