//! Checks `sample-data/articles.json` against the two scraped pages it was
//! built from (`sample-data/seeds/*.txt`): structure, ids, faithful wording,
//! persons, dates, and the number of stories each listing block shows.
//!
//! Uses only std + serde_json.

use serde_json::Value;
use std::collections::{HashMap, HashSet};
use std::fs;
use std::path::PathBuf;

const SEED_000: &str = "000_c0bbaa08955b628d.txt";
const SEED_001: &str = "001_408ef0121ea63bab.txt";

/// The listing blocks the two pages show, by their heading line.
const SECTIONS: [&str; 6] = [
    "Có thể bạn quan tâm",
    "Tin bài liên quan",
    "Các tin bài khác",
    "Đọc nhiều",
    "Bờ cõi biển đảo",
    "Multimedia",
];

/// The line under "Bờ cõi biển đảo" is the block's navigation, not a story.
const BLOCK_NAV: &str = "Miền đất - Con người Cuộc sống vùng biên Nhịp sống biển đảo Lịch sử chủ quyền Giao lưu hữu nghị";

const ALLOWED_KEYS: [&str; 10] = [
    "id",
    "title",
    "published",
    // The importer marks a date whose year the page did not write (page 000's "Sáng 24/11").
    "published_year_inferred",
    "section",
    "summary",
    "body",
    "captions",
    "persons",
    "related",
];

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("sample-data")
}

struct Seed {
    name: String,
    text: String,
}

impl Seed {
    fn lines(&self) -> Vec<&str> {
        self.text.lines().collect()
    }
}

fn seeds() -> Vec<Seed> {
    let mut v: Vec<Seed> = fs::read_dir(root().join("seeds"))
        .expect("sample-data/seeds exists")
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "txt"))
        .map(|p| Seed {
            name: p.file_name().unwrap().to_string_lossy().into_owned(),
            text: fs::read_to_string(&p).expect("seed is UTF-8"),
        })
        .collect();
    v.sort_by(|a, b| a.name.cmp(&b.name));
    v
}

fn load() -> (String, Vec<Value>) {
    let raw = fs::read_to_string(root().join("articles.json")).expect("articles.json readable");
    let doc: Value = serde_json::from_str(&raw).expect("articles.json parses");
    let arts = doc
        .get("articles")
        .and_then(Value::as_array)
        .expect("top-level {\"articles\": [...]}")
        .clone();
    (raw, arts)
}

/// The main article of each seed page (its title is the page's first line): the page's first
/// article in the store, its listed stories after it.
fn mains(arts: &[Value], seeds: &[Seed]) -> Vec<usize> {
    seeds
        .iter()
        .map(|seed| {
            let title = seed.lines().first().copied();
            arts.iter()
                .position(|a| s(a, "title") == title)
                .unwrap_or_else(|| panic!("no main article for {}", seed.name))
        })
        .collect()
}

fn s<'a>(a: &'a Value, k: &str) -> Option<&'a str> {
    a.get(k).map(|v| {
        v.as_str()
            .unwrap_or_else(|| panic!("{k} must be a string: {a}"))
    })
}

fn arr<'a>(a: &'a Value, k: &str) -> Vec<&'a str> {
    match a.get(k) {
        None => vec![],
        Some(v) => v
            .as_array()
            .unwrap_or_else(|| panic!("{k} must be an array: {a}"))
            .iter()
            .map(|x| {
                x.as_str()
                    .unwrap_or_else(|| panic!("{k} items must be strings: {a}"))
            })
            .collect(),
    }
}

fn id(a: &Value) -> &str {
    s(a, "id").expect("every article has an id")
}

/// The article's own text, in field order: title, summary, body, captions.
fn own_texts(a: &Value) -> Vec<&str> {
    let mut t = vec![s(a, "title").expect("every article has a title")];
    t.extend(s(a, "summary"));
    t.extend(arr(a, "body"));
    t.extend(arr(a, "captions"));
    t
}

/// A listing block: the non-empty lines between its heading and the next heading.
struct Block {
    seed: usize,
    heading_line: usize,
    lines: Vec<(usize, String)>,
}

fn blocks(seeds: &[Seed]) -> HashMap<&'static str, Block> {
    let mut out = HashMap::new();
    for sec in SECTIONS {
        let mut found = vec![];
        for (si, seed) in seeds.iter().enumerate() {
            for (li, l) in seed.lines().iter().enumerate() {
                if *l == sec {
                    found.push((si, li));
                }
            }
        }
        assert_eq!(
            found.len(),
            1,
            "heading {sec:?} must occur exactly once as a seed line"
        );
        let (si, li) = found[0];
        let lines: Vec<(usize, String)> = seeds[si]
            .lines()
            .iter()
            .enumerate()
            .skip(li + 1)
            .take_while(|(_, l)| !SECTIONS.contains(l))
            .filter(|(_, l)| !l.trim().is_empty())
            .map(|(i, l)| (i, l.to_string()))
            .collect();
        out.insert(
            sec,
            Block {
                seed: si,
                heading_line: li,
                lines,
            },
        );
    }
    out
}

#[test]
fn seeds_are_the_two_pages() {
    let names: Vec<String> = seeds().into_iter().map(|s| s.name).collect();
    assert_eq!(names, vec![SEED_000.to_string(), SEED_001.to_string()]);
}

#[test]
fn file_shape_and_ids() {
    let (raw, arts) = load();
    assert!(
        raw.starts_with("{\n  \"articles\": [\n"),
        "pretty-printed, 2-space indent"
    );
    assert!(raw.ends_with('\n'), "ends with a newline");
    assert!(!arts.is_empty());

    let mut seen = HashSet::new();
    for a in &arts {
        let obj = a.as_object().expect("article is an object");
        for k in obj.keys() {
            assert!(
                ALLOWED_KEYS.contains(&k.as_str()),
                "unknown key {k:?} in {}",
                id(a)
            );
        }
        let i = id(a);
        assert!(
            !i.is_empty()
                && i.len() <= 64
                && i.bytes()
                    .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
                && !i.starts_with('-')
                && !i.ends_with('-')
                && !i.contains("--"),
            "id {i:?} must be an ASCII kebab-case slug"
        );
        assert!(seen.insert(i.to_string()), "duplicate id {i:?}");
        for k in ["body", "captions", "persons", "related"] {
            if let Some(v) = a.get(k) {
                assert!(
                    !v.as_array().expect("array").is_empty(),
                    "{i}: empty {k} should be left out"
                );
            }
        }
    }
}

#[test]
fn related_ids_exist() {
    let (_, arts) = load();
    let ids: HashSet<&str> = arts.iter().map(id).collect();
    for a in &arts {
        for r in arr(a, "related") {
            assert!(
                ids.contains(r),
                "{}: related id {r:?} does not exist",
                id(a)
            );
            assert_ne!(r, id(a), "{}: relates to itself", id(a));
        }
    }
}

#[test]
fn wording_is_verbatim_from_the_seeds() {
    let (_, arts) = load();
    let seeds = seeds();
    for a in &arts {
        for t in own_texts(a) {
            assert!(!t.trim().is_empty(), "{}: empty text", id(a));
            assert!(
                seeds.iter().any(|s| s.text.contains(t)),
                "{}: not verbatim in any seed: {t:?}",
                id(a)
            );
        }
        let body = arr(a, "body");
        let caps = arr(a, "captions");
        let uniq: HashSet<&&str> = caps.iter().collect();
        assert_eq!(uniq.len(), caps.len(), "{}: a caption is repeated", id(a));
        for c in &caps {
            assert!(!body.contains(c), "{}: caption also in body: {c:?}", id(a));
        }
    }
}

#[test]
fn persons_occur_in_their_article_in_order_of_first_mention() {
    let (_, arts) = load();
    for a in &arts {
        let text = own_texts(a).join("\n");
        let persons = arr(a, "persons");
        let uniq: HashSet<&&str> = persons.iter().collect();
        assert_eq!(uniq.len(), persons.len(), "{}: a person is repeated", id(a));
        let mut last = None;
        for p in persons {
            let pos = text
                .find(p)
                .unwrap_or_else(|| panic!("{}: person {p:?} not in its text", id(a)));
            assert!(
                last < Some(pos),
                "{}: {p:?} is out of first-mention order",
                id(a)
            );
            last = Some(pos);
        }
    }
}

/// Does `form` (e.g. "28/1") occur in `text` not glued to other digits?
fn has_day_month(text: &str, form: &str) -> bool {
    text.match_indices(form).any(|(i, _)| {
        let before = text[..i].chars().next_back();
        let after = text[i + form.len()..].chars().next();
        !before.is_some_and(|c| c.is_ascii_digit()) && !after.is_some_and(|c| c.is_ascii_digit())
    })
}

#[test]
fn published_dates_are_plain_and_stated_by_the_story() {
    let (_, arts) = load();
    for a in &arts {
        let Some(p) = s(a, "published") else { continue };
        let parts: Vec<&str> = p.split('-').collect();
        assert!(
            parts.len() == 3
                && parts[0].len() == 4
                && parts[1].len() == 2
                && parts[2].len() == 2
                && parts.iter().all(|x| x.bytes().all(|b| b.is_ascii_digit())),
            "{}: published {p:?} must be a plain YYYY-MM-DD date",
            id(a)
        );
        let m: u32 = parts[1].parse().unwrap();
        let d: u32 = parts[2].parse().unwrap();
        assert!(
            (1..=12).contains(&m) && (1..=31).contains(&d),
            "{}: bad date {p}",
            id(a)
        );
        let text = own_texts(a).join("\n");
        let forms = [
            format!("{d}/{m}"),
            format!("{d:02}/{m:02}"),
            format!("{d}/{m:02}"),
            format!("{d:02}/{m}"),
        ];
        assert!(
            forms.iter().any(|f| has_day_month(&text, f)),
            "{}: published {p} but its text never says {}",
            id(a),
            forms[0]
        );
    }
}

#[test]
fn main_articles() {
    let (_, arts) = load();
    let seeds = seeds();
    assert!(arts.len() >= 2);
    let main = mains(&arts, &seeds);
    assert_eq!(main[0], 0, "page 000's main article comes first");
    for (&i, seed) in main.iter().zip(&seeds) {
        assert!(
            arts[i].get("section").is_none(),
            "main article of {}: no section on the page",
            seed.name
        );
    }
    let m0 = &arts[main[0]];
    assert_eq!(s(m0, "published"), Some("2021-11-24"));
    assert!(arr(m0, "persons").contains(&"Phạm Minh Chính"));
    assert!(s(m0, "summary").is_some_and(|t| t.starts_with("Sáng 24/11, tại Tokyo")));
    let m1 = &arts[main[1]];
    assert!(
        m1.get("summary").is_none(),
        "page 001 has no lead paragraph"
    );
    assert!(m1.get("published").is_none(), "page 001 gives no date");
    assert_eq!(
        arr(m1, "captions"),
        vec!["Quang cảnh Hội nghị. (Ảnh: TTXVN)"]
    );
    for a in arts
        .iter()
        .enumerate()
        .filter(|(i, _)| !main.contains(i))
        .map(|(_, a)| a)
    {
        assert!(
            a.get("related").is_none(),
            "{}: only main articles have related",
            id(a)
        );
        assert!(
            a.get("body").is_none(),
            "{}: listed stories have no body on the pages",
            id(a)
        );
    }
}

#[test]
fn sections_match_the_listing_blocks() {
    let (_, arts) = load();
    let seeds = seeds();
    let blocks = blocks(&seeds);

    // The navigation line is really in the "Bờ cõi biển đảo" block.
    assert!(
        blocks["Bờ cõi biển đảo"]
            .lines
            .iter()
            .any(|(_, l)| l == BLOCK_NAV)
    );

    for sec in SECTIONS {
        let b = &blocks[sec];
        let members: Vec<&Value> = arts
            .iter()
            .filter(|a| s(a, "section") == Some(sec))
            .collect();
        let block_lines: Vec<&str> = b.lines.iter().map(|(_, l)| l.as_str()).collect();

        let expected = if block_lines.iter().any(|l| l.contains("(Ảnh:")) {
            // Caption / title / summary blocks ("Có thể bạn quan tâm"). Captions
            // and summaries are sentences (they end in "." or in a ")" photo
            // credit); a listed title has no final punctuation. A title line
            // repeated verbatim (the caption-less "[Video] ..." item) is one story.
            // So stories = distinct lines without final "." or ")".
            let titles: HashSet<&str> = block_lines
                .iter()
                .copied()
                .filter(|l| !l.ends_with('.') && !l.ends_with(')'))
                .collect();
            let summaries: Vec<&str> = members.iter().filter_map(|a| s(a, "summary")).collect();
            for a in &members {
                let t = s(a, "title").unwrap();
                let sum =
                    s(a, "summary").unwrap_or_else(|| panic!("{}: block gives a summary", id(a)));
                let k = block_lines
                    .iter()
                    .position(|l| *l == t)
                    .unwrap_or_else(|| panic!("{}: title is not a line of block {sec}", id(a)));
                // After the title (and its verbatim repeat, if any) comes its summary.
                let next = block_lines[k + 1..].iter().find(|l| **l != t);
                assert_eq!(next, Some(&sum), "{}: summary must follow the title", id(a));
                // Before the title: its caption, or (caption-less) the previous
                // story's summary / the heading.
                let caps = arr(a, "captions");
                assert!(caps.len() <= 1, "{}: one caption per listed story", id(a));
                let prev = k.checked_sub(1).map(|j| block_lines[j]);
                match caps.first() {
                    Some(c) => {
                        assert_eq!(prev, Some(*c), "{}: caption must precede the title", id(a))
                    }
                    None => assert!(
                        prev.is_none_or(|p| summaries.contains(&p)),
                        "{}: the line before the title looks like a caption: {prev:?}",
                        id(a)
                    ),
                }
            }
            titles.len()
        } else {
            // Title-only blocks: one story per line, except the navigation line.
            let titles: Vec<&str> = block_lines
                .iter()
                .copied()
                .filter(|l| *l != BLOCK_NAV)
                .collect();
            let got: Vec<&str> = members.iter().map(|a| s(a, "title").unwrap()).collect();
            assert_eq!(
                got, titles,
                "{sec}: titles must be the block's lines, in page order"
            );
            titles.len()
        };
        assert_eq!(members.len(), expected, "{sec}: number of stories");

        // Page order inside the block; titles are whole block lines.
        let mut last = None;
        for a in &members {
            let t = s(a, "title").unwrap();
            let pos = b
                .lines
                .iter()
                .find(|(_, l)| l == t)
                .map(|(i, _)| *i)
                .unwrap_or_else(|| panic!("{}: title is not a line of block {sec}", id(a)));
            assert!(
                pos > b.heading_line && last < Some(pos),
                "{}: out of page order",
                id(a)
            );
            last = Some(pos);
        }
    }

    // Every non-main article belongs to one of the blocks.
    let main = mains(&arts, &seeds);
    for a in arts
        .iter()
        .enumerate()
        .filter(|(i, _)| !main.contains(i))
        .map(|(_, a)| a)
    {
        let sec =
            s(a, "section").unwrap_or_else(|| panic!("{}: listed story needs a section", id(a)));
        assert!(
            SECTIONS.contains(&sec),
            "{}: unknown section {sec:?}",
            id(a)
        );
    }

    // Numbers counted by reading the seeds, as a second opinion on the computation above.
    let count = |sec: &str| arts.iter().filter(|a| s(a, "section") == Some(sec)).count();
    assert_eq!(count("Có thể bạn quan tâm"), 7);
    assert_eq!(count("Tin bài liên quan"), 3);
    assert_eq!(count("Các tin bài khác"), 4);
    assert_eq!(count("Đọc nhiều"), 4);
    assert_eq!(count("Bờ cõi biển đảo"), 3);
    assert_eq!(count("Multimedia"), 22);
    assert_eq!(arts.len(), 2 + 7 + 3 + 4 + 4 + 3 + 22);
}

#[test]
fn main_articles_relate_to_every_story_their_page_lists() {
    let (_, arts) = load();
    let seeds = seeds();
    let blocks = blocks(&seeds);
    let main = mains(&arts, &seeds);
    for (i, seed) in seeds.iter().enumerate() {
        // Stories of this page, in page order (blocks by heading line, then article order).
        let mut secs: Vec<&&str> = SECTIONS.iter().filter(|s| blocks[**s].seed == i).collect();
        secs.sort_by_key(|s| blocks[**s].heading_line);
        let expected: Vec<&str> = secs
            .iter()
            .flat_map(|sec| {
                arts.iter()
                    .filter(move |a| s(a, "section") == Some(**sec))
                    .map(id)
            })
            .collect();
        assert!(!expected.is_empty(), "{} lists stories", seed.name);
        assert_eq!(
            arr(&arts[main[i]], "related"),
            expected,
            "related of the main article of {}",
            seed.name
        );
    }
    // Overall order: each page's main article, then the stories it lists, page 000 first.
    let order: Vec<&str> = arts.iter().map(id).collect();
    let pages: Vec<&str> = main
        .iter()
        .flat_map(|&m| std::iter::once(id(&arts[m])).chain(arr(&arts[m], "related")))
        .collect();
    assert_eq!(
        order, pages,
        "each main article must be followed by its page's stories in page order"
    );
}
