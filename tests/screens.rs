//! Whole screens rendered into a `TestBackend`: insta snapshots of the sample at three sizes, and
//! buffer checks with a hostile store (NFD titles, kanji, emoji, escape sequences) at many sizes.

use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::buffer::Buffer;
use tuinews::action::Action;
use tuinews::app::App;
use tuinews::layout::{self, Focus};
use tuinews::msg::Msg;
use tuinews::store::{EMBEDDED_SAMPLE, Store};
use tuinews::text::Metrics;
use tuinews::ui::Theme;
use unicode_normalization::UnicodeNormalization;

mod common;
use common::{MAIN_2021, app_at as sample_app, load, select_id};

fn draw(app: &App) -> Terminal<TestBackend> {
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

/// The five screens the issue names, at one size.
fn screens(w: u16, h: u16) -> Vec<(&'static str, String)> {
    screens_in(w, h, &tuinews::words::EN)
}

/// [`screens`] in an interface language.
fn screens_in(
    w: u16,
    h: u16,
    words: &'static tuinews::words::Words,
) -> Vec<(&'static str, String)> {
    let mut out = Vec::new();
    let mut app = sample_app(w, h);
    app.set_words(words);
    out.push(("start", draw(&app).backend().to_string()));
    app.update(Action::Down);
    app.update(Action::Down);
    out.push(("moved", draw(&app).backend().to_string()));
    app.update(Action::Help);
    out.push(("help", draw(&app).backend().to_string()));
    app.update(Action::Escape);
    select_id(&mut app, MAIN_2021);
    app.update(Action::Open);
    app.update(Action::PageDown);
    out.push(("article_scrolled", draw(&app).backend().to_string()));
    app.update(Action::FocusNext);
    app.update(Action::Down);
    app.update(Action::Open);
    out.push(("related_opened", draw(&app).backend().to_string()));
    out
}

#[test]
fn snapshots_120x40() {
    for (name, screen) in screens(120, 40) {
        insta::assert_snapshot!(format!("120x40_{name}"), screen);
    }
}

#[test]
fn snapshots_80x24() {
    for (name, screen) in screens(80, 24) {
        insta::assert_snapshot!(format!("80x24_{name}"), screen);
    }
}

#[test]
fn vietnamese_snapshots_120x40_and_80x24() {
    for (w, h) in [(120, 40), (80, 24)] {
        for (name, screen) in screens_in(w, h, &tuinews::words::VI) {
            insta::assert_snapshot!(format!("vi_{w}x{h}_{name}"), screen);
        }
    }
}

#[test]
fn snapshots_50x20() {
    for (name, screen) in screens(50, 20) {
        insta::assert_snapshot!(format!("50x20_{name}"), screen);
    }
}

/// A store built to break things: decomposed Vietnamese, kanji, emoji, tabs and escape
/// sequences in every field that reaches a pane.
fn hostile_store() -> Store {
    let nfd = |s: &str| -> String { s.nfd().collect() };
    let articles = serde_json::json!({"articles": [
        {
            "id": "nfd",
            "title": nfd("Thủ tướng Phạm Minh Chính gặp Chủ tịch Đảng Cộng sản Nhật Bản Shii Kazuo tại Tokyo"),
            "published": "2021-11-24T10:00:00+09:00",
            "summary": nfd("Sáng 24/11, tại Tokyo, Nhật Bản, Thủ tướng Phạm Minh Chính gặp đồng chí Shii Kazuo."),
            "body": [nfd("Việt Nam và Nhật Bản"), "志位和夫委員長は、ベトナムの首相と会談しました。", "Tin 👨‍👩‍👧 mới ❤️ 👍🏽"],
            "persons": [nfd("Phạm Minh Chính"), "志位和夫"],
            "related": ["cjk", "esc"],
            "captions": ["Ảnh\tchụp \u{1b}[31mđỏ"]
        },
        {
            "id": "cjk",
            "title": "志位和夫委員長がベトナムの首相と会談、両国の友好関係を確認した長い見出し",
            "published": "2021-11-24",
            "persons": ["志位和夫", nfd("Phạm Minh Chính")]
        },
        {
            "id": "esc",
            "title": "red\u{1b}[31mX \u{1b}]0;pwn\u{7}y \u{9b}2J tab\there",
            "summary": "a\u{85}b\u{2028}c",
            "body": "line\u{1b}[2Jone\r\n\r\nsecond\u{7f} paragraph",
            "persons": ["Tô\u{a0}Lâm"]
        },
        {
            "id": "emoji",
            "title": "👨‍👩‍👧👨‍👩‍👧👨‍👩‍👧 ❤️❤️❤️ 👍🏽👍🏽 ｶﾞｷﾞ 🇻🇳🇯🇵",
            "persons": ["Tô Lâm"]
        }
    ]});
    load(&articles.to_string())
}

/// Every cell's symbol is free of control characters.
fn assert_no_controls(buf: &Buffer, context: &str) {
    for cell in &buf.content {
        assert!(
            !cell.symbol().chars().any(|c| c.is_control()),
            "{context}: a cell holds a control character: {:?}",
            cell.symbol()
        );
    }
}

/// Each visible pane's four border lines are where the layout put them.
fn assert_borders(app: &App, buf: &Buffer, context: &str) {
    let panes = app.panes();
    let vertical = [
        '│', '┃', '║', '█', '▐', '▌', '┐', '┓', '┌', '┏', '└', '┗', '┘', '┛',
    ];
    for focus in [Focus::Headlines, Focus::Article, Focus::Related] {
        let Some(r) = panes.rect(focus) else { continue };
        let top_left = buf[(r.x, r.y)].symbol();
        let top_right = buf[(r.right() - 1, r.y)].symbol();
        let bottom_left = buf[(r.x, r.bottom() - 1)].symbol();
        let bottom_right = buf[(r.right() - 1, r.bottom() - 1)].symbol();
        assert!(
            ["┌", "┏"].contains(&top_left),
            "{context}: {focus:?} top-left is {top_left:?}"
        );
        assert!(
            ["┐", "┓"].contains(&top_right),
            "{context}: {focus:?} top-right is {top_right:?}"
        );
        assert!(
            ["└", "┗"].contains(&bottom_left),
            "{context}: {focus:?} bottom-left is {bottom_left:?}"
        );
        assert!(
            ["┘", "┛"].contains(&bottom_right),
            "{context}: {focus:?} bottom-right is {bottom_right:?}"
        );
        for y in r.y + 1..r.bottom() - 1 {
            for x in [r.x, r.right() - 1] {
                let s = buf[(x, y)].symbol();
                let ok = s.chars().next().is_some_and(|c| vertical.contains(&c));
                assert!(ok, "{context}: {focus:?} border at ({x},{y}) is {s:?}");
            }
            // The cell just inside the right border is never the first half of a wide glyph.
            let inside = buf[(r.right() - 2, y)].symbol();
            assert!(
                tuinews::text::width(inside) <= 1,
                "{context}: {focus:?} a wide glyph {inside:?} straddles the right border at row {y}"
            );
        }
    }
}

#[test]
fn hostile_text_keeps_borders_and_emits_no_controls() {
    let sizes = [
        (120, 40),
        (100, 30),
        (80, 24),
        (61, 15),
        (60, 14),
        (59, 20),
        (33, 9),
        (24, 10),
        (20, 5),
    ];
    for (w, h) in sizes {
        for focus_steps in 0..3 {
            for scroll in 0..2 {
                let mut app = App::new(hostile_store(), "hostile.json", Metrics::default());
                app.update(Msg::Resize(w, h));
                for _ in 0..focus_steps {
                    app.update(Action::FocusNext);
                }
                for _ in 0..scroll {
                    app.update(Action::Down);
                }
                let terminal = draw(&app);
                let buf = terminal.backend().buffer();
                let context = format!("{w}x{h} focus {:?} scroll {scroll}", app.focus);
                assert_no_controls(buf, &context);
                assert_borders(&app, buf, &context);
            }
        }
    }
}

#[test]
fn nfd_and_nfc_stores_draw_identical_screens() {
    let title = "Thủ tướng Phạm Minh Chính tiếp Đoàn Chủ tịch Đảng Cộng sản Nhật Bản";
    let make = |t: String, p: String| {
        load(
            &serde_json::json!([{"id": "a", "title": t, "persons": [p], "body": [t.clone()]}])
                .to_string(),
        )
    };
    let nfc = make(title.to_owned(), "Phạm Minh Chính".to_owned());
    let nfd = make(title.nfd().collect(), "Phạm Minh Chính".nfd().collect());
    for (w, h) in [(120, 40), (80, 24), (40, 12)] {
        let mut a = App::new(nfc.clone(), "s", Metrics::default());
        let mut b = App::new(nfd.clone(), "s", Metrics::default());
        a.update(Msg::Resize(w, h));
        b.update(Msg::Resize(w, h));
        assert_eq!(
            draw(&a).backend().buffer(),
            draw(&b).backend().buffer(),
            "{w}x{h}"
        );
    }
}

#[test]
fn escape_sequences_from_the_store_show_as_plain_text() {
    let mut app = App::new(hostile_store(), "hostile.json", Metrics::default());
    app.update(Msg::Resize(120, 40));
    app.update(Action::Bottom);
    app.update(Action::Up);
    assert_eq!(app.current_article().map(|a| a.id.as_str()), Some("esc"));
    let screen = draw(&app).backend().to_string();
    assert!(screen.contains("redX"), "{screen}");
    assert!(
        !screen.contains("[31m") && !screen.contains("]0;pwn") && !screen.contains("[2J"),
        "{screen}"
    );
}

#[test]
fn tiny_terminals_draw_a_note_and_never_panic() {
    for w in 1..=25u16 {
        for h in 1..=8u16 {
            let app = sample_app(w, h);
            let terminal = draw(&app);
            let panes = layout::compute(ratatui::layout::Rect::new(0, 0, w, h), app.focus);
            let first_row: String = (0..w)
                .map(|x| terminal.backend().buffer()[(x, 0)].symbol().to_owned())
                .collect();
            if panes.arrangement == layout::Arrangement::TooSmall {
                // The whole note where it fits, else the two words that matter.
                let note = if w >= 30 {
                    "terminal too small for tuinews"
                } else {
                    "too small"
                };
                let expected = tuinews::text::truncate(note, usize::from(w));
                assert!(
                    first_row.starts_with(expected.trim_end()),
                    "{w}x{h}: {first_row:?}"
                );
            } else {
                assert!(first_row.starts_with('┏'), "{w}x{h}: {first_row:?}");
            }
        }
    }
}

#[test]
fn ambiguous_wide_mode_keeps_every_row_within_the_width() {
    // In a terminal that draws à, đ, ê ... two columns wide, the buffer must reserve two cells
    // for each, so no row's drawn width exceeds the terminal.
    let metrics = Metrics {
        ambiguous_wide: true,
        ..Metrics::default()
    };
    for (w, h) in [(120, 40), (80, 24), (50, 20)] {
        let mut app = App::new(load(EMBEDDED_SAMPLE), "embedded sample", metrics);
        app.update(Msg::Resize(w, h));
        select_id(&mut app, MAIN_2021);
        let terminal = draw(&app);
        let buf = terminal.backend().buffer();
        for y in 0..h {
            let mut cols = 0;
            let mut x = 0;
            while x < w {
                let cell = &buf[(x, y)];
                let cw = metrics.width(cell.symbol()).max(1);
                cols += cw;
                x += u16::try_from(cw).unwrap_or(1);
            }
            assert!(cols <= usize::from(w), "{w}x{h} row {y} is {cols} columns");
        }
    }
}

/// The headline list where titles must be readable (100, 120, 140 columns: two lines each), the
/// article full screen at its measure, and the help at 40 columns.
#[test]
fn reading_comfort_snapshots() {
    for w in [100, 120, 140, 200] {
        let app = sample_app(w, 30);
        insta::assert_snapshot!(
            format!("{w}x30_headlines"),
            draw(&app).backend().to_string()
        );
    }
    let mut app = sample_app(120, 30);
    select_id(&mut app, MAIN_2021);
    app.update(Action::FullScreen);
    app.update(Action::PageDown);
    insta::assert_snapshot!("120x30_full_screen", draw(&app).backend().to_string());
    let mut app = sample_app(40, 24);
    app.update(Action::Help);
    insta::assert_snapshot!("40x24_help", draw(&app).backend().to_string());
}

#[test]
fn full_screen_moves_through_the_list_and_returns_where_it_was() {
    let mut app = sample_app(120, 30);
    select_id(&mut app, MAIN_2021);
    let at = app.selected;
    app.update(Action::Open);
    app.update(Action::Open);
    assert!(app.screen.full, "Enter on the open article: full screen");
    assert_eq!(app.panes().headlines, None);
    app.update(Action::NextArticle);
    assert_eq!(app.selected, at + 1);
    app.update(Action::PrevArticle);
    assert_eq!(app.selected, at);
    // Space at the end goes on to the next article.
    app.update(Action::Bottom);
    app.update(Action::PageDown);
    assert_eq!(app.selected, at + 1);
    assert_eq!(app.article_scroll, 0);
    app.update(Action::Escape);
    assert!(!app.screen.full);
    assert_eq!(app.focus, Focus::Article, "back to the pane it came from");
    // < and > move the split, within bounds.
    let before = app.panes().headlines.map(|r| r.width).unwrap_or(0);
    app.update(Action::GrowHeadlines);
    assert!(app.panes().headlines.map(|r| r.width).unwrap_or(0) > before);
    for _ in 0..30 {
        app.update(Action::ShrinkHeadlines);
    }
    assert_eq!(app.screen.headlines_percent, 25);
}

#[test]
fn links_are_osc8_hyperlinks_with_nothing_else_inside() {
    let json = r#"[{"id":"a","title":"Tin","body":"Nội dung.",
        "url":"https://example.vn/a?b=1;c=$(id)\u001b]52;c;ZXZpbA==\u0007"}]"#;
    let mut app = App::new(load(json), "t", Metrics::default());
    app.update(Msg::Resize(100, 30));
    let url = app
        .current_article()
        .and_then(|a| a.url.clone())
        .unwrap_or_default();
    assert!(
        !url.chars().any(char::is_control),
        "the store cleaned the link: {url:?}"
    );
    let plain = draw(&app);
    app.hyperlinks = true;
    let linked = draw(&app);
    let cells = |t: &Terminal<TestBackend>| -> Vec<String> {
        t.backend()
            .buffer()
            .content
            .iter()
            .map(|c| c.symbol().to_owned())
            .collect()
    };
    let (before, after) = (cells(&plain), cells(&linked));
    let changed: Vec<(&String, &String)> =
        before.iter().zip(&after).filter(|(a, b)| a != b).collect();
    assert_eq!(changed.len(), 2, "the first and last cell of the link");
    let open = format!("\u{1b}]8;;{url}\u{1b}\\");
    assert_eq!(*changed[0].1, format!("{open}{}", changed[0].0));
    assert_eq!(*changed[1].1, format!("{}\u{1b}]8;;\u{1b}\\", changed[1].0));
    // Taken out, the sequences leave cells without a control character.
    for s in &after {
        let rest = s.replace(&open, "").replace("\u{1b}]8;;\u{1b}\\", "");
        assert!(!rest.chars().any(char::is_control), "{s:?}");
    }
}

#[test]
fn a_link_with_a_control_character_is_never_written() {
    use ratatui::buffer::Buffer;
    use ratatui::layout::Rect;
    let mut buf = Buffer::with_lines(["https://x.vn/a"]);
    let before = buf.clone();
    tuinews::ui::draw::hyperlink(&mut buf, Rect::new(0, 0, 14, 1), "https://x.vn/\u{1b}[2J");
    assert_eq!(buf, before);
    tuinews::ui::draw::hyperlink(&mut buf, Rect::new(0, 0, 14, 1), "https://x.vn/a");
    assert_ne!(buf, before);
}
