//! One path from a raw article to a validated, sanitised [`Article`].
//!
//! Every source of articles (the JSON store today, feeds and pages later, articles written by hand
//! in tests) fills a [`RawArticle`] with the text exactly as it found it, and [`build()`] does the
//! rest: required fields, NFC and control characters, blank entries, duplicate entries, and the
//! derived search fields. Keeping this in one place is what lets the reader trust that no control
//! character and no unfolded name gets past the store, whatever the article came from.

use std::fmt;

use crate::text::{sanitize_block_owned, sanitize_line, sanitize_line_owned};

use super::Warning;
use super::article::{Article, Published, Stored};
use super::names::{Label, Names, Person};

/// A field of an article, named as the JSON store spells it and as warnings name it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Field {
    Id,
    Title,
    Published,
    Summary,
    Body,
    Persons,
    Related,
    Section,
    Source,
    Url,
    Tags,
    Captions,
}

impl Field {
    /// Every field, in the order of the enum (a field's index is `field as usize`).
    pub const ALL: [Field; 12] = [
        Field::Id,
        Field::Title,
        Field::Published,
        Field::Summary,
        Field::Body,
        Field::Persons,
        Field::Related,
        Field::Section,
        Field::Source,
        Field::Url,
        Field::Tags,
        Field::Captions,
    ];

    /// The field a JSON key names, if it is one the store reads.
    pub fn named(key: &str) -> Option<Field> {
        Field::ALL.into_iter().find(|f| f.name() == key)
    }

    /// The key in the JSON store, which is also the name a warning gives the field, so a user can
    /// find the field a warning is about in their file.
    pub fn name(self) -> &'static str {
        match self {
            Field::Id => "id",
            Field::Title => "title",
            Field::Published => "published",
            Field::Summary => "summary",
            Field::Body => "body",
            Field::Persons => "persons",
            Field::Related => "related",
            Field::Section => "section",
            Field::Source => "source",
            Field::Url => "url",
            Field::Tags => "tags",
            Field::Captions => "captions",
        }
    }
}

impl fmt::Display for Field {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// Something the reader of a source could not use in one field (a wrong JSON type, an entry that
/// is not text), with the full message a user reads.
///
/// It travels inside the [`RawArticle`] instead of becoming a warning at once, so that [`build()`]
/// reports it in field order and only when the article gets that far: an article skipped for an
/// empty id does not also warn about its summary.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FieldProblem {
    pub field: Field,
    pub message: String,
}

/// The publication time as a source gave it: text to be read by [`Published::parse`], or a time
/// the source already understood (a feed's own date format, an article built by hand).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum RawPublished {
    Text(String),
    Known(Published),
}

/// An article as a source gave it: nothing validated, nothing sanitised.
///
/// Importers fill what they found and leave the rest empty; [`build()`] decides what is required,
/// what is dropped and how text is cleaned, so those rules cannot drift between sources.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct RawArticle {
    /// Required: an article without an id is skipped.
    pub id: Option<String>,
    /// Required: an article without a title is skipped.
    pub title: Option<String>,
    pub published: Option<RawPublished>,
    pub summary: Option<String>,
    /// Pieces of body text; blank lines inside a piece separate paragraphs.
    pub body: Vec<String>,
    pub persons: Vec<String>,
    /// Ids of related stories, checked against the store once every article is known.
    pub related: Vec<String>,
    pub section: Option<String>,
    pub source: Option<String>,
    pub url: Option<String>,
    pub tags: Vec<String>,
    pub captions: Vec<String>,
    /// What the source's reader had to leave out, in the order it met it.
    pub problems: Vec<FieldProblem>,
}

impl From<Article> for RawArticle {
    /// An article built by hand goes back through [`build()`] like any other, so it is sanitised
    /// and its derived fields recomputed; its own derived fields are ignored.
    fn from(a: Article) -> RawArticle {
        RawArticle {
            id: Some(a.id),
            title: Some(a.title),
            published: a.published.map(RawPublished::Known),
            summary: Some(a.summary),
            body: a.body,
            persons: a.persons.iter().map(String::from).collect(),
            related: a.related,
            section: a.section.as_deref().map(str::to_owned),
            source: a.source.as_deref().map(str::to_owned),
            url: a.url,
            tags: a.tags.iter().map(|t| t.to_string()).collect(),
            captions: a.captions,
            problems: Vec::new(),
        }
    }
}

/// Where the article being built sits in its source, so every warning about it names the file,
/// its position and (once known) its id.
pub struct BuildCtx<'a> {
    file: &'a str,
    index: usize,
    id: Option<String>,
    warnings: &'a mut Vec<Warning>,
    /// The lead, body, captions and link stay in the store's file: they are bounded (with the
    /// same warnings) but not cleaned, and only whether anything of them is left is worked out.
    leave: bool,
    /// Where persons, tags, sections and sources met before are shared from.
    names: Option<&'a mut Names>,
}

impl<'a> BuildCtx<'a> {
    /// A context for the article at position `index` (0-based) of `file`, collecting warnings into
    /// `warnings`.
    pub fn new(file: &'a str, index: usize, warnings: &'a mut Vec<Warning>) -> BuildCtx<'a> {
        BuildCtx {
            file,
            index,
            id: None,
            warnings,
            leave: false,
            names: None,
        }
    }

    /// Shares the article's persons, tags, section and source with those met before through
    /// `names` (see [`super::names`]): a name met again is neither folded nor copied.
    pub(super) fn sharing(mut self, names: &'a mut Names) -> BuildCtx<'a> {
        self.names = Some(names);
        self
    }

    fn person(&mut self, written: &str) -> Person {
        match &mut self.names {
            Some(names) => names.person(written),
            None => Person::new(written),
        }
    }

    fn label(&mut self, s: String) -> Label {
        match &mut self.names {
            Some(names) => names.label(&s),
            None => Label::from(s),
        }
    }

    /// Builds the article without its lead, body, captions and link, which stay in the store's file:
    /// [`build()`] then notes in [`Article::stored`] whether it has any (the place in the file
    /// is the caller's to fill in).
    pub(super) fn leaving_text(mut self) -> BuildCtx<'a> {
        self.leave = true;
        self
    }

    /// Names the article in later warnings, once its id is known to be usable.
    pub(super) fn set_id(&mut self, id: &str) {
        self.id = Some(id.to_owned());
    }

    pub(super) fn warn(&mut self, field: Option<Field>, message: String) {
        self.warnings.push(Warning {
            file: self.file.to_owned(),
            index: self.index,
            id: self.id.clone(),
            field: field.map(|f| f.name().to_owned()),
            message,
        });
    }
}

/// Validates, sanitises and completes one article; `None` when it must be skipped, with the
/// reason among the warnings.
///
/// Related ids are kept as given: whether they name an article is a question for the whole store.
pub fn build(raw: RawArticle, ctx: &mut BuildCtx<'_>) -> Option<Article> {
    let RawArticle {
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
        mut problems,
    } = raw;
    // Bounded before anything reads them: a field past the limit costs its tail, not the
    // reader's time and memory.
    let mut id = id;
    let mut title = title;
    let mut summary = summary;
    let mut body = body;
    let (mut persons, mut tags, mut captions) = (persons, tags, captions);
    for (field, value) in [
        (Field::Id, id.as_mut()),
        (Field::Title, title.as_mut()),
        (Field::Summary, summary.as_mut()),
    ] {
        if let Some(v) = value {
            bound(field, v, ctx);
        }
    }
    for (field, list) in [
        (Field::Body, &mut body),
        (Field::Persons, &mut persons),
        (Field::Tags, &mut tags),
        (Field::Captions, &mut captions),
    ] {
        for v in list.iter_mut() {
            bound(field, v, ctx);
        }
    }

    let id = required(Field::Id, id, &mut problems, ctx)?;
    ctx.set_id(&id);
    let title = required(Field::Title, title, &mut problems, ctx)?;
    report(Field::Published, &mut problems, ctx);
    let published = published.and_then(|p| read_published(p, ctx));
    // Problems with the optional fields cost only that field; report them in the order met.
    for p in problems {
        ctx.warn(Some(p.field), p.message);
    }

    let url = url.and_then(|s| clean(s, Kind::Line));
    // Left in the file, the lead, body and captions are not cleaned: what matters is whether
    // anything of them would be left once they are. The link goes with them (it is wanted
    // with the article shown, and is as long as its headline).
    let (summary, body, captions, url, stored) = if ctx.leave {
        let has_body = body.iter().any(|p| survives(p, true));
        let has_text = has_body
            || summary.as_deref().is_some_and(|s| survives(s, false))
            || captions.iter().any(|c| survives(c, false))
            || url.is_some();
        let stored = has_text.then_some(Stored {
            offset: 0,
            len: 0,
            has_body,
        });
        (String::new(), Vec::new(), Vec::new(), None, stored)
    } else {
        (
            summary
                .and_then(|s| clean(s, Kind::Block))
                .unwrap_or_default(),
            body_paragraphs(body),
            clean_list(captions, Kind::Block),
            url,
            None,
        )
    };

    Some(Article {
        id,
        title,
        published,
        summary,
        body,
        // Each person's name is folded here, once, for the person filter.
        persons: (clean_list(persons, Kind::Line).iter())
            .map(|p| ctx.person(p))
            .collect(),
        related: clean_list(related, Kind::Line),
        section: section
            .and_then(|s| clean(s, Kind::Line))
            .map(|s| ctx.label(s)),
        source: source
            .and_then(|s| clean(s, Kind::Line))
            .map(|s| ctx.label(s)),
        url,
        tags: (clean_list(tags, Kind::Line).into_iter())
            .map(|t| ctx.label(t))
            .collect(),
        captions,
        stored,
    })
}

/// The most text one field keeps: 1 MiB, some hundred times a long article. A store that holds
/// more in one field (a whole book pasted as a paragraph, a broken export) keeps the first MiB,
/// cut at a space near it, and a warning names the article and the field; the store file itself
/// is never changed.
pub const MAX_FIELD_BYTES: usize = 1 << 20;

/// Cuts `value` to [`MAX_FIELD_BYTES`] (at the last space before the limit, else at a character
/// boundary), with a warning.
fn bound(field: Field, value: &mut String, ctx: &mut BuildCtx<'_>) {
    if value.len() <= MAX_FIELD_BYTES {
        return;
    }
    let len = value.len();
    let mut end = MAX_FIELD_BYTES;
    while !value.is_char_boundary(end) {
        end -= 1;
    }
    if let Some(space) = value[..end].rfind(char::is_whitespace)
        && space > end / 2
    {
        end = space;
    }
    value.truncate(end);
    value.shrink_to_fit();
    ctx.warn(
        Some(field),
        format!(
            "{:.1} MB long; only its first {:.1} MB are kept",
            len as f64 / 1e6,
            end as f64 / 1e6
        ),
    );
}

/// A required one-line field: its problems are reported and the article skipped; missing or
/// empty once sanitised, it is skipped too.
fn required(
    field: Field,
    value: Option<String>,
    problems: &mut Vec<FieldProblem>,
    ctx: &mut BuildCtx<'_>,
) -> Option<String> {
    let reported = report(field, problems, ctx);
    let Some(value) = value else {
        if !reported {
            ctx.warn(Some(field), "missing; article skipped".to_owned());
        }
        return None;
    };
    let value = sanitize_line_owned(value);
    if value.is_empty() {
        ctx.warn(Some(field), "empty; article skipped".to_owned());
        return None;
    }
    Some(value)
}

/// Reports and removes the problems of `field`; whether there were any.
fn report(field: Field, problems: &mut Vec<FieldProblem>, ctx: &mut BuildCtx<'_>) -> bool {
    let mut reported = false;
    problems.retain(|p| {
        if p.field != field {
            return true;
        }
        ctx.warn(Some(field), p.message.clone());
        reported = true;
        false
    });
    reported
}

/// A time the store cannot read leaves the article undated, which sorts it last instead of
/// losing it.
fn read_published(raw: RawPublished, ctx: &mut BuildCtx<'_>) -> Option<Published> {
    match raw {
        RawPublished::Known(p) => Some(p),
        RawPublished::Text(s) => {
            let p = Published::parse(&s);
            if p.is_none() {
                ctx.warn(
                    Some(Field::Published),
                    format!(
                        "{:?} is not RFC 3339, a timestamp or YYYY-MM-DD; the article is kept undated",
                        sanitize_line(&s)
                    ),
                );
            }
            p
        }
    }
}

/// Whether a field is shown on one line (line breaks and tabs become spaces) or as a block
/// (line breaks kept).
#[derive(Clone, Copy)]
enum Kind {
    Line,
    Block,
}

/// Sanitised and trimmed; `None` when nothing is left. Text that needs neither (almost all of
/// it) is kept as it came, without a copy.
fn clean(s: String, kind: Kind) -> Option<String> {
    let s = match kind {
        Kind::Line => sanitize_line_owned(s),
        Kind::Block => sanitize_block_owned(s),
    };
    trimmed(s)
}

/// Whether anything of a block of text (a body piece when `body`) is left once it is cleaned:
/// at once when it holds an ASCII letter or digit and no escape or C1 control (cleaning keeps
/// such a letter unless it is inside an escape sequence, and every sequence starts with one of
/// those): almost every field of a real store. Else by cleaning it.
fn survives(s: &str, body: bool) -> bool {
    let no_escapes = !s
        .as_bytes()
        .windows(2)
        .any(|w| w[0] == 0x1b || (w[0] == 0xc2 && (0x80..=0x9f).contains(&w[1])))
        && !s.ends_with('\u{1b}');
    (no_escapes && s.bytes().any(|b| b.is_ascii_alphanumeric()))
        || if body {
            !body_paragraphs(vec![s.to_owned()]).is_empty()
        } else {
            clean(s.to_owned(), Kind::Block).is_some()
        }
}

/// `s` trimmed, copied only when there is something to trim; `None` when nothing is left.
fn trimmed(s: String) -> Option<String> {
    let t = s.trim();
    if t.is_empty() {
        None
    } else if t.len() == s.len() {
        Some(s)
    } else {
        Some(t.to_owned())
    }
}

/// Every entry cleaned; blank entries and repeats dropped, first occurrence kept.
///
/// Short lists (the usual few persons or related ids) are checked by a scan; longer ones
/// through a set, so a hostile list of a million entries costs linear time, not quadratic.
fn clean_list(items: Vec<String>, kind: Kind) -> Vec<String> {
    const SCAN_UP_TO: usize = 16;
    let mut out: Vec<String> = Vec::with_capacity(items.len());
    let mut seen: std::collections::HashSet<String> = std::collections::HashSet::new();
    for s in items.into_iter().filter_map(|s| clean(s, kind)) {
        let new = if out.len() < SCAN_UP_TO {
            !out.contains(&s)
        } else {
            if seen.is_empty() {
                seen.extend(out.iter().cloned());
            }
            seen.insert(s.clone())
        };
        if new {
            out.push(s);
        }
    }
    out.shrink_to_fit();
    out
}

/// The paragraphs of every piece of body text, in order.
fn body_paragraphs(body: Vec<String>) -> Vec<String> {
    let mut out = Vec::with_capacity(body.len());
    for piece in body {
        paragraphs_into(piece, &mut out);
    }
    out.shrink_to_fit();
    out
}

/// The paragraphs of one piece of body text: blank lines (spaces allowed) separate them, and
/// each is trimmed.
#[cfg(test)]
fn paragraphs(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    paragraphs_into(text.to_owned(), &mut out);
    out
}

/// Appends the paragraphs of one piece of body text to `out`. A piece with no line break (the
/// usual case when a store gives the body as an array of paragraphs) is one paragraph, kept
/// without a copy unless it needs trimming.
fn paragraphs_into(text: String, out: &mut Vec<String>) {
    let clean = sanitize_block_owned(text);
    if !clean.contains('\n') {
        out.extend(trimmed(clean));
        return;
    }
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
}

#[cfg(test)]
mod tests {

    #[test]
    fn long_lists_lose_their_repeats_and_keep_their_order() {
        let items: Vec<String> = (0..40)
            .chain(0..40)
            .chain([3, 39, 0])
            .map(|i| format!("Người {i}"))
            .collect();
        let out = clean_list(items, Kind::Line);
        let want: Vec<String> = (0..40).map(|i| format!("Người {i}")).collect();
        assert_eq!(out, want);
        let short = clean_list(vec!["a".into(), "b".into(), "a".into()], Kind::Line);
        assert_eq!(short, ["a", "b"]);
    }

    use super::*;

    /// Builds `raw` as article #3 of "f.json"; the article and every warning's text.
    fn run(raw: RawArticle) -> (Option<Article>, Vec<String>) {
        let mut warnings = Vec::new();
        let article = build(raw, &mut BuildCtx::new("f.json", 3, &mut warnings));
        (article, warnings.iter().map(ToString::to_string).collect())
    }

    fn titled(id: &str, title: &str) -> RawArticle {
        RawArticle {
            id: Some(id.to_owned()),
            title: Some(title.to_owned()),
            ..RawArticle::default()
        }
    }

    fn problem(field: Field, message: &str) -> FieldProblem {
        FieldProblem {
            field,
            message: message.to_owned(),
        }
    }

    fn built(raw: RawArticle) -> Article {
        match run(raw) {
            (Some(a), _) => a,
            (None, w) => panic!("the article should build: {w:?}"),
        }
    }

    #[test]
    fn required_fields_skip_the_article_with_one_warning() {
        let id_problem = problem(
            Field::Id,
            "expected a string or an integer, found null; article skipped",
        );
        for (raw, want) in [
            (
                RawArticle::default(),
                r#"f.json: article #3, field "id": missing; article skipped"#,
            ),
            (
                titled("\u{1b}[31m", "t"),
                r#"f.json: article #3, field "id": empty; article skipped"#,
            ),
            (
                RawArticle {
                    problems: vec![id_problem],
                    ..RawArticle::default()
                },
                r#"f.json: article #3, field "id": expected a string or an integer, found null; article skipped"#,
            ),
            (
                RawArticle {
                    title: None,
                    ..titled("a", "")
                },
                r#"f.json: article #3 (id "a"), field "title": missing; article skipped"#,
            ),
            (
                titled("a", " \t "),
                r#"f.json: article #3 (id "a"), field "title": empty; article skipped"#,
            ),
        ] {
            assert_eq!(run(raw), (None, vec![want.to_owned()]));
        }
    }

    #[test]
    fn problems_are_reported_in_field_order_and_only_once_the_article_gets_there() {
        let problems = vec![
            problem(Field::Summary, "s"),
            problem(Field::Published, "p"),
            problem(Field::Tags, "t"),
        ];
        let skipped = RawArticle {
            problems: problems.clone(),
            ..titled("", "t")
        };
        assert_eq!(run(skipped).1.len(), 1, "only the empty id is reported");
        let kept = RawArticle {
            problems,
            ..titled("a", "t")
        };
        let (article, warnings) = run(kept);
        assert!(article.is_some());
        assert_eq!(
            warnings,
            [
                r#"f.json: article #3 (id "a"), field "published": p"#,
                r#"f.json: article #3 (id "a"), field "summary": s"#,
                r#"f.json: article #3 (id "a"), field "tags": t"#,
            ]
        );
    }

    #[test]
    fn unreadable_published_text_leaves_the_article_undated() {
        let day = Published::parse("2021-11-24");
        for (published, want, warns) in [
            (RawPublished::Text(" 2021-11-24 ".to_owned()), day, false),
            (
                RawPublished::Known(Published::Day(jiff::civil::date(2021, 11, 24))),
                day,
                false,
            ),
            (RawPublished::Text("2021-02-30\u{7}".to_owned()), None, true),
        ] {
            let raw = RawArticle {
                published: Some(published.clone()),
                ..titled("a", "t")
            };
            let (article, warnings) = run(raw);
            assert_eq!(article.and_then(|a| a.published), want, "{published:?}");
            assert_eq!(!warnings.is_empty(), warns, "{published:?}: {warnings:?}");
        }
        let (_, warnings) = run(RawArticle {
            published: Some(RawPublished::Text("x\u{1b}[1m".to_owned())),
            ..titled("a", "t")
        });
        assert_eq!(
            warnings,
            [
                r#"f.json: article #3 (id "a"), field "published": "x" is not RFC 3339, a timestamp or YYYY-MM-DD; the article is kept undated"#
            ]
        );
    }

    #[test]
    fn text_is_sanitised_nfc_and_trimmed() {
        let a = built(RawArticle {
            summary: Some("  Lead\u{7}\n\nnext\u{9b}  ".to_owned()),
            section: Some(" Thời\tsự ".to_owned()),
            source: Some("   ".to_owned()),
            url: Some("http://x\u{0}y".to_owned()),
            ..titled(" a ", "\u{1b}[31mVie\u{323}\u{302}t Nam\u{1b}[0m")
        });
        assert_eq!(a.id, "a");
        assert_eq!(a.title, "Việt Nam");
        assert_eq!(a.summary, "Lead\n\nnext");
        assert_eq!(a.section.as_deref(), Some("Thời sự"));
        assert_eq!(a.source, None);
        assert_eq!(a.url.as_deref(), Some("http://xy"));
    }

    #[test]
    fn lists_drop_blank_and_repeated_entries() {
        let a = built(RawArticle {
            persons: ["Tô Lâm", " ", "To\u{302} La\u{302}m", "Lê\nHoài Trung"]
                .map(str::to_owned)
                .to_vec(),
            captions: ["Ảnh 1\n\nchú thích", "Ảnh 1\n\nchú thích", ""]
                .map(str::to_owned)
                .to_vec(),
            ..titled("a", "t")
        });
        assert_eq!(a.persons, ["Tô Lâm", "Lê Hoài Trung"]);
        assert_eq!(a.captions, ["Ảnh 1\n\nchú thích"]);
    }

    #[test]
    fn blank_lines_separate_paragraphs() {
        for (text, want) in [
            ("", vec![]),
            ("một", vec!["một"]),
            ("một\nhai", vec!["một\nhai"]),
            ("một\n\nhai", vec!["một", "hai"]),
            ("  một \r\n \t \r\nhai\r\n", vec!["một", "hai"]),
            ("\n\n\nmột\n\n\n", vec!["một"]),
            ("  một \t", vec!["một"]),
            (" \t ", vec![]),
        ] {
            assert_eq!(paragraphs(text), want, "{text:?}");
        }
        let a = built(RawArticle {
            body: ["p1", "p2\n\np3", "  "].map(str::to_owned).to_vec(),
            ..titled("a", "t")
        });
        assert_eq!(a.body, ["p1", "p2", "p3"]);
    }

    #[test]
    fn clean_text_is_kept_without_a_copy() {
        // (A person is copied once into the name a load shares, see `names`.)
        let (title, paragraph) = ("Thủ tướng", "Hà Nội — “sáng”");
        let raw = RawArticle {
            body: vec![paragraph.to_owned()],
            ..titled("a", title)
        };
        let addresses = |r: &RawArticle| {
            [
                r.title.as_ref().map(|t| t.as_ptr()),
                r.body.first().map(|p| p.as_ptr()),
            ]
        };
        let before = addresses(&raw);
        let a = built(raw);
        assert_eq!((a.title.as_str(), a.body[0].as_str()), (title, paragraph));
        let after = [Some(a.title.as_ptr()), Some(a.body[0].as_ptr())];
        assert_eq!(before, after);
    }

    #[test]
    fn derived_fields_are_folded_and_fields_stay_apart() {
        let a = Article {
            title: "Thủ tướng".to_owned(),
            summary: "gặp".to_owned(),
            persons: vec!["Phạm Minh Chính".into()],
            ..Article::default()
        };
        assert_eq!(a.persons[0].folded(), "pham minh chinh");
        let key = crate::query::search_key(&a);
        assert!(key.contains("thu tuong"), "{key:?}");
        assert!(key.contains("pham minh chinh"), "{key:?}");
        assert!(
            !key.contains("tuong gap"),
            "a phrase must not match across title and summary: {key:?}"
        );
    }

    #[test]
    fn a_field_past_the_limit_keeps_its_first_mebibyte_with_a_warning() {
        let sentence = "Thủ tướng Phạm Minh Chính hội kiến. ";
        let huge = sentence.repeat(3 * MAX_FIELD_BYTES / sentence.len());
        let text = serde_json::json!({"articles": [
            {"id": "big", "title": format!("Tin {huge}"), "body": [huge.clone(), "ngắn"]},
            {"id": "ok", "title": "Tin ngắn", "body": ["một"]}
        ]})
        .to_string();
        let store = crate::store::Store::parse(&text, "big.json").unwrap_or_else(|e| panic!("{e}"));
        let a = store
            .get("big")
            .unwrap_or_else(|| panic!("the article is kept"));
        assert!(a.title.len() <= MAX_FIELD_BYTES && a.title.len() > MAX_FIELD_BYTES / 2);
        assert!(a.body[0].len() <= MAX_FIELD_BYTES);
        assert_eq!(
            huge.as_bytes().get(a.body[0].len()),
            Some(&b' '),
            "cut at a space"
        );
        assert_eq!(a.body[1], "ngắn");
        let warnings: Vec<String> = store.warnings.iter().map(ToString::to_string).collect();
        assert_eq!(warnings.len(), 2, "{warnings:?}");
        assert!(
            warnings[0].contains("field \"title\": 3.1 MB long; only its first 1.0 MB are kept"),
            "{warnings:?}"
        );
        assert!(warnings[1].contains("field \"body\""), "{warnings:?}");
        assert_eq!(store.get("ok").map(|a| a.title.as_str()), Some("Tin ngắn"));
    }

    #[test]
    fn a_hand_built_article_is_rebuilt_from_its_fields_only() {
        let stale = Article {
            id: "a".to_owned(),
            title: "Tô Lâm".to_owned(),
            // Marks written apart: the rebuilt person is composed, and folded from that.
            persons: vec!["To\u{302} La\u{302}m".into()],
            ..Article::default()
        };
        let a = built(RawArticle::from(stale.clone()));
        assert_eq!(a.persons, ["Tô Lâm"]);
        assert_eq!(a.persons[0].folded(), "to lam");
        assert_eq!((a.id, a.title), (stale.id, stale.title));
    }
}
