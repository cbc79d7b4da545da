//! The command line, through the real binary: `list`, `persons`, `show`, `check`, fatal errors,
//! which store is opened, and what never reaches the terminal.
//!
//! Every command runs with `TUINEWS_STORE` and `XDG_DATA_HOME` removed and `HOME` set to an empty
//! temporary directory, so the embedded sample is used unless a test says otherwise.

use std::fs;
use std::path::{Path, PathBuf};

use assert_cmd::Command;
use serde_json::{Value, json};
use tempfile::TempDir;
use tuinews::store::EMBEDDED_SAMPLE;
use unicode_normalization::UnicodeNormalization;
use unicode_segmentation::UnicodeSegmentation;
use unicode_width::UnicodeWidthStr;

const SHII_ID: &str = "tang-cuong-hop-tac-giao-luu-giua-hai-nuoc-hai-1e474317";
const SHII_TITLE: &str =
    "Tăng cường hợp tác, giao lưu giữa hai nước, hai Đảng Cộng sản Việt Nam và Nhật Bản";

/// A sandbox: an empty home and a place for store files.
struct Sandbox {
    dir: TempDir,
}

impl Sandbox {
    fn new() -> Sandbox {
        let dir = tempfile::tempdir().expect("tempdir");
        fs::create_dir_all(dir.path().join("home")).expect("mkdir home");
        Sandbox { dir }
    }

    fn home(&self) -> PathBuf {
        self.dir.path().join("home")
    }

    /// `tuinews` with a clean environment.
    fn cmd(&self) -> Command {
        let mut c = Command::cargo_bin("tuinews").expect("the tuinews binary");
        c.env_remove("TUINEWS_STORE")
            .env_remove("XDG_DATA_HOME")
            .env_remove("RUST_BACKTRACE")
            .env_remove("RUST_LIB_BACKTRACE")
            .env_remove("XDG_CONFIG_HOME")
            .env_remove("LC_ALL")
            .env_remove("LC_MESSAGES")
            .env_remove("LANG")
            .env("HOME", self.home())
            .env("NO_COLOR", "1");
        c
    }

    /// Writes a store file and returns its path.
    fn store(&self, name: &str, v: &Value) -> PathBuf {
        self.bytes(name, v.to_string().as_bytes())
    }

    fn bytes(&self, name: &str, bytes: &[u8]) -> PathBuf {
        let p = self.dir.path().join(name);
        if let Some(parent) = p.parent() {
            fs::create_dir_all(parent).expect("mkdir");
        }
        fs::write(&p, bytes).expect("write store");
        p
    }
}

struct Run {
    code: i32,
    stdout: String,
    stderr: String,
    raw_stdout: Vec<u8>,
    raw_stderr: Vec<u8>,
}

fn run(cmd: &mut Command) -> Run {
    let out = cmd.output().expect("tuinews runs");
    Run {
        code: out.status.code().unwrap_or(-1),
        stdout: String::from_utf8(out.stdout.clone()).expect("stdout is UTF-8"),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
        raw_stdout: out.stdout,
        raw_stderr: out.stderr,
    }
}

fn tuinews(sb: &Sandbox, args: &[&str]) -> Run {
    run(sb.cmd().args(args))
}

fn ok(sb: &Sandbox, args: &[&str]) -> Run {
    let r = tuinews(sb, args);
    assert_eq!(r.code, 0, "tuinews {args:?} failed:\n{}", r.stderr);
    r
}

/// Any run of Unicode whitespace becomes one space (the sample writes some no-break spaces).
fn squash(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn columns(line: &str) -> usize {
    line.graphemes(true).map(UnicodeWidthStr::width).sum()
}

fn assert_no_panic(r: &Run) {
    for bad in ["panicked", "RUST_BACKTRACE", "stack backtrace"] {
        assert!(
            !r.stderr.contains(bad),
            "stderr shows {bad:?}:\n{}",
            r.stderr
        );
        assert!(
            !r.stdout.contains(bad),
            "stdout shows {bad:?}:\n{}",
            r.stdout
        );
    }
}

/// The embedded sample as plain JSON, to compute what the commands should print.
fn sample_articles() -> Vec<Value> {
    let v: Value = serde_json::from_str(EMBEDDED_SAMPLE).expect("sample is JSON");
    v.get("articles")
        .or(Some(&v))
        .and_then(Value::as_array)
        .cloned()
        .expect("an array of articles")
}

fn json_lines(stdout: &str) -> Vec<Value> {
    stdout
        .lines()
        .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("{l:?} is not JSON: {e}")))
        .collect()
}

// ---------------------------------------------------------------------------------------------
// list

/// The `id` of every line of `list --json` output, in order.
fn ids_of(stdout: &str) -> Vec<Value> {
    json_lines(stdout).iter().map(|v| v["id"].clone()).collect()
}

#[test]
fn list_person_without_accents_prints_the_2021_article() {
    let sb = Sandbox::new();
    let r = ok(&sb, &["list", "--person", "pham minh chinh"]);
    let line = r
        .stdout
        .lines()
        .find(|l| squash(l).contains(SHII_TITLE))
        .unwrap_or_else(|| panic!("no line with the 2021 title:\n{}", r.stdout));
    assert!(line.contains("24/11/2021"), "{line}");
    assert!(line.contains("Phạm Minh Chính"), "{line}");
    // The other article naming him is newer, so it comes first.
    assert_eq!(r.stdout.lines().count(), 2, "{}", r.stdout);
    assert!(
        r.stdout.lines().last().is_some_and(|l| l == line),
        "the 2021 article is listed after the 2026 one:\n{}",
        r.stdout
    );
}

#[test]
fn list_person_in_other_spellings() {
    let sb = Sandbox::new();
    let nfd: String = "Phạm Minh Chính".nfd().collect();
    for q in [
        "Phạm Minh Chính",
        "Minh Chính",
        "PHẠM MINH CHÍNH",
        nfd.as_str(),
    ] {
        let r = ok(&sb, &["list", "--person", q, "--count"]);
        assert_eq!(r.stdout, "2\n", "{q:?}");
    }
    let r = ok(&sb, &["list", "--person", "inh", "--count"]);
    assert_eq!(r.stdout, "0\n");
    // Both must match.
    let r = ok(
        &sb,
        &[
            "list",
            "--person",
            "pham minh chinh",
            "--person",
            "shii kazuo",
            "--json",
        ],
    );
    let ids = ids_of(&r.stdout);
    assert_eq!(ids, [json!(SHII_ID)]);
}

#[test]
fn list_count_prints_just_the_number() {
    let sb = Sandbox::new();
    let all = sample_articles().len();
    assert_eq!(ok(&sb, &["list", "--count"]).stdout, format!("{all}\n"));
    let with_man = sample_articles()
        .iter()
        .filter(|a| {
            a["persons"]
                .as_array()
                .is_some_and(|p| p.iter().any(|n| n == "Trần Thanh Mẫn"))
        })
        .count();
    assert_eq!(
        ok(&sb, &["list", "--person", "tran thanh man", "--count"]).stdout,
        format!("{with_man}\n")
    );
    assert_eq!(
        ok(&sb, &["list", "--date", "2021", "--count"]).stdout,
        "1\n"
    );
}

#[test]
fn list_json_lines_have_id_title_published_persons() {
    let sb = Sandbox::new();
    let r = ok(&sb, &["list", "--json"]);
    let lines = json_lines(&r.stdout);
    assert_eq!(lines.len(), sample_articles().len());
    for v in &lines {
        assert!(v["id"].is_string(), "{v}");
        assert!(v["title"].is_string(), "{v}");
        assert!(
            v.get("published")
                .is_some_and(|p| p.is_string() || p.is_null()),
            "{v}"
        );
        assert!(v["persons"].is_array(), "{v}");
    }
    let shii = lines
        .iter()
        .find(|v| v["id"] == SHII_ID)
        .expect("the 2021 article");
    assert_eq!(shii["published"], "2021-11-24");
    assert_eq!(
        squash(shii["title"].as_str().unwrap_or_default()),
        SHII_TITLE
    );
    assert_eq!(
        shii["persons"],
        json!(["Phạm Minh Chính", "Shii Kazuo", "Nguyễn Phú Trọng"])
    );
}

#[test]
fn list_is_newest_first_undated_last_ties_in_store_order() {
    let sb = Sandbox::new();
    // Every date in the sample is a plain YYYY-MM-DD, so string order is date order.
    let mut want: Vec<(Option<String>, String)> = sample_articles()
        .iter()
        .map(|a| {
            (
                a["published"].as_str().map(str::to_owned),
                a["id"].as_str().expect("id").to_owned(),
            )
        })
        .collect();
    assert!(
        want.iter()
            .all(|(p, _)| p.as_ref().is_none_or(|p| p.len() == 10)),
        "the sample gained timestamps; this test needs a finer sort"
    );
    want.sort_by(|a, b| match (&a.0, &b.0) {
        (Some(x), Some(y)) => y.cmp(x),
        (Some(_), None) => std::cmp::Ordering::Less,
        (None, Some(_)) => std::cmp::Ordering::Greater,
        (None, None) => std::cmp::Ordering::Equal,
    });
    let want: Vec<String> = want.into_iter().map(|(_, id)| id).collect();
    let got: Vec<String> = json_lines(&ok(&sb, &["list", "--json"]).stdout)
        .iter()
        .map(|v| v["id"].as_str().expect("id").to_owned())
        .collect();
    assert_eq!(got, want);

    // The plain form has the same order, with a date or "-" first on each line.
    let plain = ok(&sb, &["list"]).stdout;
    let firsts: Vec<&str> = plain
        .lines()
        .map(|l| l.split_whitespace().next().unwrap_or(""))
        .collect();
    let undated_from = firsts.iter().position(|d| !d.contains('/'));
    if let Some(i) = undated_from {
        assert!(firsts[i..].iter().all(|d| !d.contains('/')), "{plain}");
    }
    assert_eq!(firsts[0], "30/01/2026", "{plain}");
}

#[test]
fn list_search_ignores_accents_and_case() {
    let sb = Sandbox::new();
    let count = |q: &str| ok(&sb, &["list", "--search", q, "--count"]).stdout;
    let n = count("Hà Nội");
    assert_ne!(n, "0\n");
    assert_eq!(count("ha noi"), n);
    assert_eq!(count("HÀ NỘI"), n);
    assert_eq!(count(&"Hà Nội".nfd().collect::<String>()), n);
    assert_eq!(count("\"ha noi\""), count("\"Hà Nội\""));
    assert_eq!(count("ha noi zzzkhongco"), "0\n");
}

#[test]
fn list_filters_combine_with_and() {
    let sb = Sandbox::new();
    let r = ok(
        &sb,
        &[
            "list",
            "--person",
            "pham minh chinh",
            "--date",
            "2021-11",
            "--search",
            "tokyo",
            "--json",
        ],
    );
    let ids = ids_of(&r.stdout);
    assert_eq!(ids, [json!(SHII_ID)]);
    let r = ok(
        &sb,
        &[
            "list",
            "--person",
            "pham minh chinh",
            "--date",
            "2026",
            "--search",
            "tokyo",
            "--count",
        ],
    );
    assert_eq!(r.stdout, "0\n");
}

#[test]
fn list_date_on_the_sample() {
    let sb = Sandbox::new();
    let on_28 = sample_articles()
        .iter()
        .filter(|a| a["published"] == "2026-01-28")
        .count();
    assert!(on_28 > 0);
    for spec in ["2026-01-28", "28/01/2026", "2026-01-28..2026-01-28"] {
        assert_eq!(
            ok(&sb, &["list", "--date", spec, "--count"]).stdout,
            format!("{on_28}\n"),
            "{spec}"
        );
    }
    let dated = sample_articles()
        .iter()
        .filter(|a| a["published"].is_string())
        .count();
    assert_eq!(
        ok(&sb, &["list", "--date", "..2100", "--count"]).stdout,
        format!("{dated}\n"),
        "undated articles never match"
    );
}

#[test]
fn bad_date_spec_exits_2_and_lists_the_forms() {
    let sb = Sandbox::new();
    for spec in [
        "bogus",
        "2026-13-01",
        "31/02/2026",
        "yesterday",
        "..",
        "2026-02-01..2026-01-01",
    ] {
        let r = tuinews(&sb, &["list", "--date", spec]);
        assert_eq!(r.code, 2, "{spec}: {}", r.stderr);
        for form in ["YYYY-MM-DD", "YYYY-MM", "DD/MM/YYYY", "today", "Nd"] {
            assert!(r.stderr.contains(form), "{spec}: {}", r.stderr);
        }
        assert!(r.stdout.is_empty(), "{spec}: {}", r.stdout);
        assert_no_panic(&r);
    }
}

// ---------------------------------------------------------------------------------------------
// persons

/// The sample's persons: most articles first, ties in Vietnamese order.
const SAMPLE_PERSONS: [(usize, &str); 14] = [
    (4, "Nguyễn Phú Trọng"),
    (4, "Trần Thanh Mẫn"),
    (3, "Tô Lâm"),
    (2, "Lê Hoài Trung"),
    (2, "Nguyễn Sinh Hùng"),
    (2, "Phạm Minh Chính"),
    (2, "Shii Kazuo"),
    (2, "Trần Đại Quang"),
    (1, "Nguyễn Thị Bình"),
    (1, "Ogata Yasuo"),
    (1, "Prak Sokhonn"),
    (1, "Vladimir Putin"),
    (1, "Vũ Hồng Nam"),
    (1, "Vũ Trung Kiên"),
];

fn plain_persons(stdout: &str) -> Vec<(usize, String)> {
    stdout
        .lines()
        .map(|l| {
            let l = l.trim_start();
            let (n, name) = l
                .split_once(char::is_whitespace)
                .unwrap_or_else(|| panic!("{l:?}: count and name"));
            (
                n.parse().unwrap_or_else(|_| panic!("{l:?}: count first")),
                name.trim().to_owned(),
            )
        })
        .collect()
}

fn json_persons(stdout: &str) -> Vec<(usize, String)> {
    json_lines(stdout)
        .iter()
        .map(|v| {
            (
                v["count"]
                    .as_u64()
                    .and_then(|n| usize::try_from(n).ok())
                    .unwrap_or_else(|| panic!("{v}: count")),
                v["name"]
                    .as_str()
                    .unwrap_or_else(|| panic!("{v}: name"))
                    .to_owned(),
            )
        })
        .collect()
}

#[test]
fn persons_most_first_then_vietnamese_order() {
    let sb = Sandbox::new();
    let want: Vec<(usize, String)> = SAMPLE_PERSONS
        .iter()
        .map(|(n, s)| (*n, (*s).to_owned()))
        .collect();
    assert_eq!(plain_persons(&ok(&sb, &["persons"]).stdout), want);
    assert_eq!(json_persons(&ok(&sb, &["persons", "--json"]).stdout), want);
}

#[test]
fn persons_ties_follow_the_vietnamese_alphabet_not_code_points() {
    let sb = Sandbox::new();
    let names = [
        "Đỗ Văn Đức",
        "Ly Bình",
        "Ân Cần",
        "Dương Văn Minh",
        "Ông Ích Khiêm",
        "Bùi Thị Xuân",
        "Anh Đào",
        "Lý An",
        "Ơn Hai",
        "Ưng Hoàng Phúc",
        "Uông Bí",
    ];
    let mut articles: Vec<Value> = names
        .iter()
        .enumerate()
        .map(|(i, n)| json!({"id": format!("a{i}"), "title": format!("Bài {i}"), "persons": [n]}))
        .collect();
    // One name in three articles and one in two: counts first, whatever the letters.
    for (i, n) in ["Ưng Hoàng Phúc", "Ưng Hoàng Phúc", "Đỗ Văn Đức"]
        .iter()
        .enumerate()
    {
        articles.push(json!({"id": format!("b{i}"), "title": "Thêm", "persons": [n]}));
    }
    let p = sb.store("ten.json", &Value::Array(articles));
    let p = p.to_str().expect("UTF-8 path");
    let want: Vec<(usize, String)> = [
        (3, "Ưng Hoàng Phúc"),
        (2, "Đỗ Văn Đức"),
        (1, "Anh Đào"),
        (1, "Ân Cần"),
        (1, "Bùi Thị Xuân"),
        (1, "Dương Văn Minh"),
        // Tones are secondary: "Lý An" < "Ly Bình" because a < b decides first.
        (1, "Lý An"),
        (1, "Ly Bình"),
        (1, "Ông Ích Khiêm"),
        (1, "Ơn Hai"),
        (1, "Uông Bí"),
    ]
    .iter()
    .map(|(n, s)| (*n, (*s).to_owned()))
    .collect();
    assert_eq!(
        plain_persons(&ok(&sb, &["--store", p, "persons"]).stdout),
        want
    );
    assert_eq!(
        json_persons(&ok(&sb, &["persons", "--json", "--store", p]).stdout),
        want
    );
}

// ---------------------------------------------------------------------------------------------
// show

#[test]
fn show_wraps_to_the_width_and_prints_the_body() {
    let sb = Sandbox::new();
    let r = ok(&sb, &["show", SHII_ID, "--width", "40"]);
    for line in r.stdout.lines() {
        assert!(columns(line) <= 40, "{} columns: {line:?}", columns(line));
    }
    let article = sample_articles()
        .into_iter()
        .find(|a| a["id"] == SHII_ID)
        .expect("in the sample");
    let text = squash(&r.stdout);
    assert!(text.contains(SHII_TITLE), "title missing:\n{}", r.stdout);
    let body = article["body"].as_array().expect("body array");
    for p in body {
        let p = squash(p.as_str().expect("paragraph"));
        assert!(text.contains(&p), "paragraph missing: {p}\n{}", r.stdout);
    }
    assert!(
        r.stdout.lines().count() > 40,
        "actually wrapped:\n{}",
        r.stdout
    );
    assert!(r.stdout.contains("24/11/2021"), "{}", r.stdout);
}

#[test]
fn show_defaults_to_80_columns_when_not_a_terminal() {
    let sb = Sandbox::new();
    let r = ok(&sb, &["show", SHII_ID]);
    let widest = r.stdout.lines().map(columns).max().unwrap_or(0);
    assert!(widest <= 80, "{widest} columns:\n{}", r.stdout);
    assert!(widest > 60, "wrapped to 80, not narrower: {widest}");
}

#[test]
fn show_narrow_width_never_overflows() {
    let sb = Sandbox::new();
    for w in ["1", "5", "12"] {
        let r = ok(
            &sb,
            &[
                "show",
                "video-thoi-su-24h-ngay-28-1-2026-tong-bi-thu-to-34af059a",
                "--width",
                w,
            ],
        );
        let w: usize = w.parse().expect("number");
        for line in r.stdout.lines() {
            assert!(columns(line) <= w, "width {w}: {line:?}");
        }
    }
}

#[test]
fn show_unknown_id_exits_1_naming_the_id() {
    let sb = Sandbox::new();
    let r = tuinews(&sb, &["show", "khong-co-bai-nay"]);
    assert_eq!(r.code, 1, "{}", r.stderr);
    assert!(r.stderr.contains("khong-co-bai-nay"), "{}", r.stderr);
    assert!(r.stdout.is_empty(), "{}", r.stdout);
    assert_no_panic(&r);
}

// ---------------------------------------------------------------------------------------------
// check

#[test]
fn check_on_the_sample_is_clean() {
    let sb = Sandbox::new();
    let r = ok(&sb, &["check"]);
    assert!(r.stdout.contains("embedded sample"), "{}", r.stdout);
    let n = sample_articles().len();
    assert!(
        r.stdout.contains(&n.to_string()),
        "article count {n}:\n{}",
        r.stdout
    );
    assert!(
        r.stdout.contains(&SAMPLE_PERSONS.len().to_string()),
        "person count:\n{}",
        r.stdout
    );
    assert!(
        r.stdout.contains("24/11/2021"),
        "dated range:\n{}",
        r.stdout
    );
    assert!(
        r.stdout.contains("30/01/2026"),
        "dated range:\n{}",
        r.stdout
    );
    assert!(!r.stdout.contains("warning:"), "{}", r.stdout);
}

fn warning_store(sb: &Sandbox) -> PathBuf {
    sb.store(
        "canh-bao.json",
        &json!({"articles": [
            {"id": "tot", "title": "Bài tốt", "published": "2026-01-28"},
            {"id": "thieu-tieu-de"},
            {"title": "Không có mã"},
            {"id": "ngay-sai", "title": "Ngày sai", "published": "hôm qua"},
            {"id": "lien-quan-treo", "title": "Liên quan treo", "related": ["khong-ton-tai"]},
            {"id": "tot", "title": "Trùng mã"},
        ]}),
    )
}

#[test]
fn check_with_warnings_exits_1_and_prints_each_one() {
    let sb = Sandbox::new();
    let p = warning_store(&sb);
    let name = p.display().to_string();
    for args in [
        vec!["check", name.as_str()],
        vec!["--store", name.as_str(), "check"],
    ] {
        let r = tuinews(&sb, &args);
        assert_eq!(r.code, 1, "{args:?}\n{}\n{}", r.stdout, r.stderr);
        assert!(
            r.stdout.contains(&name),
            "says what was opened:\n{}",
            r.stdout
        );
        let all = format!("{}{}", r.stdout, r.stderr);
        let warning_lines: Vec<&str> = all
            .lines()
            .filter(|l| l.contains(&name) && l.contains('#'))
            .collect();
        for (id, index) in [
            (Some("thieu-tieu-de"), 1),
            (None, 2),
            (Some("ngay-sai"), 3),
            (Some("lien-quan-treo"), 4),
            (Some("tot"), 5),
        ] {
            assert!(
                warning_lines
                    .iter()
                    .any(|l| l.contains(&format!("#{index}"))
                        && id.is_none_or(|id| l.contains(id))),
                "no warning naming the file, article #{index} and {id:?}:\n{all}"
            );
        }
        assert_no_panic(&r);
    }
}

#[test]
fn check_says_which_store_it_opened() {
    let sb = Sandbox::new();
    let p = sb.store(
        "env.json",
        &json!([{"id": "a", "title": "Từ biến môi trường"}]),
    );
    let r = run(sb.cmd().env("TUINEWS_STORE", &p).arg("check"));
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(r.stdout.contains(&p.display().to_string()), "{}", r.stdout);
    assert!(r.stdout.contains("TUINEWS_STORE"), "{}", r.stdout);
    assert!(!r.stdout.contains("embedded sample"), "{}", r.stdout);
}

// ---------------------------------------------------------------------------------------------
// Fatal errors

fn assert_fatal(sb: &Sandbox, path: &Path, extra: Option<&str>) {
    let name = path.display().to_string();
    for args in [
        vec!["--store", name.as_str(), "list"],
        vec!["--store", name.as_str(), "persons"],
        vec!["--store", name.as_str(), "show", "a"],
        vec!["check", name.as_str()],
    ] {
        let r = tuinews(sb, &args);
        assert_ne!(r.code, 0, "{args:?}");
        assert_no_panic(&r);
        let all = format!("{}{}", r.stdout, r.stderr);
        assert!(all.contains(&name), "{args:?}: names the file:\n{all}");
        if let Some(extra) = extra {
            assert!(all.contains(extra), "{args:?}: {extra:?} in:\n{all}");
        }
        if args[0] != "check" {
            assert!(r.stdout.is_empty(), "{args:?}: {}", r.stdout);
            assert_eq!(
                r.stderr.lines().count(),
                1,
                "one short message:\n{}",
                r.stderr
            );
        }
    }
}

#[test]
fn broken_json_names_file_line_and_column_without_a_panic() {
    let sb = Sandbox::new();
    let text = "{\n  \"articles\": [\n    {\"id\": \"a\", \"title\": \"Hỏng\"},,\n  ]\n}\n";
    let e = serde_json::from_str::<Value>(text).expect_err("broken");
    let p = sb.bytes("hong.json", text.as_bytes());
    let want = format!("{}:{}:{}", p.display(), e.line(), e.column());
    assert_fatal(&sb, &p, Some(&want));
}

#[test]
fn truncated_and_empty_files_are_fatal() {
    let sb = Sandbox::new();
    assert_fatal(&sb, &sb.bytes("cut.json", b"[{\"id\": \"a\", \"ti"), None);
    assert_fatal(&sb, &sb.bytes("empty.json", b""), None);
}

#[test]
fn wrong_shape_is_fatal() {
    let sb = Sandbox::new();
    assert_fatal(&sb, &sb.bytes("string.json", b"\"tin\""), None);
    assert_fatal(&sb, &sb.bytes("number.json", b"42"), None);
    assert_fatal(&sb, &sb.bytes("object.json", b"{\"items\": []}"), None);
}

#[test]
fn not_utf8_is_fatal() {
    let sb = Sandbox::new();
    let p = sb.bytes(
        "latin.json",
        b"[{\"id\": \"a\", \"title\": \"H\xe0 N\xf4i\"}]",
    );
    assert_fatal(&sb, &p, None);
}

#[test]
fn missing_store_is_fatal() {
    let sb = Sandbox::new();
    let p = sb.dir.path().join("khong-co.json");
    assert_fatal(&sb, &p, None);
    // From the environment too: no silent fall back to the sample.
    let r = run(sb.cmd().env("TUINEWS_STORE", &p).args(["list", "--count"]));
    assert_ne!(r.code, 0);
    assert!(r.stderr.contains(&p.display().to_string()), "{}", r.stderr);
    assert_no_panic(&r);
}

// ---------------------------------------------------------------------------------------------
// Which store is opened

struct Stores {
    flag: PathBuf,
    env: PathBuf,
    xdg_dir: PathBuf,
}

fn titled(sb: &Sandbox, name: &str, title: &str) -> PathBuf {
    sb.store(name, &json!([{"id": "a", "title": title}]))
}

fn three_stores(sb: &Sandbox) -> Stores {
    let flag = titled(sb, "flag.json", "Từ --store");
    let env = titled(sb, "env.json", "Từ TUINEWS_STORE");
    titled(sb, "xdg/tuinews/articles.json", "Từ XDG_DATA_HOME");
    titled(sb, "home/.local/share/tuinews/articles.json", "Từ HOME");
    Stores {
        flag,
        env,
        xdg_dir: sb.dir.path().join("xdg"),
    }
}

fn listed_title(r: &Run) -> String {
    assert_eq!(r.code, 0, "{}", r.stderr);
    let v = json_lines(&r.stdout);
    assert_eq!(v.len(), 1, "{}", r.stdout);
    v[0]["title"].as_str().expect("title").to_owned()
}

#[test]
fn store_flag_beats_env_beats_xdg_beats_home() {
    let sb = Sandbox::new();
    let s = three_stores(&sb);
    let r = run(sb
        .cmd()
        .env("TUINEWS_STORE", &s.env)
        .env("XDG_DATA_HOME", &s.xdg_dir)
        .arg("--store")
        .arg(&s.flag)
        .args(["list", "--json"]));
    assert_eq!(listed_title(&r), "Từ --store");
    // The flag is global: after the subcommand too.
    let r = run(sb
        .cmd()
        .env("TUINEWS_STORE", &s.env)
        .args(["list", "--json", "--store"])
        .arg(&s.flag));
    assert_eq!(listed_title(&r), "Từ --store");

    let r = run(sb
        .cmd()
        .env("TUINEWS_STORE", &s.env)
        .env("XDG_DATA_HOME", &s.xdg_dir)
        .args(["list", "--json"]));
    assert_eq!(listed_title(&r), "Từ TUINEWS_STORE");

    let r = run(sb
        .cmd()
        .env("XDG_DATA_HOME", &s.xdg_dir)
        .args(["list", "--json"]));
    assert_eq!(listed_title(&r), "Từ XDG_DATA_HOME");

    let r = run(sb.cmd().args(["list", "--json"]));
    assert_eq!(listed_title(&r), "Từ HOME");
}

#[test]
fn xdg_store_that_does_not_exist_leaves_the_sample() {
    let sb = Sandbox::new();
    let empty_xdg = sb.dir.path().join("xdg-empty");
    fs::create_dir_all(&empty_xdg).expect("mkdir");
    let r = run(sb.cmd().env("XDG_DATA_HOME", &empty_xdg).arg("check"));
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(r.stdout.contains("embedded sample"), "{}", r.stdout);
}

// ---------------------------------------------------------------------------------------------
// What reaches the terminal

fn hostile_store(sb: &Sandbox) -> PathBuf {
    sb.store(
        "doc-hai.json",
        &json!([
            {
                "id": "doc",
                "title": "red\u{1b}[31mX \u{1b}]0;bị chiếm\u{7}Tin \u{9b}2J thật",
                "published": "2026-01-28T23:30:00+07:00",
                "summary": "Tóm tắt\u{1b}[2J\u{1b}[H xoá màn hình",
                "body": ["Đoạn \u{1b}[1;31mđỏ\u{1b}[0m.", "C1 \u{9b}31m CSI \u{9d}0;x\u{9c}"],
                "persons": ["Tô\u{1b}[5m Lâm"],
                "section": "Thời\u{7}sự",
                "source": "Nhân\u{8}Dân",
                "url": "https://nhandan.vn/\u{1b}]8;;x\u{1b}\\",
                "captions": ["Ảnh\u{1b}[0m"],
                "related": ["lien-quan"],
            },
            {"id": "lien-quan", "title": "Liên\u{1b}[7m quan\r", "published": "2026-01-27"},
        ]),
    )
}

fn assert_clean_terminal_output(what: &str, raw: &[u8]) {
    assert!(
        !raw.contains(&0x1b),
        "{what}: ESC byte in {:?}",
        String::from_utf8_lossy(raw)
    );
    let text = String::from_utf8_lossy(raw);
    for c in text.chars() {
        assert!(
            !c.is_control() || c == '\n',
            "{what}: control character {c:?} in {text:?}"
        );
    }
}

#[test]
fn escape_sequences_never_reach_the_terminal() {
    let sb = Sandbox::new();
    let p = hostile_store(&sb);
    let p = p.to_str().expect("UTF-8 path");
    for args in [
        vec!["--store", p, "list"],
        vec!["--store", p, "list", "--json"],
        vec!["--store", p, "list", "--search", "đỏ"],
        vec!["--store", p, "show", "doc", "--width", "30"],
        vec!["--store", p, "show", "doc"],
        vec!["--store", p, "persons"],
        vec!["--store", p, "check"],
    ] {
        let r = tuinews(&sb, &args);
        assert_eq!(r.code, 0, "{args:?}: {}", r.stderr);
        assert_clean_terminal_output(&format!("{args:?} stdout"), &r.raw_stdout);
        assert_clean_terminal_output(&format!("{args:?} stderr"), &r.raw_stderr);
    }
    // The text around the sequences is still there.
    let r = ok(&sb, &["--store", p, "show", "doc", "--width", "200"]);
    assert!(r.stdout.contains("thật"), "{}", r.stdout);
    assert!(r.stdout.contains("đỏ"), "{}", r.stdout);
}

#[test]
fn nfd_store_prints_nfc() {
    let sb = Sandbox::new();
    let nfd = |s: &str| s.nfd().collect::<String>();
    let p = sb.store(
        "nfd.json",
        &json!([
            {"id": "a", "title": nfd("Chủ tịch Quốc hội Trần Thanh Mẫn tri ân"),
             "persons": [nfd("Trần Thanh Mẫn"), nfd("Nguyễn Phú Trọng")], "published": "2026-01-28"},
            {"id": "b", "title": "Bài NFC", "persons": ["Trần Thanh Mẫn"]},
        ]),
    );
    let p = p.to_str().expect("UTF-8 path");
    for args in [
        vec!["--store", p, "list"],
        vec!["--store", p, "list", "--json"],
        vec!["--store", p, "persons"],
        vec!["--store", p, "persons", "--json"],
        vec!["--store", p, "show", "a"],
    ] {
        let r = ok(&sb, &args);
        let nfc: String = r.stdout.nfc().collect();
        assert_eq!(r.stdout, nfc, "{args:?} prints NFD");
        assert!(
            r.stdout.contains("Trần Thanh Mẫn") || r.stdout.contains("Tr\\u1ea7n Thanh M\\u1eabn"),
            "{args:?}: {}",
            r.stdout
        );
    }
    // NFD and NFC spellings are one person.
    let r = ok(&sb, &["--store", p, "persons", "--json"]);
    assert_eq!(
        json_persons(&r.stdout),
        [
            (2, "Trần Thanh Mẫn".to_owned()),
            (1, "Nguyễn Phú Trọng".to_owned())
        ]
    );
}

#[test]
fn dangling_related_id_warns_on_stderr() {
    let sb = Sandbox::new();
    let p = sb.store(
        "treo.json",
        &json!([
            {"id": "a", "title": "Bài A", "related": ["khong-ton-tai", "b"]},
            {"id": "b", "title": "Bài B"},
        ]),
    );
    let name = p.display().to_string();
    let r = ok(&sb, &["--store", &name, "list", "--json"]);
    assert!(r.stderr.contains("khong-ton-tai"), "{}", r.stderr);
    assert!(r.stderr.contains(&name), "{}", r.stderr);
    assert!(
        r.stderr.contains("\"a\""),
        "names the article: {}",
        r.stderr
    );
    assert!(!r.stdout.contains("khong-ton-tai"), "{}", r.stdout);
    assert_eq!(json_lines(&r.stdout).len(), 2, "warnings stay off stdout");
    let a = json_lines(&r.stdout)
        .into_iter()
        .find(|v| v["id"] == "a")
        .expect("a");
    assert_eq!(a["related"], json!(["b"]));
}

#[test]
fn per_article_warnings_go_to_stderr_and_keep_the_rest() {
    let sb = Sandbox::new();
    let p = warning_store(&sb);
    let name = p.display().to_string();
    let r = ok(&sb, &["--store", &name, "list", "--json"]);
    let ids = ids_of(&r.stdout);
    assert_eq!(
        ids,
        [json!("tot"), json!("ngay-sai"), json!("lien-quan-treo")]
    );
    assert!(r.stderr.lines().count() >= 5, "{}", r.stderr);
    for id in ["thieu-tieu-de", "ngay-sai", "lien-quan-treo"] {
        assert!(r.stderr.contains(id), "{id}: {}", r.stderr);
    }
}

#[test]
fn list_query_takes_the_query_line_and_combines_with_the_flags() {
    let sb = Sandbox::new();
    let by_flags = ok(
        &sb,
        &[
            "list",
            "--person",
            "pham minh chinh",
            "--date",
            "2021-11",
            "--search",
            "tokyo",
            "--json",
        ],
    );
    let by_line = ok(
        &sb,
        &[
            "list",
            "--query",
            "person:\"pham minh chinh\" date:2021-11 tokyo",
            "--json",
        ],
    );
    assert_eq!(by_line.stdout, by_flags.stdout);
    let mixed = ok(
        &sb,
        &[
            "list",
            "--query",
            "date:2021-11",
            "--person",
            "pham minh chinh",
            "--json",
        ],
    );
    assert_eq!(ids_of(&mixed.stdout), ids_of(&by_flags.stdout));

    let bad = tuinews(&sb, &["list", "--query", "asean date:2026-13"]);
    assert_eq!(bad.code, 2);
    assert!(
        bad.stderr.contains("column 12: there is no month 13"),
        "{}",
        bad.stderr
    );
    let twice = tuinews(&sb, &["list", "--query", "date:2026", "--date", "2025"]);
    assert_eq!(twice.code, 2);
    assert!(
        twice.stderr.contains("give the date once"),
        "{}",
        twice.stderr
    );
}

#[test]
fn tz_shows_and_filters_dates_in_one_zone() {
    let sb = Sandbox::new();
    let p = sb.store(
        "tz.json",
        &json!([
            {"id": "utc", "title": "Tin lúc nửa đêm", "published": "2026-01-28T17:30:00Z"},
            {"id": "day", "title": "Tin trong ngày", "published": "2021-11-24"}
        ]),
    );
    let p = p.to_str().expect("a UTF-8 path");
    let first_dates = |zone: &str| -> Vec<String> {
        ok(&sb, &["--store", p, "--tz", zone, "list"])
            .stdout
            .lines()
            .map(|l| l.split_whitespace().next().unwrap_or("").to_owned())
            .collect()
    };
    assert_eq!(first_dates("UTC"), ["28/01/2026", "24/11/2021"]);
    assert_eq!(
        first_dates("Asia/Ho_Chi_Minh"),
        ["29/01/2026", "24/11/2021"]
    );
    assert_eq!(first_dates("+07:00"), ["29/01/2026", "24/11/2021"]);
    assert_eq!(first_dates("article"), ["28/01/2026", "24/11/2021"]);
    // The TZ variable is the default.
    let by_env = run(sb
        .cmd()
        .env("TZ", "Asia/Ho_Chi_Minh")
        .args(["--store", p, "list"]));
    assert!(by_env.stdout.starts_with("29/01/2026"), "{}", by_env.stdout);

    let count = |zone: &str, date: &str| {
        ok(
            &sb,
            &[
                "--store", p, "--tz", zone, "list", "--date", date, "--count",
            ],
        )
        .stdout
    };
    assert_eq!(count("Asia/Ho_Chi_Minh", "2026-01-29"), "1\n");
    assert_eq!(count("UTC", "2026-01-29"), "0\n");
    assert_eq!(count("UTC", "2026-01-28"), "1\n");

    let shown = ok(
        &sb,
        &["--store", p, "--tz", "Asia/Ho_Chi_Minh", "show", "utc"],
    )
    .stdout;
    assert!(
        shown.contains("Thursday, 29/01/2026 00:30 +00:00 (shown in Asia/Ho_Chi_Minh)"),
        "{shown}"
    );
    let shown = ok(
        &sb,
        &[
            "--store",
            p,
            "--tz",
            "Asia/Ho_Chi_Minh",
            "--lang",
            "vi",
            "show",
            "utc",
        ],
    )
    .stdout;
    assert!(
        shown.contains("Thứ Năm, 29/01/2026 00:30 +00:00 (giờ Asia/Ho_Chi_Minh)"),
        "{shown}"
    );
    let day = ok(&sb, &["--store", p, "--tz", "-11:00", "show", "day"]).stdout;
    assert!(
        day.contains("Wednesday, 24/11/2021"),
        "a plain date stays that date: {day}"
    );

    let bad = tuinews(&sb, &["--store", p, "--tz", "Mars/Base", "list"]);
    assert_eq!(bad.code, 2);
    assert!(bad.stderr.contains("not a time zone"), "{}", bad.stderr);
}

#[test]
fn list_shows_ids_and_show_lists_the_related_stories_with_marks_and_ids() {
    let sb = Sandbox::new();
    let listed = ok(&sb, &["list", "--person", "shii kazuo"]).stdout;
    assert!(listed.lines().count() == 2, "{listed}");
    assert!(
        listed.lines().any(|l| l.ends_with(&format!("#{SHII_ID}"))),
        "{listed}"
    );
    // Piped lines are never cut.
    let full = ok(&sb, &["list"]).stdout;
    assert!(
        full.lines().any(|l| l.chars().count() > 120),
        "long lines stay whole"
    );

    let shown = ok(&sb, &["show", SHII_ID, "--width", "200"]).stdout;
    let related: Vec<&str> = shown
        .lines()
        .skip_while(|l| *l != "Related:")
        .skip(1)
        .collect();
    assert!(related.len() >= 7, "{shown}");
    assert!(
        related
            .iter()
            .all(|l| l.starts_with("→ ") || l.starts_with("≈ "))
    );
    assert!(related.iter().all(|l| l.contains("  #")), "{related:?}");
    // Each id names an article `show` can print.
    let id = related[0].rsplit("  #").next().unwrap_or("");
    ok(&sb, &["show", id]);
}

#[test]
fn a_list_line_on_a_terminal_fits_its_width() {
    use tuinews::cli::list_line;
    use tuinews::store::{Article, Published};
    use tuinews::text::Metrics;
    use tuinews::zone::Zone;
    let a = Article {
        id: "vn-jp".into(),
        title: "Thủ tướng Phạm Minh Chính hội kiến Chủ tịch Đảng Cộng sản Nhật Bản Shii Kazuo"
            .into(),
        persons: vec!["Phạm Minh Chính".into(), "Shii Kazuo".into()],
        published: Published::parse("2021-11-24"),
        ..Article::default()
    };
    let m = Metrics::default();
    for cols in [40, 60, 80, 120] {
        let line = list_line(&a, &Zone::ARTICLE, Some((cols, m)));
        assert!(m.width(&line) <= cols, "{cols}: {line}");
        assert!(line.ends_with("#vn-jp"), "{cols}: the id stays: {line}");
        assert!(line.starts_with("24/11/2021  Thủ tướng"), "{line}");
    }
    let piped = list_line(&a, &Zone::ARTICLE, None);
    assert!(piped.contains(&a.title) && piped.contains("[Phạm Minh Chính, Shii Kazuo]"));
}

#[test]
fn a_closed_pipe_keeps_the_commands_own_status() {
    use std::process::Stdio;
    let sb = Sandbox::new();
    let bad = sb.bytes("bad.json", b"[{");
    // A pipe whose reader is gone before anything is written.
    let closed = |args: &[&str]| {
        let mut child = std::process::Command::new(assert_cmd::cargo::cargo_bin("tuinews"))
            .env("HOME", sb.home())
            .env_remove("TUINEWS_STORE")
            .env_remove("XDG_DATA_HOME")
            .args(args)
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("tuinews starts");
        drop(child.stdout.take());
        drop(child.stderr.take());
        child.wait().expect("tuinews ends").code()
    };
    let bad = bad.to_str().expect("a UTF-8 path");
    assert_eq!(closed(&["check", bad]), Some(1));
    assert_eq!(closed(&["list", "--date", "2026-02-30"]), Some(2));
    assert_eq!(closed(&["list"]), Some(0));
}

#[test]
fn file_names_reach_the_terminal_with_their_controls_made_visible() {
    let sb = Sandbox::new();
    let name = "bad\u{1b}]0;pwn\u{7}\nwarning: forged.json";
    let p = sb.bytes(name, b"[{\"id\": 1, \"title\": 2}]");
    let p = p.to_str().expect("a UTF-8 path");
    for args in [
        vec!["check", p],
        vec!["--store", p, "list"],
        vec!["--store", p, "show", "nope"],
    ] {
        let r = tuinews(&sb, &args);
        for out in [&r.raw_stdout, &r.raw_stderr] {
            assert!(
                !out.contains(&0x1b) && !out.contains(&0x07),
                "{args:?}: {out:?}"
            );
            let text = String::from_utf8_lossy(out);
            assert!(
                !text.lines().any(|l| l.starts_with("warning: forged")),
                "{args:?}: a forged line:\n{text}"
            );
        }
        let all = format!("{}{}", r.stdout, r.stderr);
        assert!(
            all.contains("\\u{1b}]0;pwn\\u{7}\\u{a}warning: forged.json"),
            "{all}"
        );
    }
    let missing = tuinews(&sb, &["--store", "/nonexistent/\u{1b}[2J.json", "list"]);
    assert_eq!(missing.code, 1);
    assert!(!missing.raw_stderr.contains(&0x1b), "{}", missing.stderr);
}

#[test]
fn list_unread_and_starred_read_the_readers_marks() {
    let sb = Sandbox::new();
    let state_home = sb.home().join("state");
    let mut marks = tuinews::state::State::default();
    marks.set_read(SHII_ID, true, 1);
    marks.set_starred(SHII_ID, true, 1);
    let dir = state_home.join("tuinews");
    let key = std::path::PathBuf::from("embedded sample");
    marks.save(&dir, &key).expect("save the marks");
    let count = |flag: &str| {
        run(sb
            .cmd()
            .env("XDG_STATE_HOME", &state_home)
            .args(["list", flag, "--count"]))
        .stdout
    };
    assert_eq!(count("--unread"), "44\n");
    assert_eq!(count("--starred"), "1\n");
}

#[test]
fn only_a_regular_file_is_read_as_a_store() {
    let sb = Sandbox::new();
    let fifo = sb.home().join("store.fifo");
    let made = std::process::Command::new("mkfifo")
        .arg(&fifo)
        .status()
        .expect("run mkfifo");
    assert!(made.success());
    let fifo = fifo.to_str().expect("a UTF-8 path");
    let dir = sb.home();
    let dir = dir.to_str().expect("a UTF-8 path");
    for (path, kind) in [
        (fifo, "a FIFO (named pipe)"),
        ("/dev/zero", "a character device"),
        (dir, "a directory"),
    ] {
        // Each returns at once with a message naming the file and its kind: no hang, no
        // endless read.
        let r = tuinews(&sb, &["--store", path, "list", "--count"]);
        assert_eq!(r.code, 1, "{path}");
        assert!(
            r.stderr
                .contains(&format!("{path}: not a regular file but {kind}")),
            "{path}: {}",
            r.stderr
        );
    }
}

#[test]
fn persons_lists_one_entry_per_person_whatever_the_spelling() {
    let sb = Sandbox::new();
    let p = sb.store(
        "spellings.json",
        &json!([
            {"id": "1", "title": "A", "persons": ["Nguyễn Thị Thúy"]},
            {"id": "2", "title": "B", "persons": ["Nguyễn Thị Thuý"]},
            {"id": "3", "title": "C", "persons": ["NGUYỄN THỊ THÚY"]},
            {"id": "4", "title": "D", "persons": ["Nguyễn\u{a0}Thị Thúy"]},
            {"id": "5", "title": "E", "persons": ["Lê Văn Hùng"]},
            {"id": "6", "title": "F", "persons": ["Lê Văn Hưng"]}
        ]),
    );
    let p = p.to_str().expect("a UTF-8 path");
    let out = ok(&sb, &["--store", p, "persons"]).stdout;
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines.len(), 3, "{out}");
    assert!(
        lines[0].ends_with("Nguyễn Thị Thúy") && lines[0].trim_start().starts_with('4'),
        "{out}"
    );
    assert!(lines.iter().any(|l| l.ends_with("Lê Văn Hùng")));
    assert!(lines.iter().any(|l| l.ends_with("Lê Văn Hưng")));
}

/// The locale picks the language of `show`'s labels and weekday; `--lang` wins over it.
#[test]
fn show_speaks_the_locales_language_unless_lang_says_otherwise() {
    let sb = Sandbox::new();
    let run = |lang_env: Option<&str>, args: &[&str]| {
        let mut c = sb.cmd();
        if let Some(l) = lang_env {
            c.env("LANG", l);
        }
        let out = c.args(args).output().expect("run tuinews");
        assert!(out.status.success(), "{out:?}");
        String::from_utf8_lossy(&out.stdout).into_owned()
    };
    let id = "tang-cuong-hop-tac-giao-luu-giua-hai-nuoc-hai-1e474317";
    let vi = run(Some("vi_VN.UTF-8"), &["show", id]);
    assert!(vi.contains("Thứ Tư, 24/11/2021"), "{vi}");
    assert!(vi.contains("Nhân vật: "), "{vi}");
    assert!(vi.contains("Tin liên quan:"), "{vi}");
    let en = run(None, &["show", id]);
    assert!(en.contains("Wednesday, 24/11/2021"), "{en}");
    assert!(en.contains("Persons: ") && en.contains("Related:"), "{en}");
    let forced = run(Some("vi_VN.UTF-8"), &["--lang", "en", "show", id]);
    assert_eq!(forced, en);
    let bad = sb
        .cmd()
        .args(["--lang", "fr", "list"])
        .output()
        .expect("run tuinews");
    assert_eq!(bad.status.code(), Some(2));
    let msg = String::from_utf8_lossy(&bad.stderr);
    assert!(msg.contains("unknown interface language \"fr\""), "{msg}");
}

/// `--help` follows the interface language: the locale, or `--lang` anywhere before it.
#[test]
fn help_speaks_the_interface_language() {
    let sb = Sandbox::new();
    let help = |lang_env: Option<&str>, args: &[&str]| {
        let mut c = sb.cmd();
        if let Some(l) = lang_env {
            c.env("LANG", l);
        }
        let out = c.args(args).output().expect("run tuinews");
        assert!(out.status.success(), "{out:?}");
        String::from_utf8_lossy(&out.stdout).into_owned()
    };
    let vi = help(Some("vi_VN.UTF-8"), &["--help"]);
    assert!(
        vi.contains("Cách dùng:") && vi.contains("Kho tin JSON cần mở"),
        "{vi}"
    );
    let list = help(None, &["--lang", "vi", "list", "--help"]);
    assert!(list.contains("Chỉ in số bài khớp"), "{list}");
    let en = help(Some("vi_VN.UTF-8"), &["--lang=en", "--help"]);
    assert!(
        en.contains("Usage:") && en.contains("The JSON article store to open"),
        "{en}"
    );
}

/// `show` never breaks a URL, so it can be copied and clicked: its line may run past --width.
#[test]
fn show_keeps_a_long_url_whole_on_its_own_line() {
    let sb = Sandbox::new();
    let url = "https://baoquocte.vn/chinh-tri/thu-tuong-pham-minh-chinh-hoi-kien-chu-tich-dang-cong-san-nhat-ban.html";
    let p = sb.store(
        "url.json",
        &json!({"articles": [{
            "id": "u",
            "title": "Tin có liên kết",
            "body": [format!("Xem toàn văn tại {url} (bản tiếng Việt).")]
        }]}),
    );
    let p = p.to_str().expect("a UTF-8 path");
    let out = ok(&sb, &["--store", p, "show", "u", "--width", "30"]).stdout;
    assert!(out.lines().any(|l| l == url), "{out}");
    for line in out.lines().filter(|l| *l != url) {
        assert!(columns(line) <= 30, "{line:?} in\n{out}");
    }
}

/// Text in TCVN3 or VNI read as Latin-1 is valid Unicode but no Vietnamese: check names the
/// article and the field, and fails; Unicode Vietnamese and French stay quiet.
#[test]
fn check_warns_about_vietnamese_in_a_legacy_encoding() {
    let sb = Sandbox::new();
    let p = sb.store(
        "legacy.json",
        &json!({"articles": [
            {"id": "tcvn3", "title": "ViÖt Nam vµ NhËt B¶n", "persons": ["Ph¹m Minh ChÝnh"]},
            {"id": "vni", "title": "Tin tức", "body": ["Vieät Nam vaø Nhaät Baûn"]},
            {"id": "ok", "title": "Việt Nam và Nhật Bản", "summary": "Il est allé où il voulait en août"}
        ]}),
    );
    let p = p.to_str().expect("a UTF-8 path");
    let r = tuinews(&sb, &["check", p]);
    assert_eq!(r.code, 1, "{}", r.stdout);
    let warnings: Vec<&str> = r
        .stdout
        .lines()
        .filter(|l| l.starts_with("warning:"))
        .collect();
    assert_eq!(warnings.len(), 3, "{warnings:?}");
    assert!(
        warnings[0].contains("article \"tcvn3\": title looks like Vietnamese in TCVN3"),
        "{warnings:?}"
    );
    assert!(
        warnings[1].contains("article \"tcvn3\": persons[0]"),
        "{warnings:?}"
    );
    assert!(
        warnings[2].contains("article \"vni\": body[0] looks like Vietnamese in VNI"),
        "{warnings:?}"
    );
    assert!(r.stdout.contains("Warnings: 3"), "{}", r.stdout);
}

/// The embedded sample, real Vietnamese from the seeds, checks clean: no legacy-encoding
/// warning for its names ("Lê Hoài Trung", "Vũ Trung Kiên") or anything else.
#[test]
fn the_embedded_sample_checks_clean() {
    let sb = Sandbox::new();
    let r = ok(&sb, &["check"]);
    assert!(r.stdout.contains("Warnings: 0"), "{}", r.stdout);
}

/// An id past 64 bits, with a fraction or written -0 cannot keep its digits as a number: the
/// warning says so and how to write it; the same id as a string is kept exactly.
#[test]
fn ids_that_no_64_bit_integer_holds_are_refused_with_the_way_to_write_them() {
    let sb = Sandbox::new();
    let p = sb.bytes(
        "ids.json",
        br#"{"articles": [
            {"id": 123456789012345678901234567890, "title": "big"},
            {"id": -0, "title": "negative zero"},
            {"id": "123456789012345678901234567890", "title": "big as text"}
        ]}"#,
    );
    let p = p.to_str().expect("a UTF-8 path");
    let r = tuinews(&sb, &["check", p]);
    assert_eq!(r.code, 1);
    let hint = "found a number that is not a 64-bit integer (write it as a string, \"…\", to keep it exactly); article skipped";
    assert!(
        r.stdout.contains(&format!(
            "article #0, field \"id\": expected a string or an integer, {hint}"
        )),
        "{}",
        r.stdout
    );
    assert!(
        r.stdout.contains(&format!(
            "article #1, field \"id\": expected a string or an integer, {hint}"
        )),
        "{}",
        r.stdout
    );
    let shown = ok(
        &sb,
        &["--store", p, "show", "123456789012345678901234567890"],
    )
    .stdout;
    assert!(shown.contains("big as text"), "{shown}");
}

#[test]
fn cache_lists_the_stores_cached_and_clears_only_its_own_files() {
    use std::sync::atomic::AtomicUsize;
    use tuinews::store::{Origin, Store, Telling, cache};
    let sb = Sandbox::new();
    let cache_dir = sb.dir.path().join("cache");
    let store = sb.bytes("kho tin.json", EMBEDDED_SAMPLE.as_bytes());
    // Written an hour ago: a store written this instant is not cached.
    let hour_ago = std::time::SystemTime::now() - std::time::Duration::from_secs(3600);
    fs::File::options()
        .write(true)
        .open(&store)
        .and_then(|f| f.set_modified(hour_ago))
        .expect("age the store");
    let read = AtomicUsize::new(0);
    let telling = Telling {
        read: &read,
        first_part: None,
    };
    let (loaded, _) =
        Store::open_cached(&Origin::Flag(store.clone()), Some(&cache_dir), telling).expect("loads");
    assert!(cache::write(&cache_dir, loaded.articles(), &loaded.warnings).expect("written"));
    let stranger = cache_dir.join("notes.txt");
    fs::write(&stranger, "mine").expect("write");
    let cache = |args: &[&str]| {
        let mut all = vec!["cache"];
        all.extend(args);
        let r = run(sb.cmd().env("XDG_CACHE_HOME", sb.dir.path()).args(&all));
        assert_eq!(r.code, 0, "{}", r.stderr);
        r.stdout
    };
    // The cache directory is XDG_CACHE_HOME/tuinews.
    fs::rename(&cache_dir, sb.dir.path().join("tuinews")).expect("move the cache");
    let canonical = fs::canonicalize(&store).expect("canonical");
    let listed = cache(&[]);
    assert!(
        listed.contains(&format!("  {}: ", canonical.display())),
        "{listed}"
    );
    assert!(listed.contains(" in 1 file\n"), "{listed}");
    assert!(listed.contains("\n1 store, "), "{listed}");
    assert!(!listed.contains("no longer there"), "{listed}");
    fs::remove_file(&store).expect("remove the store");
    assert!(cache(&[]).contains("(no longer there)"));
    let cleared = cache(&["--clear"]);
    assert!(cleared.contains(": 1 file taken away ("), "{cleared}");
    assert!(cache(&[]).ends_with("0 stores, 0.0 MB\n"));
    assert!(
        sb.dir.path().join("tuinews/notes.txt").exists(),
        "not tuinews's own"
    );
}
