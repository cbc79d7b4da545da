//! An article as a document: its parts in reading order, then wrapped to a width.
//!
//! This sits below both the app state and the views, and the command line's `show` uses it too,
//! so the reader and `tuinews show` never disagree about what an article shows and how it
//! wraps. Styles are not decided here: each line says which [`Part`] it belongs to, and the view
//! picks the style. Each wrapped line keeps the byte range of its block's text, and each block
//! says which field of the article it came from and where that field starts in the block, so a
//! search match found in a field can be drawn on the lines it was wrapped onto.

use std::ops::Range;

use crate::store::{Article, Person};
use crate::text::Metrics;
use crate::words::{self, Words};
use crate::zone::Zone;

/// What a block of an article is, which decides its style.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Part {
    Title,
    /// Date and time with offset, section, source.
    Meta,
    Persons,
    Url,
    Summary,
    Body,
    Caption,
    /// The note shown when the store has no body for the story.
    NoBody,
}

/// The article field a block's text comes from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Field {
    Title,
    /// Built from the date, section and source; no single field.
    Meta,
    /// The persons joined; no single field.
    Persons,
    Url,
    Summary,
    /// The body paragraph with this index.
    Body(usize),
    /// The caption with this index.
    Caption(usize),
    /// The tags joined; no single field.
    Tags,
    /// Interface text, not from the article.
    Note,
}

/// One block of the article, unwrapped.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Block {
    pub part: Part,
    pub field: Field,
    /// What is shown: the field's text, after a label or mark where the part has one.
    pub text: String,
    /// Where the field's own text starts in `text` (after the caption mark, say).
    pub field_start: usize,
    /// Whether a blank line separates this block from the one before.
    pub gap_before: bool,
}

impl Block {
    fn new(part: Part, field: Field, text: String) -> Block {
        Block {
            part,
            field,
            text,
            field_start: 0,
            gap_before: false,
        }
    }
}

/// The article's blocks in reading order: title, meta (date, section, source), persons, tags,
/// link; then, each after a blank line, a calm note when the store has only the headline, the
/// lead, the image captions (the store does not say which paragraph a caption belongs to, so
/// they follow the lead, where the pages put their first picture), and the body.
pub fn blocks(a: &Article, zone: &Zone, words: &Words) -> Vec<Block> {
    let mut out = vec![Block::new(Part::Title, Field::Title, a.title.clone())];
    let meta: Vec<String> = a
        .published
        .map(|p| zone.long(&p, words))
        .into_iter()
        .chain(a.section.as_deref().map(str::to_owned))
        .chain(a.source.as_deref().map(str::to_owned))
        .collect();
    if !meta.is_empty() {
        out.push(Block::new(Part::Meta, Field::Meta, meta.join(" · ")));
    }
    if !a.persons.is_empty() {
        let mut b = Block::new(
            Part::Persons,
            Field::Persons,
            format!("{}{}", words.persons_label, a.persons.join(", ")),
        );
        b.field_start = words.persons_label.len();
        out.push(b);
    }
    if !a.tags.is_empty() {
        let mut b = Block::new(
            Part::Meta,
            Field::Tags,
            format!("{}{}", words.tags_label, a.tags.join(", ")),
        );
        b.field_start = words.tags_label.len();
        out.push(b);
    }
    if let Some(url) = &a.url {
        out.push(Block::new(Part::Url, Field::Url, url.clone()));
    }
    let mut gapped = |mut b: Block| {
        b.gap_before = true;
        out.push(b);
    };
    if a.body_elsewhere() {
        // Given as the store keeps it: its body could not be read from the file.
        gapped(Block::new(
            Part::NoBody,
            Field::Note,
            words.body_unreadable.to_owned(),
        ));
    } else if a.body.is_empty() {
        gapped(Block::new(
            Part::NoBody,
            Field::Note,
            words.no_body.to_owned(),
        ));
    }
    if !a.summary.is_empty() {
        gapped(Block::new(Part::Summary, Field::Summary, a.summary.clone()));
    }
    for (i, c) in a.captions.iter().enumerate() {
        let mut b = Block::new(
            Part::Caption,
            Field::Caption(i),
            format!("{}{c}", words::CAPTION_MARK),
        );
        b.field_start = words::CAPTION_MARK.len();
        gapped(b);
    }
    for (i, p) in a.body.iter().enumerate() {
        gapped(Block::new(Part::Body, Field::Body(i), p.clone()));
    }
    out
}

/// One wrapped line: a slice of a block's text, or a blank line between blocks.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum DocLine {
    Gap,
    Text {
        /// Index into [`Document::blocks`].
        block: usize,
        /// Byte range of the block's text.
        range: Range<usize>,
    },
}

/// An article wrapped to a width.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Document {
    pub blocks: Vec<Block>,
    pub lines: Vec<DocLine>,
    pub width: usize,
    /// The article's link, whole (its line may be cut to the width): what `o`, `y` and a
    /// terminal hyperlink take. A loaded store keeps links in its file with the bodies, so the
    /// article laid out, read whole, is where the reader finds it.
    pub url: Option<String>,
}

impl Document {
    /// Lays `a` out in lines at most `width` columns wide (a width of 0 counts as 1).
    pub fn layout(
        a: &Article,
        width: usize,
        metrics: Metrics,
        zone: &Zone,
        words: &Words,
    ) -> Document {
        let width = width.max(1);
        let mut blocks = blocks(a, zone, words);
        let mut lines = Vec::new();
        for (i, b) in blocks.iter_mut().enumerate() {
            if b.gap_before {
                lines.push(DocLine::Gap);
            }
            // On screen a name is never split across lines: the spaces inside each name become
            // no-break spaces (one byte longer each, so the block's text is the spaced one).
            if b.part == Part::Persons {
                b.text = keep_names_whole(&b.text, b.field_start, &a.persons);
            }
            // A link is never broken inside: one line, cut at the end when it is longer (`o`
            // and `y` take the whole of it).
            if b.part == Part::Url {
                if metrics.width(&b.text) > width {
                    b.text = metrics.truncate(&b.text, width);
                }
                lines.push(DocLine::Text {
                    block: i,
                    range: 0..b.text.len(),
                });
                continue;
            }
            lines.extend(
                metrics
                    .wrap_ranges(&b.text, width)
                    .into_iter()
                    .map(|range| DocLine::Text { block: i, range }),
            );
        }
        Document {
            blocks,
            lines,
            width,
            url: a.url.clone(),
        }
    }

    /// The part a line belongs to (`None` for a gap).
    pub fn part(&self, line: &DocLine) -> Option<Part> {
        match line {
            DocLine::Gap => None,
            DocLine::Text { block, .. } => self.blocks.get(*block).map(|b| b.part),
        }
    }

    /// A line's text.
    pub fn text(&self, line: &DocLine) -> &str {
        match line {
            DocLine::Gap => "",
            DocLine::Text { block, range } => self
                .blocks
                .get(*block)
                .and_then(|b| b.text.get(range.clone()))
                .unwrap_or(""),
        }
    }

    /// Every line as plain text.
    pub fn plain(&self) -> impl Iterator<Item = &str> + '_ {
        self.lines.iter().map(|l| self.text(l))
    }

    pub fn len(&self) -> usize {
        self.lines.len()
    }

    pub fn is_empty(&self) -> bool {
        self.lines.is_empty()
    }
}

/// The persons line with the spaces inside each name, after `start`, made no-break spaces.
///
/// One pass over the names joined as they are in the line, rather than a search for each name:
/// the line is exactly the label followed by the names joined with ", ".
fn keep_names_whole(line: &str, start: usize, persons: &[Person]) -> String {
    let mut out = String::with_capacity(line.len() + persons.len() * 4);
    out.push_str(line.get(..start).unwrap_or(""));
    for (i, p) in persons.iter().enumerate() {
        if i > 0 {
            out.push_str(", ");
        }
        out.extend(p.chars().map(|c| if c == ' ' { '\u{a0}' } else { c }));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::words::EN;

    fn article() -> Article {
        Article {
            id: "a".into(),
            title: "Thủ tướng Phạm Minh Chính hội kiến Chủ tịch Đảng Cộng sản Nhật Bản".into(),
            summary: "Chiều 24/11, tại Tokyo.".into(),
            body: vec![
                "Đoạn một khá dài để phải xuống dòng.".into(),
                "Đoạn hai.".into(),
            ],
            persons: vec!["Phạm Minh Chính".into(), "Shii Kazuo".into()],
            captions: vec!["Ảnh: TTXVN".into()],
            ..Article::default()
        }
    }

    #[test]
    fn blocks_in_reading_order_with_gaps_before_the_lead() {
        let parts: Vec<(Part, bool)> = blocks(&article(), &Zone::ARTICLE, &EN)
            .iter()
            .map(|b| (b.part, b.gap_before))
            .collect();
        assert_eq!(
            parts,
            [
                (Part::Title, false),
                (Part::Persons, false),
                (Part::Summary, true),
                (Part::Caption, true),
                (Part::Body, true),
                (Part::Body, true),
            ]
        );
        let no_body = Article {
            body: Vec::new(),
            ..article()
        };
        assert!(
            blocks(&no_body, &Zone::ARTICLE, &EN)
                .iter()
                .any(|b| b.part == Part::NoBody && b.text == EN.no_body)
        );
    }

    #[test]
    fn every_line_is_a_slice_of_its_block_and_fits() {
        let a = article();
        let m = Metrics::default();
        for width in [1, 5, 12, 20, 80] {
            let doc = Document::layout(&a, width, m, &Zone::ARTICLE, &EN);
            for line in &doc.lines {
                let text = doc.text(line);
                assert!(m.width(text) <= width.max(1) || text.chars().count() == 1);
                if let DocLine::Text { block, range } = line {
                    assert_eq!(&doc.blocks[*block].text[range.clone()], text);
                }
            }
        }
    }

    #[test]
    fn a_field_range_maps_to_the_lines_it_was_wrapped_onto() {
        let a = article();
        let doc = Document::layout(&a, 12, Metrics::default(), &Zone::ARTICLE, &EN);
        // "xuống dòng" in body paragraph 0, as a search would find it in the field.
        let field = &a.body[0];
        let at = field.find("xuống").unwrap_or(usize::MAX);
        let (bi, block) = doc
            .blocks
            .iter()
            .enumerate()
            .find(|(_, b)| b.field == Field::Body(0))
            .unwrap_or_else(|| panic!("body 0 is a block"));
        let target = block.field_start + at..block.field_start + at + "xuống".len();
        let hits: Vec<&str> = doc
            .lines
            .iter()
            .filter_map(|l| match l {
                DocLine::Text { block, range }
                    if *block == bi && range.start <= target.start && target.end <= range.end =>
                {
                    Some(doc.text(l))
                }
                _ => None,
            })
            .collect();
        assert_eq!(hits.len(), 1);
        assert!(hits[0].contains("xuống"), "{hits:?}");
    }

    #[test]
    fn tags_and_links_show_and_a_link_is_never_broken() {
        let a = Article {
            tags: vec!["Đối ngoại".into(), "Nhật Bản".into()],
            url: Some(
                "https://example.vn/thoi-su/thu-tuong-gap-chu-tich-dang-cong-san-nhat-ban.html"
                    .into(),
            ),
            ..article()
        };
        let doc = Document::layout(&a, 30, Metrics::default(), &Zone::ARTICLE, &EN);
        let lines: Vec<&str> = doc.plain().collect();
        assert!(lines.contains(&"Tags: Đối ngoại, Nhật Bản"), "{lines:?}");
        let url_lines: Vec<&str> = doc
            .lines
            .iter()
            .filter(|l| doc.part(l) == Some(Part::Url))
            .map(|l| doc.text(l))
            .collect();
        assert_eq!(url_lines, ["https://example.vn/thoi-su/th…"]);
    }

    #[test]
    fn captions_keep_where_their_text_starts() {
        let doc = Document::layout(&article(), 80, Metrics::default(), &Zone::ARTICLE, &EN);
        let cap = doc
            .blocks
            .iter()
            .find(|b| b.field == Field::Caption(0))
            .unwrap_or_else(|| panic!("a caption block"));
        assert_eq!(&cap.text[cap.field_start..], "Ảnh: TTXVN");
    }

    #[test]
    fn names_are_never_split() {
        let doc = Document::layout(&article(), 16, Metrics::default(), &Zone::ARTICLE, &EN);
        let lines: Vec<&str> = doc
            .lines
            .iter()
            .filter(|l| doc.part(l) == Some(Part::Persons))
            .map(|l| doc.text(l))
            .collect();
        assert!(
            lines
                .iter()
                .any(|l| l.contains("Phạm\u{a0}Minh\u{a0}Chính")),
            "{lines:?}"
        );
    }
}
