//! The person picker: every person with their article count, narrowed on every key, Enter
//! adds the highlighted person to the filter, Esc leaves the filters as they were.

use super::{App, Mode};
use crate::action::Action;
use crate::input::LineInput;
use crate::layout;
use crate::msg::Effect;
use crate::query::PersonQuery;

/// The picker's state.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Picker {
    pub input: LineInput,
    /// Only persons of the articles the filters show (Tab toggles), else everyone.
    pub only_result: bool,
    /// Article counts per person (positions in [`crate::persons::Persons::list`]), in the
    /// scope chosen.
    pub counts: Vec<usize>,
    /// The persons matching what is typed, best first: positions in the list.
    pub rows: Vec<usize>,
    pub selected: usize,
    pub offset: usize,
}

impl App {
    pub(super) fn open_picker(&mut self) {
        let mut picker = Picker {
            input: LineInput::default(),
            only_result: false,
            counts: Vec::new(),
            rows: Vec::new(),
            selected: 0,
            offset: 0,
        };
        self.count_people(&mut picker);
        self.mode = Mode::Picker(picker);
    }

    /// Fills the counts for the picker's scope, then ranks.
    fn count_people(&self, picker: &mut Picker) {
        picker.counts = if picker.only_result {
            let mut shown = vec![false; self.store.len()];
            for ix in &self.view {
                if let Some(s) = shown.get_mut(ix.position()) {
                    *s = true;
                }
            }
            self.people().counts_among(&shown)
        } else {
            self.people()
                .list
                .iter()
                .map(|p| p.articles.len())
                .collect()
        };
        self.rank_people(picker);
    }

    fn rank_people(&self, picker: &mut Picker) {
        picker.rows = self.people().rank(picker.input.text(), &picker.counts);
        picker.selected = 0;
        picker.offset = 0;
    }

    /// Rows of the picker's list on screen.
    pub fn picker_rows(&self) -> usize {
        let area = ratatui::layout::Rect::new(0, 0, self.size.0, self.size.1);
        usize::from(layout::picker_list(layout::picker_rect(area)).height)
    }

    pub(super) fn picker_text(&mut self, text: &str) {
        let Mode::Picker(mut picker) = std::mem::take(&mut self.mode) else {
            return;
        };
        picker.input.insert(text);
        self.rank_people(&mut picker);
        self.mode = Mode::Picker(picker);
    }

    pub(super) fn picker_action(&mut self, action: Action) -> Vec<Effect> {
        let Mode::Picker(mut picker) = std::mem::take(&mut self.mode) else {
            return Vec::new();
        };
        let page = self.picker_rows().max(1);
        let last = picker.rows.len().saturating_sub(1);
        if picker.input.apply(action) {
            self.rank_people(&mut picker);
        } else {
            match action {
                Action::Up => picker.selected = picker.selected.saturating_sub(1),
                Action::Down => picker.selected = (picker.selected + 1).min(last),
                Action::PageUp => picker.selected = picker.selected.saturating_sub(page),
                Action::PageDown => picker.selected = (picker.selected + page).min(last),
                Action::ToggleScope => {
                    picker.only_result = !picker.only_result;
                    self.count_people(&mut picker);
                }
                Action::Escape => return Vec::new(),
                Action::Submit => {
                    let chosen = picker
                        .rows
                        .get(picker.selected)
                        .and_then(|&i| self.people().list.get(i))
                        .map(|p| PersonQuery::new(&p.name));
                    // Nothing matches: the picker stays open, as typed.
                    let Some(query) = chosen else {
                        self.mode = Mode::Picker(picker);
                        return Vec::new();
                    };
                    if !self.filter.persons.contains(&query) {
                        let mut filter = self.filter.clone();
                        filter.persons.push(query);
                        self.apply_filter(filter);
                    }
                    return Vec::new();
                }
                Action::Suspend => {
                    self.mode = Mode::Picker(picker);
                    return vec![Effect::Suspend];
                }
                Action::Quit => self.quit = true,
                _ => {}
            }
        }
        picker.offset =
            super::keep_visible(picker.selected, picker.offset, page, picker.rows.len());
        self.mode = Mode::Picker(picker);
        Vec::new()
    }
}
