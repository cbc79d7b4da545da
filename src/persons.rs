//! Every person of a store with their articles, and the person picker's matching and ranking.
//!
//! The picker narrows on whole-word prefixes in any order (`l cuong`, `cuong`, `Lương C` all
//! find "Lương Cường"), accent- and case-insensitively for words typed without marks, and
//! with "smart accents" for words typed with them: `Hùng` finds "Hùng" but not "Hưng", a
//! different person, while `hung` finds both.

use crate::collate;
use crate::query::words::{self, Typed};
use crate::store::{ArticleIx, Store};

/// One person as the store names them, with the articles that do.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Person {
    pub name: String,
    /// The name's words as written.
    words: Vec<String>,
    /// The articles naming this person, in store order.
    pub articles: Vec<ArticleIx>,
}

/// Every person of a store, most articles first, ties in Vietnamese alphabetical order.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Persons {
    pub list: Vec<Person>,
}

impl Persons {
    /// Every person of `store`, one entry per identity (see [`words::identity_key`]): all the
    /// spellings of a name count together, and the entry shows the most frequent one (the first
    /// met, on a tie).
    pub fn new(store: &Store) -> Persons {
        /// One spelling as met: when first (in mention order), how often, and where.
        struct Spelling {
            first: usize,
            mentions: usize,
            articles: Vec<ArticleIx>,
        }
        // By spelling first: a name recurs in many articles, and its identity key (NFD, case,
        // tone apart) is worked out once per spelling instead of once per mention.
        let mut spellings: rustc_hash::FxHashMap<&str, Spelling> = rustc_hash::FxHashMap::default();
        let mut seq = 0;
        for (ix, a) in store.iter() {
            for p in &a.persons {
                let s = spellings.entry(p.as_str()).or_insert_with(|| Spelling {
                    first: seq,
                    mentions: 0,
                    articles: Vec::new(),
                });
                seq += 1;
                s.mentions += 1;
                if s.articles.last() != Some(&ix) {
                    s.articles.push(ix);
                }
            }
        }
        let mut groups: std::collections::HashMap<String, Vec<(&str, Spelling)>> =
            std::collections::HashMap::new();
        for (name, s) in spellings {
            groups
                .entry(words::identity_key(name))
                .or_default()
                .push((name, s));
        }
        let mut list: Vec<Person> = groups
            .into_values()
            .map(|group| {
                // The most frequent spelling, the first met on a tie.
                let name = group
                    .iter()
                    .min_by_key(|(_, s)| (std::cmp::Reverse(s.mentions), s.first))
                    .map_or("", |(name, _)| *name);
                let mut articles: Vec<ArticleIx> = group
                    .iter()
                    .flat_map(|(_, s)| s.articles.iter().copied())
                    .collect();
                articles.sort_unstable();
                articles.dedup();
                Person {
                    name: name.to_owned(),
                    words: words::words(name).map(|(_, w)| w.to_owned()).collect(),
                    articles,
                }
            })
            .collect();
        list.sort_by(|a, b| {
            b.articles
                .len()
                .cmp(&a.articles.len())
                .then_with(|| collate::compare(&a.name, &b.name))
        });
        Persons { list }
    }

    pub fn len(&self) -> usize {
        self.list.len()
    }

    pub fn is_empty(&self) -> bool {
        self.list.is_empty()
    }

    /// Each person's number of articles among `shown` (a flag per store position).
    pub fn counts_among(&self, shown: &[bool]) -> Vec<usize> {
        self.list
            .iter()
            .map(|p| {
                p.articles
                    .iter()
                    .filter(|ix| shown.get(ix.position()).copied().unwrap_or(false))
                    .count()
            })
            .collect()
    }

    /// The persons matching `query` whose count in `counts` is not zero, best first: more query
    /// words matching a whole word above prefixes, then more articles, then the list's order.
    /// Returns positions in [`Persons::list`].
    pub fn rank(&self, query: &str, counts: &[usize]) -> Vec<usize> {
        let query = Query::new(query);
        let mut hits: Vec<(usize, usize, usize)> = self
            .list
            .iter()
            .enumerate()
            .filter_map(|(i, p)| {
                let count = counts.get(i).copied().unwrap_or(0);
                if count == 0 {
                    return None;
                }
                query.score(p).map(|exact| (i, exact, count))
            })
            .collect();
        hits.sort_by(|a, b| b.1.cmp(&a.1).then(b.2.cmp(&a.2)).then(a.0.cmp(&b.0)));
        hits.into_iter().map(|(i, _, _)| i).collect()
    }
}

/// Matches a name's words against typed words: each typed word takes a different word of the
/// name, exactly if it can, else as its start.
struct Query {
    words: Vec<Typed>,
}

impl Query {
    fn new(text: &str) -> Query {
        let mut words = words::typed(text);
        // Longer typed words first, so "c" does not take the word "cuong" wants.
        words.sort_by_key(|w| std::cmp::Reverse(w.folded.len()));
        Query { words }
    }

    /// `None` when the person does not match; else how many typed words equal a whole word.
    fn score(&self, p: &Person) -> Option<usize> {
        let mut used = vec![false; p.words.len()];
        let mut exact = 0;
        for t in &self.words {
            let free =
                |whole: bool| (0..used.len()).find(|&i| !used[i] && t.matches(&p.words[i], whole));
            let (i, whole) = free(true)
                .map(|i| (i, true))
                .or_else(|| free(false).map(|i| (i, false)))?;
            used[i] = true;
            exact += usize::from(whole);
        }
        Some(exact)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn store() -> Store {
        let json = r#"[
            {"id":"1","title":"A","persons":["Lương Cường","Lê Văn Hùng"]},
            {"id":"2","title":"B","persons":["Lương Cường"]},
            {"id":"3","title":"C","persons":["Lê Văn Hưng","Cường Lê"]},
            {"id":"4","title":"D","persons":["Lương Cường","Lê Văn Hưng"]},
            {"id":"5","title":"E","persons":["Lê Văn Hưng"]}
        ]"#;
        match Store::parse(json, "t.json") {
            Ok(s) => s,
            Err(e) => panic!("{e}"),
        }
    }

    fn names(p: &Persons, query: &str) -> Vec<String> {
        let all: Vec<usize> = p.list.iter().map(|x| x.articles.len()).collect();
        p.rank(query, &all)
            .into_iter()
            .map(|i| p.list[i].name.clone())
            .collect()
    }

    #[test]
    fn most_articles_first() {
        let p = Persons::new(&store());
        let counts: Vec<(&str, usize)> = p
            .list
            .iter()
            .map(|x| (x.name.as_str(), x.articles.len()))
            .collect();
        assert_eq!(
            counts,
            [
                ("Lê Văn Hưng", 3),
                ("Lương Cường", 3),
                ("Cường Lê", 1),
                ("Lê Văn Hùng", 1)
            ]
        );
    }

    #[test]
    fn whole_word_prefixes_in_any_order_with_or_without_accents() {
        let p = Persons::new(&store());
        for q in [
            "l cuong",
            "cuong",
            "Lương C",
            "LUONG",
            "cường lương",
            "Lu\u{31b}o\u{31b}ng",
        ] {
            assert!(
                names(&p, q).contains(&"Lương Cường".to_owned()),
                "{q} finds Lương Cường"
            );
        }
        assert!(!names(&p, "uong").contains(&"Lương Cường".to_owned()));
        assert_eq!(names(&p, ""), names(&p, "  "));
        assert_eq!(names(&p, "").len(), 4);
        // Each query word takes its own word of the name: "le le" needs two "le" words.
        assert_eq!(names(&p, "le le"), Vec::<String>::new());
    }

    #[test]
    fn exact_words_rank_above_prefixes() {
        let p = Persons::new(&store());
        // "cuong" is a whole word of both; "le" is a whole word of Cường Lê but only a prefix
        // of nothing else here, so Cường Lê (two exact) comes first.
        assert_eq!(names(&p, "cuong le")[0], "Cường Lê");
        assert_eq!(names(&p, "cuong")[0], "Lương Cường", "then by count");
    }

    #[test]
    fn words_typed_with_marks_match_only_those_marks() {
        let p = Persons::new(&store());
        assert_eq!(names(&p, "Hùng"), ["Lê Văn Hùng"]);
        assert_eq!(names(&p, "hưng"), ["Lê Văn Hưng"]);
        assert_eq!(names(&p, "hung").len(), 2);
        assert_eq!(names(&p, "lê văn h").len(), 2);
    }

    #[test]
    fn only_persons_in_the_result_when_asked() {
        let s = store();
        let p = Persons::new(&s);
        // Articles 1 and 2 shown: Lương Cường twice, Lê Văn Hùng once.
        let shown = [true, true, false, false, false];
        let counts = p.counts_among(&shown);
        let ranked: Vec<(&str, usize)> = p
            .rank("", &counts)
            .into_iter()
            .map(|i| (p.list[i].name.as_str(), counts[i]))
            .collect();
        assert_eq!(ranked, [("Lương Cường", 2), ("Lê Văn Hùng", 1)]);
    }
}
