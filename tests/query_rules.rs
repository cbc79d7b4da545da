//! The filter rules of the issue: person matching, date SPECs, text search, AND between filters,
//! and the order of results.

use jiff::civil::{Date, date};
use serde_json::{Value, json};
use tuinews::query::{
    DATE_FORMS, DateFilter, DateRange, Filter, PersonQuery, SearchQuery, parse_date_spec,
};
use tuinews::store::Store;
use unicode_normalization::UnicodeNormalization;

fn nfd(s: &str) -> String {
    s.nfd().collect()
}

fn store(v: &Value) -> Store {
    let s = Store::parse(&v.to_string(), "query.json").expect("store loads");
    assert!(s.warnings.is_empty(), "{:?}", s.warnings);
    s
}

/// Ids of the articles `filter` keeps, in the order it returns them.
fn hits(s: &Store, filter: &Filter) -> Vec<String> {
    filter
        .apply(s)
        .into_iter()
        .filter_map(|ix| s.article(ix).map(|a| a.id.clone()))
        .collect()
}

fn by_persons(s: &Store, names: &[&str]) -> Vec<String> {
    let f = Filter {
        persons: names.iter().map(|n| PersonQuery::new(n)).collect(),
        ..Filter::default()
    };
    hits(s, &f)
}

fn by_search(s: &Store, text: &str) -> Vec<String> {
    let f = Filter {
        search: Some(SearchQuery::new(text)),
        ..Filter::default()
    };
    hits(s, &f)
}

const TODAY: Date = date(2026, 1, 30);

fn by_date(s: &Store, spec: &str) -> Vec<String> {
    let f = Filter {
        date: Some(DateFilter::parse(spec, TODAY).unwrap_or_else(|e| panic!("{spec}: {e}"))),
        ..Filter::default()
    };
    hits(s, &f)
}

fn sorted(mut v: Vec<String>) -> Vec<String> {
    v.sort();
    v
}

// ---------------------------------------------------------------------------------------------
// Person

fn person_store() -> Store {
    store(&json!([
        {"id": "chinh", "title": "Thủ tướng gặp Chủ tịch Shii Kazuo",
         "persons": ["Phạm Minh Chính", "Shii Kazuo"]},
        {"id": "to-lam-nbsp", "title": "Tổng Bí thư điện đàm", "persons": ["Tô\u{a0}Lâm"]},
        {"id": "do-muoi", "title": "Tưởng nhớ", "persons": ["Đỗ Mười"]},
        {"id": "trong-nfd", "title": "Bài NFD", "persons": [nfd("Nguyễn Phú Trọng")]},
        {"id": "chinh-va-lam", "title": "Hai lãnh đạo",
         "persons": ["Tô Lâm", "Phạm Minh Chính"]},
        {"id": "chi-trong-tieu-de", "title": "Phạm Minh Chính phát biểu", "persons": []},
        {"id": "minh", "title": "Người khác", "persons": ["Nguyễn Văn Minh"]},
    ]))
}

#[test]
fn person_matches_without_accents() {
    let s = person_store();
    assert_eq!(
        sorted(by_persons(&s, &["pham minh chinh"])),
        ["chinh", "chinh-va-lam"]
    );
    assert!(PersonQuery::new("pham minh chinh").matches_name("Phạm Minh Chính"));
}

#[test]
fn person_matches_as_written_and_in_capitals() {
    let s = person_store();
    for q in [
        "Phạm Minh Chính",
        "PHẠM MINH CHÍNH",
        "phạm minh chính",
        "PHAM MINH CHINH",
    ] {
        assert_eq!(
            sorted(by_persons(&s, &[q])),
            ["chinh", "chinh-va-lam"],
            "{q}"
        );
    }
}

#[test]
fn person_matches_some_whole_words_of_a_name() {
    let s = person_store();
    assert_eq!(
        sorted(by_persons(&s, &["Minh Chính"])),
        ["chinh", "chinh-va-lam"]
    );
    assert_eq!(
        sorted(by_persons(&s, &["minh chinh"])),
        ["chinh", "chinh-va-lam"]
    );
    assert!(PersonQuery::new("Chính").matches_name("Phạm Minh Chính"));
}

#[test]
fn person_does_not_match_part_of_a_word() {
    let s = person_store();
    assert!(by_persons(&s, &["inh"]).is_empty());
    assert!(!PersonQuery::new("inh").matches_name("Phạm Minh Chính"));
    assert!(!PersonQuery::new("Phạm Minh Chín").matches_name("Phạm Minh Chính"));
    assert!(!PersonQuery::new("pha").matches_name("Phạm Minh Chính"));
    assert!(!PersonQuery::new("Phạm Minh Chínhh").matches_name("Phạm Minh Chính"));
}

#[test]
fn person_query_in_nfd_matches() {
    let s = person_store();
    assert_eq!(
        sorted(by_persons(&s, &[&nfd("Phạm Minh Chính")])),
        ["chinh", "chinh-va-lam"]
    );
    assert_eq!(
        sorted(by_persons(&s, &[&nfd("Minh Chính")])),
        ["chinh", "chinh-va-lam"]
    );
}

#[test]
fn person_stored_in_nfd_matches() {
    let s = person_store();
    for q in [
        "Nguyễn Phú Trọng",
        "nguyen phu trong",
        "Phú Trọng",
        &nfd("Nguyễn Phú Trọng"),
    ] {
        assert_eq!(by_persons(&s, &[q]), ["trong-nfd"], "{q}");
    }
    assert!(PersonQuery::new("nguyen phu trong").matches_name(&nfd("Nguyễn Phú Trọng")));
}

#[test]
fn any_unicode_whitespace_equals_a_space() {
    let s = person_store();
    // The store writes "Tô\u{a0}Lâm" with a no-break space.
    assert_eq!(
        sorted(by_persons(&s, &["to lam"])),
        ["chinh-va-lam", "to-lam-nbsp"]
    );
    assert_eq!(
        sorted(by_persons(&s, &["Tô Lâm"])),
        ["chinh-va-lam", "to-lam-nbsp"]
    );
    // The query may hold other spaces too.
    for q in [
        "Tô\u{a0}Lâm",
        "to\u{2003}lam",
        "to\tlam",
        "  to   lam  ",
        "to\u{3000}lam",
    ] {
        assert!(PersonQuery::new(q).matches_name("Tô Lâm"), "{q:?}");
        assert!(PersonQuery::new(q).matches_name("Tô\u{a0}Lâm"), "{q:?}");
    }
}

#[test]
fn d_matches_d_with_stroke() {
    let s = person_store();
    for q in ["do", "Do Muoi", "Đỗ", "đỗ mười", "ĐỖ MƯỜI", "DO MUOI"] {
        assert_eq!(by_persons(&s, &[q]), ["do-muoi"], "{q}");
    }
    assert!(PersonQuery::new("dang").matches_name("Đặng Thị Ngọc Thịnh"));
}

#[test]
fn repeated_persons_must_all_match() {
    let s = person_store();
    assert_eq!(
        by_persons(&s, &["pham minh chinh", "to lam"]),
        ["chinh-va-lam"]
    );
    assert_eq!(
        by_persons(&s, &["pham minh chinh", "shii kazuo"]),
        ["chinh"]
    );
    assert!(by_persons(&s, &["pham minh chinh", "do muoi"]).is_empty());
    assert!(by_persons(&s, &["pham minh chinh", "inh"]).is_empty());
}

#[test]
fn person_matches_the_persons_not_the_text() {
    let s = person_store();
    assert!(
        !by_persons(&s, &["Phạm Minh Chính"]).contains(&"chi-trong-tieu-de".to_owned()),
        "a name in the title alone is not a person of the article"
    );
}

#[test]
fn a_shared_word_matches_each_name_that_has_it() {
    let s = person_store();
    assert_eq!(
        sorted(by_persons(&s, &["minh"])),
        ["chinh", "chinh-va-lam", "minh"]
    );
}

// ---------------------------------------------------------------------------------------------
// Date SPEC

fn range(spec: &str) -> (Option<Date>, Option<Date>) {
    let r = parse_date_spec(spec, TODAY).unwrap_or_else(|e| panic!("{spec}: {e}"));
    (r.start, r.end)
}

fn day(y: i16, m: i8, d: i8) -> Option<Date> {
    Some(date(y, m, d))
}

#[test]
fn spec_full_date() {
    assert_eq!(range("2026-01-28"), (day(2026, 1, 28), day(2026, 1, 28)));
    assert_eq!(range("2021-11-24"), (day(2021, 11, 24), day(2021, 11, 24)));
}

#[test]
fn spec_month() {
    assert_eq!(range("2026-01"), (day(2026, 1, 1), day(2026, 1, 31)));
    assert_eq!(range("2026-04"), (day(2026, 4, 1), day(2026, 4, 30)));
    assert_eq!(range("2026-02"), (day(2026, 2, 1), day(2026, 2, 28)));
    // Leap years: every fourth year, but not centuries unless divisible by 400.
    assert_eq!(range("2024-02"), (day(2024, 2, 1), day(2024, 2, 29)));
    assert_eq!(range("2000-02"), (day(2000, 2, 1), day(2000, 2, 29)));
    assert_eq!(range("1900-02"), (day(1900, 2, 1), day(1900, 2, 28)));
}

#[test]
fn spec_year() {
    assert_eq!(range("2021"), (day(2021, 1, 1), day(2021, 12, 31)));
}

#[test]
fn spec_vietnamese_day_month_year() {
    assert_eq!(range("24/11/2021"), (day(2021, 11, 24), day(2021, 11, 24)));
    // Day first: 05/02 is the fifth of February, not the second of May.
    assert_eq!(range("05/02/2026"), (day(2026, 2, 5), day(2026, 2, 5)));
    assert_eq!(range("29/02/2024"), (day(2024, 2, 29), day(2024, 2, 29)));
}

#[test]
fn spec_range_with_both_ends() {
    assert_eq!(
        range("2026-01-01..2026-01-28"),
        (day(2026, 1, 1), day(2026, 1, 28))
    );
    // Each end keeps its own extent: a month ends on its last day.
    assert_eq!(
        range("2026-01..2026-02"),
        (day(2026, 1, 1), day(2026, 2, 28))
    );
    assert_eq!(range("2021..2026-01"), (day(2021, 1, 1), day(2026, 1, 31)));
    assert_eq!(
        range("01/01/2026..31/01/2026"),
        (day(2026, 1, 1), day(2026, 1, 31))
    );
    assert_eq!(
        range("2026-01-28..2026-01-28"),
        (day(2026, 1, 28), day(2026, 1, 28))
    );
}

#[test]
fn spec_range_with_open_end() {
    assert_eq!(range("2026-01-28.."), (day(2026, 1, 28), None));
    assert_eq!(range("2026.."), (day(2026, 1, 1), None));
}

#[test]
fn spec_range_with_open_start() {
    assert_eq!(range("..2021-12-31"), (None, day(2021, 12, 31)));
    assert_eq!(range("..2021"), (None, day(2021, 12, 31)));
    assert_eq!(range("..24/11/2021"), (None, day(2021, 11, 24)));
}

#[test]
fn spec_today() {
    assert_eq!(range("today"), (Some(TODAY), Some(TODAY)));
    assert_eq!(
        parse_date_spec("today", date(2024, 2, 29)).map(|r| r.start),
        Ok(day(2024, 2, 29))
    );
    assert_eq!(range("2026-01-01..today"), (day(2026, 1, 1), Some(TODAY)));
}

#[test]
fn spec_last_n_days() {
    // The last 7 days: today and the six before.
    assert_eq!(range("7d"), (day(2026, 1, 24), Some(TODAY)));
    assert_eq!(range("1d"), (Some(TODAY), Some(TODAY)));
    assert_eq!(range("30d"), (day(2026, 1, 1), Some(TODAY)));
    // Across a month and a leap day.
    assert_eq!(
        parse_date_spec("3d", date(2024, 3, 1)),
        Ok(DateRange {
            start: day(2024, 2, 28),
            end: day(2024, 3, 1)
        })
    );
}

#[test]
fn invalid_specs_list_the_accepted_forms() {
    for spec in [
        "2026-13-01",
        "31/02/2026",
        "2026-02-30",
        "yesterday",
        "hôm nay",
        "..",
        "2026-02-01..2026-01-01",
        "",
        "28-01-2026",
        "bogus",
        "d",
        "-3d",
    ] {
        let e = parse_date_spec(spec, TODAY).expect_err(spec);
        let msg = e.to_string();
        assert!(msg.contains(DATE_FORMS), "{spec:?}: {msg}");
        for form in [
            "YYYY-MM-DD",
            "YYYY-MM",
            "YYYY",
            "DD/MM/YYYY",
            "..",
            "today",
            "Nd",
        ] {
            assert!(msg.contains(form), "{spec:?}: {msg} should list {form}");
        }
        assert!(DateFilter::parse(spec, TODAY).is_err(), "{spec:?}");
    }
}

fn dated_store() -> Store {
    store(&json!([
        {"id": "z-28", "title": "Lúc 17:30Z", "published": "2026-01-28T17:30:00Z"},
        {"id": "hn-28", "title": "23:30 giờ Hà Nội", "published": "2026-01-28T23:30:00+07:00"},
        {"id": "hn-29", "title": "06:00 giờ Hà Nội (23:00Z ngày 28)",
         "published": "2026-01-29T06:00:00+07:00"},
        {"id": "ny-27", "title": "20:00 giờ New York (01:00Z ngày 28)",
         "published": "2026-01-27T20:00:00-05:00"},
        {"id": "floating-28", "title": "Không có múi giờ", "published": "2026-01-28T08:00:00"},
        {"id": "day-2021", "title": "Năm 2021", "published": "2021-11-24"},
        {"id": "today", "title": "Hôm nay", "published": "2026-01-30"},
        {"id": "week-ago", "title": "Bảy ngày trước", "published": "2026-01-23"},
        {"id": "undated", "title": "Không có ngày"},
        {"id": "bad-date", "title": "Ngày hỏng", "published": null},
    ]))
}

#[test]
fn article_date_is_its_own_calendar_date() {
    let s = dated_store();
    assert_eq!(
        sorted(by_date(&s, "2026-01-28")),
        ["floating-28", "hn-28", "z-28"]
    );
    assert_eq!(by_date(&s, "2026-01-29"), ["hn-29"]);
    assert_eq!(by_date(&s, "2026-01-27"), ["ny-27"]);
    assert_eq!(by_date(&s, "27/01/2026"), ["ny-27"]);
}

#[test]
fn date_filter_months_years_and_ranges_on_articles() {
    let s = dated_store();
    assert_eq!(by_date(&s, "2021"), ["day-2021"]);
    assert_eq!(by_date(&s, "2021-11"), ["day-2021"]);
    assert_eq!(by_date(&s, "..2021-12-31"), ["day-2021"]);
    assert_eq!(by_date(&s, "2026-01").len(), 7);
    assert_eq!(sorted(by_date(&s, "2026-01-29..")), ["hn-29", "today"]);
    assert_eq!(
        sorted(by_date(&s, "2026-01-27..2026-01-28")),
        ["floating-28", "hn-28", "ny-27", "z-28"]
    );
}

#[test]
fn relative_specs_use_the_given_today() {
    let s = dated_store();
    assert_eq!(by_date(&s, "today"), ["today"]);
    assert_eq!(by_date(&s, "1d"), ["today"]);
    let week = by_date(&s, "7d");
    assert!(week.contains(&"today".to_owned()));
    assert!(week.contains(&"ny-27".to_owned()));
    assert!(!week.contains(&"week-ago".to_owned()), "{week:?}");
    assert!(!week.contains(&"day-2021".to_owned()));
    assert!(by_date(&s, "8d").contains(&"week-ago".to_owned()));
}

#[test]
fn undated_articles_never_match_a_date_filter() {
    let s = dated_store();
    for spec in ["2026", "..2100", "1900..", "today", "100000d", "1900..2100"] {
        let got = by_date(&s, spec);
        assert!(
            !got.contains(&"undated".to_owned()) && !got.contains(&"bad-date".to_owned()),
            "{spec}: {got:?}"
        );
    }
    // Without a date filter they are kept.
    assert!(hits(&s, &Filter::default()).contains(&"undated".to_owned()));
}

// ---------------------------------------------------------------------------------------------
// Search

fn search_store() -> Store {
    store(&json!([
        {"id": "ha-noi", "title": "Hà Nội điều chỉnh phân luồng giao thông"},
        {"id": "xa-nhau", "title": "Tin Hà Giang", "summary": "Khách đến sân bay Nội Bài"},
        {"id": "nfd-body", "title": "Bài viết", "body": [nfd("Thủ đô HÀ NỘI đón Tết.")]},
        {"id": "nguoi", "title": "Cuộc gặp", "persons": ["Shii Kazuo"]},
        {"id": "tokyo", "title": "Tin Tokyo"},
        {"id": "dao", "title": "Quần đảo Trường Sa", "body": "Năm 2025: trồng cây xanh."},
    ]))
}

#[test]
fn search_ignores_accents_and_case() {
    let s = search_store();
    let want = ["ha-noi", "nfd-body", "xa-nhau"];
    for q in ["ha noi", "HÀ NỘI", "Hà Nội", &nfd("Hà Nội"), "hA nOi"] {
        assert_eq!(sorted(by_search(&s, q)), want, "{q:?}");
    }
    assert_eq!(by_search(&s, "truong sa"), ["dao"]);
    assert_eq!(by_search(&s, "ĐẢO"), ["dao"]);
}

#[test]
fn search_needs_every_word() {
    let s = search_store();
    assert!(by_search(&s, "hà nội tokyo").is_empty());
    assert_eq!(by_search(&s, "tin tokyo"), ["tokyo"]);
    assert_eq!(by_search(&s, "hà giang nội bài"), ["xa-nhau"]);
}

#[test]
fn quoted_phrase_must_occur_as_written() {
    let s = search_store();
    assert_eq!(sorted(by_search(&s, "\"ha noi\"")), ["ha-noi", "nfd-body"]);
    assert_eq!(sorted(by_search(&s, "\"Hà Nội\"")), ["ha-noi", "nfd-body"]);
    assert!(by_search(&s, "\"noi ha\"").is_empty());
    assert_eq!(by_search(&s, "\"hà nội\" giao thông"), ["ha-noi"]);
    assert_eq!(by_search(&s, "\"phân luồng giao thông\""), ["ha-noi"]);
    assert!(by_search(&s, "\"phân giao\"").is_empty());
}

#[test]
fn phrase_does_not_span_two_fields() {
    let s = store(&json!([
        {"id": "hai-truong", "title": "Tin tức Hà", "summary": "Nội Bài đón khách"},
    ]));
    assert!(by_search(&s, "\"hà nội\"").is_empty());
    assert_eq!(by_search(&s, "hà nội"), ["hai-truong"]);
}

#[test]
fn search_covers_summary_body_and_persons() {
    let s = search_store();
    assert_eq!(by_search(&s, "kazuo"), ["nguoi"]);
    assert_eq!(by_search(&s, "sân bay"), ["xa-nhau"]);
    assert_eq!(by_search(&s, "tết"), ["nfd-body"]);
    assert_eq!(by_search(&s, "2025"), ["dao"]);
}

#[test]
fn search_words_may_span_fields() {
    // Every word must occur somewhere in the article, not necessarily in one field.
    let s = search_store();
    assert_eq!(by_search(&s, "cuộc kazuo"), ["nguoi"]);
}

// ---------------------------------------------------------------------------------------------
// AND and order

#[test]
fn filters_combine_with_and() {
    let s = store(&json!([
        {"id": "all", "title": "Thủ tướng thăm Nhật Bản", "published": "2021-11-24",
         "persons": ["Phạm Minh Chính"]},
        {"id": "wrong-date", "title": "Thủ tướng thăm Nhật Bản", "published": "2026-01-28",
         "persons": ["Phạm Minh Chính"]},
        {"id": "wrong-person", "title": "Thủ tướng thăm Nhật Bản", "published": "2021-11-24",
         "persons": ["Tô Lâm"]},
        {"id": "wrong-text", "title": "Thủ tướng thăm Lào", "published": "2021-11-24",
         "persons": ["Phạm Minh Chính"]},
        {"id": "undated", "title": "Thủ tướng thăm Nhật Bản", "persons": ["Phạm Minh Chính"]},
    ]));
    let f = Filter {
        persons: vec![PersonQuery::new("pham minh chinh")],
        date: Some(DateFilter::parse("2021", TODAY).expect("spec")),
        search: Some(SearchQuery::new("nhat ban")),
        ..Filter::default()
    };
    assert_eq!(hits(&s, &f), ["all"]);
    for a in s.articles() {
        assert_eq!(f.matches(a), a.id == "all", "{}", a.id);
    }
}

#[test]
fn order_is_newest_first_undated_last_ties_in_store_order() {
    let s = store(&json!([
        {"id": "undated-1", "title": "Không ngày 1"},
        {"id": "day-20-a", "title": "Ngày 20 (a)", "published": "2026-01-20"},
        {"id": "hn-2330", "title": "23:30 Hà Nội = 16:30Z", "published": "2026-01-28T23:30:00+07:00"},
        {"id": "day-2021", "title": "Năm 2021", "published": "2021-11-24"},
        {"id": "day-20-b", "title": "Ngày 20 (b)", "published": "2026-01-20"},
        {"id": "undated-2", "title": "Không ngày 2"},
        {"id": "z-1730", "title": "17:30Z", "published": "2026-01-28T17:30:00Z"},
        {"id": "hn-29-0600", "title": "06:00 ngày 29 Hà Nội = 23:00Z ngày 28",
         "published": "2026-01-29T06:00:00+07:00"},
        {"id": "floating-25", "title": "Không múi giờ", "published": "2026-01-25T10:00:00"},
        {"id": "same-instant-a", "title": "10:00Z", "published": "2026-01-26T10:00:00Z"},
        {"id": "same-instant-b", "title": "17:00 Hà Nội = 10:00Z",
         "published": "2026-01-26T17:00:00+07:00"},
        {"id": "undated-3", "title": "Không ngày 3"},
    ]));
    assert_eq!(
        hits(&s, &Filter::default()),
        [
            "hn-29-0600",
            "z-1730",
            "hn-2330",
            "same-instant-a",
            "same-instant-b",
            "floating-25",
            "day-20-a",
            "day-20-b",
            "day-2021",
            "undated-1",
            "undated-2",
            "undated-3",
        ]
    );
}

#[test]
fn filtered_results_keep_the_same_order() {
    let s = store(&json!([
        {"id": "old", "title": "Tô Lâm cũ", "published": "2024-01-01", "persons": ["Tô Lâm"]},
        {"id": "undated", "title": "Tô Lâm không ngày", "persons": ["Tô Lâm"]},
        {"id": "new", "title": "Tô Lâm mới", "published": "2026-01-28", "persons": ["Tô Lâm"]},
        {"id": "other", "title": "Khác", "published": "2026-01-29", "persons": ["Lê Hoài Trung"]},
    ]));
    assert_eq!(by_persons(&s, &["to lam"]), ["new", "old", "undated"]);
}

// ---------------------------------------------------------------------------------------------
// Word starts and smart accents (the filtering issue)

fn syllable_store() -> Store {
    store(&json!([
        {"id": "ha", "title": "Hà Nội mưa to"},
        {"id": "hai", "title": "Hải Phòng đón tàu"},
        {"id": "nhat", "title": "Nhật Bản và pha trà"},
        {"id": "hung", "title": "Ông Lê Văn Hùng phát biểu", "persons": ["Lê Văn Hùng"]},
        {"id": "hung2", "title": "Ông Lê Văn Hưng tiếp khách", "persons": ["Lê Văn Hưng"]},
        {"id": "hoa-cu", "title": "Giữ gìn hoà bình"},
        {"id": "hoa-moi", "title": "Hòa hợp dân tộc"},
        {"id": "kanji", "title": "Chủ tịch 志位和夫"},
    ]))
}

#[test]
fn a_search_word_matches_the_start_of_a_word() {
    let s = syllable_store();
    assert_eq!(sorted(by_search(&s, "ha")), ["ha", "hai"]);
    assert!(by_search(&s, "hat").is_empty(), "not the end of Nhật");
    assert_eq!(by_search(&s, "nha"), ["nhat"]);
    // Kanji run together: found anywhere.
    assert_eq!(by_search(&s, "和夫"), ["kanji"]);
}

#[test]
fn search_words_typed_with_marks_match_only_those_marks() {
    let s = syllable_store();
    assert_eq!(by_search(&s, "Hùng"), ["hung"]);
    assert_eq!(by_search(&s, "hưng"), ["hung2"]);
    assert_eq!(sorted(by_search(&s, "hung")), ["hung", "hung2"]);
    assert_eq!(by_search(&s, "hà"), ["ha"]);
    // Tone placement aside: the old "hoà" and the new "hòa" are one word.
    assert_eq!(sorted(by_search(&s, "hòa")), ["hoa-cu", "hoa-moi"]);
    assert_eq!(sorted(by_search(&s, "hoà")), ["hoa-cu", "hoa-moi"]);
    assert_eq!(sorted(by_search(&s, &nfd("hòa"))), ["hoa-cu", "hoa-moi"]);
    assert_eq!(by_search(&s, "\"lê văn hùng\""), ["hung"]);
}

#[test]
fn person_words_typed_with_marks_keep_different_people_apart() {
    let s = syllable_store();
    assert_eq!(by_persons(&s, &["Lê Văn Hùng"]), ["hung"]);
    assert_eq!(by_persons(&s, &["Hưng"]), ["hung2"]);
    assert_eq!(sorted(by_persons(&s, &["le van hung"])), ["hung", "hung2"]);
    assert!(PersonQuery::new("Hùng").matches_name(&nfd("Lê Văn Hùng")));
    assert!(!PersonQuery::new("Hùng").matches_name("Lê Văn Hưng"));
}

#[test]
fn highlights_cover_whole_graphemes_of_what_matched() {
    let q = SearchQuery::new("ha \"nhật bản\"");
    let text = "Hà Nội và Nhật Bản; pha trà";
    let got: Vec<&str> = q.highlights(text).into_iter().map(|r| &text[r]).collect();
    assert_eq!(got, ["Hà", "Nhật Bản"]);
    let text = nfd("Hà Nội");
    let got: Vec<String> = q
        .highlights(&text)
        .into_iter()
        .map(|r| text[r].to_owned())
        .collect();
    assert_eq!(got, [nfd("Hà")], "the mark stays with its letter");
}

#[test]
fn leading_zeros_are_optional_and_impossible_dates_say_so() {
    let day = |y, m, d| jiff::civil::date(y, m, d);
    for (spec, start, end) in [
        ("2026-1-5", day(2026, 1, 5), day(2026, 1, 5)),
        ("5/1/2026", day(2026, 1, 5), day(2026, 1, 5)),
        ("2026-1", day(2026, 1, 1), day(2026, 1, 31)),
        ("1/2/2024..2024-2-3", day(2024, 2, 1), day(2024, 2, 3)),
    ] {
        let r = parse_date_spec(spec, TODAY).expect(spec);
        assert_eq!((r.start, r.end), (Some(start), Some(end)), "{spec}");
    }
    for (spec, says) in [
        ("2026-13-01", "there is no month 13"),
        ("31/02/2026", "31/02/2026 is not a day of the calendar"),
        ("2026-02-30", "30/02/2026 is not a day of the calendar"),
        ("2025-02-29..", "29/02/2025 is not a day of the calendar"),
    ] {
        let e = parse_date_spec(spec, TODAY).expect_err(spec);
        assert_eq!(e.reason, says, "{spec}");
    }
    assert_eq!(
        parse_date_spec("hôm nay", TODAY).map_err(|e| e.reason),
        Err("not a date form tuinews knows".to_owned())
    );
}

mod index_agrees {
    //! The search index is a shortcut, never a second opinion: with it, a filter keeps exactly
    //! the articles it keeps without it, whatever the words, marks, phrases and forms.

    use proptest::prelude::*;
    use tuinews::query::{Filter, SearchIndex, SearchQuery};
    use tuinews::state::State;
    use tuinews::store::{Article, Store};
    use tuinews::zone::Zone;
    use unicode_normalization::UnicodeNormalization;

    /// Words with the traps of Vietnamese search: marks, tone placement, đ, capitals, a word
    /// inside another ("pha" in "Nhật"? no: "ha" in "pha"), digits, hyphens, kanji.
    const WORDS: &[&str] = &[
        "Hà", "Nội", "hạ", "pha", "Nhật", "Bản", "Thủ", "tướng", "thu", "Phạm", "Minh", "Chính",
        "hòa", "hoà", "Đảng", "dang", "COVID-19", "2021", "ASEAN", "東京", "giao", "lưu", "Hùng",
        "Hưng",
    ];

    fn text() -> impl Strategy<Value = String> {
        prop::collection::vec((0..WORDS.len(), prop::bool::ANY, 0..4usize), 0..12).prop_map(
            |words| {
                let mut out = String::new();
                for (i, nfd, sep) in words {
                    let w = WORDS[i];
                    out.push_str(&if nfd { w.nfd().collect() } else { w.to_owned() });
                    out.push_str([" ", ", ", "-", ". "][sep]);
                }
                out
            },
        )
    }

    fn query() -> impl Strategy<Value = String> {
        prop::collection::vec((0..WORDS.len(), 1..6usize, prop::bool::ANY), 1..3).prop_map(
            |terms| {
                let typed: Vec<String> = terms
                    .into_iter()
                    .map(|(i, keep, fold)| {
                        let w: String = WORDS[i].chars().take(keep).collect();
                        if fold { tuinews::text::fold(&w) } else { w }
                    })
                    .collect();
                if typed.len() == 2 && typed[0].len().is_multiple_of(2) {
                    format!("\"{}\"", typed.join(" "))
                } else {
                    typed.join(" ")
                }
            },
        )
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(300))]
        #[test]
        fn with_and_without_the_index_a_search_keeps_the_same_articles(
            titles in prop::collection::vec(text(), 1..80),
            bodies in prop::collection::vec(text(), 1..8),
            q in query(),
        ) {
            let articles: Vec<Article> = titles
                .iter()
                .zip(bodies.iter().cycle())
                .enumerate()
                .map(|(i, (t, b))| Article {
                    id: format!("a{i}"),
                    title: format!("x {t}"),
                    body: vec![format!("y {b}")],
                    ..Article::default()
                })
                .collect();
            let store = Store::from_articles(articles);
            let index = SearchIndex::of_store(&store.shared());
            let filter = Filter { search: Some(SearchQuery::new(&q)), ..Filter::default() };
            let (zone, marks) = (Zone::ARTICLE, State::default());
            let plain = filter.apply_indexed(&store, &zone, &marks, None);
            let indexed = filter.apply_indexed(&store, &zone, &marks, Some(&index));
            prop_assert_eq!(plain, indexed, "query {:?}", q);
        }

        #[test]
        fn with_and_without_the_index_a_person_filter_keeps_the_same_articles(
            names in prop::collection::vec(
                prop::collection::vec((0..WORDS.len(), prop::bool::ANY), 1..4), 1..60),
            q in prop::collection::vec((0..WORDS.len(), 1..6usize, prop::bool::ANY), 1..3),
        ) {
            let name_of = |words: &Vec<(usize, bool)>| -> String {
                words
                    .iter()
                    .map(|&(i, nfd)| if nfd { WORDS[i].nfd().collect() } else { WORDS[i].to_owned() })
                    .collect::<Vec<String>>()
                    .join(" ")
            };
            let articles: Vec<Article> = names
                .iter()
                .enumerate()
                .map(|(i, n)| Article {
                    id: format!("a{i}"),
                    title: format!("x {i}"),
                    persons: vec![tuinews::text::sanitize_line(&name_of(n)).into()],
                    ..Article::default()
                })
                .collect();
            let store = Store::from_articles(articles);
            let index = SearchIndex::of_store(&store.shared());
            let typed: Vec<String> = q
                .into_iter()
                .map(|(i, keep, fold)| {
                    let w: String = WORDS[i].chars().take(keep).collect();
                    if fold { tuinews::text::fold(&w) } else { w }
                })
                .collect();
            let typed = typed.join(" ");
            let filter = Filter {
                persons: vec![tuinews::query::PersonQuery::new(&typed)],
                ..Filter::default()
            };
            let (zone, marks) = (Zone::ARTICLE, State::default());
            let plain = filter.apply_indexed(&store, &zone, &marks, None);
            let indexed = filter.apply_indexed(&store, &zone, &marks, Some(&index));
            prop_assert_eq!(plain, indexed, "person {:?}", typed);
        }
    }
}

mod compatibility_and_boundaries {
    //! Matching sees through compatibility forms (fullwidth letters, ligatures) and takes the
    //! zero-width space as a word boundary, with the index and without, in NFC and NFD.

    use tuinews::query::{Filter, SearchIndex, SearchQuery};
    use tuinews::state::State;
    use tuinews::store::{Article, Store};
    use tuinews::zone::Zone;
    use unicode_normalization::UnicodeNormalization;

    fn finds(text: &str, query: &str) -> bool {
        let store = Store::from_articles(vec![Article {
            id: "a".into(),
            title: text.into(),
            ..Article::default()
        }]);
        let filter = Filter {
            search: Some(SearchQuery::new(query)),
            ..Filter::default()
        };
        let index = SearchIndex::of_store(&store.shared());
        let (zone, marks) = (Zone::ARTICLE, State::default());
        let plain = filter.apply_indexed(&store, &zone, &marks, None).len() == 1;
        let indexed = filter
            .apply_indexed(&store, &zone, &marks, Some(&index))
            .len()
            == 1;
        assert_eq!(plain, indexed, "{text:?} / {query:?}: the index disagrees");
        plain
    }

    #[test]
    fn fullwidth_letters_and_ligatures_match_their_plain_forms_both_ways() {
        for text in [
            "Hội nghị ＡＳＥＡＮ lần thứ 47",
            "Hội nghị ASEAN lần thứ 47",
        ] {
            for form in [text.to_owned(), text.nfd().collect::<String>()] {
                assert!(finds(&form, "asean"), "{form:?}");
                assert!(finds(&form, "ＡＳＥＡＮ"), "{form:?}");
                assert!(finds(&form, "hội nghị"), "{form:?}");
            }
        }
        assert!(finds("the ﬁnal round", "final"));
        assert!(finds("the final round", "ﬁnal"));
        assert!(finds("Hiệp định ＣＰＴＰＰ", "cptpp"));
        assert!(
            !finds("Hội nghị ＡＳＥＡＮ", "sean"),
            "still at word starts"
        );
    }

    #[test]
    fn a_zero_width_space_separates_words() {
        let joined = "Hà\u{200b}Nội đón khách";
        for form in [joined.to_owned(), joined.nfd().collect::<String>()] {
            assert!(finds(&form, "noi"), "{form:?}");
            assert!(finds(&form, "Nội"), "{form:?}");
            assert!(finds(&form, "\"ha noi\""), "{form:?}");
        }
        // A word joiner does not separate: it only stops nothing.
        assert!(!finds("Hà\u{2060}Nội", "noi"));
        assert!(finds("Hà\u{2060}Nội", "hanoi"));
    }
}

/// A query typed with control characters in it (a NUL, an OSC title sequence) keeps none of them
/// in the text it shows and prints back, and that text reads back as the same filter. Found by
/// the `query_parse` fuzz target.
#[test]
fn a_query_line_with_controls_prints_back_clean() {
    for text in [
        "\0;rson:\"Lương C/1/2026..2026-1943-\"Lương Cường asean",
        "person:\"Shii\u{1b}]0;owned\u{7} Kazuo\" ha\u{9b}31m noi",
        // A word that reads as a person filter once its controls are gone.
        "\u{5}\0\0person:Shii is:unread is:st",
        // Marks after a quote, before a word that reads as a filter once they fall away.
        " ðϰ\"\0\"\0\u{730}\u{5b0}person:S\u{1}\0 ",
        // A flag before a quote that opens a phrase.
        "\0so@hii is:unread\"o\"",
    ] {
        let filter =
            tuinews::query::line::parse(text, TODAY).unwrap_or_else(|e| panic!("{text:?}: {e}"));
        let shown = filter.to_string();
        assert!(!shown.chars().any(char::is_control), "{shown:?}");
        let again = tuinews::query::line::parse(&shown, TODAY)
            .unwrap_or_else(|e| panic!("{shown:?} does not read back: {e}"));
        assert_eq!(again.to_string(), shown);
        assert_eq!(again.persons, filter.persons, "{shown:?}");
    }
    // A quote inside a word opens a phrase, as in a search typed alone: left open, it is an
    // error of the line.
    let f = tuinews::query::line::parse("biên\"giới Việt\" asean", TODAY)
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(f.to_string(), "biên \"giới Việt\" asean");
    let e = tuinews::query::line::parse("per\"\u{3}si i01 \"biên o\"", TODAY);
    assert_eq!(
        e.map_err(|e| e.to_string()),
        Err("column 19: this quote is never closed".to_owned())
    );
    // A value that is nothing once sanitised (a mark with no base) is no value.
    let e = tuinews::query::line::parse("person:\u{1c}\0\u{5b0}", TODAY);
    assert_eq!(
        e.map_err(|e| e.to_string()),
        Err("column 1: person: needs a value".to_owned())
    );
}

/// The person filter on an article (which reads the folded names first, then the names as
/// written) agrees with matching each name as written, for queries typed with, without and
/// with other marks, in part, out of order, and in scripts written without spaces.
#[test]
fn the_person_filter_agrees_with_matching_each_name() {
    let names = [
        "Phạm Minh Chính",
        "Nguyễn Phú Trọng",
        "Tô Lâm",
        "Đặng Thị Ngọc Thịnh",
        "Shii Kazuo",
        "習近平",
        "Lê Hoài Trung",
    ];
    let queries = [
        "pham",
        "Phạm",
        "Phám",
        "minh chinh",
        "Chính Phạm",
        "chinh",
        "Chinh",
        "Chính",
        "Chình",
        "nguyen trong",
        "Nguyễn",
        "Nguyên",
        "to lam",
        "Tô",
        "To",
        "lâm",
        "Lam",
        "dang thinh",
        "Đặng",
        "Dặng",
        "thị",
        "kazuo",
        "Shii",
        "近平",
        "習",
        "le hoai",
        "Lê Hoài",
        "Le Hoài",
        "Lề",
        "trung",
        "Trùng",
        "ph",
        "Phạ",
        "x",
    ];
    let articles: Vec<Value> = names
        .iter()
        .enumerate()
        .map(|(i, n)| json!({"id": i.to_string(), "title": "t", "persons": [n]}))
        .collect();
    let store = store(&Value::Array(articles));
    let mut matched = 0;
    for q in queries {
        let query = PersonQuery::new(q);
        for (article, name) in store.articles().iter().zip(names) {
            let as_written = query.matches_name(name);
            assert_eq!(query.matches(article), as_written, "{q:?} on {name}");
            matched += usize::from(as_written);
        }
    }
    // The table holds matches as well as misses.
    assert!(matched > 15, "{matched}");
}

/// A filter made outside the query line (a search typed alone, `--search`, `--person`, the
/// picker) prints as a line that reads back to the same filter: words that would read as
/// filters there stay search words, and marks keep their base.
#[test]
fn filters_made_elsewhere_print_as_lines_that_read_back_the_same() {
    for search in [
        "x\"y\"person:z",
        "a\"b\"is:unread",
        "a\"b\"date:2026",
        "person:x",
        "is:starred tin",
        "DATE:2026 \"mở",
        "x \"\u{301}y\"",
    ] {
        let filter = Filter {
            search: Some(SearchQuery::new(search)),
            ..Filter::default()
        };
        let shown = filter.to_string();
        let back = tuinews::query::line::parse(&shown, TODAY)
            .unwrap_or_else(|e| panic!("{search:?} shown as {shown:?}: {e}"));
        assert!(
            back.persons.is_empty() && back.date.is_none() && !back.unread && !back.starred,
            "{search:?} shown as {shown:?} reads back as a filter: {back:?}"
        );
        // The same terms (a word may come back as a one-word phrase, which matches the same),
        // and printing again changes nothing more.
        assert_eq!(
            back.search.as_ref().map(|s| s.terms.len()),
            filter.search.as_ref().map(|s| s.terms.len()),
            "{search:?} shown as {shown:?}"
        );
        let again = back.to_string();
        let twice = tuinews::query::line::parse(&again, TODAY).map(|f| f.to_string());
        assert_eq!(twice, Ok(again), "{search:?}");
    }
    for name in [
        "a-\u{301}",
        "❤\u{fe0f}",
        "a\u{200d}\u{301}",
        "Lê Hoài Trung",
    ] {
        let filter = Filter {
            persons: vec![PersonQuery::new(name)],
            ..Filter::default()
        };
        let shown = filter.to_string();
        let back = tuinews::query::line::parse(&shown, TODAY)
            .unwrap_or_else(|e| panic!("{name:?} shown as {shown:?}: {e}"));
        assert_eq!(back.persons, filter.persons, "{name:?} shown as {shown:?}");
    }
}
