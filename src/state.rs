//! What the reader remembers about a store, kept apart from it: which articles were read and
//! which are starred, by article id, so edits and reordering of the store change nothing. The
//! store file itself is never written.
//!
//! One JSON file per store under `$XDG_STATE_HOME/tuinews/` (default `~/.local/state/tuinews/`),
//! named by a hash of the store's path, which the file also records. Writes are atomic (a
//! temporary file in the same directory, fsync, rename), so a crash, a kill or a full disk
//! leaves the earlier file whole. A file that cannot be read is set aside with a timestamp and
//! a warning, never fatal.
//!
//! Two readers on one store: every save re-reads the file and merges, per id, the change made
//! last (each mark carries the time it was set), so neither destroys the other's marks, and an
//! un-read or un-star survives as well as a read or a star. Ids that vanished from the store are
//! kept in the file (the article may come back) and simply never shown.

use std::collections::BTreeMap;
use std::io::Write;
use std::path::{Path, PathBuf};

use serde_json::{Value, json};

/// One mark of one article: whether it is on, and when that was decided (ms since the epoch).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Mark {
    pub on: bool,
    pub at: u64,
}

/// Where the reader was when it last closed, to reopen there.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Position {
    /// The filters, as the query line writes them.
    pub filter: String,
    /// The article shown, by id.
    pub article: Option<String>,
    /// The first article line on screen.
    pub scroll: usize,
}

/// The reading state of one store.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct State {
    /// The store's path, as recorded in the file.
    pub store: String,
    pub read: BTreeMap<String, Mark>,
    pub starred: BTreeMap<String, Mark>,
    /// Where the reader was; the last reader to close decides.
    pub position: Option<Position>,
}

/// A problem with the state file that did not stop the reader.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct StateWarning(pub String);

/// A state file that could not be written.
#[derive(Debug, thiserror::Error)]
#[error("{file}: cannot save the reading state: {source}")]
pub struct StateError {
    pub file: String,
    #[source]
    pub source: std::io::Error,
}

/// The directory the state lives in: `$XDG_STATE_HOME/tuinews`, else `~/.local/state/tuinews`.
pub fn state_dir(xdg_state_home: Option<PathBuf>, home: Option<PathBuf>) -> Option<PathBuf> {
    crate::xdg::state_dir(xdg_state_home.as_deref(), home.as_deref())
}

/// The path a store's state is kept under: the store file's canonical path, or the embedded
/// sample's name.
pub fn store_key(origin: &crate::store::Origin) -> PathBuf {
    use crate::store::Origin;
    match origin {
        Origin::Flag(p) | Origin::Env(p) | Origin::Xdg(p) => {
            std::fs::canonicalize(p).unwrap_or_else(|_| p.clone())
        }
        Origin::Embedded => PathBuf::from(origin.name()),
    }
}

/// The state file of the store at `store`: a stable hash of its path
/// ([`crate::xdg::path_hash`]).
pub fn state_file(dir: &Path, store: &Path) -> PathBuf {
    dir.join(format!("store-{:016x}.json", crate::xdg::path_hash(store)))
}

impl State {
    pub fn is_read(&self, id: &str) -> bool {
        self.read.get(id).is_some_and(|m| m.on)
    }

    pub fn is_starred(&self, id: &str) -> bool {
        self.starred.get(id).is_some_and(|m| m.on)
    }

    /// Marks an article read or unread at `now`; whether anything changed.
    pub fn set_read(&mut self, id: &str, on: bool, now: u64) -> bool {
        set(&mut self.read, id, on, now)
    }

    /// Stars or unstars an article at `now`; whether anything changed.
    pub fn set_starred(&mut self, id: &str, on: bool, now: u64) -> bool {
        set(&mut self.starred, id, on, now)
    }

    /// Reads the state of `store` from `dir`. A missing file is an empty state; a file that
    /// cannot be read is renamed aside (`.corrupt-<ms>`) with a warning.
    pub fn load(dir: &Path, store: &Path, now: u64) -> (State, Vec<StateWarning>) {
        let file = state_file(dir, store);
        let empty = State {
            store: store.display().to_string(),
            ..State::default()
        };
        let text = match std::fs::read_to_string(&file) {
            Ok(t) => t,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return (empty, Vec::new()),
            Err(e) => {
                let warning = StateWarning(format!(
                    "{}: cannot read the reading state: {e}",
                    crate::text::visible(&file.display().to_string())
                ));
                return (empty, vec![warning]);
            }
        };
        match parse(&text) {
            Some(mut state) => {
                state.store = store.display().to_string();
                (state, Vec::new())
            }
            None => {
                let aside = file.with_extension(format!("json.corrupt-{now}"));
                let moved = std::fs::rename(&file, &aside);
                let what = match moved {
                    Ok(()) => format!(
                        "set aside as {}",
                        crate::text::visible(&aside.display().to_string())
                    ),
                    Err(e) => format!("could not be set aside: {e}"),
                };
                let warning = StateWarning(format!(
                    "{}: the reading state is not readable and was {what}; starting afresh",
                    crate::text::visible(&file.display().to_string())
                ));
                (empty, vec![warning])
            }
        }
    }

    /// Writes the state of `store` to `dir`, merged with what another reader may have written
    /// there since: per id, the mark decided last wins. The write is atomic.
    pub fn save(&mut self, dir: &Path, store: &Path) -> Result<(), StateError> {
        let file = state_file(dir, store);
        let err = |source| StateError {
            file: crate::text::visible(&file.display().to_string()),
            source,
        };
        std::fs::create_dir_all(dir).map_err(err)?;
        if let Ok(text) = std::fs::read_to_string(&file)
            && let Some(theirs) = parse(&text)
        {
            merge(&mut self.read, theirs.read);
            merge(&mut self.starred, theirs.starred);
            if self.position.is_none() {
                self.position = theirs.position;
            }
        }
        let tmp = file.with_extension(format!("json.tmp-{}", std::process::id()));
        let written = (|| {
            let mut f = std::fs::File::create(&tmp)?;
            f.write_all(self.to_json().to_string().as_bytes())?;
            f.sync_all()?;
            std::fs::rename(&tmp, &file)?;
            // The rename itself is durable once the directory is synced.
            if let Ok(d) = std::fs::File::open(dir) {
                let _ = d.sync_all();
            }
            Ok(())
        })();
        if written.is_err() {
            let _ = std::fs::remove_file(&tmp);
        }
        written.map_err(err)
    }

    fn to_json(&self) -> Value {
        let marks = |m: &BTreeMap<String, Mark>| -> Value {
            m.iter()
                .map(|(id, mark)| (id.clone(), json!([mark.on, mark.at])))
                .collect::<serde_json::Map<String, Value>>()
                .into()
        };
        let position = self
            .position
            .as_ref()
            .map(|p| json!({"filter": p.filter, "article": p.article, "scroll": p.scroll}));
        json!({
            "store": self.store,
            "read": marks(&self.read),
            "starred": marks(&self.starred),
            "position": position,
        })
    }
}

fn set(marks: &mut BTreeMap<String, Mark>, id: &str, on: bool, now: u64) -> bool {
    let was = marks.get(id).is_some_and(|m| m.on);
    if was == on && marks.contains_key(id) {
        return false;
    }
    marks.insert(id.to_owned(), Mark { on, at: now });
    was != on
}

/// Takes each of `theirs` marks that was decided after ours (or that we do not have).
fn merge(ours: &mut BTreeMap<String, Mark>, theirs: BTreeMap<String, Mark>) {
    for (id, mark) in theirs {
        match ours.get(&id) {
            Some(mine) if mine.at >= mark.at => {}
            _ => {
                ours.insert(id, mark);
            }
        }
    }
}

/// The state in a file's text, or `None` when it is not a state file.
fn parse(text: &str) -> Option<State> {
    let v: Value = serde_json::from_str(text).ok()?;
    let marks = |key: &str| -> Option<BTreeMap<String, Mark>> {
        let mut out = BTreeMap::new();
        for (id, m) in v.get(key)?.as_object()? {
            let pair = m.as_array()?;
            let on = pair.first()?.as_bool()?;
            let at = pair.get(1)?.as_u64()?;
            out.insert(id.clone(), Mark { on, at });
        }
        Some(out)
    };
    // Where the reader was is a convenience: a position that cannot be read is no position.
    let position = v.get("position").and_then(|p| {
        Some(Position {
            filter: p.get("filter")?.as_str()?.to_owned(),
            article: p.get("article").and_then(Value::as_str).map(str::to_owned),
            scroll: usize::try_from(p.get("scroll")?.as_u64()?).ok()?,
        })
    });
    Some(State {
        store: v.get("store")?.as_str()?.to_owned(),
        read: marks("read")?,
        starred: marks("starred")?,
        position,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trip_keyed_to_the_store() {
        let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
        let (a, b) = (Path::new("/data/a.json"), Path::new("/data/b.json"));
        let mut s = State::load(dir.path(), a, 1).0;
        assert!(s.set_read("x", true, 10));
        assert!(!s.set_read("x", true, 11), "no change");
        s.set_starred("y", true, 12);
        s.set_read("gone", true, 13);
        s.position = Some(Position {
            filter: "person:\"Tô Lâm\" date:2026".into(),
            article: Some("x".into()),
            scroll: 7,
        });
        assert!(s.save(dir.path(), a).is_ok());
        let (back, warnings) = State::load(dir.path(), a, 20);
        assert!(warnings.is_empty());
        assert!(back.is_read("x") && back.is_starred("y") && back.is_read("gone"));
        assert!(!back.is_read("y"));
        assert_eq!(back.position, s.position);
        let (other, _) = State::load(dir.path(), b, 20);
        assert!(!other.is_read("x"), "another store has its own state");
        assert_ne!(state_file(dir.path(), a), state_file(dir.path(), b));
    }

    #[test]
    fn two_readers_keep_each_others_marks_and_the_later_decision_wins() {
        let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
        let store = Path::new("/data/s.json");
        let mut one = State::load(dir.path(), store, 0).0;
        let mut two = State::load(dir.path(), store, 0).0;
        one.set_read("a", true, 10);
        two.set_read("b", true, 11);
        assert!(one.save(dir.path(), store).is_ok());
        assert!(two.save(dir.path(), store).is_ok());
        let merged = State::load(dir.path(), store, 0).0;
        assert!(merged.is_read("a") && merged.is_read("b"));
        // An un-read decided later survives a save by the reader that still has it read.
        two.set_read("a", false, 20);
        assert!(two.save(dir.path(), store).is_ok());
        assert!(one.save(dir.path(), store).is_ok());
        assert!(!State::load(dir.path(), store, 0).0.is_read("a"));
    }

    #[test]
    fn a_corrupt_file_is_set_aside_and_a_leftover_temporary_file_ignored() {
        let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
        let store = Path::new("/data/s.json");
        let file = state_file(dir.path(), store);
        std::fs::write(&file, "{ not json").unwrap_or_else(|e| panic!("{e}"));
        // A crash between writing and renaming leaves a temporary file: it is not the state.
        std::fs::write(file.with_extension("json.tmp-1"), "{}").unwrap_or_else(|e| panic!("{e}"));
        let (s, warnings) = State::load(dir.path(), store, 42);
        assert_eq!(s.read.len(), 0);
        assert_eq!(warnings.len(), 1);
        assert!(warnings[0].0.contains("set aside"), "{warnings:?}");
        assert!(file.with_extension("json.corrupt-42").exists());
        assert!(!file.exists());
    }

    #[test]
    fn the_state_directory_follows_xdg() {
        assert_eq!(
            state_dir(Some("/x/state".into()), Some("/home/u".into())),
            Some(PathBuf::from("/x/state/tuinews"))
        );
        assert_eq!(
            state_dir(Some("relative".into()), Some("/home/u".into())),
            Some(PathBuf::from("/home/u/.local/state/tuinews"))
        );
        assert_eq!(state_dir(None, None), None);
    }
}
