//! Importing each seed page reproduces the sample store's article for it: title, lead, body
//! paragraphs, captions once, the listed stories (with their sections, summaries, captions,
//! persons and dates), and the persons and date of the page's own article. The sample's ids are
//! hand-made slugs, so articles are compared by everything but the id, and links by the linked
//! stories' titles.
//!
//! It also measures person extraction against the expected lists and prints precision and
//! recall (`cargo test --test import_seeds -- --nocapture` shows them).

use std::path::PathBuf;

use tuinews::import::{self, Options};
use tuinews::store::{Article, EMBEDDED_SAMPLE, Store};

const SEED_000: &str = "000_c0bbaa08955b628d.txt";
const SEED_001: &str = "001_408ef0121ea63bab.txt";

/// The people named in each seed page's own article, as the sample records them (and as a reader
/// of the page would list them): every one must be found and nothing else.
const EXPECTED_000: &[&str] = &["Phạm Minh Chính", "Shii Kazuo", "Nguyễn Phú Trọng"];
const EXPECTED_001: &[&str] = &[
    "Ogata Yasuo",
    "Vũ Hồng Nam",
    "Lê Hoài Trung",
    "Shii Kazuo",
    "Nguyễn Phú Trọng",
];

fn seed(name: &str) -> Vec<u8> {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("sample-data")
        .join("seeds")
        .join(name);
    std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// The page 000 meeting is "Sáng 24/11" with no year anywhere in its article; the sample's 2021
/// comes from knowing the visit (November 2021), which the importer is told with `--year`. Its
/// listed stories take 2026 from their own block, whatever the year given.
fn options(year: Option<i16>) -> Options {
    Options {
        today: jiff::civil::date(2026, 2, 1),
        year,
    }
}

fn import(name: &str, year: Option<i16>) -> Store {
    let imported = match import::read(name, &seed(name), None, &options(year)) {
        Ok(i) => i,
        Err(e) => panic!("{e}"),
    };
    assert_eq!(imported.format, import::Format::Text);
    let store = Store::from_raw(name, imported.articles);
    assert!(store.warnings.is_empty(), "{:?}", store.warnings);
    store
}

fn sample() -> Store {
    match Store::parse(EMBEDDED_SAMPLE, "sample") {
        Ok(s) => s,
        Err(e) => panic!("{e}"),
    }
}

/// An article as the comparison sees it: every field but the id, links by title.
fn view(store: &Store, a: &Article) -> String {
    let related: Vec<&str> = a
        .related
        .iter()
        .filter_map(|id| store.get(id))
        .map(|r| r.title.as_str())
        .collect();
    format!(
        "title: {}\npublished: {:?}\nsection: {:?}\nsummary: {}\nbody: {:#?}\ncaptions: {:#?}\npersons: {:?}\nrelated: {:#?}\n",
        a.title,
        a.published.map(|p| p.iso()),
        a.section,
        a.summary,
        a.body,
        a.captions,
        a.persons,
        related
    )
}

/// The page's own article and every story it lists, in the page's order.
fn page_views(store: &Store, title: &str) -> Vec<String> {
    let Some(main) = store.articles().iter().find(|a| a.title == title) else {
        panic!("no article titled {title:?}");
    };
    let mut v = vec![view(store, main)];
    v.extend(
        main.related
            .iter()
            .filter_map(|id| store.get(id))
            .map(|a| view(store, a)),
    );
    v
}

fn reproduces(name: &str, year: Option<i16>) {
    let got = import(name, year);
    let want = sample();
    let title = got.articles()[0].title.clone();
    let (got, want) = (page_views(&got, &title), page_views(&want, &title));
    assert_eq!(got.len(), want.len(), "number of stories on the page");
    for (g, w) in got.iter().zip(&want) {
        assert_eq!(g, w);
    }
}

#[test]
fn importing_seed_000_reproduces_its_sample_articles() {
    reproduces(SEED_000, Some(2021));
}

#[test]
fn importing_seed_001_reproduces_its_sample_articles() {
    reproduces(SEED_001, None);
}

#[test]
fn without_a_year_the_meeting_takes_the_latest_year_before_the_import_and_says_so() {
    let imported = match import::read(SEED_000, &seed(SEED_000), None, &options(None)) {
        Ok(i) => i,
        Err(e) => panic!("{e}"),
    };
    let store = Store::from_raw(SEED_000, imported.articles);
    assert_eq!(
        store.articles()[0].published.map(|p| p.iso()).as_deref(),
        Some("2025-11-24")
    );
    assert_eq!(
        imported.year_from[0],
        Some(import::dates::YearFrom::ImportDate)
    );
}

/// Precision and recall of person extraction over a list of (found, expected).
fn measure(cases: &[(Vec<String>, Vec<String>)]) -> (f64, f64, Vec<String>) {
    let (mut hit, mut found, mut expected) = (0usize, 0usize, 0usize);
    let mut misses = Vec::new();
    for (got, want) in cases {
        found += got.len();
        expected += want.len();
        for g in got {
            if want.contains(g) {
                hit += 1;
            } else {
                misses.push(format!("extra: {g}"));
            }
        }
        misses.extend(
            want.iter()
                .filter(|w| !got.contains(w))
                .map(|w| format!("missed: {w}")),
        );
    }
    let ratio = |a: usize, b: usize| if b == 0 { 1.0 } else { a as f64 / b as f64 };
    (ratio(hit, found), ratio(hit, expected), misses)
}

fn extracted(a: &Article) -> Vec<String> {
    let mut texts = vec![a.title.as_str(), a.summary.as_str()];
    texts.extend(a.body.iter().map(String::as_str));
    texts.extend(a.captions.iter().map(String::as_str));
    import::persons::extract(&texts)
}

#[test]
fn person_extraction_finds_everyone_in_both_seed_articles_and_nothing_else() {
    let mut main_cases = Vec::new();
    for (name, want) in [(SEED_000, EXPECTED_000), (SEED_001, EXPECTED_001)] {
        let store = import(name, Some(2021));
        let got = extracted(&store.articles()[0]);
        main_cases.push((got, want.iter().map(|s| (*s).to_owned()).collect()));
    }
    let (precision, recall, misses) = measure(&main_cases);
    println!(
        "persons in the seed articles: precision {:.1}%, recall {:.1}%",
        precision * 100.0,
        recall * 100.0
    );
    assert!(misses.is_empty(), "{misses:?}");
    assert_eq!((precision, recall), (1.0, 1.0));
}

#[test]
fn person_extraction_on_every_listed_story_matches_the_sample() {
    let sample = sample();
    let cases: Vec<(Vec<String>, Vec<String>)> = sample
        .articles()
        .iter()
        .skip(2)
        .map(|a| (extracted(a), a.persons.iter().map(String::from).collect()))
        .collect();
    let (precision, recall, misses) = measure(&cases);
    println!(
        "persons in the {} listed stories: precision {:.1}%, recall {:.1}%",
        cases.len(),
        precision * 100.0,
        recall * 100.0
    );
    assert!(misses.is_empty(), "{misses:?}");
}

/// `sample-data/articles.json` is what the importer makes of the two seed pages, byte for byte
/// (as `bash sample-data/rebuild` makes it): the sample is never edited by hand.
#[test]
fn the_sample_store_is_the_importers_output() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let out = dir.path().join("articles.json");
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("sample-data");
    let mut fetcher = import::fetch::Fetcher::new(import::fetch::Config::default());
    for (name, year) in [(SEED_000, Some(2021)), (SEED_001, None)] {
        let source = root.join("seeds").join(name).display().to_string();
        let report = import::run(&[source], &out, &options(year), &mut fetcher);
        assert!(!report.failed(), "{:?}", report.lines());
    }
    let made = std::fs::read_to_string(&out).unwrap_or_else(|e| panic!("{e}"));
    assert!(
        made == EMBEDDED_SAMPLE,
        "sample-data/articles.json differs from the importer's output: run bash sample-data/rebuild"
    );
}
