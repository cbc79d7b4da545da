//! The cache of a loaded store, so the reader opens an archive it has read before in a fraction
//! of a load: what the store keeps in memory of each article (everything but the lead, body,
//! captions and link, which stay in the store's file) and its load warnings, in a flat binary file under
//! `$XDG_CACHE_HOME/tuinews/`.
//!
//! A cache is used only when it is for this store's file as it is now: the same canonical path,
//! size, modification time, inode and device, written by this version of tuinews in this format,
//! whole (a CRC-32 over every byte) and decoding cleanly to the end. Anything else, a stale or a
//! corrupt cache, is passed over and written again after the load; it is never trusted. An entry
//! read again from the store's file must still carry its article's id
//! ([`super::Articles::whole`]), so even a cache that slipped past these checks cannot show one
//! article's body under another's headline.
//!
//! The format is written by hand: it is a run of length-prefixed strings and fixed-width
//! numbers, cut into chunks decoded on every core. A serialisation crate would need serde on the
//! domain types (jiff's dates included) for no gain in speed, and the decoder here is total over
//! arbitrary bytes by construction: every read is bounds-checked and every count is bounded by
//! the bytes left.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use jiff::civil::{Date, DateTime};
use jiff::tz::Offset;

use super::articles::{BodyFile, Stamp};
use super::names::{Label, Names, Person};
use super::{Article, Articles, Published, Store, Stored, Warning};

/// The first bytes of every cache file.
const MAGIC: &[u8; 8] = b"TNCACHE\0";

/// The layout of the file: raised whenever it changes, so an older cache is passed over.
const FORMAT: u32 = 3;

/// The fewest bytes an article and a warning take in a cache: a count of them past what the
/// bytes could hold is not believed, and nothing is reserved for it.
const MIN_ARTICLE_BYTES: usize = 43;
const MIN_WARNING_BYTES: usize = 14;

/// Articles per chunk: each chunk is read and decoded on its own, on every core, and the first
/// is the first part shown while the rest is read.
const CHUNK: usize = 16_384;

/// Where the cache of the store at `path` is kept in `dir`: a file named by a hash of the
/// store's canonical path (the path itself is written inside and checked).
pub fn file_for(dir: &Path, path: &Path) -> Option<PathBuf> {
    let canonical = std::fs::canonicalize(path).ok()?;
    Some(named(dir, &canonical, "cache"))
}

/// The file in `dir` of the store whose canonical path is `canonical`, with `extension`:
/// `cache` for the store, `search` and `similar` for its derived tables.
fn named(dir: &Path, canonical: &Path, extension: &str) -> PathBuf {
    // A hash that stays the same from one build to the next: a store finds its cache again,
    // and a cache its store is gone from is still told by its name.
    let hash = crate::xdg::path_hash(canonical);
    dir.join(format!("store-{hash:016x}.{extension}"))
}

/// The canonical path of the file `articles` were loaded from, if it is still the version they
/// were read from; and the open file's record of it.
fn unchanged(articles: &Articles) -> Option<(PathBuf, &BodyFile)> {
    let body = articles.file()?;
    let canonical = std::fs::canonicalize(&body.path).ok()?;
    (Stamp::of(&std::fs::metadata(&canonical).ok()?) == body.stamp).then_some((canonical, body))
}

/// Writes the file `extension` of the store `articles` were loaded from into `dir`, with
/// `fill`, to a temporary file of its own renamed into place, so a cache file is whole or
/// missing. `Ok(false)` when there is nothing to write: the articles hold their bodies, the file
/// changed since they were read, or it had been written too recently then ([`Stamp::recent`]).
fn write_file(
    dir: &Path,
    articles: &Articles,
    extension: &str,
    fill: impl FnOnce(&mut std::fs::File, &Path, Stamp) -> std::io::Result<()>,
) -> std::io::Result<bool> {
    let Some((canonical, body)) = unchanged(articles).filter(|(_, b)| !b.recent) else {
        return Ok(false);
    };
    let target = named(dir, &canonical, extension);
    let (mut file, temporary) = temporary_for(dir, &target)?;
    let written = fill(&mut file, &canonical, body.stamp).and_then(|()| file.sync_all());
    match written.and_then(|()| std::fs::rename(&temporary, &target)) {
        Ok(()) => Ok(true),
        Err(e) => {
            let _ = std::fs::remove_file(&temporary);
            Err(e)
        }
    }
}

/// Takes away the cache files in `dir` of stores that are no longer there: a store's cache
/// whose path (written in its header) names no file, with its search index and content vectors.
/// A store deleted, or renamed (its cache is named by its path), would otherwise leave them for
/// good. Only a regular file that is a store's cache by its name and its header is looked at,
/// and a store counts as gone only when its directory is there, on the device the store was
/// on: a store on a disk not mounted, or in a directory not there, keeps its cache. Returns how
/// many stores' caches were taken away.
pub fn prune(dir: &Path) -> usize {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return 0;
    };
    let mut pruned = 0;
    for entry in entries.flatten() {
        let cache = entry.path();
        if cache.extension() != Some("cache".as_ref())
            || !entry.file_type().is_ok_and(|t| t.is_file())
        {
            continue;
        }
        let gone = store_named_in(&cache)
            .filter(|(store, _)| store.is_absolute() && named(dir, store, "cache") == cache)
            .is_some_and(|(store, device)| gone(&store, device));
        if gone {
            for extension in ["cache", "search", "similar"] {
                let _ = std::fs::remove_file(cache.with_extension(extension));
            }
            pruned += 1;
        }
    }
    pruned
}

/// One store's files in a cache directory: its cache and its derived tables.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Cached {
    /// The store they are for, as their header names it (`None` when it cannot be read).
    pub store: Option<PathBuf>,
    /// Whether that store is still there: `false` for one [`prune`] would take away.
    pub there: bool,
    pub files: Vec<PathBuf>,
    pub bytes: u64,
}

/// Whether `name` is the name of a file tuinews keeps in a cache directory: `store-`, 16 hex
/// digits, and `.cache`, `.search` or `.similar`.
fn ours(name: &str) -> Option<(&str, &str)> {
    let (stem, extension) = name.rsplit_once('.')?;
    let hex = stem.strip_prefix("store-")?;
    let ok = hex.len() == 16
        && hex.bytes().all(|b| b.is_ascii_hexdigit())
        && ["cache", "search", "similar"].contains(&extension);
    ok.then_some((stem, extension))
}

/// The stores with files in the cache directory `dir`, by store path (those whose store cannot
/// be read from a header last), each with its files and their size.
pub fn list(dir: &Path) -> Vec<Cached> {
    let mut by_stem: std::collections::BTreeMap<String, Cached> = Default::default();
    for entry in std::fs::read_dir(dir).into_iter().flatten().flatten() {
        let name = entry.file_name();
        let Some((stem, _)) = name.to_str().and_then(ours) else {
            continue;
        };
        let Some(meta) = entry.metadata().ok().filter(std::fs::Metadata::is_file) else {
            continue;
        };
        let cached = by_stem.entry(stem.to_owned()).or_insert_with(|| Cached {
            store: None,
            there: false,
            files: Vec::new(),
            bytes: 0,
        });
        cached.files.push(entry.path());
        cached.bytes += meta.len();
    }
    let mut out: Vec<Cached> = by_stem
        .into_iter()
        .map(|(stem, mut cached)| {
            cached.files.sort();
            let named = store_named_in(&dir.join(format!("{stem}.cache")));
            cached.there = named.as_ref().is_some_and(|(p, device)| !gone(p, *device));
            cached.store = named.map(|(p, _)| p);
            cached
        })
        .collect();
    out.sort_by(|a, b| (a.store.is_none(), &a.store).cmp(&(b.store.is_none(), &b.store)));
    out
}

/// Takes away every file tuinews keeps in the cache directory `dir` (see [`list`]): how many
/// files and bytes.
pub fn clear(dir: &Path) -> std::io::Result<(usize, u64)> {
    let (mut files, mut bytes) = (0, 0);
    for entry in std::fs::read_dir(dir).into_iter().flatten().flatten() {
        let name = entry.file_name();
        let Some(meta) = (name.to_str().and_then(ours))
            .and_then(|_| entry.metadata().ok())
            .filter(std::fs::Metadata::is_file)
        else {
            continue;
        };
        match std::fs::remove_file(entry.path()) {
            Ok(()) => {
                files += 1;
                bytes += meta.len();
            }
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
            Err(e) => return Err(e),
        }
    }
    Ok((files, bytes))
}

/// Whether the store at `path`, last seen on `device`, is gone: no file there, in a directory
/// that is there on that device.
fn gone(path: &Path, device: u64) -> bool {
    let missing =
        std::fs::symlink_metadata(path).is_err_and(|e| e.kind() == std::io::ErrorKind::NotFound);
    let parent = path.parent().and_then(|p| std::fs::metadata(p).ok());
    #[cfg(unix)]
    let same_device = {
        use std::os::unix::fs::MetadataExt;
        parent.is_some_and(|p| p.dev() == device)
    };
    #[cfg(not(unix))]
    let same_device = parent.is_some() && device == 0;
    missing && same_device
}

/// The store path a cache file's header names, with the device the store was on: every layout
/// so far begins its header with the key ([`Out::key`]): the version of tuinews, the path, then
/// the store's stamp.
fn store_named_in(cache: &Path) -> Option<(PathBuf, u64)> {
    use std::io::Read;
    let mut head = Vec::new();
    // The version and a path fit well within this.
    let file = std::fs::File::open(cache).ok()?;
    file.take(MAGIC.len() as u64 + 8 + 64 * 1024)
        .read_to_end(&mut head)
        .ok()?;
    let mut r = In { b: &head, at: 0 };
    if r.take(MAGIC.len())? != MAGIC || !(1..=FORMAT).contains(&r.u32()?) {
        return None;
    }
    r.u32()?;
    r.str()?;
    let path = path_from_bytes(r.bytes()?)?;
    Some((path, r.stamp()?.device))
}

/// A path written by [`path_bytes`].
fn path_from_bytes(b: &[u8]) -> Option<PathBuf> {
    #[cfg(unix)]
    {
        use std::os::unix::ffi::OsStrExt;
        Some(PathBuf::from(std::ffi::OsStr::from_bytes(b)))
    }
    #[cfg(not(unix))]
    {
        std::str::from_utf8(b).ok().map(PathBuf::from)
    }
}

fn path_bytes(path: &Path) -> Vec<u8> {
    #[cfg(unix)]
    {
        use std::os::unix::ffi::OsStrExt;
        path.as_os_str().as_bytes().to_vec()
    }
    #[cfg(not(unix))]
    {
        path.to_string_lossy().as_bytes().to_vec()
    }
}

/// Writes the cache of `articles` (loaded from a file, their bodies left there) and their load
/// `warnings` into `dir`, unless the store's file has changed since it was read. Written to a
/// temporary file of its own renamed into place, so a cache file is whole or missing.
/// `Ok(false)` when there is nothing to write: the articles hold their bodies, the file changed,
/// or it had been written too recently when it was read ([`Stamp::recent`]).
///
/// The file is a header (the key, then where each block is and its CRC-32), the header's own
/// CRC-32, then the blocks: chunks of [`CHUNK`] articles and last the warnings.
pub fn write(dir: &Path, articles: &Articles, warnings: &[Warning]) -> std::io::Result<bool> {
    write_file(dir, articles, "cache", |file, canonical, stamp| {
        write_into(file, canonical, stamp, articles, warnings)
    })
}

/// The cache's bytes, into `file`: the blocks are encoded a few chunks at a time, on every
/// core, and written as they come, so writing holds a few chunks and never the whole cache; the
/// header, which says where each block is, is written last, at the start left for it.
fn write_into(
    file: &mut std::fs::File,
    canonical: &Path,
    stamp: Stamp,
    articles: &Articles,
    warnings: &[Warning],
) -> std::io::Result<()> {
    use std::io::{Seek, SeekFrom};
    let chunks: Vec<&[Article]> = articles.chunks(CHUNK).collect();
    let mut header = Out::default();
    header.key(canonical, stamp);
    header.u64(articles.len() as u64);
    header.u64(chunks.len() as u64);
    // Each block's entry: its count, where it starts, its length and its CRC-32.
    let header_len = header.0.len() + (chunks.len() + 1) * (4 + 8 + 8 + 4);
    let start = MAGIC.len() + 4 + 4 + header_len + 4;
    let mut out = std::io::BufWriter::new(&mut *file);
    out.write_all(&vec![0; start])?;
    let mut at = start as u64;
    let mut note = |count: usize, block: &[u8], out: &mut dyn Write| {
        header.u32(u32::try_from(count).unwrap_or(u32::MAX));
        header.u64(at);
        header.u64(block.len() as u64);
        header.u32(crc32fast::hash(block));
        at += block.len() as u64;
        out.write_all(block)
    };
    // A few chunks at a time: one for each core.
    let threads = crate::parallel::threads();
    for group in chunks.chunks(threads) {
        let encoded = crate::parallel::by_chunks(group, |slice, _| {
            (slice.iter())
                .map(|chunk| chunk_bytes(chunk))
                .collect::<Vec<_>>()
        });
        for (chunk, block) in group.iter().zip(encoded.iter().flatten()) {
            note(chunk.len(), block, &mut out)?;
        }
    }
    let mut o = Out::default();
    o.u64(warnings.len() as u64);
    for w in warnings {
        o.warning(w);
    }
    note(warnings.len(), &o.0, &mut out)?;
    out.flush()?;
    drop(out);
    let mut head = Out::default();
    head.0.extend_from_slice(MAGIC);
    head.u32(FORMAT);
    head.u32(u32::try_from(header.0.len()).map_err(std::io::Error::other)?);
    head.0.extend_from_slice(&header.0);
    head.u32(crc32fast::hash(&header.0));
    if head.0.len() != start {
        return Err(std::io::Error::other("the cache's header changed length"));
    }
    file.seek(SeekFrom::Start(0))?;
    file.write_all(&head.0)
}

/// A temporary file of its own for a cache file `target` in `dir`, to be written and renamed
/// into place, once `dir` is there. A reader that quit while writing leaves its temporary file:
/// this takes away any left for `target` by a process no longer running, or an hour old.
fn temporary_for(dir: &Path, target: &Path) -> std::io::Result<(std::fs::File, PathBuf)> {
    static WRITES: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(0);
    std::fs::create_dir_all(dir)?;
    let stem = format!(
        ".{}.",
        target
            .file_name()
            .map_or_else(String::new, |n| n.to_string_lossy().into_owned())
    );
    for entry in std::fs::read_dir(dir)?.flatten() {
        let name = entry.file_name();
        let name = name.to_string_lossy();
        let Some(rest) = name
            .strip_prefix(&stem)
            .and_then(|r| r.strip_suffix(".tmp"))
        else {
            continue;
        };
        let writer = rest.split('-').next().and_then(|p| p.parse::<u32>().ok());
        let old = entry
            .metadata()
            .and_then(|m| m.modified())
            .ok()
            .and_then(|t| t.elapsed().ok())
            .is_some_and(|age| age > LEFT_OVER);
        if old || writer.is_some_and(|pid| !running(pid)) {
            let _ = std::fs::remove_file(entry.path());
        }
    }
    let n = WRITES.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    let path = dir.join(format!("{stem}{}-{n}.tmp", std::process::id()));
    let file = std::fs::File::options()
        .write(true)
        .create_new(true)
        .open(&path)?;
    Ok((file, path))
}

/// How old a temporary cache file is before any write takes it away, whoever left it.
const LEFT_OVER: std::time::Duration = std::time::Duration::from_secs(3600);

/// Whether the process `pid` is running (a temporary file it writes is then its own).
fn running(pid: u32) -> bool {
    #[cfg(unix)]
    {
        let Ok(pid) = libc::pid_t::try_from(pid) else {
            return false;
        };
        // SAFETY: `kill` with signal 0 sends nothing; it only asks whether the process exists
        // (an error other than "no such process" means it does, owned by someone else).
        let sent = unsafe { libc::kill(pid, 0) };
        sent == 0 || std::io::Error::last_os_error().raw_os_error() != Some(libc::ESRCH)
    }
    #[cfg(not(unix))]
    {
        let _ = pid;
        true
    }
}

/// One block of a cache file: how many articles (or warnings) it holds, where it is, and its
/// CRC-32.
#[derive(Clone, Copy)]
struct Block {
    count: usize,
    at: u64,
    len: usize,
    crc: u32,
}

impl Block {
    /// Its bytes, read from `file` and checked against its CRC.
    fn read(self, file: &std::fs::File) -> Option<Vec<u8>> {
        let mut bytes = vec![0; self.len];
        super::articles::read_exact_at(file, &mut bytes, self.at).ok()?;
        (crc32fast::hash(&bytes) == self.crc).then_some(bytes)
    }

    /// The articles of a chunk, whose entries lie within a store file of `file_len` bytes, their
    /// persons, tags, sections and sources shared through `names`.
    fn articles(
        self,
        file: &std::fs::File,
        file_len: u64,
        names: &mut Names,
    ) -> Option<Vec<Article>> {
        let bytes = self.read(file)?;
        let mut r = In { b: &bytes, at: 0 };
        let table = r.table(names)?;
        let mut list = Vec::with_capacity(self.count.min(r.left() / MIN_ARTICLE_BYTES));
        for _ in 0..self.count {
            list.push(r.article(file_len, &table)?);
        }
        (r.left() == 0).then_some(list)
    }
}

/// The persons and the tags, sections and sources of a chunk, each written once at its head and
/// named after by its place there: a chunk names the same few in article after article, and a
/// person's folded name is read, not folded again.
#[derive(Default)]
struct Table<'a> {
    persons: Vec<&'a Person>,
    shared: Vec<&'a str>,
    person_at: std::collections::HashMap<&'a str, u32, foldhash::fast::RandomState>,
    shared_at: std::collections::HashMap<&'a str, u32, foldhash::fast::RandomState>,
}

impl<'a> Table<'a> {
    fn person(&mut self, p: &'a Person) -> u32 {
        let next = u32::try_from(self.persons.len()).unwrap_or(u32::MAX);
        *self.person_at.entry(p.as_str()).or_insert_with(|| {
            self.persons.push(p);
            next
        })
    }

    fn shared(&mut self, s: &'a str) -> u32 {
        let next = u32::try_from(self.shared.len()).unwrap_or(u32::MAX);
        *self.shared_at.entry(s).or_insert_with(|| {
            self.shared.push(s);
            next
        })
    }
}

/// A chunk's table as read back: the persons and names its articles refer to by place.
struct ReadTable {
    persons: Vec<Person>,
    shared: Vec<Label>,
}

/// A chunk's bytes: its table, then its articles.
fn chunk_bytes(chunk: &[Article]) -> Vec<u8> {
    let mut table = Table::default();
    let mut articles = Out::default();
    for a in chunk {
        articles.article(a, &mut table);
    }
    let mut o = Out::default();
    o.u32(u32::try_from(table.persons.len()).unwrap_or(u32::MAX));
    for p in &table.persons {
        o.str(p.as_str());
        o.str(p.folded());
    }
    o.u32(u32::try_from(table.shared.len()).unwrap_or(u32::MAX));
    for s in &table.shared {
        o.str(s);
    }
    o.0.extend_from_slice(&articles.0);
    o.0
}

/// The store at `path` from its cache in `dir`, named `name` in messages; `None` when there
/// is no cache valid for the file as it is now. With `part`, a store of more than its `most`
/// articles gives its first chunk as a first part (see [`super::FirstPart`]) as soon as that
/// chunk is read and checked, before the rest: at once, as a cache is read in seconds at most.
/// `part` is then taken, so a load from the file after a cache found corrupt further on gives
/// none again (the part shown meanwhile was checked, and is the file's).
pub fn read(
    dir: &Path,
    path: &Path,
    name: &str,
    part: &mut Option<super::FirstPart<'_>>,
) -> Option<Store> {
    let canonical = std::fs::canonicalize(path).ok()?;
    let cache = std::fs::File::open(named(dir, &canonical, "cache")).ok()?;
    // Every length below is checked against the cache's size before it is allocated.
    let cache_len = cache.metadata().ok()?.len();
    let mut start = [0; MAGIC.len() + 8];
    super::articles::read_exact_at(&cache, &mut start, 0).ok()?;
    let mut r = In { b: &start, at: 0 };
    if r.take(MAGIC.len())? != MAGIC || r.u32()? != FORMAT {
        return None;
    }
    let header_len = usize::try_from(r.u32()?).ok()?;
    if (start.len() + header_len + 4) as u64 > cache_len {
        return None;
    }
    let mut header = vec![0; header_len + 4];
    super::articles::read_exact_at(&cache, &mut header, start.len() as u64).ok()?;
    let (header, crc) = header.split_at(header_len);
    if crc32fast::hash(header) != u32::from_le_bytes(crc.try_into().ok()?) {
        return None;
    }
    let mut r = In { b: header, at: 0 };
    let stamp = r.key(&canonical)?;
    // The store's file is opened once and checked after: what was stamped is what bodies are
    // read from. A cache is a fraction of its store: one far larger is not read. Only a
    // regular file is opened at all: a FIFO put in the store's place would block the open.
    if !std::fs::metadata(&canonical).is_ok_and(|m| m.is_file()) {
        return None;
    }
    let file = std::fs::File::open(&canonical).ok()?;
    let meta = file.metadata().ok()?;
    if !meta.is_file()
        || Stamp::of(&meta) != stamp
        || cache_len > stamp.len.saturating_mul(4) + (1 << 20)
    {
        return None;
    }
    let count = usize::try_from(r.u64()?).ok()?;
    let chunk_count = usize::try_from(r.u64()?).ok()?;
    if chunk_count >= r.left() / 24 {
        return None;
    }
    let mut blocks = Vec::with_capacity(chunk_count + 1);
    for _ in 0..=chunk_count {
        blocks.push(Block {
            count: usize::try_from(r.u32()?).ok()?,
            at: r.u64()?,
            len: usize::try_from(r.u64()?).ok()?,
            crc: r.u32()?,
        });
    }
    let (warnings_block, chunks) = blocks.split_last()?;
    let counted = chunks
        .iter()
        .try_fold(0usize, |sum, c| sum.checked_add(c.count));
    let within = |b: &Block| {
        b.at.checked_add(b.len as u64)
            .is_some_and(|end| end <= cache_len)
    };
    if r.left() != 0 || counted != Some(count) || !blocks.iter().all(within) {
        return None;
    }

    // The first chunk first, so a first part can be shown while the rest is read. Each thread
    // shares names through its own table: a name is kept once per thread at most.
    let mut names = Names::default();
    let (first, rest) = match chunks.split_first() {
        Some((first, rest)) => (first.articles(&cache, stamp.len, &mut names)?, rest),
        None => (Vec::new(), chunks),
    };
    if part.as_ref().is_some_and(|p| count > p.most)
        && !rest.is_empty()
        && let Some(mut part) = part.take()
    {
        (part.give)(part_of(&first, name, &file, path, stamp)?);
    }
    let decoded: Option<Vec<Vec<Article>>> = crate::parallel::by_chunks(rest, |slice, _| {
        let mut names = Names::default();
        (slice.iter())
            .map(|c| c.articles(&cache, stamp.len, &mut names))
            .collect::<Vec<_>>()
    })
    .into_iter()
    .flatten()
    .collect();
    let decoded = decoded?;
    let mut list = first;
    list.reserve_exact(decoded.iter().map(Vec::len).sum());
    for chunk in decoded {
        list.extend(chunk);
    }
    let bytes = warnings_block.read(&cache)?;
    let mut r = In { b: &bytes, at: 0 };
    let warning_count = usize::try_from(r.u64()?).ok()?;
    let mut warnings = Vec::with_capacity(warning_count.min(r.left() / MIN_WARNING_BYTES));
    for _ in 0..warning_count {
        warnings.push(r.warning(name)?);
    }
    if r.left() != 0 {
        return None;
    }
    let by_id = ids_of(&list)?;
    Some(store_of(list, warnings, by_id, name, file, path, stamp))
}

/// The table of `list`'s ids; `None` if one is given twice (a cache never holds that).
fn ids_of(list: &[Article]) -> Option<super::ids::Ids> {
    let mut by_id = super::ids::Ids::default();
    by_id.reserve(list.len(), &[]);
    for (at, a) in list.iter().enumerate() {
        if !by_id.insert(&list[..at], &a.id, u32::try_from(at).ok()?) {
            return None;
        }
    }
    Some(by_id)
}

fn store_of(
    list: Vec<Article>,
    warnings: Vec<Warning>,
    by_id: super::ids::Ids,
    name: &str,
    file: std::fs::File,
    path: &Path,
    stamp: Stamp,
) -> Store {
    let file = Arc::new(BodyFile {
        file,
        name: name.to_owned(),
        path: path.to_path_buf(),
        stamp,
        // Read from a cache: one is there already.
        recent: false,
    });
    Store {
        name: name.to_owned(),
        articles: Arc::new(Articles::new(list, Some(file))),
        warnings,
        by_id,
    }
}

/// A first part of the store: a copy of its first articles, naming as related only those among
/// them, reading bodies from its own handle on the store's file.
fn part_of(
    first: &[Article],
    name: &str,
    file: &std::fs::File,
    path: &Path,
    stamp: Stamp,
) -> Option<Store> {
    let mut list = first.to_vec();
    let by_id = ids_of(&list)?;
    let known: Vec<Vec<bool>> = (list.iter())
        .map(|a| a.related.iter().map(|r| by_id.contains(&list, r)).collect())
        .collect();
    for (a, known) in list.iter_mut().zip(known) {
        let mut known = known.into_iter();
        a.related.retain(|_| known.next().unwrap_or(false));
    }
    let file = file.try_clone().ok()?;
    Some(store_of(list, Vec::new(), by_id, name, file, path, stamp))
}

/// Bytes being written.
#[derive(Default)]
struct Out(Vec<u8>);

impl Out {
    fn u8(&mut self, v: u8) {
        self.0.push(v);
    }

    fn u32(&mut self, v: u32) {
        self.0.extend_from_slice(&v.to_le_bytes());
    }

    fn u64(&mut self, v: u64) {
        self.0.extend_from_slice(&v.to_le_bytes());
    }

    fn i64(&mut self, v: i64) {
        self.0.extend_from_slice(&v.to_le_bytes());
    }

    fn bytes(&mut self, b: &[u8]) {
        // Lengths fit: a field is at most 1 MiB, a path far less.
        self.u32(u32::try_from(b.len()).unwrap_or(u32::MAX));
        self.0.extend_from_slice(b);
    }

    fn str(&mut self, s: &str) {
        self.bytes(s.as_bytes());
    }

    fn opt(&mut self, s: Option<&str>) {
        match s {
            None => self.u8(0),
            Some(s) => {
                self.u8(1);
                self.str(s);
            }
        }
    }

    fn strs(&mut self, list: &[String]) {
        self.u32(u32::try_from(list.len()).unwrap_or(u32::MAX));
        for s in list {
            self.str(s);
        }
    }

    /// What every cache file is keyed by: the version of tuinews, the store's canonical path
    /// and its stamp.
    fn key(&mut self, canonical: &Path, stamp: Stamp) {
        self.str(env!("CARGO_PKG_VERSION"));
        self.bytes(&path_bytes(canonical));
        self.stamp(stamp);
    }

    fn stamp(&mut self, s: Stamp) {
        self.u64(s.len);
        self.i64(s.modified_s);
        self.u32(s.modified_ns);
        self.i64(s.changed_s);
        self.i64(s.changed_ns);
        self.u64(s.inode);
        self.u64(s.device);
    }

    fn datetime(&mut self, dt: DateTime) {
        self.i64(i64::from(dt.year()));
        self.u8(dt.month().unsigned_abs());
        self.u8(dt.day().unsigned_abs());
        self.u8(dt.hour().unsigned_abs());
        self.u8(dt.minute().unsigned_abs());
        self.u8(dt.second().unsigned_abs());
        self.u32(dt.subsec_nanosecond().unsigned_abs());
    }

    fn article<'a>(&mut self, a: &'a Article, table: &mut Table<'a>) {
        self.str(&a.id);
        self.str(&a.title);
        match a.published {
            None => self.u8(0),
            Some(Published::Zoned { local, offset }) => {
                self.u8(1);
                self.datetime(local);
                self.i64(i64::from(offset.seconds()));
            }
            Some(Published::Floating(local)) => {
                self.u8(2);
                self.datetime(local);
            }
            Some(Published::Day(d)) => {
                self.u8(3);
                self.datetime(d.to_datetime(jiff::civil::Time::midnight()));
            }
        }
        self.str(&a.summary);
        self.strs(&a.body);
        self.u32(u32::try_from(a.persons.len()).unwrap_or(u32::MAX));
        for p in &a.persons {
            self.u32(table.person(p));
        }
        self.strs(&a.related);
        for s in [&a.section, &a.source] {
            self.u32(
                s.as_deref()
                    .map_or(0, |s| table.shared(s).saturating_add(1)),
            );
        }
        self.opt(a.url.as_deref());
        self.u32(u32::try_from(a.tags.len()).unwrap_or(u32::MAX));
        for t in &a.tags {
            self.u32(table.shared(t));
        }
        self.strs(&a.captions);
        match a.stored {
            None => self.u8(0),
            Some(s) => {
                self.u8(1 + u8::from(s.has_body));
                self.u64(s.offset);
                self.u32(s.len);
            }
        }
    }

    fn warning(&mut self, w: &Warning) {
        self.u64(w.index as u64);
        self.opt(w.id.as_deref());
        self.opt(w.field.as_deref());
        self.str(&w.message);
    }
}

/// Bytes being read: every read checked against the end, every text checked to be UTF-8.
struct In<'a> {
    b: &'a [u8],
    at: usize,
}

impl<'a> In<'a> {
    fn left(&self) -> usize {
        self.b.len() - self.at
    }

    fn take(&mut self, n: usize) -> Option<&'a [u8]> {
        let end = self.at.checked_add(n)?;
        let taken = self.b.get(self.at..end)?;
        self.at = end;
        Some(taken)
    }

    fn u8(&mut self) -> Option<u8> {
        Some(self.take(1)?[0])
    }

    fn u32(&mut self) -> Option<u32> {
        Some(u32::from_le_bytes(self.take(4)?.try_into().ok()?))
    }

    fn u64(&mut self) -> Option<u64> {
        Some(u64::from_le_bytes(self.take(8)?.try_into().ok()?))
    }

    fn i64(&mut self) -> Option<i64> {
        Some(i64::from_le_bytes(self.take(8)?.try_into().ok()?))
    }

    fn bytes(&mut self) -> Option<&'a [u8]> {
        let n = usize::try_from(self.u32()?).ok()?;
        self.take(n)
    }

    fn str(&mut self) -> Option<String> {
        simdutf8::basic::from_utf8(self.bytes()?)
            .ok()
            .map(str::to_owned)
    }

    /// Text to be shown: only as the sanitiser leaves text (one line when `line`).
    fn text(&mut self, line: bool) -> Option<String> {
        self.str().filter(|s| crate::text::is_sanitized(s, line))
    }

    fn opt(&mut self, line: bool) -> Option<Option<String>> {
        match self.u8()? {
            0 => Some(None),
            1 => Some(Some(self.text(line)?)),
            _ => None,
        }
    }

    /// A list of texts to be shown (`Some(line)`), or of other strings (`None`).
    fn strs(&mut self, line: Option<bool>) -> Option<Vec<String>> {
        let n = usize::try_from(self.u32()?).ok()?;
        // Each string takes at least its length: a count past the bytes left is corrupt.
        if n > self.left() / 4 {
            return None;
        }
        (0..n)
            .map(|_| match line {
                Some(line) => self.text(line),
                None => self.str(),
            })
            .collect()
    }

    /// The stamp of a key written by [`Out::key`], if it was written by this version of
    /// tuinews for the store at `canonical`.
    fn key(&mut self, canonical: &Path) -> Option<Stamp> {
        if self.str()? != env!("CARGO_PKG_VERSION") || self.bytes()? != path_bytes(canonical) {
            return None;
        }
        self.stamp()
    }

    fn stamp(&mut self) -> Option<Stamp> {
        Some(Stamp {
            len: self.u64()?,
            modified_s: self.i64()?,
            modified_ns: self.u32()?,
            changed_s: self.i64()?,
            changed_ns: self.i64()?,
            inode: self.u64()?,
            device: self.u64()?,
        })
    }

    fn datetime(&mut self) -> Option<DateTime> {
        let year = i16::try_from(self.i64()?).ok()?;
        let [month, day, hour, minute, second] =
            [self.u8()?, self.u8()?, self.u8()?, self.u8()?, self.u8()?]
                .map(|v| i8::try_from(v).unwrap_or(i8::MAX));
        let nanos = i32::try_from(self.u32()?).ok()?;
        DateTime::new(year, month, day, hour, minute, second, nanos).ok()
    }

    /// A chunk's table ([`chunk_bytes`]), its names shared through `names`.
    fn table(&mut self, names: &mut Names) -> Option<ReadTable> {
        let n = self.count(8)?;
        let mut persons = Vec::with_capacity(n);
        for _ in 0..n {
            let written = self.text(true)?;
            // Matched against, never shown.
            let folded = self.str()?;
            persons.push(names.person_folded(&written, &folded));
        }
        let n = self.count(4)?;
        let mut shared = Vec::with_capacity(n);
        for _ in 0..n {
            shared.push(names.label(&self.text(true)?));
        }
        Some(ReadTable { persons, shared })
    }

    /// A count of items of at least `least` bytes each, believed only as far as the bytes left.
    fn count(&mut self, least: usize) -> Option<usize> {
        let n = usize::try_from(self.u32()?).ok()?;
        (n <= self.left() / least).then_some(n)
    }

    /// A list of places in `items`, as the items.
    fn refs<T: Clone>(&mut self, items: &[T]) -> Option<Vec<T>> {
        let n = self.count(4)?;
        (0..n)
            .map(|_| items.get(usize::try_from(self.u32()?).ok()?).cloned())
            .collect()
    }

    /// A place in `items` plus one, or 0 for none.
    fn opt_ref<T: Clone>(&mut self, items: &[T]) -> Option<Option<T>> {
        match usize::try_from(self.u32()?).ok()? {
            0 => Some(None),
            at => items.get(at - 1).cloned().map(Some),
        }
    }

    /// An article whose entry lies within a file of `file_len` bytes, naming persons and names
    /// of its chunk's `table`.
    fn article(&mut self, file_len: u64, table: &ReadTable) -> Option<Article> {
        let id = self.text(true)?;
        let title = self.text(true)?;
        let published = match self.u8()? {
            0 => None,
            1 => {
                let local = self.datetime()?;
                let seconds = i32::try_from(self.i64()?).ok()?;
                let offset = Offset::from_seconds(seconds).ok()?;
                Some(Published::Zoned { local, offset })
            }
            2 => Some(Published::Floating(self.datetime()?)),
            3 => {
                let dt = self.datetime()?;
                Some(Published::Day(
                    Date::new(dt.year(), dt.month(), dt.day()).ok()?,
                ))
            }
            _ => return None,
        };
        let summary = self.text(false)?;
        let body = self.strs(Some(false))?;
        let persons = self.refs(&table.persons)?;
        let related = self.strs(Some(true))?;
        let section = self.opt_ref(&table.shared)?;
        let source = self.opt_ref(&table.shared)?;
        let url = self.opt(true)?;
        let tags = self.refs(&table.shared)?;
        let captions = self.strs(Some(false))?;
        let stored = match self.u8()? {
            0 => None,
            tag @ (1 | 2) => {
                let offset = self.u64()?;
                let len = self.u32()?;
                if offset.checked_add(u64::from(len))? > file_len {
                    return None;
                }
                Some(Stored {
                    offset,
                    len,
                    has_body: tag == 2,
                })
            }
            _ => return None,
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
            stored,
        })
    }

    fn warning(&mut self, file: &str) -> Option<Warning> {
        Some(Warning {
            file: file.to_owned(),
            index: usize::try_from(self.u64()?).ok()?,
            id: self.opt(true)?,
            field: self.opt(true)?,
            message: self.text(false)?,
        })
    }
}

/// What is written into a derived table's cache (see [`write_derived`]): numbers and arrays of
/// them, little-endian, each array after its length, under a running CRC-32.
pub struct Sink<'a> {
    out: std::io::BufWriter<&'a mut std::fs::File>,
    crc: crc32fast::Hasher,
}

impl Sink<'_> {
    fn put(&mut self, b: &[u8]) -> std::io::Result<()> {
        self.crc.update(b);
        self.out.write_all(b)
    }

    pub fn u64(&mut self, v: u64) -> std::io::Result<()> {
        self.put(&v.to_le_bytes())
    }

    pub fn bytes(&mut self, b: &[u8]) -> std::io::Result<()> {
        self.u64(b.len() as u64)?;
        self.put(b)
    }

    /// Numbers of any width, each as its little-endian bytes, a piece at a time.
    fn array<T: Copy, const N: usize>(
        &mut self,
        items: &[T],
        bytes: impl Fn(T) -> [u8; N],
    ) -> std::io::Result<()> {
        self.u64(items.len() as u64)?;
        let mut piece = Vec::with_capacity(PIECE);
        for chunk in items.chunks(PIECE / N) {
            piece.clear();
            piece.extend(chunk.iter().flat_map(|&x| bytes(x)));
            self.put(&piece)?;
        }
        Ok(())
    }

    pub fn u32s(&mut self, items: &[u32]) -> std::io::Result<()> {
        self.array(items, u32::to_le_bytes)
    }

    pub fn u64s(&mut self, items: &[u64]) -> std::io::Result<()> {
        self.array(items, u64::to_le_bytes)
    }

    /// Pairs of a number and a weight.
    pub fn pairs(&mut self, items: &[(u32, f32)]) -> std::io::Result<()> {
        self.array(items, |(n, w)| {
            let mut b = [0; 8];
            b[..4].copy_from_slice(&n.to_le_bytes());
            b[4..].copy_from_slice(&w.to_le_bytes());
            b
        })
    }
}

/// What a derived table's cache is read from (see [`read_derived`]): every length checked
/// against the bytes left before anything is allocated, a running CRC-32 checked at the end.
pub struct Source<'a> {
    r: std::io::BufReader<&'a std::fs::File>,
    crc: crc32fast::Hasher,
    left: u64,
}

impl Source<'_> {
    fn get(&mut self, b: &mut [u8]) -> Option<()> {
        self.left = self.left.checked_sub(b.len() as u64)?;
        std::io::Read::read_exact(&mut self.r, b).ok()?;
        self.crc.update(b);
        Some(())
    }

    pub fn u64(&mut self) -> Option<u64> {
        let mut b = [0; 8];
        self.get(&mut b)?;
        Some(u64::from_le_bytes(b))
    }

    pub fn bytes(&mut self) -> Option<Vec<u8>> {
        let n = self.u64()?;
        if n > self.left {
            return None;
        }
        let mut b = vec![0; usize::try_from(n).ok()?];
        self.get(&mut b)?;
        Some(b)
    }

    fn array<T, const N: usize>(&mut self, item: impl Fn([u8; N]) -> T) -> Option<Vec<T>> {
        let n = usize::try_from(self.u64()?).ok()?;
        if n.checked_mul(N)? as u64 > self.left {
            return None;
        }
        let mut items = Vec::with_capacity(n);
        let mut piece = vec![0; PIECE];
        let mut left = n;
        while left > 0 {
            let take = left.min(PIECE / N);
            let piece = &mut piece[..take * N];
            self.get(piece)?;
            items.extend(
                piece
                    .chunks_exact(N)
                    .map(|c| item(c.try_into().unwrap_or([0; N]))),
            );
            left -= take;
        }
        Some(items)
    }

    pub fn u32s(&mut self) -> Option<Vec<u32>> {
        self.array(u32::from_le_bytes)
    }

    pub fn u64s(&mut self) -> Option<Vec<u64>> {
        self.array(u64::from_le_bytes)
    }

    pub fn pairs(&mut self) -> Option<Vec<(u32, f32)>> {
        self.array(|b: [u8; 8]| {
            let [n0, n1, n2, n3, w0, w1, w2, w3] = b;
            (
                u32::from_le_bytes([n0, n1, n2, n3]),
                f32::from_le_bytes([w0, w1, w2, w3]),
            )
        })
    }
}

/// Bytes converted at a time between arrays and the file.
const PIECE: usize = 1 << 16;

/// The key of a derived table: its kind, the store's cache key and its number of articles. (The
/// table's own layout is the first number its `save` writes and its `load` checks.)
fn derived_key(canonical: &Path, stamp: Stamp, articles: usize, kind: &str) -> Vec<u8> {
    let mut key = Out::default();
    key.0.extend_from_slice(MAGIC);
    key.u32(FORMAT);
    key.str(kind);
    key.key(canonical, stamp);
    key.u64(articles as u64);
    key.0
}

/// Writes a table derived from `articles` (loaded from a file, their bodies left there) into
/// `dir`, as `kind`, with `fill`; keyed as the store's cache is, and by the number of articles,
/// with a CRC-32 of what `fill` wrote at the end. `Ok(false)` when there is nothing to write:
/// the articles hold their bodies, or the file changed since they were read.
pub fn write_derived(
    dir: &Path,
    articles: &Articles,
    kind: &str,
    fill: impl FnOnce(&mut Sink<'_>) -> std::io::Result<()>,
) -> std::io::Result<bool> {
    write_file(dir, articles, kind, |file, canonical, stamp| {
        let mut sink = Sink {
            out: std::io::BufWriter::new(file),
            crc: crc32fast::Hasher::new(),
        };
        sink.out
            .write_all(&derived_key(canonical, stamp, articles.len(), kind))?;
        fill(&mut sink)?;
        let Sink { mut out, crc } = sink;
        out.write_all(&crc.finalize().to_le_bytes())?;
        out.flush()
    })
}

/// A table derived from `articles` read back by `read` from its cache in `dir` as `kind`;
/// `None` when there is none for these articles as their file is now, or it does not read to
/// the end with its CRC-32.
pub fn read_derived<T>(
    dir: &Path,
    articles: &Articles,
    kind: &str,
    read: impl FnOnce(&mut Source<'_>) -> Option<T>,
) -> Option<T> {
    let (canonical, body) = unchanged(articles)?;
    let file = std::fs::File::open(named(dir, &canonical, kind)).ok()?;
    let len = file.metadata().ok()?.len();
    let key = derived_key(&canonical, body.stamp, articles.len(), kind);
    let mut source = Source {
        r: std::io::BufReader::with_capacity(PIECE, &file),
        crc: crc32fast::Hasher::new(),
        left: len.checked_sub(key.len() as u64 + 4)?,
    };
    let mut written_key = vec![0; key.len()];
    std::io::Read::read_exact(&mut source.r, &mut written_key).ok()?;
    if written_key != key {
        return None;
    }
    let table = read(&mut source)?;
    let mut crc = [0; 4];
    std::io::Read::read_exact(&mut source.r, &mut crc).ok()?;
    (source.left == 0 && source.crc.finalize() == u32::from_le_bytes(crc)).then_some(table)
}

#[cfg(test)]
mod tests {
    use super::{In, Names, chunk_bytes};
    use crate::store::Article;

    /// An article written into a cache block and read back.
    fn round_trip(a: &Article) -> Option<Article> {
        let bytes = chunk_bytes(std::slice::from_ref(a));
        let mut r = In { b: &bytes, at: 0 };
        let table = r.table(&mut Names::default())?;
        let back = r.article(u64::MAX, &table)?;
        (r.left() == 0).then_some(back)
    }

    #[test]
    fn text_that_is_not_as_the_sanitiser_leaves_it_is_not_read_back() {
        let clean = Article {
            id: "a".into(),
            title: "Hà Nội".into(),
            summary: "Dòng một\nDòng hai".into(),
            persons: vec!["Tô Lâm".into()],
            ..Article::default()
        };
        assert_eq!(round_trip(&clean).as_ref(), Some(&clean));
        for bad in [
            Article {
                title: "\u{1b}[31mđỏ".into(),
                ..clean.clone()
            },
            Article {
                id: "a\u{7}".into(),
                ..clean.clone()
            },
            Article {
                persons: vec!["Tô\u{202e}Lâm".into()],
                ..clean.clone()
            },
            // Marks written apart: the sanitiser composes them.
            Article {
                title: "Ha\u{300} No\u{302}\u{323}i".into(),
                ..clean.clone()
            },
            // A line break in a one-line field.
            Article {
                title: "Hà\nNội".into(),
                ..clean.clone()
            },
            Article {
                summary: "\u{9b}2J".into(),
                ..clean.clone()
            },
        ] {
            assert_eq!(round_trip(&bad), None, "{bad:?}");
        }
    }
}
