//! Stage 6, *relate*: who is mentioned with whom, and who went where.
//!
//! Takes an article's sentences, mentions, resolved entities and dates, and
//! returns [`Relation`]s between its entities:
//! - **co-occurrence**: two entities in the same sentence; one relation per
//!   pair, counting the sentences.
//! - **visit**: an official goes to a company, town or event. A sentence with
//!   a visit verb (来到, 走访, 调研, 赴, 走进, 参观 …) makes every official named
//!   before the verb a visitor of every company, town or event named after
//!   it (王建国、李红…等区四套班子领导来到消博会场馆). A town only counts where it
//!   stands as a place, not as a modifier (嘉定区参展企业); a village counts
//!   either way (察看了革新村乡村振兴示范村建设情况). Officials in a
//!   sentence of their own that say they went along (区委书记王建国陪同调研)
//!   visit what the sentence before was about.
//!
//! Visit dates: the days the sentence gives (`11月7日、13日 … 先后赴 A 和 B`
//! pairs them in order), else the day last given in the article
//! (`当天`, `随后`), else, for `X一行`, the day X last led a group. The year
//! comes from the publication date; a visit whose day cannot be known keeps
//! no date rather than a guess.

use std::collections::{BTreeMap, BTreeSet};
use std::ops::Range;

use crate::date::{Day, PubDate};
use crate::extract::dates::{DateExpr, DateMention};
use crate::extract::place::VILLAGE;
use crate::extract::{EntityType, Mention};
use crate::normalise::is_han;
use crate::resolve::Resolved;
use crate::segment::Sentence;

/// The two kinds of edge.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize, serde::Deserialize, clap::ValueEnum,
)]
#[serde(rename_all = "snake_case")]
pub enum RelationKind {
    CoOccurrence,
    Visit,
}

impl RelationKind {
    pub fn as_str(self) -> &'static str {
        match self {
            RelationKind::CoOccurrence => "co_occurrence",
            RelationKind::Visit => "visit",
        }
    }
}

/// A relation between two entities of one article (indices into
/// [`Resolved::entities`]). For visits `source` is the official.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Relation {
    pub kind: RelationKind,
    pub source: usize,
    pub target: usize,
    /// Sentences (indices) that state it, in order.
    pub sentences: Vec<usize>,
    pub dates: BTreeSet<Day>,
    /// The best of its statements: the surer of its two entities, lowered
    /// for a visit (0.95) and more for one only gone along with (0.8).
    pub confidence: f64,
}

/// How much a visit statement's confidence is lowered from its entities'.
const VISIT_CONFIDENCE: f64 = 0.95;
const ACCOMPANYING_CONFIDENCE: f64 = 0.8;

/// Groups an official leads (詹启航率我县考察团赴…), which later sentences
/// name as their subject (考察团首先来到大涌镇).
const GROUPS: &[&str] = &["考察团", "代表团", "调研组", "考察组", "督导组", "检查组", "工作组", "调研团", "访问团"];
/// Words by which an official leads a group (率 but not 率先, "first").
const LEADING: &[&str] = &["率领", "率", "带领", "带队"];

/// How the names of provinces end (广东省, 广西壮族自治区).
const PROVINCE_ENDINGS: &[&str] = &["省", "自治区"];

/// Words after which a visit verb is another's to make: an invitation or a
/// wish (诚挚邀请企业到安溪考察投资, 欢迎客商来武义调研).
const ASKING_OTHERS: &[&str] = &["邀请", "欢迎", "希望", "吸引", "鼓励", "引导", "动员"];

/// Words that may stand between a subject and its verb (他还来到, 他先后走进).
const BEFORE_VERB: &[&str] = &["还", "又", "也", "再", "先后", "随后", "专程", "实地", "一同"];

/// Verbs of going along with a visit, which take the targets of the
/// sentence before.
const ACCOMPANYING: &[&str] = &["陪同", "参加调研", "参加走访", "一同调研", "共同调研", "一同"];

/// Words of a host receiving a group, which no co-leader of it stands
/// before (区委书记韩柏舟会见了诸暨市委书记骆承泽率领的考察团).
const RECEIVING: &[&str] = &["会见", "欢迎", "接待", "迎接", "陪同"];

/// How near two mentions must be to co-occur.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize, clap::ValueEnum)]
#[serde(rename_all = "lowercase")]
pub enum Window {
    /// In the same sentence.
    #[default]
    Sentence,
    /// In the same paragraph.
    Paragraph,
    /// In the same article.
    Article,
}

/// As the command line spells it (`sentence`).
impl std::fmt::Display for Window {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            Window::Sentence => "sentence",
            Window::Paragraph => "paragraph",
            Window::Article => "article",
        })
    }
}

/// What `relate` reads of one article: the earlier stages' results.
pub struct Article<'a> {
    pub text: &'a str,
    pub sentences: &'a [Sentence],
    pub mentions: &'a [Mention],
    pub resolved: &'a Resolved,
    pub dates: &'a [DateMention],
    pub pub_date: Option<PubDate>,
}

/// Finds the article's relations, sorted by kind and entities.
pub fn relate(
    article: &Article,
    window: Window,
    visit_verbs: &dyn Fn(&str) -> Vec<std::ops::Range<usize>>,
) -> Vec<Relation> {
    let Article { text, sentences, mentions, resolved, dates, pub_date } = *article;
    let entity_confidence: Vec<f64> = resolved
        .entities
        .iter()
        .map(|e| e.mentions.iter().map(|&m| mentions[m].confidence).fold(0.0, f64::max))
        .collect();
    let mut relations: BTreeMap<(RelationKind, usize, usize), Relation> = BTreeMap::new();
    let mut add = |kind, source: usize, target: usize, sentence, dates: &[Day], factor: f64| {
        let confidence = entity_confidence[source].min(entity_confidence[target]) * factor;
        let r = relations.entry((kind, source, target)).or_insert_with(|| Relation {
            kind,
            source,
            target,
            sentences: Vec::new(),
            dates: BTreeSet::new(),
            confidence,
        });
        r.confidence = r.confidence.max(confidence);
        if r.sentences.last() != Some(&sentence) {
            r.sentences.push(sentence);
        }
        r.dates.extend(dates.iter().copied());
    };

    let mut by_sentence: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
    for (i, m) in mentions.iter().enumerate() {
        by_sentence.entry(m.sentence).or_default().push(i);
    }

    // Co-occurrence: each pair of entities once per window, cited by the
    // sentence where the second of them first appears.
    let mut units: BTreeMap<usize, BTreeMap<usize, usize>> = BTreeMap::new();
    for (i, m) in mentions.iter().enumerate() {
        let s = &sentences[m.sentence];
        let unit = match window {
            Window::Sentence => s.index,
            Window::Paragraph => s.paragraph,
            Window::Article => s.article,
        };
        units.entry(unit).or_default().entry(resolved.entity_of_mention[i]).or_insert(m.sentence);
    }
    for entities in units.values() {
        let entities: Vec<(&usize, &usize)> = entities.iter().collect();
        for (i, &(&a, &sa)) in entities.iter().enumerate() {
            for &(&b, &sb) in &entities[i + 1..] {
                add(RelationKind::CoOccurrence, a, b, sa.max(sb), &[], 1.0);
            }
        }
    }

    let mut current_article = usize::MAX;
    let mut last_day: Option<Day> = None;
    let mut led_group_on: BTreeMap<usize, Day> = BTreeMap::new();
    let mut previous_visit: Option<(Vec<usize>, Vec<Day>)> = None;
    // Who last went somewhere in this article, and who goes along with whom:
    // 副区长X陪同调研 after a report of 区委书记Y's tour makes X a visitor of
    // every stop the same party (Y) makes afterwards that day in the article.
    let mut last_visitors: BTreeSet<usize> = BTreeSet::new();
    let mut tour = Tour::default();
    // A 陪同 that closes a later paragraph of the story (…在恒鼎公司,宗亦衡察看….
    // 长葛市委书记苗振东陪同。) goes along to that paragraph's stops only: the
    // paragraph of the lead, which names the whole outing, is the tour's (a
    // headline names the outing too, but is no lead).
    let mut paragraph = usize::MAX;
    let mut paragraph_stops: Vec<(usize, Vec<Day>)> = Vec::new();
    let mut lead_paragraph: Option<usize> = None;
    // The groups of the article and who leads each (考察团, 詹启航).
    let mut groups: Vec<(&str, usize)> = Vec::new();

    for s in sentences {
        if s.article != current_article {
            current_article = s.article;
            last_day = None;
            previous_visit = None;
            last_visitors.clear();
            tour = Tour::default();
            lead_paragraph = None;
            groups.clear();
        }
        if s.paragraph != paragraph {
            paragraph = s.paragraph;
            paragraph_stops.clear();
        }
        let sentence_text = &text[s.span.clone()];
        let own_days = days_in(dates, s, last_day, pub_date);
        // A new day (次日, 1月11日) starts a new outing: who went along before
        // is not said to go along now.
        if !own_days.is_empty() && !own_days.iter().any(|d| tour.days.contains(d)) {
            tour = Tour::default();
            paragraph_stops.clear();
        }
        if let Some(&d) = own_days.last() {
            last_day = Some(d);
        }
        let in_sentence: &[usize] = by_sentence.get(&s.index).map_or(&[], Vec::as_slice);

        // 深入 is a visit only where a place follows at once (深入宏达机械厂车间),
        // not in 深入学习 or 深入交流.
        // 到 and 来 only where a verb of inspection closes the clause
        // (到第二十六届高交会调研, 来嘉定调研).
        let verbs: Vec<_> = visit_verbs(sentence_text)
            .into_iter()
            // 考察 of 考察团 names a group, not a visit.
            .filter(|v| !GROUPS.iter().any(|g| sentence_text[v.start..].starts_with(g)))
            .filter(|v| {
                let clause_start = sentence_text[..v.start].rfind([',', ';', ':']).map_or(0, |i| i + 1);
                !ASKING_OTHERS.iter().any(|w| sentence_text[clause_start..v.start].contains(w))
            })
            .filter(|v| match &sentence_text[v.clone()] {
                "深入" => in_sentence.iter().any(|&m| mentions[m].span.start == s.span.start + v.end),
                "到" | "来" => {
                    // …or opens the next (到镜泊镇,检查景区开园工作).
                    let rest = &sentence_text[v.end..];
                    let clause_end = rest.find([',', ';', '。']).unwrap_or(rest.len());
                    let next = rest[clause_end..].strip_prefix(',').unwrap_or("");
                    INSPECTING.iter().any(|w| rest[..clause_end].contains(w) || next.starts_with(w))
                }
                _ => true,
            })
            .collect();
        let officials_here: Vec<usize> =
            in_sentence.iter().copied().filter(|&m| mentions[m].entity_type == EntityType::Official).collect();
        for &m in &officials_here {
            let after = &text[mentions[m].span.end..s.span.end];
            if LEADING.iter().any(|w| after.starts_with(w))
                && !after.starts_with("率先")
                && let Some(group) = GROUPS.iter().filter_map(|g| after.find(g).map(|at| (at, *g))).min()
            {
                // Those named with the one before 率 lead it too (诸暨市委书记骆承泽,
                // 市委副书记、市长斯晓琼率诸暨市党政代表团…).
                let co_leads = |o: usize| {
                    let between = &text[mentions[o].span.end.min(mentions[m].span.start)..mentions[m].span.start];
                    mentions[o].span.start <= mentions[m].span.start && !RECEIVING.iter().any(|w| between.contains(w))
                };
                for &head in officials_here.iter().filter(|&&o| co_leads(o)) {
                    groups.push((group.1, resolved.entity_of_mention[head]));
                }
            }
        }
        // Who leads the groups `span` of the text names (考察团首先来到…).
        let group_heads = |span: Range<usize>| -> BTreeSet<usize> {
            groups.iter().filter(|(g, _)| text[span.clone()].contains(g)).map(|&(_, head)| head).collect()
        };
        // 在江苏恒远新材料股份有限公司,周立衡走进生产车间: the officials of the
        // sentence are at the place it opens with.
        let site = site_of(text, s, in_sentence, mentions);
        if let Some(site) = site {
            // The subject: the officials right after the opening clause
            // (在X,A、B走进…), not those the sentence goes on to name (…听取了
            // 镇党委书记C的汇报).
            let officials: Vec<usize> = in_sentence
                .iter()
                .copied()
                .filter(|&m| {
                    mentions[m].entity_type == EntityType::Official && mentions[m].span.start > mentions[site].span.end
                })
                .collect();
            let mut here = Vec::new();
            for (i, &m) in officials.iter().enumerate() {
                let listed = i == 0 || text[mentions[officials[i - 1]].span.end..mentions[m].span.start] == *"、";
                if !listed {
                    break;
                }
                here.push(resolved.entity_of_mention[m]);
            }
            if here.is_empty() {
                // 在锐邦五金,考察团察看了…: the group's head is there.
                here.extend(group_heads(mentions[site].span.end..s.span.end));
            }
            let days: Vec<Day> = if own_days.is_empty() { last_day.into_iter().collect() } else { own_days.clone() };
            let party: BTreeSet<usize> = here.iter().copied().collect();
            here.extend(tour.along_with(&party).difference(&party));
            if !here.is_empty() && !s.headline {
                lead_paragraph.get_or_insert(paragraph);
                // 到弥勒工业园区和朋普镇调研。在弥勒工业园区,…: the scene is at
                // the first stop; towns named after it are yet to come (the
                // companies after it are of the same place: 走访A厂和B公司).
                let site_entity = resolved.entity_of_mention[site];
                match paragraph_stops.iter().position(|(t, _)| *t == site_entity) {
                    Some(i) => {
                        let mut at = 0;
                        paragraph_stops.retain(|(t, _)| {
                            at += 1;
                            at <= i + 1 || resolved.entities[*t].key.entity_type != EntityType::Town
                        });
                    }
                    None => paragraph_stops.push((site_entity, days.clone())),
                }
            }
            for official in here {
                add(RelationKind::Visit, official, resolved.entity_of_mention[site], s.index, &days, VISIT_CONFIDENCE);
            }
        }
        let has_own_target = in_sentence.iter().any(|&m| can_be_visited(&mentions[m]));
        let accompanying = ACCOMPANYING.iter().any(|w| sentence_text.contains(w)) && !has_own_target;
        // The verb that reports the visit: the first after the first official
        // named (调研中,X一行还实地察看了…), else the first.
        let first_official = in_sentence
            .iter()
            .find(|&&m| mentions[m].entity_type == EntityType::Official)
            .map(|&m| mentions[m].span.end);
        let verb = verbs
            .iter()
            .map(|v| s.span.start + v.start)
            .find(|&at| first_official.is_none_or(|o| at >= o))
            .or_else(|| verbs.first().map(|v| s.span.start + v.start));
        let Some(first_verb) = verb.filter(|_| !accompanying) else {
            if accompanying {
                let going_along: Vec<usize> = in_sentence
                    .iter()
                    .filter(|&&m| mentions[m].entity_type == EntityType::Official)
                    .map(|&m| resolved.entity_of_mention[m])
                    .collect();
                // In a later paragraph, the paragraph's stops only; in the lead,
                // the stops it has told so far (else those the sentence before
                // named) and the rest of the outing.
                let in_lead = lead_paragraph.is_none_or(|p| p == paragraph) || paragraph_stops.is_empty();
                if in_lead {
                    let tour_days = previous_visit.iter().flat_map(|(_, days)| days.iter().copied());
                    tour.join(&last_visitors, going_along.iter().copied(), tour_days.chain(last_day));
                }
                let told: Vec<(usize, Vec<Day>)> = if paragraph_stops.is_empty() {
                    previous_visit
                        .iter()
                        .flat_map(|(targets, days)| targets.iter().map(|&t| (t, days.clone())))
                        .collect()
                } else {
                    paragraph_stops.clone()
                };
                for &official in &going_along {
                    for (t, days) in &told {
                        add(RelationKind::Visit, official, *t, s.index, days, ACCOMPANYING_CONFIDENCE);
                    }
                }
            }
            continue;
        };
        // Visitors: officials named before the verb, and those after it who
        // go along (…先后来到A和B,副县长X陪同调研).
        let visitors: Vec<usize> = in_sentence
            .iter()
            .copied()
            .filter(|&m| {
                let mention = &mentions[m];
                mention.entity_type == EntityType::Official
                    && (mention.span.end <= first_verb
                        || ACCOMPANYING.iter().any(|w| text[mention.span.end..].starts_with(w)))
            })
            .collect();
        let targets: Vec<usize> = in_sentence
            .iter()
            .copied()
            .filter(|&m| {
                let mention = &mentions[m];
                mention.span.start >= first_verb && can_be_visited(mention)
            })
            .collect();
        let mut visitor_entities: BTreeSet<usize> = visitors.iter().map(|&m| resolved.entity_of_mention[m]).collect();
        if visitor_entities.is_empty() {
            // 考察团首先来到大涌镇: the group's head visits.
            visitor_entities = group_heads(s.span.start..first_verb);
        }
        if visitor_entities.is_empty() && last_visitors.len() == 1 && pronoun_subject(&text[s.span.start..first_verb]) {
            // 随后,他走进…: the one who went somewhere last.
            visitor_entities = last_visitors.clone();
        }
        // Stops in order; a place right before another (马陆镇北管村) is one stop.
        let mut stops: Vec<Vec<usize>> = Vec::new();
        let mut stop_starts: BTreeMap<usize, usize> = BTreeMap::new();
        let mut previous_end = None;
        for &m in &targets {
            let e = resolved.entity_of_mention[m];
            match stops.last_mut() {
                Some(stop) if previous_end == Some(mentions[m].span.start) => stop.push(e),
                _ => {
                    stops.push(vec![e]);
                    stop_starts.entry(e).or_insert(mentions[m].span.start);
                }
            }
            previous_end = Some(mentions[m].span.end);
        }
        let mut target_entities: Vec<usize> = Vec::new();
        for &e in stops.iter().flatten() {
            if !target_entities.contains(&e) {
                target_entities.push(e);
            }
        }

        // X一行 without a day of its own: the day X last led a group.
        let states_its_day = !explicit_days(dates, s).is_empty();
        let mut days = own_days.clone();
        if !states_its_day {
            let led = visitors
                .iter()
                .find(|&&m| text[mentions[m].span.end..].starts_with("一行"))
                .and_then(|&m| led_group_on.get(&resolved.entity_of_mention[m]).copied());
            if let Some(d) = led {
                days = vec![d];
            } else if let Some(d) = last_day {
                days = vec![d];
            }
        }
        if visitor_entities.len() > 1
            && let Some(&d) = days.first()
        {
            for &v in &visitor_entities {
                led_group_on.insert(v, d);
            }
        }
        // Those who go along in this very sentence go along from here on.
        // …and those 在X陪同下 names before it (在阚书记陪同下,艾合买提江·吾守尔来到…).
        let along_here: BTreeSet<usize> = visitors
            .iter()
            .filter(|&&m| mentions[m].span.start >= first_verb || text[mentions[m].span.end..].starts_with("陪同下"))
            .map(|&m| resolved.entity_of_mention[m])
            .collect();
        let heads: BTreeSet<usize> = visitor_entities.difference(&along_here).copied().collect();
        if !along_here.is_empty() {
            tour.join(&heads, along_here.iter().copied(), days.iter().copied());
        }
        if !visitor_entities.is_empty() {
            last_visitors = heads.clone();
        }
        let going_along: BTreeSet<usize> = tour.along_with(&heads).difference(&visitor_entities).copied().collect();
        // The lead: the first sentence with visitors that names a stop, or
        // that dates the outing without naming one (3月13日,区长蓝屿衡实地调研
        // 区内部分重点企业). A title is none.
        if !visitor_entities.is_empty() && !s.headline && (states_its_day || !target_entities.is_empty()) {
            lead_paragraph.get_or_insert(paragraph);
        }
        if visitor_entities.is_empty() || target_entities.is_empty() {
            continue;
        }
        // 11月7日、13日…先后赴A和B: the days go to the places in order,
        // counting places that are no entity (区税务局) too.
        let day_of_stop: Vec<Option<usize>> = if days.len() > 1 && sentence_text.contains("先后") {
            let places = listed_places(text, first_verb, s.span.end);
            stops
                .iter()
                .map(|stop| {
                    let at = stop_starts[&stop[0]];
                    places.iter().position(|p| p.contains(&at)).filter(|_| places.len() == days.len())
                })
                .collect()
        } else {
            vec![None; stops.len()]
        };
        let everyone = visitor_entities
            .iter()
            .map(|&v| (v, VISIT_CONFIDENCE))
            .chain(going_along.iter().map(|&c| (c, ACCOMPANYING_CONFIDENCE)));
        for (v, confidence) in everyone {
            for (i, stop) in stops.iter().enumerate() {
                let d = match day_of_stop[i] {
                    Some(k) => &days[k..=k],
                    None => &days[..],
                };
                for &t in stop {
                    add(RelationKind::Visit, v, t, s.index, d, confidence);
                }
            }
        }
        for &t in &target_entities {
            if !paragraph_stops.iter().any(|(p, _)| *p == t) {
                paragraph_stops.push((t, days.clone()));
            }
        }
        previous_visit = Some((target_entities, days));
    }
    relations.into_values().collect()
}

/// Who goes along on a party's outing: officials who 陪同 a party of heads,
/// on the days of that outing.
#[derive(Default)]
struct Tour {
    heads: BTreeSet<usize>,
    companions: BTreeSet<usize>,
    days: BTreeSet<Day>,
}

impl Tour {
    /// `companions` go along with the party `heads` on `days`.
    fn join(
        &mut self,
        heads: &BTreeSet<usize>,
        companions: impl Iterator<Item = usize>,
        days: impl Iterator<Item = Day>,
    ) {
        if *heads != self.heads {
            *self = Tour { heads: heads.clone(), ..Tour::default() };
        }
        self.companions.extend(companions.filter(|c| !heads.contains(c)));
        self.days.extend(days);
    }

    /// Who goes along when `heads` go somewhere: the companions of that same
    /// party, no one for another party (the county head alone in the afternoon).
    fn along_with(&self, heads: &BTreeSet<usize>) -> BTreeSet<usize> {
        if !heads.is_empty() && *heads == self.heads { self.companions.clone() } else { BTreeSet::new() }
    }
}

/// Whether a mention can be the target of a visit: a company or event, or a
/// town standing as a place (not 嘉定区 in 嘉定区参展企业 or 宝安区委书记); a
/// village counts either way (察看了革新村乡村振兴示范村建设情况). A province is
/// the region travelled to, not a place visited (赴广东省中山市).
fn can_be_visited(m: &Mention) -> bool {
    match m.entity_type {
        EntityType::Official => false,
        EntityType::Town if PROVINCE_ENDINGS.iter().any(|e| m.name.ends_with(e)) => false,
        EntityType::Town => m.standalone || m.rule == VILLAGE,
        EntityType::Company | EntityType::Event => true,
    }
}

/// A sentence's opening date (`2024年11月4日上午,`).
static DATELINE: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
    regex::Regex::new(r"^(?:[0-9]{4}年)?[0-9]{1,2}月[0-9]{1,2}日(?:上午|下午|晚上)?,").expect("dateline regex")
});

/// Verbs of inspection that make 到 or 来 a visit (到X调研).
const INSPECTING: &[&str] = &["调研", "考察", "视察", "走访", "检查", "慰问", "看望"];

/// Whether `head`, the words of a sentence before its verb, ends with 他 or
/// 她 as a subject of its own (随后,他走进; 他还来到), not in a word (其他).
fn pronoun_subject(head: &str) -> bool {
    let mut rest = head;
    while let Some(word) = BEFORE_VERB.iter().find(|w| rest.ends_with(*w)) {
        rest = &rest[..rest.len() - word.len()];
    }
    let Some(before) = rest.strip_suffix('他').or_else(|| rest.strip_suffix('她')) else { return false };
    before.chars().next_back().is_none_or(|c| !is_han(c))
}

/// The place a sentence opens with, `在X,` (after its date, if any): the
/// last company or event of that opening clause, else its last town
/// (在位于碧溪街道的苏州瀚澄光电科技有限公司项目建设工地,…), where no official
/// is named in the clause.
fn site_of(text: &str, s: &Sentence, in_sentence: &[usize], mentions: &[Mention]) -> Option<usize> {
    let sentence = &text[s.span.clone()];
    let after_date = DATELINE.find(sentence).map_or(0, |m| m.end());
    if !sentence[after_date..].starts_with('在') {
        return None;
    }
    let opening_start = s.span.start + after_date;
    let opening_end = opening_start + sentence[after_date..].find(',')?;
    let opening: Vec<usize> = in_sentence
        .iter()
        .copied()
        .filter(|&m| mentions[m].span.start > opening_start && mentions[m].span.end <= opening_end)
        .collect();
    if opening.iter().any(|&m| mentions[m].entity_type == EntityType::Official) {
        return None;
    }
    let pick = |types: &[EntityType]| opening.iter().rev().copied().find(|&m| types.contains(&mentions[m].entity_type));
    pick(&[EntityType::Company, EntityType::Event]).or_else(|| pick(&[EntityType::Town]))
}

/// The places listed after a visit verb, up to the end of its clause
/// (赴马陆镇北管村和区税务局开展 → 马陆镇北管村, 区税务局开展), as byte ranges.
fn listed_places(text: &str, verb: usize, sentence_end: usize) -> Vec<std::ops::Range<usize>> {
    let clause_end = text[verb..sentence_end].find([',', ';', '。']).map_or(sentence_end, |i| verb + i);
    let mut places = Vec::new();
    let mut start = verb;
    for (i, c) in text[verb..clause_end].char_indices() {
        if matches!(c, '、' | '和' | '及' | '与') {
            places.push(start..verb + i);
            start = verb + i + c.len_utf8();
        }
    }
    places.push(start..clause_end);
    places
}

/// The day each sentence speaks of: its own first date, else the last date
/// given earlier in its article; `None` where the article has given none.
pub fn sentence_days(sentences: &[Sentence], dates: &[DateMention], pub_date: Option<PubDate>) -> Vec<Option<Day>> {
    let mut out = Vec::with_capacity(sentences.len());
    let mut article = usize::MAX;
    let mut last_day = None;
    for s in sentences {
        if s.article != article {
            article = s.article;
            last_day = None;
        }
        let days = days_in(dates, s, last_day, pub_date);
        out.push(days.first().copied().or(last_day));
        if let Some(&d) = days.last() {
            last_day = Some(d);
        }
    }
    out
}

/// The day expressions inside a sentence.
fn explicit_days<'a>(dates: &'a [DateMention], s: &Sentence) -> Vec<&'a DateMention> {
    dates.iter().filter(|d| d.span.start >= s.span.start && d.span.end <= s.span.end).collect()
}

/// The calendar days a sentence speaks of, given the day last spoken of and
/// the publication date.
fn days_in(dates: &[DateMention], s: &Sentence, last_day: Option<Day>, pub_date: Option<PubDate>) -> Vec<Day> {
    let mut out = Vec::new();
    for d in explicit_days(dates, s) {
        match &d.expr {
            DateExpr::Days { year, month, days } => {
                for &day in days {
                    let y = year.or_else(|| pub_date.and_then(|p| p.year_of(*month, day)));
                    if let Some(day) = y.and_then(|y| Day::new(y, *month, day)) {
                        out.push(day);
                    }
                }
            }
            DateExpr::SameDay => out.extend(last_day),
            DateExpr::NextDay => out.extend(last_day.map(|d| d.offset(1))),
            // 昨天 is the day before publication where that day is known (a
            // news flash), else the day before the one last spoken of.
            DateExpr::DayBefore => out.extend(last_day.map(|d| d.offset(-1))),
            // The month is the one last spoken of, else the publication's.
            DateExpr::DayOfMonth(day) => {
                let month =
                    last_day.map(|d| (d.year, d.month)).or_else(|| pub_date.and_then(|p| Some((p.year, p.month?))));
                out.extend(month.and_then(|(year, month)| Day::new(year, month, *day)));
            }
            DateExpr::Yesterday => {
                let published = pub_date.and_then(|p| Day::new(p.year, p.month?, p.day?));
                out.extend(published.or(last_day).map(|d| d.offset(-1)))
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::{Extractor, Lookup, dates};
    use std::sync::LazyLock;

    static EXTRACTOR: LazyLock<Extractor> = LazyLock::new(Extractor::new);

    /// Visits found in `text` as (official, target, dates).
    fn visits(text: &str, pub_date: &str) -> Vec<(String, String, Vec<String>)> {
        let x = &*EXTRACTOR;
        let n = crate::normalise::normalise(text);
        let sentences = crate::segment::segment(&n.text);
        let lookup = Lookup::new(x, x.survey(&n.text, None));
        let mentions = x.extract(&n.text, &sentences, &lookup, None);
        let resolved = crate::resolve::document(&mentions);
        let found = dates::find(&n.text);
        let verbs = |s: &str| x.visit_verbs(s).collect::<Vec<_>>();
        let article = Article {
            text: &n.text,
            sentences: &sentences,
            mentions: &mentions,
            resolved: &resolved,
            dates: &found,
            pub_date: PubDate::parse(pub_date),
        };
        relate(&article, Window::Sentence, &verbs)
            .into_iter()
            .filter(|r| r.kind == RelationKind::Visit)
            .map(|r| {
                (
                    resolved.entities[r.source].key.name.clone(),
                    resolved.entities[r.target].key.name.clone(),
                    r.dates.iter().map(Day::to_string).collect(),
                )
            })
            .collect()
    }

    fn v(o: &str, t: &str, d: &[&str]) -> (String, String, Vec<String>) {
        (o.into(), t.into(), d.iter().map(|s| s.to_string()).collect())
    }

    #[test]
    fn official_visits_company_with_the_sentence_day() {
        let got = visits("11月4日,区委书记陆方舟来到位于南翔镇的上海卓钢链电子商务有限公司。", "2024-11");
        assert!(got.contains(&v("陆方舟", "上海卓钢链电子商务有限公司", &["2024-11-04"])), "{got:?}");
    }

    #[test]
    fn every_official_of_a_group_visits() {
        let got = visits(
            "第七届中国国际进口博览会举办期间。11月6日,陆方舟、高香、连正华、杨莉等区四套班子领导来到进博会场馆,走访部分嘉定区参展企业。",
            "2024-11",
        );
        for o in ["陆方舟", "高香", "连正华", "杨莉"] {
            assert!(got.contains(&v(o, "第七届中国国际进口博览会", &["2024-11-06"])), "{o}: {got:?}");
        }
        // 嘉定区 modifies 参展企业 here: no one visits the district.
        assert!(!got.iter().any(|x| x.1 == "嘉定区"), "{got:?}");
    }

    #[test]
    fn two_days_and_two_targets_pair_in_order() {
        let got = visits(
            "本报讯 11月7日、13日,区委书记陆方舟先后赴马陆镇北管村和上海卓钢链电子商务有限公司开展专题调研。",
            "2023-11",
        );
        assert!(got.contains(&v("陆方舟", "北管村", &["2023-11-07"])), "{got:?}");
        assert!(got.contains(&v("陆方舟", "上海卓钢链电子商务有限公司", &["2023-11-13"])), "{got:?}");
    }

    #[test]
    fn days_pair_with_places_that_are_no_entity_too() {
        // 003: the second place, 区税务局, is a government office.
        let got = visits("本报讯 11月7日、13日,区委书记陆方舟先后赴马陆镇北管村和区税务局开展专题调研。", "2023-11");
        assert!(got.contains(&v("陆方舟", "北管村", &["2023-11-07"])), "{got:?}");
        assert!(got.contains(&v("陆方舟", "马陆镇", &["2023-11-07"])), "{got:?}");
    }

    #[test]
    fn same_day_and_following_sentences_keep_the_day() {
        let text = "11月8日,区委书记陆方舟首先来到外冈镇走访上海舜华新能源系统有限公司。\n随后,陆方舟来到嘉定工业区走访上海找钢网信息科技股份有限公司。";
        let got = visits(text, "2024-11");
        assert!(got.contains(&v("陆方舟", "嘉定工业区", &["2024-11-08"])), "{got:?}");
    }

    #[test]
    fn a_day_after_publication_is_not_guessed() {
        // 004: a 2024-03 page quoting an older story of 12月8日.
        let got = visits("12月8日起,区委书记陆方舟陆续走访调研嘉定工业区。", "2024-03");
        assert_eq!(got, [v("陆方舟", "嘉定工业区", &[])]);
    }

    #[test]
    fn the_head_of_a_delegation_visits_on_the_day_the_group_went() {
        let text = "11月6日,陆方舟、高香等区四套班子领导来到国家会展中心。\n11月7日,陆方舟来到安亭镇走访调研。\n陆方舟一行先后来到丰田汽车公司、安波福展台。";
        let got = visits(text, "2024-11");
        assert!(got.contains(&v("陆方舟", "丰田汽车公司", &["2024-11-06"])), "{got:?}");
    }

    #[test]
    fn those_who_go_along_visit_what_the_sentence_before_names() {
        let text = "12月15日,区委书记陈宇剑赴莘庄工业区走访上海电气集团股份有限公司。区委常委、副区长李海强陪同调研。";
        let got = visits(text, "2021-12");
        assert!(got.contains(&v("李海强", "上海电气集团股份有限公司", &["2021-12-15"])), "{got:?}");
    }

    #[test]
    fn deep_into_a_place_is_a_visit_deep_into_study_is_not() {
        let got = visits("1月13日,县委书记王建国一行深入宏达机械厂车间,了解生产情况。", "2024-01");
        assert!(got.contains(&v("王建国", "宏达机械厂", &["2024-01-13"])), "{got:?}");
        let got = visits("区委书记肖文高强调,要深入学习贯彻党的二十届四中全会精神。", "2025-11");
        assert!(got.is_empty(), "{got:?}");
    }

    #[test]
    fn an_official_going_along_in_the_same_sentence_visits_too() {
        let text = "1月11日,县委书记陈立伟先后来到缪家村和浙江云澜食品有限公司,副县长钟晓燕陪同调研。";
        let got = visits(text, "2023-01");
        assert!(got.contains(&v("钟晓燕", "浙江云澜食品有限公司", &["2023-01-11"])), "{got:?}");
        assert!(got.contains(&v("陈立伟", "浙江云澜食品有限公司", &["2023-01-11"])), "{got:?}");
    }

    #[test]
    fn who_goes_along_on_a_tour_visits_its_later_stops() {
        let text = "12月14日,区委书记方卫东走访调研区内重点企业。副区长沈佳敏陪同调研。\n在明洲智能,方卫东来到上海明洲智能装备股份有限公司。";
        let got = visits(text, "2021-12");
        assert!(got.contains(&v("沈佳敏", "上海明洲智能装备股份有限公司", &["2021-12-14"])), "{got:?}");
    }

    #[test]
    fn who_goes_along_in_a_later_paragraph_visits_its_stops_only() {
        // synthetic-d 001: a county's secretary goes along at the stop in his
        // county, not on the rest of the governor's tour.
        let text = "7月9日,副省长宗亦衡到许昌调研。\n宗亦衡首先来到大周镇。在河南恒鼎再生资源科技股份有限公司,宗亦衡察看生产线。长葛市委书记苗振东陪同。\n随后,宗亦衡来到许昌瑞驰电气股份有限公司。";
        let got = visits(text, "2025-07");
        assert!(got.contains(&v("苗振东", "大周镇", &["2025-07-09"])), "{got:?}");
        assert!(got.contains(&v("苗振东", "河南恒鼎再生资源科技股份有限公司", &["2025-07-09"])), "{got:?}");
        assert!(got.contains(&v("宗亦衡", "许昌瑞驰电气股份有限公司", &["2025-07-09"])), "{got:?}");
        assert!(!got.iter().any(|x| x.0 == "苗振东" && x.1 == "许昌瑞驰电气股份有限公司"), "{got:?}");
    }

    #[test]
    fn going_along_at_a_scene_is_not_going_on_to_the_next_stop() {
        // synthetic-d 000: the town's head goes along at his town, not at the
        // next town of the day.
        let text = "5月16日,县委书记严慕白到马坳镇调研。\n17日上午,县长程鹤年到杭口镇、义宁镇调研。在杭口镇,程鹤年走进江西瑞昇新材料有限公司。杭口镇镇长温家骏陪同。";
        let got = visits(text, "2024-05");
        assert!(got.contains(&v("温家骏", "杭口镇", &["2024-05-17"])), "{got:?}");
        assert!(got.contains(&v("温家骏", "江西瑞昇新材料有限公司", &["2024-05-17"])), "{got:?}");
        assert!(!got.iter().any(|x| x.0 == "温家骏" && x.1 == "义宁镇"), "{got:?}");
    }

    #[test]
    fn the_head_of_a_group_visits_where_the_group_goes() {
        // synthetic-e 001: a delegation, named later by the group alone.
        let text = "3月5日,常务副县长詹启航率我县考察团赴广东省中山市开展招商考察。\n考察团首先来到大涌镇,走进广东澜庭家居集团股份有限公司。在东莞晶曜光电科技股份有限公司,考察团察看了生产车间。";
        let got = visits(text, "2025-03");
        assert!(got.contains(&v("詹启航", "大涌镇", &["2025-03-05"])), "{got:?}");
        assert!(got.contains(&v("詹启航", "广东澜庭家居集团股份有限公司", &["2025-03-05"])), "{got:?}");
        assert!(got.contains(&v("詹启航", "东莞晶曜光电科技股份有限公司", &["2025-03-05"])), "{got:?}");
    }

    #[test]
    fn all_named_before_the_lead_word_head_the_group() {
        // synthetic-g 004: two heads of a delegation, and hosts going along.
        let text = "3月20日,诸暨市委书记骆承泽,市委副书记、市长斯晓琼率诸暨市党政代表团来萧山交流考察。区委书记韩柏舟陪同考察。\n20日下午,代表团首先来到瓜沥镇。";
        let got = visits(text, "2025-03");
        for official in ["骆承泽", "斯晓琼", "韩柏舟"] {
            assert!(got.contains(&v(official, "瓜沥镇", &["2025-03-20"])), "{official}: {got:?}");
        }
    }

    #[test]
    fn a_host_and_a_first_are_no_leads() {
        let text = "3月20日,区委书记韩柏舟会见了诸暨市委书记骆承泽率领的考察团。考察团首先来到瓜沥镇。";
        let got = visits(text, "2025-03");
        assert!(got.contains(&v("骆承泽", "瓜沥镇", &["2025-03-20"])), "{got:?}");
        assert!(!got.iter().any(|x| x.0 == "韩柏舟"), "{got:?}");
        let text = "3月20日,区长李红率先来到瓜沥镇调研,要求检查组认真履职。检查组来到衙前镇。";
        let got = visits(text, "2025-03");
        assert!(!got.iter().any(|x| x.0 == "李红" && x.1 == "衙前镇"), "{got:?}");
    }

    #[test]
    fn a_lead_without_a_stop_is_still_the_lead() {
        // synthetic-i 000: the town's secretary goes along in her paragraph only.
        let text = "3月13日,区长蓝屿衡实地调研区内部分重点企业。副区长葛晓岚陪同调研。\n蓝屿衡首先来到大宁路街道,走进上海澜屹数字科技有限公司。大宁路街道党工委书记冯知遥陪同。\n随后,蓝屿衡来到上海曜垣生物医药科技有限公司。";
        let got = visits(text, "2025-03");
        assert!(got.contains(&v("冯知遥", "上海澜屹数字科技有限公司", &["2025-03-13"])), "{got:?}");
        assert!(!got.iter().any(|x| x.0 == "冯知遥" && x.1 == "上海曜垣生物医药科技有限公司"), "{got:?}");
        assert!(got.contains(&v("葛晓岚", "上海曜垣生物医药科技有限公司", &["2025-03-13"])), "{got:?}");
    }

    #[test]
    fn he_or_she_is_who_went_somewhere_last() {
        let text = "4月16日,市人大常委会主任娄德厚到石岩镇调研。随后,他走进宁安市石岩镇丰垦农机服务有限公司。";
        let got = visits(text, "2025-04");
        assert!(got.contains(&v("娄德厚", "宁安市石岩镇丰垦农机服务有限公司", &["2025-04-16"])), "{got:?}");
        // 其他 is no pronoun.
        let text = "4月16日,市长亓慧敏到石岩镇调研。其他人员走进宁安市石岩镇丰垦农机服务有限公司。";
        let got = visits(text, "2025-04");
        assert!(!got.iter().any(|x| x.1 == "宁安市石岩镇丰垦农机服务有限公司"), "{got:?}");
    }

    #[test]
    fn to_a_place_then_to_inspect_is_a_visit() {
        let text = "4月15日,市长亓慧敏到镜泊镇,检查景区开园和旅游旺季筹备工作。";
        let got = visits(text, "2025-04");
        assert!(got.contains(&v("亓慧敏", "镜泊镇", &["2025-04-15"])), "{got:?}");
    }

    #[test]
    fn going_along_in_the_lead_visits_every_stop_it_told() {
        // synthetic-e 000: a digest item of one paragraph, its 陪同 last.
        let text = "4月15日,市长亓慧敏到镜泊镇,检查工作。亓慧敏先后来到黑龙江镜泊山水文化旅游发展有限公司。随后,亓慧敏来到湾沟村。副市长鞠海鸥陪同。";
        let got = visits(text, "2025-04");
        for target in ["镜泊镇", "黑龙江镜泊山水文化旅游发展有限公司", "湾沟村"] {
            assert!(got.contains(&v("鞠海鸥", target, &["2025-04-15"])), "{target}: {got:?}");
        }
    }

    #[test]
    fn an_invitation_is_no_visit_and_a_province_no_place_visited() {
        let text = "3月5日,常务副县长詹启航赴广东省中山市调研。詹启航诚挚邀请企业到安溪考察投资。";
        let got = visits(text, "2025-03");
        assert!(got.contains(&v("詹启航", "中山市", &["2025-03-05"])), "{got:?}");
        assert!(!got.iter().any(|x| x.1 == "广东省" || x.1 == "安溪县"), "{got:?}");
    }

    #[test]
    fn who_another_goes_along_with_is_the_head() {
        // synthetic-f 005: 在X陪同下 makes X go along, so 他 is the head.
        let text = "8月21日,县委书记阚立新和副市长艾合买提江·吾守尔到鄯善县调研。\n21日下午,在阚书记陪同下,艾合买提江·吾守尔来到鲁克沁镇。随后,他走进吐鲁番鄯甜瓜业有限公司。";
        let got = visits(text, "2024-08");
        assert!(got.contains(&v("阚立新", "鲁克沁镇", &["2024-08-21"])), "{got:?}");
        assert!(got.contains(&v("艾合买提江·吾守尔", "吐鲁番鄯甜瓜业有限公司", &["2024-08-21"])), "{got:?}");
        assert!(got.contains(&v("阚立新", "吐鲁番鄯甜瓜业有限公司", &["2024-08-21"])), "{got:?}");
    }

    #[test]
    fn companies_named_after_the_scene_are_of_its_place() {
        // synthetic-f 003: the scene at the first company leaves the second
        // a stop of the paragraph.
        let text = "11月5日,县委书记逄立恒到安平县调研。\n当天下午,逄立恒来到大子文镇,先后走访安平县鸿屹丝网厂和河北冀滤环保科技集团有限公司。在安平县鸿屹丝网厂,逄立恒察看了车间。大子文镇镇长邸美华陪同。";
        let got = visits(text, "2024-11");
        assert!(got.contains(&v("邸美华", "河北冀滤环保科技集团有限公司", &["2024-11-05"])), "{got:?}");
    }

    #[test]
    fn taking_part_in_a_visit_is_going_along() {
        let text = "6月11日,市委书记栾振邦走访了深圳市澜光电子陶瓷有限公司。市委常委、常务副市长晁星野参加走访。";
        let got = visits(text, "2025-06");
        assert!(got.contains(&v("晁星野", "深圳市澜光电子陶瓷有限公司", &["2025-06-11"])), "{got:?}");
    }

    #[test]
    fn a_day_without_its_month_is_in_the_month_last_spoken_of() {
        let text = "5月16日,县委书记严慕白到马坳镇调研。17日上午,县委副书记、县长程鹤年到杭口镇调研。";
        let got = visits(text, "2024-05");
        assert!(got.contains(&v("程鹤年", "杭口镇", &["2024-05-17"])), "{got:?}");
        // A day before the one of the story, as a dateline gives it.
        let text = "6月12日,推介会在深圳举行。推介会召开前,11日下午,市长言子墨走访了深圳市澜光电子陶瓷有限公司。";
        let got = visits(text, "2025-06");
        assert!(got.contains(&v("言子墨", "深圳市澜光电子陶瓷有限公司", &["2025-06-11"])), "{got:?}");
    }

    #[test]
    fn going_along_ends_with_the_day() {
        let text = "1月10日,县长陈立伟先后来到缪家村和浙江云澜食品有限公司,副县长钟晓燕陪同调研。次日,陈立伟来到嘉善宏图光电科技股份有限公司。";
        let got = visits(text, "2023-01");
        assert!(got.contains(&v("钟晓燕", "浙江云澜食品有限公司", &["2023-01-10"])), "{got:?}");
        assert!(got.contains(&v("陈立伟", "嘉善宏图光电科技股份有限公司", &["2023-01-11"])), "{got:?}");
        assert!(!got.iter().any(|x| x.0 == "钟晓燕" && x.1 == "嘉善宏图光电科技股份有限公司"), "{got:?}");
    }

    #[test]
    fn officials_at_the_place_a_sentence_opens_with_visit_it() {
        let text = "5月20日,市委书记周立衡来到常熟经开区。在江苏恒远新材料股份有限公司,周立衡、沈嘉平走进生产车间。区委书记周立衡在会上指出。";
        let got = visits(text, "2024-05");
        assert!(got.contains(&v("周立衡", "江苏恒远新材料股份有限公司", &["2024-05-20"])), "{got:?}");
    }

    #[test]
    fn the_place_an_opening_clause_names_is_visited() {
        let text = "5月20日,市委书记周立衡来到常熟经开区。在位于碧溪街道的苏州瀚澄光电科技有限公司项目建设工地,周立衡察看项目施工进度。";
        let got = visits(text, "2024-05");
        assert!(got.contains(&v("周立衡", "苏州瀚澄光电科技有限公司", &["2024-05-20"])), "{got:?}");
    }

    #[test]
    fn an_opening_place_after_a_full_date() {
        let text = "2024年11月4日,在上海明洲智能装备股份有限公司,区委书记陆方舟察看生产线。";
        let got = visits(text, "2024-11");
        assert!(got.contains(&v("陆方舟", "上海明洲智能装备股份有限公司", &["2024-11-04"])), "{got:?}");
    }

    #[test]
    fn the_host_reporting_at_the_place_is_no_visitor() {
        let text =
            "12月14日,区委书记方卫东先后走访调研浦江镇。在浦江镇,方卫东听取了镇党委书记唐志远关于全镇情况的汇报。";
        let got = visits(text, "2021-12");
        assert!(got.contains(&v("方卫东", "浦江镇", &["2021-12-14"])), "{got:?}");
        assert!(!got.iter().any(|x| x.0 == "唐志远"), "{got:?}");
    }

    #[test]
    fn a_title_naming_a_district_is_no_place_visited() {
        let text = "11月15日,常务副市长葛振华到第二十六届中国国际高新技术成果交易会调研。宝安区委书记卢海城陪同调研。";
        let got = visits(text, "2024-11");
        assert!(got.contains(&v("卢海城", "第二十六届中国国际高新技术成果交易会", &["2024-11-15"])), "{got:?}");
    }

    #[test]
    fn to_a_place_to_inspect_is_a_visit() {
        let text = "第二十六届中国国际高新技术成果交易会开幕。11月15日,常务副市长葛振华到第二十六届中国国际高新技术成果交易会调研。到目前为止,区长王建国得到支持。";
        let got = visits(text, "2024-11");
        assert!(got.contains(&v("葛振华", "第二十六届中国国际高新技术成果交易会", &["2024-11-15"])), "{got:?}");
        assert_eq!(got.len(), 1, "{got:?}");
    }

    #[test]
    fn yesterday_is_the_day_before_publication_when_that_is_known() {
        let text = "7月2日,区委书记王建勋来到良渚街道。次日上午,王建勋又来到仓前街道。昨天下午,区长丁思远来到径山镇。";
        let got = visits(text, "2024-07-05");
        assert!(got.contains(&v("王建勋", "仓前街道", &["2024-07-03"])), "{got:?}");
        assert!(got.contains(&v("丁思远", "径山镇", &["2024-07-04"])), "{got:?}");
    }

    #[test]
    fn going_along_is_with_one_party() {
        let text = "6月18日,县委书记杜明轩,县长韩振宇等县领导到大集镇调研。副县长郑海涛陪同调研。当天下午,韩振宇来到庄寨镇,走访曹县木源家居制品有限公司。";
        let got = visits(text, "2024-06");
        assert!(got.contains(&v("郑海涛", "大集镇", &["2024-06-18"])), "{got:?}");
        assert!(got.contains(&v("韩振宇", "曹县木源家居制品有限公司", &["2024-06-18"])), "{got:?}");
        assert!(!got.iter().any(|x| x.0 == "郑海涛" && x.1 != "大集镇"), "another party's stop: {got:?}");
    }

    #[test]
    fn no_visit_without_a_visit_verb() {
        let got = visits("区委书记陆方舟与上海卓钢链电子商务有限公司负责人座谈。", "2024-11");
        assert!(got.is_empty(), "{got:?}");
    }
}
