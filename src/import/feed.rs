//! RSS and Atom feeds, read by feed-rs (RSS 0.9x, 1.0 and 2.0, Atom 1.0, JSON Feed), which
//! handles the formats' dialects, CDATA, XML entities and date formats.
//!
//! What feed-rs leaves to its user: descriptions are HTML (read here into paragraphs with the
//! HTML reader, so entities and markup are handled as for pages), links may be relative to the
//! feed (resolved against the URL the feed came from, else the feed's own link), and dates come
//! as UTC instants (kept as such: the instant is what the feed states).

use jiff::Timestamp;
use jiff::tz::Offset;

use super::Story;
use super::html::{fragment_paragraphs, resolve};
use crate::store::Published;

/// The feed's items as stories; the message says why the feed could not be read.
pub fn parse(bytes: &[u8], base: Option<&str>) -> Result<Vec<Story>, String> {
    let parser = feed_rs::parser::Builder::new()
        .base_uri(base)
        // An item without a guid gets no made-up id: its link (or title) names it instead, which
        // stays the same when the feed rewords the item.
        .id_generator(|_, _, _| String::new())
        .build();
    let feed = parser.parse(bytes).map_err(|e| e.to_string())?;
    let feed_link = feed
        .links
        .iter()
        .find(|l| l.rel.as_deref().is_none_or(|r| r == "alternate"))
        .map(|l| resolve(base, &l.href));
    let link_base = base.map(str::to_owned).or(feed_link);
    let source = feed
        .title
        .as_ref()
        .map(|t| plain(&t.content))
        .filter(|t| !t.is_empty());
    let mut out = Vec::new();
    for entry in feed.entries {
        let url = entry
            .links
            .iter()
            .find(|l| l.rel.as_deref().is_none_or(|r| r == "alternate"))
            .map(|l| resolve(link_base.as_deref(), &l.href));
        let summary = entry
            .summary
            .as_ref()
            .map(|t| fragment_paragraphs(&t.content));
        let body = entry
            .content
            .as_ref()
            .and_then(|c| c.body.as_deref())
            .map(fragment_paragraphs)
            .unwrap_or_default();
        let title = entry
            .title
            .as_ref()
            .map(|t| plain(&t.content))
            .unwrap_or_default();
        let published = entry
            .published
            .or(entry.updated)
            .and_then(|d| Timestamp::from_second(d.timestamp()).ok())
            .map(|ts| Published::Zoned {
                local: Offset::UTC.to_datetime(ts),
                offset: Offset::UTC,
            });
        let mut captions = Vec::new();
        for m in &entry.media {
            if let Some(d) = &m.description {
                let t = plain(&d.content);
                if !t.is_empty() && !captions.contains(&t) {
                    captions.push(t);
                }
            }
        }
        let (summary, body) = match (summary, body.is_empty()) {
            // With no separate content, a long description is the story itself: its first
            // paragraph is the lead and the rest the body.
            (Some(mut paras), true) if paras.len() > 1 => {
                let rest = paras.split_off(1);
                (paras.pop(), rest)
            }
            (Some(mut paras), _) if paras.len() <= 1 => (paras.pop(), body),
            (Some(paras), _) => (Some(paras.join("\n\n")), body),
            (None, _) => (None, body),
        };
        out.push(Story {
            guid: Some(entry.id).filter(|id| !id.trim().is_empty()),
            title,
            summary,
            body,
            captions,
            source: source.clone(),
            url,
            published,
            tags: entry
                .categories
                .iter()
                .map(|c| c.label.clone().unwrap_or_else(|| c.term.clone()))
                .collect(),
            ..Story::default()
        });
    }
    Ok(out)
}

/// A title or name as text: feeds put HTML in them too ("A &amp; B", "<b>A</b>").
fn plain(s: &str) -> String {
    if s.contains(['<', '&']) {
        fragment_paragraphs(s).join(" ")
    } else {
        s.split_whitespace().collect::<Vec<_>>().join(" ")
    }
}
