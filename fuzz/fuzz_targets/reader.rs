//! The whole reader: arbitrary key, paste, mouse and resize sequences applied to the app (on the
//! sample or on a store the fuzzer writes, with or without its search index and content
//! vectors), each state drawn into a test backend of any size, 0x0 included, with the store
//! arriving first in part or again (a reload) between them. Never a panic, and no drawn cell
//! holds a control character.
#![no_main]

use std::sync::Arc;

use arbitrary::Arbitrary;
use crossterm::event::{
    Event, KeyCode, KeyEvent, KeyModifiers, MouseButton, MouseEvent, MouseEventKind,
};
use libfuzzer_sys::fuzz_target;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use tuinews::app::App;
use tuinews::msg::Msg;
use tuinews::query::index::SearchIndex;
use tuinews::similar::ContentIndex;
use tuinews::store::{EMBEDDED_SAMPLE, Store};
use tuinews::text::Metrics;
use tuinews::ui::Theme;

#[derive(Arbitrary, Debug)]
enum Key {
    Char(char),
    Enter,
    Esc,
    Backspace,
    Delete,
    Tab,
    BackTab,
    Up,
    Down,
    Left,
    Right,
    Home,
    End,
    PageUp,
    PageDown,
    F(u8),
}

#[derive(Arbitrary, Debug)]
enum Step<'a> {
    Key(Key, u8),
    Paste(&'a str),
    Click(u16, u16),
    Wheel(u16, u16, bool),
    /// Taken modulo 301x121: the loop clamps what the terminal reports (to
    /// `tuinews::tui::MAX_COLS` x `MAX_ROWS`, tested on its own), and small screens are where
    /// layouts break.
    Resize(u16, u16),
    Draw,
    /// The first part of the store, its first articles (taken only while it is loading).
    Part(u8),
    /// The whole store arriving (again, as a reload, once it has).
    Whole,
}

#[derive(Arbitrary, Debug)]
struct Input<'a> {
    store: Option<&'a str>,
    indexed: bool,
    /// The store arrives in part first, whole only at a `Whole` step.
    in_part: Option<u8>,
    ambiguous_wide: bool,
    width: u16,
    height: u16,
    steps: Vec<Step<'a>>,
}

fn size(w: u16, h: u16) -> (u16, u16) {
    (w % 301, h % 121)
}

fn draw(app: &App) {
    let (w, h) = app.size;
    let Ok(mut terminal) = Terminal::new(TestBackend::new(w, h));
    let Ok(frame) = terminal.draw(|f| tuinews::ui::render(app, &Theme::default(), f));
    for cell in frame.buffer.content() {
        assert!(
            !cell.symbol().chars().any(char::is_control),
            "control character drawn: {:?}",
            cell.symbol()
        );
    }
}

fuzz_target!(|input: Input<'_>| {
    // The sample is parsed once: a store's clone shares its articles.
    static SAMPLE: std::sync::OnceLock<Option<Store>> = std::sync::OnceLock::new();
    let store = input
        .store
        .and_then(|text| Store::parse(text, "fuzz.json").ok())
        .or_else(|| {
            SAMPLE
                .get_or_init(|| Store::parse(EMBEDDED_SAMPLE, "sample").ok())
                .clone()
        });
    let Some(store) = store else {
        return;
    };
    // Built for this store's articles (an index of other articles is dropped by the app).
    let index = input
        .indexed
        .then(|| Arc::new(SearchIndex::of_store(&store.shared())));
    let similar = input
        .indexed
        .then(|| Arc::new(ContentIndex::of_store(&store.shared())));
    let metrics = Metrics {
        ambiguous_wide: input.ambiguous_wide,
        urls_whole: false,
    };
    let mut app = App::loading("fuzz", metrics);
    app.today = jiff::civil::date(2026, 2, 1);
    // What the loop hears: the store, then its search index, then its content vectors; or the
    // first part of the store, and the rest at a `Whole` step.
    let whole = store.clone();
    if let Some(n) = input.in_part {
        app.update(Msg::Part(Box::new(part(&whole, n))));
    } else {
        app.update(Msg::Loaded(Box::new(Ok(store))));
        if let Some(index) = index {
            app.update(Msg::Indexed(index));
            assert!(app.index.is_some(), "the app takes its store's index");
        }
        if let Some(similar) = similar {
            app.update(Msg::Similar(similar));
            assert!(app.similar.is_some(), "the app takes its store's vectors");
        }
    }
    let (w, h) = size(input.width, input.height);
    app.update(Msg::Resize(w, h));
    // Half the time the store counts as large: slow searches go to the background, and their
    // results are delivered at the next draw, after it (so a searching state is drawn too).
    if input.width.is_multiple_of(2) {
        app.background_from = 0;
    }
    let mut pending: Vec<tuinews::query::Background> = Vec::new();
    for step in input.steps.into_iter().take(64) {
        let event = match step {
            Step::Key(key, mods) => {
                let code = match key {
                    Key::Char(c) => KeyCode::Char(c),
                    Key::Enter => KeyCode::Enter,
                    Key::Esc => KeyCode::Esc,
                    Key::Backspace => KeyCode::Backspace,
                    Key::Delete => KeyCode::Delete,
                    Key::Tab => KeyCode::Tab,
                    Key::BackTab => KeyCode::BackTab,
                    Key::Up => KeyCode::Up,
                    Key::Down => KeyCode::Down,
                    Key::Left => KeyCode::Left,
                    Key::Right => KeyCode::Right,
                    Key::Home => KeyCode::Home,
                    Key::End => KeyCode::End,
                    Key::PageUp => KeyCode::PageUp,
                    Key::PageDown => KeyCode::PageDown,
                    Key::F(n) => KeyCode::F(n % 13),
                };
                let mods = KeyModifiers::from_bits_truncate(mods & 0b111);
                Event::Key(KeyEvent::new(code, mods))
            }
            Step::Paste(text) => Event::Paste(text.to_owned()),
            Step::Click(column, row) => Event::Mouse(MouseEvent {
                kind: MouseEventKind::Down(MouseButton::Left),
                column,
                row,
                modifiers: KeyModifiers::NONE,
            }),
            Step::Wheel(column, row, down) => Event::Mouse(MouseEvent {
                kind: if down {
                    MouseEventKind::ScrollDown
                } else {
                    MouseEventKind::ScrollUp
                },
                column,
                row,
                modifiers: KeyModifiers::NONE,
            }),
            Step::Resize(w, h) => {
                let (w, h) = size(w, h);
                Event::Resize(w, h)
            }
            Step::Draw => {
                draw(&app);
                deliver(&mut app, &mut pending);
                continue;
            }
            Step::Part(n) => {
                let loaded = app.loaded;
                let count = app.store.len();
                take(
                    app.update(Msg::Part(Box::new(part(&whole, n)))),
                    &mut pending,
                );
                if loaded {
                    assert_eq!(app.store.len(), count, "a part after the whole store");
                }
                continue;
            }
            Step::Whole => {
                take(
                    app.update(Msg::Loaded(Box::new(Ok(whole.clone())))),
                    &mut pending,
                );
                assert!(app.loaded && !app.partial);
                continue;
            }
        };
        if let Some(msg) = app.keymap.event(app.mode_kind(), &event) {
            // Effects (reload, open a link, suspend...) are the loop's; the app's state after
            // asking for them is what is drawn. A filter to apply in the background waits.
            take(app.update(msg), &mut pending);
        }
    }
    draw(&app);
    deliver(&mut app, &mut pending);
    draw(&app);
});

/// The first `n` articles of `store` (at least one), as a store of their own.
fn part(store: &Store, n: u8) -> Store {
    let n = usize::from(n).clamp(1, store.len().max(1));
    Store::from_articles(store.articles().iter().take(n).cloned().collect())
}

/// Keeps the filters to apply in the background among `effects`; the rest (reload, open a
/// link, suspend...) are the loop's, and the app's state after asking for them is what is drawn.
fn take(effects: Vec<tuinews::msg::Effect>, pending: &mut Vec<tuinews::query::Background>) {
    for effect in effects {
        if let tuinews::msg::Effect::Filter(job) = effect {
            pending.push(*job);
        }
    }
}

/// Runs the background filters asked for, as the loop's threads would, and hands their results
/// to the app; once the latest has landed, the app is searching no more.
fn deliver(app: &mut App, pending: &mut Vec<tuinews::query::Background>) {
    if pending.is_empty() {
        return;
    }
    for job in pending.drain(..) {
        if let Some(applied) = job.run() {
            app.update(Msg::Filtered(Box::new(applied)));
        }
    }
    assert!(!app.filtering, "the latest filter landed");
}
