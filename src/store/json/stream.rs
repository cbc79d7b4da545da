//! The store's article array read from a file a block at a time, so a load never holds the
//! whole file: each block's complete entries are handed out with where they sit in the file.
//!
//! Written by hand because what is needed is the byte range of each entry of one array while
//! reading from a stream, and serde_json (which reads from a reader byte by byte, and tells no
//! positions) and the streaming JSON crates (which tokenise every value) give neither cheaply.
//! This splitter only finds where values end: strings skipped with `memchr`, brackets counted.
//! It checks nothing inside an entry; each entry is read by [`super::read_entry`], which checks
//! all of it, and any other value of the top-level object is checked as [`super::split`] checks it. Whatever it
//! is not sure of (an odd shape, a byte out of place, `articles` given twice, none at all) makes
//! it decline, and the caller reads the file whole as before, whose errors are the definition.

use std::io::Read;
use std::ops::Range;

use super::ARTICLES;

/// Complete entries of the article array, in a block of the file.
#[derive(Debug)]
pub struct Batch {
    /// The block's bytes; the entries are slices of it.
    pub text: Vec<u8>,
    /// Where `text` starts in the file.
    pub base: u64,
    /// Each entry's bytes in `text`, in file order.
    pub entries: Vec<Range<usize>>,
}

/// The store cannot be read a block at a time: it must be read whole.
#[derive(Debug, PartialEq, Eq)]
pub struct Decline;

/// Where the splitter is in the document.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum At {
    /// Before the top-level value.
    Start,
    /// In the top-level object, before a key or its closing brace (`first`: nothing read yet).
    Key { first: bool },
    /// In the top-level object, after a value.
    AfterValue,
    /// In the article array, before an entry or its closing bracket (`first`: no entry yet).
    Entry { first: bool },
    /// In the article array, after an entry.
    AfterEntry,
    /// After the top-level value: only whitespace may follow.
    End,
}

/// Reads a store from `src` and hands out its entries block by block.
pub struct Splitter<R> {
    src: R,
    /// How much is read at a time.
    block: usize,
    buf: Vec<u8>,
    /// Where scanning goes on in `buf`; what is before it is handed out or skipped.
    pos: usize,
    /// Where `buf` starts in the file.
    base: u64,
    eof: bool,
    at: At,
    /// Whether the article array is the top-level value (else it is the object's `articles`).
    top_array: bool,
    seen_articles: bool,
}

/// A step of scanning: done up to here, or more bytes are needed to tell.
enum Step {
    To(usize),
    More,
}

fn is_ws(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\n' | b'\r')
}

/// The end of the string whose opening quote is at `at`, past its closing quote.
fn string_end(buf: &[u8], at: usize) -> Step {
    let mut i = at + 1;
    loop {
        match memchr::memchr2(b'"', b'\\', buf.get(i..).unwrap_or_default()) {
            None => return Step::More,
            Some(n) if buf[i + n] == b'"' => return Step::To(i + n + 1),
            // A backslash and the byte it escapes.
            Some(n) => i += n + 2,
        }
    }
}

/// The end of the value starting at `at` (not whitespace): a string, an array or object
/// (brackets counted, strings skipped), or a scalar (up to the next delimiter; at the end of the
/// file, the end). Nothing is checked: the value is read by a real parser afterwards.
fn value_end(buf: &[u8], at: usize, eof: bool) -> Step {
    match buf[at] {
        b'"' => string_end(buf, at),
        b'{' | b'[' => {
            let mut depth = 0usize;
            let mut i = at;
            while let Some(&b) = buf.get(i) {
                match b {
                    b'"' => match string_end(buf, i) {
                        Step::To(end) => {
                            i = end;
                            continue;
                        }
                        Step::More => return Step::More,
                    },
                    b'{' | b'[' => depth += 1,
                    b'}' | b']' => {
                        depth = depth.saturating_sub(1);
                        if depth == 0 {
                            return Step::To(i + 1);
                        }
                    }
                    _ => {}
                }
                i += 1;
            }
            Step::More
        }
        _ => match buf[at..]
            .iter()
            .position(|&b| is_ws(b) || matches!(b, b',' | b']' | b'}'))
        {
            Some(n) => Step::To(at + n),
            None if eof => Step::To(buf.len()),
            None => Step::More,
        },
    }
}

impl<R: Read> Splitter<R> {
    /// A splitter reading `block` bytes at a time (at least 1).
    pub fn new(src: R, block: usize) -> Splitter<R> {
        Splitter {
            src,
            block: block.max(1),
            buf: Vec::new(),
            pos: 0,
            base: 0,
            eof: false,
            at: At::Start,
            top_array: false,
            seen_articles: false,
        }
    }

    /// The next block's complete entries (possibly none, when a block held only part of one);
    /// `Ok(None)` once the document has ended as a store the splitter vouches for.
    pub fn next_batch(&mut self) -> Result<Option<Batch>, Decline> {
        loop {
            let mut entries = Vec::new();
            let more = self.scan(&mut entries)?;
            if !entries.is_empty() {
                let tail = self.buf.get(self.pos..).unwrap_or_default().to_vec();
                let text = std::mem::replace(&mut self.buf, tail);
                let batch = Batch {
                    text,
                    base: self.base,
                    entries,
                };
                self.base += self.pos as u64;
                self.pos = 0;
                return Ok(Some(batch));
            }
            if !more {
                return Ok(None);
            }
            if self.eof {
                // More was needed and there is no more: the document is cut short.
                return Err(Decline);
            }
            self.fill()?;
        }
    }

    /// Reads up to another block (or as much as is left unscanned, if more) onto the end of
    /// `buf`, dropping what was scanned.
    fn fill(&mut self) -> Result<(), Decline> {
        if self.pos > 0 {
            self.buf.drain(..self.pos);
            self.base += self.pos as u64;
            self.pos = 0;
        }
        // What is left is part of one value: reading at least as much again keeps the
        // rescans of a value longer than a block to a few.
        let start = self.buf.len();
        self.buf.resize(start + self.block.max(start), 0);
        let mut filled = start;
        while filled < self.buf.len() {
            match self.src.read(&mut self.buf[filled..]) {
                Ok(0) => {
                    self.eof = true;
                    break;
                }
                Ok(n) => filled += n,
                Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
                Err(_) => return Err(Decline),
            }
        }
        self.buf.truncate(filled);
        Ok(())
    }

    /// Scans from `pos`, adding complete entries; `Ok(true)` when more bytes are needed,
    /// `Ok(false)` at the end of a document the splitter vouches for.
    fn scan(&mut self, entries: &mut Vec<Range<usize>>) -> Result<bool, Decline> {
        let buf = &self.buf;
        let mut i = self.pos;
        loop {
            if self.at == At::Start && self.base == 0 && i == 0 {
                // A byte order mark, which some editors write.
                if buf.len() < 3 && !self.eof {
                    return Ok(true);
                }
                if buf.starts_with("\u{feff}".as_bytes()) {
                    i = 3;
                }
            }
            while buf.get(i).is_some_and(|&b| is_ws(b)) {
                i += 1;
            }
            let Some(&b) = buf.get(i) else {
                return if self.at == At::End && self.eof {
                    Ok(false)
                } else {
                    Ok(true)
                };
            };
            match (self.at, b) {
                (At::Start, b'[') => {
                    self.top_array = true;
                    self.at = At::Entry { first: true };
                    i += 1;
                }
                (At::Start, b'{') => {
                    self.at = At::Key { first: true };
                    i += 1;
                }
                (At::Key { first: true }, b'}') => return Err(Decline),
                (At::Key { .. }, b'"') => {
                    let Step::To(key_end) = string_end(buf, i) else {
                        return Ok(true);
                    };
                    let key: String =
                        serde_json::from_slice(&buf[i..key_end]).map_err(|_| Decline)?;
                    let mut j = key_end;
                    while buf.get(j).is_some_and(|&b| is_ws(b)) {
                        j += 1;
                    }
                    match buf.get(j) {
                        None => break Ok(true),
                        Some(b':') => j += 1,
                        Some(_) => return Err(Decline),
                    }
                    while buf.get(j).is_some_and(|&b| is_ws(b)) {
                        j += 1;
                    }
                    if j >= buf.len() {
                        return Ok(true);
                    }
                    if key == ARTICLES {
                        if self.seen_articles || buf[j] != b'[' {
                            return Err(Decline);
                        }
                        self.seen_articles = true;
                        self.at = At::Entry { first: true };
                        i = j + 1;
                    } else {
                        let Step::To(end) = value_end(buf, j, self.eof) else {
                            return Ok(true);
                        };
                        let value =
                            simdutf8::basic::from_utf8(&buf[j..end]).map_err(|_| Decline)?;
                        if !super::is_other_value(value) {
                            return Err(Decline);
                        }
                        self.at = At::AfterValue;
                        i = end;
                    }
                }
                (At::AfterValue, b',') => {
                    self.at = At::Key { first: false };
                    i += 1;
                }
                (At::AfterValue, b'}') => {
                    if !self.seen_articles {
                        return Err(Decline);
                    }
                    self.at = At::End;
                    i += 1;
                }
                (At::Entry { first: true }, b']') | (At::AfterEntry, b']') => {
                    self.at = if self.top_array {
                        At::End
                    } else {
                        At::AfterValue
                    };
                    i += 1;
                }
                (At::AfterEntry, b',') => {
                    self.at = At::Entry { first: false };
                    i += 1;
                }
                (At::Entry { .. }, b) if b != b']' && b != b',' => {
                    let Step::To(end) = value_end(buf, i, self.eof) else {
                        return Ok(true);
                    };
                    entries.push(i..end);
                    self.at = At::AfterEntry;
                    i = end;
                }
                _ => return Err(Decline),
            }
            // Scanned this far: keep the position, so a block ending mid-token resumes here.
            self.pos = i;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every entry's text, read `block` bytes at a time, checking each batch's offsets.
    fn entries(doc: &str, block: usize) -> Result<Vec<String>, Decline> {
        let mut s = Splitter::new(doc.as_bytes(), block);
        let mut out = Vec::new();
        while let Some(batch) = s.next_batch()? {
            for r in batch.entries {
                let text = String::from_utf8_lossy(&batch.text[r.clone()]).into_owned();
                let at = usize::try_from(batch.base).unwrap_or(usize::MAX) + r.start;
                assert_eq!(doc.get(at..at + r.len()), Some(text.as_str()), "{doc:?}");
                out.push(text);
            }
        }
        Ok(out)
    }

    #[test]
    fn entries_are_found_at_any_block_size() {
        let docs: [(&str, &[&str]); 6] = [
            ("[]", &[]),
            (
                " [ {\"a\":1} , 2,\"x\" ,null,[1,[2]] ] ",
                &["{\"a\":1}", "2", "\"x\"", "null", "[1,[2]]"],
            ),
            (
                "\u{feff}{\"articles\":[{\"t\":\"]}\\\"[\"}]}",
                &["{\"t\":\"]}\\\"[\"}"],
            ),
            (
                "{\"x\":{\"articles\":[1]},\"articles\":[{}],\"y\":[\"]\"]}",
                &["{}"],
            ),
            ("{\"\\u0061rticles\":[true]}", &["true"]),
            ("[-1.5e3,{\"é\":\"ắ\"}]", &["-1.5e3", "{\"é\":\"ắ\"}"]),
        ];
        for (doc, want) in docs {
            for block in 1..=doc.len() + 1 {
                let want: Vec<String> = want.iter().map(|&w| w.to_owned()).collect();
                assert_eq!(entries(doc, block), Ok(want), "{doc:?} by {block}");
            }
        }
    }

    #[test]
    fn what_it_cannot_vouch_for_is_declined() {
        for doc in [
            "",
            "   ",
            "{}",
            "{\"x\":1}",
            "{\"articles\":[],\"articles\":[]}",
            "{\"articles\":{}}",
            "[1,]",
            "[,1]",
            "[1 2]",
            "[1]]",
            "[1] x",
            "[{\"a\":1}",
            "{\"articles\":[]",
            "{\"x\":[1,}, \"articles\":[]}",
            "{\"x\" 1,\"articles\":[]}",
            "3",
            "\"articles\"",
        ] {
            for block in [1, 2, 3, 64] {
                assert_eq!(entries(doc, block), Err(Decline), "{doc:?} by {block}");
            }
        }
    }
}
