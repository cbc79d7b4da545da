//! Line prompts in the status row: search (live: the list narrows on every key) and dates
//! (checked on every key: valid or why not, and how many articles it would show).

use super::{App, Mode};
use crate::action::Action;
use crate::input::LineInput;
use crate::msg::Effect;
use crate::query::{DateFilter, Filter, SearchQuery};

/// What a line prompt is for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PromptKind {
    Search,
    Date,
    /// Every filter in one line (see [`crate::query::line`]).
    Query,
}

/// A line prompt: what it is for, what has been typed, and the filter before it opened.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Prompt {
    pub kind: PromptKind,
    pub input: LineInput,
    /// Restored by Esc.
    pub before: Filter,
    /// What the text means now: how many articles it shows, or why it cannot be read.
    pub verdict: Result<usize, String>,
}

/// The date SPEC a quick-choice key stands for.
fn quick_choice(action: Action, today: jiff::civil::Date) -> Option<String> {
    match action {
        Action::DateToday => Some("today".to_owned()),
        Action::DateWeek => Some("7d".to_owned()),
        Action::DateMonth => Some(today.strftime("%Y-%m").to_string()),
        Action::DateYear => Some(today.strftime("%Y").to_string()),
        _ => None,
    }
}

impl App {
    /// An action while a prompt is open: edit, apply, or cancel.
    pub(super) fn prompt_action(&mut self, action: Action) -> Vec<Effect> {
        let Mode::Prompt(prompt) = &mut self.mode else {
            return Vec::new();
        };
        if prompt.input.apply(action) {
            self.prompt_changed();
            return Vec::new();
        }
        if prompt.kind == PromptKind::Date
            && let Some(spec) = quick_choice(action, self.today)
        {
            prompt.input = LineInput::default();
            prompt.input.insert(&spec);
            self.prompt_changed();
            return Vec::new();
        }
        match action {
            Action::Escape => {
                let before = prompt.before.clone();
                self.mode = Mode::Normal;
                if before != self.filter {
                    self.set_filter(before);
                }
            }
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

    /// Text typed or pasted into the prompt.
    pub(super) fn prompt_text(&mut self, text: &str) {
        if let Mode::Prompt(p) = &mut self.mode {
            p.input.insert(text);
            self.prompt_changed();
        }
    }

    pub(super) fn open_prompt(&mut self, kind: PromptKind) {
        let mut input = LineInput::default();
        // The prompt starts from what is in force, to be edited.
        match kind {
            PromptKind::Search => input.insert(self.filter.search.as_ref().map_or("", |s| &s.text)),
            PromptKind::Date => input.insert(self.filter.date.as_ref().map_or("", |d| &d.spec)),
            PromptKind::Query => input.insert(&self.filter.to_string()),
        }
        self.mode = Mode::Prompt(Prompt {
            kind,
            input,
            before: self.filter.clone(),
            verdict: Ok(self.view.len()),
        });
        self.prompt_changed();
    }

    /// The filter a prompt's text would make, or why the text cannot be read.
    fn prompt_filter(
        &self,
        kind: PromptKind,
        text: &str,
        before: &Filter,
    ) -> Result<Filter, String> {
        let mut filter = before.clone();
        match kind {
            PromptKind::Search => {
                filter.search = Some(SearchQuery::new(text)).filter(|s| !s.terms.is_empty());
            }
            PromptKind::Date if text.trim().is_empty() => filter.date = None,
            // The prompt is one line: the reason alone; the forms are in the help.
            PromptKind::Date => {
                filter.date = Some(DateFilter::parse(text, self.today).map_err(|e| e.reason)?);
            }
            // The line is every filter: it replaces them all.
            PromptKind::Query => {
                filter = crate::query::line::parse(text, self.today).map_err(|e| e.to_string())?;
            }
        }
        Ok(filter)
    }

    /// After every edit: search applies at once; a date is checked and counted.
    fn prompt_changed(&mut self) {
        let Mode::Prompt(p) = &self.mode else {
            return;
        };
        let (kind, text, before) = (p.kind, p.input.text().to_owned(), p.before.clone());
        let verdict = match self.prompt_filter(kind, &text, &before) {
            Ok(filter) if kind == PromptKind::Search => {
                if filter != self.filter {
                    self.set_filter(filter);
                }
                Ok(self.view.len())
            }
            Ok(filter) => Ok(self.filtered(&filter).len()),
            Err(reason) => Err(reason),
        };
        if let Mode::Prompt(p) = &mut self.mode {
            p.verdict = verdict;
        }
    }

    /// Applies a prompt's text to the filter; text that cannot be read keeps the prompt open
    /// with the reason in the status line.
    fn submit(&mut self, kind: PromptKind, text: &str) {
        let before = match &self.mode {
            Mode::Prompt(p) => p.before.clone(),
            _ => self.filter.clone(),
        };
        match self.prompt_filter(kind, text, &before) {
            Ok(filter) => {
                self.mode = Mode::Normal;
                // Live search may have applied it already; Esc takes back to before the prompt.
                if filter != before {
                    self.undo.push(before);
                }
                if filter != self.filter {
                    self.set_filter(filter);
                }
            }
            Err(reason) => self.notice = Some(reason),
        }
    }
}
