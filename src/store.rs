//! The article store: where the articles come from, and the loaded, validated collection.
//!
//! Loading runs in steps, each in its own module: `json` reads the file's wire format into
//! [`RawArticle`]s, [`build()`] validates and sanitises each one into an [`Article`] (the only way
//! an article gets into a store, so every text field passes through [`crate::text`]'s sanitiser
//! once and nothing downstream sees a control character), and [`Store`] checks what needs every
//! article at once: duplicate ids and related ids.

mod article;
mod articles;
mod build;
pub mod cache;
mod ids;
mod json;
mod names;

use std::fmt;
use std::ops::ControlFlow;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::AtomicUsize;

pub use article::{Article, Published, Stored, short_date};
pub use articles::{Articles, BodyError};
pub use build::{BuildCtx, Field, FieldProblem, RawArticle, RawPublished, build};
pub use json::{NotAnArticle, Shape};
pub use names::{Label, Names, Person};

/// The sample store built from the two seed pages, embedded so tuinews works with no store at all.
pub const EMBEDDED_SAMPLE: &str = include_str!("../sample-data/articles.json");

/// How messages and the reader's status line name the embedded sample.
pub const EMBEDDED_NAME: &str = "embedded sample";

/// How messages name a store built by [`Store::from_articles`].
const HAND_BUILT_NAME: &str = "test store";

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
            Origin::Flag(p) | Origin::Env(p) | Origin::Xdg(p) => {
                crate::text::visible(&p.display().to_string())
            }
            Origin::Embedded => EMBEDDED_NAME.to_owned(),
        }
    }

    /// Why this store was chosen, for `tuinews check`.
    pub fn describe(&self) -> String {
        match self {
            Origin::Flag(_) => format!("{} (from --store)", self.name()),
            Origin::Env(_) => format!("{} (from $TUINEWS_STORE)", self.name()),
            Origin::Xdg(_) => format!("{} (the user data store)", self.name()),
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
    if let Some(d) = crate::xdg::data_dir(xdg_data_home.as_deref(), home.as_deref()) {
        let p = d.join("articles.json");
        if p.is_file() {
            return Origin::Xdg(p);
        }
    }
    Origin::Embedded
}

/// A problem that stops the store from loading at all.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    /// A FIFO, a device, a directory: reading it could block forever or never end.
    #[error("{file}: not a regular file but {kind}; a store is a JSON file")]
    NotAFile { file: String, kind: &'static str },
    /// Larger than tuinews reads (see [`MAX_STORE_BYTES`]).
    #[error("{file}: {size} bytes, more than the {limit} a store may have")]
    TooLarge { file: String, size: u64, limit: u64 },
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
    Shape { file: String, found: Shape },
}

/// What a load tells while it runs, for the reader's status line and its first headlines.
pub struct Telling<'a> {
    /// Entries of the article array read so far, moving by a few hundred at a time.
    pub read: &'a AtomicUsize,
    /// Asks for a first part of a store that is still loading after a while.
    pub first_part: Option<FirstPart<'a>>,
}

impl Telling<'_> {
    /// Counting the articles read into `read`, and no more.
    pub fn counting(read: &AtomicUsize) -> Telling<'_> {
        Telling {
            read,
            first_part: None,
        }
    }
}

/// A first part of a large store, so the reader shows headlines while the rest loads. It is
/// the first entries of the file, checked as the whole store is (duplicate ids, the limits), but
/// a related id may name an article not read yet: it is dropped from the part quietly.
pub struct FirstPart<'a> {
    /// How long the load runs before the part is made: a store read by then has none.
    pub after: std::time::Duration,
    /// About how many articles it holds at most: whole blocks are taken, at least one.
    pub most: usize,
    /// Takes the part, on the loading thread; called at most once.
    pub give: Box<dyn FnMut(Store) + 'a>,
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

/// The articles something was built from (a search index, content vectors), to tell it
/// belongs to a store: a reload makes another store, whose articles may sit in another order,
/// and what was built from the old one must not answer for it.
#[derive(Clone, Debug, Default)]
pub struct BuiltFrom(std::sync::Weak<Articles>);

impl BuiltFrom {
    /// Built from these articles ([`Store::shared`]).
    pub fn new(articles: &Arc<Articles>) -> BuiltFrom {
        BuiltFrom(Arc::downgrade(articles))
    }

    /// Whether it was built from this store's articles.
    pub fn is(&self, store: &Store) -> bool {
        std::ptr::eq(self.0.as_ptr(), Arc::as_ptr(&store.articles))
    }
}

/// The loaded articles, in store order, with an index by id.
#[derive(Clone, Debug, Default)]
pub struct Store {
    /// The file the articles came from, as messages name it.
    pub name: String,
    /// Shared, so a thread can index the articles while the reader shows them; only the loader
    /// changes them, while it alone holds them.
    articles: Arc<Articles>,
    pub warnings: Vec<Warning>,
    by_id: ids::Ids,
}

impl Store {
    /// The reference to the article at `position` in store order, if there is one.
    pub fn ix_at(&self, position: usize) -> Option<ArticleIx> {
        (position < self.articles.len()).then(|| ArticleIx(ix_u32(position)))
    }

    /// Builds a store from articles written by hand (tests, fixtures). They go through
    /// [`build()`] like loaded ones, so they are sanitised, their derived fields are recomputed and
    /// their related ids checked; whatever fails lands in [`Store::warnings`].
    pub fn from_articles(articles: Vec<Article>) -> Store {
        Store::from_raw(HAND_BUILT_NAME, articles.into_iter().map(RawArticle::from))
    }

    /// Builds a store from raw articles, as an importer reads them; `name` names the source in
    /// messages and each article's position in `raws` is its index in warnings.
    pub fn from_raw(name: &str, raws: impl IntoIterator<Item = RawArticle>) -> Store {
        let mut loader = Loader::new(name);
        for (index, raw) in raws.into_iter().enumerate() {
            if loader.add(index, raw).is_break() {
                break;
            }
        }
        loader.finish()
    }

    pub fn len(&self) -> usize {
        self.articles.len()
    }

    pub fn is_empty(&self) -> bool {
        self.articles.is_empty()
    }

    /// The article with this id.
    pub fn ix_of(&self, id: &str) -> Option<ArticleIx> {
        self.by_id.find(&self.articles, id).map(ArticleIx)
    }

    pub fn get(&self, id: &str) -> Option<&Article> {
        self.ix_of(id).and_then(|ix| self.article(ix))
    }

    /// The article `ix` refers to; `None` only for a reference from another store.
    pub fn article(&self, ix: ArticleIx) -> Option<&Article> {
        self.articles.get(ix.position())
    }

    /// Every article in store order, as the store keeps it: its lead, body, captions and link may be in
    /// the file ([`Article::body_elsewhere`]); [`Store::whole`] reads them.
    pub fn articles(&self) -> &Articles {
        &self.articles
    }

    /// The article `ix` refers to with its lead, body, captions and link (see [`Articles::whole`]).
    pub fn whole(&self, ix: ArticleIx) -> Option<std::borrow::Cow<'_, Article>> {
        self.articles.whole(ix.position())
    }

    /// [`Store::whole`], saying why a body could not be read.
    pub fn try_whole(
        &self,
        ix: ArticleIx,
    ) -> Option<Result<std::borrow::Cow<'_, Article>, BodyError>> {
        self.articles.try_whole(ix.position())
    }

    /// The articles, shared: for a thread that works on them (the search index) while the
    /// store is in use.
    pub fn shared(&self) -> Arc<Articles> {
        Arc::clone(&self.articles)
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
        Store::open_with_progress(origin, &AtomicUsize::new(0))
    }

    /// [`Store::open`], adding to `read` the number of entries of the article array read so
    /// far, so that a thread showing the reader's status line can say "loading… 40 000
    /// articles" while another loads. It moves by a few hundred at a time; a store the fast
    /// reader declines (one with errors, mostly) is read without counting.
    pub fn open_with_progress(origin: &Origin, read: &AtomicUsize) -> Result<Store, StoreError> {
        Store::open_telling(origin, Telling::counting(read))
    }

    /// [`Store::open`], telling how far it has got ([`Telling`]): the articles read so far,
    /// and a first part of the store when a large one is still loading.
    pub fn open_telling(origin: &Origin, telling: Telling<'_>) -> Result<Store, StoreError> {
        match origin {
            Origin::Flag(p) | Origin::Env(p) | Origin::Xdg(p) => {
                Store::load_path_by(p, READ_BLOCK, telling)
            }
            Origin::Embedded => Store::parse_counting(EMBEDDED_SAMPLE, EMBEDDED_NAME, telling.read),
        }
    }

    /// [`Store::open_telling`], from the store's cache in `cache` when one is valid for its file
    /// as it is now ([`cache::read`]); `true` with a store that came from there.
    pub fn open_cached(
        origin: &Origin,
        cache: Option<&Path>,
        mut telling: Telling<'_>,
    ) -> Result<(Store, bool), StoreError> {
        if let (Some(dir), Origin::Flag(path) | Origin::Env(path) | Origin::Xdg(path)) =
            (cache, origin)
            && let Some(store) = cache::read(dir, path, &name_of(path), &mut telling.first_part)
        {
            return Ok((store, true));
        }
        Store::open_telling(origin, telling).map(|store| (store, false))
    }

    /// Reads and parses a store file.
    pub fn load_path(path: &Path) -> Result<Store, StoreError> {
        Store::load_path_by(path, READ_BLOCK, Telling::counting(&AtomicUsize::new(0)))
    }

    /// [`Store::load_path`] reading `block` bytes at a time: for tests of where entries fall
    /// across blocks. Not for use elsewhere.
    #[doc(hidden)]
    pub fn load_path_in_blocks(path: &Path, block: usize) -> Result<Store, StoreError> {
        Store::load_path_by(path, block, Telling::counting(&AtomicUsize::new(0)))
    }

    /// [`Store::load_path_in_blocks`], telling how far it has got: for tests of the first
    /// part. Not for use elsewhere.
    #[doc(hidden)]
    pub fn load_path_in_blocks_telling(
        path: &Path,
        block: usize,
        telling: Telling<'_>,
    ) -> Result<Store, StoreError> {
        Store::load_path_by(path, block, telling)
    }

    fn load_path_by(path: &Path, block: usize, telling: Telling<'_>) -> Result<Store, StoreError> {
        let file = name_of(path);
        let read_err = |source| StoreError::Read {
            file: file.clone(),
            source,
        };
        // Only a regular file of a sensible size is read: a FIFO would block forever (even
        // opening it) and /dev/zero would grow without end. The path is checked before it is
        // opened, and the handle, which is kept to read bodies from, after.
        let meta = std::fs::metadata(path).map_err(read_err)?;
        let handle = match meta.is_file() {
            true => std::fs::File::open(path).map_err(read_err)?,
            false => {
                return Err(StoreError::NotAFile {
                    file,
                    kind: file_kind(&meta),
                });
            }
        };
        let meta = handle.metadata().map_err(read_err)?;
        if !meta.is_file() {
            return Err(StoreError::NotAFile {
                file,
                kind: file_kind(&meta),
            });
        }
        if meta.len() > MAX_STORE_BYTES {
            return Err(StoreError::TooLarge {
                file,
                size: meta.len(),
                limit: MAX_STORE_BYTES,
            });
        }
        // Read a block at a time, bodies left in the file; the rare store the block reader
        // declines is read whole, with its bodies kept, as text is.
        let bodies = Arc::new(articles::BodyFile {
            file: handle,
            name: file.clone(),
            path: path.to_path_buf(),
            stamp: articles::Stamp::of(&meta),
            recent: articles::Stamp::recent(&meta),
        });
        let read = telling.read;
        if let Some(store) =
            fast::stream_leaving(&bodies.file, block, &file, telling, Some(&bodies))
        {
            return Ok(store);
        }
        let mut handle = &bodies.file;
        let mut bytes = Vec::with_capacity(usize::try_from(meta.len()).unwrap_or(0));
        std::io::Seek::rewind(&mut handle).map_err(read_err)?;
        std::io::Read::read_to_end(&mut handle, &mut bytes).map_err(read_err)?;
        // One validation, with SIMD: the JSON reader borrows the text as `&str` and checks no
        // byte again. The standard library's check, much slower on Vietnamese text (a
        // multi-byte letter every few bytes), runs only to say where a bad file goes wrong.
        let Ok(text) = simdutf8::basic::from_utf8(&bytes) else {
            return Err(StoreError::NotUtf8 {
                file,
                offset: std::str::from_utf8(&bytes).map_or_else(|e| e.valid_up_to(), str::len),
            });
        };
        // Counted again from the start.
        read.store(0, std::sync::atomic::Ordering::Relaxed);
        Store::parse_counting(text, &file, read)
    }

    /// Parses store text; `file` names it in messages.
    ///
    /// The fast reader ([`json::split`], [`json::read_entry`]) reads almost every store; one it
    /// cannot vouch for (an error, an odd shape) is read again by the reference reader, whose
    /// messages and results are the definition, so both give the same store or the same error.
    pub fn parse(text: &str, file: &str) -> Result<Store, StoreError> {
        Store::parse_counting(text, file, &AtomicUsize::new(0))
    }

    /// [`Store::parse`], adding to `read` the number of articles read so far.
    fn parse_counting(text: &str, file: &str, read: &AtomicUsize) -> Result<Store, StoreError> {
        match fast::parse_counting(text, file, read) {
            Some(store) => Ok(store),
            None => slow::parse(text, file),
        }
    }
}

/// The fast path of loading, public only so tests can tell it was taken. Not for use elsewhere.
#[doc(hidden)]
pub mod fast {
    use std::sync::Arc;
    use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};

    use std::io::Read;
    use std::sync::Mutex;

    use super::articles::BodyFile;
    use super::json::stream::{Batch, Splitter};
    use super::{Articles, Built, Loader, Store, Telling, json};

    /// Entries built by a thread at a time: large enough that handing out work costs nothing,
    /// small enough that the threads finish together and the count of articles read moves
    /// smoothly.
    const CHUNK: usize = 256;

    /// [`Store::parse`] through the fast reader, or `None` when the store must be read by the
    /// reference reader ([`super::slow::parse`]) instead.
    pub fn parse(text: &str, file: &str) -> Option<Store> {
        parse_counting(text, file, &AtomicUsize::new(0))
    }

    /// [`parse`], adding to `read` the entries of the article array read so far.
    ///
    /// Entries are read and built on every available core: each is independent of the others
    /// until the store-level step ([`Loader::accept`]), which then takes them in file order, so
    /// warnings come out in the same order as from one thread.
    pub fn parse_counting(text: &str, file: &str, read: &AtomicUsize) -> Option<Store> {
        let entries = json::split(text)?;
        let chunks = build_all(&entries, file, read)?;
        drop(entries);
        Some(assemble(chunks, file, None))
    }

    /// Reads a store from `src` a block of `block` bytes at a time ([`json::stream`]), so the
    /// whole text is never held, keeping every article whole; `None` when the store must be
    /// read whole instead, as [`parse`] would read it.
    pub fn stream(src: impl Read, block: usize, file: &str) -> Option<Store> {
        stream_leaving(
            src,
            block,
            file,
            Telling::counting(&AtomicUsize::new(0)),
            None,
        )
    }

    /// [`stream`]: entries are built on every core as blocks are read, and taken in file order.
    /// With `bodies` (the open file `src` reads), each article's lead, body, captions and link are
    /// left there. `None` when the store must be read whole instead (the splitter or an entry's
    /// reader declined it). A first part, when `telling` asks for one, is given from the
    /// reading thread once the load has run long enough.
    pub(super) fn stream_leaving(
        src: impl Read,
        block: usize,
        file: &str,
        mut telling: Telling<'_>,
        bodies: Option<&Arc<BodyFile>>,
    ) -> Option<Store> {
        let started = std::time::Instant::now();
        let read = telling.read;
        let threads = crate::parallel::threads();
        // Few blocks wait: memory stays a few blocks above the articles built.
        let (tx, rx) = std::sync::mpsc::sync_channel::<(usize, usize, Batch)>(threads);
        // Each worker holds the receiver: once every one has stopped (even by a panic), a
        // send fails and the splitter stops instead of waiting for room forever.
        let rx = Arc::new(Mutex::new(rx));
        // Built blocks come back to the reading thread, which may make a first part of them.
        let (done_tx, done_rx) = std::sync::mpsc::channel::<(usize, Vec<Built>)>();
        let failed = AtomicBool::new(false);
        let work = |rx: Arc<Mutex<std::sync::mpsc::Receiver<(usize, usize, Batch)>>>,
                    done: std::sync::mpsc::Sender<(usize, Vec<Built>)>| {
            // Each worker shares names through its own table: a name is kept once per
            // worker at most, and a name met again is neither folded nor copied.
            let mut names = crate::store::Names::default();
            loop {
                let Ok(next) = rx.lock().map(|rx| rx.recv()) else {
                    break;
                };
                let Ok((no, first, batch)) = next else {
                    break;
                };
                if failed.load(Ordering::Relaxed) {
                    continue;
                }
                let mut built = Vec::with_capacity(batch.entries.len());
                for (k, r) in batch.entries.iter().enumerate() {
                    let entry = batch
                        .text
                        .get(r.clone())
                        .and_then(|b| simdutf8::basic::from_utf8(b).ok())
                        .and_then(|text| json::read_entry(text).ok());
                    let Some(entry) = entry else {
                        // The store is read whole instead: nothing of this batch is kept.
                        failed.store(true, Ordering::Relaxed);
                        built.clear();
                        break;
                    };
                    // An entry longer than a `Stored` can note keeps its text in memory.
                    let len = u32::try_from(r.len()).ok().filter(|_| bodies.is_some());
                    let mut one = Built::with(file, first + k, entry, len.is_some(), &mut names);
                    if let (Some(len), Some(a)) = (len, one.article.as_mut())
                        && let Some(stored) = a.stored.as_mut()
                    {
                        stored.offset = batch.base + r.start as u64;
                        stored.len = len;
                    }
                    built.push(one);
                }
                read.fetch_add(built.len(), Ordering::Relaxed);
                if failed.load(Ordering::Relaxed) || done.send((no, built)).is_err() {
                    break;
                }
            }
        };
        let mut parts: Vec<(usize, Vec<Built>)> = Vec::new();
        let whole = std::thread::scope(|s| {
            let helpers: Vec<_> = (0..threads)
                .map(|_| {
                    let (rx, done) = (Arc::clone(&rx), done_tx.clone());
                    s.spawn(move || work(rx, done))
                })
                .collect();
            drop((rx, done_tx));
            let mut splitter = Splitter::new(src, block);
            let (mut no, mut first) = (0, 0);
            let whole = loop {
                if failed.load(Ordering::Relaxed) {
                    break false;
                }
                match splitter.next_batch() {
                    Ok(Some(batch)) => {
                        let n = batch.entries.len();
                        if tx.send((no, first, batch)).is_err() {
                            break false;
                        }
                        no += 1;
                        first += n;
                    }
                    Ok(None) => break true,
                    Err(_) => break false,
                }
                if let Some(part) = &mut telling.first_part
                    && started.elapsed() >= part.after
                    && !failed.load(Ordering::Relaxed)
                {
                    parts.extend(done_rx.try_iter());
                    if let Some(store) = first_part(&mut parts, part.most, file, bodies) {
                        (part.give)(store);
                        telling.first_part = None;
                    }
                }
            };
            drop(tx);
            for helper in helpers {
                if let Err(panic) = helper.join() {
                    std::panic::resume_unwind(panic);
                }
            }
            whole
        });
        parts.extend(done_rx.try_iter());
        if !whole || failed.load(Ordering::Relaxed) {
            return None;
        }
        parts.sort_unstable_by_key(|(no, _)| *no);
        let chunks = parts.into_iter().map(|(_, built)| built).collect();
        Some(assemble(chunks, file, bodies))
    }

    /// A store of the first blocks built, in file order, up to about `most` articles: a copy,
    /// the blocks stay for the whole store. `None` while the first block is not built.
    fn first_part(
        parts: &mut [(usize, Vec<Built>)],
        most: usize,
        file: &str,
        bodies: Option<&Arc<BodyFile>>,
    ) -> Option<Store> {
        parts.sort_unstable_by_key(|(no, _)| *no);
        let mut chunks = Vec::new();
        let mut count = 0;
        for (expected, (no, built)) in parts.iter().enumerate() {
            if *no != expected || (count > 0 && count >= most) {
                break;
            }
            count += built.len();
            chunks.push(built.clone());
        }
        if chunks.is_empty() {
            return None;
        }
        let mut loader = loader_for(&chunks, file, bodies);
        for built in chunks.into_iter().flatten() {
            if loader.accept(built).is_break() {
                break;
            }
        }
        Some(loader.finish_part())
    }

    /// The store of entries built in file order: each kept unless its id is taken, then
    /// related ids checked.
    fn assemble(chunks: Vec<Vec<Built>>, file: &str, bodies: Option<&Arc<BodyFile>>) -> Store {
        let mut loader = loader_for(&chunks, file, bodies);
        let mut full = false;
        for built in chunks.into_iter().flatten() {
            // Once the store is full, the rest has still been read, so an error in it is one.
            if !full {
                full = loader.accept(built).is_break();
            }
        }
        loader.finish()
    }

    /// A loader with room for the entries of `chunks`, whose articles read their bodies from
    /// `bodies`.
    fn loader_for(chunks: &[Vec<Built>], file: &str, bodies: Option<&Arc<BodyFile>>) -> Loader {
        let mut loader = Loader::new(file);
        if let Some(bodies) = bodies {
            loader.store.articles = Arc::new(Articles::new(Vec::new(), Some(Arc::clone(bodies))));
        }
        let n: usize = chunks.iter().map(Vec::len).sum();
        Arc::make_mut(&mut loader.store.articles)
            .list_mut()
            .reserve_exact(n);
        loader.store.by_id.reserve(n, &[]);
        loader.source_index.reserve_exact(n);
        loader
    }

    /// Every entry read and built, by chunks of [`CHUNK`] in file order; `None` as soon as one
    /// cannot be read.
    fn build_all(
        entries: &json::Entries<'_>,
        file: &str,
        read: &AtomicUsize,
    ) -> Option<Vec<Vec<Built>>> {
        let n = entries.items.len();
        let count = n.div_ceil(CHUNK);
        let threads = std::thread::available_parallelism()
            .map_or(1, std::num::NonZero::get)
            .min(count)
            .max(1);
        let next = AtomicUsize::new(0);
        let failed = AtomicBool::new(false);
        let work = || {
            let mut done: Vec<(usize, Vec<Built>)> = Vec::new();
            let mut names = crate::store::Names::default();
            while !failed.load(Ordering::Relaxed) {
                let chunk = next.fetch_add(1, Ordering::Relaxed);
                if chunk >= count {
                    break;
                }
                let range = chunk * CHUNK..n.min((chunk + 1) * CHUNK);
                let mut built = Vec::with_capacity(range.len());
                for index in range {
                    let Some(Ok(entry)) = entries.read(index) else {
                        failed.store(true, Ordering::Relaxed);
                        return done;
                    };
                    built.push(Built::new(file, index, entry, &mut names));
                }
                read.fetch_add(built.len(), Ordering::Relaxed);
                done.push((chunk, built));
            }
            done
        };
        let mut parts = std::thread::scope(|s| {
            let helpers: Vec<_> = (1..threads).map(|_| s.spawn(work)).collect();
            let mut parts = work();
            for helper in helpers {
                match helper.join() {
                    Ok(more) => parts.extend(more),
                    Err(panic) => std::panic::resume_unwind(panic),
                }
            }
            parts
        });
        if failed.load(Ordering::Relaxed) {
            return None;
        }
        parts.sort_unstable_by_key(|(chunk, _)| *chunk);
        Some(parts.into_iter().map(|(_, built)| built).collect())
    }
}

/// The reference path of loading, through a `serde_json::Value` tree: slower, and simple enough
/// to be the definition the fast path is tested against. Not for use elsewhere.
#[doc(hidden)]
pub mod slow {
    use super::{Loader, Store, StoreError, json::tree};

    /// [`Store::parse`] through the reference reader.
    pub fn parse(text: &str, file: &str) -> Result<Store, StoreError> {
        let mut loader = Loader::new(file);
        for (index, item) in tree::article_values(text, file)?.into_iter().enumerate() {
            if loader.add_entry(index, tree::raw_article(item)).is_break() {
                break;
            }
        }
        Ok(loader.finish())
    }
}

/// One entry of the source, built on its own (so entries can be built on several threads): the
/// article unless it is skipped, and the warnings about it, in the order they arose.
#[derive(Clone)]
struct Built {
    index: usize,
    article: Option<Article>,
    warnings: Vec<Warning>,
}

impl Built {
    fn new(file: &str, index: usize, entry: json::Entry, names: &mut Names) -> Built {
        Built::with(file, index, entry, false, names)
    }

    /// [`Built::new`], leaving the lead, body, captions and link in the file when `leave`
    /// ([`BuildCtx::leaving_text`]). Its persons, tags, section and source are shared through
    /// `names` with the articles built before.
    fn with(file: &str, index: usize, entry: json::Entry, leave: bool, names: &mut Names) -> Built {
        let mut warnings = Vec::new();
        let mut ctx = BuildCtx::new(file, index, &mut warnings).sharing(names);
        if leave {
            ctx = ctx.leaving_text();
        }
        let article = match entry {
            Ok(raw) => build(raw, &mut ctx),
            Err(not_an_article) => {
                if let json::NotAnArticle::TooDeep { id: Some(id), .. } = &not_an_article {
                    ctx.set_id(id);
                }
                ctx.warn(None, not_an_article.to_string());
                None
            }
        };
        Built {
            index,
            article,
            warnings,
        }
    }
}

/// The store-level step of loading: what cannot be decided one article at a time.
struct Loader {
    store: Store,
    /// Each kept article's position in its source, so later warnings name the right one.
    source_index: Vec<usize>,
    /// The persons, tags, sections and sources of the articles it builds itself
    /// ([`Loader::add`]), each kept once.
    names: Names,
}

impl Loader {
    fn new(name: &str) -> Loader {
        Loader {
            store: Store {
                name: name.to_owned(),
                ..Store::default()
            },
            names: Names::default(),
            source_index: Vec::new(),
        }
    }

    /// Builds the article at `index` of the source and keeps it unless its id is taken; breaks
    /// once the store is full.
    fn add(&mut self, index: usize, raw: RawArticle) -> ControlFlow<()> {
        self.add_entry(index, Ok(raw))
    }

    /// Adds an entry of the article array: an article, or a note that it is none.
    fn add_entry(&mut self, index: usize, entry: json::Entry) -> ControlFlow<()> {
        let built = Built::new(&self.store.name, index, entry, &mut self.names);
        self.accept(built)
    }

    /// Keeps an article built on its own unless its id is taken, after its warnings; breaks
    /// once the store is full.
    fn accept(&mut self, built: Built) -> ControlFlow<()> {
        let store = &mut self.store;
        store.warnings.extend(built.warnings);
        let Some(article) = built.article else {
            return ControlFlow::Continue(());
        };
        let mut ctx = BuildCtx::new(&store.name, built.index, &mut store.warnings);
        ctx.set_id(&article.id);
        let duplicate = |ctx: &mut BuildCtx<'_>| {
            ctx.warn(
                Some(Field::Id),
                "duplicate id; the first article with this id is kept".to_owned(),
            );
            ControlFlow::Continue(())
        };
        let at = store.articles.len();
        if at >= MAX_ARTICLES {
            if store.by_id.contains(&store.articles, &article.id) {
                return duplicate(&mut ctx);
            }
            ctx.warn(
                None,
                format!("more than {MAX_ARTICLES} articles; the rest are skipped"),
            );
            return ControlFlow::Break(());
        }
        if !store.by_id.insert(&store.articles, &article.id, ix_u32(at)) {
            return duplicate(&mut ctx);
        }
        Arc::make_mut(&mut store.articles).list_mut().push(article);
        self.source_index.push(built.index);
        ControlFlow::Continue(())
    }

    /// Drops related ids that name no kept article or the article itself. This waits until every
    /// article is known, so a link may point forward in the file.
    fn finish(self) -> Store {
        self.finish_as(true)
    }

    /// [`Loader::finish`] for the first part of a store still loading: a related id naming no
    /// article read so far is dropped without a warning, as the article may come later.
    fn finish_part(self) -> Store {
        self.finish_as(false)
    }

    fn finish_as(self, whole: bool) -> Store {
        let Loader {
            mut store,
            source_index,
            ..
        } = self;
        // Room was reserved for every entry; skipped ones leave none behind.
        Arc::make_mut(&mut store.articles)
            .list_mut()
            .shrink_to_fit();
        // Which related ids each article loses is decided on every core (the id table is only
        // read); they are then dropped, with their warnings, in store order.
        let list: &[Article] = &store.articles;
        let by_id = &store.by_id;
        let judge = |slice: &[Article], first: usize| -> Vec<(usize, Vec<usize>)> {
            slice
                .iter()
                .enumerate()
                .filter_map(|(k, article)| {
                    let lost: Vec<usize> = (article.related.iter().enumerate())
                        .filter(|(_, r)| **r == article.id || !by_id.contains(list, r))
                        .map(|(j, _)| j)
                        .collect();
                    (!lost.is_empty()).then_some((first + k, lost))
                })
                .collect()
        };
        let losing: Vec<(usize, Vec<usize>)> = if list.len() >= CHECK_ON_EVERY_CORE_FROM {
            crate::parallel::by_chunks(list, judge)
                .into_iter()
                .flatten()
                .collect()
        } else {
            judge(list, 0)
        };
        if losing.is_empty() {
            return store;
        }
        let Store {
            name,
            articles,
            warnings,
            ..
        } = &mut store;
        let list = Arc::make_mut(articles).list_mut();
        for (at, lost) in losing {
            let article = &mut list[at];
            let mut dropped: Vec<String> = lost
                .iter()
                .rev()
                .map(|&j| article.related.remove(j))
                .collect();
            dropped.reverse();
            let mut ctx = BuildCtx::new(name, source_index[at], warnings);
            ctx.set_id(&article.id);
            for r in dropped {
                let why = if r == article.id {
                    "links to itself"
                } else if whole {
                    "names no article in this store"
                } else {
                    continue;
                };
                ctx.warn(
                    Some(Field::Related),
                    format!("related id {r:?} {why}; dropped"),
                );
            }
        }
        store
    }
}

/// From how many articles the related ids are checked on every core: below it, threads cost
/// more than they save.
const CHECK_ON_EVERY_CORE_FROM: usize = 4096;

/// How much of a store file is read at a time: large enough that a read costs nothing next to
/// building what it holds, small enough that the blocks in flight are a fraction of the store.
const READ_BLOCK: usize = 1 << 20;

/// The largest store file tuinews reads: 8 GiB, well past a million articles (about 1.9 GB) and
/// short of what a filled disk or a runaway file would be.
pub const MAX_STORE_BYTES: u64 = 8 << 30;

/// The name every message about the store at `path` carries, made safe to print once here.
fn name_of(path: &Path) -> String {
    crate::text::visible(&path.display().to_string())
}

/// What kind of file a path that is not a regular file is, as messages name it.
fn file_kind(meta: &std::fs::Metadata) -> &'static str {
    let t = meta.file_type();
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        if t.is_fifo() {
            return "a FIFO (named pipe)";
        }
        if t.is_char_device() {
            return "a character device";
        }
        if t.is_block_device() {
            return "a block device";
        }
        if t.is_socket() {
            return "a socket";
        }
    }
    if t.is_dir() {
        "a directory"
    } else {
        "not a file"
    }
}

/// The most articles one store holds: references are 32-bit, which keeps every list of them
/// (the view, indexes) half the size.
pub const MAX_ARTICLES: usize = u32::MAX as usize;

/// A position as a reference; positions are kept below [`MAX_ARTICLES`] at load.
fn ix_u32(i: usize) -> u32 {
    u32::try_from(i).unwrap_or(u32::MAX)
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    fn parse(v: &serde_json::Value) -> Store {
        match Store::parse(&v.to_string(), "f.json") {
            Ok(s) => s,
            Err(e) => panic!("{e}"),
        }
    }

    fn ids(s: &Store) -> Vec<&str> {
        s.articles().iter().map(|a| a.id.as_str()).collect()
    }

    #[test]
    fn a_hand_built_article_ends_up_as_if_loaded() {
        let title = "\u{1b}[31mVie\u{323}\u{302}t Nam\u{1b}[0m \u{2014} To\u{302} La\u{302}m";
        let person = "To\u{302} La\u{302}m";
        let loaded = parse(&json!([
            {"id": "a", "title": title, "published": "2026-01-28T09:30:00+07:00",
             "summary": " Lead\u{7} ", "body": "p1\n\np2", "persons": [person, " "],
             "related": ["b"], "captions": ["c\u{1b}]0;x\u{7}"]},
            {"id": "b", "title": "B"},
        ]));
        let by_hand = Store::from_articles(vec![
            Article {
                id: "a".to_owned(),
                title: title.to_owned(),
                published: Published::parse("2026-01-28T09:30:00+07:00"),
                summary: " Lead\u{7} ".to_owned(),
                body: vec!["p1\n\np2".to_owned()],
                persons: vec![person.into(), " ".into()],
                related: vec!["b".to_owned()],
                captions: vec!["c\u{1b}]0;x\u{7}".to_owned()],
                ..Article::default()
            },
            Article {
                id: "b".to_owned(),
                title: "B".to_owned(),
                ..Article::default()
            },
        ]);
        assert_eq!(by_hand.articles(), loaded.articles());
        assert_eq!(by_hand.articles()[0].title, "Việt Nam — Tô Lâm");
        assert_eq!(by_hand.articles()[0].persons[0].folded(), "to lam");
        assert!(crate::query::search_key(&by_hand.articles()[0]).contains("viet nam"));
        assert!(by_hand.warnings.is_empty(), "{:?}", by_hand.warnings);
        assert_eq!(by_hand.ix_of("b").map(ArticleIx::position), Some(1));
    }

    #[test]
    fn hand_built_stores_check_ids_like_loaded_ones() {
        let article = |id: &str, related: &[&str]| Article {
            id: id.to_owned(),
            title: id.to_uppercase(),
            related: related.iter().map(|r| (*r).to_owned()).collect(),
            ..Article::default()
        };
        let s = Store::from_articles(vec![
            article("a", &["b", "a", "zz"]),
            article("", &[]),
            article("a", &[]),
            article("b", &["a"]),
        ]);
        assert_eq!(ids(&s), ["a", "b"]);
        assert_eq!(s.articles()[0].related, ["b"]);
        let warnings: Vec<String> = s.warnings.iter().map(ToString::to_string).collect();
        assert_eq!(
            warnings,
            [
                r#"test store: article #1, field "id": empty; article skipped"#,
                r#"test store: article #2 (id "a"), field "id": duplicate id; the first article with this id is kept"#,
                r#"test store: article #0 (id "a"), field "related": related id "a" links to itself; dropped"#,
                r#"test store: article #0 (id "a"), field "related": related id "zz" names no article in this store; dropped"#,
            ]
        );
    }

    #[test]
    fn raw_articles_keep_their_position_in_warnings() {
        let raw = |id: &str, related: &str| RawArticle {
            id: Some(id.to_owned()),
            title: Some("t".to_owned()),
            related: vec![related.to_owned()],
            ..RawArticle::default()
        };
        let s = Store::from_raw(
            "feed.xml",
            [RawArticle::default(), raw("x", "y"), raw("y", "nope")],
        );
        assert_eq!(ids(&s), ["x", "y"]);
        assert_eq!(s.name, "feed.xml");
        let at: Vec<(usize, Option<&str>)> = s
            .warnings
            .iter()
            .map(|w| (w.index, w.id.as_deref()))
            .collect();
        assert_eq!(at, [(0, None), (2, Some("y"))]);
    }

    #[test]
    fn entries_that_are_not_articles_count_in_positions() {
        let s = parse(&json!([3, {"id": "a", "title": "A", "related": ["q"]}]));
        assert_eq!(ids(&s), ["a"]);
        let warnings: Vec<String> = s.warnings.iter().map(ToString::to_string).collect();
        assert_eq!(
            warnings,
            [
                "f.json: article #0: expected an object, found a number; skipped",
                r#"f.json: article #1 (id "a"), field "related": related id "q" names no article in this store; dropped"#,
            ]
        );
    }

    #[test]
    fn the_embedded_sample_is_named_the_same_everywhere() {
        match Store::open(&Origin::Embedded) {
            Ok(s) => assert_eq!(s.name, Origin::Embedded.name()),
            Err(e) => panic!("{e}"),
        }
    }
}
