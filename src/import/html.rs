//! HTML article pages: the article's title, lead, paragraphs and picture captions, and the blocks
//! of stories the page lists, read through a real HTML parser (html5ever, through `scraper`), so
//! entities, broken markup and scripts are handled as a browser would.
//!
//! What a page wraps around its article (scripts, styles, navigation, share buttons, ads,
//! comment forms) is dropped by element and by class; what is left is read by structure: the
//! `article` element (or the element with the most paragraphs), its `h1`, a lead marked by class
//! (`sapo`, `lead`, `summary`, `description`), `figcaption`s, and paragraphs. A heading that
//! names a block of listed stories ("Tin liên quan", "Đọc nhiều", ...) turns the links under it
//! into listed stories.

use ego_tree::NodeRef;
use scraper::{ElementRef, Html, Node, Selector};

use super::Story;
use super::plain::BLOCK_HEADINGS;
use crate::store::Published;

/// Elements whose content is never article text.
const DROPPED: &[&str] = &[
    "script", "style", "noscript", "nav", "header", "footer", "aside", "form", "button", "iframe",
    "svg", "template", "select", "input", "textarea", "figure", "menu", "dialog",
];

/// Words in a class or id that mark page furniture rather than the article.
const FURNITURE: &[&str] = &[
    "share",
    "social",
    "advert",
    "advertisement",
    "ads",
    "ad",
    "banner",
    "promo",
    "comment",
    "comments",
    "breadcrumb",
    "breadcrumbs",
    "menu",
    "navbar",
    "sidebar",
    "qc",
    "sponsor",
    "newsletter",
    "subscribe",
    "cookie",
    "popup",
    "tags",
    "author-box",
];

/// Classes that mark the lead ("sapo" in Vietnamese newsrooms).
const LEAD_CLASSES: &[&str] = &[
    "sapo",
    "lead",
    "summary",
    "description",
    "article-sapo",
    "article-lead",
    "detail-sapo",
    "excerpt",
    "intro",
];

/// The page's article and the stories it lists; `None` when the page has no title at all.
pub fn parse(html: &str, base: Option<&str>) -> Option<Vec<Story>> {
    let doc = Html::parse_document(html);
    let base = base.map(str::to_owned).or_else(|| {
        first(&doc, "base[href]")
            .and_then(|b| b.attr("href"))
            .map(str::to_owned)
    });
    let root = article_root(&doc);

    let title = root
        .and_then(|r| select_first(r, "h1"))
        .or_else(|| first(&doc, "h1"))
        .map(|h| text_of(h))
        .filter(|t| !t.is_empty())
        .or_else(|| meta(&doc, "og:title"))
        .or_else(|| first(&doc, "title").map(|t| text_of(t)))
        .filter(|t| !t.is_empty())?;

    let blocks = related_blocks(&doc, base.as_deref());
    let block_nodes: Vec<ego_tree::NodeId> = blocks.iter().map(|(id, _, _)| *id).collect();

    let scope = root.unwrap_or_else(|| doc.root_element());
    let lead_el = scope
        .descendent_elements()
        .find(|e| has_class(e, LEAD_CLASSES) && !is_dropped(e));
    let lead = lead_el.map(text_of).filter(|t| !t.is_empty());

    let mut captions: Vec<String> = Vec::new();
    for fc in scope
        .descendent_elements()
        .filter(|e| e.value().name() == "figcaption")
    {
        let t = text_of(fc);
        if !t.is_empty() && !captions.contains(&t) {
            captions.push(t);
        }
    }

    let published = [
        "article:published_time",
        "og:published_time",
        "datePublished",
        "pubdate",
    ]
    .iter()
    .find_map(|k| meta(&doc, k))
    .or_else(|| {
        scope
            .descendent_elements()
            .chain(doc.root_element().descendent_elements())
            .find(|e| e.value().name() == "time" && e.attr("datetime").is_some())
            .and_then(|e| e.attr("datetime").map(str::to_owned))
    })
    .and_then(|s| Published::parse(&s));
    // The element that shows the date is no paragraph of the story, whether or not its text is
    // needed for the date.
    let dateline_el = scope.descendent_elements().find(|e| {
        e.value().name() == "time"
            || has_class(
                e,
                &["date", "time", "publish-date", "datetime", "post-date"],
            )
    });
    let dateline = dateline_el
        .filter(|_| published.is_none())
        .map(text_of)
        .filter(|t| !t.is_empty());

    let mut skip = block_nodes;
    skip.extend(dateline_el.map(|e| e.id()));
    let mut body: Vec<String> = Vec::new();
    collect_paragraphs(scope, &skip, lead_el.map(|e| e.id()), &mut body);
    body.retain(|p| *p != title && Some(p) != lead.as_ref() && !captions.contains(p));
    body.dedup();

    let mut main = Story {
        title,
        summary: lead,
        body,
        captions,
        url: meta(&doc, "og:url")
            .or_else(|| {
                first(&doc, "link[rel=canonical]").and_then(|l| l.attr("href").map(str::to_owned))
            })
            .map(|u| resolve(base.as_deref(), &u)),
        published,
        ..Story::default()
    };
    main.dateline = dateline;
    let mut stories = vec![main];
    for (n, (_, name, listed)) in blocks.into_iter().enumerate() {
        for mut s in listed {
            if stories.iter().any(|o| o.title == s.title) {
                continue;
            }
            s.section = Some(name.clone());
            s.block = Some(n + 1);
            stories.push(s);
        }
    }
    Some(stories)
}

/// The paragraphs of an HTML fragment (a feed item's description), entities decoded and markup
/// dropped.
pub fn fragment_paragraphs(html: &str) -> Vec<String> {
    let doc = Html::parse_fragment(html);
    let mut out = Vec::new();
    collect_paragraphs(doc.root_element(), &[], None, &mut out);
    if out.is_empty() {
        let t = text_of(doc.root_element());
        if !t.is_empty() {
            out.push(t);
        }
    }
    out
}

/// Which element holds the article: the `article` (or `[itemprop=articleBody]`, `main`) with
/// the most paragraph text, so a page that marks its teasers as `article` too still finds the
/// story.
fn article_root(doc: &Html) -> Option<ElementRef<'_>> {
    for sel in ["article", "[itemprop=articleBody]", "main", "[role=main]"] {
        let Ok(s) = Selector::parse(sel) else {
            continue;
        };
        let best = doc
            .select(&s)
            .filter(|e| !is_dropped(e))
            .max_by_key(|e| paragraph_chars(*e));
        if let Some(b) = best
            && paragraph_chars(b) > 0
        {
            return Some(b);
        }
    }
    None
}

fn paragraph_chars(e: ElementRef<'_>) -> usize {
    e.descendent_elements()
        .filter(|d| d.value().name() == "p")
        .map(|p| p.text().map(str::len).sum::<usize>())
        .sum()
}

/// Paragraph-like elements under `el`, in document order, outside dropped elements, the blocks of
/// listed stories and the lead.
fn collect_paragraphs(
    el: ElementRef<'_>,
    skip: &[ego_tree::NodeId],
    lead: Option<ego_tree::NodeId>,
    out: &mut Vec<String>,
) {
    for child in el.child_elements() {
        if is_dropped(&child) || skip.contains(&child.id()) || Some(child.id()) == lead {
            continue;
        }
        match child.value().name() {
            "p" | "h2" | "h3" | "h4" | "h5" | "h6" | "blockquote" | "pre" | "li" | "dd" => {
                let t = text_of(child);
                if !t.is_empty() {
                    out.push(t);
                }
            }
            "h1" => {}
            _ => {
                let before = out.len();
                collect_paragraphs(child, skip, lead, out);
                // A bare text block (a `div` with text and no paragraphs) is a paragraph too.
                if out.len() == before && child.value().name() == "div" {
                    let own: String = child
                        .children()
                        .filter_map(|n| n.value().as_text().map(|t| t.to_string()))
                        .collect();
                    let t = collapse(&own);
                    if t.split_whitespace().count() >= 5 {
                        out.push(t);
                    }
                }
            }
        }
    }
}

/// Blocks of listed stories: a heading naming one, and the links in the element around it.
fn related_blocks(doc: &Html, base: Option<&str>) -> Vec<(ego_tree::NodeId, String, Vec<Story>)> {
    let mut out: Vec<(ego_tree::NodeId, String, Vec<Story>)> = Vec::new();
    for el in doc.root_element().descendent_elements() {
        let name = el.value().name();
        let heading_like = matches!(name, "h2" | "h3" | "h4" | "h5" | "h6" | "strong")
            || has_class(&el, &["title", "heading", "box-title", "section-title"]);
        if !heading_like {
            continue;
        }
        let t = text_of(el);
        let lower = t.trim_end_matches(':').trim().to_lowercase();
        let Some(heading) = BLOCK_HEADINGS.iter().find(|h| h.to_lowercase() == lower) else {
            continue;
        };
        let Some(container) = el.parent().and_then(ElementRef::wrap) else {
            continue;
        };
        if out.iter().any(|(id, _, _)| *id == container.id()) {
            continue;
        }
        let mut stories: Vec<Story> = Vec::new();
        for a in container
            .descendent_elements()
            .filter(|a| a.value().name() == "a")
        {
            let title = text_of(a);
            if title.split_whitespace().count() < 3 || stories.iter().any(|s| s.title == title) {
                continue;
            }
            let url = a
                .attr("href")
                .filter(|h| !h.starts_with('#') && !h.starts_with("javascript:"))
                .map(|h| resolve(base, h));
            stories.push(Story {
                title,
                url,
                ..Story::default()
            });
        }
        out.push((container.id(), (*heading).to_owned(), stories));
    }
    out
}

fn is_dropped(e: &ElementRef<'_>) -> bool {
    DROPPED.contains(&e.value().name()) || has_class(e, FURNITURE) || e.attr("hidden").is_some()
}

/// Whether a word of the element's class or id (split on spaces, `-` and `_`) or the whole class
/// is one of `words`.
fn has_class(e: &ElementRef<'_>, words: &[&str]) -> bool {
    let v = e.value();
    let mut names: Vec<String> = v.classes().map(str::to_lowercase).collect();
    names.extend(v.id().map(str::to_lowercase));
    names.iter().any(|c| {
        words.contains(&c.as_str()) || c.split(['-', '_']).any(|part| words.contains(&part))
    })
}

/// The visible text of an element, dropped elements left out, whitespace collapsed.
fn text_of(e: ElementRef<'_>) -> String {
    let mut s = String::new();
    push_text(*e, &mut s);
    collapse(&s)
}

fn push_text(node: NodeRef<'_, Node>, out: &mut String) {
    for child in node.children() {
        match child.value() {
            Node::Text(t) => out.push_str(t),
            Node::Element(el) => {
                if let Some(er) = ElementRef::wrap(child)
                    && (DROPPED.contains(&el.name()) && el.name() != "figure"
                        || has_class(&er, FURNITURE))
                {
                    continue;
                }
                if el.name() == "br" {
                    out.push(' ');
                }
                push_text(child, out);
                if matches!(el.name(), "p" | "div" | "li" | "td" | "h2" | "h3") {
                    out.push(' ');
                }
            }
            _ => {}
        }
    }
}

fn collapse(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn first<'a>(doc: &'a Html, sel: &str) -> Option<ElementRef<'a>> {
    let s = Selector::parse(sel).ok()?;
    doc.select(&s).next()
}

fn select_first<'a>(el: ElementRef<'a>, sel: &str) -> Option<ElementRef<'a>> {
    let s = Selector::parse(sel).ok()?;
    el.select(&s).next()
}

/// The content of `<meta property=KEY>`, `<meta name=KEY>` or `<meta itemprop=KEY>`.
fn meta(doc: &Html, key: &str) -> Option<String> {
    let s = Selector::parse("meta").ok()?;
    doc.select(&s)
        .find(|m| {
            ["property", "name", "itemprop"]
                .iter()
                .any(|a| m.attr(a).is_some_and(|v| v.eq_ignore_ascii_case(key)))
        })
        .and_then(|m| m.attr("content"))
        .map(collapse)
        .filter(|c| !c.is_empty())
}

/// `href` made absolute against `base` when it is relative and a base is known.
pub fn resolve(base: Option<&str>, href: &str) -> String {
    let href = href.trim();
    match base.and_then(|b| url::Url::parse(b).ok()) {
        Some(b) => b
            .join(href)
            .map_or_else(|_| href.to_owned(), |u| u.to_string()),
        None => href.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const PAGE: &str = r##"<!DOCTYPE html><html><head><title>Trang | Báo</title>
<meta property="article:published_time" content="2026-01-28T09:30:00+07:00">
<script>var x = "<p>không phải</p>";</script><style>p{}</style></head>
<body><nav><a href="/">Trang chủ</a> <a href="/thoi-su">Thời sự</a></nav>
<div class="ads">Quảng cáo</div>
<article><h1>Tiêu đề &amp; phụ đề</h1><p class="sapo">Lời dẫn của bài.</p>
<figure><img src="a.jpg"><figcaption>Chú thích ảnh. (Ảnh: TTXVN)</figcaption></figure>
<p>Đoạn một có <b>chữ đậm</b> và&nbsp;khoảng trắng.</p>
<div class="social-share"><a href="#">Chia sẻ</a></div>
<p>Đoạn hai.</p><script>alert(1)</script></article>
<div class="box"><h3>Tin liên quan</h3><ul>
<li><a href="/tin-mot.html">Tin một về chuyện gì đó</a></li>
<li><a href="https://khac.test/tin-hai">Tin hai về chuyện khác</a></li></ul></div>
<footer>Bản quyền</footer></body></html>"##;

    #[test]
    fn the_article_is_read_and_the_furniture_dropped() {
        let stories = parse(PAGE, Some("https://bao.test/thoi-su/bai.html")).unwrap_or_default();
        let main = &stories[0];
        assert_eq!(main.title, "Tiêu đề & phụ đề");
        assert_eq!(main.summary.as_deref(), Some("Lời dẫn của bài."));
        assert_eq!(main.captions, ["Chú thích ảnh. (Ảnh: TTXVN)"]);
        assert_eq!(
            main.body,
            ["Đoạn một có chữ đậm và khoảng trắng.", "Đoạn hai."],
            "&nbsp; reads as the space a browser shows"
        );
        assert_eq!(
            main.published.map(|p| p.iso()).as_deref(),
            Some("2026-01-28T09:30:00+07:00")
        );
        let listed: Vec<(&str, Option<&str>, Option<&str>)> = stories[1..]
            .iter()
            .map(|s| (s.title.as_str(), s.url.as_deref(), s.section.as_deref()))
            .collect();
        assert_eq!(
            listed,
            [
                (
                    "Tin một về chuyện gì đó",
                    Some("https://bao.test/tin-mot.html"),
                    Some("Tin liên quan")
                ),
                (
                    "Tin hai về chuyện khác",
                    Some("https://khac.test/tin-hai"),
                    Some("Tin liên quan")
                ),
            ]
        );
    }

    #[test]
    fn fragments_become_paragraphs_with_entities_decoded() {
        assert_eq!(
            fragment_paragraphs("<p>Một &amp; hai</p><p>Ba<script>x</script></p>"),
            ["Một & hai", "Ba"]
        );
        assert_eq!(fragment_paragraphs("Chỉ chữ &lt;b&gt;"), ["Chỉ chữ <b>"]);
    }
}
