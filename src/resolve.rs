//! Stage 5, *resolve*: one entity per real-world thing.
//!
//! Takes an article's mentions and groups them into [`DocEntity`]s: every
//! mention whose extractor named the same thing (南翔 and 南翔镇 both name
//! `南翔镇`; 消博会 names `第三届中国国际消费品博览会`; 易钢网 names the registered
//! company) is one entity, carrying the other spellings as aliases and, for
//! officials, every title seen. Entities are keyed by type and canonical
//! name ([`EntityKey`]), which is also how `graph` joins them across
//! articles: the 3rd and the 4th 消博会 have different canonical names and
//! stay apart.

use std::collections::{BTreeMap, BTreeSet};

use crate::extract::{EntityType, Mention};

/// What identifies an entity across the corpus.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize, serde::Deserialize)]
pub struct EntityKey {
    pub entity_type: EntityType,
    pub name: String,
}

/// An entity as one article knows it.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct DocEntity {
    pub key: EntityKey,
    pub aliases: BTreeSet<String>,
    pub titles: BTreeSet<String>,
    /// Indices of its mentions in the article's mention list.
    pub mentions: Vec<usize>,
}

/// The entities of an article and, per mention, the entity it belongs to.
#[derive(Debug, Clone, Default, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Resolved {
    pub entities: Vec<DocEntity>,
    pub entity_of_mention: Vec<usize>,
}

/// Groups an article's mentions into entities, in order of canonical key.
pub fn document(mentions: &[Mention]) -> Resolved {
    let mut by_key: BTreeMap<EntityKey, DocEntity> = BTreeMap::new();
    for (i, m) in mentions.iter().enumerate() {
        let key = EntityKey { entity_type: m.entity_type, name: m.name.clone() };
        let e = by_key.entry(key.clone()).or_insert_with(|| DocEntity {
            key,
            aliases: BTreeSet::new(),
            titles: BTreeSet::new(),
            mentions: Vec::new(),
        });
        // A title standing for a person (区委书记) is no other name of theirs.
        if m.surface != m.name && m.rule != crate::extract::official::TITLE_ONLY {
            e.aliases.insert(m.surface.clone());
        }
        e.titles.extend(m.titles.iter().cloned());
        e.mentions.push(i);
    }
    let entities: Vec<DocEntity> = by_key.into_values().collect();
    let mut entity_of_mention = vec![0; mentions.len()];
    for (e, entity) in entities.iter().enumerate() {
        for &m in &entity.mentions {
            entity_of_mention[m] = e;
        }
    }
    Resolved { entities, entity_of_mention }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn mention(t: EntityType, name: &str, surface: &str, titles: &[&str]) -> Mention {
        Mention {
            entity_type: t,
            name: name.into(),
            surface: surface.into(),
            span: 0..0,
            sentence: 0,
            rule: "test".into(),
            titles: titles.iter().map(|s| s.to_string()).collect(),
            standalone: true,
            confidence: 0.9,
        }
    }

    #[test]
    fn short_forms_join_their_entity_as_aliases() {
        // 000: 南翔镇 … 南翔.
        let r = document(&[
            mention(EntityType::Town, "南翔镇", "南翔镇", &[]),
            mention(EntityType::Town, "南翔镇", "南翔", &[]),
        ]);
        assert_eq!(r.entities.len(), 1);
        assert_eq!(r.entities[0].aliases.iter().collect::<Vec<_>>(), ["南翔"]);
        assert_eq!(r.entity_of_mention, [0, 0]);
    }

    #[test]
    fn titles_are_collected_per_official() {
        let r = document(&[
            mention(EntityType::Official, "高香", "高香", &["区委副书记", "区长"]),
            mention(EntityType::Official, "高香", "高香", &["区长"]),
        ]);
        assert_eq!(r.entities[0].titles.len(), 2);
    }

    #[test]
    fn different_events_stay_apart() {
        let r = document(&[
            mention(EntityType::Event, "第七届中国国际进口博览会", "进博会", &[]),
            mention(EntityType::Event, "第八届中国国际进口博览会", "进博会", &[]),
        ]);
        assert_eq!(r.entities.len(), 2);
    }
}
