//! `newsgraph explain`: what every rule made of each sentence of an article,
//! for whoever tunes the rules.
//!
//! Runs the same stages as a build on one article (normalise, segment,
//! extract with a [`Trace`], resolve, relate) and prints, sentence by
//! sentence, the dates read, each mention with its rule and confidence, the
//! candidates let go and why, and the visits found. The output is plain
//! text, stable for the same input.

use std::collections::BTreeMap;
use std::io::{self, Write};

use crate::date::PubDate;
use crate::extract::{Extractor, Lookup, Trace};
use crate::relate::{self, RelationKind};
use crate::{Analysis, analyse, load};

/// Writes the explanation of one article to `out`.
pub fn explain(
    extractor: &Extractor,
    doc: &load::Document,
    manifest_date: Option<PubDate>,
    lookup: &Lookup,
    out: &mut impl Write,
) -> io::Result<()> {
    let mut trace = Trace::recording();
    let window = relate::Window::Sentence;
    let analysis = analyse(extractor, doc, manifest_date, lookup, window, &mut trace);
    let Analysis { normalised, sentences, pub_date, date_source: source, mentions, resolved, relations, days, .. } =
        &analysis;
    let found_dates = &analysis.dates;
    let text = &normalised.text;
    let verbs = |s: &str| extractor.visit_verbs(s).collect::<Vec<_>>();

    let mut rejected: BTreeMap<usize, Vec<&crate::extract::Rejection>> = BTreeMap::new();
    for r in &trace.rejections {
        rejected.entry(crate::extract::sentence_of(sentences, r.span.start)).or_default().push(r);
    }
    let published = pub_date.map_or_else(|| "unknown".to_string(), |d| d.to_string());
    writeln!(out, "== {} (published {published}, {source:?})", doc.id)?;
    for s in sentences {
        let sentence = &text[s.span.clone()];
        writeln!(out, "\n[{}] article {}: {sentence}", s.index, s.article)?;
        for d in found_dates.iter().filter(|d| d.span.start >= s.span.start && d.span.end <= s.span.end) {
            let day = days[s.index].map_or_else(|| "no day known".to_string(), |d| d.to_string());
            writeln!(out, "    date      {} -> {day}", &text[d.span.clone()])?;
        }
        for (i, m) in mentions.iter().enumerate().filter(|(_, m)| m.sentence == s.index) {
            let entity = &resolved.entities[resolved.entity_of_mention[i]];
            let titles = if m.titles.is_empty() { String::new() } else { format!(" titles: {}", m.titles.join("、")) };
            writeln!(
                out,
                "    {:<9} {} <- {} [{} {:.2}]{titles}",
                m.entity_type.as_str(),
                entity.key.name,
                m.surface,
                m.rule,
                m.confidence
            )?;
        }
        for r in rejected.get(&s.index).into_iter().flatten() {
            writeln!(out, "    rejected  {} {} [{}]: {}", r.entity_type.as_str(), r.surface, r.rule, r.reason)?;
        }
        for r in relations.iter().filter(|r| r.kind == RelationKind::Visit && r.sentences.contains(&s.index)) {
            let dates: Vec<String> = r.dates.iter().map(|d| d.to_string()).collect();
            writeln!(
                out,
                "    visit     {} -> {} ({})",
                resolved.entities[r.source].key.name,
                resolved.entities[r.target].key.name,
                if dates.is_empty() { "no date".to_string() } else { dates.join(", ") }
            )?;
        }
        let visit_verbs = verbs(sentence);
        if !visit_verbs.is_empty()
            && !relations.iter().any(|r| r.kind == RelationKind::Visit && r.sentences.contains(&s.index))
        {
            let words: Vec<&str> = visit_verbs.iter().map(|v| &sentence[v.clone()]).collect();
            writeln!(
                out,
                "    no visit  verb {} without a named official before it and a company, town or event after it",
                words.join("/")
            )?;
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn explains_mentions_rejections_and_visits() {
        let x = Extractor::new();
        let doc = load::Document {
            id: "a.txt".into(),
            text: "11月4日,区委书记陆方舟来到位于南翔镇的上海卓钢链电子商务有限公司。区领导来到会场。".into(),
            ..load::Document::default()
        };
        let lookup = Lookup::new(&x, x.survey(&crate::normalise::normalise(&doc.text).text, Some(2024)));
        let mut out = Vec::new();
        explain(&x, &doc, PubDate::parse("2024-11"), &lookup, &mut out).unwrap();
        let out = String::from_utf8(out).unwrap();
        assert!(out.contains("official  陆方舟 <- 陆方舟 [title_name 0.95] titles: 区委书记"), "{out}");
        assert!(out.contains("date      11月4日 -> 2024-11-04"), "{out}");
        assert!(out.contains("visit     陆方舟 -> 上海卓钢链电子商务有限公司 (2024-11-04)"), "{out}");
        assert!(out.contains("rejected  official 领导 [title_name]: no personal name follows"), "{out}");
        assert!(out.contains("no visit  verb 来到 without a named official"), "{out}");
    }
}
