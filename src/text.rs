//! Vietnamese-correct text for a terminal: one sanitiser, width, truncation, wrapping and folding.
//!
//! Every text field is sanitised once, at load ([`sanitize_block`], [`sanitize_line`]); after that
//! everything here works on whole grapheme clusters of NFC text. A terminal cell holds one
//! grapheme, and ratatui drops the combining marks of a grapheme that a span or line boundary
//! cuts in two, so no function here ever cuts inside a grapheme. The measurements behind each
//! rule are in `/work/shared/TEXT.md`.
//!
//! Decisions where the brief left a choice:
//! - A combining mark with no base (at the start of a field or of a line, or left alone when a
//!   control before it was removed) is dropped by the sanitiser: a terminal would draw it over
//!   whatever cell comes before, a border included. [`Metrics::grapheme_width`] counts such a
//!   grapheme 0, as ratatui does (its buffer then skips it), so unsanitised text cannot make a
//!   line wider either.
//! - Interlinear annotation characters (U+FFF9-U+FFFB) are removed: terminals draw them with
//!   widths the tables do not give, so a row would drift.
//! - Bidi embedding, override and isolate controls (U+202A-U+202E, U+2066-U+2069) are removed:
//!   they reorder what the terminal shows. LRM, RLM and ALM are kept (they reorder nothing).
//! - VT and FF are line breaks (they are mandatory breaks in UAX #14); U+2029 becomes a blank
//!   line (`"\n\n"`) in block fields.
//! - [`wrap`] puts a grapheme wider than the width (志 at width 1) alone on its line: the one
//!   line that may be wider than `cols`. The renderer clips it.
//! - [`find_folded`] expands a match to whole graphemes: "👨" inside a ZWJ family highlights the
//!   whole family, consistently with `fold(haystack).contains(&fold(needle))`.

use std::ops::Range;

use textwrap::WordSeparator;
use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::is_combining_mark;
use unicode_segmentation::UnicodeSegmentation;
use unicode_width::UnicodeWidthStr;

/// What [`Metrics::truncate`] appends when it cuts.
pub const ELLIPSIS: &str = "…";

/// How wide the terminal draws East-Asian-ambiguous characters (à á đ è é ê ...).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Metrics {
    /// Count ambiguous characters as two columns, as CJK-configured terminals draw them.
    pub ambiguous_wide: bool,
    /// Never break a URL that does not fit a line, letting the line run long, so it can be
    /// copied and clicked whole (`show`); without it, a long URL breaks after a `/` (the
    /// reader, whose panes cannot run long).
    pub urls_whole: bool,
}

/// Letters whose East Asian Width is Ambiguous (from Unicode's EastAsianWidth.txt).
///
/// unicode-width's `width_cjk` deliberately keeps letters narrow (so that canonically
/// equivalent strings measure the same), but terminals configured for CJK use a per-code-point
/// wcwidth and draw à á đ è é ê ì í ò ó ù ú (NFC) two columns wide: those are the letters we
/// print, so we add them back here.
const AMBIGUOUS_LETTERS: &[(char, char)] = &[
    ('\u{AA}', '\u{AA}'),
    ('\u{BA}', '\u{BA}'),
    ('\u{C6}', '\u{C6}'),
    ('\u{D0}', '\u{D0}'),
    ('\u{D8}', '\u{D8}'),
    ('\u{DE}', '\u{E1}'),
    ('\u{E6}', '\u{E6}'),
    ('\u{E8}', '\u{EA}'),
    ('\u{EC}', '\u{ED}'),
    ('\u{F0}', '\u{F0}'),
    ('\u{F2}', '\u{F3}'),
    ('\u{F8}', '\u{FA}'),
    ('\u{FC}', '\u{FC}'),
    ('\u{FE}', '\u{FE}'),
    ('\u{101}', '\u{101}'),
    ('\u{111}', '\u{111}'),
    ('\u{113}', '\u{113}'),
    ('\u{11B}', '\u{11B}'),
    ('\u{126}', '\u{127}'),
    ('\u{12B}', '\u{12B}'),
    ('\u{131}', '\u{133}'),
    ('\u{138}', '\u{138}'),
    ('\u{13F}', '\u{142}'),
    ('\u{144}', '\u{144}'),
    ('\u{148}', '\u{14B}'),
    ('\u{14D}', '\u{14D}'),
    ('\u{152}', '\u{153}'),
    ('\u{166}', '\u{167}'),
    ('\u{16B}', '\u{16B}'),
    ('\u{1CE}', '\u{1CE}'),
    ('\u{1D0}', '\u{1D0}'),
    ('\u{1D2}', '\u{1D2}'),
    ('\u{1D4}', '\u{1D4}'),
    ('\u{1D6}', '\u{1D6}'),
    ('\u{1D8}', '\u{1D8}'),
    ('\u{1DA}', '\u{1DA}'),
    ('\u{1DC}', '\u{1DC}'),
    ('\u{251}', '\u{251}'),
    ('\u{261}', '\u{261}'),
    ('\u{2C7}', '\u{2C7}'),
    ('\u{2C9}', '\u{2CB}'),
    ('\u{2CD}', '\u{2CD}'),
    ('\u{2D0}', '\u{2D0}'),
    ('\u{391}', '\u{3A1}'),
    ('\u{3A3}', '\u{3A9}'),
    ('\u{3B1}', '\u{3C1}'),
    ('\u{3C3}', '\u{3C9}'),
    ('\u{401}', '\u{401}'),
    ('\u{410}', '\u{44F}'),
    ('\u{451}', '\u{451}'),
    ('\u{207F}', '\u{207F}'),
    ('\u{2113}', '\u{2113}'),
    ('\u{2126}', '\u{2126}'),
    ('\u{212B}', '\u{212B}'),
];

fn is_ambiguous_letter(c: char) -> bool {
    AMBIGUOUS_LETTERS
        .binary_search_by(|&(lo, hi)| {
            if hi < c {
                std::cmp::Ordering::Less
            } else if lo > c {
                std::cmp::Ordering::Greater
            } else {
                std::cmp::Ordering::Equal
            }
        })
        .is_ok()
}

/// A grapheme made only of whitespace: what wrapping may drop at a line end.
fn is_blank(g: &str) -> bool {
    g.chars().all(char::is_whitespace)
}

impl Metrics {
    /// Columns of one grapheme cluster, as ratatui's buffer advances for it.
    ///
    /// unicode-width measures a whole grapheme correctly (❤️, 👍🏽, ZWJ families, flags and ｶﾞ
    /// are 2); a control character counts 0 (it never survives the sanitiser, and ratatui
    /// skips it). A lone combining mark counts 0: ratatui skips zero-width graphemes.
    pub fn grapheme_width(self, g: &str) -> usize {
        if g.chars().any(char::is_control) {
            0
        } else if self.ambiguous_wide {
            g.width_cjk() + g.chars().filter(|&c| is_ambiguous_letter(c)).count()
        } else {
            g.width()
        }
    }

    /// Columns of a string: the sum of its graphemes' widths.
    pub fn width(self, s: &str) -> usize {
        s.graphemes(true).map(|g| self.grapheme_width(g)).sum()
    }

    /// The longest prefix of whole graphemes that fits `cols`, for single-line text.
    ///
    /// Text that fits is returned unchanged. Cut text ends with `…` and is padded with spaces
    /// to exactly `cols` when a wide glyph would have straddled the last column, so a table
    /// column stays aligned. When `…` itself does not fit (width 1 with ambiguous-wide, where
    /// `…` is 2), the prefix is returned without it. Never wider than `cols`.
    pub fn truncate(self, s: &str, cols: usize) -> String {
        if cols == 0 {
            return String::new();
        }
        if self.width(s) <= cols {
            return s.to_owned();
        }
        let ellipsis_width = self.grapheme_width(ELLIPSIS);
        let (marker, budget) = if ellipsis_width <= cols {
            (ELLIPSIS, cols - ellipsis_width)
        } else {
            ("", cols)
        };
        let mut out = String::with_capacity(s.len().min(4 * cols) + 4);
        let mut used = 0;
        for g in s.graphemes(true) {
            let w = self.grapheme_width(g);
            if used + w > budget {
                break;
            }
            used += w;
            out.push_str(g);
        }
        out.push_str(marker);
        used += self.width(marker);
        out.extend(std::iter::repeat_n(' ', cols.saturating_sub(used)));
        out
    }

    /// Word-wraps `s` into lines of at most `cols` columns; `\n` is a hard break.
    ///
    /// Lines break at Unicode line-break opportunities (textwrap's `UnicodeBreakProperties`
    /// word separation, which also allows breaks between CJK characters and emoji), widths
    /// are ours, per grapheme. A run of text without whitespace (a word, or a CJK name between
    /// spaces) moves to the next line whole when it fits there; only a run wider than `cols`
    /// is broken, first at its break opportunities, then, for a piece still too wide, between
    /// graphemes. We do this by hand because textwrap's forced breaks walk `char`s (splitting
    /// emoji and stranding marks) and it measures ❤️ as 1 column.
    ///
    /// Each `\n`-separated line gives at least one line (an empty line stays an empty line;
    /// `""` gives `[""]`); leading whitespace of a paragraph is kept when it fits, no line ends
    /// in whitespace. Every line is at most `cols` wide, except that a single grapheme wider
    /// than `cols` (志 at width 1) sits alone on its own line, for the renderer to clip.
    /// `cols == 0` gives no lines. Expects sanitised text; control characters count 0.
    pub fn wrap(self, s: &str, cols: usize) -> Vec<String> {
        self.wrap_ranges(s, cols)
            .into_iter()
            .map(|r| s[r].to_owned())
            .collect()
    }

    /// [`Metrics::wrap`] as byte ranges of `s`: every wrapped line is a slice of the source
    /// (whitespace at a break is left out), so a search match in the source can be found on
    /// the lines it was wrapped onto. An empty line is an empty range where it stands.
    pub fn wrap_ranges(self, s: &str, cols: usize) -> Vec<Range<usize>> {
        let mut lines = Vec::new();
        if cols == 0 {
            return lines;
        }
        let mut offset = 0;
        for paragraph in s.split('\n') {
            let next = offset + paragraph.len() + 1;
            let paragraph = paragraph.strip_suffix('\r').unwrap_or(paragraph);
            let first = lines.len();
            Filler::new(paragraph, cols, self, &mut lines).run();
            for r in &mut lines[first..] {
                *r = r.start + offset..r.end + offset;
            }
            offset = next;
        }
        lines
    }
}

/// A grapheme of the paragraph being wrapped: where it starts and the columns before it.
struct Cell {
    at: usize,
    before: usize,
    blank: bool,
}

/// A stretch between two break opportunities: `start..mid` is text, `mid..end` whitespace.
struct Piece {
    start: usize,
    mid: usize,
    end: usize,
}

/// Greedy line filling of one paragraph (no `\n` inside).
struct Filler<'a> {
    text: &'a str,
    /// The paragraph's graphemes, then a sentinel at `text.len()`.
    cells: Vec<Cell>,
    cols: usize,
    urls_whole: bool,
    out: &'a mut Vec<Range<usize>>,
    /// The current line: a slice of `text`, `None` while nothing is on it.
    line: Option<Range<usize>>,
    line_width: usize,
    /// Whitespace after the last text put on the line, kept only if more text follows.
    pending: Range<usize>,
    pending_width: usize,
}

impl<'a> Filler<'a> {
    fn new(text: &'a str, cols: usize, metrics: Metrics, out: &'a mut Vec<Range<usize>>) -> Self {
        let mut cells = Vec::with_capacity(text.len() + 1);
        let mut before = 0;
        for (at, g) in text.grapheme_indices(true) {
            cells.push(Cell {
                at,
                before,
                blank: is_blank(g),
            });
            before += metrics.grapheme_width(g);
        }
        cells.push(Cell {
            at: text.len(),
            before,
            blank: false,
        });
        Filler {
            text,
            cells,
            cols,
            urls_whole: metrics.urls_whole,
            out,
            line: None,
            line_width: 0,
            pending: 0..0,
            pending_width: 0,
        }
    }

    /// Index of the grapheme starting at byte `at` (the sentinel for `text.len()`).
    fn index(&self, at: usize) -> usize {
        self.cells.partition_point(|c| c.at < at)
    }

    fn width(&self, r: Range<usize>) -> usize {
        self.cells[self.index(r.end)].before - self.cells[self.index(r.start)].before
    }

    /// The pieces between break opportunities, each ending on a grapheme boundary.
    fn pieces(&self) -> Vec<Piece> {
        // textwrap's opportunities can fall inside a grapheme (" \u{301}": UAX #14 treats the
        // mark after a space as a letter); drop those, so a piece never splits a grapheme.
        let mut breaks = vec![0];
        let mut offset = 0;
        for word in WordSeparator::UnicodeBreakProperties.find_words(self.text) {
            offset += word.word.len() + word.whitespace.len();
            let on_boundary = self
                .cells
                .get(self.index(offset))
                .is_some_and(|c| c.at == offset);
            if offset > 0 && offset < self.text.len() && on_boundary {
                breaks.push(offset);
            }
        }
        breaks.push(self.text.len());
        breaks.dedup();
        breaks
            .windows(2)
            .map(|w| {
                let (first, mut mid) = (self.index(w[0]), self.index(w[1]));
                while mid > first && self.cells[mid - 1].blank {
                    mid -= 1;
                }
                Piece {
                    start: w[0],
                    mid: self.cells[mid].at,
                    end: w[1],
                }
            })
            .collect()
    }

    fn run(mut self) {
        let pieces = self.pieces();
        let mut rest = &pieces[..];
        while !rest.is_empty() {
            // A chunk: pieces up to and including the first one followed by whitespace.
            let len = rest
                .iter()
                .position(|p| p.mid < p.end)
                .map_or(rest.len(), |i| i + 1);
            let (chunk, tail) = rest.split_at(len);
            rest = tail;
            let (first, last) = (&chunk[0], &chunk[len - 1]);
            if self.width(first.start..last.mid) <= self.cols {
                self.place(first.start, last.mid, last.end);
            } else if self.urls_whole && is_url(&self.text[first.start..last.mid]) {
                // A URL too long for a line gets a line of its own, as long as it is.
                if self.line.is_some() {
                    self.flush();
                }
                self.line = Some(first.start..last.mid);
                self.line_width = self.width(first.start..last.mid);
                self.pending = last.mid..last.end;
                self.pending_width = self.width(last.mid..last.end);
            } else {
                for p in chunk {
                    self.place(p.start, p.mid, p.end);
                }
            }
        }
        self.flush();
    }

    /// Puts text `start..mid` followed by whitespace `mid..end` on the current or next line.
    fn place(&mut self, start: usize, mid: usize, end: usize) {
        let (text_width, space_width) = (self.width(start..mid), self.width(mid..end));
        if start == mid {
            self.pending.end = end;
            self.pending_width += space_width;
            return;
        }
        if self.line.is_none() {
            if self.pending_width + text_width > self.cols {
                self.pending = start..start;
                self.pending_width = 0;
            }
        } else if self.line_width + self.pending_width + text_width > self.cols {
            self.flush();
        }
        if text_width > self.cols {
            self.split_long(start, mid);
        } else {
            // Pieces are contiguous, so the pending whitespace ends where this text starts and
            // the line stays one slice of the paragraph.
            let from = self.line.as_ref().map_or(self.pending.start, |l| l.start);
            self.line = Some(from..mid);
            self.line_width += self.pending_width + text_width;
        }
        self.pending = mid..end;
        self.pending_width = space_width;
    }

    /// Text wider than a line, starting on an empty line: a URL whole on a line of its own
    /// when the metrics say so; otherwise broken first after a hyphen, a slash or a no-break
    /// space inside it (a compound, a path, a name kept together), and only the parts still
    /// too wide between graphemes, so a syllable is cut only when nothing else will do.
    fn split_long(&mut self, start: usize, mid: usize) {
        let word = &self.text[start..mid];
        if self.urls_whole && is_url(word) {
            self.line = Some(start..mid);
            self.line_width = self.width(start..mid);
            return;
        }
        let mut from = start;
        // Only on grapheme boundaries: a mark after the hyphen or space belongs with it.
        let points: Vec<usize> = soft_breaks(word)
            .map(|p| start + p)
            .filter(|&p| self.cells.get(self.index(p)).is_some_and(|c| c.at == p))
            .collect();
        for to in points.into_iter().chain(std::iter::once(mid)) {
            let w = self.width(from..to);
            if self.line.is_some() && self.line_width + w > self.cols {
                self.flush();
            }
            if w > self.cols {
                self.force(from, to);
            } else {
                let line_start = self.line.as_ref().map_or(from, |l| l.start);
                self.line = Some(line_start..to);
                self.line_width += w;
            }
            from = to;
        }
    }

    /// Breaks text wider than a line between graphemes. A line never starts with a closing
    /// mark (a comma, a full stop, `)`, `…`): the grapheme before it goes down with it.
    fn force(&mut self, start: usize, mid: usize) {
        for i in self.index(start)..self.index(mid) {
            let (cell, next) = (&self.cells[i], &self.cells[i + 1]);
            let (at, next_at, w, blank) = (cell.at, next.at, next.before - cell.before, cell.blank);
            if self.line.is_some() && self.line_width + w > self.cols {
                let carried = match &self.line {
                    Some(line) if is_closing(&self.text[at..next_at]) && i > 0 => {
                        // Back over blanks to the grapheme before them: that one goes down.
                        let mut k = i - 1;
                        while k > 0 && self.cells[k].blank {
                            k -= 1;
                        }
                        let prev = &self.cells[k];
                        (!prev.blank
                            && prev.at > line.start
                            && self.width(prev.at..next_at) <= self.cols)
                            .then_some(prev.at)
                    }
                    _ => None,
                };
                match carried {
                    Some(prev_at) => {
                        let carried_width = self.width(prev_at..at);
                        if let Some(line) = &mut self.line {
                            line.end = prev_at;
                        }
                        self.line_width -= carried_width;
                        self.flush();
                        self.line = Some(prev_at..at);
                        self.line_width = carried_width;
                    }
                    None => self.flush(),
                }
            }
            if self.line.is_none() && blank {
                continue;
            }
            let from = self.line.as_ref().map_or(at, |l| l.start);
            self.line = Some(from..next_at);
            self.line_width += w;
        }
    }

    fn flush(&mut self) {
        let at = self.pending.end;
        let mut line = self.line.take().unwrap_or(at..at);
        while let Some(g) = self.text[line.clone()].graphemes(true).next_back() {
            if !is_blank(g) {
                break;
            }
            line.end -= g.len();
        }
        self.out.push(line);
        self.line_width = 0;
        self.pending = self.pending.end..self.pending.end;
        self.pending_width = 0;
    }
}

/// Whether `word` is a web address (`https://…`, `http://…`, `www.…`).
fn is_url(word: &str) -> bool {
    let lower = word
        .trim_start_matches(['(', '[', '<', '"', '“'])
        .to_ascii_lowercase();
    lower.starts_with("https://") || lower.starts_with("http://") || lower.starts_with("www.")
}

/// Where a word too long for a line may break before it is cut between graphemes: after a
/// hyphen or a dash, after a slash (after the last of `//`), after a no-break space. Byte
/// offsets inside the word, never at its ends.
fn soft_breaks(word: &str) -> impl Iterator<Item = usize> + '_ {
    let mut chars = word.char_indices().peekable();
    std::iter::from_fn(move || {
        while let Some((at, c)) = chars.next() {
            let end = at + c.len_utf8();
            let next = chars.peek().map(|&(_, n)| n);
            let soft = match c {
                '/' => next != Some('/'),
                '-' | '\u{2010}' | '\u{2013}' | '\u{2014}' | '\u{a0}' | '\u{202f}' => true,
                _ => false,
            };
            if soft && next.is_some() {
                return Some(end);
            }
        }
        None
    })
}

/// A grapheme a line must not start with: closing punctuation and the ellipsis.
fn is_closing(g: &str) -> bool {
    matches!(
        g,
        "…" | ")"
            | "]"
            | "}"
            | "»"
            | "›"
            | ":"
            | ";"
            | "?"
            | "!"
            | ","
            | "."
            | "”"
            | "’"
            | "、"
            | "。"
    )
}

/// Whether line breaks in a field become newlines or spaces.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Field {
    Block,
    Line,
}

/// Sanitise a multi-line field (summary, body paragraph, caption).
///
/// NFC; CR LF, CR, LF, VT, FF, NEL and U+2028 become `\n`, U+2029 a blank line; a tab becomes
/// one space (ratatui deletes tabs, gluing words); whole escape sequences (CSI, OSC, DCS, SOS,
/// PM, APC, and two-byte ESC sequences, in 7- and 8-bit forms) are removed, then every other
/// C0 and C1 control, DEL and bidi embedding/override/isolate control; a combining mark with
/// no base is dropped, and so is anything attached to whitespace (" \u{301}" becomes " ").
/// NBSP, ZWJ and variation selectors are kept. Idempotent.
pub fn sanitize_block(s: &str) -> String {
    sanitize(s, Field::Block)
}

/// Sanitise a single-line field (title, name, id): as [`sanitize_block`], but every line break
/// becomes a space, runs of spaces collapse to one, and leading and trailing whitespace is
/// trimmed (NBSP inside is kept). Idempotent.
pub fn sanitize_line(s: &str) -> String {
    sanitize(s, Field::Line)
}

/// [`sanitize_block`] of a string the caller owns: text that needs no work (almost every
/// field of a real store) is handed back as it is, without a copy.
pub fn sanitize_block_owned(s: String) -> String {
    if is_clean(&s, Field::Block) {
        s
    } else {
        sanitize_slow(&s, Field::Block)
    }
}

/// Whether `s` is already what [`sanitize_line`] (`line`) or [`sanitize_block`] makes of it:
/// text that can be shown as it is. For text read back from somewhere tuinews wrote it (the
/// store's cache), which is checked, never trusted.
pub fn is_sanitized(s: &str, line: bool) -> bool {
    let field = if line { Field::Line } else { Field::Block };
    is_clean(s, field) || sanitize_slow(s, field) == s
}

/// [`sanitize_line`] of a string the caller owns, without a copy when it needs no work.
pub fn sanitize_line_owned(s: String) -> String {
    if is_clean(&s, Field::Line) {
        s
    } else {
        sanitize_slow(&s, Field::Line)
    }
}

/// The general algorithms, without the fast paths, so tests can check that a fast path gives
/// byte for byte what they give. Not for use elsewhere: they are only slower.
#[doc(hidden)]
pub mod slow {
    use super::{Field, fold_map, sanitize_slow};

    pub fn sanitize_block(s: &str) -> String {
        sanitize_slow(s, Field::Block)
    }

    pub fn sanitize_line(s: &str) -> String {
        sanitize_slow(s, Field::Line)
    }

    pub fn fold(s: &str) -> String {
        fold_map(s).text
    }
}

fn sanitize(s: &str, field: Field) -> String {
    if is_clean(s, field) {
        s.to_owned()
    } else {
        sanitize_slow(s, field)
    }
}

/// Characters that, in any sequence of them, the sanitiser leaves exactly as they are:
/// printable ASCII, Latin-1 and Latin Extended-A/B letters and signs (not the soft hyphen, a
/// format character), Latin Extended Additional (ạ ả ấ ... ỹ, the precomposed Vietnamese
/// letters) and the dashes, quotes, bullets and ellipsis of General Punctuation. Each is NFC
/// with combining class 0 and an NFC quick-check of Yes, so any string of them is NFC (and a
/// join of two such strings stays NFC: none composes with what comes before it); none is a
/// control, a bidi control, a combining mark or a line break, and each is a grapheme of its
/// own, so the mark-dropping pass finds nothing either. The only whitespace among them is the
/// space and NBSP, which matter only to single-line tidying (see [`is_clean`]). A unit test
/// checks each of these properties for every character of the set.
#[cfg(test)]
fn is_clean_char(c: char) -> bool {
    matches!(c,
        ' '..='~'
        | '\u{a0}'..='\u{ac}'
        | '\u{ae}'..='\u{24f}'
        | '\u{1e00}'..='\u{1eff}'
        | '\u{2010}'..='\u{2027}')
}

/// Whether sanitising `s` as `field` would return it unchanged: true for almost every field
/// of typical news text, and one pass over the bytes instead of two NFC passes, the control
/// strip and the grapheme pass. Only [`is_clean_char`] characters, and for a single-line
/// field no leading or trailing space or NBSP (they are trimmed) and no two spaces in a row
/// (they collapse; "a\u{a0} b" is kept as it is).
fn is_clean(s: &str, field: Field) -> bool {
    if field == Field::Line
        && (s.starts_with([' ', '\u{a0}']) || s.ends_with([' ', '\u{a0}']) || s.contains("  "))
    {
        return false;
    }
    clean_bytes(s.as_bytes())
}

/// The byte scan of [`is_clean`]: [`is_clean_char`] read off each UTF-8 lead byte and the one
/// or two bytes after it, without decoding (`s` is valid UTF-8, so a continuation byte needs
/// no look of its own). Written without branches on the data, in blocks, so the compiler can
/// vectorise it: this runs over every byte of a store, and a decoding loop's branches cost a
/// third of a load on Vietnamese text, where ASCII and two- or three-byte letters alternate.
fn clean_bytes(bytes: &[u8]) -> bool {
    const BLOCK: usize = 64;
    let len = bytes.len();
    let at = |i: usize| bytes.get(i).copied().unwrap_or(0);
    let mut i = 0;
    // Whole blocks with their two bytes of look-ahead, as arrays of a fixed size.
    while i + BLOCK + 2 <= len {
        let block = |from: usize| <&[u8; BLOCK]>::try_from(&bytes[from..from + BLOCK]);
        let (Ok(b), Ok(n1), Ok(n2)) = (block(i), block(i + 1), block(i + 2)) else {
            break;
        };
        let mut bad = 0;
        for k in 0..BLOCK {
            bad |= bad_at(b[k], n1[k], n2[k]);
        }
        if bad != 0 {
            return false;
        }
        i += BLOCK;
    }
    (i..len).fold(0, |bad, i| bad | bad_at(at(i), at(i + 1), at(i + 2))) == 0
}

/// Whether the byte `b`, followed by `n1` and `n2`, starts a character that is not
/// [`is_clean_char`] (see that function for the ranges, here in UTF-8).
#[inline(always)]
fn bad_at(b: u8, n1: u8, n2: u8) -> u8 {
    // Only `&` and `|` on the comparisons, never `&&` or `||`, and ranges as one unsigned
    // comparison (`x - lo > hi - lo`): no branches, so it vectorises.
    let ascii_bad = (b < 0x20) | (b == 0x7f);
    // U+00A0..U+00BF but the soft hyphen.
    let c2_bad = (b == 0xc2) & ((n1 < 0xa0) | (n1 == 0xad));
    // U+0240..U+024F only.
    let c9_bad = (b == 0xc9) & (n1 > 0x8f);
    // U+1E00..U+1EFF.
    let e1_bad = (b == 0xe1) & (n1.wrapping_sub(0xb8) > 0xbb - 0xb8);
    // U+2010..U+2027.
    let e2_bad = (b == 0xe2) & ((n1 != 0x80) | (n2.wrapping_sub(0x90) > 0xa7 - 0x90));
    // Any other lead byte (C2..C9, E1 and E2 are judged above).
    let lead_bad = (b >= 0xc0) & (b.wrapping_sub(0xc2) > 0xc9 - 0xc2) & (b != 0xe1) & (b != 0xe2);
    u8::from(ascii_bad | c2_bad | c9_bad | e1_bad | e2_bad | lead_bad)
}

/// NFC, control strip, then marks and whitespace tidied to a fixed point: the whole algorithm,
/// for text [`is_clean`] cannot vouch for.
fn sanitize_slow(s: &str, field: Field) -> String {
    // NFC first, so that canonically equivalent inputs are the same string by the time the
    // escape parser decides what a sequence's final byte is ("ESC e\u{323}" vs "ESC ệ"), with
    // the marks in Vietnamese order so the letters compose.
    let composed: String = vietnamese_mark_order(s).nfc().collect();
    let mut text: String = strip_controls(&composed, field).nfc().collect();
    // Dropping a mark or trimming can expose another (or make non-NFC text, e.g. Hangul jamo
    // meeting); repeat to a fixed point, which keeps the result idempotent. Each round removes
    // characters, so this ends; almost always after one check.
    loop {
        let mut next = String::with_capacity(text.len());
        for g in text.graphemes(true) {
            if g.starts_with(char::is_whitespace) {
                // Marks, ZWJ or VS on a space decorate nothing; dropping them lets trimming
                // and collapsing see a plain space.
                next.extend(g.chars().filter(|c| c.is_whitespace()));
            } else if !g.starts_with(is_combining_mark) {
                next.push_str(g);
            }
        }
        if field == Field::Line {
            next = tidy_line(&next);
        }
        if next == text {
            return text;
        }
        text = next.nfc().collect();
    }
}

/// Puts the vowel marks (circumflex U+0302, breve U+0306) of a letter before its tone mark
/// (grave, acute, tilde, hook above), as some keyboards and old converters do not: "e" +
/// tilde + circumflex is then "ễ" after NFC, not "ẽ" with a loose circumflex. NFC cannot do
/// it: the marks share a combining class, so canonical order keeps them as typed, and a
/// tilde already on the "e" leaves the circumflex nothing to compose with. (The horn and
/// the dot below have other classes, which NFC's own reordering puts right.)
fn vietnamese_mark_order(s: &str) -> std::borrow::Cow<'_, str> {
    const VOWEL: [char; 2] = ['\u{302}', '\u{306}'];
    const TONE: [char; 4] = ['\u{300}', '\u{301}', '\u{303}', '\u{309}'];
    let needs = s
        .chars()
        .zip(s.chars().skip(1))
        .any(|(a, b)| TONE.contains(&a) && VOWEL.contains(&b));
    if !needs {
        return std::borrow::Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len());
    let mut run: Vec<char> = Vec::new();
    let flush = |run: &mut Vec<char>, out: &mut String| {
        // Stable: the vowel marks first, everything else after them in the order written.
        out.extend(run.iter().filter(|c| VOWEL.contains(c)));
        out.extend(run.iter().filter(|c| !VOWEL.contains(c)));
        run.clear();
    };
    for c in s.chars() {
        if is_combining_mark(c) {
            run.push(c);
        } else {
            flush(&mut run, &mut out);
            out.push(c);
        }
    }
    flush(&mut run, &mut out);
    std::borrow::Cow::Owned(out)
}

/// Trims whitespace graphemes at both ends and collapses runs of plain spaces.
fn tidy_line(s: &str) -> String {
    let graphemes: Vec<&str> = s.graphemes(true).collect();
    let start = graphemes.iter().position(|g| !is_blank(g)).unwrap_or(0);
    let end = graphemes
        .iter()
        .rposition(|g| !is_blank(g))
        .map_or(0, |i| i + 1);
    let mut out = String::with_capacity(s.len());
    let mut after_space = false;
    for g in graphemes.get(start..end).unwrap_or_default() {
        if *g == " " && after_space {
            continue;
        }
        after_space = *g == " ";
        out.push_str(g);
    }
    out
}

type Chars<'a> = std::iter::Peekable<std::str::Chars<'a>>;

fn strip_controls(s: &str, field: Field) -> String {
    let (line_break, paragraph_break) = match field {
        Field::Block => ("\n", "\n\n"),
        Field::Line => (" ", " "),
    };
    let mut out = String::with_capacity(s.len());
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\u{1b}' => skip_escape(&mut chars),
            '\u{9b}' => skip_csi(&mut chars),
            '\u{90}' | '\u{98}' | '\u{9d}' | '\u{9e}' | '\u{9f}' => skip_string(&mut chars),
            '\r' => {
                chars.next_if_eq(&'\n');
                out.push_str(line_break);
            }
            '\n' | '\u{0b}' | '\u{0c}' | '\u{85}' | '\u{2028}' => out.push_str(line_break),
            '\u{2029}' => out.push_str(paragraph_break),
            '\t' => out.push(' '),
            // The soft hyphen: terminals draw it one column wide while width tables say zero,
            // so it breaks alignment; text reads the same without it.
            '\u{ad}' => {}
            // Interlinear annotation anchors (U+FFF9-U+FFFB) too: terminals and width tables
            // disagree on them, so rows would drift.
            '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}' | '\u{fff9}'..='\u{fffb}' => {}
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out
}

/// After ESC: a CSI, a control string, or an ESC sequence (intermediates 0x20-0x2F, then a
/// final 0x30-0x7E, as ECMA-35 defines it; `ESC ( B` is three characters). An ESC followed by
/// anything else loses only the ESC, so a letter after a stray ESC survives.
fn skip_escape(chars: &mut Chars<'_>) {
    match chars.peek() {
        Some('[') => {
            chars.next();
            skip_csi(chars);
        }
        Some(']' | 'P' | 'X' | '^' | '_') => {
            chars.next();
            skip_string(chars);
        }
        _ => {
            while chars
                .next_if(|c| matches!(c, '\u{20}'..='\u{2f}'))
                .is_some()
            {}
            chars.next_if(|c| matches!(c, '\u{30}'..='\u{7e}'));
        }
    }
}

/// CSI body: parameter and intermediate bytes (0x20-0x3F), then a final byte (0x40-0x7E).
/// Anything else ends the sequence early and is kept (or stripped on its own if a control).
fn skip_csi(chars: &mut Chars<'_>) {
    while chars
        .next_if(|c| matches!(c, '\u{20}'..='\u{3f}'))
        .is_some()
    {}
    chars.next_if(|c| matches!(c, '\u{40}'..='\u{7e}'));
}

/// OSC/DCS/SOS/PM/APC body: everything up to BEL, ST (ESC \ or U+009C), CAN or SUB, or the
/// end of the field. Another ESC ends the string and starts a new sequence, as in terminals.
fn skip_string(chars: &mut Chars<'_>) {
    while let Some(&c) = chars.peek() {
        match c {
            '\u{07}' | '\u{9c}' | '\u{18}' | '\u{1a}' => {
                chars.next();
                return;
            }
            '\u{1b}' => {
                let mut ahead = chars.clone();
                ahead.next();
                if ahead.peek() == Some(&'\\') {
                    chars.next();
                    chars.next();
                }
                return;
            }
            _ => {
                chars.next();
            }
        }
    }
}

/// Columns of `s` with ambiguous characters narrow.
pub fn width(s: &str) -> usize {
    Metrics::default().width(s)
}

/// A file name, path or other outside string as messages show it: every control character
/// (escape, newline, tab, C1, DEL) and every bidi control made visible as `\u{..}`, so a name
/// can neither send the terminal a sequence nor forge another line of output. Everything else is
/// kept as it is, so the name can still be recognised.
pub fn visible(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        if c.is_control() || matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}') {
            out.push_str(&c.escape_unicode().to_string());
        } else {
            out.push(c);
        }
    }
    out
}

/// See [`Metrics::truncate`].
pub fn truncate(s: &str, cols: usize) -> String {
    Metrics::default().truncate(s, cols)
}

/// See [`Metrics::wrap`].
pub fn wrap(s: &str, cols: usize) -> Vec<String> {
    Metrics::default().wrap(s, cols)
}

/// A folded string and the map from its byte ranges back to the original's graphemes.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Folded {
    /// The matching key; equal to [`fold`] of the original.
    pub text: String,
    /// For each original grapheme that folds to something: where its folded text starts in
    /// `text`, and its byte range in the original. Folded texts tile `text` in order.
    spans: Vec<(usize, Range<usize>)>,
}

impl Folded {
    fn span_at(&self, pos: usize) -> Option<&Range<usize>> {
        let i = self.spans.partition_point(|(start, _)| *start <= pos);
        self.spans.get(i.checked_sub(1)?).map(|(_, r)| r)
    }

    /// The byte range of the original covering every grapheme that a byte range of `text`
    /// touches; a range starting or ending inside a grapheme's folded text widens to the whole
    /// grapheme, so a highlight never splits one (ratatui would drop its marks).
    pub fn original_range(&self, folded: Range<usize>) -> Range<usize> {
        let Some(first) = self.span_at(folded.start) else {
            return 0..0;
        };
        if folded.end <= folded.start {
            return first.start..first.start;
        }
        let last = self.span_at(folded.end - 1).unwrap_or(first);
        first.start..last.end.max(first.start)
    }

    /// Every non-overlapping occurrence of `fold(needle)`, as byte ranges of the original on
    /// grapheme boundaries, in order; matches that widen into each other are merged.
    pub fn find(&self, needle: &str) -> Vec<Range<usize>> {
        let needle = fold(needle);
        let mut found: Vec<Range<usize>> = Vec::new();
        if needle.is_empty() {
            return found;
        }
        for (at, m) in self.text.match_indices(&needle) {
            let r = self.original_range(at..at + m.len());
            match found.last_mut() {
                Some(prev) if r.start < prev.end => prev.end = prev.end.max(r.end),
                _ => found.push(r),
            }
        }
        found
    }
}

/// Characters invisible in text that would only stop a match: soft hyphen, word joiner, BOM,
/// LRM, RLM. (ZWJ and ZWNJ stay: they change what emoji and words are. The zero-width space
/// is not ignored but a word boundary: see [`is_fold_space`].)
fn is_fold_ignorable(c: char) -> bool {
    matches!(
        c,
        '\u{ad}' | '\u{2060}' | '\u{feff}' | '\u{200e}' | '\u{200f}'
    )
}

/// What folds to a space: whitespace, and the zero-width space, which separates words
/// (Thai, Lao and Khmer text and some web pages put it between words written without spaces).
fn is_fold_space(c: char) -> bool {
    c.is_whitespace() || c == '\u{200b}'
}

/// The fold of one character of a grapheme's NFD, appended to `text`; `after_space` says the
/// key ends in a space (or is empty), so whitespace runs collapse and leading ones vanish.
fn fold_decomposed(c: char, text: &mut String, after_space: &mut bool) {
    if is_combining_mark(c) || is_fold_ignorable(c) {
        return;
    }
    if is_fold_space(c) {
        if !*after_space {
            text.push(' ');
        }
        *after_space = true;
        return;
    }
    *after_space = false;
    match c {
        // Đ has no decomposition; Ð (eth) and Ɖ are common stand-ins for it.
        'Đ' | 'đ' | 'Ð' | 'ð' | 'Ɖ' | 'ɖ' => text.push('d'),
        _ => text.extend(c.to_lowercase().filter(|&l| !is_combining_mark(l))),
    }
}

/// The fold of one character (of any grapheme): [`fold_decomposed`] of each character of its
/// compatibility decomposition, so that matching sees through compatibility forms as NFKC
/// does (fullwidth `ＡＳＥＡＮ` is `asean`, the ligature `ﬁ` is `fi`, `²` is `2`) while the
/// text itself keeps them.
///
/// Folding character by character gives what folding grapheme by grapheme gives: a
/// grapheme's NFKD is its characters' decompositions, concatenated, with runs of characters of
/// non-zero combining class stably sorted by class; every such character is a combining mark
/// (a unit test checks all of Unicode), and the fold drops marks, so the sort never moves a
/// character that reaches the key.
fn fold_char(c: char, text: &mut String, after_space: &mut bool) {
    unicode_normalization::char::decompose_compatible(c, |d| {
        fold_decomposed(d, text, after_space);
    });
}

/// What a character of the precomputed ranges does to the key, whatever precedes it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum CharFold {
    /// Nothing (a combining mark, a soft hyphen).
    Drop,
    /// Whitespace: one space, unless the key already ends in one.
    Space,
    /// This one character (lowercased, accents gone, đ as d).
    To(char),
    /// Anything else: ask [`fold_char`].
    Other,
}

/// Where `c` sits in [`FOLD_TABLE`]: ASCII to the combining diacritics (U+0000-U+036F), Latin
/// Extended Additional (U+1E00-U+1EFF) and General Punctuation (U+2000-U+206F), the
/// characters of Vietnamese text in NFC or NFD.
fn fold_table_index(c: char) -> Option<usize> {
    match c as usize {
        u @ 0..0x370 => Some(u),
        u @ 0x1e00..0x1f00 => Some(u - 0x1e00 + 0x370),
        u @ 0x2000..0x2070 => Some(u - 0x2000 + 0x470),
        _ => None,
    }
}

const FOLD_TABLE_LEN: usize = 0x4e0;

/// [`fold_char`] of each character of [`fold_table_index`]'s ranges, computed once, so the
/// common case costs a table look-up instead of a decomposition and a lowercasing.
static FOLD_TABLE: std::sync::LazyLock<Vec<CharFold>> = std::sync::LazyLock::new(|| {
    let mut table = vec![CharFold::Other; FOLD_TABLE_LEN];
    for c in '\0'..='\u{206f}' {
        if let Some(i) = fold_table_index(c) {
            table[i] = classify_fold(c);
        }
    }
    table
});

/// Runs [`fold_char`] on `c` after a letter and after a space, and names what it did if that
/// is one of the simple cases; both runs must agree, so the entry is right in any context.
fn classify_fold(c: char) -> CharFold {
    let run = |after_space: bool| {
        let (mut text, mut after) = (String::new(), after_space);
        fold_char(c, &mut text, &mut after);
        (text, after)
    };
    let (after_letter, after_space) = (run(false), run(true));
    let mut chars = after_letter.0.chars();
    match (chars.next(), chars.next()) {
        (None, None) if !after_letter.1 && after_space == (String::new(), true) => CharFold::Drop,
        (Some(' '), None) if after_letter.1 && after_space == (String::new(), true) => {
            CharFold::Space
        }
        (Some(l), None) if !after_letter.1 && after_space == (l.to_string(), false) => {
            CharFold::To(l)
        }
        _ => CharFold::Other,
    }
}

/// Folds `s` grapheme by grapheme (see [`fold`]), remembering where each grapheme went.
pub fn fold_map(s: &str) -> Folded {
    let mut text = String::with_capacity(s.len());
    let mut spans = Vec::new();
    let mut after_space = true; // also drops leading whitespace
    for (at, g) in s.grapheme_indices(true) {
        let start = text.len();
        for c in g.nfkd() {
            fold_decomposed(c, &mut text, &mut after_space);
        }
        if text.len() > start {
            spans.push((start, at..at + g.len()));
        }
    }
    if text.ends_with(' ') {
        text.pop();
        if spans.last().is_some_and(|(start, _)| *start >= text.len()) {
            spans.pop();
        }
    }
    Folded { text, spans }
}

/// The accent- and case-insensitive matching key: NFD, combining marks dropped, đ/Đ to d,
/// lowercase, any whitespace run (NBSP included) to one space, trimmed. Kanji stay kanji, and
/// NFC and NFD input fold the same.
///
/// Character by character with a table for the Latin ranges (see [`fold_char`] for why that
/// equals folding by grapheme); [`fold_map`] gives the same text plus the way back.
pub fn fold(s: &str) -> String {
    let mut text = String::with_capacity(s.len());
    let mut after_space = true; // also drops leading whitespace
    fold_into(s, &mut text, &mut after_space);
    if text.ends_with(' ') {
        text.pop();
    }
    text
}

/// [`fold`] of the concatenation of `parts`, each followed by `separator`, without building
/// the concatenation: the store folds every article's fields into one search key, and the
/// joined copy cost as much memory traffic as the fold itself. The result has no spare
/// capacity, since the store keeps it for as long as the article lives.
pub fn fold_joined<'a>(
    parts: impl IntoIterator<Item = &'a str> + Clone,
    separator: &str,
) -> String {
    let len: usize = parts
        .clone()
        .into_iter()
        .map(|p| p.len() + separator.len())
        .sum();
    let mut text = String::with_capacity(len);
    let mut after_space = true;
    for part in parts {
        fold_into(part, &mut text, &mut after_space);
        fold_into(separator, &mut text, &mut after_space);
    }
    if text.ends_with(' ') {
        text.pop();
    }
    text.shrink_to_fit();
    text
}

/// The loop of [`fold`]: appends the fold of `s` to `text`, `after_space` saying whether
/// `text` ends in a space (or is empty), so a fold can go on across several strings.
fn fold_into(s: &str, text: &mut String, after_space: &mut bool) {
    let table = &*FOLD_TABLE;
    for c in s.chars() {
        let entry = fold_table_index(c).map_or(CharFold::Other, |i| table[i]);
        match entry {
            CharFold::Drop => {}
            CharFold::Space => {
                if !*after_space {
                    text.push(' ');
                }
                *after_space = true;
            }
            CharFold::To(l) => {
                text.push(l);
                *after_space = false;
            }
            CharFold::Other => fold_char(c, text, after_space),
        }
    }
}

/// Byte ranges of `haystack`, on grapheme boundaries of the original text, where its fold
/// contains `needle` folded. See [`Folded::find`]; to search one haystack for several needles,
/// call [`fold_map`] once.
pub fn find_folded(haystack: &str, needle: &str) -> Vec<Range<usize>> {
    fold_map(haystack).find(needle)
}

#[cfg(test)]
mod tests {
    //! One test per row of the TEXT.md checklist that concerns this module (23 is a
    //! pseudo-terminal test elsewhere), in NFC and NFD where it matters.

    use super::*;
    use ratatui::buffer::Buffer;
    use ratatui::layout::Rect;
    use ratatui::text::Line;
    use ratatui::widgets::{Block, Paragraph, Widget};

    fn nfd(s: &str) -> String {
        s.nfd().collect()
    }

    fn nfc(s: &str) -> String {
        s.nfc().collect()
    }

    fn assert_fits(lines: &[String], cols: usize) {
        for line in lines {
            assert!(
                width(line) <= cols,
                "{line:?} wider than {cols} in {lines:?}"
            );
        }
    }

    fn render(lines: &[&str], w: u16, h: u16, bordered: bool) -> Buffer {
        let mut buf = Buffer::empty(Rect::new(0, 0, w, h));
        let mut p = Paragraph::new(lines.iter().map(|l| Line::from(*l)).collect::<Vec<_>>());
        if bordered {
            p = p.block(Block::bordered());
        }
        p.render(buf.area, &mut buf);
        buf
    }

    #[test]
    fn c01_nfc_and_nfd_measure_and_render_the_same() {
        let composed = "Phạm Minh Chính";
        let decomposed = nfd(composed);
        assert_ne!(composed, decomposed);
        assert_eq!(width(composed), 15);
        assert_eq!(width(&decomposed), 15);
        let (a, b) = (sanitize_line(composed), sanitize_line(&decomposed));
        assert_eq!(a, b);
        assert_eq!(render(&[&a], 20, 1, false), render(&[&b], 20, 1, false));
        assert_eq!(wrap(&a, 20), vec![composed.to_owned()]);
    }

    #[test]
    fn c02_stacked_marks_compose_into_one_cell() {
        let s = sanitize_line("e\u{0323}\u{0302}");
        assert_eq!(s, "ệ");
        assert_eq!(s.graphemes(true).count(), 1);
        assert_eq!(width(&s), 1);
        assert_eq!(truncate(&s, 5), "ệ");
    }

    #[test]
    fn c03_marks_in_any_order_compose() {
        let s = sanitize_line("Vie\u{0302}\u{0323}t");
        assert_eq!(s, "Việt");
        assert_eq!(width(&s), 4);
        assert_eq!(fold("Vie\u{0302}\u{0323}t"), fold("Việt"));
        assert_eq!(fold(&s), "viet");
    }

    #[test]
    fn c04_highlight_covers_the_whole_nfd_word() {
        for hay in [nfd("Việt Nam"), "Việt Nam".to_owned()] {
            let found = find_folded(&hay, "viet");
            let viet_len = hay.find(' ').unwrap_or(0);
            assert_eq!(found, vec![0..viet_len], "{hay:?}");
            assert_eq!(nfc(&hay[found[0].clone()]), "Việt");
        }
        // A needle ending on a marked letter still takes the marks.
        let hay = nfd("Việt Nam");
        let found = find_folded(&hay, "vie");
        assert_eq!(nfc(&hay[found[0].clone()]), "Việ");
    }

    #[test]
    fn c05_vietnamese_wraps_on_spaces() {
        let s = "Thủ tướng Phạm Minh Chính phát biểu";
        let want = vec!["Thủ tướng", "Phạm Minh", "Chính phát", "biểu"];
        assert_eq!(wrap(s, 10), want);
        let from_nfd: Vec<String> = wrap(&nfd(s), 10).iter().map(|l| nfc(l)).collect();
        assert_eq!(from_nfd, want);
    }

    #[test]
    fn c06_wide_glyph_goes_to_the_next_line_and_the_border_holds() {
        let lines = wrap("abc d 志", 7);
        assert_eq!(lines, vec!["abc d", "志"]);
        let refs: Vec<&str> = lines.iter().map(String::as_str).collect();
        let buf = render(&refs, 9, 4, true);
        for y in 1..3 {
            assert_eq!(buf[(8, y)].symbol(), "│", "row {y}");
        }
        assert_eq!(buf[(1, 2)].symbol(), "志");
    }

    #[test]
    fn c07_emoji_between_letters_at_width_2() {
        assert_eq!(wrap("a🌞b", 2), vec!["a", "🌞", "b"]);
        let buf = render(&["a", "🌞", "b"], 2, 3, false);
        assert_eq!(buf[(0, 1)].symbol(), "🌞");
    }

    #[test]
    fn c08_leading_mark_neither_panics_nor_widens() {
        for s in ["\u{0301} b志", "\u{0301}"] {
            for cols in 1..=4 {
                let lines = wrap(s, cols);
                assert_fits(&lines, cols.max(2));
                if cols >= 3 {
                    assert_fits(&lines, cols);
                }
                assert_fits(&[truncate(s, cols)], cols);
            }
        }
        assert_eq!(sanitize_block("\u{0301} b志"), " b志");
        assert_eq!(sanitize_line("\u{0301} b志"), "b志");
        assert_eq!(sanitize_block("a\n\u{0301}b"), "a\nb");
        assert_eq!(wrap(&sanitize_block("\u{0301} b志"), 3), vec!["b志"]);
    }

    #[test]
    fn c09_cjk_breaks_between_characters() {
        assert_eq!(
            wrap("志位和夫委員長", 5),
            vec!["志位", "和夫", "委員", "長"]
        );
    }

    #[test]
    fn c10_cjk_name_stays_whole_where_it_fits() {
        let s = "Ông 志位和夫 nói";
        assert_fits(&wrap(s, 6), 6);
        // Too wide for any line, the name flows from the current line on.
        assert_eq!(wrap(s, 6), vec!["Ông 志", "位和夫", "nói"]);
        for cols in 8..=14 {
            let lines = wrap(s, cols);
            assert_fits(&lines, cols);
            assert!(
                lines.iter().any(|l| l.contains("志位和夫")),
                "{cols}: {lines:?}"
            );
        }
    }

    #[test]
    fn c11_truncate_vietnamese() {
        assert_eq!(truncate("Phạm Minh Chính", 8), "Phạm Mi…");
        assert_eq!(nfc(&truncate(&nfd("Phạm Minh Chính"), 8)), "Phạm Mi…");
        assert_eq!(truncate("Phạm Minh Chính", 15), "Phạm Minh Chính");
        assert_eq!(truncate("Phạm Minh Chính", 0), "");
    }

    #[test]
    fn c12_truncate_pads_a_straddling_wide_glyph() {
        assert_eq!(truncate("ab志位和夫", 6), "ab志… ");
        assert_eq!(width(&truncate("ab志位和夫", 6)), 6);
        assert_eq!(truncate("ab志位和夫", 7), "ab志位…");
        assert_eq!(truncate("志位", 1), "…");
        assert_eq!(truncate("志位", 2), "… ");
    }

    #[test]
    fn c13_truncate_keeps_a_zwj_family_whole() {
        let s = "Tin 👨\u{200d}👩\u{200d}👧 mới";
        assert_eq!(truncate(s, 6), "Tin … ");
        assert_eq!(truncate(s, 7), "Tin 👨\u{200d}👩\u{200d}👧…");
        for cols in 0..=12 {
            let t = truncate(s, cols);
            assert!(width(&t) <= cols);
            assert!(
                !t.contains("👨\u{200d}") || t.contains("👨\u{200d}👩\u{200d}👧"),
                "{t:?}"
            );
        }
    }

    #[test]
    fn c14_vs16_emoji_measure_two() {
        assert_eq!(width("❤\u{fe0f}"), 2);
        let lines = wrap("❤\u{fe0f}❤\u{fe0f}❤\u{fe0f} ab", 4);
        assert_fits(&lines, 4);
        assert_eq!(lines.concat(), "❤\u{fe0f}❤\u{fe0f}❤\u{fe0f}ab");
    }

    #[test]
    fn c15_skin_tones_stay_on_their_emoji() {
        assert_eq!(wrap("👍🏽👍🏽", 2), vec!["👍🏽", "👍🏽"]);
        assert_eq!(wrap("👍🏽👍🏽", 1), vec!["👍🏽", "👍🏽"]);
    }

    #[test]
    fn c16_tab_becomes_a_space() {
        assert_eq!(sanitize_line("Hà\tNội"), "Hà Nội");
        assert_eq!(sanitize_block("Hà\tNội"), "Hà Nội");
        assert_eq!(sanitize_line(&nfd("Hà\tNội")), "Hà Nội");
        assert_eq!(width(&sanitize_line("Hà\tNội")), 6);
    }

    #[test]
    fn c17_csi_is_removed_whole() {
        assert_eq!(sanitize_line("red\x1b[31mX"), "redX");
        assert_eq!(sanitize_block("red\x1b[1;31mX\x1b[0m"), "redX");
        assert_eq!(sanitize_block("a\x1b[?25lb"), "ab");
        assert_eq!(sanitize_block("a\x1b(Bb\x1b7c\x1b"), "abc");
        assert_eq!(sanitize_block("a\x1bé"), "aé");
        assert!(!sanitize_block("red\x1b[31mX").contains('\x1b'));
    }

    #[test]
    fn c18_osc_title_is_removed_whole() {
        assert_eq!(sanitize_line("x\x1b]0;pwn\x07y"), "xy");
        assert_eq!(sanitize_line("x\x1b]0;pwn\x1b\\y"), "xy");
        assert_eq!(sanitize_line("x\u{9d}0;pwn\u{9c}y"), "xy");
        assert_eq!(sanitize_line("x\x1b]0;pwn"), "x");
        assert_eq!(sanitize_line("x\x1bP1$r\x1b\\y"), "xy");
        assert_eq!(
            sanitize_line("x\x1b_apc\u{9c}y\x1b^pm\x07z\x1bXsos\x1b\\w"),
            "xyzw"
        );
        assert_eq!(sanitize_line("x\x1b]0;a\x1b[31my"), "xy");
    }

    #[test]
    fn c19_c1_controls_and_separators() {
        assert_eq!(sanitize_block("a\u{9b}2Jb"), "ab");
        assert_eq!(sanitize_block("a\u{85}b"), "a\nb");
        assert_eq!(sanitize_line("a\u{85}b"), "a b");
        assert_eq!(sanitize_block("a\u{2028}b"), "a\nb");
        assert_eq!(sanitize_line("a\u{2028}b"), "a b");
        assert_eq!(sanitize_block("a\u{2029}b"), "a\n\nb");
        assert_eq!(sanitize_block("a\r\nb\rc\nd"), "a\nb\nc\nd");
        assert_eq!(sanitize_line(" a\r\n\r\n b "), "a b");
        assert_eq!(sanitize_block("a\u{7f}\u{0}\u{7}\u{8}\u{80}\u{8d}b"), "ab");
        assert_eq!(sanitize_block("a\u{9f}apc\u{9c}b"), "ab");
        assert_eq!(sanitize_block("a\u{202e}b\u{2066}c"), "abc");
        assert_eq!(
            sanitize_line("Hà\u{fff9}Nội\u{fffa}ha noi\u{fffb}"),
            "HàNộiha noi"
        );
        assert_eq!(wrap(&sanitize_block("a\u{2028}b"), 10), vec!["a", "b"]);
        for s in ["a\u{9b}2Jb", "a\u{85}b", "a\u{2028}b"] {
            for out in [sanitize_block(s), sanitize_line(s)] {
                assert!(
                    !out.chars().any(|c| ('\u{80}'..='\u{9f}').contains(&c)),
                    "{out:?}"
                );
            }
        }
    }

    #[test]
    fn c19_kept_characters() {
        let s = "a\u{a0}b\u{200d}c\u{fe0f}❤\u{fe0f}👨\u{200d}👩";
        assert_eq!(sanitize_block(s), s);
        assert_eq!(sanitize_line(s), s);
    }

    #[test]
    fn c20_right_aligned_tab_text_ends_at_the_last_column() {
        let s = sanitize_line("a\tb");
        let mut buf = Buffer::empty(Rect::new(0, 0, 8, 1));
        Line::from(s.as_str())
            .right_aligned()
            .render(buf.area, &mut buf);
        assert_eq!(buf[(7, 0)].symbol(), "b");
        assert_eq!(buf[(6, 0)].symbol(), " ");
        assert_eq!(buf[(5, 0)].symbol(), "a");
    }

    #[test]
    fn c21_search_ignores_accents_case_and_form() {
        for hay in ["Phạm Minh Chính".to_owned(), nfd("Phạm Minh Chính")] {
            assert_eq!(find_folded(&hay, "pham minh chinh"), vec![0..hay.len()]);
        }
        assert_eq!(find_folded("Đà Nẵng", "da nang"), vec![0.."Đà Nẵng".len()]);
        assert_eq!(find_folded("ĐẢNG", "DANG"), vec![0.."ĐẢNG".len()]);
        assert_eq!(find_folded("hoà", "hoa"), vec![0.."hoà".len()]);
        assert_eq!(find_folded("hòa", "hoa"), vec![0.."hòa".len()]);
        assert_eq!(find_folded(&nfd("hòa"), "hoa"), vec![0..nfd("hòa").len()]);
        let hay = "Thủ đô Hà Nội, hà nội";
        for needle in ["ha noi", "HÀ NỘI", "Hà Nội", &nfd("Hà Nội")] {
            let found = find_folded(hay, needle);
            let got: Vec<&str> = found.iter().map(|r| &hay[r.clone()]).collect();
            assert_eq!(got, vec!["Hà Nội", "hà nội"], "{needle:?}");
        }
        assert!(find_folded(hay, "hanoi").is_empty());
        assert!(find_folded(hay, "").is_empty());
        assert!(find_folded(hay, " \u{a0} ").is_empty());
        assert_eq!(fold("  Đà\u{a0}\u{a0}Nẵng\n"), "da nang");
    }

    #[test]
    fn c22_kanji_and_emoji_search() {
        assert_eq!(find_folded("志位和夫", "志位"), vec![0.."志位".len()]);
        assert_eq!(fold("志位和夫"), "志位和夫");
        let hay = "Tin 👨\u{200d}👩\u{200d}👧 mới";
        let found = find_folded(hay, "👨");
        assert_eq!(found.len(), 1);
        assert_eq!(&hay[found[0].clone()], "👨\u{200d}👩\u{200d}👧");
        // Two matches inside one grapheme merge into one range.
        let twins = "👨\u{200d}👨\u{200d}👧";
        assert_eq!(find_folded(twins, "👨"), vec![0..twins.len()]);
    }

    #[test]
    fn c24_halfwidth_katakana_with_voiced_mark() {
        assert_eq!(width("ｶﾞ"), 2);
        assert_eq!(width("ﾊﾟﾝ"), 3);
        assert_eq!(wrap("ｶﾞｶﾞ", 2), vec!["ｶﾞ", "ｶﾞ"]);
        assert_eq!(truncate("ｶﾞｶﾞｶﾞ", 5), "ｶﾞｶﾞ…");
    }

    #[test]
    fn c25_nbsp_is_a_space_for_search() {
        let hay = "Tổng Bí thư\u{a0}Tô\u{a0}Lâm";
        let found = find_folded(hay, "to lam");
        assert_eq!(found.len(), 1);
        assert_eq!(&hay[found[0].clone()], "Tô\u{a0}Lâm");
        assert_eq!(sanitize_line(hay), hay);
    }

    #[test]
    fn ambiguous_wide_counts_vietnamese_letters_terminals_draw_wide() {
        let m = Metrics {
            urls_whole: false,
            ambiguous_wide: true,
        };
        assert_eq!(m.width("à"), 2);
        assert_eq!(m.width("đ"), 2);
        assert_eq!(m.width("ệ"), 1);
        assert_eq!(m.width("À"), 1);
        assert_eq!(m.width("…"), 2);
        assert_eq!(m.width("Hà Nội"), 7);
        assert_eq!(m.width("志"), 2);
        assert_eq!(m.truncate("Hà Nội", 1), "H");
        assert_eq!(m.truncate("àà", 1), " ");
        assert_eq!(m.truncate("Hà Nội", 5), "Hà…");
        assert_eq!(m.truncate("Hà Nội", 4), "H… ");
        for cols in 1..=8 {
            for line in m.wrap("Đà Nẵng là thành phố", cols) {
                assert!(m.width(&line) <= cols.max(2), "{line:?} at {cols}");
            }
        }
    }

    #[test]
    fn grapheme_widths() {
        let m = Metrics::default();
        assert_eq!(m.grapheme_width("👍🏽"), 2);
        assert_eq!(m.grapheme_width("👨\u{200d}👩\u{200d}👧"), 2);
        assert_eq!(m.grapheme_width("🇻🇳"), 2);
        assert_eq!(m.grapheme_width("\u{0301}"), 0);
        assert_eq!(m.grapheme_width("\x1b"), 0);
        assert_eq!(m.grapheme_width("\t"), 0);
        assert_eq!(m.grapheme_width("\u{a0}"), 1);
    }

    #[test]
    fn wrap_edges() {
        assert_eq!(wrap("", 5), vec![""]);
        assert!(wrap("abc", 0).is_empty());
        assert_eq!(wrap("a\n\nb", 5), vec!["a", "", "b"]);
        assert_eq!(wrap("a\r\nb", 5), vec!["a", "b"]);
        assert_eq!(wrap("志", 1), vec!["志"]);
        assert_eq!(wrap("a志b", 1), vec!["a", "志", "b"]);
        assert_eq!(wrap("  indented text", 20), vec!["  indented text"]);
        assert_eq!(wrap("  indented", 8), vec!["indented"]);
        assert_eq!(wrap("ab   cd   ", 4), vec!["ab", "cd"]);
        assert_eq!(wrap("abcdefgh ij", 3), vec!["abc", "def", "gh", "ij"]);
        assert_eq!(wrap("x verylong", 4), vec!["x", "very", "long"]);
        assert_eq!(
            wrap("Ông 志位和夫委員長", 10),
            vec!["Ông 志位和", "夫委員長"]
        );
        // A break textwrap offers inside " \u{301}" is not taken.
        let lines = wrap("a \u{301}b c", 2);
        assert!(lines.iter().all(|l| !l.starts_with('\u{301}')), "{lines:?}");
        // UAX #14 has no break inside "[ foo ]": forced breaks go between graphemes, and the
        // closing bracket takes the letter before it down rather than start a line.
        assert_eq!(wrap("[ foo ] bar", 3), vec!["[ f", "o", "o ]", "bar"]);
    }

    #[test]
    fn a_word_too_long_breaks_at_a_hyphen_a_slash_or_a_no_break_space_first() {
        let m = Metrics::default();
        // A name kept whole with no-break spaces breaks between its syllables, never inside.
        let name = "Nguyễn\u{a0}Phú\u{a0}Trọng";
        assert_eq!(m.wrap(name, 10), ["Nguyễn", "Phú\u{a0}Trọng"]);
        assert_eq!(m.wrap(&name.nfd().collect::<String>(), 10).len(), 2);
        // A compound breaks after its hyphens.
        assert_eq!(
            m.wrap("kinh-tế-xã-hội-văn-hóa", 12),
            ["kinh-tế-xã-", "hội-văn-hóa"]
        );
        // A path or URL breaks after a slash (never inside "//"), its parts whole.
        let url = "https://baoquocte.vn/chinh-tri/thu-tuong-hoi-kien.html";
        let lines = m.wrap(url, 24);
        assert_eq!(lines.concat(), url);
        assert!(lines.iter().all(|l| width(l) <= 24), "{lines:?}");
        assert_eq!(lines[0], "https://baoquocte.vn/");
        for l in &lines[..lines.len() - 1] {
            assert!(l.ends_with(['/', '-']), "{lines:?}");
        }
        // In `show`, a URL stays whole on a line of its own, longer than the width.
        let whole = Metrics {
            urls_whole: true,
            ..Metrics::default()
        };
        assert_eq!(
            whole.wrap(&format!("Nguồn: {url} ngày 24/11"), 24),
            ["Nguồn:", url, "ngày 24/11"]
        );
        // Only when nothing else will do is a syllable cut.
        assert_eq!(m.wrap("Thủtướng", 4), ["Thủt", "ướng"]);
        // A zero-width space is a place to break, and takes no column.
        assert_eq!(m.wrap("Thủ\u{200b}tướng", 5), ["Thủ\u{200b}", "tướng"]);
    }

    #[test]
    fn fold_rules() {
        assert_eq!(fold("ĐẢNG Cộng sản"), "dang cong san");
        assert_eq!(fold("İstanbul"), "istanbul");
        assert_eq!(fold("Hà\u{ad}Nội"), "hanoi");
        assert_eq!(fold("❤\u{fe0f}"), "❤");
        assert_eq!(fold(&nfd("Nguyễn Phú Trọng")), fold("Nguyễn Phú Trọng"));
        let f = fold_map("  Hà  Nội ");
        assert_eq!(f.text, "ha noi");
        assert_eq!(f.original_range(0..2), 2..5);
        assert_eq!(f.original_range(3..6), 7.."  Hà  Nội".len());
        assert_eq!(f.original_range(1..1), 3..3);
        assert_eq!(fold_map("").original_range(0..3), 0..0);
    }

    #[test]
    fn clean_characters_are_left_alone_by_the_general_sanitiser() {
        use unicode_normalization::char::canonical_combining_class;
        use unicode_normalization::{IsNormalized, is_nfc_quick};
        let clean: Vec<char> = ('\0'..=char::MAX).filter(|&c| is_clean_char(c)).collect();
        assert_eq!(clean.len(), 95 + 13 + 0x1a2 + 0x100 + 0x18);
        for &c in &clean {
            assert_eq!(is_nfc_quick([c].into_iter()), IsNormalized::Yes, "{c:?}");
            assert_eq!(canonical_combining_class(c), 0, "{c:?}");
            assert!(!is_combining_mark(c) && !c.is_control(), "{c:?}");
            assert!(!c.is_whitespace() || c == ' ' || c == '\u{a0}', "{c:?}");
            let own = c.to_string();
            for x in ["a", " ", "\u{a0}", "ệ", "志", own.as_str()] {
                let s = format!("{x}{c}{x}");
                assert_eq!(s.graphemes(true).count(), 3, "{s:?}");
                assert_eq!(sanitize_slow(&s, Field::Block), s);
            }
        }
        // Every clean character next to every other, both ways round.
        let all: String = clean.iter().filter(|c| !c.is_whitespace()).collect();
        let back: String = all.chars().rev().collect();
        for s in [all, back] {
            assert!(is_clean(&s, Field::Line));
            assert_eq!(sanitize_slow(&s, Field::Line), s);
        }
    }

    #[test]
    fn the_byte_scan_of_is_clean_agrees_with_is_clean_char_on_every_character() {
        for c in '\0'..=char::MAX {
            let s = format!("a{c}b");
            assert_eq!(is_clean(&s, Field::Block), is_clean_char(c), "{c:?}");
        }
    }

    #[test]
    fn the_byte_scan_finds_one_bad_character_anywhere_in_a_long_text() {
        // Long enough for whole blocks, with ASCII, two- and three-byte clean characters.
        let clean: Vec<char> = "Thủ tướng Phạm Minh Chính – “Đảng” ½ ȁ… ".chars().collect();
        let text = |n: usize| -> Vec<char> { clean.iter().copied().cycle().take(n).collect() };
        let whole: String = text(300).into_iter().collect();
        assert!(is_clean(&whole, Field::Block));
        let bad = [
            '\u{7f}', '\t', '\u{85}', '\u{ad}', '\u{250}', '\u{300}', '\u{1dff}', '\u{2028}', '志',
        ];
        for c in bad {
            for at in (0..300).step_by(7).chain([298, 299]) {
                let mut t = text(300);
                t[at] = c;
                let s: String = t.into_iter().collect();
                assert!(!is_clean(&s, Field::Block), "{c:?} at {at}");
            }
        }
    }

    #[test]
    fn marks_typed_out_of_vietnamese_order_compose() {
        for (raw, want) in [
            ("e\u{303}\u{302}", "ễ"),
            ("Nguye\u{303}\u{302}n", "Nguyễn"),
            ("a\u{301}\u{306}", "ắ"),
            ("A\u{300}\u{302}", "Ầ"),
            ("o\u{301}\u{31b}", "ớ"),
            ("Vie\u{323}\u{302}t", "Việt"),
            ("e\u{302}\u{303}", "ễ"),
        ] {
            assert_eq!(sanitize_block(raw), want, "{raw:?}");
            assert_eq!(sanitize_line(raw), want, "{raw:?}");
        }
        // A tone mark alone stays where it is.
        assert_eq!(sanitize_line("a\u{303}"), "ã");
    }

    #[test]
    fn soft_hyphens_are_removed_at_load() {
        assert_eq!(sanitize_line("Quốc\u{ad}hội"), "Quốchội");
        assert_eq!(sanitize_block("liên\u{ad}\nquan"), "liên\nquan");
        assert_eq!(width(&sanitize_line("ab\u{ad}cd")), 4);
    }

    #[test]
    fn the_fast_path_tidies_nothing_it_should_not() {
        for (raw, want) in [
            (" a", "a"),
            ("a ", "a"),
            ("a  b", "a b"),
            ("\u{a0}a", "a"),
            ("a\u{a0}", "a"),
            ("a\u{a0} b", "a\u{a0} b"),
            ("a\u{ad}b", "ab"),
            ("", ""),
        ] {
            assert_eq!(sanitize_line(raw), want, "{raw:?}");
            assert_eq!(sanitize_line_owned(raw.to_owned()), want, "{raw:?}");
        }
        assert!(!is_clean("a\u{ad}b", Field::Block));
        assert!(is_clean("  a  b  ", Field::Block));
        assert_eq!(sanitize_block("  a  b  "), "  a  b  ");
        assert_eq!(sanitize_block_owned("a\u{301}".to_owned()), "á");
    }

    #[test]
    fn typical_text_is_handed_back_without_a_copy() {
        let title = "Thủ tướng Phạm Minh Chính: “Việt Nam – ASEAN” tăng 12,5%…".to_owned();
        let at = title.as_ptr();
        let out = sanitize_line_owned(title);
        assert_eq!(out.as_ptr(), at);
        let para = "Đà Nẵng  sáng 28/1.\u{a0}Ảnh: Ngọc Thành ".to_owned();
        let at = para.as_ptr();
        let out = sanitize_block_owned(para);
        assert_eq!(out.as_ptr(), at);
    }

    #[test]
    fn canonical_ordering_moves_only_marks() {
        // fold_char relies on this to fold by character instead of by grapheme.
        use unicode_normalization::char::canonical_combining_class;
        for c in '\0'..=char::MAX {
            if canonical_combining_class(c) != 0 {
                assert!(
                    is_combining_mark(c),
                    "{c:?} is reordered but kept by the fold"
                );
            }
        }
    }

    #[test]
    fn the_fold_table_agrees_with_folding_each_character() {
        let table = &*FOLD_TABLE;
        assert_eq!(table.len(), FOLD_TABLE_LEN);
        assert_eq!(fold_table_index('\u{206f}'), Some(FOLD_TABLE_LEN - 1));
        assert_eq!(table[fold_table_index('A').unwrap_or(0)], CharFold::To('a'));
        assert_eq!(table[fold_table_index('Đ').unwrap_or(0)], CharFold::To('d'));
        assert_eq!(table[fold_table_index('Ệ').unwrap_or(0)], CharFold::To('e'));
        assert_eq!(table[fold_table_index('İ').unwrap_or(0)], CharFold::To('i'));
        assert_eq!(
            table[fold_table_index('\u{301}').unwrap_or(0)],
            CharFold::Drop
        );
        assert_eq!(
            table[fold_table_index('\u{ad}').unwrap_or(0)],
            CharFold::Drop
        );
        assert_eq!(table[fold_table_index('\t').unwrap_or(0)], CharFold::Space);
        assert_eq!(
            table[fold_table_index('\u{a0}').unwrap_or(0)],
            CharFold::Space
        );
        assert_eq!(
            table[fold_table_index('\u{2003}').unwrap_or(0)],
            CharFold::Space
        );
        assert!(table[..0x80].iter().all(|&e| e != CharFold::Other));
        let all: String = ('\0'..='\u{206f}')
            .filter(|&c| fold_table_index(c).is_some())
            .collect();
        assert_eq!(fold(&all), slow::fold(&all));
        for c in all.chars() {
            for s in [format!("x{c}y"), format!(" {c} "), format!("{c}{c}")] {
                assert_eq!(fold(&s), slow::fold(&s), "{s:?}");
            }
        }
    }

    #[test]
    fn sanitize_is_idempotent_on_tricky_input() {
        for s in [
            " \u{102b}x",
            "\u{1100}\u{102b}\u{1161}",
            "\u{0301}\u{0323} a ",
            "a \u{0301} b",
            "\x1b\x1b[31m",
        ] {
            for f in [sanitize_block, sanitize_line] {
                let once = f(s);
                assert_eq!(f(&once), once, "{s:?}");
            }
        }
    }
}
