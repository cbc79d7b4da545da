//! Related stories: the ones an article links to, then a few that share a person with it.
//!
//! A person index (identity key -> articles) is built once, so finding stories that share a
//! person costs the size of those lists, not a scan of the store. A person is one identity
//! whatever the case, spaces or tone placement ("Thuý" / "Thúy"), and never merged with a name
//! that differs in its marks ("Hùng" / "Hưng").

use std::collections::HashMap;

use crate::query::words::identity_key;
use crate::store::{ArticleIx, Store};

/// How many stories that share a person are added after the linked ones.
pub const MAX_SHARED: usize = 5;

/// Why a story is in the related pane.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Reason {
    /// The article's `related` list names it.
    Linked,
    /// It names the same person (as written in the related story).
    SharedPerson(String),
    /// Its words are like the article's (see [`crate::similar`]).
    Similar,
}

/// One related story and why it is there.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Related {
    pub ix: ArticleIx,
    pub reason: Reason,
}

/// Articles by folded person name.
#[derive(Clone, Debug, Default)]
pub struct PersonIndex {
    by_person: HashMap<String, Vec<ArticleIx>>,
}

impl PersonIndex {
    pub fn new(store: &Store) -> PersonIndex {
        // By spelling first: a name recurs in many articles, and its identity key (NFD, case,
        // tone apart) is worked out once per spelling instead of once per mention.
        let mut by_spelling: rustc_hash::FxHashMap<&str, Vec<ArticleIx>> =
            rustc_hash::FxHashMap::default();
        for (i, a) in store.iter() {
            for p in &a.persons {
                let list = by_spelling.entry(p.as_str()).or_default();
                if list.last() != Some(&i) {
                    list.push(i);
                }
            }
        }
        let mut by_person: HashMap<String, Vec<ArticleIx>> = HashMap::new();
        for (spelling, list) in by_spelling {
            by_person
                .entry(identity_key(spelling))
                .or_default()
                .extend(list);
        }
        // Spellings of one person may share articles: store order, once each.
        for list in by_person.values_mut() {
            list.sort_unstable();
            list.dedup();
        }
        PersonIndex { by_person }
    }

    /// Articles naming the person with this identity key (see [`identity_key`]).
    pub fn articles(&self, identity: &str) -> &[ArticleIx] {
        self.by_person.get(identity).map_or(&[], Vec::as_slice)
    }
}

/// The related stories of article `index`: linked ones in their listed order, then up to
/// [`MAX_SHARED`] others sharing a person, nearest in date first (undated last, then store order).
///
/// Then, when the store's content vectors are ready, up to [`crate::similar::TOP`] more whose
/// words are most like the article's, most alike first.
pub fn related(
    store: &Store,
    persons: &PersonIndex,
    similar: Option<&crate::similar::ContentIndex>,
    index: ArticleIx,
) -> Vec<Related> {
    let Some(article) = store.article(index) else {
        return Vec::new();
    };
    let mut out: Vec<Related> = article
        .related
        .iter()
        .filter_map(|id| store.ix_of(id))
        .filter(|&i| i != index)
        .map(|i| Related {
            ix: i,
            reason: Reason::Linked,
        })
        .collect();
    let mut seen: std::collections::HashSet<ArticleIx> = out.iter().map(|r| r.ix).collect();
    seen.insert(index);
    let here = article.published.map(|p| p.sort_key());
    let mut shared: Vec<(ArticleIx, usize)> = Vec::new(); // (article, position of the person)
    // The same person by identity, never by the accent-free fold: "Lê Văn Hùng" and "Lê Văn
    // Hưng" are two people.
    for (pi, p) in article.persons.iter().enumerate() {
        for &i in persons.articles(&identity_key(p)) {
            if seen.insert(i) {
                shared.push((i, pi));
            }
        }
    }
    shared.sort_by_key(|&(i, _)| {
        let there = store
            .article(i)
            .and_then(|a| a.published.map(|p| p.sort_key()));
        let distance = match (here, there) {
            (Some(a), Some(b)) => a.abs_diff(b),
            (None, None) => u64::MAX - 1,
            _ => u64::MAX,
        };
        (distance, i)
    });
    out.extend(shared.into_iter().take(MAX_SHARED).map(|(i, pi)| Related {
        ix: i,
        reason: Reason::SharedPerson(article.persons[pi].to_string()),
    }));
    if let Some(similar) = similar {
        // Not those listed already (a few): the article itself the index leaves out.
        let listed: Vec<ArticleIx> = out.iter().map(|r| r.ix).collect();
        out.extend(
            similar
                .similar_except(store, index, |i| listed.contains(&i))
                .into_iter()
                .map(|(i, _)| Related {
                    ix: i,
                    reason: Reason::Similar,
                }),
        );
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn store() -> Store {
        let json = r#"[
            {"id":"a","title":"A","published":"2026-01-10","persons":["Lê Hoài Trung"],"related":["c"]},
            {"id":"b","title":"B","published":"2026-01-01","persons":["LÊ HOÀI TRUNG"]},
            {"id":"g","title":"G","published":"2026-01-10","persons":["Lê Hoài Trưng"]},
            {"id":"c","title":"C","persons":["Tô Lâm"]},
            {"id":"d","title":"D","published":"2026-01-09","persons":["Lê Hoài Trung","Tô Lâm"]},
            {"id":"e","title":"E","persons":["Lê Hoài Trung"]},
            {"id":"f","title":"F","published":"2026-01-11","persons":["Tô Lâm"]}
        ]"#;
        match Store::parse(json, "t.json") {
            Ok(s) => s,
            Err(e) => panic!("{e}"),
        }
    }

    #[test]
    fn linked_first_then_shared_by_date_distance() {
        let s = store();
        let idx = PersonIndex::new(&s);
        let a = s.ix_of("a").unwrap_or_else(|| panic!("a is in the store"));
        let got: Vec<(&str, Reason)> = related(&s, &idx, None, a)
            .into_iter()
            .map(|r| (s.article(r.ix).map_or("", |a| a.id.as_str()), r.reason))
            .collect();
        let trung = Reason::SharedPerson("Lê Hoài Trung".to_owned());
        assert_eq!(
            got,
            vec![
                ("c", Reason::Linked),
                ("d", trung.clone()),
                ("b", trung.clone()),
                ("e", trung),
            ]
        );
    }

    #[test]
    fn shared_list_is_capped() {
        let mut json = String::from(r#"[{"id":"x","title":"X","persons":["Tô Lâm"]}"#);
        for i in 0..12 {
            json.push_str(&format!(
                r#",{{"id":"{i}","title":"T{i}","persons":["Tô Lâm"]}}"#
            ));
        }
        json.push(']');
        let s = match Store::parse(&json, "t.json") {
            Ok(s) => s,
            Err(e) => panic!("{e}"),
        };
        let idx = PersonIndex::new(&s);
        let x = s.ix_of("x").unwrap_or_else(|| panic!("x is in the store"));
        let got = related(&s, &idx, None, x);
        assert_eq!(got.len(), MAX_SHARED);
        assert!(got.iter().all(|r| r.ix != x));
        // Undated ties keep store order.
        assert_eq!(got[0].ix, s.ix_of("0").unwrap_or(x));
    }
}
