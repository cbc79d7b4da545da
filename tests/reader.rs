//! The reader's state machine: sequences of actions and the state they leave, and the event loop
//! driven by a scripted event source on a `TestBackend`.

use crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers, MouseEvent, MouseEventKind};
use proptest::prelude::*;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use tuinews::action::Action;
use tuinews::app::App;
use tuinews::layout::Focus;
use tuinews::msg::Msg;
use tuinews::query::{Filter, PersonQuery};
use tuinews::text::Metrics;
use tuinews::tui::{self, Recorder, Scripted};
use tuinews::ui::Theme;

mod common;
use common::{MAIN_2021, MAIN_UNDATED, app_at, press, sample, select_id};

#[test]
fn starts_on_the_newest_headline() {
    let app = app_at(120, 40);
    assert_eq!(app.selected, 0);
    assert_eq!(app.view.len(), app.store.len());
    let first = app
        .store
        .article(app.view[0])
        .unwrap_or_else(|| panic!("the first headline is in the store"));
    assert_eq!(app.current, Some(app.view[0]));
    assert_eq!(
        first.published.map(|p| p.short()).as_deref(),
        Some("30/01/2026")
    );
    assert_eq!(app.focus, Focus::Headlines);
}

#[test]
fn moving_past_the_ends_stays_in_the_list() {
    let mut app = app_at(120, 40);
    app.update(Action::Up);
    assert_eq!(app.selected, 0);
    app.update(Action::Down);
    app.update(Action::Down);
    assert_eq!(app.selected, 2);
    assert_eq!(app.current, Some(app.view[2]));
    app.update(Action::Bottom);
    assert_eq!(app.selected, app.view.len() - 1);
    app.update(Action::Down);
    assert_eq!(app.selected, app.view.len() - 1);
    app.update(Action::PageUp);
    assert!(app.selected < app.view.len() - 1);
    app.update(Action::Top);
    assert_eq!(app.selected, 0);
}

#[test]
fn the_selected_headline_stays_on_screen() {
    let mut app = app_at(80, 24);
    let rows = app.panes().inner_height(Focus::Headlines);
    assert!(rows > 0 && rows < app.view.len());
    for _ in 0..rows + 3 {
        app.update(Action::Down);
    }
    assert!(app.headlines_offset <= app.selected && app.selected < app.headlines_offset + rows);
    app.update(Action::Top);
    assert_eq!(app.headlines_offset, 0);
}

#[test]
fn article_scrolls_and_stops_at_its_end() {
    let mut app = app_at(80, 24);
    select_id(&mut app, MAIN_2021);
    app.update(Action::Open);
    assert_eq!(app.focus, Focus::Article);
    let rows = app.panes().inner_height(Focus::Article);
    let total = app.document().len();
    assert!(
        total > rows,
        "the long article must need scrolling ({total} lines, {rows} rows)"
    );
    app.update(Action::Down);
    assert_eq!(app.article_scroll, 1);
    app.update(Action::PageDown);
    assert_eq!(app.article_scroll, 1 + rows - 1);
    app.update(Action::Bottom);
    assert_eq!(app.article_scroll, total - rows);
    app.update(Action::Down);
    assert_eq!(app.article_scroll, total - rows);
    app.update(Action::Top);
    assert_eq!(app.article_scroll, 0);
    // Moving to another headline starts its article from the top.
    app.update(Action::Bottom);
    app.update(Action::FocusPrev);
    app.update(Action::Down);
    assert_eq!(app.article_scroll, 0);
}

#[test]
fn both_long_articles_can_be_read_to_the_end() {
    for id in [MAIN_2021, MAIN_UNDATED] {
        let mut app = app_at(80, 24);
        select_id(&mut app, id);
        app.update(Action::Open);
        let last_paragraph = app
            .current_article()
            .and_then(|a| a.body.last().cloned())
            .unwrap_or_default();
        assert!(!last_paragraph.is_empty());
        app.update(Action::Bottom);
        let rows = app.panes().inner_height(Focus::Article);
        let shown: String = app
            .document()
            .plain()
            .skip(app.article_scroll)
            .take(rows)
            .map(|l| l.to_string() + " ")
            .collect();
        let tail: String = last_paragraph
            .split_whitespace()
            .rev()
            .take(3)
            .collect::<Vec<_>>()
            .join(" ");
        let shown_words: Vec<&str> = shown.split_whitespace().collect();
        let tail_words: Vec<&str> = tail.split(' ').collect();
        assert!(
            tail_words.iter().all(|w| shown_words.contains(w)),
            "{id}: the end of the last paragraph ({tail}) is not on screen after G: {shown}"
        );
    }
}

#[test]
fn opening_a_related_story_and_coming_back() {
    let mut app = app_at(120, 40);
    select_id(&mut app, MAIN_2021);
    let main_index = app.current;
    let main_selected = app.selected;
    app.update(Action::FocusNext);
    app.update(Action::Down);
    app.update(Action::Down);
    assert_eq!(app.article_scroll, 2);
    app.update(Action::FocusNext);
    assert_eq!(app.focus, Focus::Related);
    assert!(
        app.related.len() >= 7,
        "the 2021 article links seven stories"
    );
    app.update(Action::Down);
    let target = app.related[1].ix;
    let id_of = |ix| app.store.article(ix).map(|a| a.id.clone());
    assert_eq!(
        main_index
            .and_then(|m| app.store.article(m))
            .map(|a| a.related[1].clone()),
        id_of(target)
    );
    app.update(Action::Open);
    assert_eq!(app.current, Some(target));
    assert_eq!(app.focus, Focus::Article);
    assert_eq!(app.history.len(), 1);
    // The story is in the headline list, so it becomes the selected headline.
    assert_eq!(app.view[app.selected], target);
    assert_eq!(app.article_scroll, 0);

    app.update(Action::Back);
    assert_eq!(app.current, main_index);
    assert_eq!(app.selected, main_selected);
    assert_eq!(app.article_scroll, 2);
    assert_eq!(app.focus, Focus::Related);
    assert_eq!(app.related_selected, 1);
    assert!(app.history.is_empty());
    // Nothing more to go back to: a notice, no change.
    app.update(Action::Back);
    assert_eq!(app.current, main_index);
    assert!(app.notice.is_some());
}

#[test]
fn a_related_story_outside_the_filter_opens_without_moving_the_selection() {
    let mut app = app_at(120, 40);
    app.set_filter(Filter {
        persons: vec![PersonQuery::new("Shii Kazuo")],
        ..Filter::default()
    });
    assert_eq!(app.view.len(), 2);
    select_id(&mut app, MAIN_2021);
    let selected = app.selected;
    app.update(Action::FocusPrev);
    assert_eq!(app.focus, Focus::Related);
    let target = app.related[0].ix;
    assert!(!app.view.contains(&target));
    app.update(Action::Open);
    assert_eq!(app.current, Some(target));
    assert_eq!(app.selected, selected);
}

#[test]
fn escape_clears_filters_and_keeps_the_article() {
    let mut app = app_at(120, 40);
    app.set_filter(Filter {
        persons: vec![PersonQuery::new("le hoai trung")],
        ..Filter::default()
    });
    assert_eq!(app.view.len(), 2);
    select_id(&mut app, MAIN_UNDATED);
    let shown = app.current;
    app.update(Action::Escape);
    assert!(app.filter.is_empty());
    assert_eq!(app.view.len(), app.store.len());
    assert_eq!(app.current, shown);
    assert_eq!(Some(app.view[app.selected]), shown);
}

#[test]
fn help_overlay_takes_keys_until_closed() {
    // At 80x12 the help is taller than the screen, so it scrolls, up to its last row.
    let mut app = app_at(80, 12);
    app.update(Action::Help);
    assert_eq!(app.help_scroll(), Some(0));
    app.update(Action::Down);
    assert_eq!(app.selected, 0, "keys scroll the help, not the list");
    assert_eq!(app.help_scroll(), Some(1));
    app.update(Action::Bottom);
    let last = app.help_max_scroll();
    assert!(last > 1);
    assert_eq!(app.help_scroll(), Some(last));
    app.update(Action::Down);
    assert_eq!(
        app.help_scroll(),
        Some(last),
        "no scrolling past the last row"
    );
    app.update(Action::Up);
    assert_eq!(app.help_scroll(), Some(last - 1));
    // Where the help fits, it does not scroll at all.
    app.update(Msg::Resize(80, 60));
    assert_eq!(app.help_scroll(), Some(0));
    app.update(Action::Escape);
    assert_eq!(app.help_scroll(), None);
    app.update(Action::Down);
    assert_eq!(app.selected, 1);
}

#[test]
fn in_a_prompt_keys_are_text_until_enter_applies_them() {
    let mut app = app_at(80, 24);
    let all = app.view.len();
    press(&mut app, "/");
    assert!(app.prompt().is_some());
    // q, j, d and Space are letters here: nothing quits, moves or opens another prompt.
    press(&mut app, "shii qjd");
    assert!(!app.quit);
    assert_eq!(app.selected, 0);
    assert_eq!(app.prompt().map(|p| p.input.text()), Some("shii qjd"));
    press(&mut app, "\x08\x08\x08\x08");
    press(&mut app, "\n");
    assert!(app.prompt().is_none());
    assert_eq!(
        app.filter.search.as_ref().map(|s| s.text.as_str()),
        Some("shii")
    );
    assert!(app.view.len() < all && !app.view.is_empty());
    // Reopened, the prompt holds the search in force; Esc leaves the filter as it was.
    press(&mut app, "/");
    assert_eq!(app.prompt().map(|p| p.input.text()), Some("shii"));
    press(&mut app, "x\x1b");
    assert!(app.prompt().is_none());
    assert_eq!(
        app.filter.search.as_ref().map(|s| s.text.as_str()),
        Some("shii")
    );
    // Back in the panes, q quits.
    press(&mut app, "q");
    assert!(app.quit);
}

#[test]
fn person_and_date_prompts_add_filters_and_refuse_bad_dates() {
    let mut app = app_at(80, 24);
    press(&mut app, "pshii kazuo\n");
    assert_eq!(app.filter.persons, vec![PersonQuery::new("Shii Kazuo")]);
    let with_person = app.view.len();
    assert_eq!(with_person, 2);
    press(&mut app, "d2021-13\n");
    assert!(
        app.prompt().is_some(),
        "an impossible month keeps the prompt open"
    );
    assert!(app.notice.is_some(), "and says why");
    assert!(app.filter.date.is_none());
    press(&mut app, "\x08\x0811\n");
    assert!(app.prompt().is_none());
    assert_eq!(
        app.filter.date.as_ref().map(|d| d.spec.as_str()),
        Some("2021-11")
    );
    assert_eq!(app.view.len(), 1, "only the dated 2021 article");
}

#[test]
fn tab_cycles_focus_and_single_pane_follows_it() {
    let mut app = app_at(50, 20);
    assert!(app.panes().headlines.is_some() && app.panes().article.is_none());
    app.update(Action::FocusNext);
    assert_eq!(app.focus, Focus::Article);
    assert!(app.panes().article.is_some() && app.panes().headlines.is_none());
    app.update(Action::FocusNext);
    assert_eq!(app.focus, Focus::Related);
    app.update(Action::FocusNext);
    assert_eq!(app.focus, Focus::Headlines);
    app.update(Action::FocusPrev);
    assert_eq!(app.focus, Focus::Related);
}

#[test]
fn mouse_click_selects_and_wheel_scrolls_the_pane_under_it() {
    let mut app = app_at(120, 40);
    let head = app.panes().headlines.unwrap_or_default();
    // A click on either row of a two-row headline selects it.
    let h = u16::try_from(app.headline_height()).unwrap_or(1);
    assert_eq!(h, 2, "at 120 columns a headline takes two rows");
    app.update(Msg::Click(head.x + 5, head.y + 1 + 3 * h + 1));
    assert_eq!(app.selected, 3);
    assert_eq!(app.focus, Focus::Headlines);
    let article = app.panes().article.unwrap_or_default();
    select_id(&mut app, MAIN_2021);
    app.update(Msg::Wheel(article.x + 5, article.y + 3, true));
    assert_eq!(app.article_scroll, 3);
    assert_eq!(
        app.focus,
        Focus::Headlines,
        "the wheel does not move the focus"
    );
    app.update(Msg::Click(article.x + 5, article.y + 3));
    assert_eq!(app.focus, Focus::Article);
    let related = app.panes().related.unwrap_or_default();
    app.update(Msg::Click(related.x + 5, related.y + 1 + 2));
    assert_eq!(app.focus, Focus::Related);
    assert_eq!(app.related_selected, 2);
}

fn key(c: char) -> Event {
    Event::Key(KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE))
}

fn code(c: KeyCode) -> Event {
    Event::Key(KeyEvent::new(c, KeyModifiers::NONE))
}

#[test]
fn the_loop_runs_a_script_and_quits_on_q() {
    let mut terminal = match Terminal::new(TestBackend::new(100, 30)) {
        Ok(t) => t,
        Err(e) => panic!("{e}"),
    };
    let mut app = App::new(sample(), "embedded sample", Metrics::default());
    let mut events = Scripted::new([
        key('j'),
        key('j'),
        code(KeyCode::Tab),
        Event::Resize(90, 28),
        Event::Mouse(MouseEvent {
            kind: MouseEventKind::Moved,
            column: 1,
            row: 1,
            modifiers: KeyModifiers::NONE,
        }),
        key('?'),
        key('q'), // closes the help
        key('q'), // quits
        key('j'), // never read
    ]);
    if let Err(e) = tui::run(
        &mut terminal,
        &mut app,
        &Theme::default(),
        &mut events,
        &mut Recorder::default(),
    ) {
        panic!("{e}");
    }
    assert!(app.quit);
    assert_eq!(app.selected, 2);
    assert_eq!(app.focus, Focus::Article);
    assert_eq!(app.size, (90, 28));
    assert_eq!(events.0.len(), 1, "the loop stops reading after q");
    let screen = terminal.backend().to_string();
    let title = app
        .current_article()
        .map(|a| a.title.clone())
        .unwrap_or_default();
    let first_words: String = title.split(' ').take(3).collect::<Vec<_>>().join(" ");
    assert!(
        screen.contains(&first_words),
        "the last frame shows the selected article:\n{screen}"
    );
}

#[test]
fn the_loop_ends_when_events_run_out() {
    let mut terminal = match Terminal::new(TestBackend::new(40, 10)) {
        Ok(t) => t,
        Err(e) => panic!("{e}"),
    };
    let mut app = App::new(sample(), "embedded sample", Metrics::default());
    let mut events = Scripted::new([key('G')]);
    assert!(
        tui::run(
            &mut terminal,
            &mut app,
            &Theme::default(),
            &mut events,
            &mut Recorder::default(),
        )
        .is_ok()
    );
    assert!(!app.quit);
    assert_eq!(app.selected, app.view.len() - 1);
}

/// A message the property feeds `update`: a bound action or a terminal event.
#[derive(Clone, Debug)]
enum Input {
    Key(Action),
    Resize(u16, u16),
    Click(u16, u16),
    Wheel(u16, u16, bool),
    Text(String),
}

impl From<Input> for Msg {
    fn from(i: Input) -> Msg {
        match i {
            Input::Key(a) => Msg::Action(a),
            Input::Resize(w, h) => Msg::Resize(w, h),
            Input::Click(x, y) => Msg::Click(x, y),
            Input::Wheel(x, y, d) => Msg::Wheel(x, y, d),
            Input::Text(t) => Msg::Text(t),
        }
    }
}

fn action_strategy() -> impl Strategy<Value = Input> {
    prop_oneof![
        Just(Input::Key(Action::Up)),
        Just(Input::Key(Action::Down)),
        Just(Input::Key(Action::PageUp)),
        Just(Input::Key(Action::PageDown)),
        Just(Input::Key(Action::Top)),
        Just(Input::Key(Action::Bottom)),
        Just(Input::Key(Action::FocusNext)),
        Just(Input::Key(Action::FocusPrev)),
        Just(Input::Key(Action::Open)),
        Just(Input::Key(Action::Back)),
        Just(Input::Key(Action::Escape)),
        Just(Input::Key(Action::Help)),
        Just(Input::Key(Action::Search)),
        Just(Input::Key(Action::PersonFilter)),
        Just(Input::Key(Action::DateFilter)),
        Just(Input::Key(Action::Submit)),
        Just(Input::Key(Action::DeleteBack)),
        Just(Input::Key(Action::DeleteWord)),
        Just(Input::Key(Action::CursorLeft)),
        Just(Input::Key(Action::OpenLink)),
        Just(Input::Key(Action::CopyLink)),
        Just(Input::Key(Action::Reload)),
        "[a-zđêư0-9 /.-]{0,8}".prop_map(Input::Text),
        (0u16..300, 0u16..120).prop_map(|(w, h)| Input::Resize(w, h)),
        (0u16..200, 0u16..80).prop_map(|(x, y)| Input::Click(x, y)),
        (0u16..200, 0u16..80, any::<bool>()).prop_map(|(x, y, d)| Input::Wheel(x, y, d)),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    /// Any sequence of actions at any size keeps the selection and scroll in bounds, and every
    /// frame draws without panicking.
    #[test]
    fn any_actions_keep_state_in_bounds(actions in proptest::collection::vec(action_strategy(), 1..60)) {
        let mut app = App::new(sample(), "embedded sample", Metrics::default());
        for a in actions {
            app.update(a);
            prop_assert!(app.selected < app.view.len().max(1));
            prop_assert!(app.related_selected < app.related.len().max(1));
            let rows = app.panes().inner_height(Focus::Article).max(1);
            prop_assert!(app.article_scroll <= app.document().len().saturating_sub(rows));
            let (w, h) = app.size;
            if w > 0 && h > 0 {
                let mut terminal = Terminal::new(TestBackend::new(w, h)).map_err(|e| TestCaseError::fail(e.to_string()))?;
                terminal.draw(|f| tuinews::ui::render(&app, &Theme::default(), f)).map_err(|e| TestCaseError::fail(e.to_string()))?;
            }
        }
    }
}

#[test]
fn back_after_the_filters_changed_highlights_the_article_it_shows() {
    let mut app = app_at(120, 40);
    app.set_filter(Filter {
        persons: vec![PersonQuery::new("le hoai trung")],
        ..Filter::default()
    });
    app.update(Action::Down);
    let shown = app.current;
    app.update(Action::FocusPrev);
    app.update(Action::Open);
    assert_ne!(app.current, shown);
    app.update(Action::Escape);
    assert!(app.filter.is_empty());
    app.update(Action::Back);
    assert_eq!(app.current, shown);
    assert_eq!(
        app.view.get(app.selected).copied(),
        shown,
        "the highlighted headline is the article shown"
    );
}

#[test]
fn changing_the_filter_keeps_the_place_in_the_article() {
    let mut app = app_at(80, 24);
    select_id(&mut app, MAIN_2021);
    app.update(Action::Open);
    app.update(Action::PageDown);
    let scroll = app.article_scroll;
    assert!(scroll > 0);
    app.set_filter(Filter {
        persons: vec![PersonQuery::new("Shii Kazuo")],
        ..Filter::default()
    });
    assert_eq!(app.article_scroll, scroll);
    assert_eq!(
        app.current_article().map(|a| a.id.as_str()),
        Some(MAIN_2021)
    );
}

/// `U` asks for a feed update in the background; the outcome, then the reload it causes, say
/// what it did. The embedded sample takes no feeds, and a second `U` while one runs waits.
#[test]
fn u_updates_the_feeds_in_the_background() {
    use tuinews::feeds::Outcome;
    use tuinews::msg::{Effect, Msg};
    let mut app = app_at(100, 30);
    app.can_reload = false;
    assert_eq!(app.update(Action::Update), Vec::new());
    assert!(
        app.notice
            .as_deref()
            .is_some_and(|n| n.contains("embedded sample takes no feeds"))
    );

    app.can_reload = true;
    assert_eq!(app.update(Action::Update), vec![Effect::Update]);
    assert!(app.updating);
    assert_eq!(
        app.update(Action::Update),
        Vec::new(),
        "one update at a time"
    );
    let outcome = Outcome {
        feeds: 2,
        added: 3,
        changed: 1,
        unchanged: 1,
        failed: 0,
        store_error: None,
    };
    app.update(Msg::Updated(Ok(outcome)));
    assert!(!app.updating);
    let said = "updated 2 feeds: 3 new, 1 changed, 1 unchanged";
    assert_eq!(app.notice.as_deref(), Some(said));
    // The store file changed: the reload that follows keeps the update's words.
    app.update(Msg::Loaded(Box::new(Ok(common::sample()))));
    assert_eq!(app.notice.as_deref(), Some(said));
    app.update(Msg::Loaded(Box::new(Ok(common::sample()))));
    assert!(
        app.notice
            .as_deref()
            .is_some_and(|n| n.starts_with("reloaded"))
    );
    // A failure says why.
    app.update(Action::Update);
    app.update(Msg::Updated(Err(
        "no subscriptions: tuinews feeds add URL".to_owned()
    )));
    assert_eq!(
        app.notice.as_deref(),
        Some("no subscriptions: tuinews feeds add URL")
    );
}
