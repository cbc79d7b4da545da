//! Filters by person, date and text: parsing and matching, pure.
//!
//! The command line and the reader use exactly this code. A [`Filter`] is data: it prints as the
//! query it was parsed from, so a later query line can round-trip it.

use std::fmt;

use jiff::ToSpan;
use jiff::civil::Date;

use crate::state::State;
use crate::store::{Article, ArticleIx, Store};
use crate::zone::Zone;

pub mod index;
pub mod line;
pub mod words;

pub use index::{ArticleSet, SearchIndex};
pub use words::Typed;

/// The date forms `--date` accepts, for error messages and help.
pub const DATE_FORMS: &str = "YYYY-MM-DD, YYYY-MM, YYYY, DD/MM/YYYY (leading zeros optional), a \
range A..B of any of these (either end may be left open: 2026-01-28.. or ..2021-12-31), today, or \
Nd for the last N days (7d)";

/// An inclusive range of calendar dates; `None` ends are open.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct DateRange {
    pub start: Option<Date>,
    pub end: Option<Date>,
}

impl DateRange {
    pub fn contains(&self, d: Date) -> bool {
        self.start.is_none_or(|s| d >= s) && self.end.is_none_or(|e| d <= e)
    }
}

/// A date SPEC that could not be read.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("cannot read date {spec:?}: {reason}. Accepted: {DATE_FORMS}")]
pub struct DateSpecError {
    pub spec: String,
    pub reason: String,
}

/// Why the filter the user asked for cannot be built; the command line reports it as a usage error.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum FilterError {
    /// The date SPEC is none of the [`DATE_FORMS`].
    #[error(transparent)]
    Date(#[from] DateSpecError),
    /// The query line cannot be read.
    #[error("--query: {0}")]
    Query(#[from] line::QueryError),
    /// A date given both as `--date` and in the query line.
    #[error("give the date once: --date or date: in --query")]
    TwoDates,
}

/// A date filter: the text the user wrote and the range it means on the day it was parsed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DateFilter {
    pub spec: String,
    pub range: DateRange,
}

impl DateFilter {
    /// Parses a SPEC relative to `today` (relative forms: `today`, `Nd`).
    pub fn parse(spec: &str, today: Date) -> Result<DateFilter, DateSpecError> {
        let range = parse_date_spec(spec, today)?;
        Ok(DateFilter {
            spec: spec.trim().to_owned(),
            range,
        })
    }
}

/// Parses a date SPEC into a range. See [`DATE_FORMS`].
pub fn parse_date_spec(spec: &str, today: Date) -> Result<DateRange, DateSpecError> {
    let err = |reason: &str| DateSpecError {
        spec: spec.to_owned(),
        reason: reason.to_owned(),
    };
    let s = spec.trim();
    if s.is_empty() {
        return Err(err("it is empty"));
    }
    let single = |t: &str, whole: bool| {
        parse_single(t, today).map_err(|e| match e {
            SingleError::Impossible(why) => err(&why),
            SingleError::Form if whole => err("not a date form tuinews knows"),
            SingleError::Form => err(&format!("{t:?} is not a date")),
        })
    };
    if let Some((a, b)) = s.split_once("..") {
        let (a, b) = (a.trim(), b.trim());
        if a.is_empty() && b.is_empty() {
            return Err(err("a range needs at least one end"));
        }
        let start = if a.is_empty() {
            None
        } else {
            Some(single(a, false)?.0)
        };
        let end = if b.is_empty() {
            None
        } else {
            Some(single(b, false)?.1)
        };
        if let (Some(x), Some(y)) = (start, end)
            && x > y
        {
            return Err(err("the range ends before it starts"));
        }
        return Ok(DateRange { start, end });
    }
    let (start, end) = single(s, true)?;
    Ok(DateRange {
        start: Some(start),
        end: Some(end),
    })
}

/// Why one date form could not be read.
enum SingleError {
    /// Not a form tuinews knows.
    Form,
    /// A known form naming a day or month the calendar does not have (`2026-13-01`,
    /// `31/02/2026`).
    Impossible(String),
}

/// A calendar date from numbers in a known form, or why it does not exist.
fn calendar(y: i32, m: i32, d: i32) -> Result<Date, SingleError> {
    let impossible = |what: String| SingleError::Impossible(what);
    if !(1..=12).contains(&m) {
        return Err(impossible(format!("there is no month {m}")));
    }
    let (y16, m8) = (
        i16::try_from(y).map_err(|_| SingleError::Form)?,
        i8::try_from(m).map_err(|_| SingleError::Form)?,
    );
    let d8 = i8::try_from(d).map_err(|_| impossible(format!("there is no day {d}")))?;
    Date::new(y16, m8, d8)
        .map_err(|_| impossible(format!("{d:02}/{m:02}/{y} is not a day of the calendar")))
}

/// One date form -> its first and last day. Months and days may be written without their
/// leading zero (`2026-1-5`, `5/1/2026`).
fn parse_single(s: &str, today: Date) -> Result<(Date, Date), SingleError> {
    let lower = s.to_ascii_lowercase();
    if lower == "today" {
        return Ok((today, today));
    }
    if let Some(n) = lower.strip_suffix('d')
        && !n.is_empty()
        && n.bytes().all(|b| b.is_ascii_digit())
    {
        let n: i64 = n.parse().map_err(|_| SingleError::Form)?;
        if n == 0 || n > 100_000 {
            return Err(SingleError::Impossible(format!(
                "{n}d: the number of days must be 1 to 100000"
            )));
        }
        // The last N days including today: 1d is today, 7d is today and the six before.
        let start = today
            .checked_sub((n - 1).days())
            .map_err(|_| SingleError::Form)?;
        return Ok((start, today));
    }
    let num = |t: &str, len: std::ops::RangeInclusive<usize>| -> Result<i32, SingleError> {
        if len.contains(&t.len()) && t.bytes().all(|b| b.is_ascii_digit()) {
            t.parse().map_err(|_| SingleError::Form)
        } else {
            Err(SingleError::Form)
        }
    };
    if s.contains('/') {
        let parts: Vec<&str> = s.split('/').collect();
        let [d, m, y] = parts.as_slice() else {
            return Err(SingleError::Form);
        };
        let d = calendar(num(y, 4..=4)?, num(m, 1..=2)?, num(d, 1..=2)?)?;
        return Ok((d, d));
    }
    let parts: Vec<&str> = s.split('-').collect();
    match parts.as_slice() {
        [y] => {
            let y = num(y, 4..=4)?;
            Ok((calendar(y, 1, 1)?, calendar(y, 12, 31)?))
        }
        [y, m] => {
            let first = calendar(num(y, 4..=4)?, num(m, 1..=2)?, 1)?;
            Ok((first, first.last_of_month()))
        }
        [y, m, d] => {
            let d = calendar(num(y, 4..=4)?, num(m, 1..=2)?, num(d, 1..=2)?)?;
            Ok((d, d))
        }
        _ => Err(SingleError::Form),
    }
}

/// A person filter: the words of a name. Matches a person whose name has every one of these
/// words as a whole word, in any order (Japanese names are written both ways); words typed
/// without marks match any marks, words typed with marks only those (see [`words`]).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PersonQuery {
    pub text: String,
    words: Vec<Typed>,
}

impl PersonQuery {
    /// The query typed (controls and escape sequences removed: its text is shown and printed).
    pub fn new(text: &str) -> PersonQuery {
        let text = crate::text::sanitize_line(text);
        PersonQuery {
            words: words::typed(&text),
            text,
        }
    }

    /// Whether a name as written matches.
    pub fn matches_name(&self, name: &str) -> bool {
        !self.words.is_empty() && {
            let name_words: Vec<&str> = words::words(name).map(|(_, w)| w).collect();
            self.words
                .iter()
                .all(|t| name_words.iter().any(|w| t.matches(w, true)))
        }
    }

    /// Every article that may have a person this query matches, by the search index: those
    /// whose indexed words include each typed word's folded tokens (a superset, which
    /// [`PersonQuery::matches`] then settles; a word of a script written without spaces is not
    /// cut where the index cuts, and rules out nothing).
    pub fn candidates(&self, index: &SearchIndex) -> index::ArticleSet {
        let mut set = index.all();
        for t in self.words.iter().filter(|t| !t.anywhere()) {
            // The last token taken as a start keeps the set a superset ("o'neil" folds to the
            // tokens o, neil).
            set.intersect(&index.folded_term(&t.folded));
        }
        set
    }

    /// Whether any of the article's persons matches.
    pub fn matches(&self, article: &Article) -> bool {
        if self.words.is_empty() {
            return false;
        }
        // The folded names settle words typed without marks, and rule out most names for words
        // typed with them (a word matching with its marks matches folded: the same word, or for
        // a script without spaces, inside it); only the names left are read as written.
        article.persons.iter().any(|name| {
            self.words.iter().all(|t| {
                name.folded().split(' ').any(|n| match t.marked {
                    Some(_) if t.anywhere() => n.contains(&t.folded),
                    _ => n == t.folded,
                })
            }) && (self.words.iter().all(|t| t.marked.is_none()) || self.matches_name(name))
        })
    }
}

/// One search term: a word that must start a word of the text, or a quoted phrase whose words
/// must follow each other (the last may be the start of a word).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Term {
    Word(Typed),
    Phrase(Vec<Typed>),
}

impl Term {
    /// The term's words, a phrase of one for a word.
    pub fn words(&self) -> &[Typed] {
        match self {
            Term::Word(w) => std::slice::from_ref(w),
            Term::Phrase(p) => p,
        }
    }

    /// The term folded, as it appears in an article's folded search key when it matches.
    fn folded(&self) -> String {
        self.words()
            .iter()
            .map(|w| w.folded.as_str())
            .collect::<Vec<_>>()
            .join(" ")
    }
}

/// What the index says of a search.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Candidates {
    /// The articles that can match; none outside it does.
    pub set: ArticleSet,
    /// Whether every article in the set matches, so nothing needs checking as written.
    pub exact: bool,
}

/// A text search: every term must occur in the title, summary, body, captions or persons.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SearchQuery {
    pub text: String,
    pub terms: Vec<Term>,
    /// Each term folded, for the first pass over the folded search key.
    folded: Vec<String>,
}

impl SearchQuery {
    /// The query typed (controls and escape sequences removed: its text is shown and printed).
    pub fn new(text: &str) -> SearchQuery {
        let text = crate::text::sanitize_line(text);
        let mut terms = Vec::new();
        let mut rest = text.as_str();
        while !rest.is_empty() {
            if let Some((before, after)) = rest.split_once('"') {
                terms.extend(words::typed(before).into_iter().map(Term::Word));
                // An unclosed quote runs to the end.
                let (phrase, after) = after.split_once('"').unwrap_or((after, ""));
                let phrase = words::typed(phrase);
                if !phrase.is_empty() {
                    terms.push(Term::Phrase(phrase));
                }
                rest = after;
            } else {
                terms.extend(words::typed(rest).into_iter().map(Term::Word));
                break;
            }
        }
        SearchQuery {
            folded: terms.iter().map(Term::folded).collect(),
            terms,
            text,
        }
    }

    /// Whether every term occurs in the article (folding it: see [`SearchIndex`] for the way
    /// that does not). The article is taken as given: one whose body is in the store's file
    /// ([`Store::whole`]) is searched without it.
    pub fn matches(&self, article: &Article) -> bool {
        self.matches_key(article, &search_key(article))
    }

    /// [`SearchQuery::matches`] given the article's [`search_key`].
    fn matches_key(&self, article: &Article, key: &str) -> bool {
        if !self.matches_folded(key) {
            return false;
        }
        // The folded key settles terms typed without marks; the rest are checked in the text
        // as written, field by field (a phrase never spans two fields), and only in the fields
        // whose folded text (a segment of the key, between separators) holds the term.
        let segments: Vec<&str> = key.split('\u{1}').collect();
        self.terms
            .iter()
            .zip(&self.folded)
            .filter(|(t, _)| t.words().iter().any(|w| w.marked.is_some()))
            .all(|(t, folded)| {
                article.search_fields().enumerate().any(|(i, f)| {
                    segments
                        .get(i)
                        .is_none_or(|seg| seg.contains(folded.as_str()))
                        && words::occurs(f, t.words())
                })
            })
    }

    /// The articles this search can match, by the index, and whether they all do.
    ///
    /// A term of one word is settled by the index: typed without marks, by the folded tokens
    /// it starts; typed with marks, by those and by the words written with marks it starts
    /// (both conditions of [`SearchQuery::matches`]). A phrase gets the articles holding all
    /// its words, to be checked in order.
    pub fn candidates(&self, index: &SearchIndex) -> Candidates {
        let mut set = index.all();
        let exact = self.settled_by_index();
        for (term, folded) in self.terms.iter().zip(&self.folded) {
            let words = term.words();
            if words.iter().any(Typed::anywhere) {
                // A script without spaces: words are not cut where the index cuts them.
                continue;
            }
            // Every token but the last is followed by something else in the term, so it is a
            // whole token of the text; the last may start a longer one.
            set.intersect(&index.folded_term(folded));
            let last = words.len().saturating_sub(1);
            for (i, w) in words.iter().enumerate() {
                if let Some(key) = &w.marked {
                    let prefix = words::marked_prefix(key);
                    set.intersect(&index.marked_words(&prefix, i < last));
                }
            }
        }
        Candidates { set, exact }
    }

    /// Whether the index's candidates are the answer ([`SearchQuery::candidates`]): every term
    /// is one word, written in a script with spaces (words of other scripts are not cut where
    /// the index cuts them) and folding to one token. Otherwise each candidate is read and
    /// checked.
    pub fn settled_by_index(&self) -> bool {
        self.terms.iter().zip(&self.folded).all(|(term, folded)| {
            let words = term.words();
            !words.iter().any(Typed::anywhere)
                && words.len() == 1
                && index::tokens(folded).eq([folded.as_str()])
        })
    }

    /// Whether every term, folded, starts a word of the folded text `haystack` (or occurs
    /// anywhere, for a script written without spaces).
    pub fn matches_folded(&self, haystack: &str) -> bool {
        self.terms.iter().zip(&self.folded).all(|(term, folded)| {
            let anywhere = term.words().first().is_some_and(Typed::anywhere);
            haystack.match_indices(folded.as_str()).any(|(at, _)| {
                anywhere
                    || !haystack[..at]
                        .chars()
                        .next_back()
                        .is_some_and(char::is_alphanumeric)
            })
        })
    }

    /// Where the terms occur in `text`, in order, overlapping ones merged: what the reader
    /// highlights.
    pub fn highlights(&self, text: &str) -> Vec<std::ops::Range<usize>> {
        let mut all: Vec<std::ops::Range<usize>> = self
            .terms
            .iter()
            .flat_map(|t| words::find(text, t.words()))
            .collect();
        all.sort_by_key(|r| (r.start, r.end));
        let mut out: Vec<std::ops::Range<usize>> = Vec::with_capacity(all.len());
        for r in all {
            match out.last_mut() {
                Some(prev) if r.start <= prev.end => prev.end = prev.end.max(r.end),
                _ => out.push(r),
            }
        }
        out
    }
}

/// The article's search fields folded into one text, with a separator that fold keeps
/// between fields, so words of adjacent fields never run together and a phrase never matches
/// across two fields.
pub fn search_key(a: &Article) -> String {
    crate::text::fold_joined(a.search_fields(), "\n\u{1}\n")
}

/// A filter applied on another thread, so the reader answers keys while a slow search runs; its
/// result is dropped if another filter has replaced it by then.
#[derive(Clone, Debug)]
pub struct Background {
    /// Which filter of the reader this is; only the latest is shown.
    pub generation: u64,
    pub filter: Filter,
    pub store: std::sync::Arc<Store>,
    pub zone: Zone,
    /// Read and starred marks (for `is:unread` and `is:starred`; empty otherwise).
    pub marks: std::sync::Arc<State>,
    pub index: Option<std::sync::Arc<SearchIndex>>,
    /// The reader's latest generation: once it moves past this one, the work stops.
    pub latest: std::sync::Arc<std::sync::atomic::AtomicU64>,
}

impl PartialEq for Background {
    fn eq(&self, other: &Background) -> bool {
        self.generation == other.generation && self.filter == other.filter
    }
}

impl Eq for Background {}

/// What a [`Background`] filter found.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Applied {
    pub generation: u64,
    /// The matching articles, in list order.
    pub view: Vec<ArticleIx>,
    /// See [`Filter::undated_hidden`].
    pub undated_hidden: usize,
}

impl Background {
    /// Applies the filter; `None` when another replaced it meanwhile.
    pub fn run(&self) -> Option<Applied> {
        use std::sync::atomic::Ordering;
        let current = || self.latest.load(Ordering::Relaxed) == self.generation;
        let index = self.index.as_deref();
        let view = self.filter.apply_indexed_while(
            &self.store,
            &self.zone,
            &self.marks,
            index,
            &current,
        )?;
        if !current() {
            return None;
        }
        let undated_hidden =
            self.filter
                .undated_hidden(&self.store, &self.zone, &self.marks, index);
        current().then_some(Applied {
            generation: self.generation,
            view,
            undated_hidden,
        })
    }
}

/// From this many articles on, a filter is applied on every core.
const PARALLEL_FROM: usize = 4096;

/// Every filter at once; they combine with AND. An empty filter keeps everything.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Filter {
    pub persons: Vec<PersonQuery>,
    pub date: Option<DateFilter>,
    pub search: Option<SearchQuery>,
    /// Only articles not read yet (`is:unread`).
    pub unread: bool,
    /// Only starred articles (`is:starred`).
    pub starred: bool,
}

impl Filter {
    pub fn is_empty(&self) -> bool {
        self.persons.is_empty()
            && self.date.is_none()
            && self.search.is_none()
            && !self.unread
            && !self.starred
    }

    /// Whether the article matches, its date taken in its own offset, with no read or starred
    /// marks.
    pub fn matches(&self, article: &Article) -> bool {
        self.matches_in(article, &Zone::ARTICLE, &State::default())
    }

    /// Whether the article matches, its date taken in `zone`, with the reader's `marks`.
    pub fn matches_in(&self, article: &Article, zone: &Zone, marks: &State) -> bool {
        self.matches_but_search(article, zone, marks)
            && self.search.as_ref().is_none_or(|s| s.matches(article))
    }

    /// Every filter but the text search, which costs the most.
    fn matches_but_search(&self, article: &Article, zone: &Zone, marks: &State) -> bool {
        (!self.unread || !marks.is_read(&article.id))
            && (!self.starred || marks.is_starred(&article.id))
            && self.persons.iter().all(|p| p.matches(article))
            && self.date.as_ref().is_none_or(|d| {
                article
                    .published
                    .is_some_and(|p| d.range.contains(zone.date(&p)))
            })
    }

    /// The matching articles, newest first, undated last, ties in store order; dates in each
    /// article's own offset.
    pub fn apply(&self, store: &Store) -> Vec<ArticleIx> {
        self.apply_in(store, &Zone::ARTICLE, &State::default())
    }

    /// The matching articles, dates taken in `zone`, newest first, undated last, ties in
    /// store order.
    pub fn apply_in(&self, store: &Store, zone: &Zone, marks: &State) -> Vec<ArticleIx> {
        self.apply_indexed(store, zone, marks, None)
    }

    /// [`Filter::apply_in`] with the store's search index, when it has been built: a search
    /// then looks only at the articles the index gives, and checks them only when the index
    /// cannot settle the query alone.
    pub fn apply_indexed(
        &self,
        store: &Store,
        zone: &Zone,
        marks: &State,
        index: Option<&SearchIndex>,
    ) -> Vec<ArticleIx> {
        self.apply_indexed_while(store, zone, marks, index, &|| true)
            .unwrap_or_default()
    }

    /// [`Filter::apply_indexed`], given up (`None`) once `go_on` says no: a filter applied in
    /// the background stops when another has replaced it.
    pub fn apply_indexed_while(
        &self,
        store: &Store,
        zone: &Zone,
        marks: &State,
        index: Option<&SearchIndex>,
        go_on: &(dyn Fn() -> bool + Sync),
    ) -> Option<Vec<ArticleIx>> {
        let keeps = self.matcher(store, zone, marks, index);
        let hit = |ix: ArticleIx, a: &Article| {
            (go_on() && keeps(ix, a)).then(|| (ix, a.published.map(|p| p.sort_key())))
        };
        let mut hits: Vec<(ArticleIx, Option<i64>)> = if store.len() < PARALLEL_FROM {
            store.iter().filter_map(|(ix, a)| hit(ix, a)).collect()
        } else {
            // On every core: a search the index cannot settle reads and folds each candidate.
            crate::parallel::by_chunks(store.articles(), |slice, first| {
                slice
                    .iter()
                    .enumerate()
                    .filter_map(|(k, a)| hit(store.ix_at(first + k)?, a))
                    .collect::<Vec<_>>()
            })
            .into_iter()
            .flatten()
            .collect()
        };
        if !go_on() {
            return None;
        }
        // Stable, so ties keep store order.
        hits.sort_by_key(|&(_, key)| std::cmp::Reverse(key));
        Some(hits.into_iter().map(|(ix, _)| ix).collect())
    }

    /// How many undated articles a date filter leaves out that the rest of the filter keeps
    /// (the status line says so); 0 without a date filter.
    pub fn undated_hidden(
        &self,
        store: &Store,
        zone: &Zone,
        marks: &State,
        index: Option<&SearchIndex>,
    ) -> usize {
        if self.date.is_none() {
            return 0;
        }
        let without_date = Filter {
            date: None,
            ..self.clone()
        };
        let keeps = without_date.matcher(store, zone, marks, index);
        store
            .iter()
            .filter(|&(ix, a)| a.published.is_none() && keeps(ix, a))
            .count()
    }

    /// Whether applying the filter reads articles one by one (a search the index does not
    /// settle, or any search before the index is ready): what a reader of a large store does
    /// in the background.
    pub fn reads_articles(&self, index: Option<&SearchIndex>) -> bool {
        self.search
            .as_ref()
            .is_some_and(|s| index.is_none() || !s.settled_by_index())
    }

    /// Whether an article passes the filter, as [`Filter::apply_indexed`] decides it, for
    /// callers that only count or test (no list is built, nothing is sorted).
    pub fn matcher<'a>(
        &'a self,
        store: &'a Store,
        zone: &'a Zone,
        marks: &'a State,
        index: Option<&SearchIndex>,
    ) -> impl Fn(ArticleIx, &Article) -> bool + Sync + 'a {
        let candidates = self
            .search
            .as_ref()
            .zip(index)
            .map(|(s, index)| s.candidates(index));
        // A person's words are words of the article's text too (its names are indexed with
        // it): the index rules out every article none of whose words could be the name's.
        let person_candidates = index.filter(|_| !self.persons.is_empty()).map(|index| {
            let mut set = index.all();
            for p in &self.persons {
                set.intersect(&p.candidates(index));
            }
            set
        });
        move |ix, a| {
            // The index's answer first: it is a bit test, and rules out most articles.
            if candidates.as_ref().is_some_and(|c| !c.set.contains(ix))
                || person_candidates.as_ref().is_some_and(|c| !c.contains(ix))
            {
                return false;
            }
            self.matches_but_search(a, zone, marks)
                && match (&self.search, &candidates) {
                    (None, _) => true,
                    (Some(_), Some(c)) if c.exact => true,
                    // Read whole: its body may be in the store's file.
                    (Some(s), _) => store.whole(ix).is_some_and(|whole| s.matches(&whole)),
                }
        }
    }
}

impl fmt::Display for Filter {
    /// The filter as a query line: `person:"Lê Hoài Trung" date:2026-01 asean`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut parts: Vec<String> = Vec::new();
        for p in &self.persons {
            parts.push(format!("person:{}", quote_if_needed(&p.text)));
        }
        if let Some(d) = &self.date {
            parts.push(format!("date:{}", quote_if_needed(&d.spec)));
        }
        if self.unread {
            parts.push("is:unread".to_owned());
        }
        if self.starred {
            parts.push("is:starred".to_owned());
        }
        if let Some(s) = &self.search {
            parts.push(line::search_as_line(&s.text));
        }
        f.write_str(&parts.join(" "))
    }
}

/// A value as the query line writes it: quoted when it has a space (the line has no escapes,
/// so a quote inside a value becomes an apostrophe).
fn quote_if_needed(s: &str) -> String {
    let s = s.replace('"', "'");
    if s.chars().any(char::is_whitespace) || s.is_empty() {
        format!("\"{s}\"")
    } else {
        s
    }
}

#[cfg(test)]
mod tests {
    use jiff::civil::date;

    use super::*;
    use crate::cli::{ListArgs, filter_from_args};

    #[test]
    fn a_bad_date_is_a_filter_error_with_the_date_message() {
        let today = date(2026, 1, 30);
        let args = ListArgs {
            date: Some("hôm qua".to_owned()),
            ..ListArgs::default()
        };
        let Err(spec_error) = DateFilter::parse("hôm qua", today) else {
            panic!("\"hôm qua\" is no date form");
        };
        let e = filter_from_args(&args, today);
        assert_eq!(e, Err(FilterError::Date(spec_error.clone())));
        if let Err(e) = e {
            assert_eq!(e.to_string(), spec_error.to_string());
        }
    }

    #[test]
    fn good_arguments_make_the_filter() {
        let today = date(2026, 1, 30);
        let args = ListArgs {
            person: vec!["Tô Lâm".to_owned()],
            date: Some("2026-01".to_owned()),
            search: Some("  ".to_owned()),
            ..ListArgs::default()
        };
        let f = filter_from_args(&args, today).map(|f| f.to_string());
        assert_eq!(f, Ok("person:\"Tô Lâm\" date:2026-01".to_owned()));
    }

    mod index_candidates {
        //! What the search index says of a query: which articles can match, and whether they all do.

        use super::super::*;
        use crate::query::index::tests::{ids, store};

        #[test]
        fn a_word_typed_without_marks_is_answered_exactly_by_word_starts() {
            let s = store(&[
                ("Hà Nội đón khách", "Thủ tướng gặp"),
                ("Nhật Bản", "pha trà"),
                ("HẢI PHÒNG", "hạ tầng"),
            ]);
            let index = SearchIndex::build(s.articles());
            let c = SearchQuery::new("ha").candidates(&index);
            assert!(c.exact);
            // "ha" starts Hà, HẢI and hạ, never the inside of Nhật or pha.
            assert_eq!(ids(&s, &c.set), ["a0", "a2"]);
            let c = SearchQuery::new("nhat ban").candidates(&index);
            assert!(c.exact);
            assert_eq!(ids(&s, &c.set), ["a1"]);
            assert!(SearchQuery::new("xyz").candidates(&index).set.is_empty());
        }

        #[test]
        fn phrases_give_candidates_to_check_and_marked_words_are_settled() {
            let s = store(&[("Thủ tướng gặp", ""), ("tướng thủ", ""), ("Thu hút", "")]);
            let index = SearchIndex::build(s.articles());
            let c = SearchQuery::new("\"thu tuong\"").candidates(&index);
            assert!(!c.exact);
            // Both words are in a0 and a1; only the check as written tells their order.
            assert_eq!(ids(&s, &c.set), ["a0", "a1"]);
            // A word typed with marks is settled by the words written with those marks.
            let c = SearchQuery::new("Thủ").candidates(&index);
            assert!(c.exact);
            assert_eq!(ids(&s, &c.set), ["a0", "a1"]);
        }

        #[test]
        fn the_index_agrees_with_the_search_on_every_query() {
            let s = crate::store::Store::parse(crate::store::EMBEDDED_SAMPLE, "sample")
                .unwrap_or_else(|e| panic!("{e}"));
            let index = SearchIndex::build(s.articles());
            assert!(index.tokens() > 300, "{} tokens", index.tokens());
            for q in [
                "pham minh chinh",
                "Phạm",
                "nhat",
                "\"dang cong san\"",
                "t",
                "hữu nghị",
                "2021",
                "nhật bản viet",
                "zzz",
            ] {
                let query = SearchQuery::new(q);
                let c = query.candidates(&index);
                for (ix, a) in s.iter() {
                    let matches = query.matches(a);
                    assert!(!matches || c.set.contains(ix), "{q:?} misses {}", a.id);
                    if c.exact {
                        assert_eq!(c.set.contains(ix), matches, "{q:?} on {}", a.id);
                    }
                }
            }
        }
    }
}
