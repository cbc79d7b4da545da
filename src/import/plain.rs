//! Plain-text article pages, as a browser's "save as text" or a scraper leaves them: the first
//! line is the title, then the lead, the pictures' captions, the body, and after it the blocks of
//! stories the site lists ("Có thể bạn quan tâm", "Tin bài liên quan", "Đọc nhiều", ...).
//!
//! Two layouts occur: paragraphs separated by blank lines (a listed story is then a caption, a
//! title and a summary, each its own paragraph), and one paragraph per line with no blank lines
//! (listed stories are then titles only). Both are read by the same rules:
//!
//! - a caption is a paragraph the page repeats, a table cell (`| text |`), a paragraph ending in
//!   a photo credit ("(Ảnh: TTXVN)"), or, among listed stories, a long sentence standing where a
//!   title belongs, right before one; captions are kept once;
//! - the lead is the one paragraph between the title and the first picture (a page that opens on
//!   a picture has none, and so has a page without pictures: nothing tells its lead apart);
//! - a listed story's summary is a long sentence right after its title; a title repeated at once
//!   is kept once;
//! - a block starts at a heading from [`BLOCK_HEADINGS`], or, once the blocks have begun, at a
//!   short line followed by a line of menu items (which is dropped).

use super::Story;

/// The headings news sites put over the stories they list after an article. Once one is met,
/// nothing after it is body text.
pub const BLOCK_HEADINGS: &[&str] = &[
    "Có thể bạn quan tâm",
    "Bạn có thể quan tâm",
    "Tin bài liên quan",
    "Tin liên quan",
    "Bài liên quan",
    "Bài viết liên quan",
    "Tin tức liên quan",
    "Các tin bài khác",
    "Các tin khác",
    "Tin khác",
    "Đọc nhiều",
    "Đọc nhiều nhất",
    "Tin đọc nhiều",
    "Xem nhiều",
    "Xem nhiều nhất",
    "Tin mới",
    "Tin mới nhất",
    "Tin nổi bật",
    "Tiêu điểm",
    "Multimedia",
    "Xem thêm",
    "Tin cùng chuyên mục",
    "Cùng chuyên mục",
    "Đừng bỏ lỡ",
];

/// A paragraph of the page, with what its lines said about it.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Para {
    text: String,
    /// The page showed it as a caption: repeated, or in a table cell.
    caption: bool,
}

/// The main article and the listed stories of a plain-text page; `None` when the text has no
/// title line.
pub fn parse(text: &str) -> Option<Vec<Story>> {
    let lines: Vec<&str> = text
        .lines()
        .map(|l| l.trim_end_matches('\r').trim())
        .collect();
    let paras = paragraphs(&lines);
    let (title, rest) = paras.split_first()?;
    let split = rest
        .iter()
        .position(|p| heading(&p.text).is_some())
        .unwrap_or(rest.len());
    let (main_part, blocks_part) = rest.split_at(split);

    let mut main = Story {
        title: title.text.clone(),
        ..Story::default()
    };
    let first_caption = main_part.iter().position(is_caption);
    for (i, p) in main_part.iter().enumerate() {
        if is_caption(p) {
            let c = caption_text(&p.text);
            if !main.captions.contains(&c) {
                main.captions.push(c);
            }
        } else if i == 0 && first_caption == Some(1) && main_part.len() > 2 {
            main.summary = Some(p.text.clone());
        } else {
            main.body.push(p.text.clone());
        }
    }

    let mut stories = vec![main];
    let mut block = 0;
    for (name, items) in blocks(blocks_part) {
        block += 1;
        for mut s in listed(&items) {
            s.section = Some(name.clone());
            s.block = Some(block);
            stories.push(s);
        }
    }
    Some(stories)
}

/// The page's paragraphs. With blank lines between paragraphs, a paragraph is a group of lines
/// (a group of one line repeated is a caption shown twice); without, every line is one.
fn paragraphs(lines: &[&str]) -> Vec<Para> {
    let content: Vec<&str> = lines
        .iter()
        .copied()
        .filter(|l| !is_image_line(l))
        .collect();
    let non_blank = content.iter().filter(|l| !l.is_empty()).count();
    let last = content.iter().rposition(|l| !l.is_empty()).unwrap_or(0);
    let blank_inside = content[..last].iter().filter(|l| l.is_empty()).count();
    let blank_separated = blank_inside * 3 >= non_blank;

    let mut out: Vec<Para> = Vec::new();
    let groups: Vec<Vec<&str>> = if blank_separated {
        content
            .split(|l| l.is_empty())
            .filter(|g| !g.is_empty())
            .map(<[&str]>::to_vec)
            .collect()
    } else {
        content
            .iter()
            .filter(|l| !l.is_empty())
            .map(|l| vec![*l])
            .collect()
    };
    for group in groups {
        if let Some(cell) = table_cell(group[0])
            && group.len() == 1
        {
            out.push(Para {
                text: cell.to_owned(),
                caption: true,
            });
            continue;
        }
        let repeated = group.len() > 1 && group.iter().all(|l| *l == group[0]);
        if repeated {
            out.push(Para {
                text: group[0].to_owned(),
                caption: true,
            });
        } else {
            out.push(Para {
                text: group.join("\n"),
                caption: false,
            });
        }
    }
    // Without blank lines, a caption repeated shows as two equal lines in a row.
    out.dedup_by(|b, a| {
        if a.text == b.text && !blank_separated {
            a.caption = true;
            true
        } else {
            false
        }
    });
    out
}

/// A markdown image left by the scraper (`![]()`, `![alt](src) |`): the picture itself, which a
/// text page cannot show.
fn is_image_line(line: &str) -> bool {
    line.starts_with("![") && line.trim_end_matches(['|', ' ']).ends_with(')')
}

/// The text of a one-cell table row (`| Quang cảnh Hội nghị. (Ảnh: TTXVN) |`), which is how
/// scrapers render a picture's caption.
fn table_cell(line: &str) -> Option<&str> {
    let inner = line.strip_prefix('|')?.strip_suffix('|')?.trim();
    (!inner.is_empty() && !inner.contains('|')).then_some(inner)
}

fn caption_text(s: &str) -> String {
    s.to_owned()
}

fn is_caption(p: &Para) -> bool {
    p.caption || has_credit(&p.text)
}

/// A caption ends with its photo credit: "(Ảnh: TTXVN)", "(Ảnh: Thống Nhất/TTXVN)", "Ảnh: X".
fn has_credit(text: &str) -> bool {
    let t = text.trim_end();
    let Some(open) = t.rfind('(') else {
        return false;
    };
    t.ends_with(')') && {
        let inner = t[open + 1..].trim_start();
        ["Ảnh", "ảnh", "Nguồn", "Đồ họa", "Đồ hoạ"]
            .iter()
            .any(|p| inner.starts_with(p))
    }
}

/// The block heading `text` is, from the known list (case and a trailing colon ignored).
fn heading(text: &str) -> Option<&'static str> {
    let t = text.trim().trim_end_matches(':').trim();
    let lower = t.to_lowercase();
    BLOCK_HEADINGS
        .iter()
        .copied()
        .find(|h| h.to_lowercase() == lower)
}

/// Splits the part after the body into named blocks of paragraphs.
fn blocks(paras: &[Para]) -> Vec<(String, Vec<Para>)> {
    let mut out: Vec<(String, Vec<Para>)> = Vec::new();
    let mut i = 0;
    while i < paras.len() {
        let p = &paras[i];
        if let Some(h) = heading(&p.text) {
            out.push((h.to_owned(), Vec::new()));
            i += 1;
            continue;
        }
        if let Some(next) = paras.get(i + 1)
            && is_short_heading(&p.text)
            && is_menu(&next.text)
        {
            out.push((p.text.clone(), Vec::new()));
            i += 2;
            continue;
        }
        if let Some((_, items)) = out.last_mut() {
            items.push(p.clone());
        }
        i += 1;
    }
    out
}

/// A line that could head a block: a few words, no sentence punctuation.
fn is_short_heading(text: &str) -> bool {
    let words = text.split_whitespace().count();
    (1..=6).contains(&words) && !text.contains(['.', ',', ':', ';', '!', '?', '"', '“', '['])
}

/// A line of menu items run together ("Miền đất - Con người Cuộc sống vùng biên Nhịp sống biển
/// đảo Lịch sử chủ quyền"): no sentence punctuation, and item after item starting with a capital
/// right after a lowercase word, where a sentence would continue in lowercase.
fn is_menu(text: &str) -> bool {
    if text.contains(['.', ',', ':', ';', '!', '?', '"', '“']) {
        return false;
    }
    let words: Vec<&str> = text.split_whitespace().collect();
    let lower = |w: &str| w.chars().next().is_some_and(char::is_lowercase);
    let upper = |w: &str| w.chars().next().is_some_and(char::is_uppercase);
    let starts = words
        .windows(3)
        .filter(|w| lower(w[0]) && upper(w[1]) && lower(w[2]))
        .count();
    words.len() >= 8 && starts >= 3
}

/// A paragraph that reads as a sentence of some length: a summary, or a caption without credit.
fn is_long_sentence(text: &str) -> bool {
    let t = text.trim_end_matches(['"', '”', '’', '\'', ')', ' ']);
    t.ends_with(['.', '!', '?', '…']) && text.split_whitespace().count() >= 12
}

/// The stories of one block: each is an optional caption, a title, and an optional summary.
fn listed(items: &[Para]) -> Vec<Story> {
    let mut out: Vec<Story> = Vec::new();
    let mut current: Option<Story> = None;
    let mut captions: Vec<String> = Vec::new();
    for (i, p) in items.iter().enumerate() {
        let next_is_title = items
            .get(i + 1)
            .is_some_and(|n| !is_caption(n) && !is_long_sentence(&n.text));
        let expecting_title = current.as_ref().is_none_or(|c| c.summary.is_some());
        let caption =
            is_caption(p) || (expecting_title && is_long_sentence(&p.text) && next_is_title);
        if caption {
            if let Some(done) = current.take() {
                out.push(done);
            }
            let c = caption_text(&p.text);
            if !captions.contains(&c) {
                captions.push(c);
            }
            continue;
        }
        if let Some(c) = current.as_mut() {
            if c.title == p.text {
                continue;
            }
            if c.summary.is_none() && is_long_sentence(&p.text) {
                c.summary = Some(p.text.clone());
                continue;
            }
        }
        if let Some(done) = current.take() {
            out.push(done);
        }
        current = Some(Story {
            title: p.text.clone(),
            captions: std::mem::take(&mut captions),
            ..Story::default()
        });
    }
    out.extend(current);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_blank_separated_page_has_a_lead_captions_once_a_body_and_listed_stories() {
        let page = "Tiêu đề\n\nLời dẫn.\n\nChú thích ảnh.\nChú thích ảnh.\n\nĐoạn một.\n\nĐoạn hai.\n\n\
            Tin liên quan\n\nẢnh một. (Ảnh: TTXVN)\n\nTin một\n\n\
            Tóm tắt tin một dài đủ để là một câu văn trong danh sách các tin bài liên quan.\n\n\
            Tin hai\n\nTin hai\n\n";
        let stories = parse(page).unwrap_or_default();
        let main = &stories[0];
        assert_eq!(main.title, "Tiêu đề");
        assert_eq!(main.summary.as_deref(), Some("Lời dẫn."));
        assert_eq!(main.captions, ["Chú thích ảnh."]);
        assert_eq!(main.body, ["Đoạn một.", "Đoạn hai."]);
        let listed: Vec<(&str, Option<&str>, usize)> = stories[1..]
            .iter()
            .map(|s| (s.title.as_str(), s.summary.as_deref(), s.captions.len()))
            .collect();
        assert_eq!(
            listed,
            [
                (
                    "Tin một",
                    Some(
                        "Tóm tắt tin một dài đủ để là một câu văn trong danh sách các tin bài liên quan."
                    ),
                    1
                ),
                ("Tin hai", None, 0)
            ]
        );
        assert!(
            stories[1..]
                .iter()
                .all(|s| s.section.as_deref() == Some("Tin liên quan"))
        );
    }

    #[test]
    fn a_line_per_paragraph_page_reads_a_table_caption_and_an_unlisted_heading_before_a_menu() {
        let page = "Tiêu đề\n![]() |\n| Quang cảnh. (Ảnh: TTXVN) |\nĐoạn một.\nĐoạn hai.\n\
            Đọc nhiều\nTin một\nTiến lên! Toàn thắng ắt về ta!\n\
            Bờ cõi biển đảo\nMiền đất - Con người Cuộc sống vùng biên Nhịp sống biển đảo Lịch sử chủ quyền\n\
            Tin ba\n\n\n";
        let stories = parse(page).unwrap_or_default();
        assert_eq!(
            stories[0].summary, None,
            "a page that opens on a picture has no lead"
        );
        assert_eq!(stories[0].captions, ["Quang cảnh. (Ảnh: TTXVN)"]);
        assert_eq!(stories[0].body, ["Đoạn một.", "Đoạn hai."]);
        let listed: Vec<(&str, &str)> = stories[1..]
            .iter()
            .map(|s| (s.title.as_str(), s.section.as_deref().unwrap_or("")))
            .collect();
        assert_eq!(
            listed,
            [
                ("Tin một", "Đọc nhiều"),
                ("Tiến lên! Toàn thắng ắt về ta!", "Đọc nhiều"),
                ("Tin ba", "Bờ cõi biển đảo"),
            ]
        );
    }

    #[test]
    fn a_sentence_with_capitals_is_no_menu() {
        assert!(!is_menu(
            "Tổng thống Liên bang Nga Vladimir Putin điện đàm với Tổng Bí thư Tô Lâm"
        ));
        assert!(is_menu(
            "Miền đất - Con người Cuộc sống vùng biên Nhịp sống biển đảo Lịch sử chủ quyền Giao lưu hữu nghị"
        ));
    }
}
