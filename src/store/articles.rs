//! A store's articles as it keeps them: in memory, or with their bodies left in the file.
//!
//! Leads, bodies and captions are most of a news store's bytes, and only the article
//! pane, `show`, `check`, a search and the background indexes read them. A store loaded from a
//! file keeps the rest of each article in memory and where its entry sits in the file
//! ([`super::Stored`]); [`Articles::whole`] reads an entry again, through the same reader and
//! builder as the load, when its body is wanted. The file stays open, so a store replaced by
//! renaming a new file over it (as `tuinews import` writes) keeps answering from the file it
//! was loaded from until the reader reloads; a file rewritten in place is caught by the id of
//! the entry read again, and the article is shown without its body until the reload.

use std::borrow::Cow;
use std::fs::{File, Metadata};
use std::ops::Deref;
use std::sync::Arc;

use super::{Article, BuildCtx, Stored, json};

/// The articles of a store, in store order, and the file their bodies are read from.
#[derive(Clone, Debug, Default)]
pub struct Articles {
    list: Vec<Article>,
    file: Option<Arc<BodyFile>>,
}

/// The open store file bodies are read from, and its name for messages.
#[derive(Debug)]
pub(super) struct BodyFile {
    pub(super) file: File,
    pub(super) name: String,
    /// The path it was opened by, and which version of the file it is: what a cache of the
    /// store is keyed by.
    pub(super) path: std::path::PathBuf,
    pub(super) stamp: Stamp,
    /// Written too recently, when it was read, for a cache of it to be trusted
    /// ([`Stamp::recent`]).
    pub(super) recent: bool,
}

/// Which version of a store's file something was built from: its size, modification and
/// change times, inode and device, as the file system gives them. The change time cannot be
/// set back (`touch -r`, `cp -p` set the modification time only).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) struct Stamp {
    pub(super) len: u64,
    pub(super) modified_s: i64,
    pub(super) modified_ns: u32,
    pub(super) changed_s: i64,
    pub(super) changed_ns: i64,
    pub(super) inode: u64,
    pub(super) device: u64,
}

/// How recently a file may have been written for a cache of it not to be written: file times
/// move in steps of a few milliseconds (and of seconds on some file systems), so a file
/// rewritten within a step of being read, at the same size, would keep its stamp. A store
/// written this recently is cached at a later load.
const RACY: std::time::Duration = std::time::Duration::from_secs(2);

impl Stamp {
    pub(super) fn of(meta: &Metadata) -> Stamp {
        let (modified_s, modified_ns) = match meta.modified().ok().map(|t| {
            t.duration_since(std::time::UNIX_EPOCH).map(|d| {
                (
                    i64::try_from(d.as_secs()).unwrap_or(i64::MAX),
                    d.subsec_nanos(),
                )
            })
        }) {
            Some(Ok(after)) => after,
            // Before 1970 or unknown: a stamp that still changes with the size and inode.
            _ => (i64::MIN, 0),
        };
        #[cfg(unix)]
        let (inode, device, changed_s, changed_ns) = {
            use std::os::unix::fs::MetadataExt;
            (meta.ino(), meta.dev(), meta.ctime(), meta.ctime_nsec())
        };
        #[cfg(not(unix))]
        let (inode, device, changed_s, changed_ns) = (0, 0, 0, 0);
        Stamp {
            len: meta.len(),
            modified_s,
            modified_ns,
            changed_s,
            changed_ns,
            inode,
            device,
        }
    }

    /// Whether the file was written so recently (see [`RACY`]) that a cache of what was just
    /// read from it is not to be written.
    pub(super) fn recent(meta: &Metadata) -> bool {
        meta.modified()
            .ok()
            .and_then(|m| std::time::SystemTime::now().duration_since(m).ok())
            .is_none_or(|age| age < RACY)
    }
}

/// Why an article's body could not be read from the store's file.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("{file}: article #{position} (id {id:?}): {why}")]
pub struct BodyError {
    pub file: String,
    /// Its position in the store.
    pub position: usize,
    pub id: String,
    pub why: String,
}

impl Deref for Articles {
    type Target = [Article];

    fn deref(&self) -> &[Article] {
        &self.list
    }
}

impl<'a> IntoIterator for &'a Articles {
    type Item = &'a Article;
    type IntoIter = std::slice::Iter<'a, Article>;

    fn into_iter(self) -> Self::IntoIter {
        self.list.iter()
    }
}

impl PartialEq for Articles {
    /// The same articles, with their bodies in memory or in the same open file.
    fn eq(&self, other: &Articles) -> bool {
        self.list == other.list
            && match (&self.file, &other.file) {
                (None, None) => true,
                (Some(a), Some(b)) => Arc::ptr_eq(a, b),
                _ => false,
            }
    }
}

impl Eq for Articles {}

impl From<Vec<Article>> for Articles {
    /// Articles held whole in memory.
    fn from(list: Vec<Article>) -> Articles {
        Articles { list, file: None }
    }
}

impl Articles {
    pub(super) fn new(list: Vec<Article>, file: Option<Arc<BodyFile>>) -> Articles {
        Articles { list, file }
    }

    /// The file their bodies are read from, when they were left there.
    pub(super) fn file(&self) -> Option<&Arc<BodyFile>> {
        self.file.as_ref()
    }

    pub(super) fn list_mut(&mut self) -> &mut Vec<Article> {
        &mut self.list
    }

    /// The article at `position` with its lead, body, captions and link: itself when they are in
    /// memory,
    /// else a copy with them read from the file; the article as kept (its body elsewhere,
    /// [`Article::body_elsewhere`]) when they cannot be read. `None` past the end.
    pub fn whole(&self, position: usize) -> Option<Cow<'_, Article>> {
        let a = self.list.get(position)?;
        Some(match self.try_whole(position) {
            Some(Ok(whole)) => whole,
            _ => Cow::Borrowed(a),
        })
    }

    /// [`Articles::whole`], saying why a body could not be read.
    pub fn try_whole(&self, position: usize) -> Option<Result<Cow<'_, Article>, BodyError>> {
        let a = self.list.get(position)?;
        let (Some(stored), Some(file)) = (a.stored, &self.file) else {
            return Some(Ok(Cow::Borrowed(a)));
        };
        let problem = |why: String| BodyError {
            file: file.name.clone(),
            position,
            id: a.id.clone(),
            why,
        };
        Some(
            read_entry_at(&file.file, stored, &a.id)
                .map(|mut whole| {
                    // Built again from the same entry, it is the article the load built but
                    // for what the store decided with every article known: its related ids.
                    whole.related.clone_from(&a.related);
                    Cow::Owned(whole)
                })
                .map_err(problem),
        )
    }
}

/// What an entry that no longer reads as the article it was means.
const CHANGED: &str =
    "the store's file changed since it was read; its body is read again once the store is reloaded";

/// Reads the entry `stored` notes again and builds it as the load did (its warnings were given
/// then); it must still be the article with this `id`.
fn read_entry_at(file: &File, stored: Stored, id: &str) -> Result<Article, String> {
    let mut bytes = vec![0; stored.len as usize];
    read_exact_at(file, &mut bytes, stored.offset)
        .map_err(|e| format!("cannot read its body: {e}"))?;
    let raw = simdutf8::basic::from_utf8(&bytes)
        .ok()
        .and_then(|text| json::read_entry(text).ok()?.ok());
    let mut warnings = Vec::new();
    let mut ctx = BuildCtx::new("", 0, &mut warnings);
    raw.and_then(|raw| super::build(raw, &mut ctx))
        .filter(|again| again.id == id)
        .ok_or_else(|| CHANGED.to_owned())
}

#[cfg(unix)]
pub(super) fn read_exact_at(file: &File, buf: &mut [u8], offset: u64) -> std::io::Result<()> {
    std::os::unix::fs::FileExt::read_exact_at(file, buf, offset)
}

#[cfg(windows)]
pub(super) fn read_exact_at(
    file: &File,
    mut buf: &mut [u8],
    mut offset: u64,
) -> std::io::Result<()> {
    while !buf.is_empty() {
        match std::os::windows::fs::FileExt::seek_read(file, buf, offset)? {
            0 => return Err(std::io::ErrorKind::UnexpectedEof.into()),
            n => {
                buf = &mut buf[n..];
                offset += n as u64;
            }
        }
    }
    Ok(())
}
