//! Prompts: opening one, editing its line, applying it to the filter.

use super::{App, Mode};
use crate::action::{Action, Effect};
use crate::input::LineInput;
use crate::query::{DateFilter, PersonQuery, SearchQuery};

/// What a line prompt is for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PromptKind {
    Search,
    Person,
    Date,
}

/// A line prompt: what it is for and what has been typed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Prompt {
    pub kind: PromptKind,
    pub input: LineInput,
}

impl App {
    /// An action while a prompt is open: edit, apply, or cancel.
    pub(super) fn prompt_action(&mut self, action: Action) -> Vec<Effect> {
        let Mode::Prompt(prompt) = &mut self.mode else {
            return Vec::new();
        };
        let input = &mut prompt.input;
        match action {
            Action::DeleteBack => input.delete_back(),
            Action::DeleteForward => input.delete_forward(),
            Action::DeleteWord => input.delete_word(),
            Action::DeleteToStart => input.delete_to_start(),
            Action::CursorLeft => input.left(),
            Action::CursorRight => input.right(),
            Action::CursorStart => input.home(),
            Action::CursorEnd => input.end(),
            Action::Escape => self.mode = Mode::Normal,
            Action::Submit => {
                let (kind, text) = (prompt.kind, prompt.input.text().trim().to_owned());
                self.submit(kind, &text);
            }
            Action::Suspend => return vec![Effect::Suspend],
            Action::Quit => self.quit = true,
            _ => {}
        }
        Vec::new()
    }

    pub(super) fn open_prompt(&mut self, kind: PromptKind) {
        let mut input = LineInput::default();
        // Search and date start from what is in force, to be edited; a person is added.
        match kind {
            PromptKind::Search => input.insert(self.filter.search.as_ref().map_or("", |s| &s.text)),
            PromptKind::Date => input.insert(self.filter.date.as_ref().map_or("", |d| &d.spec)),
            PromptKind::Person => {}
        }
        self.mode = Mode::Prompt(Prompt { kind, input });
    }

    /// Applies a prompt's text to the filter; a date that cannot be read keeps the prompt open
    /// with the reason in the status line.
    pub(super) fn submit(&mut self, kind: PromptKind, text: &str) {
        let mut filter = self.filter.clone();
        match kind {
            PromptKind::Search => {
                filter.search = Some(SearchQuery::new(text)).filter(|s| !s.terms.is_empty());
            }
            PromptKind::Person => {
                let query = PersonQuery::new(text);
                if !text.is_empty() && !filter.persons.contains(&query) {
                    filter.persons.push(query);
                }
            }
            PromptKind::Date if text.is_empty() => filter.date = None,
            PromptKind::Date => match DateFilter::parse(text, self.today) {
                Ok(d) => filter.date = Some(d),
                Err(e) => {
                    // The prompt is one line: the reason alone; the forms are in the help.
                    self.notice = Some(e.reason);
                    return;
                }
            },
        }
        self.mode = Mode::Normal;
        if filter != self.filter {
            self.set_filter(filter);
        }
    }
}
