//! Merging imported articles into a JSON store, and writing the store so that no failure can
//! leave it half written.
//!
//! The store is the user's data, often edited by hand, so the merge touches as little of it as it
//! can: an article the import does not concern is written back byte for byte as it was, unknown
//! fields of an updated article are kept, and so are the store's other top-level keys. An article
//! already in the store (same id, else same URL, else same title and date) is updated rather than
//! added again; the store's id is kept, so links from other articles still hold.

use std::collections::BTreeMap;
use std::fs::{self, File};
use std::io::{self, Write};
use std::path::{Path, PathBuf};

use serde_json::value::RawValue;
use serde_json::{Map, Value};

use crate::store::{Article, BuildCtx, Published, RawArticle, Store, StoreError, build};
use crate::text::fold;

use super::dates::YearFrom;

pub use super::entry::YEAR_INFERRED;
use super::entry::{article_object, pretty_object, update};
pub use super::report::{Action, Entry, Report, SourceReport};

/// The store as it is on disk, entry by entry, so untouched entries go back unchanged.
pub struct StoreFile {
    path: PathBuf,
    /// The other top-level keys when the store is an object; `None` for a bare array.
    top: Option<BTreeMap<String, Box<RawValue>>>,
    entries: Vec<Slot>,
    /// The bytes read, to tell whether anything changed.
    original: Option<Vec<u8>>,
}

/// One entry of the store's article array.
enum Slot {
    /// As it was in the file.
    Raw(Box<RawValue>),
    /// Added or updated by this import.
    New(Map<String, Value>),
}

/// Why the store could not be read or written. Nothing is written when any of these happens.
#[derive(Debug, thiserror::Error)]
pub enum MergeError {
    #[error("{0}")]
    Load(#[from] StoreError),
    #[error("{file}: cannot be merged into: {message}")]
    Shape { file: String, message: String },
    #[error("{file}: cannot write the store: {step}: {error}")]
    Write {
        file: String,
        step: &'static str,
        #[source]
        error: io::Error,
    },
    #[error("{file}: the merged store would not load ({message}); nothing was written")]
    Invalid { file: String, message: String },
}

impl StoreFile {
    /// Reads the store at `path`; a missing file is an empty store, to be created.
    pub fn open(path: &Path) -> Result<StoreFile, MergeError> {
        let file = path.display().to_string();
        let bytes = match fs::read(path) {
            Ok(b) => b,
            Err(e) if e.kind() == io::ErrorKind::NotFound => {
                return Ok(StoreFile {
                    path: path.to_path_buf(),
                    top: Some(BTreeMap::new()),
                    entries: Vec::new(),
                    original: None,
                });
            }
            Err(source) => {
                return Err(StoreError::Read { file, source }.into());
            }
        };
        let text = std::str::from_utf8(&bytes).map_err(|e| StoreError::NotUtf8 {
            file: file.clone(),
            offset: e.valid_up_to(),
        })?;
        // The store's own loader gives the messages users know (file:line:column, shape).
        Store::parse(text, &file)?;
        let text = text.strip_prefix('\u{feff}').unwrap_or(text);
        let shape = |e: serde_json::Error| MergeError::Shape {
            file: file.clone(),
            message: e.to_string(),
        };
        let (top, raw_entries) = if text.trim_start().starts_with('[') {
            let v: Vec<Box<RawValue>> = serde_json::from_str(text).map_err(shape)?;
            (None, v)
        } else {
            let mut top: BTreeMap<String, Box<RawValue>> =
                serde_json::from_str(text).map_err(shape)?;
            let articles = top.remove("articles").ok_or_else(|| MergeError::Shape {
                file: file.clone(),
                message: "no \"articles\"".to_owned(),
            })?;
            let v: Vec<Box<RawValue>> = serde_json::from_str(articles.get()).map_err(shape)?;
            (Some(top), v)
        };
        Ok(StoreFile {
            path: path.to_path_buf(),
            top,
            entries: raw_entries.into_iter().map(Slot::Raw).collect(),
            original: Some(bytes),
        })
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Whether the file existed before this import.
    pub fn existed(&self) -> bool {
        self.original.is_some()
    }

    /// The entry as an object, for matching and merging.
    fn object(&self, i: usize) -> Option<Map<String, Value>> {
        match &self.entries[i] {
            Slot::Raw(raw) => match serde_json::from_str::<Value>(raw.get()) {
                Ok(Value::Object(m)) => Some(m),
                _ => None,
            },
            Slot::New(m) => Some(m.clone()),
        }
    }

    /// Merges one source's raw articles; each is built by the store's build step first.
    pub fn merge(
        &mut self,
        source: &str,
        raws: Vec<RawArticle>,
        year_from: &[Option<YearFrom>],
    ) -> Vec<Entry> {
        let mut warnings = Vec::new();
        let mut built: Vec<(usize, Article)> = Vec::new();
        let mut entries: Vec<(usize, Entry)> = Vec::new();
        for (index, raw) in raws.into_iter().enumerate() {
            let title = raw.title.clone().unwrap_or_default();
            let before = warnings.len();
            let mut ctx = BuildCtx::new(source, index, &mut warnings);
            match build(raw, &mut ctx) {
                Some(a) => built.push((index, a)),
                None => {
                    let why = warnings[before..]
                        .iter()
                        .map(|w| w.message.clone())
                        .collect::<Vec<_>>()
                        .join("; ");
                    entries.push((
                        index,
                        Entry {
                            id: String::new(),
                            title: crate::text::sanitize_line(&title),
                            action: Action::Skipped(why),
                            year_from: None,
                        },
                    ));
                }
            }
        }

        // Decide first where each article goes, so links between them can follow the store's
        // ids; a story listed twice in one source is one article.
        let index = self.index();
        let mut target: Vec<Option<usize>> = Vec::new();
        let mut id_map: BTreeMap<String, String> = BTreeMap::new();
        let mut claimed: BTreeMap<String, usize> = BTreeMap::new();
        for (_, a) in &built {
            let found = index.find(a);
            let store_id = found
                .and_then(|i| index.ids.get(i).cloned().flatten())
                .unwrap_or_else(|| a.id.clone());
            id_map.insert(a.id.clone(), store_id);
            target.push(found);
        }
        for ((source_index, a), found) in built.into_iter().zip(target) {
            let store_id = id_map.get(&a.id).cloned().unwrap_or_else(|| a.id.clone());
            if let Some(&first) = claimed.get(&store_id) {
                entries.push((
                    source_index,
                    Entry {
                        id: store_id,
                        title: a.title.clone(),
                        action: Action::Skipped(format!(
                            "the same story as article #{first} of this source"
                        )),
                        year_from: None,
                    },
                ));
                continue;
            }
            claimed.insert(store_id.clone(), source_index);
            let related: Vec<String> = a
                .related
                .iter()
                .map(|r| id_map.get(r).cloned().unwrap_or_else(|| r.clone()))
                .collect();
            let from = year_from.get(source_index).copied().flatten();
            let mut fresh = article_object(&a, &related, from);
            fresh.insert("id".to_owned(), Value::String(store_id.clone()));
            let action = match found {
                Some(i) => {
                    let old = self.object(i).unwrap_or_default();
                    let (merged, changed) = update(&old, &fresh);
                    if changed.is_empty() {
                        Action::Skipped("already in the store, unchanged".to_owned())
                    } else {
                        self.entries[i] = Slot::New(merged);
                        Action::Updated(changed)
                    }
                }
                None => {
                    self.entries.push(Slot::New(fresh));
                    Action::Added
                }
            };
            entries.push((
                source_index,
                Entry {
                    id: store_id,
                    title: a.title,
                    action,
                    year_from: from,
                },
            ));
        }
        entries.sort_by_key(|(i, _)| *i);
        entries.into_iter().map(|(_, e)| e).collect()
    }

    fn index(&self) -> Index {
        let mut ix = Index::default();
        for i in 0..self.entries.len() {
            let obj = self.object(i);
            let get = |k: &str| obj.as_ref().and_then(|o| o.get(k));
            let id = match get("id") {
                Some(Value::String(s)) => Some(crate::text::sanitize_line(s).trim().to_owned()),
                Some(Value::Number(n)) => Some(n.to_string()),
                _ => None,
            };
            let text = |k: &str| match get(k) {
                Some(Value::String(s)) => Some(crate::text::sanitize_line(s).trim().to_owned()),
                _ => None,
            };
            ix.urls.push(text("url").filter(|u| !u.is_empty()));
            ix.titles.push(text("title").map(|t| fold(&t)));
            ix.dates.push(
                text("published")
                    .and_then(|p| Published::parse(&p))
                    .map(|p| p.date()),
            );
            ix.ids.push(id);
        }
        ix
    }

    /// The store's new text.
    pub fn render(&self) -> String {
        let mut out = String::new();
        let indent = if self.top.is_some() { "    " } else { "  " };
        let mut items = Vec::with_capacity(self.entries.len());
        for slot in &self.entries {
            match slot {
                Slot::Raw(raw) => items.push(raw.get().to_owned()),
                Slot::New(m) => items.push(pretty_object(m, indent)),
            }
        }
        let array = if items.is_empty() {
            "[]".to_owned()
        } else {
            let close = &indent[2..];
            format!(
                "[\n{indent}{}\n{close}]",
                items.join(&format!(",\n{indent}"))
            )
        };
        match &self.top {
            None => {
                out.push_str(&array);
            }
            Some(top) => {
                out.push_str("{\n  \"articles\": ");
                out.push_str(&array);
                for (k, v) in top {
                    out.push_str(",\n  ");
                    out.push_str(&Value::String(k.clone()).to_string());
                    out.push_str(": ");
                    out.push_str(v.get());
                }
                out.push_str("\n}");
            }
        }
        out.push('\n');
        out
    }

    /// Writes the merged store if anything changed: the new text is checked to load, written to a
    /// temporary file beside the store and synced, the previous store is kept as `NAME.bak`, and
    /// the new file is renamed over the store. A failure at any step leaves the store as it was.
    /// Returns the backup's path when one was made.
    pub fn write(&self) -> Result<Option<PathBuf>, MergeError> {
        self.write_with(&mut |_| Ok(()))
    }

    /// [`StoreFile::write`] with a hook called before each step, so tests can make any step fail.
    pub fn write_with(
        &self,
        hook: &mut dyn FnMut(WriteStep) -> io::Result<()>,
    ) -> Result<Option<PathBuf>, MergeError> {
        let text = self.render();
        if self.original.as_deref() == Some(text.as_bytes()) {
            return Ok(None);
        }
        let file = self.path.display().to_string();
        Store::parse(&text, &file).map_err(|e| MergeError::Invalid {
            file: file.clone(),
            message: e.to_string(),
        })?;
        let fail = |step: &'static str| {
            let file = file.clone();
            move |error: io::Error| MergeError::Write { file, step, error }
        };
        let dir = match self.path.parent() {
            Some(d) if !d.as_os_str().is_empty() => d.to_path_buf(),
            _ => PathBuf::from("."),
        };
        hook(WriteStep::CreateDir).map_err(fail("creating its directory"))?;
        fs::create_dir_all(&dir).map_err(fail("creating its directory"))?;
        let name = self.path.file_name().map_or_else(
            || "articles.json".into(),
            |n| n.to_string_lossy().into_owned(),
        );
        let tmp = dir.join(format!(".{name}.tmp-{}", std::process::id()));
        let result = (|| {
            hook(WriteStep::Temp).map_err(fail("writing a temporary file"))?;
            let mut f = File::create(&tmp).map_err(fail("writing a temporary file"))?;
            f.write_all(text.as_bytes())
                .map_err(fail("writing a temporary file"))?;
            hook(WriteStep::Sync).map_err(fail("syncing the temporary file"))?;
            f.sync_all().map_err(fail("syncing the temporary file"))?;
            drop(f);
            let backup = if self.original.is_some() {
                let bak = dir.join(format!("{name}.bak"));
                hook(WriteStep::Backup).map_err(fail("keeping the previous store"))?;
                keep_backup(&self.path, &bak, &dir, &name)
                    .map_err(fail("keeping the previous store"))?;
                Some(bak)
            } else {
                None
            };
            hook(WriteStep::Rename).map_err(fail("renaming the new store into place"))?;
            fs::rename(&tmp, &self.path).map_err(fail("renaming the new store into place"))?;
            // The rename is durable only once the directory is synced; failing here cannot
            // undo it, so it is not an error worth reporting.
            if let Ok(d) = File::open(&dir) {
                let _ = d.sync_all();
            }
            Ok(backup)
        })();
        if result.is_err() {
            let _ = fs::remove_file(&tmp);
        }
        result
    }
}

/// The steps of writing a store, for tests that make one fail.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum WriteStep {
    CreateDir,
    Temp,
    Sync,
    Backup,
    Rename,
}

/// Makes `bak` a copy of the store as it is now, itself written atomically (a hard link when the
/// file system allows, which costs nothing, else a copy), so a failure here leaves any older
/// backup whole.
fn keep_backup(store: &Path, bak: &Path, dir: &Path, name: &str) -> io::Result<()> {
    let tmp = dir.join(format!(".{name}.bak-{}", std::process::id()));
    let _ = fs::remove_file(&tmp);
    if fs::hard_link(store, &tmp).is_err() {
        fs::copy(store, &tmp)?;
        File::open(&tmp)?.sync_all()?;
    }
    fs::rename(&tmp, bak).inspect_err(|_| {
        let _ = fs::remove_file(&tmp);
    })
}

#[derive(Default)]
struct Index {
    ids: Vec<Option<String>>,
    urls: Vec<Option<String>>,
    titles: Vec<Option<String>>,
    dates: Vec<Option<jiff::civil::Date>>,
}

impl Index {
    /// The store entry that is this article: same id, else same URL, else same title (folded)
    /// and same date (or both undated).
    fn find(&self, a: &Article) -> Option<usize> {
        if let Some(i) = self.ids.iter().position(|id| id.as_deref() == Some(&a.id)) {
            return Some(i);
        }
        if let Some(url) = &a.url
            && let Some(i) = self.urls.iter().position(|u| u.as_ref() == Some(url))
        {
            return Some(i);
        }
        let title = fold(&a.title);
        let date = a.published.map(|p| p.date());
        (0..self.ids.len())
            .find(|&i| self.titles[i].as_deref() == Some(title.as_str()) && self.dates[i] == date)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn raw(id: &str, title: &str) -> RawArticle {
        RawArticle {
            id: Some(id.to_owned()),
            title: Some(title.to_owned()),
            ..RawArticle::default()
        }
    }

    #[test]
    fn fields_are_updated_but_written_years_and_existing_persons_stay() {
        let old = json!({"id": "a", "title": "T", "published": "2021-11-24", "persons": ["A B"],
                         "related": ["x"], "mine": 1});
        let fresh = json!({"id": "b", "title": "T2", "published": "2025-11-24",
                           YEAR_INFERRED: true, "persons": ["C D"], "related": ["y", "x"]});
        let (Value::Object(old), Value::Object(fresh)) = (old, fresh) else {
            unreachable!("both are objects")
        };
        let (merged, changed) = update(&old, &fresh);
        assert_eq!(
            Value::Object(merged),
            json!({"id": "a", "title": "T2", "published": "2021-11-24", "persons": ["A B"],
                   "related": ["x", "y"], "mine": 1})
        );
        assert_eq!(changed, ["related", "title"]);
    }

    #[test]
    fn untouched_entries_are_written_back_byte_for_byte() -> Result<(), Box<dyn std::error::Error>>
    {
        let dir = tempfile::tempdir()?;
        let path = dir.path().join("s.json");
        let text =
            "{\"articles\": [ {\"id\":1,  \"title\":\"Một\", \"x\": [1,2]} ], \"note\": \"giữ\"}";
        fs::write(&path, text)?;
        let mut store = StoreFile::open(&path)?;
        let entries = store.merge("f", vec![raw("b", "Hai")], &[]);
        assert_eq!(entries[0].action, Action::Added);
        let out = store.render();
        assert!(
            out.contains("{\"id\":1,  \"title\":\"Một\", \"x\": [1,2]}"),
            "{out}"
        );
        assert!(out.contains("\"note\": \"giữ\""), "{out}");
        let reloaded = Store::parse(&out, "s.json")?;
        assert_eq!(reloaded.len(), 2);
        assert!(reloaded.warnings.is_empty(), "{:?}", reloaded.warnings);
        Ok(())
    }
}
