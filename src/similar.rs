//! Related stories by content: the articles whose words are most like an article's.
//!
//! Each article is a vector of TF-IDF weights over its folded syllables and syllable bigrams
//! (title, summary, body and captions; Vietnamese words are mostly two syllables, so a bigram
//! carries a word's meaning where a syllable alone is ambiguous), compared by cosine
//! similarity. To keep the index small and a query quick at archive scale, each article keeps
//! only its [`KEEP`] heaviest terms, and terms found in a single article (which relate nothing)
//! are dropped first: the cosine is taken over those kept terms, an approximation that keeps
//! what makes an article distinctive. Written here rather than with a search library: what is
//! needed is a few hundred lines over the tokens the search index already cuts, and no crate
//! we know of folds Vietnamese the way the rest of tuinews does.

use std::sync::Arc;

use rustc_hash::FxHashMap;

use crate::query::index::tokens;
use crate::store::cache::{Sink, Source};
use crate::store::{Article, ArticleIx, Articles, BuiltFrom, Store};
use crate::text::fold;

/// The terms each article keeps.
pub const KEEP: usize = 32;

/// How many similar stories a query gives.
pub const TOP: usize = 5;

/// A cosine at or above this is a near-duplicate of the article (the same story filed twice,
/// a video of an article): not shown as related.
pub const NEAR_DUPLICATE: f32 = 0.9;

/// A cosine below this is chance, not likeness.
pub const AT_LEAST: f32 = 0.05;

/// The content vectors of one store's articles, and for each term the articles keeping it.
#[derive(Debug, Default)]
pub struct ContentIndex {
    /// Per article (by position): its kept terms. Their weights (divided by the length of the
    /// article's whole vector) are in the postings, found there by the article's position: kept
    /// once, not twice, they cost a quarter less.
    vectors: Rows<u32>,
    /// Per term: the articles keeping it, in store order, with its weight in each.
    postings: Rows,
    /// The articles it was built from, to tell it belongs to a store.
    source: BuiltFrom,
}

/// Rows of items (term ids, or pairs of a number and a weight), all in one vector: a vector
/// per row cost a header and an allocation's overhead for every article and every term.
#[derive(Debug, Default)]
struct Rows<T = (u32, f32)> {
    /// Where each row starts in `items`, and where the last ends.
    starts: Vec<u32>,
    items: Vec<T>,
}

impl<T> Rows<T> {
    /// Row `i`, if there is one.
    fn get(&self, i: usize) -> Option<&[T]> {
        let start = *self.starts.get(i)? as usize;
        let end = *self.starts.get(i + 1)? as usize;
        self.items.get(start..end)
    }

    /// Read back from a cache, whether they hold together: their starts ascend from 0 to the
    /// end of the items.
    fn hold(&self) -> bool {
        crate::parallel::ascending_to(&self.starts, self.items.len())
    }
}

impl Rows {
    fn save(&self, sink: &mut Sink<'_>) -> std::io::Result<()> {
        sink.u32s(&self.starts)?;
        sink.pairs(&self.items)
    }

    /// Rows read back, if they hold together ([`Rows::hold`]).
    fn load(source: &mut Source<'_>) -> Option<Rows> {
        let rows = Rows {
            starts: source.u32s()?,
            items: source.pairs()?,
        };
        rows.hold().then_some(rows)
    }

    /// The rows without their weights. (Collected from a borrow: collected from the pairs
    /// themselves, the ids would keep the pairs' allocation, twice their size.)
    fn numbers(self) -> Rows<u32> {
        Rows {
            items: self.items.iter().map(|&(n, _)| n).collect(),
            starts: self.starts,
        }
    }

    /// The rows of `parts` in order, each pair's number renumbered by `renumber` (a number it
    /// gives none for is left out); each part is let go once copied.
    fn joined(parts: Vec<Rows>, mut renumber: impl FnMut(u32) -> Option<u32>) -> Rows {
        let rows: usize = parts.iter().map(|p| p.starts.len().saturating_sub(1)).sum();
        let mut out = Rows {
            starts: Vec::with_capacity(rows + 1),
            items: Vec::with_capacity(parts.iter().map(|p| p.items.len()).sum()),
        };
        out.starts.push(0);
        for part in parts {
            for row in 0..part.starts.len().saturating_sub(1) {
                let pairs = part.get(row).unwrap_or_default();
                (out.items).extend(pairs.iter().filter_map(|&(n, w)| Some((renumber(n)?, w))));
                out.starts
                    .push(u32::try_from(out.items.len()).unwrap_or(u32::MAX));
            }
        }
        out
    }

    /// For each of `columns` numbers, the rows holding it, in row order, with its weight there.
    fn transposed(&self, columns: usize) -> Rows {
        let mut starts = vec![0u32; columns + 1];
        for &(c, _) in &self.items {
            if let Some(n) = starts.get_mut(c as usize + 1) {
                *n += 1;
            }
        }
        for i in 1..starts.len() {
            starts[i] += starts[i - 1];
        }
        let mut next = starts.clone();
        let mut items = vec![(0, 0.0); self.items.len()];
        for row in 0..self.starts.len().saturating_sub(1) {
            let r = u32::try_from(row).unwrap_or(u32::MAX);
            for &(c, w) in self.get(row).unwrap_or_default() {
                if let Some(at) = next.get_mut(c as usize)
                    && let Some(slot) = items.get_mut(*at as usize)
                {
                    *slot = (r, w);
                    *at += 1;
                }
            }
        }
        Rows { starts, items }
    }
}

/// A term: a syllable, or two syllables in a row, hashed (a collision of two 64-bit hashes
/// among an archive's terms is too rare to matter for likeness).
fn term_hash(first: &str, second: Option<&str>) -> u64 {
    use std::hash::{BuildHasher, Hasher};
    let mut h = rustc_hash::FxBuildHasher.build_hasher();
    h.write(first.as_bytes());
    if let Some(s) = second {
        h.write_u8(0xff);
        h.write(s.as_bytes());
    }
    h.finish()
}

/// An article's terms and how often each occurs; `a` is read whole ([`Articles::whole`]).
fn term_counts(a: &Article) -> FxHashMap<u64, u32> {
    let mut counts: FxHashMap<u64, u32> = FxHashMap::default();
    let fields = std::iter::once(a.title.as_str())
        .chain(std::iter::once(a.summary.as_str()))
        .chain(a.body.iter().map(String::as_str))
        .chain(a.captions.iter().map(String::as_str));
    for field in fields {
        let folded = fold(field);
        let mut previous: Option<&str> = None;
        for t in tokens(&folded) {
            *counts.entry(term_hash(t, None)).or_default() += 1;
            if let Some(p) = previous {
                *counts.entry(term_hash(p, Some(t))).or_default() += 1;
            }
            previous = Some(t);
        }
    }
    counts
}

/// A term of more than one article: in how many, the first of them, and its number among
/// them.
#[derive(Clone, Copy)]
struct Shared {
    articles: u32,
    first: u32,
    number: u32,
}

/// The article's [`KEEP`] heaviest terms and their TF-IDF weights divided by the length of its
/// whole vector, heaviest first, added to `out` as (the term's number, its weight); `terms`
/// gives the terms of more than one article (any other is in one article: this one), `n` the
/// number of articles. Ties go to the term met first in the store.
fn heaviest(a: &Article, terms: &FxHashMap<u64, Shared>, n: f32, out: &mut Vec<(u32, f32)>) {
    let mut counts: Vec<(u64, u32)> = term_counts(a).into_iter().collect();
    // A map's order is its own: sorted, the length sums in the same order on every run.
    counts.sort_unstable();
    let all: Vec<(u64, f32, Option<Shared>)> = counts
        .into_iter()
        .map(|(hash, count)| {
            let shared = terms.get(&hash).copied();
            let d = shared.map_or(1, |s| s.articles);
            (
                hash,
                (1.0 + (count as f32).ln()) * (n / d as f32).ln(),
                shared,
            )
        })
        .collect();
    // The article's length counts every term; only terms of more than one article (a term of
    // one article relates nothing) compete for the kept places.
    let norm = all.iter().map(|&(_, w, _)| w * w).sum::<f32>().sqrt();
    let mut weighted: Vec<(u64, f32, Shared)> = all
        .into_iter()
        .filter_map(|(hash, w, shared)| Some((hash, w, shared?)).filter(|_| w > 0.0))
        .collect();
    // The heaviest first; ties to the term met first, so the choice is the same on every run.
    weighted.sort_unstable_by(|a, b| {
        (b.1.total_cmp(&a.1)).then((a.2.first, a.0).cmp(&(b.2.first, b.0)))
    });
    out.extend(
        weighted
            .into_iter()
            .take(KEEP)
            .map(|(_, w, shared)| (shared.number, w / norm)),
    );
}

impl ContentIndex {
    /// Builds the vectors of a store's articles ([`Store::shared`]); the index then answers for
    /// that store only.
    pub fn of_store(articles: &Arc<Articles>) -> ContentIndex {
        let mut index = ContentIndex::build(articles);
        index.source = BuiltFrom::new(articles);
        index
    }

    /// The layout of the vectors in their cache, written first: raised whenever the rows or how
    /// terms are weighed change, so vectors cached by an earlier build are built again.
    pub const CACHE_FORMAT: u64 = 2;

    /// Writes the vectors into their cache ([`crate::store::cache::write_derived`]).
    pub fn save(&self, sink: &mut Sink<'_>) -> std::io::Result<()> {
        sink.u64(ContentIndex::CACHE_FORMAT)?;
        sink.u32s(&self.vectors.starts)?;
        sink.u32s(&self.vectors.items)?;
        self.postings.save(sink)
    }

    /// The vectors of `articles` read back from their cache, if they hold together: a row for
    /// every article, every article one of the store's and in store order in each posting list,
    /// every term one of the postings', every weight a number.
    pub fn load(source: &mut Source<'_>, articles: &Arc<Articles>) -> Option<ContentIndex> {
        if source.u64()? != ContentIndex::CACHE_FORMAT {
            return None;
        }
        let vectors = Rows {
            starts: source.u32s()?,
            items: source.u32s()?,
        };
        let postings = Rows::load(source)?;
        let terms = postings.starts.len().checked_sub(1)?;
        let in_order = (0..terms).all(|t| {
            (postings.get(t).unwrap_or_default())
                .windows(2)
                .all(|w| w[0].0 < w[1].0)
        });
        let holds = vectors.hold()
            && vectors.starts.len() == articles.len() + 1
            && (vectors.items.iter()).all(|&t| (t as usize) < terms)
            && in_order
            && (postings.items.iter())
                .all(|&(a, w)| (a as usize) < articles.len() && w.is_finite());
        holds.then(|| ContentIndex {
            vectors,
            postings,
            source: BuiltFrom::new(articles),
        })
    }

    /// Whether the index was built from this store's articles.
    pub fn is_for(&self, store: &Store) -> bool {
        self.source.is(store)
    }

    /// Builds the vectors of `articles` (a store's, in store order).
    /// An article whose body is in the store's file is read from there.
    ///
    /// Two passes over the articles, each on every core: the first counts in how many articles
    /// each term occurs (and the first of them, which orders ties), the second weighs each
    /// article's terms and keeps its heaviest. Folding twice costs time in the background;
    /// keeping every article's terms between the passes cost about three times the store's
    /// size in memory.
    pub fn build(articles: &Articles) -> ContentIndex {
        // Per term: the articles it occurs in, and the first of them.
        let mut parts = crate::parallel::by_chunks(articles, |slice, first| {
            let mut df: FxHashMap<u64, (u32, u32)> = FxHashMap::default();
            for position in first..first + slice.len() {
                let Some(a) = articles.whole(position) else {
                    continue;
                };
                let ix = u32::try_from(position).unwrap_or(u32::MAX);
                for hash in term_counts(&a).into_keys() {
                    df.entry(hash)
                        .and_modify(|(n, _)| *n += 1)
                        .or_insert((1, ix));
                }
            }
            df
        })
        .into_iter();
        let mut df = parts.next().unwrap_or_default();
        for part in parts {
            for (hash, (n, first)) in part {
                df.entry(hash)
                    .and_modify(|(m, f)| {
                        *m += n;
                        *f = (*f).min(first);
                    })
                    .or_insert((n, first));
            }
        }
        // Only the terms of more than one article can be kept: they are numbered, the others
        // left out.
        let mut terms: FxHashMap<u64, Shared> = FxHashMap::default();
        for (hash, (d, first)) in df.into_iter().filter(|(_, (d, _))| *d > 1) {
            let number = u32::try_from(terms.len()).unwrap_or(u32::MAX);
            terms.insert(
                hash,
                Shared {
                    articles: d,
                    first,
                    number,
                },
            );
        }
        let n = articles.len().max(1) as f32;
        let terms_ref = &terms;
        // Each thread's articles' kept terms as rows of one vector (a vector per article cost
        // twice the room at the build's peak).
        let parts: Vec<Rows> = crate::parallel::by_chunks(articles, |slice, first| {
            let mut part = Rows {
                starts: Vec::with_capacity(slice.len() + 1),
                // Room for every article's terms; what a short article leaves unused is address
                // space, not memory, where pages are given when first written (Linux, macOS).
                items: Vec::with_capacity(slice.len() * KEEP),
            };
            part.starts.push(0);
            for position in first..first + slice.len() {
                if let Some(a) = articles.whole(position) {
                    heaviest(&a, terms_ref, n, &mut part.items);
                }
                part.starts
                    .push(u32::try_from(part.items.len()).unwrap_or(u32::MAX));
            }
            part
        });
        // Ids for the kept terms, in the order met; then each term's articles in store order.
        let mut ids = vec![u32::MAX; terms.len()];
        drop(terms);
        let mut next = 0u32;
        let vectors = Rows::joined(parts, |number| {
            let id = ids.get_mut(number as usize)?;
            if *id == u32::MAX {
                *id = next;
                next += 1;
            }
            Some(*id)
        });
        drop(ids);
        let postings = vectors.transposed(next as usize);
        ContentIndex {
            vectors: vectors.numbers(),
            postings,
            source: BuiltFrom::default(),
        }
    }

    /// Up to [`TOP`] articles most like article `ix`, most alike first (ties in store order),
    /// with their cosine: neither the article itself nor a near-duplicate of it, and none
    /// below [`AT_LEAST`].
    pub fn similar(&self, store: &Store, ix: ArticleIx) -> Vec<(ArticleIx, f32)> {
        self.similar_except(store, ix, |_| false)
    }

    /// [`ContentIndex::similar`], passing over the articles `skip` names (those already shown
    /// for another reason), so up to [`TOP`] others still come.
    pub fn similar_except(
        &self,
        store: &Store,
        ix: ArticleIx,
        skip: impl Fn(ArticleIx) -> bool,
    ) -> Vec<(ArticleIx, f32)> {
        let Some(vector) = self.vectors.get(ix.position()) else {
            return Vec::new();
        };
        let me = ix.position();
        let mut scores: FxHashMap<u32, f32> = FxHashMap::default();
        for &term in vector {
            let posting = self.postings.get(term as usize).unwrap_or_default();
            // The term's weight in this article: its entry in the term's postings.
            let Ok(at) = posting.binary_search_by_key(&me, |&(a, _)| a as usize) else {
                continue;
            };
            let w = posting.get(at).map_or(0.0, |&(_, w)| w);
            for &(other, w2) in posting {
                *scores.entry(other).or_default() += w * w2;
            }
        }
        let mut found: Vec<(u32, f32)> = scores
            .into_iter()
            .filter(|&(other, s)| other as usize != me && (AT_LEAST..NEAR_DUPLICATE).contains(&s))
            .collect();
        found.sort_unstable_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
        found
            .into_iter()
            .filter_map(|(other, s)| Some((store.ix_at(other as usize)?, s)))
            .filter(|&(other, _)| !skip(other))
            .take(TOP)
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn store(json: &str) -> Store {
        match Store::parse(json, "t.json") {
            Ok(s) => s,
            Err(e) => panic!("{e}"),
        }
    }

    fn ids(s: &Store, found: &[(ArticleIx, f32)]) -> Vec<String> {
        found
            .iter()
            .filter_map(|&(i, _)| s.article(i).map(|a| a.id.clone()))
            .collect()
    }

    const STORIES: &str = r#"
            {"id":"a","title":"Thủ tướng gặp Chủ tịch Đảng Cộng sản Nhật Bản tại Tokyo"},
            {"id":"b","title":"Chủ tịch Đảng Cộng sản Nhật Bản thăm Hà Nội"},
            {"id":"c","title":"Người Việt tại Nhật Bản gặp Thủ tướng"},
            {"id":"d","title":"Giá lúa gạo miền Tây tăng mạnh"},
            {"id":"e","title":"Gia ca phe Tay Nguyen giam"}"#;

    #[test]
    fn the_most_alike_come_first_and_chance_is_left_out() {
        let s = store(&format!("[{STORIES}]"));
        let index = ContentIndex::of_store(&s.shared());
        assert!(index.is_for(&s));
        let a = s.ix_of("a").unwrap_or_else(|| panic!("no a"));
        let found = index.similar(&s, a);
        assert_eq!(ids(&s, &found), ["b", "c"], "{found:?}");
        assert!(found[0].1 > found[1].1, "{found:?}");
        // Those already shown for another reason are passed over, and the rest still come.
        let b = s.ix_of("b").unwrap_or_else(|| panic!("no b"));
        assert_eq!(ids(&s, &index.similar_except(&s, a, |i| i == b)), ["c"]);
        // Accents do not keep alike stories apart: unaccented text folds the same.
        let d = s.ix_of("d").unwrap_or_else(|| panic!("no d"));
        assert_eq!(ids(&s, &index.similar(&s, d)), ["e"]);
    }

    #[test]
    fn neither_the_article_nor_a_near_duplicate_of_it_is_related() {
        let s = store(&format!(
            r#"[{STORIES}, {{"id":"dup","title":"Thủ tướng gặp Chủ tịch Đảng Cộng sản Nhật Bản tại Tokyo"}}]"#
        ));
        let index = ContentIndex::build(s.articles());
        let a = s.ix_of("a").unwrap_or_else(|| panic!("no a"));
        let got = ids(&s, &index.similar(&s, a));
        assert_eq!(got.first().map(String::as_str), Some("b"), "{got:?}");
        assert!(!got.iter().any(|i| i == "a" || i == "dup"), "{got:?}");
    }

    #[test]
    fn bigrams_weigh_words_of_two_syllables() {
        // "Nhật Bản" as a word in both, against the same syllables apart.
        let s = store(
            r#"[
            {"id":"a","title":"quan hệ Nhật Bản"},
            {"id":"b","title":"bản tin quan hệ Nhật Bản"},
            {"id":"c","title":"bản tin quan hệ nhật ký"},
            {"id":"z","title":"khác hẳn"}
        ]"#,
        );
        let index = ContentIndex::build(s.articles());
        let a = s.ix_of("a").unwrap_or_else(|| panic!("no a"));
        assert_eq!(
            ids(&s, &index.similar(&s, a)).first().map(String::as_str),
            Some("b")
        );
    }

    #[test]
    fn an_article_keeps_room_for_its_kept_terms_only() {
        // Long articles sharing many words: far more terms than are kept.
        let words: Vec<String> = (0..400).map(|i| format!("từ{i}")).collect();
        let body = |skip: usize| words[skip..].join(" ");
        let s = store(&format!(
            r#"[{{"id":"a","title":"t","body":["{}"]}},{{"id":"b","title":"t","body":["{}"]}},{{"id":"c","title":"u","body":["{}"]}},{{"id":"d","title":"khác"}}]"#,
            body(0),
            body(10),
            body(20)
        ));
        let index = ContentIndex::build(s.articles());
        for i in 0..3 {
            assert_eq!(
                index.vectors.get(i).map(<[_]>::len),
                Some(KEEP),
                "article {i}"
            );
        }
        assert!(index.vectors.get(4).is_none());
        let items = &index.vectors.items;
        assert!(
            items.capacity() <= 4 * KEEP,
            "room for {} terms",
            items.capacity()
        );
        assert_eq!(index.postings.items.len(), items.len());
        // Each weight is kept once: in the postings, where each article finds its own.
        for i in 0..3 {
            for &t in index.vectors.get(i).unwrap_or_default() {
                let posting = index.postings.get(t as usize).unwrap_or_default();
                assert!(posting.iter().any(|&(a, _)| a as usize == i), "article {i}");
            }
        }
    }

    #[test]
    fn an_empty_store_or_an_unknown_article_gives_nothing() {
        let empty = Store::default();
        let index = ContentIndex::build(empty.articles());
        let s = store(r#"[{"id":"a","title":"một"}]"#);
        let a = s.ix_at(0).unwrap_or_else(|| panic!("no article 0"));
        assert!(index.similar(&s, a).is_empty());
        assert_eq!(s.ix_at(1), None);
    }
}
