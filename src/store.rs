//! The article store: JSON wire format -> validated, sanitised [`Article`]s.
//!
//! Parsing goes through `serde_json::Value` first so that one bad article (a wrong type, a missing
//! title) costs a warning for that article only, never the whole file. Every text field passes
//! through [`crate::text`]'s sanitiser here, once, so nothing downstream sees a control character.

mod article;

use std::collections::HashMap;
use std::fmt;
use std::path::{Path, PathBuf};

use serde_json::{Map, Value};

use crate::text::{fold, sanitize_block, sanitize_line};

pub use article::{Article, Published, short_date};

/// The sample store built from the two seed pages, embedded so tuinews works with no store at all.
pub const EMBEDDED_SAMPLE: &str = include_str!("../sample-data/articles.json");

/// Which store was opened, and why that one.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Origin {
    /// `--store PATH` (or `tuinews check PATH`).
    Flag(PathBuf),
    /// `$TUINEWS_STORE`.
    Env(PathBuf),
    /// `$XDG_DATA_HOME/tuinews/articles.json` (or `~/.local/share/...`).
    Xdg(PathBuf),
    /// The sample embedded in the binary.
    Embedded,
}

impl Origin {
    /// The file name as the user would recognise it.
    pub fn name(&self) -> String {
        match self {
            Origin::Flag(p) | Origin::Env(p) | Origin::Xdg(p) => p.display().to_string(),
            Origin::Embedded => "embedded sample".to_owned(),
        }
    }

    /// Why this store was chosen, for `tuinews check`.
    pub fn describe(&self) -> String {
        match self {
            Origin::Flag(p) => format!("{} (from --store)", p.display()),
            Origin::Env(p) => format!("{} (from $TUINEWS_STORE)", p.display()),
            Origin::Xdg(p) => format!("{} (the user data store)", p.display()),
            Origin::Embedded => {
                "the embedded sample (no --store, no $TUINEWS_STORE, no user data store)".to_owned()
            }
        }
    }
}

/// Chooses the store: `--store`, else `$TUINEWS_STORE`, else the XDG data file when it exists,
/// else the embedded sample. Takes its environment as arguments so it is testable.
pub fn choose(
    flag: Option<PathBuf>,
    env_store: Option<PathBuf>,
    xdg_data_home: Option<PathBuf>,
    home: Option<PathBuf>,
) -> Origin {
    if let Some(p) = flag {
        return Origin::Flag(p);
    }
    if let Some(p) = env_store.filter(|p| !p.as_os_str().is_empty()) {
        return Origin::Env(p);
    }
    let data = xdg_data_home
        .filter(|p| p.is_absolute())
        .or_else(|| home.map(|h| h.join(".local").join("share")));
    if let Some(d) = data {
        let p = d.join("tuinews").join("articles.json");
        if p.is_file() {
            return Origin::Xdg(p);
        }
    }
    Origin::Embedded
}

/// A problem that stops the store from loading at all.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("{file}: cannot read: {source}")]
    Read {
        file: String,
        #[source]
        source: std::io::Error,
    },
    #[error("{file}: not UTF-8 text (invalid byte at offset {offset})")]
    NotUtf8 { file: String, offset: usize },
    #[error("{file}:{line}:{column}: invalid JSON: {message}")]
    Json {
        file: String,
        line: usize,
        column: usize,
        message: String,
    },
    #[error(
        "{file}: expected an object with an \"articles\" array, or an array of articles; found {found}"
    )]
    Shape { file: String, found: String },
}

/// A problem with one article or one field: the article is skipped or the field dropped.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Warning {
    pub file: String,
    /// Position of the article in the store's array (0-based).
    pub index: usize,
    pub id: Option<String>,
    pub field: Option<String>,
    pub message: String,
}

impl fmt::Display for Warning {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: article #{}", self.file, self.index)?;
        if let Some(id) = &self.id {
            write!(f, " (id {id:?})")?;
        }
        if let Some(field) = &self.field {
            write!(f, ", field {field:?}")?;
        }
        write!(f, ": {}", self.message)
    }
}

/// A reference to one article of a loaded store, for in-memory use only: its position, typed so
/// it is never confused with a row of a list or a line of text. It means nothing in another
/// store (a reload may reorder articles), so anything that outlives a store (saved state, a
/// reload) refers to articles by id and asks [`Store::ix_of`] again.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct ArticleIx(u32);

impl ArticleIx {
    /// The position in the store, for code inside this module and for ordering ties.
    pub fn position(self) -> usize {
        // u32 always fits in usize on the 32- and 64-bit targets tuinews builds for.
        self.0 as usize
    }
}

/// The loaded articles, in store order, with an index by id.
#[derive(Clone, Debug, Default)]
pub struct Store {
    /// The file the articles came from, as messages name it.
    pub name: String,
    articles: Vec<Article>,
    pub warnings: Vec<Warning>,
    by_id: HashMap<String, ArticleIx>,
}

impl Store {
    /// Builds a store from already valid articles (tests, future importers).
    pub fn from_articles(articles: Vec<Article>) -> Store {
        let by_id = articles
            .iter()
            .enumerate()
            .map(|(i, a)| (a.id.clone(), ArticleIx(ix_u32(i))))
            .collect();
        Store {
            name: "test store".to_owned(),
            articles,
            warnings: Vec::new(),
            by_id,
        }
    }

    pub fn len(&self) -> usize {
        self.articles.len()
    }

    pub fn is_empty(&self) -> bool {
        self.articles.is_empty()
    }

    /// The article with this id.
    pub fn ix_of(&self, id: &str) -> Option<ArticleIx> {
        self.by_id.get(id).copied()
    }

    pub fn get(&self, id: &str) -> Option<&Article> {
        self.ix_of(id).and_then(|ix| self.article(ix))
    }

    /// The article `ix` refers to; `None` only for a reference from another store.
    pub fn article(&self, ix: ArticleIx) -> Option<&Article> {
        self.articles.get(ix.position())
    }

    /// Every article in store order.
    pub fn articles(&self) -> &[Article] {
        &self.articles
    }

    /// Every article in store order, with its reference.
    pub fn iter(&self) -> impl ExactSizeIterator<Item = (ArticleIx, &Article)> + '_ {
        self.articles
            .iter()
            .enumerate()
            .map(|(i, a)| (ArticleIx(ix_u32(i)), a))
    }

    /// Loads the store named by `origin`.
    pub fn open(origin: &Origin) -> Result<Store, StoreError> {
        match origin {
            Origin::Flag(p) | Origin::Env(p) | Origin::Xdg(p) => Store::load_path(p),
            Origin::Embedded => Store::parse(EMBEDDED_SAMPLE, "embedded sample"),
        }
    }

    /// Reads and parses a store file.
    pub fn load_path(path: &Path) -> Result<Store, StoreError> {
        let file = path.display().to_string();
        let bytes = std::fs::read(path).map_err(|source| StoreError::Read {
            file: file.clone(),
            source,
        })?;
        let text = String::from_utf8(bytes).map_err(|e| StoreError::NotUtf8 {
            file: file.clone(),
            offset: e.utf8_error().valid_up_to(),
        })?;
        Store::parse(&text, &file)
    }

    /// Parses store text; `file` names it in messages.
    pub fn parse(text: &str, file: &str) -> Result<Store, StoreError> {
        // A UTF-8 byte order mark is legal in files written by some editors.
        let text = text.strip_prefix('\u{feff}').unwrap_or(text);
        let value: Value = serde_json::from_str(text).map_err(|e| StoreError::Json {
            file: file.to_owned(),
            line: e.line(),
            column: e.column(),
            message: json_message(&e),
        })?;
        let items = match value {
            Value::Array(items) => items,
            Value::Object(mut map) => match map.remove("articles") {
                Some(Value::Array(items)) => items,
                Some(other) => {
                    return Err(StoreError::Shape {
                        file: file.to_owned(),
                        found: format!("\"articles\" is {}", kind(&other)),
                    });
                }
                None => {
                    return Err(StoreError::Shape {
                        file: file.to_owned(),
                        found: "an object without \"articles\"".to_owned(),
                    });
                }
            },
            other => {
                return Err(StoreError::Shape {
                    file: file.to_owned(),
                    found: kind(&other).to_owned(),
                });
            }
        };
        Ok(Store::from_values(items, file))
    }

    fn from_values(items: Vec<Value>, file: &str) -> Store {
        let mut store = Store {
            name: file.to_owned(),
            ..Store::default()
        };
        // Each kept article's position in the file, so later warnings name the right one.
        let mut file_index = Vec::with_capacity(items.len());
        for (index, item) in items.into_iter().enumerate() {
            let mut ctx = Ctx {
                file,
                index,
                id: None,
                warnings: &mut store.warnings,
            };
            let Some(article) = read_article(item, &mut ctx) else {
                continue;
            };
            if store.by_id.contains_key(&article.id) {
                ctx.warn(
                    Some("id"),
                    "duplicate id; the first article with this id is kept".to_owned(),
                );
                continue;
            }
            if store.articles.len() >= MAX_ARTICLES {
                ctx.warn(
                    None,
                    format!("more than {MAX_ARTICLES} articles; the rest are skipped"),
                );
                break;
            }
            store
                .by_id
                .insert(article.id.clone(), ArticleIx(ix_u32(store.articles.len())));
            store.articles.push(article);
            file_index.push(index);
        }
        // Related ids are checked once every article is known, so forward links work.
        let by_id = &store.by_id;
        for (article, &index) in store.articles.iter_mut().zip(&file_index) {
            let own = article.id.clone();
            let mut dropped = Vec::new();
            article.related.retain(|r| {
                let keep = by_id.contains_key(r) && *r != own;
                if !keep {
                    dropped.push(r.clone());
                }
                keep
            });
            for r in dropped {
                let why = if r == own {
                    "links to itself"
                } else {
                    "names no article in this store"
                };
                store.warnings.push(Warning {
                    file: file.to_owned(),
                    index,
                    id: Some(own.clone()),
                    field: Some("related".to_owned()),
                    message: format!("related id {r:?} {why}; dropped"),
                });
            }
        }
        store
    }
}

/// The most articles one store holds: references are 32-bit, which keeps every list of them
/// (the view, indexes) half the size.
pub const MAX_ARTICLES: usize = u32::MAX as usize;

/// A position as a reference; positions are kept below [`MAX_ARTICLES`] at load.
fn ix_u32(i: usize) -> u32 {
    u32::try_from(i).unwrap_or(u32::MAX)
}

/// serde_json's message without its trailing " at line L column C" (we print those ourselves).
fn json_message(e: &serde_json::Error) -> String {
    let full = e.to_string();
    match full.rfind(" at line ") {
        Some(pos) => full[..pos].to_owned(),
        None => full,
    }
}

fn kind(v: &Value) -> &'static str {
    match v {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}

struct Ctx<'a> {
    file: &'a str,
    index: usize,
    id: Option<String>,
    warnings: &'a mut Vec<Warning>,
}

impl Ctx<'_> {
    fn warn(&mut self, field: Option<&str>, message: String) {
        self.warnings.push(Warning {
            file: self.file.to_owned(),
            index: self.index,
            id: self.id.clone(),
            field: field.map(str::to_owned),
            message,
        });
    }
}

fn read_article(item: Value, ctx: &mut Ctx<'_>) -> Option<Article> {
    let Value::Object(mut obj) = item else {
        ctx.warn(
            None,
            format!("expected an object, found {}; skipped", kind(&item)),
        );
        return None;
    };
    let id = match obj.remove("id") {
        Some(Value::String(s)) => sanitize_line(&s),
        Some(Value::Number(n)) if n.is_u64() || n.is_i64() => n.to_string(),
        Some(other) => {
            ctx.warn(
                Some("id"),
                format!(
                    "expected a string or an integer, found {}; article skipped",
                    kind(&other)
                ),
            );
            return None;
        }
        None => {
            ctx.warn(Some("id"), "missing; article skipped".to_owned());
            return None;
        }
    };
    if id.is_empty() {
        ctx.warn(Some("id"), "empty; article skipped".to_owned());
        return None;
    }
    ctx.id = Some(id.clone());
    let title = match obj.remove("title") {
        Some(Value::String(s)) => sanitize_line(&s),
        Some(other) => {
            ctx.warn(
                Some("title"),
                format!("expected a string, found {}; article skipped", kind(&other)),
            );
            return None;
        }
        None => {
            ctx.warn(Some("title"), "missing; article skipped".to_owned());
            return None;
        }
    };
    if title.is_empty() {
        ctx.warn(Some("title"), "empty; article skipped".to_owned());
        return None;
    }

    let published = match obj.remove("published") {
        None | Some(Value::Null) => None,
        Some(Value::String(s)) => {
            let p = Published::parse(&s);
            if p.is_none() {
                ctx.warn(
                    Some("published"),
                    format!(
                        "{:?} is not RFC 3339, a timestamp or YYYY-MM-DD; the article is kept undated",
                        sanitize_line(&s)
                    ),
                );
            }
            p
        }
        Some(other) => {
            ctx.warn(
                Some("published"),
                format!(
                    "expected a string, found {}; the article is kept undated",
                    kind(&other)
                ),
            );
            None
        }
    };

    let summary = opt_string(&mut obj, "summary", ctx, true).unwrap_or_default();
    let section = opt_string(&mut obj, "section", ctx, false);
    let source = opt_string(&mut obj, "source", ctx, false);
    let url = opt_string(&mut obj, "url", ctx, false);
    let body = read_body(obj.remove("body"), ctx);
    let persons = string_list(&mut obj, "persons", ctx, false);
    let related = string_list(&mut obj, "related", ctx, false);
    let tags = string_list(&mut obj, "tags", ctx, false);
    let captions = string_list(&mut obj, "captions", ctx, true);

    let persons_folded = persons.iter().map(|p| fold(p)).collect();
    let search_key = {
        let mut all = String::with_capacity(title.len() + summary.len() + 64);
        for part in std::iter::once(&title)
            .chain(std::iter::once(&summary))
            .chain(&body)
            .chain(&captions)
            .chain(&persons)
        {
            all.push_str(part);
            // A separator that fold keeps, so words of adjacent fields never run together and a
            // phrase never matches across two fields.
            all.push_str("\n\u{1}\n");
        }
        fold(&all)
    };

    Some(Article {
        id,
        title,
        published,
        summary,
        body,
        persons,
        related,
        section,
        source,
        url,
        tags,
        captions,
        persons_folded,
        search_key,
    })
}

/// An optional string field; a wrong type drops the field with a warning.
fn opt_string(
    obj: &mut Map<String, Value>,
    key: &str,
    ctx: &mut Ctx<'_>,
    block: bool,
) -> Option<String> {
    match obj.remove(key) {
        None | Some(Value::Null) => None,
        Some(Value::String(s)) => {
            let s = if block {
                sanitize_block(&s)
            } else {
                sanitize_line(&s)
            };
            let s = s.trim().to_owned();
            (!s.is_empty()).then_some(s)
        }
        Some(other) => {
            ctx.warn(
                Some(key),
                format!("expected a string, found {}; field ignored", kind(&other)),
            );
            None
        }
    }
}

/// An optional array of strings; non-string entries are dropped with a warning.
fn string_list(
    obj: &mut Map<String, Value>,
    key: &str,
    ctx: &mut Ctx<'_>,
    block: bool,
) -> Vec<String> {
    let items = match obj.remove(key) {
        None | Some(Value::Null) => return Vec::new(),
        Some(Value::Array(items)) => items,
        Some(other) => {
            ctx.warn(
                Some(key),
                format!(
                    "expected an array of strings, found {}; field ignored",
                    kind(&other)
                ),
            );
            return Vec::new();
        }
    };
    let mut out: Vec<String> = Vec::with_capacity(items.len());
    for (i, item) in items.into_iter().enumerate() {
        let s = match item {
            Value::String(s) => s,
            // Related ids may be integers, like article ids.
            Value::Number(n) if key == "related" && (n.is_u64() || n.is_i64()) => n.to_string(),
            other => {
                ctx.warn(
                    Some(key),
                    format!("entry {i} is {}, not a string; entry dropped", kind(&other)),
                );
                continue;
            }
        };
        let s = if block {
            sanitize_block(&s)
        } else {
            sanitize_line(&s)
        };
        let s = s.trim().to_owned();
        if !s.is_empty() && !out.contains(&s) {
            out.push(s);
        }
    }
    out
}

/// `body` is a string whose blank lines separate paragraphs, or an array of paragraphs.
fn read_body(value: Option<Value>, ctx: &mut Ctx<'_>) -> Vec<String> {
    let mut paragraphs = Vec::new();
    let push_text = |text: &str, out: &mut Vec<String>| {
        let clean = sanitize_block(text);
        let mut current = String::new();
        for line in clean.split('\n') {
            if line.trim().is_empty() {
                if !current.trim().is_empty() {
                    out.push(current.trim().to_owned());
                }
                current.clear();
            } else {
                if !current.is_empty() {
                    current.push('\n');
                }
                current.push_str(line);
            }
        }
        if !current.trim().is_empty() {
            out.push(current.trim().to_owned());
        }
    };
    match value {
        None | Some(Value::Null) => {}
        Some(Value::String(s)) => push_text(&s, &mut paragraphs),
        Some(Value::Array(items)) => {
            for (i, item) in items.into_iter().enumerate() {
                match item {
                    Value::String(s) => push_text(&s, &mut paragraphs),
                    other => ctx.warn(
                        Some("body"),
                        format!(
                            "paragraph {i} is {}, not a string; paragraph dropped",
                            kind(&other)
                        ),
                    ),
                }
            }
        }
        Some(other) => ctx.warn(
            Some("body"),
            format!(
                "expected a string or an array of strings, found {}; body ignored",
                kind(&other)
            ),
        ),
    }
    paragraphs
}
