//! `tuinews import` on files: feeds with the usual mess (HTML in descriptions, entities, CDATA,
//! relative links, missing dates), an HTML page wrapped in navigation and scripts, imports run
//! twice, merges by id, URL and title, a failing source among good ones, a write that fails at
//! every step, and nothing from a source reaching the terminal as a control sequence.

use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use assert_cmd::Command;
use serde_json::Value;
use tempfile::TempDir;
use tuinews::import::merge::{StoreFile, WriteStep};
use tuinews::import::{self, Action, Options};
use tuinews::store::{RawArticle, Store};

const RSS: &str = r#"<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel>
<title>Báo &amp; Tin</title><link>https://bao.test/</link><description>d</description>
<item>
  <title>Thủ tướng Phạm Minh Chính &amp; đoàn công tác</title>
  <link>/thoi-su/thu-tuong-tiep-1.html</link>
  <guid isPermaLink="false">bao-1</guid>
  <pubDate>Wed, 28 Jan 2026 02:30:00 GMT</pubDate>
  <description><![CDATA[<p>Sáng 28/1, <b>Thủ tướng Phạm Minh Chính</b> tiếp đoàn.</p><p>Đoạn &quot;hai&quot;.</p>]]></description>
</item>
<item>
  <title>Tin không ngày</title>
  <link>https://bao.test/tin-khong-ngay.html</link>
  <description>Chiều 27/1, &lt;i&gt;Chủ tịch Quốc hội Trần Thanh Mẫn&lt;/i&gt; làm việc.</description>
</item>
</channel></rss>"#;

const ATOM: &str = r#"<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom" xml:base="https://atom.test/">
  <title>Atom</title><id>urn:atom</id><updated>2026-01-28T10:00:00+07:00</updated>
  <entry>
    <title type="html">Đại sứ &lt;b&gt;Vũ Hồng Nam&lt;/b&gt; dự lễ</title>
    <id>urn:uuid:60a76c80-d399-11d9-b93C-0003939e0af6</id>
    <link href="tin/dai-su.html"/>
    <updated>2026-01-28T10:00:00+07:00</updated>
    <summary type="html">&lt;p&gt;Đại sứ Việt Nam tại Nhật Bản Vũ Hồng Nam dự lễ.&lt;/p&gt;</summary>
  </entry>
</feed>"#;

const PAGE: &str = r##"<!DOCTYPE html>
<html><head><title>Trang tin</title><script>document.write("<p>quảng cáo</p>")</script>
<style>.x{}</style></head><body>
<header><nav><ul><li><a href="/">Trang chủ</a></li><li><a href="/the-gioi">Thế giới</a></li></ul></nav></header>
<div id="ads-top" class="banner">Mua ngay!</div>
<article>
  <h1>Ông Ogata Yasuo gặp Trưởng ban Lê Hoài Trung</h1>
  <div class="date">Thứ Tư, 24/11/2021 - 10:15</div>
  <p class="sapo">Ông Ogata Yasuo, Phó Chủ tịch Đoàn Chủ tịch, gặp ông Lê Hoài Trung.</p>
  <figure><img src="a.jpg" alt=""><figcaption>Quang cảnh buổi gặp. (Ảnh: TTXVN)</figcaption></figure>
  <p>Hai bên trao đổi &ldquo;ý kiến&rdquo; về quan hệ hai Đảng.</p>
  <div class="share-buttons"><a href="#">Facebook</a><a href="#">Zalo</a></div>
  <p>Ông Lê Hoài Trung cảm ơn.</p>
  <script>track()</script>
</article>
<section><h2>Tin liên quan</h2><ul>
  <li><a href="/tin/mot.html">Đoàn đại biểu thăm Nhật Bản</a></li>
  <li><a href="https://khac.test/hai">Giao lưu hữu nghị Việt Nam - Nhật Bản</a></li>
</ul></section>
<footer>© Báo</footer></body></html>"##;

struct Sandbox {
    dir: TempDir,
}

impl Sandbox {
    fn new() -> io::Result<Sandbox> {
        Ok(Sandbox {
            dir: tempfile::tempdir()?,
        })
    }

    fn file(&self, name: &str, content: &[u8]) -> io::Result<String> {
        let p = self.dir.path().join(name);
        fs::write(&p, content)?;
        Ok(p.display().to_string())
    }

    fn store(&self) -> PathBuf {
        self.dir.path().join("store.json")
    }

    fn cmd(&self) -> Result<Command, Box<dyn std::error::Error>> {
        let mut c = Command::cargo_bin("tuinews")?;
        c.env_remove("TUINEWS_STORE")
            .env_remove("XDG_DATA_HOME")
            .env("XDG_STATE_HOME", self.dir.path().join("state"))
            .env("HOME", self.dir.path());
        Ok(c)
    }
}

type TestResult = Result<(), Box<dyn std::error::Error>>;

fn opts() -> Options {
    Options {
        today: jiff::civil::date(2026, 2, 1),
        year: None,
    }
}

fn run(sources: &[String], store: &Path) -> import::Report {
    let mut fetcher = import::fetch::Fetcher::new(import::fetch::Config::default());
    import::run(sources, store, &opts(), &mut fetcher)
}

fn actions(report: &import::Report) -> Vec<Vec<&'static str>> {
    report
        .sources
        .iter()
        .map(|s| match &s.result {
            Ok(entries) => entries.iter().map(|e| e.action.name()).collect(),
            Err(_) => vec!["failed"],
        })
        .collect()
}

fn load(path: &Path) -> Result<Store, Box<dyn std::error::Error>> {
    let store = Store::load_path(path)?;
    assert!(store.warnings.is_empty(), "{:?}", store.warnings);
    Ok(store)
}

/// The store's articles with their bodies and captions, which a loaded store reads from its
/// file.
fn wholes(store: &Store) -> Vec<tuinews::store::Article> {
    (0..store.len())
        .filter_map(|i| store.articles().whole(i))
        .map(std::borrow::Cow::into_owned)
        .collect()
}

#[test]
fn an_rss_feed_reads_html_entities_cdata_relative_links_and_missing_dates() -> TestResult {
    let sb = Sandbox::new()?;
    let feed = sb.file("feed.xml", RSS.as_bytes())?;
    let report = run(std::slice::from_ref(&feed), &sb.store());
    assert_eq!(actions(&report), [["added", "added"]], "{report:?}");
    assert_eq!(report.sources[0].format.as_deref(), Some("feed"));
    let store = load(&sb.store())?;
    let all = wholes(&store);
    let a = &all[0];
    assert_eq!(a.title, "Thủ tướng Phạm Minh Chính & đoàn công tác");
    assert_eq!(a.summary, "Sáng 28/1, Thủ tướng Phạm Minh Chính tiếp đoàn.");
    assert_eq!(a.body, ["Đoạn \"hai\"."]);
    assert_eq!(
        a.url.as_deref(),
        Some("https://bao.test/thoi-su/thu-tuong-tiep-1.html")
    );
    assert_eq!(
        a.published.map(|p| p.iso()).as_deref(),
        Some("2026-01-28T02:30:00Z")
    );
    assert_eq!(a.persons, ["Phạm Minh Chính"]);
    assert_eq!(a.source.as_deref(), Some("Báo & Tin"));
    let b = &all[1];
    assert_eq!(
        b.summary,
        "Chiều 27/1, Chủ tịch Quốc hội Trần Thanh Mẫn làm việc."
    );
    assert_eq!(
        b.published.map(|p| p.iso()).as_deref(),
        Some("2026-01-27"),
        "no pubDate: the date comes from the text"
    );
    assert_eq!(b.persons, ["Trần Thanh Mẫn"]);
    Ok(())
}

#[test]
fn the_same_items_imported_twice_are_not_duplicated() -> TestResult {
    let sb = Sandbox::new()?;
    let feed = sb.file("feed.xml", RSS.as_bytes())?;
    let atom = sb.file("atom.xml", ATOM.as_bytes())?;
    run(&[feed.clone(), atom.clone()], &sb.store());
    let first = fs::read(sb.store())?;
    let again = run(&[feed, atom], &sb.store());
    assert_eq!(
        actions(&again),
        [vec!["skipped", "skipped"], vec!["skipped"]]
    );
    assert!(
        again
            .sources
            .iter()
            .all(|s| s.result.as_ref().is_ok_and(|e| e.iter().all(
                |e| e.action == Action::Skipped("already in the store, unchanged".to_owned())
            )))
    );
    assert_eq!(
        fs::read(sb.store())?,
        first,
        "an import that changes nothing writes nothing"
    );
    assert_eq!(load(&sb.store())?.len(), 3);
    Ok(())
}

#[test]
fn an_atom_feed_resolves_links_against_its_base_and_reads_html_titles() -> TestResult {
    let sb = Sandbox::new()?;
    let atom = sb.file("atom.xml", ATOM.as_bytes())?;
    run(&[atom], &sb.store());
    let store = load(&sb.store())?;
    let all = wholes(&store);
    let a = &all[0];
    assert_eq!(a.title, "Đại sứ Vũ Hồng Nam dự lễ");
    assert_eq!(a.url.as_deref(), Some("https://atom.test/tin/dai-su.html"));
    assert_eq!(a.persons, ["Vũ Hồng Nam"]);
    assert_eq!(
        a.published.map(|p| p.iso()).as_deref(),
        Some("2026-01-28T03:00:00Z")
    );
    Ok(())
}

#[test]
fn an_html_page_keeps_the_article_and_drops_what_is_around_it() -> TestResult {
    let sb = Sandbox::new()?;
    let page = sb.file("page.html", PAGE.as_bytes())?;
    let report = run(&[page], &sb.store());
    assert_eq!(report.sources[0].format.as_deref(), Some("HTML page"));
    let store = load(&sb.store())?;
    let all = wholes(&store);
    let a = &all[0];
    assert_eq!(a.title, "Ông Ogata Yasuo gặp Trưởng ban Lê Hoài Trung");
    assert_eq!(
        a.summary,
        "Ông Ogata Yasuo, Phó Chủ tịch Đoàn Chủ tịch, gặp ông Lê Hoài Trung."
    );
    assert_eq!(a.captions, ["Quang cảnh buổi gặp. (Ảnh: TTXVN)"]);
    assert_eq!(
        a.body,
        [
            "Hai bên trao đổi “ý kiến” về quan hệ hai Đảng.",
            "Ông Lê Hoài Trung cảm ơn."
        ]
    );
    assert_eq!(
        a.published.map(|p| p.iso()).as_deref(),
        Some("2021-11-24T10:15:00+07:00")
    );
    assert_eq!(a.persons, ["Ogata Yasuo", "Lê Hoài Trung"]);
    let all = format!("{all:?}");
    for junk in [
        "quảng cáo",
        "Mua ngay",
        "Trang chủ",
        "Facebook",
        "track()",
        "©",
    ] {
        assert!(!all.contains(junk), "{junk:?} leaked into the store");
    }
    let related: Vec<(&str, Option<&str>)> = a
        .related
        .iter()
        .filter_map(|id| store.get(id))
        .map(|r| (r.title.as_str(), r.section.as_deref()))
        .collect();
    assert_eq!(
        related,
        [
            ("Đoàn đại biểu thăm Nhật Bản", Some("Tin liên quan")),
            (
                "Giao lưu hữu nghị Việt Nam - Nhật Bản",
                Some("Tin liên quan")
            ),
        ]
    );
    Ok(())
}

#[test]
fn an_article_already_in_the_store_is_updated_by_id_url_or_title_and_date() -> TestResult {
    let sb = Sandbox::new()?;
    fs::write(
        sb.store(),
        r#"{"articles": [
  {"id": "mine-1", "title": "Cũ", "url": "https://bao.test/tin-khong-ngay.html", "note": "giữ"},
  {"id": "mine-2", "title": "Thủ tướng Phạm Minh Chính & đoàn công tác", "published": "2026-01-28", "persons": ["Người Sửa Tay"]},
  {"id": "other", "title": "Khác", "related": ["mine-1"]}
]}"#,
    )?;
    let feed = sb.file("feed.xml", RSS.as_bytes())?;
    let report = run(&[feed], &sb.store());
    assert_eq!(actions(&report), [["updated", "updated"]], "{report:?}");
    let store = load(&sb.store())?;
    assert_eq!(store.len(), 3);
    let by_url = store.get("mine-1").ok_or("mine-1 kept its id")?;
    assert_eq!(by_url.title, "Tin không ngày");
    let by_title = store.get("mine-2").ok_or("mine-2 kept its id")?;
    assert_eq!(
        by_title.persons,
        ["Người Sửa Tay"],
        "persons found in the text never replace the store's"
    );
    assert_eq!(
        store.get("other").map(|a| a.related.clone()),
        Some(vec!["mine-1".to_owned()])
    );
    let text = fs::read_to_string(sb.store())?;
    assert!(
        text.contains("\"note\": \"giữ\""),
        "unknown fields stay: {text}"
    );
    let backup = report.backup.ok_or("a backup")?;
    assert!(fs::read_to_string(backup)?.contains("\"title\": \"Cũ\""));
    Ok(())
}

#[test]
fn a_failing_source_is_reported_and_the_others_still_import() -> TestResult {
    let sb = Sandbox::new()?;
    let good = sb.file("feed.xml", RSS.as_bytes())?;
    let broken = sb.file("broken.xml", b"<?xml version=\"1.0\"?><rss><channel><item>")?;
    let binary = sb.file("binary.txt", b"Ti\xff\xfeu de")?;
    let missing = sb.dir.path().join("missing.txt").display().to_string();
    let out = sb
        .cmd()?
        .args(["import", &broken, &good, &missing, &binary, "--into"])
        .arg(sb.store())
        .output()?;
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8(out.stderr)?;
    for (name, why) in [
        (&broken, "cannot be read as RSS or Atom"),
        (&missing, "cannot read"),
        (&binary, "not UTF-8 text (invalid byte at offset 2)"),
    ] {
        assert!(
            stderr.contains(&format!("tuinews: {name}:")) && stderr.contains(why),
            "{name}: {why}\n{stderr}"
        );
    }
    let stdout = String::from_utf8(out.stdout)?;
    assert!(
        stdout.contains("2 added, 0 updated, 0 skipped; 3 sources failed"),
        "{stdout}"
    );
    assert_eq!(load(&sb.store())?.len(), 2);
    Ok(())
}

#[test]
fn the_json_report_lists_every_article_with_its_action() -> TestResult {
    let sb = Sandbox::new()?;
    let feed = sb.file("feed.xml", RSS.as_bytes())?;
    let out = sb
        .cmd()?
        .args(["import", "--json", &feed, "--into"])
        .arg(sb.store())
        .output()?;
    assert_eq!(out.status.code(), Some(0));
    let v: Value = serde_json::from_slice(&out.stdout)?;
    assert_eq!(v["added"], 2);
    assert_eq!(v["sources"][0]["format"], "feed");
    assert_eq!(v["sources"][0]["articles"][1]["action"], "added");
    assert_eq!(
        v["sources"][0]["articles"][1]["year_inferred"],
        "from the import date"
    );
    Ok(())
}

#[test]
fn without_into_the_import_goes_to_the_user_store_never_the_sample() -> TestResult {
    let sb = Sandbox::new()?;
    let feed = sb.file("feed.xml", RSS.as_bytes())?;
    let out = sb.cmd()?.args(["import", &feed]).output()?;
    assert_eq!(out.status.code(), Some(0), "{out:?}");
    let user = sb.dir.path().join(".local/share/tuinews/articles.json");
    assert_eq!(load(&user)?.len(), 2);
    Ok(())
}

#[test]
fn control_sequences_from_sources_never_reach_the_terminal() -> TestResult {
    let sb = Sandbox::new()?;
    let evil_rss = RSS
        .replace("Tin không ngày", "Tin &#x1b;]0;pwn&#x7;không\u{9b}2J ngày")
        .replace("<title>Báo &amp; Tin</title>", "<title>B\u{1b}[31m</title>");
    let name = format!("feed\u{1b}[2J{}.xml", '\u{7}');
    let feed = sb.file(&name, evil_rss.as_bytes())?;
    let broken = sb.file("bad\u{1b}]0;x\u{7}.xml", b"<rss><channel><item>")?;
    let out = sb
        .cmd()?
        .args(["import", &feed, &broken, "--into"])
        .arg(sb.store())
        .output()?;
    for stream in [&out.stdout, &out.stderr] {
        let text = String::from_utf8_lossy(stream);
        assert!(
            !text.chars().any(|c| c.is_control() && c != '\n'),
            "a control character reached the terminal: {text:?}"
        );
    }
    let stdout = String::from_utf8(out.stdout)?;
    assert!(stdout.contains("  Tin không ngày  ("), "{stdout}");
    Ok(())
}

/// A store with one article, and a merge that adds another.
fn pending_merge(sb: &Sandbox) -> Result<(Vec<u8>, StoreFile), Box<dyn std::error::Error>> {
    let before = b"{\"articles\": [{\"id\": \"a\", \"title\": \"A\"}]}\n".to_vec();
    fs::write(sb.store(), &before)?;
    let mut store = StoreFile::open(&sb.store())?;
    store.merge(
        "test",
        vec![RawArticle {
            id: Some("b".to_owned()),
            title: Some("B".to_owned()),
            ..RawArticle::default()
        }],
        &[],
    );
    Ok((before, store))
}

#[test]
fn a_write_that_fails_at_any_step_leaves_the_store_byte_for_byte() -> TestResult {
    for step in [
        WriteStep::CreateDir,
        WriteStep::Temp,
        WriteStep::Sync,
        WriteStep::Backup,
        WriteStep::Rename,
    ] {
        let sb = Sandbox::new()?;
        fs::write(sb.dir.path().join("store.json.bak"), b"older backup")?;
        let (before, store) = pending_merge(&sb)?;
        let result = store.write_with(&mut |s| {
            if s == step {
                Err(io::Error::other("disk full"))
            } else {
                Ok(())
            }
        });
        let Err(e) = result else {
            panic!("{step:?}: the write should fail");
        };
        assert!(e.to_string().contains("disk full"), "{e}");
        assert!(
            e.to_string().contains("store.json"),
            "the message names the store: {e}"
        );
        assert_eq!(fs::read(sb.store())?, before, "{step:?}");
        let bak = fs::read(sb.dir.path().join("store.json.bak"))?;
        assert!(
            bak == b"older backup" || bak == before,
            "{step:?}: backup is whole"
        );
        let leftovers: Vec<_> = fs::read_dir(sb.dir.path())?
            .filter_map(Result::ok)
            .map(|e| e.file_name().to_string_lossy().into_owned())
            .filter(|n| n.contains(".tmp-") || n.contains(".bak-"))
            .collect();
        assert!(leftovers.is_empty(), "{step:?}: {leftovers:?}");
    }
    Ok(())
}

#[test]
fn a_successful_write_keeps_the_previous_file_as_the_backup() -> TestResult {
    let sb = Sandbox::new()?;
    let (before, store) = pending_merge(&sb)?;
    let backup = store.write()?.ok_or("a backup")?;
    assert_eq!(fs::read(backup)?, before);
    assert_eq!(load(&sb.store())?.len(), 2);
    Ok(())
}

#[test]
fn a_store_that_cannot_be_read_is_left_alone_and_nothing_is_fetched() -> TestResult {
    let sb = Sandbox::new()?;
    fs::write(sb.store(), b"{\"articles\": [")?;
    let feed = sb.file("feed.xml", RSS.as_bytes())?;
    let report = run(&[feed], &sb.store());
    assert!(report.failed());
    let e = report.store_error.ok_or("a store error")?;
    assert!(e.contains("store.json:1:"), "{e}");
    assert_eq!(fs::read(sb.store())?, b"{\"articles\": [");
    Ok(())
}
