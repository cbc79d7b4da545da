//! Helpers shared by the reader's test files: the sample store, an app at a size, selecting an
//! article by id.

// Each test binary compiles this module on its own and uses only some of it.
#![allow(dead_code)]
use crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};
use tuinews::action::Action;
use tuinews::app::App;
use tuinews::msg::{Effect, Msg};
use tuinews::store::{EMBEDDED_SAMPLE, Store};
use tuinews::text::Metrics;

/// The day tests take as today: two days after the newest article of the sample.
pub const TODAY: jiff::civil::Date = jiff::civil::date(2026, 2, 1);

/// The first page's main article (24 November 2021).
pub const MAIN_2021: &str = "tang-cuong-hop-tac-giao-luu-giua-hai-nuoc-hai-1e474317";
/// The second page's main article (undated).
pub const MAIN_UNDATED: &str = "dang-cong-san-viet-nam-coi-trong-quan-he-huu-ece3b2d3";

/// Parses store text, failing the test with the loader's message.
pub fn load(json: &str) -> Store {
    match Store::parse(json, "test.json") {
        Ok(s) => s,
        Err(e) => panic!("{e}"),
    }
}

/// The embedded sample store.
pub fn sample() -> Store {
    load(EMBEDDED_SAMPLE)
}

/// The reader on the sample, sized `w` x `h`.
pub fn app_at(w: u16, h: u16) -> App {
    let mut app = App::new(sample(), "embedded sample", Metrics::default());
    // A fixed day, so the compact dates of lists (which leave out the current year) and the
    // relative date filters do not change with the clock.
    app.today = TODAY;
    app.update(Msg::Resize(w, h));
    app
}

/// The id of the article shown, or "" when none is.
pub fn current_id(app: &App) -> &str {
    app.current_article().map_or("", |a| a.id.as_str())
}

/// Moves the headline selection to the article with `id`.
pub fn select_id(app: &mut App, id: &str) {
    app.update(Action::Top);
    for _ in 0..app.view.len() {
        if current_id(app) == id {
            return;
        }
        app.update(Action::Down);
    }
    panic!("{id} is not in the view");
}

/// Feeds keys through the app's keymap in its current mode, as the loop does: `\n` is Enter,
/// `\x1b` Esc, `\x08` Backspace, `\t` Tab, any other character that key.
pub fn press(app: &mut App, keys: &str) -> Vec<Effect> {
    let mut effects = Vec::new();
    for c in keys.chars() {
        let code = match c {
            '\n' => KeyCode::Enter,
            '\x1b' => KeyCode::Esc,
            '\x08' => KeyCode::Backspace,
            '\t' => KeyCode::Tab,
            c => KeyCode::Char(c),
        };
        let ev = Event::Key(KeyEvent::new(code, KeyModifiers::NONE));
        if let Some(msg) = app.keymap.event(app.mode_kind(), &ev) {
            effects.extend(app.update(msg));
        }
    }
    effects
}
