//! The store format rules of the issue, through the library API: both top-level shapes, required
//! and optional fields, per-article warnings, `published` forms and the article's own calendar
//! date, NFC and control characters at load, fatal errors, and which store is opened.

use std::fs;
use std::path::{Path, PathBuf};

use jiff::civil::date;
use serde_json::{Value, json};
use tuinews::store::{self, EMBEDDED_SAMPLE, Origin, Published, Store, StoreError, Warning};
use unicode_normalization::UnicodeNormalization;

const FILE: &str = "tin-tuc.json";

fn parse(text: &str) -> Store {
    Store::parse(text, FILE).unwrap_or_else(|e| panic!("store should load: {e}"))
}

fn parse_value(v: &Value) -> Store {
    parse(&v.to_string())
}

fn ids(s: &Store) -> Vec<&str> {
    s.articles().iter().map(|a| a.id.as_str()).collect()
}

fn nfd(s: &str) -> String {
    s.nfd().collect()
}

fn is_nfc(s: &str) -> bool {
    s.nfc().collect::<String>() == s
}

/// The warnings about `field`.
fn warnings_on<'a>(s: &'a Store, field: &str) -> Vec<&'a Warning> {
    s.warnings
        .iter()
        .filter(|w| w.field.as_deref() == Some(field))
        .collect()
}

/// Asserts that `w` names the file, the article's index, its id when given, and the field, both
/// in its data and in the text a user reads.
fn assert_names(w: &Warning, index: usize, id: Option<&str>, field: &str) {
    let text = w.to_string();
    assert_eq!(w.file, FILE, "{text}");
    assert_eq!(w.index, index, "{text}");
    assert_eq!(w.id.as_deref(), id, "{text}");
    assert_eq!(w.field.as_deref(), Some(field), "{text}");
    assert!(text.contains(FILE), "warning text names the file: {text}");
    assert!(
        text.contains(&format!("#{index}")),
        "warning text names the article's index: {text}"
    );
    if let Some(id) = id {
        assert!(text.contains(id), "warning text names the id: {text}");
    }
    assert!(text.contains(field), "warning text names the field: {text}");
}

// ---------------------------------------------------------------------------------------------
// Top-level shapes

#[test]
fn object_form_loads_its_articles() {
    let s = parse_value(&json!({"articles": [
        {"id": "a", "title": "Thủ tướng Phạm Minh Chính thăm Nhật Bản"},
        {"id": "b", "title": "Tổng Bí thư Tô Lâm điện đàm"},
    ]}));
    assert_eq!(ids(&s), ["a", "b"]);
    assert_eq!(
        s.articles()[0].title,
        "Thủ tướng Phạm Minh Chính thăm Nhật Bản"
    );
    assert!(s.warnings.is_empty(), "{:?}", s.warnings);
    assert_eq!(s.name, FILE);
}

#[test]
fn bare_array_form_loads_its_articles() {
    let s = parse_value(&json!([
        {"id": "a", "title": "Hà Nội điều chỉnh phân luồng giao thông"},
        {"id": "b", "title": "Đà Nẵng đón khách"},
    ]));
    assert_eq!(ids(&s), ["a", "b"]);
    assert!(s.warnings.is_empty(), "{:?}", s.warnings);
}

#[test]
fn other_top_level_keys_are_ignored() {
    let s = parse_value(&json!({
        "version": 3,
        "generated": "2026-01-30",
        "source": {"name": "Báo Nhân Dân"},
        "articles": [{"id": "a", "title": "Tin quốc tế ngày 30/01"}],
        "extra": [1, 2, 3],
    }));
    assert_eq!(ids(&s), ["a"]);
    assert!(s.warnings.is_empty(), "{:?}", s.warnings);
}

#[test]
fn unknown_article_fields_are_ignored_without_warning() {
    let s = parse_value(&json!([{
        "id": "a",
        "title": "Lời hiệu triệu cho hành trình mới",
        "author": {"name": "Phóng viên"},
        "views": 1234,
    }]));
    assert_eq!(ids(&s), ["a"]);
    assert!(s.warnings.is_empty(), "{:?}", s.warnings);
}

#[test]
fn empty_store_is_valid() {
    assert!(parse("[]").is_empty());
    assert!(parse(r#"{"articles": []}"#).is_empty());
}

// ---------------------------------------------------------------------------------------------
// Fields

#[test]
fn integer_id_is_read_as_its_decimal_string() {
    let s = parse_value(&json!([
        {"id": 42, "title": "Bốn mươi hai", "related": [7]},
        {"id": 7, "title": "Bảy"},
        {"id": 9_007_199_254_740_993_u64, "title": "Lớn"},
    ]));
    assert_eq!(ids(&s), ["42", "7", "9007199254740993"]);
    assert_eq!(s.get("42").map(|a| a.title.as_str()), Some("Bốn mươi hai"));
    assert_eq!(s.articles()[0].related, ["7"]);
    assert!(s.warnings.is_empty(), "{:?}", s.warnings);
}

#[test]
fn integer_and_string_ids_with_the_same_digits_are_duplicates() {
    let s = parse_value(&json!([
        {"id": 7, "title": "Thứ nhất"},
        {"id": "7", "title": "Thứ hai"},
    ]));
    assert_eq!(ids(&s), ["7"]);
    assert_eq!(s.articles()[0].title, "Thứ nhất");
    assert_eq!(warnings_on(&s, "id").len(), 1, "{:?}", s.warnings);
}

#[test]
fn optional_fields_are_kept() {
    let s = parse_value(&json!([{
        "id": "a",
        "title": "Tiêu đề",
        "published": "2021-11-24",
        "summary": "Sáng 24/11, tại Tokyo, Nhật Bản.",
        "body": ["Đoạn một.", "Đoạn hai."],
        "persons": ["Phạm Minh Chính", "Shii Kazuo"],
        "section": "Chính trị",
        "source": "Báo Nhân Dân",
        "url": "https://nhandan.vn/bai-viet",
        "tags": ["Việt Nam", "Nhật Bản"],
        "captions": ["Thủ tướng Phạm Minh Chính tiếp đoàn."],
    }]));
    assert!(s.warnings.is_empty(), "{:?}", s.warnings);
    let a = &s.articles()[0];
    assert_eq!(a.summary, "Sáng 24/11, tại Tokyo, Nhật Bản.");
    assert_eq!(a.body, ["Đoạn một.", "Đoạn hai."]);
    assert_eq!(a.persons, ["Phạm Minh Chính", "Shii Kazuo"]);
    assert_eq!(a.section.as_deref(), Some("Chính trị"));
    assert_eq!(a.source.as_deref(), Some("Báo Nhân Dân"));
    assert_eq!(a.url.as_deref(), Some("https://nhandan.vn/bai-viet"));
    assert_eq!(a.tags, ["Việt Nam", "Nhật Bản"]);
    assert_eq!(a.captions, ["Thủ tướng Phạm Minh Chính tiếp đoàn."]);
}

#[test]
fn body_string_blank_lines_separate_paragraphs() {
    let s = parse_value(&json!([{
        "id": "a",
        "title": "Thân bài là một chuỗi",
        "body": "Đoạn một.\n\nĐoạn hai,\ndòng thứ hai.\n\n\n   \nĐoạn ba.\n",
    }]));
    let body = &s.articles()[0].body;
    assert_eq!(body.len(), 3, "{body:?}");
    assert_eq!(body[0], "Đoạn một.");
    assert!(
        body[1].starts_with("Đoạn hai,") && body[1].ends_with("dòng thứ hai."),
        "a single line break stays inside its paragraph: {body:?}"
    );
    assert_eq!(body[2], "Đoạn ba.");
}

#[test]
fn body_array_is_one_paragraph_per_entry() {
    let s = parse_value(&json!([{
        "id": "a",
        "title": "Thân bài là một mảng",
        "body": ["Tại cuộc gặp, Thủ tướng chuyển lời thăm hỏi.", "Đại hội cũng khẳng định."],
    }]));
    assert_eq!(
        s.articles()[0].body,
        [
            "Tại cuộc gặp, Thủ tướng chuyển lời thăm hỏi.",
            "Đại hội cũng khẳng định."
        ]
    );
}

#[test]
fn body_with_windows_line_endings_splits_and_keeps_no_carriage_return() {
    let s = parse_value(&json!([{
        "id": "a",
        "title": "CRLF",
        "body": "Đoạn một.\r\n\r\nĐoạn hai,\r\ndòng hai.",
    }]));
    let body = &s.articles()[0].body;
    assert_eq!(body.len(), 2, "{body:?}");
    assert!(
        body.iter().all(|p| !p.contains('\r')),
        "carriage returns are control characters: {body:?}"
    );
}

// ---------------------------------------------------------------------------------------------
// Per-article problems

#[test]
fn missing_id_skips_the_article_with_a_warning() {
    let s = parse_value(&json!([
        {"id": "a", "title": "Có mã"},
        {"title": "Không có mã"},
        {"id": "c", "title": "Có mã nữa"},
    ]));
    assert_eq!(ids(&s), ["a", "c"]);
    let w = warnings_on(&s, "id");
    assert_eq!(w.len(), 1, "{:?}", s.warnings);
    assert_names(w[0], 1, None, "id");
}

#[test]
fn empty_id_skips_the_article_with_a_warning() {
    let s = parse_value(&json!([{"id": "", "title": "Mã rỗng"}]));
    assert!(s.is_empty());
    let w = warnings_on(&s, "id");
    assert_eq!(w.len(), 1, "{:?}", s.warnings);
    assert_names(w[0], 0, None, "id");
}

#[test]
fn id_of_a_wrong_type_skips_the_article_with_a_warning() {
    for bad in [
        json!(1.5),
        json!(true),
        json!({"x": 1}),
        json!(["a"]),
        json!(null),
    ] {
        let s = parse_value(&json!([
            {"id": "a", "title": "Tốt"},
            {"id": bad, "title": "Mã sai kiểu"},
        ]));
        assert_eq!(ids(&s), ["a"], "id {bad}");
        let w = warnings_on(&s, "id");
        assert_eq!(w.len(), 1, "id {bad}: {:?}", s.warnings);
        assert_names(w[0], 1, None, "id");
    }
}

#[test]
fn missing_title_skips_the_article_with_a_warning_naming_its_id() {
    let s = parse_value(&json!([
        {"id": "a", "title": "Tốt"},
        {"id": "thieu-tieu-de", "summary": "Không có tiêu đề"},
    ]));
    assert_eq!(ids(&s), ["a"]);
    let w = warnings_on(&s, "title");
    assert_eq!(w.len(), 1, "{:?}", s.warnings);
    assert_names(w[0], 1, Some("thieu-tieu-de"), "title");
}

#[test]
fn empty_title_skips_the_article_with_a_warning() {
    let s = parse_value(&json!([{"id": "rong", "title": ""}]));
    assert!(s.is_empty());
    let w = warnings_on(&s, "title");
    assert_eq!(w.len(), 1, "{:?}", s.warnings);
    assert_names(w[0], 0, Some("rong"), "title");
}

#[test]
fn blank_title_counts_as_empty() {
    // Only spaces (and an escape sequence that the sanitiser removes) leave nothing to show.
    let s = parse_value(&json!([
        {"id": "trang", "title": "   "},
        {"id": "chi-ma-dieu-khien", "title": "\u{1b}[0m"},
    ]));
    assert!(s.is_empty(), "{:?}", s.articles());
    assert_eq!(warnings_on(&s, "title").len(), 2, "{:?}", s.warnings);
}

#[test]
fn title_of_a_wrong_type_skips_the_article_with_a_warning() {
    for bad in [
        json!(5),
        json!(["Tiêu", "đề"]),
        json!({"vi": "Tiêu đề"}),
        json!(null),
    ] {
        let s = parse_value(&json!([
            {"id": "a", "title": "Tốt"},
            {"id": "sai-kieu", "title": bad},
        ]));
        assert_eq!(ids(&s), ["a"], "title {bad}");
        let w = warnings_on(&s, "title");
        assert_eq!(w.len(), 1, "title {bad}: {:?}", s.warnings);
        assert_names(w[0], 1, Some("sai-kieu"), "title");
    }
}

/// A wrong type in an optional field costs that field (or the article) and always a warning; the
/// rest of the store loads.
fn assert_wrong_type_warns(field: &str, bad: Value) {
    let mut article = json!({"id": "sai-kieu", "title": "Trường sai kiểu"});
    article[field] = bad.clone();
    let s = parse_value(&json!([{"id": "a", "title": "Tốt"}, article]));
    assert_eq!(s.get("a").map(|a| a.title.as_str()), Some("Tốt"));
    let w = warnings_on(&s, field);
    assert_eq!(w.len(), 1, "{field}: {bad}: {:?}", s.warnings);
    assert_names(w[0], 1, Some("sai-kieu"), field);
    if let Some(a) = s.get("sai-kieu") {
        // Kept: the bad field must be dropped, not turned into text.
        let dropped = match field {
            "persons" => a.persons.is_empty(),
            "body" => a.body.is_empty(),
            "summary" => a.summary.is_empty(),
            "related" => a.related.is_empty(),
            "tags" => a.tags.is_empty(),
            "captions" => a.captions.is_empty(),
            "section" => a.section.is_none(),
            "source" => a.source.is_none(),
            "url" => a.url.is_none(),
            _ => true,
        };
        assert!(dropped, "{field}: {bad}: {a:?}");
    }
}

#[test]
fn persons_of_a_wrong_type_warn() {
    assert_wrong_type_warns("persons", json!("x"));
    assert_wrong_type_warns("persons", json!({"name": "Tô Lâm"}));
}

#[test]
fn body_of_a_wrong_type_warns() {
    assert_wrong_type_warns("body", json!(3));
    assert_wrong_type_warns("body", json!({"p": "Đoạn"}));
}

#[test]
fn other_optional_fields_of_a_wrong_type_warn() {
    assert_wrong_type_warns("summary", json!(["Tóm", "tắt"]));
    assert_wrong_type_warns("section", json!(1));
    assert_wrong_type_warns("source", json!(true));
    assert_wrong_type_warns("url", json!({"href": "x"}));
    assert_wrong_type_warns("related", json!("b"));
    assert_wrong_type_warns("tags", json!(7));
    assert_wrong_type_warns("captions", json!("Ảnh"));
}

#[test]
fn wrong_entries_inside_a_list_warn_and_the_good_entries_are_kept() {
    let s = parse_value(&json!([{
        "id": "a",
        "title": "Danh sách lẫn kiểu",
        "persons": ["Tô Lâm", 5, "Lê Hoài Trung"],
        "body": ["Đoạn một.", {"x": 1}, "Đoạn hai."],
    }]));
    let a = s.get("a").expect("kept");
    assert_eq!(a.persons, ["Tô Lâm", "Lê Hoài Trung"]);
    assert_eq!(a.body, ["Đoạn một.", "Đoạn hai."]);
    assert_names(warnings_on(&s, "persons")[0], 0, Some("a"), "persons");
    assert_names(warnings_on(&s, "body")[0], 0, Some("a"), "body");
}

#[test]
fn an_article_that_is_not_an_object_is_skipped_with_a_warning() {
    let s = parse_value(&json!(["chỉ là chuỗi", 3, {"id": "a", "title": "Tốt"}]));
    assert_eq!(ids(&s), ["a"]);
    assert_eq!(s.warnings.len(), 2, "{:?}", s.warnings);
    for (w, index) in s.warnings.iter().zip([0, 1]) {
        assert_eq!(w.file, FILE);
        assert_eq!(w.index, index);
        assert!(w.to_string().contains(&format!("#{index}")), "{w}");
    }
}

#[test]
fn unreadable_published_keeps_the_article_undated_with_a_warning() {
    for bad in [
        json!("hôm qua"),
        json!("28/01/2026"),
        json!("2026-02-30"),
        json!("2026-01-28T25:00:00+07:00"),
        json!(20260128),
        json!(["2026-01-28"]),
    ] {
        let s = parse_value(&json!([{
            "id": "ngay-sai",
            "title": "Ngày không đọc được",
            "published": bad,
            "persons": ["Tô Lâm"],
        }]));
        let a = s
            .get("ngay-sai")
            .unwrap_or_else(|| panic!("{bad}: article kept"));
        assert_eq!(a.published, None, "{bad}");
        assert_eq!(
            a.persons,
            ["Tô Lâm"],
            "{bad}: the rest of the article is kept"
        );
        let w = warnings_on(&s, "published");
        assert_eq!(w.len(), 1, "{bad}: {:?}", s.warnings);
        assert_names(w[0], 0, Some("ngay-sai"), "published");
    }
}

#[test]
fn duplicate_id_keeps_the_first_with_a_warning() {
    let s = parse_value(&json!([
        {"id": "trung", "title": "Bài thứ nhất", "persons": ["Tô Lâm"]},
        {"id": "khac", "title": "Bài khác"},
        {"id": "trung", "title": "Bài thứ hai"},
    ]));
    assert_eq!(ids(&s), ["trung", "khac"]);
    assert_eq!(
        s.get("trung").map(|a| a.title.as_str()),
        Some("Bài thứ nhất")
    );
    let w = warnings_on(&s, "id");
    assert_eq!(w.len(), 1, "{:?}", s.warnings);
    assert_names(w[0], 2, Some("trung"), "id");
}

#[test]
fn dangling_related_id_is_dropped_with_a_warning() {
    let s = parse_value(&json!([
        {"id": "a", "title": "Bài A", "related": ["b", "khong-ton-tai", "c"]},
        {"id": "b", "title": "Bài B (liên kết tới trước)"},
        {"id": "c", "title": "Bài C", "related": ["a"]},
    ]));
    assert_eq!(
        s.get("a").map(|a| a.related.clone()),
        Some(vec!["b".into(), "c".into()])
    );
    assert_eq!(
        s.get("c").map(|a| a.related.clone()),
        Some(vec!["a".into()])
    );
    let w = warnings_on(&s, "related");
    assert_eq!(w.len(), 1, "{:?}", s.warnings);
    assert_names(w[0], 0, Some("a"), "related");
    assert!(w[0].to_string().contains("khong-ton-tai"), "{}", w[0]);
}

#[test]
fn related_id_of_a_skipped_article_is_dangling() {
    let s = parse_value(&json!([
        {"id": "a", "title": "Bài A", "related": ["bi-bo"]},
        {"id": "bi-bo"},
    ]));
    assert!(s.get("a").is_some_and(|a| a.related.is_empty()));
    assert_eq!(warnings_on(&s, "related").len(), 1, "{:?}", s.warnings);
    assert_eq!(warnings_on(&s, "title").len(), 1, "{:?}", s.warnings);
}

#[test]
fn warning_index_is_the_position_in_the_file_after_skipped_articles() {
    let s = parse_value(&json!([
        {"title": "không mã"},
        {"id": "trung", "title": "Một"},
        {"id": "trung", "title": "Hai"},
        {"id": "d", "title": "Bốn", "related": ["x"]},
    ]));
    let rel = warnings_on(&s, "related");
    assert_eq!(rel.len(), 1, "{:?}", s.warnings);
    assert_names(rel[0], 3, Some("d"), "related");
}

// ---------------------------------------------------------------------------------------------
// published

fn published(p: &str) -> Published {
    let s = parse_value(&json!([{"id": "a", "title": "Ngày", "published": p}]));
    assert!(s.warnings.is_empty(), "{p}: {:?}", s.warnings);
    s.articles()[0]
        .published
        .unwrap_or_else(|| panic!("{p} should be read"))
}

#[test]
fn rfc3339_with_z_is_on_its_utc_date() {
    let p = published("2026-01-28T17:30:00Z");
    assert!(matches!(p, Published::Zoned { .. }), "{p:?}");
    assert_eq!(p.date(), date(2026, 1, 28));
}

#[test]
fn rfc3339_date_is_the_calendar_date_in_its_own_offset() {
    // 16:30Z on the 28th, written in Hà Nội time: still the 28th.
    let p = published("2026-01-28T23:30:00+07:00");
    assert_eq!(p.date(), date(2026, 1, 28));
    // 23:00Z on the 28th, but the 29th in Hà Nội.
    assert_eq!(
        published("2026-01-29T06:00:00+07:00").date(),
        date(2026, 1, 29)
    );
    // 01:00Z on the 28th, but the 27th in New York.
    assert_eq!(
        published("2026-01-27T20:00:00-05:00").date(),
        date(2026, 1, 27)
    );
    // Offsets without a colon and with half hours.
    assert_eq!(
        published("2026-01-27T23:45:00+0530").date(),
        date(2026, 1, 27)
    );
}

#[test]
fn rfc3339_orders_by_its_instant() {
    let hanoi = published("2026-01-28T23:30:00+07:00");
    let utc = published("2026-01-28T16:30:00Z");
    let ny = published("2026-01-28T11:30:00-05:00");
    assert_eq!(hanoi.sort_key(), utc.sort_key());
    assert_eq!(ny.sort_key(), utc.sort_key());
    assert!(published("2026-01-28T17:30:00Z").sort_key() > hanoi.sort_key());
}

#[test]
fn rfc3339_keeps_its_offset_for_output() {
    assert_eq!(
        published("2026-01-28T23:30:00+07:00").iso(),
        "2026-01-28T23:30:00+07:00"
    );
    assert_eq!(
        published("2026-01-27T20:00:00-05:00").iso(),
        "2026-01-27T20:00:00-05:00"
    );
    assert_eq!(
        published("2026-01-28T17:30:00Z").iso(),
        "2026-01-28T17:30:00Z"
    );
}

#[test]
fn timestamp_without_offset_is_read_as_written() {
    let p = published("2026-01-28T23:30:00");
    assert!(matches!(p, Published::Floating(_)), "{p:?}");
    assert_eq!(p.date(), date(2026, 1, 28));
    assert_eq!(p.short(), "28/01/2026");
}

#[test]
fn plain_date_is_a_day() {
    let p = published("2021-11-24");
    assert_eq!(p, Published::Day(date(2021, 11, 24)));
    assert_eq!(p.short(), "24/11/2021");
    assert_eq!(p.iso(), "2021-11-24");
}

#[test]
fn null_published_is_undated_without_warning() {
    let s = parse_value(&json!([{"id": "a", "title": "Chưa có ngày", "published": null}]));
    assert_eq!(s.articles()[0].published, None);
    assert!(s.warnings.is_empty(), "{:?}", s.warnings);
}

// ---------------------------------------------------------------------------------------------
// NFC and control characters

#[test]
fn nfd_text_is_nfc_after_load() {
    let v = json!([{
        "id": nfd("bài-tiếng-việt"),
        "title": nfd("Thủ tướng Phạm Minh Chính gặp đồng chí Shii Kazuo"),
        "summary": nfd("Sáng 24/11, tại Tokyo, Nhật Bản."),
        "body": [nfd("Đại hội cũng khẳng định Việt Nam tiếp tục kiên trì.")],
        "persons": [nfd("Phạm Minh Chính"), nfd("Nguyễn Phú Trọng")],
        "section": nfd("Chính trị"),
        "tags": [nfd("Đối ngoại")],
        "captions": [nfd("Ảnh: Thủ tướng tiếp đoàn.")],
    }]);
    // The input really is decomposed.
    assert_ne!(nfd("Phạm Minh Chính"), "Phạm Minh Chính");
    let s = parse_value(&v);
    let a = &s.articles()[0];
    assert_eq!(a.id, "bài-tiếng-việt");
    assert!(
        s.get("bài-tiếng-việt").is_some(),
        "NFC id finds the article"
    );
    assert_eq!(a.title, "Thủ tướng Phạm Minh Chính gặp đồng chí Shii Kazuo");
    assert_eq!(a.persons, ["Phạm Minh Chính", "Nguyễn Phú Trọng"]);
    assert_eq!(a.summary, "Sáng 24/11, tại Tokyo, Nhật Bản.");
    assert_eq!(
        a.body,
        ["Đại hội cũng khẳng định Việt Nam tiếp tục kiên trì."]
    );
    assert_eq!(a.section.as_deref(), Some("Chính trị"));
    assert_eq!(a.tags, ["Đối ngoại"]);
    assert_eq!(a.captions, ["Ảnh: Thủ tướng tiếp đoàn."]);
    for t in all_text(a) {
        assert!(is_nfc(&t), "{t:?}");
    }
}

#[test]
fn nfd_and_nfc_related_ids_resolve() {
    let s = parse_value(&json!([
        {"id": "tin-hà-nội", "title": "Hà Nội"},
        {"id": "b", "title": "Bài B", "related": [nfd("tin-hà-nội")]},
    ]));
    assert!(s.warnings.is_empty(), "{:?}", s.warnings);
    assert_eq!(s.articles()[1].related, ["tin-hà-nội"]);
}

fn all_text(a: &tuinews::store::Article) -> Vec<String> {
    let mut v = vec![a.id.clone(), a.title.clone(), a.summary.clone()];
    v.extend(a.body.iter().cloned());
    v.extend(a.persons.iter().map(String::from));
    v.extend(a.related.iter().cloned());
    v.extend(a.tags.iter().map(String::from));
    v.extend(a.captions.iter().cloned());
    v.extend(a.section.iter().map(String::from));
    v.extend(a.source.iter().map(String::from));
    v.extend(a.url.iter().cloned());
    v
}

/// Single-line fields hold no control character at all; block fields keep only `\n`.
fn assert_no_controls(a: &tuinews::store::Article) {
    let line_fields = std::iter::once(a.id.as_str())
        .chain(std::iter::once(a.title.as_str()))
        .chain(a.persons.iter().map(|p| p.as_str()))
        .chain(a.related.iter().map(String::as_str))
        .chain(a.tags.iter().map(|t| t.as_str()))
        .chain(a.section.as_deref())
        .chain(a.source.as_deref())
        .chain(a.url.as_deref());
    for t in line_fields {
        assert!(
            !t.chars().any(char::is_control),
            "control character in {t:?}"
        );
    }
    for t in std::iter::once(&a.summary)
        .chain(&a.body)
        .chain(&a.captions)
    {
        assert!(
            !t.chars().any(|c| c.is_control() && c != '\n'),
            "control character in {t:?}"
        );
    }
}

#[test]
fn csi_escape_sequences_are_removed() {
    let s = parse_value(&json!([{
        "id": "a",
        "title": "red\u{1b}[31mX",
        "summary": "Tóm tắt \u{1b}[2J\u{1b}[H xoá màn hình",
        "body": ["Đoạn \u{1b}[1;31mđỏ\u{1b}[0m.", "C1 \u{9b}31m CSI"],
        "persons": ["Tô\u{1b}[5m Lâm"],
        "section": "Thời\u{7}sự",
        "source": "Nhân\u{0}Dân",
        "url": "https://nhandan.vn/\u{1b}[8m",
        "tags": ["\u{1b}[31mđỏ"],
        "captions": ["Ảnh\u{1b}[0m"],
    }]));
    let a = &s.articles()[0];
    assert_no_controls(a);
    assert!(
        a.title.starts_with("red") && a.title.ends_with('X'),
        "{:?}",
        a.title
    );
    assert!(a.persons[0].starts_with("Tô"), "{:?}", a.persons);
}

#[test]
fn osc_title_sequence_is_removed() {
    let s = parse_value(&json!([
        {"id": "a", "title": "\u{1b}]0;bị chiếm terminal\u{7}Tin thật"},
        {"id": "b", "title": "\u{1b}]8;;https://x.invalid\u{1b}\\Liên kết\u{1b}]8;;\u{1b}\\"},
        {"id": "c", "title": "C1 OSC \u{9d}0;tiêu đề\u{9c}xong"},
    ]));
    assert_eq!(ids(&s), ["a", "b", "c"]);
    for a in s.articles() {
        assert_no_controls(a);
    }
    assert!(
        s.articles()[0].title.contains("Tin thật"),
        "{:?}",
        s.articles()[0].title
    );
    assert!(
        s.articles()[1].title.contains("Liên kết"),
        "{:?}",
        s.articles()[1].title
    );
}

#[test]
fn line_breaks_and_tabs_in_single_line_fields_are_replaced() {
    let s = parse_value(&json!([{
        "id": "a",
        "title": "Dòng một\nDòng hai\tcột\r",
        "persons": ["Phạm\nMinh Chính"],
    }]));
    assert_no_controls(&s.articles()[0]);
    assert!(s.articles()[0].title.contains("Dòng một"));
    assert!(s.articles()[0].title.contains("Dòng hai"));
}

#[test]
fn warnings_carry_no_control_characters() {
    let s = parse_value(&json!([
        {"id": "a\u{1b}[31m", "title": "Ngày sai", "published": "\u{1b}]0;x\u{7}hôm qua"},
        {"id": "b", "title": "Liên quan", "related": ["\u{1b}[2Jmat"]},
    ]));
    assert!(!s.warnings.is_empty());
    for w in &s.warnings {
        let text = w.to_string();
        assert!(
            !text.chars().any(char::is_control),
            "control character in warning {text:?}"
        );
    }
}

// ---------------------------------------------------------------------------------------------
// Fatal errors

fn fatal(text: &str) -> StoreError {
    match Store::parse(text, FILE) {
        Ok(s) => panic!("{text:?} should not load, got {} articles", s.len()),
        Err(e) => e,
    }
}

#[test]
fn invalid_json_names_file_line_and_column() {
    for text in [
        "{\n  \"articles\": [\n    {\"id\": \"a\", \"title\": \"Tốt\"},,\n  ]\n}\n",
        "[\n  {\"id\": \"a\", \"title\": \"Thiếu ngoặc\"\n",
        "",
        "{\"articles\": []} thừa",
        "[{\"id\": 'a'}]",
    ] {
        let serde_err = serde_json::from_str::<Value>(text).expect_err("fixture is broken JSON");
        let e = fatal(text);
        assert!(matches!(e, StoreError::Json { .. }), "{text:?}: {e:?}");
        let msg = e.to_string();
        let want = format!("{FILE}:{}:{}", serde_err.line(), serde_err.column());
        assert!(
            msg.contains(&want),
            "{text:?}: {msg:?} should contain {want:?}"
        );
        assert!(!msg.contains('\n'), "one short line: {msg:?}");
    }
}

#[test]
fn wrong_top_level_shape_names_the_file() {
    for text in [
        "\"chỉ là một chuỗi\"",
        "42",
        "null",
        "true",
        "{\"items\": []}",
        "{}",
        "{\"articles\": {\"id\": \"a\"}}",
        "{\"articles\": \"a\"}",
    ] {
        let e = fatal(text);
        assert!(matches!(e, StoreError::Shape { .. }), "{text:?}: {e:?}");
        let msg = e.to_string();
        assert!(msg.contains(FILE), "{text:?}: {msg:?}");
        assert!(!msg.contains('\n'), "one short line: {msg:?}");
    }
}

fn temp_store(dir: &Path, name: &str, bytes: &[u8]) -> PathBuf {
    let p = dir.join(name);
    fs::write(&p, bytes).expect("write store");
    p
}

#[test]
fn not_utf8_names_the_file() {
    let dir = tempfile::tempdir().expect("tempdir");
    // "Hà Nội" in Windows-1258 / Latin-1-ish bytes, not UTF-8.
    let p = temp_store(
        dir.path(),
        "latin.json",
        b"[{\"id\": \"a\", \"title\": \"H\xe0 N\xf4i\"}]",
    );
    let e = Store::load_path(&p).expect_err("not UTF-8");
    assert!(matches!(e, StoreError::NotUtf8 { .. }), "{e:?}");
    let msg = e.to_string();
    assert!(msg.contains(&p.display().to_string()), "{msg}");
}

#[test]
fn missing_file_names_the_file() {
    let dir = tempfile::tempdir().expect("tempdir");
    let p = dir.path().join("khong-co.json");
    let e = Store::load_path(&p).expect_err("missing");
    assert!(matches!(e, StoreError::Read { .. }), "{e:?}");
    assert!(e.to_string().contains(&p.display().to_string()), "{e}");
    let e = Store::open(&Origin::Env(p.clone())).expect_err("missing");
    assert!(e.to_string().contains(&p.display().to_string()), "{e}");
}

#[test]
fn a_directory_is_unreadable_and_named() {
    let dir = tempfile::tempdir().expect("tempdir");
    let e = Store::load_path(dir.path()).expect_err("a directory is not a store");
    assert!(
        e.to_string().contains(&dir.path().display().to_string()),
        "{e}"
    );
}

#[test]
fn load_path_names_messages_after_the_path() {
    let dir = tempfile::tempdir().expect("tempdir");
    let p = temp_store(
        dir.path(),
        "kho.json",
        "[{\"id\": \"a\", \"title\": \"Tốt\", \"published\": \"hôm qua\"}]".as_bytes(),
    );
    let s = Store::load_path(&p).expect("loads");
    assert_eq!(s.warnings.len(), 1);
    assert_eq!(s.warnings[0].file, p.display().to_string());
    let p = temp_store(dir.path(), "hong.json", b"[{");
    let e = Store::load_path(&p).expect_err("broken");
    assert!(
        e.to_string().starts_with(&format!("{}:", p.display())),
        "{e}"
    );
}

// ---------------------------------------------------------------------------------------------
// Which store is opened

struct Dirs {
    _root: tempfile::TempDir,
    flag: PathBuf,
    env: PathBuf,
    xdg: PathBuf,
    home: PathBuf,
}

fn dirs() -> Dirs {
    let root = tempfile::tempdir().expect("tempdir");
    let r = root.path().to_path_buf();
    let xdg = r.join("xdg");
    let home = r.join("home");
    fs::create_dir_all(&xdg).expect("mkdir");
    fs::create_dir_all(&home).expect("mkdir");
    Dirs {
        _root: root,
        flag: r.join("flag.json"),
        env: r.join("env.json"),
        xdg,
        home,
    }
}

fn user_store(data: &Path) -> PathBuf {
    let dir = data.join("tuinews");
    fs::create_dir_all(&dir).expect("mkdir");
    let p = dir.join("articles.json");
    fs::write(&p, "[]").expect("write");
    p
}

#[test]
fn flag_beats_everything() {
    let d = dirs();
    user_store(&d.xdg);
    user_store(&d.home.join(".local/share"));
    let o = store::choose(
        Some(d.flag.clone()),
        Some(d.env.clone()),
        Some(d.xdg.clone()),
        Some(d.home.clone()),
    );
    assert_eq!(o, Origin::Flag(d.flag.clone()));
}

#[test]
fn flag_to_a_missing_file_does_not_fall_back() {
    let d = dirs();
    user_store(&d.xdg);
    let o = store::choose(Some(d.flag.clone()), None, Some(d.xdg.clone()), None);
    assert_eq!(o, Origin::Flag(d.flag.clone()));
    let e = Store::open(&o).expect_err("the flag's file is missing");
    assert!(e.to_string().contains(&d.flag.display().to_string()), "{e}");
}

#[test]
fn env_beats_xdg_and_home() {
    let d = dirs();
    user_store(&d.xdg);
    user_store(&d.home.join(".local/share"));
    let o = store::choose(
        None,
        Some(d.env.clone()),
        Some(d.xdg.clone()),
        Some(d.home.clone()),
    );
    assert_eq!(o, Origin::Env(d.env.clone()));
}

#[test]
fn xdg_store_is_used_when_it_exists() {
    let d = dirs();
    let p = user_store(&d.xdg);
    user_store(&d.home.join(".local/share"));
    let o = store::choose(None, None, Some(d.xdg.clone()), Some(d.home.clone()));
    assert_eq!(o, Origin::Xdg(p));
}

#[test]
fn xdg_store_is_skipped_when_it_does_not_exist() {
    let d = dirs();
    let o = store::choose(None, None, Some(d.xdg.clone()), Some(d.home.clone()));
    assert_eq!(o, Origin::Embedded);
}

#[test]
fn home_local_share_is_the_default_data_home() {
    let d = dirs();
    let p = user_store(&d.home.join(".local").join("share"));
    let o = store::choose(None, None, None, Some(d.home.clone()));
    assert_eq!(o, Origin::Xdg(p));
}

#[test]
fn embedded_sample_when_nothing_else() {
    let d = dirs();
    assert_eq!(store::choose(None, None, None, None), Origin::Embedded);
    assert_eq!(
        store::choose(None, None, None, Some(d.home.clone())),
        Origin::Embedded
    );
}

#[test]
fn origin_describes_its_reason() {
    let d = dirs();
    assert!(Origin::Flag(d.flag.clone()).describe().contains("--store"));
    assert!(
        Origin::Env(d.env.clone())
            .describe()
            .contains("TUINEWS_STORE")
    );
    assert!(Origin::Embedded.describe().contains("embedded sample"));
}

#[test]
fn embedded_sample_loads_every_article_with_no_warning() {
    let s = Store::open(&Origin::Embedded).expect("the embedded sample loads");
    assert!(s.warnings.is_empty(), "{:#?}", s.warnings);
    let raw: Value = serde_json::from_str(EMBEDDED_SAMPLE).expect("sample is JSON");
    let n = raw
        .get("articles")
        .or(Some(&raw))
        .and_then(Value::as_array)
        .map(Vec::len)
        .expect("an array of articles");
    assert_eq!(s.len(), n, "no article of the sample is lost");
    assert!(s.name.contains("embedded sample"), "{}", s.name);
    let a = s
        .get("tang-cuong-hop-tac-giao-luu-giua-hai-nuoc-hai-1e474317")
        .expect("the 2021 article");
    assert_eq!(a.published.map(|p| p.date()), Some(date(2021, 11, 24)));
    assert!(a.persons.iter().any(|p| p == "Phạm Minh Chính"));
    for a in s.articles() {
        assert_no_controls(a);
        for t in all_text(a) {
            assert!(is_nfc(&t), "{t:?}");
        }
    }
}

/// A known field given twice in one article: the last value is read, with a warning naming the
/// article, the field and how often it was given, from the fast reader and the reference alike.
#[test]
fn a_field_given_twice_in_an_article_is_named() {
    let text = r#"[{"id": "a", "title": "một", "title": "hai", "persons": ["X"],
        "persons": ["Y"], "persons": ["Z"], "extra": 1, "extra": 2},
        {"id": "b", "title": "ba"}]"#;
    for store in [
        parse(text),
        store::slow::parse(text, FILE).unwrap_or_else(|e| panic!("{e}")),
    ] {
        assert_eq!(ids(&store), ["a", "b"]);
        let a = &store.articles()[0];
        assert_eq!(a.title, "hai");
        assert_eq!(a.persons, ["Z"]);
        let messages: Vec<String> = store.warnings.iter().map(ToString::to_string).collect();
        assert_eq!(
            messages,
            [
                "tin-tuc.json: article #0 (id \"a\"), field \"title\": given 2 times; the last is read",
                "tin-tuc.json: article #0 (id \"a\"), field \"persons\": given 3 times; the last is read",
            ],
            "an unknown key given twice is no warning"
        );
    }
}

/// Arrays nested past the JSON parser's depth limit inside one article: that article is skipped
/// with a warning naming its index, its id and the line and column where the limit was met;
/// the articles around it load, under both top-level shapes.
#[test]
fn an_article_nested_too_deeply_is_skipped_alone() {
    let deep = format!("{}{}", "[".repeat(200), "]".repeat(200));
    for (text, line, column) in [
        (
            format!(
                "[{{\"id\": \"a\", \"title\": \"t\"}},\n {{\"title\": \"sâu\", \"x\": {deep}, \"id\": 7}},\n {{\"id\": \"c\", \"title\": \"t\"}}]"
            ),
            2,
            // ` {"title": "sâu", "x": ` is 24 bytes (â is two); the article's object and 126
            // arrays are allowed, and the 127th array is at column 24 + 127.
            24 + 127,
        ),
        (
            format!(
                "{{\"articles\": [{{\"id\": \"a\", \"title\": \"t\"}}, {{\"id\": 7, \"x\": {deep}}},\n{{\"id\": \"c\", \"title\": \"t\"}}]}}"
            ),
            1,
            // The article's text starts at byte 42 of the line and `{"id": 7, "x": ` is 14.
            56 + 127,
        ),
    ] {
        let store = parse(&text);
        assert_eq!(ids(&store), ["a", "c"], "{text:.80}");
        let messages: Vec<String> = store.warnings.iter().map(ToString::to_string).collect();
        assert_eq!(
            messages,
            [format!(
                "tin-tuc.json: article #1 (id \"7\"): nested more than 127 levels deep (line {line}, column {column}); the article is skipped"
            )]
        );
    }
    // Deep outside the article array, the store is not readable: the message says where.
    let text = format!("{{\"x\": {deep}, \"articles\": []}}");
    match Store::parse(&text, FILE) {
        Err(e) => assert_eq!(
            e.to_string(),
            // `{"x": ` then the document's object and 126 arrays: the 127th is refused.
            format!(
                "tin-tuc.json:1:{}: invalid JSON: recursion limit exceeded",
                6 + 127
            )
        ),
        Ok(_) => panic!("a store nested too deeply outside its articles loaded"),
    }
}
