//! The reader's core: effects asked of the loop, a store arriving through the event path,
//! references that survive a reload of an edited store, the NO_COLOR theme, and the module
//! boundaries (nothing below the views imports them).

use std::path::Path;

use crossterm::event::{Event as TermEvent, KeyCode, KeyEvent, KeyModifiers};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::style::Modifier;
use tuinews::action::Action;
use tuinews::app::App;
use tuinews::layout::Focus;
use tuinews::msg::{Effect, Msg};
use tuinews::store::{Store, StoreError};
use tuinews::text::Metrics;
use tuinews::tui::{self, Event, Recorder, Scripted};
use tuinews::ui::Theme;

mod common;
use common::{MAIN_2021, app_at, current_id, load, sample, select_id};

#[test]
fn actions_that_need_io_return_effects_and_do_none() {
    let mut app = app_at(120, 40);
    let json = r#"[
        {"id":"web","title":"Có liên kết","url":"https://example.vn/bai-viet","published":"2026-01-02"},
        {"id":"bare","title":"Không liên kết","published":"2026-01-01"},
        {"id":"odd","title":"Liên kết lạ","url":"-oProxyCommand=x","published":"2025-12-31"}
    ]"#;
    app.update(Msg::Loaded(Box::new(Ok(load(json)))));
    assert_eq!(current_id(&app), "web");
    assert_eq!(
        app.update(Action::OpenLink),
        vec![Effect::OpenUrl("https://example.vn/bai-viet".to_owned())]
    );
    assert_eq!(
        app.update(Action::CopyLink),
        vec![Effect::Copy("https://example.vn/bai-viet".to_owned())]
    );
    assert_eq!(app.update(Action::Suspend), vec![Effect::Suspend]);

    // No link: a notice, no effect; copying takes the title instead.
    app.update(Action::Down);
    assert_eq!(current_id(&app), "bare");
    assert_eq!(app.update(Action::OpenLink), Vec::new());
    assert!(app.notice.is_some());
    assert_eq!(
        app.update(Action::CopyLink),
        vec![Effect::Copy("Không liên kết".to_owned())]
    );
    // Only web links are handed to a browser: an option-like "url" is not.
    app.update(Action::Down);
    assert_eq!(current_id(&app), "odd");
    assert_eq!(app.update(Action::OpenLink), Vec::new());

    // Reload asks once; while it runs, a second request or a file change asks nothing.
    assert_eq!(app.update(Action::Reload), vec![Effect::Reload]);
    assert!(app.loading.is_some());
    assert_eq!(app.update(Action::Reload), Vec::new());
    assert_eq!(app.update(Msg::StoreChanged), Vec::new());
    app.update(Msg::Loaded(Box::new(Ok(load(json)))));
    assert!(app.loading.is_none());
    assert_eq!(app.update(Msg::StoreChanged), vec![Effect::Reload]);

    // The embedded sample cannot change: no reload, a notice.
    let mut fixed = app_at(80, 24);
    fixed.can_reload = false;
    assert_eq!(fixed.update(Action::Reload), Vec::new());
    assert!(fixed.notice.is_some());
    assert_eq!(fixed.update(Msg::StoreChanged), Vec::new());
}

#[test]
fn the_loop_hands_effects_to_the_runner_and_suspend_works_in_every_mode() {
    let mut terminal = terminal(100, 30);
    let mut app = App::new(sample(), "embedded sample", Metrics::default());
    let ctrl_z = TermEvent::Key(KeyEvent::new(KeyCode::Char('z'), KeyModifiers::CONTROL));
    let key = |c| TermEvent::Key(KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE));
    let mut events = Scripted::new([
        key('y'),
        ctrl_z.clone(),
        key('?'),
        ctrl_z.clone(),
        TermEvent::Key(KeyEvent::new(KeyCode::Esc, KeyModifiers::NONE)),
        key('/'),
        ctrl_z,
    ]);
    let mut runner = Recorder::default();
    let result = tui::run(
        &mut terminal,
        &mut app,
        &Theme::default(),
        &mut events,
        &mut runner,
    );
    assert!(result.is_ok());
    let title = app
        .store
        .article(app.view[0])
        .map(|a| a.title.clone())
        .unwrap_or_default();
    assert_eq!(
        runner.effects,
        vec![
            Effect::Copy(title),
            Effect::Suspend,
            Effect::Suspend,
            Effect::Suspend
        ]
    );
    assert!(app.prompt().is_some());
}

fn terminal(w: u16, h: u16) -> Terminal<TestBackend> {
    match Terminal::new(TestBackend::new(w, h)) {
        Ok(t) => t,
        Err(e) => panic!("{e}"),
    }
}

fn run(terminal: &mut Terminal<TestBackend>, app: &mut App, events: Vec<Event>) {
    run_recording(terminal, app, events, &mut Recorder::default());
}

fn run_recording(
    terminal: &mut Terminal<TestBackend>,
    app: &mut App,
    events: Vec<Event>,
    effects: &mut Recorder,
) {
    let result = tui::run(
        terminal,
        app,
        &Theme::default(),
        &mut Scripted(events.into()),
        effects,
    );
    if let Err(e) = result {
        panic!("{e}");
    }
}

#[test]
fn a_store_loaded_through_the_event_path_draws_a_loading_frame_first() {
    let mut terminal = terminal(100, 30);
    let mut app = App::loading("big.json", Metrics::default());
    // No events yet: the first frame is drawn at once, saying the store is loading.
    run(
        &mut terminal,
        &mut app,
        vec![Event::Loading(166_000_000), Event::Terminal(key_j())],
    );
    let screen = terminal.backend().to_string();
    assert!(screen.contains("loading… 166.0 MB"), "{screen}");
    assert!(screen.contains("(loading…)"), "{screen}");
    assert_eq!(app.selected, 0, "a key before the articles moves nothing");

    run(
        &mut terminal,
        &mut app,
        vec![
            Event::Loaded(Box::new(Ok(sample()))),
            Event::Terminal(key_j()),
        ],
    );
    let screen = terminal.backend().to_string();
    assert!(!screen.contains("loading"), "{screen}");
    assert!(screen.contains("45/45"), "{screen}");
    assert_eq!(app.selected, 1, "keys work once the articles are there");
}

#[test]
fn the_first_part_of_a_large_store_is_shown_until_the_whole_arrives() {
    let article = |id: &str, day: u8| {
        format!(r#"{{"id":"{id}","title":"Bài {id}","published":"2026-11-{day:02}"}}"#)
    };
    let whole = format!(
        "[{},{},{},{}]",
        article("a", 4),
        article("b", 3),
        article("c", 2),
        article("d", 1)
    );
    let part = format!("[{},{}]", article("a", 4), article("b", 3));
    for moved in [false, true] {
        let mut terminal = terminal(100, 30);
        let mut app = App::loading("big.json", Metrics::default());
        // Where the reader was the last time: an article the part does not hold.
        app.state.position = Some(tuinews::state::Position {
            filter: String::new(),
            article: Some("c".to_owned()),
            scroll: 0,
        });
        let mut effects = Recorder::default();
        let mut events = vec![
            Event::Loading(166_000_000),
            Event::Part(Box::new(load(&part))),
        ];
        if moved {
            events.push(Event::Terminal(key_j()));
        }
        run_recording(&mut terminal, &mut app, events, &mut effects);
        assert!(app.partial && !app.loaded);
        assert_eq!(app.store.len(), 2);
        assert_eq!(current_id(&app), if moved { "b" } else { "a" });
        // Both counts: the part's, and how much of the store has been read.
        let screen = terminal.backend().to_string();
        assert!(screen.contains(" · 2/2 · loading… 166.0 MB"), "{screen}");
        // The part is not indexed: the whole store will be.
        assert!(effects.effects.is_empty(), "{:?}", effects.effects);

        run_recording(
            &mut terminal,
            &mut app,
            vec![Event::Loaded(Box::new(Ok(load(&whole))))],
            &mut effects,
        );
        assert!(app.loaded && !app.partial);
        assert_eq!(app.store.len(), 4);
        assert!(matches!(effects.effects[..], [Effect::Index(_)]));
        // Untouched, the reader goes back to where it was; moved, it stays where it is.
        assert_eq!(current_id(&app), if moved { "b" } else { "c" });
        let screen = terminal.backend().to_string();
        assert!(
            screen.contains(" · 4/4 ") && !screen.contains("loading"),
            "{screen}"
        );

        // A part never replaces a store that has arrived.
        run_recording(
            &mut terminal,
            &mut app,
            vec![Event::Part(Box::new(load(&part)))],
            &mut effects,
        );
        assert_eq!(app.store.len(), 4);
    }
}

fn key_j() -> TermEvent {
    TermEvent::Key(KeyEvent::new(KeyCode::Char('j'), KeyModifiers::NONE))
}

#[test]
fn a_first_load_that_fails_ends_the_loop_with_the_error() {
    let mut terminal = terminal(80, 24);
    let mut app = App::loading("bad.json", Metrics::default());
    let err = match Store::parse("{", "bad.json") {
        Err(e) => e,
        Ok(_) => panic!("'{{' is not a store"),
    };
    run(
        &mut terminal,
        &mut app,
        vec![Event::Loaded(Box::new(Err(err))), Event::Terminal(key_j())],
    );
    assert!(app.quit);
    assert!(matches!(app.fatal, Some(StoreError::Json { .. })));

    // A reload that fails keeps what was loaded and says so.
    let mut app = app_at(80, 24);
    let before = app.store.len();
    let err = match Store::parse("[1", "bad.json") {
        Err(e) => e,
        Ok(_) => panic!("'[1' is not a store"),
    };
    app.update(Msg::Loaded(Box::new(Err(err))));
    assert!(!app.quit && app.fatal.is_none());
    assert_eq!(app.store.len(), before);
    assert!(
        app.notice
            .as_deref()
            .is_some_and(|n| n.contains("bad.json"))
    );
}

/// The sample with its articles in reverse order and one title edited.
fn edited_sample() -> Store {
    let value: serde_json::Value = match serde_json::from_str(tuinews::store::EMBEDDED_SAMPLE) {
        Ok(v) => v,
        Err(e) => panic!("{e}"),
    };
    let mut articles = match value.get("articles") {
        Some(serde_json::Value::Array(a)) => a.clone(),
        _ => panic!("the sample has an articles array"),
    };
    articles.reverse();
    for a in &mut articles {
        if a.get("id").and_then(|i| i.as_str()) == Some(MAIN_2021)
            && let Some(t) = a.get_mut("title")
        {
            *t = serde_json::Value::String("Tiêu đề đã sửa".to_owned());
        }
    }
    load(&serde_json::json!({ "articles": articles }).to_string())
}

#[test]
fn references_survive_a_reload_of_an_edited_store() {
    let mut app = app_at(80, 24);
    select_id(&mut app, MAIN_2021);
    let selected_before = app.selected;
    app.update(Action::Open);
    app.update(Action::PageDown);
    let scroll = app.article_scroll;
    assert!(scroll > 0);
    // Open a related story, so there is a way back to the 2021 article.
    app.update(Action::FocusNext);
    app.update(Action::Open);
    let related_id = current_id(&app).to_owned();
    assert_ne!(related_id, MAIN_2021);
    let old_ix = app.current;

    app.update(Msg::Loaded(Box::new(Ok(edited_sample()))));
    assert_eq!(current_id(&app), related_id, "the same article is shown");
    assert_ne!(app.current, old_ix, "at another position in the new store");
    assert_eq!(app.history.len(), 1);

    app.update(Action::Back);
    assert_eq!(current_id(&app), MAIN_2021);
    assert_eq!(
        app.current_article().map(|a| a.title.as_str()),
        Some("Tiêu đề đã sửa"),
        "the edited text is what is shown"
    );
    assert_eq!(app.article_scroll, scroll, "where the reader was in it");
    assert_eq!(app.view.get(app.selected).copied(), app.current);
    assert_eq!(
        app.selected, selected_before,
        "newest-first order does not depend on store order"
    );
    assert_eq!(app.focus, Focus::Related, "back where the story was opened");
}

#[test]
fn an_article_gone_from_the_reloaded_store_leaves_a_valid_selection() {
    let mut app = app_at(80, 24);
    select_id(&mut app, MAIN_2021);
    let json = r#"[{"id":"only","title":"Bài duy nhất"}]"#;
    app.update(Msg::Loaded(Box::new(Ok(load(json)))));
    assert_eq!(current_id(&app), "only");
    assert_eq!(app.selected, 0);
    assert!(app.history.is_empty());
}

#[test]
fn without_colour_the_selected_row_is_reverse_video_in_every_pane() {
    let mut app = app_at(120, 40);
    app.update(Action::Down);
    let theme = Theme::no_colour();
    let mut terminal = terminal(120, 40);
    if let Err(e) = terminal.draw(|f| tuinews::ui::render(&app, &theme, f)) {
        panic!("{e}");
    }
    let buf = terminal.backend().buffer().clone();
    let panes = app.panes();
    let reversed_row = |rect: ratatui::layout::Rect, row: u16| {
        (rect.x + 1..rect.right() - 1).all(|x| {
            buf.cell((x, rect.y + 1 + row)).is_some_and(|c| {
                c.modifier.contains(Modifier::REVERSED) && c.fg == ratatui::style::Color::Reset
            })
        })
    };
    let head = panes.headlines.unwrap_or_default();
    let related = panes.related.unwrap_or_default();
    let h = u16::try_from(app.headline_height()).unwrap_or(1);
    for row in 0..h {
        assert!(
            reversed_row(head, h + row),
            "focused headlines: item 1 is selected"
        );
        assert!(!reversed_row(head, row));
    }
    assert!(
        reversed_row(related, 0),
        "unfocused related: row 0 is selected"
    );
    // No cell anywhere has a colour.
    assert!(
        buf.content()
            .iter()
            .all(|c| c.fg == ratatui::style::Color::Reset && c.bg == ratatui::style::Color::Reset)
    );
}

/// The modules that must never import the views (`ui`), the loop (`tui`) or the runtime.
const BELOW_THE_VIEWS: &[&str] = &[
    "app", "store", "query", "text", "cli", "document", "words", "related", "collate", "keymap",
    "action", "input", "layout",
];

fn sources_of(module: &str) -> Vec<(String, String)> {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut out = Vec::new();
    let file = src.join(format!("{module}.rs"));
    if let Ok(text) = std::fs::read_to_string(&file) {
        out.push((file.display().to_string(), text));
    }
    let mut dirs = vec![src.join(module)];
    while let Some(dir) = dirs.pop() {
        let Ok(entries) = std::fs::read_dir(&dir) else {
            continue;
        };
        for e in entries.flatten() {
            let p = e.path();
            if p.is_dir() {
                dirs.push(p);
            } else if p.extension().is_some_and(|x| x == "rs")
                && let Ok(text) = std::fs::read_to_string(&p)
            {
                out.push((p.display().to_string(), text));
            }
        }
    }
    out
}

/// The `crate::` paths a source file names: `use crate::{a, b::c}` and `crate::x::y` alike.
fn crate_modules(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    for (i, _) in text.match_indices("crate::") {
        let rest = &text[i + "crate::".len()..];
        if let Some(group) = rest.strip_prefix('{') {
            let inner = group.split('}').next().unwrap_or("");
            for part in inner.split(',') {
                let name: String = part
                    .trim()
                    .chars()
                    .take_while(|c| c.is_alphanumeric() || *c == '_')
                    .collect();
                out.push(name);
            }
        } else {
            out.push(
                rest.chars()
                    .take_while(|c| c.is_alphanumeric() || *c == '_')
                    .collect(),
            );
        }
    }
    out
}

#[test]
fn nothing_below_the_views_imports_them() {
    let mut checked = 0;
    for module in BELOW_THE_VIEWS {
        let files = sources_of(module);
        assert!(!files.is_empty(), "src/{module}.rs exists");
        for (path, text) in files {
            checked += 1;
            for name in crate_modules(&text) {
                assert!(
                    !["ui", "tui", "runtime"].contains(&name.as_str()),
                    "{path} imports crate::{name}"
                );
            }
        }
    }
    assert!(checked >= BELOW_THE_VIEWS.len());
    // The check itself sees both forms of import.
    assert_eq!(
        crate_modules("use crate::{app::App, ui::Theme};\nlet x = crate::tui::run;"),
        ["app", "ui", "tui"]
    );
}

#[test]
fn the_browser_gets_the_url_as_one_argument_whatever_it_holds() {
    use tuinews::runtime::browser_command;
    for url in [
        "https://example.vn/a b",
        "https://example.vn/?q=\"x\";rm -rf ~",
        "https://example.vn/$(touch /tmp/owned)`id`",
        "https://example.vn/'quoted'&x=1|y",
    ] {
        let cmd = browser_command(Some("firefox --new-tab"), url, false);
        assert_eq!(cmd, ["firefox", "--new-tab", url]);
        assert_eq!(browser_command(None, url, false), ["xdg-open", url]);
        assert_eq!(browser_command(None, url, true), ["open", url]);
        // A list of browsers: the first.
        assert_eq!(browser_command(Some(":w3m:lynx"), url, false), ["w3m", url]);
    }
}

#[test]
fn osc52_carries_any_text_without_a_control_character() {
    let hostile = "tiêu đề \u{1b}]52;c;evil\u{7} \u{1b}[31m\u{9b}";
    let seq = tuinews::runtime::osc52(hostile);
    let body = seq
        .strip_prefix("\u{1b}]52;c;")
        .and_then(|s| s.strip_suffix('\u{7}'))
        .unwrap_or_else(|| panic!("an OSC 52 sequence: {seq:?}"));
    assert!(
        body.chars()
            .all(|c| c.is_ascii_alphanumeric() || "+/=".contains(c))
    );
    use base64::Engine;
    let decoded = base64::engine::general_purpose::STANDARD
        .decode(body)
        .unwrap_or_default();
    assert_eq!(String::from_utf8(decoded).unwrap_or_default(), hostile);
}

#[test]
fn a_double_click_opens_and_an_unbound_key_says_so() {
    use crossterm::event::{MouseButton, MouseEvent, MouseEventKind};
    let mut terminal = terminal(120, 40);
    let mut app = App::new(sample(), "embedded sample", Metrics::default());
    app.update(Msg::Resize(120, 40));
    let head = app.panes().headlines.unwrap_or_default();
    let click = TermEvent::Mouse(MouseEvent {
        kind: MouseEventKind::Down(MouseButton::Left),
        column: head.x + 5,
        row: head.y + 1,
        modifiers: KeyModifiers::NONE,
    });
    run(
        &mut terminal,
        &mut app,
        vec![Event::Terminal(click.clone())],
    );
    assert_eq!(app.focus, Focus::Headlines, "one click selects");
    run(
        &mut terminal,
        &mut app,
        vec![Event::Terminal(click.clone()), Event::Terminal(click)],
    );
    assert_eq!(app.focus, Focus::Article, "two clicks open");
    run(
        &mut terminal,
        &mut app,
        vec![Event::Terminal(TermEvent::Key(KeyEvent::new(
            KeyCode::Char('x'),
            KeyModifiers::NONE,
        )))],
    );
    assert_eq!(app.notice.as_deref(), Some("x: no action here; ? for help"));
}

#[test]
fn a_burst_of_keys_is_handled_before_the_next_frame_and_q_stops_it() {
    let mut terminal = terminal(100, 30);
    let mut app = App::new(sample(), "embedded sample", Metrics::default());
    let key = |c| {
        Event::Terminal(TermEvent::Key(KeyEvent::new(
            KeyCode::Char(c),
            KeyModifiers::NONE,
        )))
    };
    let mut burst = tui::Burst([key('j'), key('j'), key('j'), key('q'), key('j'), key('j')].into());
    let result = tui::run(
        &mut terminal,
        &mut app,
        &Theme::default(),
        &mut burst,
        &mut Recorder::default(),
    );
    assert!(result.is_ok());
    assert!(app.quit);
    assert_eq!(app.selected, 3);
    assert_eq!(burst.0.len(), 2, "nothing after q is handled");
}

#[test]
fn a_signal_ends_the_reader_with_its_status_and_sigtstp_suspends() {
    let mut terminal = terminal(80, 24);
    let mut app = App::new(sample(), "embedded sample", Metrics::default());
    let mut runner = Recorder::default();
    let mut events = Scripted::new([Event::Stop, Event::Terminate(15)]);
    let result = tui::run(
        &mut terminal,
        &mut app,
        &Theme::default(),
        &mut events,
        &mut runner,
    );
    assert!(result.is_ok());
    assert_eq!(runner.effects, [Effect::Suspend]);
    assert!(app.quit);
    assert_eq!(app.exit_signal, Some(15));
}

#[test]
fn a_terminal_reporting_an_absurd_size_is_drawn_at_a_sensible_one() {
    let mut terminal = terminal(80, 24);
    let mut app = App::new(sample(), "embedded sample", Metrics::default());
    run(
        &mut terminal,
        &mut app,
        vec![Event::Terminal(TermEvent::Resize(65535, 65535))],
    );
    assert_eq!(app.size, (tui::MAX_COLS, tui::MAX_ROWS));
}

#[test]
fn reading_an_article_marks_it_read_and_asks_to_save_the_state() {
    let mut app = app_at(120, 40);
    app.now_ms = 1000;
    let unread = app.unread_count();
    assert_eq!(unread, app.view.len(), "nothing read yet");
    // Moving through the headlines reads nothing; going into the article does.
    app.update(Action::Down);
    assert_eq!(app.unread_count(), unread);
    let effects = app.update(Action::Open);
    let id = current_id(&app).to_owned();
    assert!(app.is_read(&id));
    assert_eq!(app.unread_count(), unread - 1);
    assert!(matches!(effects.as_slice(), [Effect::SaveState(s)] if s.is_read(&id)));
    // m makes it unread again, and it stays so while the reader is still in it.
    app.update(Action::ToggleRead);
    assert!(!app.is_read(&id));
    app.update(Action::Down);
    assert!(!app.is_read(&id));
    // s stars it; a second s takes the star away; each change is saved.
    let effects = app.update(Action::ToggleStar);
    assert!(matches!(effects.as_slice(), [Effect::SaveState(s)] if s.is_starred(&id)));
    app.update(Action::ToggleStar);
    assert!(!app.state.is_starred(&id));
    // Nothing changed: nothing to save.
    assert!(app.update(Action::Up).is_empty());
}

#[test]
fn only_unread_and_only_starred_filter_by_the_marks() {
    let mut app = app_at(120, 40);
    let all = app.view.len();
    app.update(Action::Down);
    app.update(Action::Open);
    let read = current_id(&app).to_owned();
    app.update(Action::FocusPrev);
    app.update(Action::Down);
    app.update(Action::ToggleStar);
    let starred = current_id(&app).to_owned();
    app.update(Action::OnlyUnread);
    assert_eq!(app.view.len(), all - 1);
    assert!(app.filter.to_string().contains("is:unread"));
    app.update(Action::OnlyUnread);
    app.update(Action::OnlyStarred);
    let ids: Vec<String> = app
        .view
        .iter()
        .filter_map(|&ix| app.store.article(ix))
        .map(|a| a.id.clone())
        .collect();
    assert_eq!(ids, [starred]);
    assert_ne!(read, ids[0]);
    // The query line reads the same words.
    let f = tuinews::query::line::parse("is:unread is:starred", app.today)
        .unwrap_or_else(|e| panic!("{e}"));
    assert!(f.unread && f.starred);
}

/// Once the store's content vectors arrive, the related pane adds the stories alike in content
/// (marked `~`) after the linked ones and those sharing a person, without repeating any; a
/// loaded store asks for its indexes to be built; vectors for a store since replaced are not
/// taken.
#[test]
fn stories_alike_in_content_join_the_related_pane_when_their_vectors_arrive() {
    let json = r#"[
        {"id":"a","title":"Thủ tướng gặp Chủ tịch Đảng Cộng sản Nhật Bản tại Tokyo","related":["l"]},
        {"id":"l","title":"Tin được dẫn tới"},
        {"id":"b","title":"Chủ tịch Đảng Cộng sản Nhật Bản thăm Hà Nội"},
        {"id":"c","title":"Người Việt tại Nhật Bản gặp Thủ tướng"},
        {"id":"d","title":"Giá lúa gạo miền Tây tăng mạnh"},
        {"id":"e","title":"Gia ca phe Tay Nguyen giam"}
    ]"#;
    let mut app = App::loading("t.json", Metrics::default());
    app.update(Msg::Resize(120, 30));
    let effects = app.update(Msg::Loaded(Box::new(Ok(load(json)))));
    assert!(
        matches!(effects.as_slice(), [Effect::Index(articles)] if articles.len() == 6),
        "a loaded store asks for its indexes: {effects:?}"
    );
    select_id(&mut app, "a");
    let reasons = |app: &App| -> Vec<(String, tuinews::related::Reason)> {
        app.related
            .iter()
            .filter_map(|r| {
                let id = app.store.article(r.ix)?.id.clone();
                Some((id, r.reason.clone()))
            })
            .collect()
    };
    use tuinews::related::Reason;
    assert_eq!(reasons(&app), [("l".to_owned(), Reason::Linked)]);
    // Vectors of another store (as after a reload) are not taken.
    let other = load(json);
    let stale = tuinews::similar::ContentIndex::of_store(&other.shared());
    app.update(Msg::Similar(std::sync::Arc::new(stale)));
    assert!(app.similar.is_none());
    let fresh = tuinews::similar::ContentIndex::of_store(&app.store.shared());
    app.update(Msg::Similar(std::sync::Arc::new(fresh)));
    assert_eq!(
        reasons(&app),
        [
            ("l".to_owned(), Reason::Linked),
            ("b".to_owned(), Reason::Similar),
            ("c".to_owned(), Reason::Similar),
        ]
    );
    // Drawn with its mark.
    let mut terminal = Terminal::new(TestBackend::new(120, 30)).unwrap_or_else(|e| panic!("{e}"));
    terminal
        .draw(|f| tuinews::ui::render(&app, &Theme::default(), f))
        .unwrap_or_else(|e| panic!("{e}"));
    let screen = terminal.backend().to_string();
    assert!(
        screen.contains("~ -"),
        "the related pane marks a story alike in content:\n{screen}"
    );
}

#[test]
fn a_search_index_read_with_its_store_waits_for_it_and_only_the_vectors_are_built() {
    let mut app = App::loading("big.json", Metrics::default());
    let store = sample();
    let index = tuinews::query::index::SearchIndex::of_store(&store.shared());
    // It arrives first: no store of its own yet.
    assert!(
        app.update(Msg::Indexed(std::sync::Arc::new(index)))
            .is_empty()
    );
    assert!(app.index.is_none());
    let effects = app.update(Msg::Loaded(Box::new(Ok(store))));
    assert!(app.index.is_some(), "taken with its store");
    assert!(matches!(effects[..], [Effect::Similar(_)]), "{effects:?}");
    // Another store (a reload) drops it and asks for both.
    let effects = app.update(Msg::Loaded(Box::new(Ok(sample()))));
    assert!(app.index.is_none());
    assert!(matches!(effects[..], [Effect::Index(_)]), "{effects:?}");
}

#[test]
fn a_panic_on_another_thread_ends_the_loop_with_its_message() {
    let mut terminal = terminal(80, 24);
    let mut app = App::new(sample(), "embedded sample", Metrics::default());
    let mut runner = Recorder::default();
    let message = "panicked at src/query/index.rs:1:1: boom".to_owned();
    let mut events = Scripted::new([
        Event::Terminal(TermEvent::Key(KeyEvent::new(
            KeyCode::Char('j'),
            KeyModifiers::NONE,
        ))),
        Event::Crashed(message.clone()),
        Event::Terminal(TermEvent::Key(KeyEvent::new(
            KeyCode::Char('j'),
            KeyModifiers::NONE,
        ))),
    ]);
    let result = tui::run(
        &mut terminal,
        &mut app,
        &Theme::default(),
        &mut events,
        &mut runner,
    );
    let error = result.expect_err("the loop ends with the panic");
    let crashed = error
        .get_ref()
        .and_then(|e| e.downcast_ref::<tui::Crashed>());
    assert_eq!(crashed.map(|c| c.0.as_str()), Some(message.as_str()));
    assert_eq!(app.selected, 1, "nothing after it is handled");
}
