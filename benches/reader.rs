//! Reader benchmark: `cargo bench --bench reader -- [SIZES]` (default `10k 100k`).
//!
//! For each size it generates a store (benches/support/store_gen.rs, seed 1), loads it, and
//! times in this process what a user waits for once the headlines are up: building the search
//! index (against the load itself), each filter kind and a search typed key by key in the
//! prompt (each with the index and without it, the way a search runs before the index is
//! ready, which is the baseline of the ratio), moving the selection, drawing a 200x60 frame and
//! finding one article's related stories. Every figure is the median of several runs; the
//! ratios are taken within one run of the benchmark, side by side, because this machine is
//! shared and noisy. A frame is 16.7 ms at 60 Hz: "frames" says how many a median takes.

use std::process::ExitCode;
use std::sync::Arc;
use std::time::Instant;

use ratatui::Terminal;
use ratatui::backend::TestBackend;
use tuinews::action::Action;
use tuinews::app::App;
use tuinews::msg::{Effect, Msg};
use tuinews::query::{DateFilter, Filter, PersonQuery, SearchIndex, SearchQuery};
use tuinews::store::Store;
use tuinews::text::Metrics;
use tuinews::ui::Theme;

#[path = "support/stats.rs"]
mod stats;
#[path = "support/store_gen.rs"]
mod store_gen;
use stats::{median, parse_size};

type Result<T> = std::result::Result<T, Box<dyn std::error::Error>>;

const FRAME: f64 = 1.0 / 60.0;

fn main() -> ExitCode {
    match run() {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("reader bench: {e}");
            ExitCode::FAILURE
        }
    }
}

/// The median time of `runs` calls of `f`.
fn time(runs: usize, mut f: impl FnMut()) -> f64 {
    median(
        (0..runs)
            .map(|_| {
                let t = Instant::now();
                f();
                t.elapsed().as_secs_f64()
            })
            .collect::<Vec<_>>(),
    )
}

fn ms(s: f64) -> String {
    format!("{:.2} ms", s * 1e3)
}

fn frames(s: f64) -> String {
    format!("{:.2}", s / FRAME)
}

fn run() -> Result<()> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let mut sizes = Vec::new();
    for a in args.iter().filter(|a| !a.starts_with('-')) {
        sizes.push(parse_size(a).ok_or_else(|| format!("not a size: {a:?} (e.g. 10k, 1M)"))?);
    }
    if sizes.is_empty() {
        sizes = vec![10_000, 100_000];
    }
    let dir = tempfile::tempdir()?;
    println!(
        "| articles | what | without the index | with the index | with / without | frames (with) |"
    );
    println!("|---:|---|---:|---:|---:|---:|");
    for n in sizes {
        let path = dir.path().join(format!("store-{n}.json"));
        store_gen::write_store(std::fs::File::create(&path)?, n, 1)?;
        bench_size(n, &path)?;
        std::fs::remove_file(&path)?;
    }
    Ok(())
}

fn bench_size(n: usize, path: &std::path::Path) -> Result<()> {
    let file_bytes = std::fs::metadata(path)?.len() as f64;
    let t = Instant::now();
    let store = Store::load_path(path)?;
    let load = t.elapsed().as_secs_f64();
    let runs = if n <= 20_000 { 9 } else { 5 };

    let t = Instant::now();
    let index = Arc::new(SearchIndex::of_store(&store.shared()));
    let build = t.elapsed().as_secs_f64();
    println!(
        "| {n} | index build (against the load: {}) | {} | {} | {:.2}x | in the background |",
        ms(load),
        ms(load),
        ms(build),
        build / load
    );
    println!(
        "| {n} | index size: {} tokens, {:.1} MB ({:.2}x the file) | | | | |",
        index.tokens(),
        index.bytes() as f64 / 1e6,
        index.bytes() as f64 / file_bytes
    );

    // The most frequent person, a common word, a range of months.
    let people = tuinews::persons::Persons::new(&store);
    let person = people
        .list
        .first()
        .map(|p| p.name.clone())
        .ok_or("the store has no persons")?;
    let today = jiff::civil::date(2026, 2, 1);
    let date = DateFilter::parse("2024-01..2024-06", today).map_err(|e| e.to_string())?;
    let filters: Vec<(&str, Filter)> = vec![
        (
            "person",
            Filter {
                persons: vec![PersonQuery::new(&person)],
                ..Filter::default()
            },
        ),
        (
            "date range",
            Filter {
                date: Some(date.clone()),
                ..Filter::default()
            },
        ),
        ("search, one word", search("hà")),
        ("search, one word typed without marks", search("ha")),
        ("search, three words", search("hợp tác kinh")),
        ("search, a phrase", search("\"hợp tác\"")),
        (
            "all combined",
            Filter {
                persons: vec![PersonQuery::new(&person)],
                date: Some(date),
                search: Some(SearchQuery::new("hợp tác")),
                ..Filter::default()
            },
        ),
    ];
    let zone = tuinews::zone::Zone::ARTICLE;
    let marks = tuinews::state::State::default();
    for (name, filter) in &filters {
        let mut hits = (0, 0);
        let without = time(runs, || {
            hits.0 = filter.apply_indexed(&store, &zone, &marks, None).len();
        });
        let with = time(runs, || {
            hits.1 = filter
                .apply_indexed(&store, &zone, &marks, Some(&index))
                .len();
        });
        if hits.0 != hits.1 {
            return Err(
                format!("{name}: {} hits without the index, {} with", hits.0, hits.1).into(),
            );
        }
        println!(
            "| {n} | filter: {name} ({} hits) | {} | {} | {:.3}x | {} |",
            hits.0,
            ms(without),
            ms(with),
            with / without,
            frames(with)
        );
    }

    // A search typed key by key in the reader's prompt: the slowest key.
    let typed = "pham minh";
    let slowest_key = |index: Option<Arc<SearchIndex>>| -> f64 {
        let mut app = App::new(store.clone(), "bench", Metrics::default());
        app.index = index;
        // The work itself, as a store too small for the background would do it.
        app.background_from = usize::MAX;
        app.update(Msg::Resize(200, 60));
        let mut worst: f64 = 0.0;
        for _ in 0..runs.min(3) {
            app.update(Action::Search);
            for c in typed.chars() {
                let t = Instant::now();
                app.update(Msg::Text(c.to_string()));
                worst = worst.max(t.elapsed().as_secs_f64());
            }
            app.update(Action::Escape);
        }
        worst
    };
    let without = slowest_key(None);
    let with = slowest_key(Some(Arc::clone(&index)));
    println!(
        "| {n} | slowest key typing \"{typed}\" in the search prompt | {} | {} | {:.3}x | {} |",
        ms(without),
        ms(with),
        with / without,
        frames(with)
    );

    // A quoted phrase typed as the reader answers it: from 5k articles on, a search the index
    // does not settle runs on a thread (`Effect::Filter`), so a key costs only its own update;
    // then how long the last key's search takes to land.
    let phrase = "\"hợp tác\"";
    let mut app = App::new(store.clone(), "bench", Metrics::default());
    app.index = Some(Arc::clone(&index));
    app.update(Msg::Resize(200, 60));
    let (mut worst, mut land): (f64, Vec<f64>) = (0.0, Vec::new());
    for _ in 0..runs.min(3) {
        app.update(Action::Search);
        let mut last = None;
        for c in phrase.chars() {
            let t = Instant::now();
            let effects = app.update(Msg::Text(c.to_string()));
            worst = worst.max(t.elapsed().as_secs_f64());
            last = effects
                .into_iter()
                .filter_map(|e| match e {
                    Effect::Filter(job) => Some(job),
                    _ => None,
                })
                .last()
                .or(last);
        }
        if let Some(job) = last {
            let t = Instant::now();
            let applied = job.run().ok_or("the last search gave nothing")?;
            land.push(t.elapsed().as_secs_f64());
            app.update(Msg::Filtered(Box::new(applied)));
        }
        app.update(Action::Escape);
    }
    println!(
        "| {n} | slowest key typing {phrase} in the search prompt (searched in the background: {}) | | {} | | {} |",
        if land.is_empty() { "no" } else { "yes" },
        ms(worst),
        frames(worst)
    );
    if !land.is_empty() {
        let land = median(land);
        println!(
            "| {n} | ... its search landing after the last key | | {} | | {} |",
            ms(land),
            frames(land)
        );
    }

    // Moving, drawing, related stories: no index involved; "without" is blank.
    let mut app = App::new(store.clone(), "bench", Metrics::default());
    app.update(Msg::Resize(200, 60));
    let down = time(runs * 20, || {
        app.update(Action::Down);
    });
    println!(
        "| {n} | move the selection down one | | {} | | {} |",
        ms(down),
        frames(down)
    );
    let mut terminal = Terminal::new(TestBackend::new(200, 60))?;
    let theme = Theme::default();
    let draw = time(runs * 4, || {
        let _ = terminal.draw(|f| tuinews::ui::render(&app, &theme, f));
    });
    println!(
        "| {n} | draw a 200x60 frame | | {} | | {} |",
        ms(draw),
        frames(draw)
    );
    let persons = tuinews::related::PersonIndex::new(&store);
    let ix = app.current.ok_or("no article shown")?;
    let mut found = 0;
    let related = time(runs * 4, || {
        found = tuinews::related::related(&store, &persons, None, ix).len();
    });
    println!(
        "| {n} | related stories of one article ({found}) | | {} | | {} |",
        ms(related),
        frames(related)
    );
    // Related by content: the vectors are built in the background after the search index;
    // a query walks the postings of the article's kept terms.
    let t = Instant::now();
    let similar = tuinews::similar::ContentIndex::of_store(&store.shared());
    let build = t.elapsed().as_secs_f64();
    println!(
        "| {n} | content vectors build (against the load: {}) | {} | {} | {:.2}x | in the background |",
        ms(load),
        ms(load),
        ms(build),
        build / load
    );
    let mut worst: f64 = 0.0;
    let mut with_content = 0;
    let mut samples = Vec::new();
    // Several articles: the cost of a query depends on how common the article's terms are.
    for (k, (i, _)) in store
        .iter()
        .enumerate()
        .filter(|(k, _)| k % (n / 50).max(1) == 0)
    {
        let _ = k;
        let t = Instant::now();
        with_content = tuinews::related::related(&store, &persons, Some(&similar), i).len();
        let took = t.elapsed().as_secs_f64();
        worst = worst.max(took);
        samples.push(took);
    }
    let typical = median(samples);
    println!(
        "| {n} | related stories with content ({with_content} for the last; median of 50 articles, worst {}) | | {} | | {} |",
        ms(worst),
        ms(typical),
        frames(typical)
    );
    Ok(())
}

fn search(q: &str) -> Filter {
    Filter {
        search: Some(SearchQuery::new(q)),
        ..Filter::default()
    }
}
