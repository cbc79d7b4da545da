//! Every word the reader shows, in one place, so a second language changes one file.
//!
//! Fixed texts are constants; texts with numbers or names in them are functions, so a
//! translation can put the number where its grammar wants it. Nothing here knows about styles
//! (those are the views' `Theme`).

use crate::action::Action;

pub const HEADLINES_TITLE: &str = "Headlines";
pub const ARTICLE_TITLE: &str = "Article";
pub const RELATED_TITLE: &str = "Related";
pub const HELP_TITLE: &str = "Keys";
pub const HELP_FOOTER: &str = "Esc, ? or q closes";
pub const UNDATED: &str = "-";
pub const PERSONS_LABEL: &str = "Persons: ";
pub const RELATED_LABEL: &str = "Related:";
pub const CAPTION_MARK: &str = "▣ ";
pub const LINKED_MARK: &str = "→";
pub const SHARED_MARK: &str = "≈";
pub const NO_BODY: &str = "Only the headline and the lead of this story are in the store.";
pub const TAGS_LABEL: &str = "Tags: ";
pub const NO_ARTICLE: &str = "(no article selected)";
pub const NO_RELATED: &str = "(no related stories)";
pub const EMPTY_STORE: &str = "(the store has no articles)";
/// The headline list when the filters leave nothing.
pub fn no_match(filters: &str) -> String {
    format!("no articles match {filters} · Esc removes the last filter, Esc Esc all")
}

/// Undated articles a date filter leaves out.
pub fn undated_hidden(n: usize) -> String {
    format!("{n} undated hidden")
}
pub const LOADING_LIST: &str = "(loading…)";
pub const TOO_SMALL: &str = "terminal too small for tuinews";
pub const TOO_SMALL_SHORT: &str = "too small";
/// The article pane's position note when the whole article fits.
pub const POSITION_ALL: &str = "all";

/// Key hints for the status line, by focused pane, and the short form when those do not fit.
pub const HINTS_HEADLINES: &str = "j/k move · Enter read · Tab pane · ? help · q quit";
pub const HINTS_ARTICLE: &str = "j/k scroll · Space page · Tab pane · ? help · q quit";
pub const HINTS_RELATED: &str = "j/k move · Enter open · Bksp back · ? help · q quit";
pub const HINTS_SHORT: &str = "Tab pane · ? help · q quit";
/// The hint that stays at every width.
pub const HINTS_MINIMAL: &str = "? help";
pub const HINTS_FULL: &str = "j/k scroll · J/K next/prev · Esc back · ? help";
pub const HINTS_PROMPT: &str = "Enter apply · Esc cancel";

/// Prompt labels, shown before what is typed.
pub const PROMPT_SEARCH: &str = "search: ";
pub const PROMPT_DATE: &str = "date: ";
pub const PROMPT_QUERY: &str = "filter: ";

pub const NO_MATCHES_HERE: &str = "no search matches in this article";
pub const LAST_MATCH: &str = "no more matches below";
pub const FIRST_MATCH: &str = "no more matches above";

/// Which search match the article shows.
pub fn match_position(n: usize, of: usize) -> String {
    format!("match {n}/{of}")
}
/// A key that does nothing where it was pressed.
pub fn unbound(key: &str) -> String {
    format!("{key}: no action here; ? for help")
}

pub const LAST_ARTICLE: &str = "the last article of the list";
pub const FIRST_ARTICLE: &str = "the first article of the list";
/// Unread articles, for the status line.
pub fn unread(n: usize) -> String {
    format!("{n} unread")
}
pub const STAR_MARK: &str = "*";
pub const FILTERS_CLEARED: &str = "Filters cleared";
pub const FILTER_REMOVED: &str = "last filter removed; Esc again clears all";
pub const NOTHING_BACK: &str = "Nothing to go back to";
pub const NO_LINK: &str = "this article has no web link";
pub const RELOADING: &str = "reloading the store…";
pub const STORE_CHANGED: &str = "the store changed on disk; reloading…";
pub const EMBEDDED_NO_RELOAD: &str = "the embedded sample cannot change; nothing to reload";

/// The command that lists load warnings, before a path is known.
pub const CHECK_COMMAND: &str = "tuinews check";

/// The status line while a store loads: how much has been read.
pub fn loading(bytes: u64, articles: usize) -> String {
    match (bytes, articles) {
        (0, 0) => "loading…".to_owned(),
        (b, 0) => format!("loading… {:.1} MB", b as f64 / 1e6),
        (0, n) => format!("loading… {} articles", thousands(n)),
        (b, n) => format!(
            "loading… {} articles of {:.1} MB",
            thousands(n),
            b as f64 / 1e6
        ),
    }
}

/// `40 000`: groups of three digits, as Vietnamese and international usage both read.
fn thousands(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(' ');
        }
        out.push(c);
    }
    out
}

/// The weekday as Vietnamese readers expect it beside a date ("Thứ Tư, 24/11/2021").
pub fn weekday(day: jiff::civil::Weekday) -> &'static str {
    use jiff::civil::Weekday;
    match day {
        Weekday::Monday => "Thứ Hai",
        Weekday::Tuesday => "Thứ Ba",
        Weekday::Wednesday => "Thứ Tư",
        Weekday::Thursday => "Thứ Năm",
        Weekday::Friday => "Thứ Sáu",
        Weekday::Saturday => "Thứ Bảy",
        Weekday::Sunday => "Chủ Nhật",
    }
}

/// The status line after a reload.
pub fn reloaded(articles: usize) -> String {
    format!("reloaded: {articles} articles")
}

/// A reload that failed: the old articles stay.
pub fn reload_failed(error: &str) -> String {
    format!("reload failed, keeping what was loaded: {error}")
}

/// The warnings count in the status line.
pub fn warnings(n: usize, check_command: &str) -> String {
    let s = if n == 1 { "" } else { "s" };
    format!("{n} warning{s}: {check_command}")
}

/// The article pane's position note: first and last line shown, of how many.
pub fn position(first: usize, last: usize, total: usize) -> String {
    format!("{first}-{last}/{total} {}%", last * 100 / total.max(1))
}

/// How many articles a filter shows.
pub fn articles(n: usize) -> String {
    match n {
        1 => "1 article".to_owned(),
        n => format!("{n} articles"),
    }
}

pub const PER_MONTH: &str = "Articles per month";
/// The date prompt's quick choices, under its histogram.
pub const DATE_CHOICES: &str = "Alt-T today · Alt-W 7 days · Alt-M this month · Alt-Y this year";

/// The histogram's title when it shows the days of one month (`mm/yyyy`).
pub fn per_day(month: &str) -> String {
    format!("Articles per day, {month}")
}

pub const PICKER_TITLE: &str = "Person";
pub const PICKER_ALL: &str = "everyone";
pub const PICKER_RESULT: &str = "in the articles shown";
pub const PICKER_HINTS: &str = "Enter add · Tab scope · Esc cancel";
pub const PICKER_NONE: &str = "(nobody matches)";

pub fn copied(text: &str) -> String {
    format!("copied: {text}")
}

pub fn opening(url: &str) -> String {
    format!("opening {url}")
}

/// What the help overlay says an action does.
pub fn action_help(action: Action) -> &'static str {
    match action {
        Action::Down => "move down / scroll down",
        Action::Up => "move up / scroll up",
        Action::PageDown => "page down",
        Action::PageUp => "page up",
        Action::Top => "first row / top of the article",
        Action::Bottom => "last row / end of the article",
        Action::FocusNext => "next pane: headlines, article, related",
        Action::FocusPrev => "previous pane",
        Action::Open => "headlines: read the article; related: open the story",
        Action::Back => "back to the article before",
        Action::FullScreen => "the article alone, full screen (Esc, q, h return)",
        Action::NextArticle => "next article of the list",
        Action::PrevArticle => "previous article of the list",
        Action::ShrinkHeadlines => "narrower headlines",
        Action::GrowHeadlines => "wider headlines",
        Action::Search => "search text",
        Action::PersonFilter => "filter by person",
        Action::DateFilter => "filter by date",
        Action::QueryLine => "every filter in one line: person:\"…\" date:… words",
        Action::Escape => "close help; otherwise clear filters",
        Action::Help => "this help",
        Action::OpenLink => "open the article's link in the browser",
        Action::CopyLink => "copy the article's link to the clipboard",
        Action::Reload => "read the store again",
        Action::Suspend => "suspend to the shell (fg returns)",
        Action::ToggleRead => "mark the article read / unread",
        Action::ToggleStar => "star the article / take the star away",
        Action::OnlyUnread => "only unread articles / all (is:unread)",
        Action::OnlyStarred => "only starred articles / all (is:starred)",
        Action::NextMatch => "next search match in the article",
        Action::PrevMatch => "previous search match in the article",
        Action::Quit => "quit",
        Action::Submit => "apply",
        Action::ToggleScope => "everyone / only the persons of the articles shown",
        Action::DateToday => "dates: today",
        Action::DateWeek => "dates: the last 7 days",
        Action::DateMonth => "dates: this month",
        Action::DateYear => "dates: this year",
        Action::DeleteBack => "delete before the cursor",
        Action::DeleteForward => "delete under the cursor",
        Action::DeleteWord => "delete a word",
        Action::DeleteToStart => "delete to the start",
        Action::CursorLeft => "cursor left",
        Action::CursorRight => "cursor right",
        Action::CursorStart => "cursor to the start",
        Action::CursorEnd => "cursor to the end",
    }
}

/// The help overlay's last row: what the mouse does.
pub const MOUSE_KEYS: &str = "mouse";
/// What the marks of the lists mean, for the help overlay.
pub const MARKS_HELP: &[(&str, &str)] = &[
    ("→", "related: a story the article links to"),
    (
        "≈",
        "related: a story naming the same person (the name follows)",
    ),
    ("-", "a story the store gives no date for"),
];
/// The help overlay's position note: which lines of how many.
pub fn help_position(first: usize, last: usize, total: usize) -> String {
    format!("{first}-{last}/{total}")
}
pub const MOUSE_HELP: &str = "click selects or focuses; wheel scrolls the pane under it";

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn loading_counts_articles_in_groups_of_three() {
        assert_eq!(loading(0, 0), "loading…");
        assert_eq!(loading(187_242_057, 0), "loading… 187.2 MB");
        assert_eq!(loading(0, 40_000), "loading… 40 000 articles");
        assert_eq!(
            loading(187_242_057, 1_234_567),
            "loading… 1 234 567 articles of 187.2 MB"
        );
        assert_eq!(thousands(999), "999");
    }
}
