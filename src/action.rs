//! What the reader can be asked to do.
//!
//! [`Action`] is everything a key can be bound to: the vocabulary of the key table
//! ([`crate::keymap::Keymap`]) and of the config file, so every variant has a snake_case
//! name ([`Action::name`], [`Action::from_name`]). What reaches
//! [`crate::app::App::update`] besides a bound action is in [`crate::msg`].

use std::fmt;

/// One thing a key can ask for.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Action {
    /// Move up one row in the focused list, or scroll the article (or help) up one line.
    Up,
    /// Move down one row in the focused list, or scroll the article (or help) down one line.
    Down,
    /// Up one page in the focused pane.
    PageUp,
    /// Down one page in the focused pane.
    PageDown,
    /// To the first row or the top of the article.
    Top,
    /// To the last row or the end of the article.
    Bottom,
    /// Focus the next pane: headlines -> article -> related.
    FocusNext,
    /// Focus the previous pane.
    FocusPrev,
    /// In headlines, read the article; in related, open the selected story.
    Open,
    /// Go back to the article shown before the last opened related story.
    Back,
    /// Show the article alone, full screen.
    FullScreen,
    /// The next article of the list, without leaving the article.
    NextArticle,
    /// The previous article of the list.
    PrevArticle,
    /// Give the headline pane less of the width.
    ShrinkHeadlines,
    /// Give the headline pane more of the width.
    GrowHeadlines,
    /// Open the text search prompt.
    Search,
    /// Open the person filter prompt.
    PersonFilter,
    /// Open the date filter prompt.
    DateFilter,
    /// Open the query line: every filter in one editable line.
    QueryLine,
    /// Close what is open (help, a prompt); with nothing open, clear every filter.
    Escape,
    /// Show or hide the list of keys.
    Help,
    /// Open the article's link in the browser.
    OpenLink,
    /// Copy the article's link (or its title) to the clipboard.
    CopyLink,
    /// Read the store again from disk, keeping the selection.
    Reload,
    /// Fetch every subscribed feed into the store, in the background.
    Update,
    /// Suspend the reader and return to the shell (`fg` brings it back).
    Suspend,
    /// Mark the article read, or unread again.
    ToggleRead,
    /// Star the article, or take the star away.
    ToggleStar,
    /// Show only unread articles, or all again.
    OnlyUnread,
    /// Show only starred articles, or all again.
    OnlyStarred,
    /// The next unread article of the list; while a search is active, first the next match in
    /// the article (so `n` walks a search through the articles, as it does in a pager).
    NextUnread,
    /// The previous unread article of the list; while a search is active, first the previous
    /// match in the article.
    PrevUnread,
    /// Scroll the article to the next search match.
    NextMatch,
    /// Scroll the article to the previous search match.
    PrevMatch,
    /// Leave the reader.
    Quit,
    /// In a prompt: apply what was typed.
    Submit,
    /// In the person picker: everyone, or only the persons of the articles shown.
    ToggleScope,
    /// In the date prompt: today.
    DateToday,
    /// In the date prompt: the last seven days.
    DateWeek,
    /// In the date prompt: this month.
    DateMonth,
    /// In the date prompt: this year.
    DateYear,
    /// In a prompt: delete the grapheme before the cursor.
    DeleteBack,
    /// In a prompt: delete the grapheme under the cursor.
    DeleteForward,
    /// In a prompt: delete the word before the cursor.
    DeleteWord,
    /// In a prompt: delete everything before the cursor.
    DeleteToStart,
    /// In a prompt: move the cursor one grapheme left.
    CursorLeft,
    /// In a prompt: move the cursor one grapheme right.
    CursorRight,
    /// In a prompt: move the cursor to the start.
    CursorStart,
    /// In a prompt: move the cursor to the end.
    CursorEnd,
}

/// Every action with its name, in the order help and config files list them.
const NAMES: &[(Action, &str)] = &[
    (Action::Up, "up"),
    (Action::Down, "down"),
    (Action::PageUp, "page_up"),
    (Action::PageDown, "page_down"),
    (Action::Top, "top"),
    (Action::Bottom, "bottom"),
    (Action::FocusNext, "focus_next"),
    (Action::FocusPrev, "focus_prev"),
    (Action::Open, "open"),
    (Action::Back, "back"),
    (Action::FullScreen, "full_screen"),
    (Action::NextArticle, "next_article"),
    (Action::PrevArticle, "prev_article"),
    (Action::ShrinkHeadlines, "shrink_headlines"),
    (Action::GrowHeadlines, "grow_headlines"),
    (Action::Search, "search"),
    (Action::PersonFilter, "person_filter"),
    (Action::DateFilter, "date_filter"),
    (Action::QueryLine, "query_line"),
    (Action::Escape, "escape"),
    (Action::Help, "help"),
    (Action::OpenLink, "open_link"),
    (Action::CopyLink, "copy_link"),
    (Action::Reload, "reload"),
    (Action::Update, "update"),
    (Action::Suspend, "suspend"),
    (Action::ToggleRead, "toggle_read"),
    (Action::ToggleStar, "toggle_star"),
    (Action::OnlyUnread, "only_unread"),
    (Action::OnlyStarred, "only_starred"),
    (Action::NextUnread, "next_unread"),
    (Action::PrevUnread, "prev_unread"),
    (Action::NextMatch, "next_match"),
    (Action::PrevMatch, "prev_match"),
    (Action::Quit, "quit"),
    (Action::Submit, "submit"),
    (Action::ToggleScope, "toggle_scope"),
    (Action::DateToday, "date_today"),
    (Action::DateWeek, "date_week"),
    (Action::DateMonth, "date_month"),
    (Action::DateYear, "date_year"),
    (Action::DeleteBack, "delete_back"),
    (Action::DeleteForward, "delete_forward"),
    (Action::DeleteWord, "delete_word"),
    (Action::DeleteToStart, "delete_to_start"),
    (Action::CursorLeft, "cursor_left"),
    (Action::CursorRight, "cursor_right"),
    (Action::CursorStart, "cursor_start"),
    (Action::CursorEnd, "cursor_end"),
];

impl Action {
    /// Every action, in a fixed order.
    pub fn all() -> impl Iterator<Item = Action> {
        NAMES.iter().map(|(a, _)| *a)
    }

    /// The snake_case name a config file uses.
    pub fn name(self) -> &'static str {
        NAMES
            .iter()
            .find(|(a, _)| *a == self)
            .map_or("", |(_, n)| n)
    }

    /// The action a config file names, if any.
    pub fn from_name(name: &str) -> Option<Action> {
        NAMES.iter().find(|(_, n)| *n == name).map(|(a, _)| *a)
    }
}

impl fmt::Display for Action {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// A name that is not an action.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("unknown action {0:?}")]
pub struct UnknownAction(pub String);

impl std::str::FromStr for Action {
    type Err = UnknownAction;

    fn from_str(s: &str) -> Result<Action, UnknownAction> {
        Action::from_name(s).ok_or_else(|| UnknownAction(s.to_owned()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_round_trip_and_are_unique() {
        let mut seen = std::collections::HashSet::new();
        for a in Action::all() {
            let name = a.name();
            assert!(!name.is_empty(), "{a:?} has a name");
            assert!(
                name.chars().all(|c| c.is_ascii_lowercase() || c == '_'),
                "{name} is snake_case"
            );
            assert!(seen.insert(name), "{name} is used once");
            assert_eq!(name.parse::<Action>(), Ok(a));
        }
        assert_eq!(
            "page-down".parse::<Action>(),
            Err(UnknownAction("page-down".to_owned()))
        );
    }
}
