//! Everything the reader can be asked to do. Keys and mouse events become these in
//! [`crate::keymap`]; [`crate::app::App::update`] carries them out without I/O. The variant names
//! are meant to be the vocabulary of a key-binding config later.

/// One thing the user asked for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Action {
    /// Move up one row in the focused list, or scroll the article up one line.
    Up,
    /// Move down one row in the focused list, or scroll the article down one line.
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
    /// Open the text search prompt.
    Search,
    /// Open the person filter prompt.
    PersonFilter,
    /// Open the date filter prompt.
    DateFilter,
    /// Close the open overlay; with none open, clear every filter.
    Escape,
    /// Show or hide the list of keys.
    Help,
    /// Leave the reader.
    Quit,
    /// The terminal now has this many columns and rows.
    Resize(u16, u16),
    /// A mouse click at a column and row: focus the pane there and select the row.
    Click(u16, u16),
    /// The mouse wheel at a column and row: scroll the pane there (`true` scrolls down).
    Wheel(u16, u16, bool),
}
