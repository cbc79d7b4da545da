//! The search index: every word of every article, folded, with the articles it occurs in, so a
//! search at archive scale answers within a frame instead of folding every article again.
//!
//! A search word matches the start of a word of the folded text (see [`super::words`]). Cut
//! the folded text into tokens (maximal runs of alphanumeric characters, as
//! [`super::SearchQuery::matches_folded`] sees word starts); a folded word typed as one token
//! then matches an article exactly when one of the article's tokens starts with it. The
//! vocabulary is sorted, so the tokens starting with what was typed are one range of it, and
//! the answer is the union of their articles. Other terms (phrases, words typed with marks,
//! words of scripts written without spaces) get from the index the articles that can match,
//! and the query checks those as written.
//!
//! The reader builds the index in the background once the store has loaded; until it is
//! ready, and on the command line, a search folds the articles as it goes.

use std::sync::Arc;

// The index hashes every word of the store: FxHash, as rustc uses for its own tables of names,
// is several times faster than the default SipHash on short keys, and nothing here is keyed by
// anyone who could pick colliding words on purpose to any effect but a slower build.
use rustc_hash::FxHashMap as HashMap;

use crate::query::words;
use crate::store::cache::{Sink, Source};
use crate::store::{ArticleIx, Articles, BuiltFrom, Store};
use crate::text::fold;

/// Words and their articles, for one store (an [`ArticleIx`] is valid only for the store the
/// index was built from; the reader drops the index when it installs another store).
#[derive(Debug, Default)]
pub struct SearchIndex {
    /// Folded tokens: what a word typed without marks is looked up in.
    folded: Table,
    /// The words written with marks, as [`words::marked_token`] keeps them: what a word typed
    /// with marks is looked up in.
    marked: Table,
    /// How many articles the store has.
    articles: usize,
    /// The articles it was built from, to tell it belongs to a store (see [`SearchIndex::is_for`]).
    source: BuiltFrom,
}

/// A sorted vocabulary and, for each of its tokens, the articles it occurs in.
#[derive(Debug, Default)]
struct Table {
    /// Every distinct token, sorted, end to end.
    vocabulary: String,
    /// Where each token starts in `vocabulary` (one more entry than tokens: the end).
    starts: Vec<u32>,
    /// Where each token's articles start in `postings` (one more entry than tokens).
    offsets: Vec<u32>,
    /// The articles of each token, ascending, without repeats; empty for a dense token.
    postings: Vec<u32>,
    /// For each token, its bitmap in `bitmaps`, or `NOT_DENSE`.
    dense: Vec<u32>,
    /// The articles of the dense tokens (those in at least one article in 32, for which a bit
    /// per article is smaller than a list), one bitmap after another, each `words` long.
    bitmaps: Vec<u64>,
    /// `u64`s in a bitmap.
    words: usize,
}

const NOT_DENSE: u32 = u32::MAX;

/// Articles as a set of bits, one per article of the store.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ArticleSet {
    bits: Vec<u64>,
}

impl ArticleSet {
    fn empty(n: usize) -> ArticleSet {
        ArticleSet {
            bits: vec![0; n.div_ceil(64)],
        }
    }

    fn full(n: usize) -> ArticleSet {
        let mut bits = vec![u64::MAX; n.div_ceil(64)];
        if let Some(last) = bits.last_mut()
            && !n.is_multiple_of(64)
        {
            *last = (1u64 << (n % 64)) - 1;
        }
        ArticleSet { bits }
    }

    fn insert(&mut self, i: u32) {
        let i = i as usize;
        if let Some(w) = self.bits.get_mut(i / 64) {
            *w |= 1 << (i % 64);
        }
    }

    pub fn contains(&self, ix: ArticleIx) -> bool {
        self.has(ix.position())
    }

    fn has(&self, i: usize) -> bool {
        self.bits
            .get(i / 64)
            .is_some_and(|w| w & (1 << (i % 64)) != 0)
    }

    /// Keeps only the articles `other` holds too.
    pub fn intersect(&mut self, other: &ArticleSet) {
        for (a, b) in self.bits.iter_mut().zip(&other.bits) {
            *a &= b;
        }
    }

    /// How many articles are in the set.
    pub fn len(&self) -> usize {
        self.bits.iter().map(|w| w.count_ones() as usize).sum()
    }

    pub fn is_empty(&self) -> bool {
        self.bits.iter().all(|&w| w == 0)
    }
}

/// The folded tokens of `text`: runs of alphanumeric characters, as the index cuts them.
pub fn tokens(folded: &str) -> impl Iterator<Item = &str> {
    folded
        .split(|c: char| !c.is_alphanumeric())
        .filter(|t| !t.is_empty())
}

/// The parts that saw a token, and the id each gave it.
type Owners = Vec<(usize, u32)>;

/// One thread's share of one table: its own vocabulary and, per token, its articles among
/// the thread's range of them.
#[derive(Default)]
struct PartTable {
    ids: HashMap<Box<str>, u32>,
    lists: Vec<PartList>,
    /// The range's first article and its length.
    first: u32,
    len: usize,
}

/// A token's articles in a part: a list while it is short, a bit per article of the part's
/// range once a list would take more room. Kept as lists all through, the common words' lists
/// (most articles hold them) made the build's peak about 1.5 times the store's resident size
/// at 100k articles, for an index a tenth of it.
enum PartList {
    Few(Vec<u32>),
    Many { bits: Vec<u64>, count: usize },
}

impl PartList {
    fn count(&self) -> usize {
        match self {
            PartList::Few(list) => list.len(),
            PartList::Many { count, .. } => *count,
        }
    }

    /// Each article, ascending.
    fn each(&self, first: u32, mut f: impl FnMut(u32)) {
        match self {
            PartList::Few(list) => list.iter().copied().for_each(f),
            PartList::Many { bits, .. } => {
                for (w, &word) in bits.iter().enumerate() {
                    let mut word = word;
                    while word != 0 {
                        let bit = word.trailing_zeros();
                        f(first + u32_of(w * 64) + bit);
                        word &= word - 1;
                    }
                }
            }
        }
    }
}

impl PartTable {
    fn new(range: &std::ops::Range<usize>) -> PartTable {
        PartTable {
            first: u32_of(range.start),
            len: range.len(),
            ..PartTable::default()
        }
    }

    fn id(&mut self, token: &str) -> u32 {
        if let Some(&id) = self.ids.get(token) {
            return id;
        }
        let id = u32_of(self.lists.len());
        self.ids.insert(token.into(), id);
        self.lists.push(PartList::Few(Vec::new()));
        id
    }

    /// Adds article `ix` to the lists of `seen` (ids, in any order, repeats allowed).
    fn record(&mut self, seen: &mut Vec<u32>, ix: u32) {
        seen.sort_unstable();
        seen.dedup();
        let (first, len) = (self.first, self.len);
        for &id in seen.iter() {
            let Some(list) = self.lists.get_mut(id as usize) else {
                continue;
            };
            let at = ix.saturating_sub(first) as usize;
            match list {
                PartList::Few(few) => {
                    few.push(ix);
                    // A bitmap of the range is as large as a list of one article in 32.
                    if few.len().saturating_mul(32) >= len && len >= 64 * 32 {
                        let mut bits = vec![0u64; len.div_ceil(64)];
                        for &a in few.iter() {
                            let a = a.saturating_sub(first) as usize;
                            if let Some(w) = bits.get_mut(a / 64) {
                                *w |= 1 << (a % 64);
                            }
                        }
                        let count = few.len();
                        *list = PartList::Many { bits, count };
                    }
                }
                PartList::Many { bits, count } => {
                    if let Some(w) = bits.get_mut(at / 64) {
                        *w |= 1 << (at % 64);
                        *count += 1;
                    }
                }
            }
        }
        seen.clear();
    }
}

/// One thread's share of the build.
struct Part {
    folded: PartTable,
    marked: PartTable,
    /// Each word written with marks as it appears, with its id in `marked`: a word's token is
    /// worked out (NFD, lowercase, tone apart) once per spelling, not once per occurrence.
    spellings: HashMap<Box<str>, u32>,
}

impl Part {
    /// A part for the articles of `range`.
    fn new(range: &std::ops::Range<usize>) -> Part {
        Part {
            folded: PartTable::new(range),
            marked: PartTable::new(range),
            spellings: HashMap::default(),
        }
    }

    fn add(&mut self, articles: &Articles, range: std::ops::Range<usize>) {
        let mut folded = String::new();
        let (mut seen, mut seen_marked): (Vec<u32>, Vec<u32>) = (Vec::new(), Vec::new());
        for position in range {
            let Some(a) = articles.whole(position) else {
                break;
            };
            let ix = u32_of(position);
            for field in a.search_fields() {
                folded.clear();
                folded.push_str(&fold(field));
                for t in tokens(&folded) {
                    seen.push(self.folded.id(t));
                }
                // Words written with marks, cut as the check of a marked word cuts them.
                if !field.is_ascii() {
                    for (_, w) in words::words(field) {
                        if let Some(&id) = self.spellings.get(w) {
                            seen_marked.push(id);
                        } else if let Some(token) = words::marked_token(w) {
                            let id = self.marked.id(&token);
                            self.spellings.insert(w.into(), id);
                            seen_marked.push(id);
                        }
                    }
                }
            }
            self.folded.record(&mut seen, ix);
            self.marked.record(&mut seen_marked, ix);
        }
    }
}

impl SearchIndex {
    /// Indexes a store's articles ([`Store::shared`]); the index then answers for that store
    /// only.
    pub fn of_store(articles: &Arc<Articles>) -> SearchIndex {
        let mut index = SearchIndex::build(articles);
        index.source = BuiltFrom::new(articles);
        index
    }

    /// Whether the index was built from this store's articles (a reload makes another store,
    /// whose articles may sit in another order).
    pub fn is_for(&self, store: &Store) -> bool {
        self.source.is(store)
    }

    /// Indexes `articles` (a store's, in store order) on every available core.
    /// An article whose body is in the store's file is read from there.
    pub fn build(articles: &Articles) -> SearchIndex {
        let parts = crate::parallel::by_chunks(articles, |slice, first| {
            let range = first..first + slice.len();
            let mut part = Part::new(&range);
            part.add(articles, range);
            part
        });
        SearchIndex::merge(parts, articles.len())
    }

    /// One index from the threads' parts, which cover ascending ranges of articles.
    fn merge(parts: Vec<Part>, articles: usize) -> SearchIndex {
        let (folded, marked): (Vec<PartTable>, Vec<PartTable>) =
            parts.into_iter().map(|p| (p.folded, p.marked)).unzip();
        SearchIndex {
            folded: Table::merge(&folded, articles),
            marked: Table::merge(&marked, articles),
            articles,
            source: BuiltFrom::default(),
        }
    }

    /// The layout of the index in its cache, written first: raised whenever the tables or the
    /// tokens they hold change, so an index cached by an earlier build is built again.
    pub const CACHE_FORMAT: u64 = 1;

    /// Writes the index into its cache ([`crate::store::cache::write_derived`]).
    pub fn save(&self, sink: &mut Sink<'_>) -> std::io::Result<()> {
        sink.u64(SearchIndex::CACHE_FORMAT)?;
        sink.u64(self.articles as u64)?;
        self.folded.save(sink)?;
        self.marked.save(sink)
    }

    /// The index of `articles` read back from its cache, if it holds together: every table's
    /// rows and lists where they should be, every article one of the store's.
    pub fn load(source: &mut Source<'_>, articles: &Arc<Articles>) -> Option<SearchIndex> {
        if source.u64()? != SearchIndex::CACHE_FORMAT {
            return None;
        }
        let n = usize::try_from(source.u64()?).ok()?;
        if n != articles.len() {
            return None;
        }
        Some(SearchIndex {
            folded: Table::load(source, n)?,
            marked: Table::load(source, n)?,
            articles: n,
            source: BuiltFrom::new(articles),
        })
    }

    /// How many distinct tokens the index holds (folded, and written with marks).
    pub fn tokens(&self) -> usize {
        self.folded.len() + self.marked.len()
    }

    /// The bytes the index takes (its tables, not counting the allocator's rounding).
    pub fn bytes(&self) -> usize {
        self.folded.bytes() + self.marked.bytes()
    }

    /// The articles with a token of `table` equal to `t` or starting with it.
    fn articles_with(&self, table: &Table, t: &str, whole: bool) -> ArticleSet {
        let mut set = ArticleSet::empty(self.articles);
        for i in table.range(t, whole) {
            match table.bitmap(i) {
                Some(bits) => {
                    for (w, b) in set.bits.iter_mut().zip(bits) {
                        *w |= b;
                    }
                }
                None => {
                    for &a in table.postings_of(i) {
                        set.insert(a);
                    }
                }
            }
        }
        set
    }

    /// Every article of the store.
    pub fn all(&self) -> ArticleSet {
        ArticleSet::full(self.articles)
    }

    /// The articles with a folded token equal to `token` (`whole`) or starting with it: what a
    /// word typed without marks matches.
    pub fn folded_words(&self, token: &str, whole: bool) -> ArticleSet {
        self.articles_with(&self.folded, token, whole)
    }

    /// The articles holding the folded tokens of `folded` (a word or words, folded) in any
    /// order: every token whole but the last, which may start a longer one. What a term can
    /// match, as far as the index can tell.
    pub fn folded_term(&self, folded: &str) -> ArticleSet {
        let mut set = self.all();
        let mut toks = tokens(folded).peekable();
        while let Some(t) = toks.next() {
            set.intersect(&self.folded_words(t, toks.peek().is_some()));
        }
        set
    }

    /// The articles with a word written with marks whose [`words::marked_token`] equals
    /// `prefix` (`whole`) or starts with it: what a word typed with marks matches.
    pub fn marked_words(&self, prefix: &str, whole: bool) -> ArticleSet {
        self.articles_with(&self.marked, prefix, whole)
    }
}

impl Table {
    /// One table from the threads' shares, which cover ascending ranges of articles: a token's
    /// articles are its shares' lists one after the other.
    fn merge(parts: &[PartTable], articles: usize) -> Table {
        // Each token, with where its lists are.
        let mut all: Vec<(&str, Owners)> = Vec::new();
        let mut global: HashMap<&str, usize> = HashMap::default();
        for (p, part) in parts.iter().enumerate() {
            for (token, &id) in &part.ids {
                let at = *global.entry(token).or_insert_with(|| {
                    all.push((token, Vec::new()));
                    all.len() - 1
                });
                if let Some((_, owners)) = all.get_mut(at) {
                    owners.push((p, id));
                }
            }
        }
        drop(global);
        all.sort_unstable_by(|a, b| a.0.cmp(b.0));
        let mut table = Table {
            words: articles.div_ceil(64),
            ..Table::default()
        };
        let lists = |owners: &Owners| {
            owners
                .iter()
                .filter_map(|&(p, id)| {
                    let part = parts.get(p)?;
                    Some((part.first, part.lists.get(id as usize)?))
                })
                .collect::<Vec<_>>()
        };
        // A list costs 32 bits an article, a bitmap one bit an article of the store.
        let is_dense = |count: usize| count.saturating_mul(32) >= articles && articles > 0;
        let (mut sparse_total, mut dense_count) = (0, 0);
        for (_, owners) in &mut all {
            owners.sort_unstable();
            let count: usize = lists(owners).iter().map(|(_, l)| l.count()).sum();
            if is_dense(count) {
                dense_count += 1;
            } else {
                sparse_total += count;
            }
        }
        let letters: usize = all.iter().map(|(t, _)| t.len()).sum();
        table.postings.reserve_exact(sparse_total);
        table.bitmaps.reserve_exact(dense_count * table.words);
        table.vocabulary.reserve_exact(letters);
        table.starts.reserve_exact(all.len() + 1);
        table.offsets.reserve_exact(all.len() + 1);
        table.dense.reserve_exact(all.len());
        for (token, owners) in all {
            table.starts.push(u32_of(table.vocabulary.len()));
            table.offsets.push(u32_of(table.postings.len()));
            table.vocabulary.push_str(token);
            let lists = lists(&owners);
            if is_dense(lists.iter().map(|(_, l)| l.count()).sum()) {
                table
                    .dense
                    .push(u32_of(table.bitmaps.len() / table.words.max(1)));
                let at = table.bitmaps.len();
                table.bitmaps.resize(at + table.words, 0);
                for (first, list) in lists {
                    list.each(first, |a| {
                        let a = a as usize;
                        if let Some(w) = table.bitmaps.get_mut(at + a / 64) {
                            *w |= 1 << (a % 64);
                        }
                    });
                }
            } else {
                table.dense.push(NOT_DENSE);
                for (first, list) in lists {
                    list.each(first, |a| table.postings.push(a));
                }
            }
        }
        table.starts.push(u32_of(table.vocabulary.len()));
        table.offsets.push(u32_of(table.postings.len()));
        table
    }

    fn save(&self, sink: &mut Sink<'_>) -> std::io::Result<()> {
        sink.bytes(self.vocabulary.as_bytes())?;
        sink.u32s(&self.starts)?;
        sink.u32s(&self.offsets)?;
        sink.u32s(&self.postings)?;
        sink.u32s(&self.dense)?;
        sink.u64s(&self.bitmaps)
    }

    /// A table of a store of `articles` articles, read back and checked.
    fn load(source: &mut Source<'_>, articles: usize) -> Option<Table> {
        let table = Table {
            vocabulary: String::from_utf8(source.bytes()?).ok()?,
            starts: source.u32s()?,
            offsets: source.u32s()?,
            postings: source.u32s()?,
            dense: source.u32s()?,
            bitmaps: source.u64s()?,
            words: articles.div_ceil(64),
        };
        let ascending = crate::parallel::ascending_to;
        let tokens = table.dense.len();
        let bitmaps = match table.words {
            0 => 0,
            w => table.bitmaps.len() / w,
        };
        let holds = table.starts.len() == tokens + 1
            && table.offsets.len() == tokens + 1
            && ascending(&table.starts, table.vocabulary.len())
            && ascending(&table.offsets, table.postings.len())
            && (table.starts.iter()).all(|&a| table.vocabulary.is_char_boundary(a as usize))
            && table.bitmaps.len() == bitmaps * table.words
            && (table.dense.iter()).all(|&d| d == NOT_DENSE || (d as usize) < bitmaps)
            && table.postings.iter().all(|&a| (a as usize) < articles)
            // No bit past the last article.
            && (table.bitmaps.chunks(table.words.max(1)))
                .all(|b| b.last().is_none_or(|&w| articles.is_multiple_of(64) || w >> (articles % 64) == 0))
            && (1..tokens).all(|i| table.token(i - 1) < table.token(i));
        holds.then_some(table)
    }

    /// The bitmap of token `i` when it is dense.
    fn bitmap(&self, i: usize) -> Option<&[u64]> {
        let n = *self.dense.get(i)?;
        if n == NOT_DENSE {
            return None;
        }
        let at = n as usize * self.words;
        self.bitmaps.get(at..at + self.words)
    }

    fn len(&self) -> usize {
        self.starts.len().saturating_sub(1)
    }

    fn bytes(&self) -> usize {
        self.vocabulary.capacity()
            + 4 * (self.starts.capacity()
                + self.offsets.capacity()
                + self.postings.capacity()
                + self.dense.capacity())
            + 8 * self.bitmaps.capacity()
    }

    fn token(&self, i: usize) -> &str {
        let (Some(&a), Some(&b)) = (self.starts.get(i), self.starts.get(i + 1)) else {
            return "";
        };
        self.vocabulary.get(a as usize..b as usize).unwrap_or("")
    }

    fn postings_of(&self, i: usize) -> &[u32] {
        let (Some(&a), Some(&b)) = (self.offsets.get(i), self.offsets.get(i + 1)) else {
            return &[];
        };
        self.postings.get(a as usize..b as usize).unwrap_or(&[])
    }

    /// The tokens equal to `t` (`whole`) or starting with it, as a range of the vocabulary.
    fn range(&self, t: &str, whole: bool) -> std::ops::Range<usize> {
        let n = self.len();
        let lo = partition(n, |i| self.token(i) < t);
        let hi = if whole {
            if lo < n && self.token(lo) == t {
                lo + 1
            } else {
                lo
            }
        } else {
            lo + partition(n - lo, |i| self.token(lo + i).starts_with(t))
        };
        lo..hi
    }
}

/// The first of `0..n` for which `pred` is false, `pred` being true up to some point and false
/// after it.
fn partition(n: usize, pred: impl Fn(usize) -> bool) -> usize {
    let (mut lo, mut hi) = (0, n);
    while lo < hi {
        let mid = lo + (hi - lo) / 2;
        if pred(mid) {
            lo = mid + 1;
        } else {
            hi = mid;
        }
    }
    lo
}

/// Offsets fit in 32 bits: a store holds at most a few GB of text, and the index holds each
/// token once and each article once per token. Saturates rather than wraps past that.
fn u32_of(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use crate::store::{Article, Store};

    /// A store of articles with these titles and bodies, ids `a0`, `a1`, ... (the query
    /// module's tests of candidates use it too).
    pub(crate) fn store(texts: &[(&str, &str)]) -> Store {
        let articles = texts
            .iter()
            .enumerate()
            .map(|(i, (title, body))| Article {
                id: format!("a{i}"),
                title: (*title).to_owned(),
                body: vec![(*body).to_owned()],
                ..Article::default()
            })
            .collect();
        Store::from_articles(articles)
    }

    /// The ids of the articles in `set`, in store order.
    pub(crate) fn ids(store: &Store, set: &ArticleSet) -> Vec<String> {
        store
            .iter()
            .filter(|(ix, _)| set.contains(*ix))
            .map(|(_, a)| a.id.clone())
            .collect()
    }

    #[test]
    fn word_starts_folded_and_written_with_marks() {
        let s = store(&[
            ("Hà Nội", "Thủ tướng"),
            ("Nhật Bản", "pha trà"),
            ("HẢI PHÒNG", ""),
        ]);
        let index = SearchIndex::build(s.articles());
        assert_eq!(ids(&s, &index.folded_words("ha", false)), ["a0", "a2"]);
        assert_eq!(ids(&s, &index.folded_words("ha", true)), ["a0"]);
        let hai = words::marked_prefix(&words::marked_key("hải"));
        assert_eq!(ids(&s, &index.marked_words(&hai, true)), ["a2"]);
        assert_eq!(ids(&s, &index.all()), ["a0", "a1", "a2"]);
    }

    #[test]
    fn an_index_answers_only_for_its_own_store() {
        let s = store(&[("Hà Nội", "")]);
        let index = SearchIndex::of_store(&s.shared());
        assert!(index.is_for(&s));
        assert!(index.is_for(&s.clone()), "a clone shares the articles");
        let other = store(&[("Hà Nội", "")]);
        assert!(!index.is_for(&other));
        assert!(!SearchIndex::build(s.articles()).is_for(&s));
    }

    #[test]
    fn parts_that_turn_common_words_into_bitmaps_give_the_same_index() {
        // Words in every article, in one in 20, in one in 10 of the first 3000 only (common
        // there, rare in the store), in one in 3 of them (common in both), in one in 500 and
        // in one article each.
        let n = 10_000;
        let titles: Vec<String> = (0..n)
            .map(|i| {
                let mut t = format!("chung w{i}");
                for (word, every, below) in [
                    ("hai", 20, n),
                    ("som", 10, 3000),
                    ("hiem", 500, n),
                    ("cuoi", 7, n),
                    ("tam", 3, 3000),
                ] {
                    if i % every == 0 && i < below {
                        t.push(' ');
                        t.push_str(word);
                    }
                }
                t
            })
            .collect();
        let texts: Vec<(&str, &str)> = titles.iter().map(|t| (t.as_str(), "")).collect();
        let s = store(&texts);
        let want = |word: &str| -> Vec<String> {
            (titles.iter().enumerate())
                .filter(|(_, t)| t.split(' ').any(|w| w == word))
                .map(|(i, _)| format!("a{i}"))
                .collect()
        };
        // Parts of unequal ranges, as threads cut them, and one part for the whole.
        for cuts in [vec![0, 3000, n], vec![0, 2500, 2600, n], vec![0, n]] {
            let parts: Vec<Part> = (cuts.windows(2))
                .map(|w| {
                    let range = w[0]..w[1];
                    let mut part = Part::new(&range);
                    part.add(s.articles(), range);
                    part
                })
                .collect();
            let turned = (parts.iter())
                .flat_map(|p| &p.folded.lists)
                .filter(|l| matches!(l, PartList::Many { .. }))
                .count();
            assert!(turned >= 3, "{cuts:?}: {turned} lists turned into bitmaps");
            let index = SearchIndex::merge(parts, n);
            for word in [
                "chung", "hai", "som", "hiem", "cuoi", "tam", "w0", "w2999", "w9999",
            ] {
                let (got, want) = (ids(&s, &index.folded_words(word, true)), want(word));
                assert!(
                    got == want,
                    "{cuts:?}: {word}: {} articles, not {}",
                    got.len(),
                    want.len()
                );
                // Kept as a bitmap exactly when one article in 32 holds it.
                let at = index.folded.range(word, true).start;
                let dense = index.folded.bitmap(at).is_some();
                assert_eq!(dense, want.len() * 32 >= n, "{cuts:?}: {word}");
            }
        }
    }

    #[test]
    fn sets_hold_exactly_their_articles() {
        let mut set = ArticleSet::empty(130);
        for i in [0, 63, 64, 129] {
            set.insert(i);
        }
        assert_eq!(set.len(), 4);
        assert!(set.has(129) && set.has(64) && set.has(0));
        assert!(!set.has(128) && !set.has(1) && !set.has(130));
        assert_eq!(ArticleSet::full(130).len(), 130);
        assert_eq!(ArticleSet::full(128).len(), 128);
        assert!(ArticleSet::empty(0).is_empty());
    }
}
