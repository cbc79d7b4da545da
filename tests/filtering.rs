//! Filtering in the reader: the person picker, live search, the date prompt's verdict, all
//! driven through the keymap as a user types.

use crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};
use tuinews::app::{App, Mode};
use tuinews::msg::Msg;
use tuinews::query::PersonQuery;

mod common;
use common::{MAIN_2021, app_at, press, select_id};

fn picker_names(app: &App) -> Vec<String> {
    match &app.mode {
        Mode::Picker(p) => p
            .rows
            .iter()
            .filter_map(|&i| app.people().list.get(i))
            .map(|p| p.name.clone())
            .collect(),
        _ => panic!("the picker is not open"),
    }
}

fn picker_text(app: &App) -> String {
    match &app.mode {
        Mode::Picker(p) => p.input.text().to_owned(),
        _ => panic!("the picker is not open"),
    }
}

#[test]
fn the_picker_narrows_as_you_type_and_enter_adds_the_person() {
    let mut app = app_at(100, 30);
    press(&mut app, "p");
    let everyone = picker_names(&app);
    assert_eq!(everyone.len(), app.people().len());
    assert_eq!(everyone[0], "Nguyễn Phú Trọng", "most articles first");
    // q, j, d and Space are letters in the picker.
    press(&mut app, "shii");
    assert_eq!(picker_names(&app), ["Shii Kazuo"]);
    assert!(!app.quit);
    press(&mut app, "\n");
    assert!(matches!(app.mode, Mode::Normal));
    assert_eq!(app.filter.persons, [PersonQuery::new("Shii Kazuo")]);
    assert_eq!(app.view.len(), 2);
    assert!(
        app.filter.to_string().contains("Shii Kazuo"),
        "the status line names them"
    );
}

#[test]
fn a_vietnamese_input_method_edit_ends_with_the_composed_name() {
    let mut app = app_at(100, 30);
    press(&mut app, "p");
    // Telex in a terminal: "to la", then a backspace and the composed "â", then "m".
    press(&mut app, "to la\x08");
    app.update(Msg::Text("âm".to_owned()));
    assert_eq!(picker_text(&app), "to lâm");
    assert_eq!(picker_names(&app), ["Tô Lâm"]);
}

#[test]
fn pasted_nfd_text_matches_like_typed_nfc_and_is_never_run_as_keys() {
    let mut app = app_at(100, 30);
    press(&mut app, "p");
    let paste = Event::Paste("Tra\u{302}\u{300}n Thanh Ma\u{302}\u{303}n\nq".to_owned());
    if let Some(msg) = app.keymap.event(app.mode_kind(), &paste) {
        app.update(msg);
    }
    assert!(!app.quit);
    assert_eq!(
        picker_names(&app),
        Vec::<String>::new(),
        "the pasted q is a letter"
    );
    press(&mut app, "\x08\x08");
    assert_eq!(picker_names(&app), ["Trần Thanh Mẫn"]);
}

#[test]
fn words_typed_with_marks_keep_them() {
    let mut app = app_at(100, 30);
    press(&mut app, "p");
    app.update(Msg::Text("Hùng".to_owned()));
    let with_marks = picker_names(&app);
    assert!(
        with_marks.iter().all(|n| n.contains("Hùng")),
        "{with_marks:?}"
    );
    press(&mut app, "\x08\x08\x08\x08hung");
    assert!(picker_names(&app).len() >= with_marks.len());
}

#[test]
fn tab_shows_only_the_persons_of_the_articles_shown_and_esc_changes_nothing() {
    let mut app = app_at(100, 30);
    press(&mut app, "pshii\n");
    let filter = app.filter.clone();
    press(&mut app, "p");
    let all = picker_names(&app).len();
    press(&mut app, "\t");
    let in_result = picker_names(&app);
    assert!(in_result.len() < all);
    assert!(in_result.contains(&"Shii Kazuo".to_owned()));
    assert!(
        in_result.contains(&"Phạm Minh Chính".to_owned()),
        "met in the 2021 article"
    );
    // Up and Down move; Esc leaves the filters as they were.
    press(&mut app, "\x1b");
    assert!(matches!(app.mode, Mode::Normal));
    assert_eq!(app.filter, filter);
    // A second person narrows further.
    press(&mut app, "p\tpham minh\n");
    assert_eq!(app.filter.persons.len(), 2);
    assert_eq!(app.view.len(), 1);
}

#[test]
fn the_picker_moves_with_arrows_and_ctrl_n_p() {
    let mut app = app_at(100, 30);
    press(&mut app, "p");
    let names = picker_names(&app);
    let key = |app: &mut App, code: KeyCode, mods: KeyModifiers| {
        let ev = Event::Key(KeyEvent::new(code, mods));
        if let Some(msg) = app.keymap.event(app.mode_kind(), &ev) {
            app.update(msg);
        }
    };
    key(&mut app, KeyCode::Down, KeyModifiers::NONE);
    key(&mut app, KeyCode::Char('n'), KeyModifiers::CONTROL);
    key(&mut app, KeyCode::Char('p'), KeyModifiers::CONTROL);
    press(&mut app, "\n");
    assert_eq!(app.filter.persons, [PersonQuery::new(&names[1])]);
}

#[test]
fn search_narrows_on_every_key_and_esc_restores_the_list() {
    let mut app = app_at(100, 30);
    let all = app.view.len();
    press(&mut app, "/");
    press(&mut app, "nh");
    let after_two = app.view.len();
    assert!(after_two < all, "narrowed while typing");
    press(&mut app, "at ban");
    assert!(app.view.len() <= after_two);
    press(&mut app, "\x1b");
    assert_eq!(app.view.len(), all);
    assert!(app.filter.search.is_none());
    press(&mut app, "/nhat ban\n");
    assert!(app.filter.search.is_some());
    assert!(app.view.len() < all);
}

#[test]
fn the_date_prompt_says_how_many_articles_or_why_not_while_typing() {
    let mut app = app_at(100, 30);
    press(&mut app, "d2021");
    let verdict = match &app.mode {
        Mode::Prompt(p) => p.verdict.clone(),
        _ => panic!("the date prompt is open"),
    };
    assert_eq!(verdict, Ok(1), "one article from 2021");
    assert_eq!(app.view.len(), 45, "not applied before Enter");
    press(&mut app, "-13");
    match &app.mode {
        Mode::Prompt(p) => assert!(p.verdict.is_err()),
        _ => panic!("the date prompt is open"),
    }
    press(&mut app, "\x08\x0811\n");
    assert_eq!(app.view.len(), 1);
}

// ---------------------------------------------------------------------------------------------
// Screens: the picker, the date prompt with its histogram, the empty result, at three sizes;
// search highlights, checked cell by cell (a text snapshot cannot show them).

use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::style::Modifier;
use tuinews::ui::Theme;

fn screen(app: &App) -> Terminal<TestBackend> {
    let (w, h) = app.size;
    let mut terminal = match Terminal::new(TestBackend::new(w, h)) {
        Ok(t) => t,
        Err(e) => panic!("{e}"),
    };
    if let Err(e) = terminal.draw(|f| tuinews::ui::render(app, &Theme::default(), f)) {
        panic!("{e}");
    }
    terminal
}

fn filtering_screens(w: u16, h: u16) -> Vec<(&'static str, String)> {
    let mut out = Vec::new();
    let mut app = app_at(w, h);
    press(&mut app, "pt");
    out.push(("picker", screen(&app).backend().to_string()));
    press(&mut app, "\x1bd2026-01");
    out.push(("date_prompt", screen(&app).backend().to_string()));
    press(&mut app, "\x08\x08\x08\x08\x08\x08\x08\x081999\n");
    out.push(("no_match", screen(&app).backend().to_string()));
    out
}

#[test]
fn filtering_snapshots() {
    for (w, h) in [(120, 40), (80, 24), (50, 20)] {
        for (name, s) in filtering_screens(w, h) {
            insta::assert_snapshot!(format!("{w}x{h}_{name}"), s);
        }
    }
}

#[test]
fn prompts_and_the_picker_draw_at_20x5_and_survive_resizes() {
    for keys in ["p", "d", "/"] {
        let mut app = app_at(20, 5);
        press(&mut app, keys);
        press(&mut app, "lê");
        let s = screen(&app).backend().to_string();
        assert!(s.contains("lê"), "{keys}: what is typed is on screen:\n{s}");
        for (w, h) in [(1, 1), (120, 40), (20, 5)] {
            app.update(Msg::Resize(w, h));
            let _ = screen(&app);
        }
        assert!(!matches!(app.mode, Mode::Normal), "{keys}: still open");
    }
}

#[test]
fn search_matches_are_highlighted_in_headlines_and_article_and_n_jumps() {
    let mut app = app_at(120, 40);
    press(&mut app, "/đảng\n");
    select_id(&mut app, MAIN_2021);
    let t = screen(&app);
    let buf = t.backend().buffer();
    let marked_text = |x0: u16, x1: u16, y0: u16, y1: u16| {
        let mut words = Vec::new();
        for y in y0..y1 {
            let mut word = String::new();
            for x in x0..x1 {
                let c = &buf[(x, y)];
                let hit = c.modifier.contains(Modifier::REVERSED)
                    && c.modifier.contains(Modifier::BOLD)
                    && c.bg == ratatui::style::Color::Reset;
                if hit {
                    word.push_str(c.symbol());
                } else if !word.is_empty() {
                    words.push(std::mem::take(&mut word));
                }
            }
            if !word.is_empty() {
                words.push(word);
            }
        }
        words
    };
    let article = app.panes().article.unwrap_or_default();
    let in_article = marked_text(article.x, article.right(), article.y, article.bottom());
    assert!(!in_article.is_empty(), "the article shows its matches");
    assert!(
        in_article.iter().all(|w| w.to_lowercase() == "đảng"),
        "{in_article:?}"
    );
    let head = app.panes().headlines.unwrap_or_default();
    let in_titles = marked_text(head.x, head.right(), head.y, head.bottom());
    assert!(in_titles.iter().any(|w| w == "Đảng"), "{in_titles:?}");
    // n moves the article to the next match, with one line above it.
    let lines = app.match_lines();
    assert!(lines.len() >= 2, "{lines:?}");
    press(&mut app, "n");
    assert_eq!(app.article_scroll, lines[1] - 1);
    assert!(
        app.notice
            .as_deref()
            .is_some_and(|n| n.starts_with("match 2/"))
    );
    press(&mut app, "N");
    assert_eq!(app.article_scroll, lines[0].saturating_sub(1));
}

#[test]
fn opening_an_article_from_a_search_scrolls_to_the_first_match() {
    let mut app = app_at(80, 24);
    press(&mut app, "/\"thu nhập trung bình cao\"\n");
    assert_eq!(app.view.len(), 1);
    press(&mut app, "\n");
    let first = app.match_lines()[0];
    assert!(first > 2, "the match is below the top");
    assert_eq!(app.article_scroll, first - 1);
}

#[test]
fn the_query_line_shows_every_filter_and_applies_what_is_typed() {
    let mut app = app_at(100, 30);
    press(&mut app, "pshii\n");
    press(&mut app, "d2021\n");
    press(&mut app, ":");
    let line = match &app.mode {
        Mode::Prompt(p) => p.input.text().to_owned(),
        _ => panic!("the query line is open"),
    };
    assert_eq!(line, "person:\"Shii Kazuo\" date:2021");
    // Remove the person by editing the line: Ctrl-U clears it, then type a new one.
    let ctrl_u = Event::Key(KeyEvent::new(KeyCode::Char('u'), KeyModifiers::CONTROL));
    if let Some(msg) = app.keymap.event(app.mode_kind(), &ctrl_u) {
        app.update(msg);
    }
    press(&mut app, "date:2026-13");
    match &app.mode {
        Mode::Prompt(p) => assert_eq!(p.verdict, Err("column 6: there is no month 13".to_owned())),
        _ => panic!("the query line is open"),
    }
    press(&mut app, "\x08\x081 tokyo\n");
    assert!(matches!(app.mode, Mode::Normal));
    assert!(app.filter.persons.is_empty());
    assert_eq!(app.filter.to_string(), "date:2026-1 tokyo");
    // The same line on the command line gives the same articles.
    let line = app.filter.to_string();
    let cli = tuinews::cli::filter_from_args(
        &tuinews::cli::ListArgs {
            query: Some(line),
            ..Default::default()
        },
        app.today,
    )
    .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(cli.apply(&app.store), app.view);
}

#[test]
fn the_date_prompt_has_one_key_quick_choices() {
    let mut app = app_at(100, 30);
    app.today = jiff::civil::date(2026, 1, 30);
    let alt = |app: &mut App, c: char| {
        let ev = Event::Key(KeyEvent::new(KeyCode::Char(c), KeyModifiers::ALT));
        if let Some(msg) = app.keymap.event(app.mode_kind(), &ev) {
            app.update(msg);
        }
    };
    press(&mut app, "d2021");
    for (key, spec, count) in [
        ('m', "2026-01", Ok(7)),
        ('y', "2026", Ok(7)),
        ('t', "today", Ok(1)),
        ('w', "7d", Ok(7)),
    ] {
        alt(&mut app, key);
        match &app.mode {
            Mode::Prompt(p) => {
                assert_eq!(p.input.text(), spec);
                assert_eq!(p.verdict, count, "{spec}");
            }
            _ => panic!("the date prompt stays open"),
        }
    }
    press(&mut app, "\n");
    assert_eq!(
        app.filter.date.as_ref().map(|d| d.spec.as_str()),
        Some("7d")
    );
}

#[test]
fn a_date_filter_counts_the_undated_articles_it_leaves_out() {
    let mut app = app_at(120, 40);
    press(&mut app, "d2026\n");
    let undated = app
        .store
        .articles()
        .iter()
        .filter(|a| a.published.is_none())
        .count();
    assert!(undated > 0);
    assert_eq!(app.undated_hidden, undated);
    let s = screen(&app).backend().to_string();
    assert!(s.contains(&format!("{undated} undated hidden")), "{s}");
    press(&mut app, "\x1b");
    assert_eq!(app.undated_hidden, 0);
}

#[test]
fn a_match_wrapped_across_two_lines_is_highlighted_on_both() {
    let json = r#"[{"id":"a","title":"Tin","body":"Một hai ba bốn năm Hà Nội sáu bảy"}]"#;
    let mut app = App::new(common::load(json), "t", tuinews::text::Metrics::default());
    app.update(Msg::Resize(24, 24));
    press(&mut app, "/\"hà nội\"\n");
    // At this width the phrase is cut between its two words.
    let doc = app.document();
    let lines: Vec<&str> = doc.plain().collect();
    let (first, second) = (
        lines.iter().position(|l| l.ends_with("Hà")),
        lines.iter().position(|l| l.starts_with("Nội")),
    );
    assert!(first.is_some() && second.is_some(), "{lines:?}");
    assert_eq!(app.match_lines(), [first.unwrap_or(0), second.unwrap_or(0)]);
}

#[test]
fn the_reader_filters_dates_in_its_zone() {
    let json = r#"[{"id":"a","title":"Nửa đêm","published":"2026-01-28T17:30:00Z"}]"#;
    let mut app = App::new(common::load(json), "t", tuinews::text::Metrics::default());
    app.update(Msg::Resize(100, 30));
    app.zone = tuinews::zone::Zone::parse("Asia/Ho_Chi_Minh").unwrap_or_default();
    press(&mut app, "d2026-01-29\n");
    assert_eq!(app.view.len(), 1);
    app.zone = tuinews::zone::Zone::parse("UTC").unwrap_or_default();
    app.set_filter(app.filter.clone());
    assert_eq!(app.view.len(), 0);
}

/// The search index arrives after the store: the reader takes it for its own store only, and
/// a search gives the same headlines with it as without.
#[test]
fn the_search_index_is_taken_for_its_store_only_and_changes_no_result() {
    use std::sync::Arc;
    use tuinews::query::{Filter, SearchIndex, SearchQuery};
    let mut app = app_at(120, 40);
    let search = |app: &mut App, q: &str| {
        app.set_filter(Filter {
            search: Some(SearchQuery::new(q)),
            ..Filter::default()
        });
        app.view.clone()
    };
    let queries = ["nhat ban", "Phạm", "\"dang cong san\"", "t", "hoà"];
    let before: Vec<_> = queries.iter().map(|q| search(&mut app, q)).collect();
    assert!(before.iter().any(|v| !v.is_empty()) && before.iter().any(|v| v.len() < 45));

    // An index of another store (a reload's, say) is not taken.
    let other = tuinews::store::Store::from_articles(Vec::new());
    app.update(Msg::Indexed(Arc::new(SearchIndex::of_store(
        &other.shared(),
    ))));
    assert!(app.index.is_none());

    app.update(Msg::Indexed(Arc::new(SearchIndex::of_store(
        &app.store.shared(),
    ))));
    assert!(app.index.is_some());
    let after: Vec<_> = queries.iter().map(|q| search(&mut app, q)).collect();
    assert_eq!(before, after);

    // A reload brings another store: the old index goes.
    let reloaded = common::sample();
    app.update(Msg::Loaded(Box::new(Ok(reloaded))));
    assert!(app.index.is_none());
}

/// `n` and `N` go to the next and previous unread article; with a search they first walk the
/// matches of the article, then go on to the next unread article's first match.
#[test]
fn n_goes_to_the_next_unread_article_and_walks_a_search_through_them() {
    let mut app = app_at(120, 40);
    // Read the second and third articles: n from the first skips them.
    press(&mut app, "j");
    let second = common::current_id(&app).to_owned();
    press(&mut app, "m");
    press(&mut app, "j");
    press(&mut app, "m");
    press(&mut app, "gm");
    assert!(app.is_read(&second));
    let first = app.selected;
    // m on the first marked it read: n looks from here for the next one that is not.
    press(&mut app, "n");
    assert_eq!(app.selected, first + 3, "{:?}", app.notice);
    press(&mut app, "N");
    assert_eq!(app.notice.as_deref(), Some("no unread article above"));
    assert_eq!(app.selected, first + 3);

    // With a search: n runs through the matches, then into the next unread article.
    let mut app = app_at(80, 24);
    press(&mut app, "/đảng\n");
    select_id(&mut app, MAIN_2021);
    let start = app.selected;
    let mut seen = 0;
    while app.selected == start {
        press(&mut app, "n");
        seen += 1;
        assert!(seen < 100, "n never leaves the article");
    }
    assert!(seen >= 2, "n walked {seen} matches");
    assert_eq!(app.selected, start + 1, "on to the next unread article");
    // It shows the new article at its first match (or from its top when that is near it).
    let first_match = app.match_lines().first().copied().unwrap_or(0);
    assert!(app.article_scroll <= first_match, "{}", app.article_scroll);
    assert!(
        app.notice
            .as_deref()
            .is_some_and(|n| n.starts_with("match 1/")),
        "{:?}",
        app.notice
    );
}

/// The filter jobs among effects.
fn filter_jobs(effects: Vec<tuinews::msg::Effect>) -> Vec<tuinews::query::Background> {
    effects
        .into_iter()
        .filter_map(|e| match e {
            tuinews::msg::Effect::Filter(job) => Some(*job),
            _ => None,
        })
        .collect()
}

#[test]
fn a_slow_search_on_a_large_store_runs_in_the_background_and_only_the_latest_lands() {
    // The sample counts as large here; without the index, every search reads each article.
    let mut app = app_at(100, 30);
    app.background_from = 0;
    let all = app.view.len();
    let jobs = filter_jobs(press(&mut app, "/nhat"));
    assert_eq!(jobs.len(), 4, "a job per key");
    // Until a job lands the list stays as it was, and the status line says it is searching.
    assert_eq!(app.view.len(), all);
    assert!(app.filtering);
    let status: String = tuinews::ui::status::details(&app, &tuinews::ui::theme::Theme::default())
        .iter()
        .map(|s| s.content.as_ref())
        .collect();
    assert!(status.contains("searching…"), "{status}");
    // The prompt, drawn over the status line, says so in place of a count.
    let mut terminal = ratatui::Terminal::new(ratatui::backend::TestBackend::new(100, 30))
        .expect("a test terminal");
    terminal
        .draw(|f| tuinews::ui::render(&app, &tuinews::ui::theme::Theme::default(), f))
        .expect("drawn");
    let bottom: String = (0..100)
        .map(|x| terminal.backend().buffer()[(x, 29)].symbol().to_owned())
        .collect();
    assert!(bottom.contains("searching…"), "{bottom}");
    // A job replaced by a later key stops and gives nothing.
    assert_eq!(jobs[0].run(), None);
    // An older search that finished just before a later key replaced it: its result arrives
    // while the latest is still being applied, and changes nothing.
    let stale = tuinews::query::Applied {
        generation: jobs[1].generation,
        view: Vec::new(),
        undated_hidden: 0,
    };
    app.update(Msg::Filtered(Box::new(stale)));
    assert!(app.filtering, "still waiting for the latest");
    assert_eq!(app.view.len(), all);
    let last = jobs.last().expect("jobs").run().expect("the latest runs");
    // What it found is what the filter keeps, applied at once.
    let expected = app.filtered(&app.filter);
    assert!(!expected.is_empty() && expected.len() < all);
    assert_eq!(last.view, expected);
    app.update(Msg::Filtered(Box::new(last)));
    assert!(!app.filtering);
    assert_eq!(app.view, expected);
    match &app.mode {
        Mode::Prompt(p) => assert_eq!(p.verdict, Ok(expected.len()), "the prompt counts it"),
        _ => panic!("the search prompt is open"),
    }
    // Esc takes the search back at once: no search, nothing to read.
    let effects = press(&mut app, "\x1b");
    assert!(filter_jobs(effects).is_empty());
    assert_eq!(app.view.len(), all);
    assert!(!app.filtering);
}

#[test]
fn a_search_the_index_settles_is_applied_at_once_even_on_a_large_store() {
    let mut app = app_at(100, 30);
    app.background_from = 0;
    let index = tuinews::query::index::SearchIndex::of_store(&app.store.shared());
    app.update(Msg::Indexed(std::sync::Arc::new(index)));
    let jobs = filter_jobs(press(&mut app, "/nhat"));
    assert!(jobs.is_empty());
    assert!(!app.filtering);
    assert!(app.view.len() < 45);
    // A quoted phrase is read article by article: in the background.
    let jobs = filter_jobs(press(&mut app, "\x1b/\"nhat ban\""));
    assert!(!jobs.is_empty());
    assert!(app.filtering);
}

#[test]
fn a_store_arriving_under_a_slow_search_is_searched_in_the_background() {
    // A search typed while the first part of a large store was shown, or a reload: the whole
    // store arrives, and the search, which reads every article, is not applied on the way.
    let mut app = app_at(100, 30);
    app.background_from = 0;
    let jobs = filter_jobs(press(&mut app, "/\"nhat ban\"\n"));
    let landed = jobs.last().expect("a job").run().expect("it runs");
    app.update(Msg::Filtered(Box::new(landed)));
    assert!(!app.filtering);
    let shown: Vec<String> = app
        .view
        .iter()
        .filter_map(|&ix| app.store.article(ix).map(|a| a.id.clone()))
        .collect();
    assert!(!shown.is_empty() && shown.len() < 45);
    select_id(&mut app, &shown[shown.len() - 1]);

    let effects = app.update(Msg::Loaded(Box::new(Ok(common::sample()))));
    let jobs = filter_jobs(effects);
    assert_eq!(jobs.len(), 1, "the search goes to the background");
    assert!(app.filtering);
    // Meanwhile the list keeps what it showed, found in the new store, and the selection.
    let ids = |app: &App| -> Vec<String> {
        app.view
            .iter()
            .filter_map(|&ix| app.store.article(ix).map(|a| a.id.clone()))
            .collect()
    };
    assert_eq!(ids(&app), shown);
    assert_eq!(common::current_id(&app), shown[shown.len() - 1]);
    let landed = jobs[0].run().expect("it runs");
    app.update(Msg::Filtered(Box::new(landed)));
    assert!(!app.filtering);
    assert_eq!(ids(&app), shown);
    assert_eq!(common::current_id(&app), shown[shown.len() - 1]);
}

#[test]
fn the_last_position_under_a_slow_search_is_reopened_in_the_background() {
    let mut app = App::loading("test.json", tuinews::text::Metrics::default());
    app.today = common::TODAY;
    app.update(Msg::Resize(100, 30));
    app.background_from = 0;
    app.state.position = Some(tuinews::state::Position {
        filter: "\"nhat ban\"".to_owned(),
        article: Some(MAIN_2021.to_owned()),
        scroll: 2,
    });
    let effects = app.update(Msg::Loaded(Box::new(Ok(common::sample()))));
    let jobs = filter_jobs(effects);
    assert_eq!(jobs.len(), 1, "the search goes to the background");
    // The article is shown at once, where the reader was in it.
    assert_eq!(common::current_id(&app), MAIN_2021);
    assert_eq!(app.article_scroll, 2);
    let landed = jobs[0].run().expect("it runs");
    app.update(Msg::Filtered(Box::new(landed)));
    assert!(!app.filtering);
    assert!(app.view.len() < 45);
    assert_eq!(common::current_id(&app), MAIN_2021);
    assert_eq!(
        app.view.get(app.selected),
        app.store.ix_of(MAIN_2021).as_ref()
    );
    assert_eq!(app.article_scroll, 2);
}
