//! A one-line text input that edits whole graphemes: the cursor never stops between a letter
//! and its marks, and Backspace removes "ệ" whole, in NFC and NFD alike.
//!
//! Written here rather than taken from a line-editing crate: every cursor step and deletion must
//! be a whole grapheme (a char-based cursor strands a combining mark of NFD text), and with
//! unicode-segmentation that is a few dozen lines.

use unicode_segmentation::UnicodeSegmentation;

use crate::action::Action;

/// The text of a prompt and the cursor in it (a byte offset on a grapheme boundary).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct LineInput {
    text: String,
    cursor: usize,
}

impl LineInput {
    pub fn text(&self) -> &str {
        &self.text
    }

    /// The cursor's byte offset in [`LineInput::text`].
    pub fn cursor(&self) -> usize {
        self.cursor
    }

    /// Inserts text at the cursor; line breaks and tabs in pasted text become spaces and other
    /// control characters are dropped, so the line stays one line of plain text.
    pub fn insert(&mut self, s: &str) {
        let clean: String = s
            .chars()
            .filter_map(|c| match c {
                '\n' | '\r' | '\t' => Some(' '),
                c if c.is_control() => None,
                c => Some(c),
            })
            .collect();
        self.text.insert_str(self.cursor, &clean);
        self.cursor += clean.len();
        // A mark typed after a letter joins it: keep the cursor on a grapheme boundary.
        self.cursor = self.boundary_at_or_after(self.cursor);
    }

    fn boundary_at_or_after(&self, at: usize) -> usize {
        self.text
            .grapheme_indices(true)
            .map(|(i, g)| i + g.len())
            .chain(std::iter::once(0))
            .filter(|&end| end >= at)
            .min()
            .unwrap_or(self.text.len())
    }

    fn prev(&self) -> usize {
        self.text[..self.cursor]
            .grapheme_indices(true)
            .next_back()
            .map_or(0, |(i, _)| i)
    }

    fn next(&self) -> usize {
        self.text[self.cursor..]
            .graphemes(true)
            .next()
            .map_or(self.cursor, |g| self.cursor + g.len())
    }

    pub fn delete_back(&mut self) {
        let from = self.prev();
        self.text.replace_range(from..self.cursor, "");
        self.cursor = from;
    }

    pub fn delete_forward(&mut self) {
        let to = self.next();
        self.text.replace_range(self.cursor..to, "");
    }

    /// Deletes the word before the cursor and the spaces after it (as Ctrl-W in a shell).
    pub fn delete_word(&mut self) {
        let before = &self.text[..self.cursor];
        let trimmed = before.trim_end();
        let from = trimmed
            .split_word_bound_indices()
            .rev()
            .find(|(_, w)| w.chars().all(char::is_whitespace))
            .map_or(0, |(i, w)| i + w.len());
        self.text.replace_range(from..self.cursor, "");
        self.cursor = from;
    }

    pub fn delete_to_start(&mut self) {
        self.text.replace_range(..self.cursor, "");
        self.cursor = 0;
    }

    pub fn left(&mut self) {
        self.cursor = self.prev();
    }

    pub fn right(&mut self) {
        self.cursor = self.next();
    }

    pub fn home(&mut self) {
        self.cursor = 0;
    }

    pub fn end(&mut self) {
        self.cursor = self.text.len();
    }

    /// Carries out an editing action; `false` (and nothing done) for any other action.
    pub fn apply(&mut self, action: Action) -> bool {
        match action {
            Action::DeleteBack => self.delete_back(),
            Action::DeleteForward => self.delete_forward(),
            Action::DeleteWord => self.delete_word(),
            Action::DeleteToStart => self.delete_to_start(),
            Action::CursorLeft => self.left(),
            Action::CursorRight => self.right(),
            Action::CursorStart => self.home(),
            Action::CursorEnd => self.end(),
            _ => return false,
        }
        true
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn typed(s: &str) -> LineInput {
        let mut i = LineInput::default();
        i.insert(s);
        i
    }

    #[test]
    fn backspace_removes_a_whole_nfd_letter() {
        // "Hà Nộ" in NFD: the last letter is o + circumflex + dot below.
        let mut i = typed("Ha\u{300} No\u{302}\u{323}");
        i.delete_back();
        assert_eq!(i.text(), "Ha\u{300} N");
        i.delete_back();
        i.delete_back();
        assert_eq!(i.text(), "Ha\u{300}");
        i.delete_back();
        assert_eq!(i.text(), "H");
    }

    #[test]
    fn an_ime_replaces_the_last_letter() {
        // Telex/VNI in a terminal send a backspace, then the composed letter.
        let mut i = typed("to la");
        i.delete_back();
        i.insert("âm");
        assert_eq!(i.text(), "to lâm");
    }

    #[test]
    fn cursor_moves_by_grapheme_and_inserts_there() {
        let mut i = typed("Lê\u{301}n"); // NFD-ish grapheme in the middle
        i.left();
        i.left();
        assert_eq!(&i.text()[..i.cursor()], "L");
        i.insert("x");
        assert_eq!(i.text(), "Lxê\u{301}n");
        i.right();
        i.delete_forward();
        assert_eq!(i.text(), "Lxê\u{301}");
        i.home();
        i.delete_forward();
        i.end();
        assert_eq!(i.cursor(), i.text().len());
    }

    #[test]
    fn ctrl_w_deletes_a_word_and_ctrl_u_the_line() {
        let mut i = typed("Lương  Cường ");
        i.delete_word();
        assert_eq!(i.text(), "Lương  ");
        i.delete_word();
        assert_eq!(i.text(), "");
        let mut i = typed("phạm minh");
        i.left();
        i.delete_to_start();
        assert_eq!(i.text(), "h");
    }

    #[test]
    fn pasted_lines_and_controls_stay_one_line() {
        let i = typed("Hà\nNội\t\u{1b}[31m");
        assert_eq!(i.text(), "Hà Nội [31m");
    }
}
