//! The cache of a loaded store: read back, it is the store the load gave (articles, warnings,
//! bodies read from the file); a cache for another version of the file, another file, or with
//! any byte changed or missing is passed over, never trusted; and a large store read from its
//! cache gives its first part before the rest.

use std::fs;
use std::path::{Path, PathBuf};
use std::sync::atomic::AtomicUsize;

use serde_json::json;
use tuinews::store::{EMBEDDED_SAMPLE, FirstPart, Origin, Store, Telling, cache};

fn write(dir: &Path, name: &str, text: &str) -> PathBuf {
    let p = dir.join(name);
    fs::write(&p, text).expect("write the store");
    aged(&p);
    p
}

/// Sets a store's modification time an hour back: a store written this instant is not cached
/// (its time might not move at a rewrite of the same size; see `cache::write`).
fn aged(path: &Path) {
    let hour_ago = std::time::SystemTime::now() - std::time::Duration::from_secs(3600);
    fs::File::options()
        .write(true)
        .open(path)
        .and_then(|f| f.set_modified(hour_ago))
        .expect("set the modification time");
}

/// A store with warnings of every kind the load gives, dates of every form, and the text a
/// cache must give back exactly.
fn awkward() -> String {
    json!({"articles": [
        {"id": "nfd", "title": "Ha\u{300} No\u{302}\u{323}i", "body": ["Ho\u{302}m nay\u{7}"],
         "published": "2021-11-24T09:30:00+09:00", "persons": ["Lê Hoài Trung", "Shii Kazuo"],
         "related": ["day", "missing", "nfd"], "section": "Thời sự", "source": "Báo",
         "url": "https://example.vn/a", "tags": ["ngoại giao"], "captions": ["Ảnh"]},
        {"id": "day", "title": "Chỉ ngày", "published": "2021-11-23", "summary": "Lead"},
        {"id": "floating", "title": "Giờ không múi", "published": "2021-11-22T08:00:00"},
        {"id": "nfd", "title": "trùng id"},
        {"id": "undated", "title": "Không ngày", "published": "không rõ"},
        {"title": "không id"},
    ]})
    .to_string()
}

/// Stores a cache must hold: the sample and the awkward one.
fn stores(dir: &Path) -> Vec<PathBuf> {
    vec![
        write(dir, "sample.json", EMBEDDED_SAMPLE),
        write(dir, "awkward.json", &awkward()),
    ]
}

fn telling(read: &AtomicUsize) -> Telling<'_> {
    Telling {
        read,
        first_part: None,
    }
}

/// Opens the store at `path` with its cache in `cache_dir`: the store, and whether it came
/// from the cache.
fn open(path: &Path, cache_dir: &Path) -> (Store, bool) {
    let read = AtomicUsize::new(0);
    Store::open_cached(
        &Origin::Flag(path.to_path_buf()),
        Some(cache_dir),
        telling(&read),
    )
    .expect("loads")
}

fn assert_same(name: &str, a: &Store, b: &Store) {
    assert_eq!(a.name, b.name, "{name}");
    assert_eq!(a.warnings, b.warnings, "{name}");
    assert_eq!(a.articles()[..], b.articles()[..], "{name}");
    for i in 0..a.len() {
        assert_eq!(a.articles().whole(i), b.articles().whole(i), "{name} #{i}");
        let id = &a.articles()[i].id;
        assert_eq!(
            b.get(id).map(|x| &x.id),
            Some(id),
            "{name}: {id} found by id"
        );
    }
}

#[test]
fn a_store_read_from_its_cache_is_the_store_the_load_gave() {
    let dir = tempfile::tempdir().expect("tempdir");
    let cache_dir = dir.path().join("cache");
    for path in stores(dir.path()) {
        let name = path.display().to_string();
        let (loaded, cached) = open(&path, &cache_dir);
        assert!(!cached, "{name}: no cache yet");
        assert!(
            cache::write(&cache_dir, loaded.articles(), &loaded.warnings).expect("written"),
            "{name}"
        );
        let (again, cached) = open(&path, &cache_dir);
        assert!(cached, "{name}: read from the cache");
        assert_same(&name, &loaded, &again);
        assert!(
            !again.warnings.is_empty() || name.contains("sample"),
            "{name}"
        );
    }
    // Under another name for the same file (a relative path), messages carry that name.
    let path = dir.path().join("awkward.json");
    let cwd = std::env::current_dir().expect("cwd");
    let relative = pathdiff(&path, &cwd);
    let read = AtomicUsize::new(0);
    let (store, cached) = Store::open_cached(
        &Origin::Flag(relative.clone()),
        Some(&cache_dir),
        telling(&read),
    )
    .expect("loads");
    assert!(cached);
    assert_eq!(store.name, relative.display().to_string());
    assert!(
        store
            .warnings
            .iter()
            .all(|w| w.file == relative.display().to_string())
    );
}

/// `path` relative to `base` with `..` steps (both absolute).
fn pathdiff(path: &Path, base: &Path) -> PathBuf {
    let up = base.components().count() - 1;
    let mut p: PathBuf = std::iter::repeat_n("..", up).collect();
    p.extend(path.components().skip(1));
    p
}

#[test]
fn a_cache_for_another_version_of_the_file_or_another_file_is_passed_over() {
    let dir = tempfile::tempdir().expect("tempdir");
    let cache_dir = dir.path().join("cache");
    let path = write(dir.path(), "s.json", &awkward());
    let (loaded, _) = open(&path, &cache_dir);
    cache::write(&cache_dir, loaded.articles(), &loaded.warnings).expect("written");
    assert!(open(&path, &cache_dir).1);

    // The same length, another article: rewritten in place, its modification time set back to
    // what it was (as `touch -r` or `cp -p` would): its change time still moved.
    let times = |p: &Path| fs::metadata(p).and_then(|m| m.modified()).expect("mtime");
    let before = times(&path);
    std::thread::sleep(std::time::Duration::from_millis(20));
    let changed = awkward().replace("Chỉ ngày", "Chỉ ngàY");
    assert_eq!(changed.len(), awkward().len());
    fs::write(&path, &changed).expect("rewrite");
    fs::File::options()
        .write(true)
        .open(&path)
        .and_then(|f| f.set_modified(before))
        .expect("set the time back");
    assert_eq!(times(&path), before);
    assert!(cache::read(&cache_dir, &path, "s.json", &mut None).is_none());
    let (fresh, cached) = open(&path, &cache_dir);
    assert!(!cached);
    assert!(fresh.articles().iter().any(|a| a.title == "Chỉ ngàY"));

    // Replaced by another file renamed over it, with the old times: another inode.
    cache::write(&cache_dir, fresh.articles(), &fresh.warnings).expect("written");
    assert!(open(&path, &cache_dir).1);
    let other = write(dir.path(), "other.json", &changed);
    let times = fs::metadata(&path)
        .and_then(|m| m.modified())
        .expect("mtime");
    fs::File::options()
        .write(true)
        .open(&other)
        .and_then(|f| f.set_modified(times))
        .expect("set the time");
    fs::rename(&other, &path).expect("rename over");
    assert!(cache::read(&cache_dir, &path, "s.json", &mut None).is_none());

    // A cache written for one file is not read for another, even put under its name.
    let (loaded, _) = open(&path, &cache_dir);
    cache::write(&cache_dir, loaded.articles(), &loaded.warnings).expect("written");
    let second = write(dir.path(), "second.json", &changed);
    let (Some(from), Some(to)) = (
        cache::file_for(&cache_dir, &path),
        cache::file_for(&cache_dir, &second),
    ) else {
        panic!("cache files named");
    };
    assert_ne!(from, to);
    fs::copy(&from, &to).expect("copy");
    assert!(cache::read(&cache_dir, &second, "second.json", &mut None).is_none());

    // A store written this instant is not cached: a rewrite of the same size within the file
    // system's time step would keep its stamp.
    fs::write(&path, awkward()).expect("rewrite");
    let (just_written, _) = open(&path, &cache_dir);
    let written = cache::write(&cache_dir, just_written.articles(), &just_written.warnings);
    assert!(!written.expect("no error"));
    aged(&path);
    let (aged_store, _) = open(&path, &cache_dir);
    let written = cache::write(&cache_dir, aged_store.articles(), &aged_store.warnings);
    assert!(written.expect("no error"));
}

#[test]
fn a_cache_with_any_byte_changed_or_missing_is_passed_over() {
    let dir = tempfile::tempdir().expect("tempdir");
    let cache_dir = dir.path().join("cache");
    let path = write(dir.path(), "s.json", &awkward());
    let (loaded, _) = open(&path, &cache_dir);
    cache::write(&cache_dir, loaded.articles(), &loaded.warnings).expect("written");
    let file = cache::file_for(&cache_dir, &path).expect("named");
    let good = fs::read(&file).expect("read the cache");
    assert!(cache::read(&cache_dir, &path, "s.json", &mut None).is_some());
    for at in 0..good.len() {
        for flip in [0x01, 0x80, 0xff] {
            let mut bad = good.clone();
            bad[at] ^= flip;
            fs::write(&file, &bad).expect("write");
            assert!(
                cache::read(&cache_dir, &path, "s.json", &mut None).is_none(),
                "byte {at} of {} changed by {flip:#x}",
                good.len()
            );
        }
    }
    for len in 0..good.len() {
        fs::write(&file, &good[..len]).expect("write");
        assert!(
            cache::read(&cache_dir, &path, "s.json", &mut None).is_none(),
            "cut at {len}"
        );
    }
    // Passed over, the store loads from its file as if there were no cache.
    let (store, cached) = open(&path, &cache_dir);
    assert!(!cached);
    assert_same("s.json", &store, &loaded);
}

#[test]
fn a_large_store_read_from_its_cache_gives_its_first_part_first() {
    let dir = tempfile::tempdir().expect("tempdir");
    let cache_dir = dir.path().join("cache");
    // More articles than a cache's first chunk, each naming the next as related.
    let n = 40_000;
    let articles: Vec<_> = (0..n)
        .map(|i| {
            json!({"id": format!("a{i}"), "title": format!("Bài {i}"), "published": "2026-11-24",
                   "related": [format!("a{}", (i + 1) % n)]})
        })
        .collect();
    let path = write(dir.path(), "big.json", &json!(articles).to_string());
    let (loaded, _) = open(&path, &cache_dir);
    cache::write(&cache_dir, loaded.articles(), &loaded.warnings).expect("written");

    let read = |most: usize| {
        let mut parts = Vec::new();
        let counter = AtomicUsize::new(0);
        let (store, cached) = Store::open_cached(
            &Origin::Flag(path.clone()),
            Some(&cache_dir),
            Telling {
                read: &counter,
                first_part: Some(FirstPart {
                    // Ignored by a cache: its part comes at once.
                    after: std::time::Duration::from_secs(3600),
                    most,
                    give: Box::new(|part| parts.push(part)),
                }),
            },
        )
        .expect("loads");
        assert!(cached);
        assert_same("big.json", &store, &loaded);
        parts
    };
    // No part of a store no larger than a part would be.
    assert!(read(n).is_empty());
    let parts = read(1000);
    assert_eq!(parts.len(), 1);
    let part = &parts[0];
    assert!((1..n).contains(&part.len()), "{}", part.len());
    for (i, a) in part.articles().iter().enumerate() {
        let w = &loaded.articles()[i];
        assert_eq!((&a.id, a.stored), (&w.id, w.stored));
        // Related only within the part: the last one's next is not in it.
        let expected: Vec<&String> = w.related.iter().filter(|r| part.get(r).is_some()).collect();
        assert_eq!(a.related.iter().collect::<Vec<_>>(), expected);
    }
    assert!(part.articles()[part.len() - 1].related.is_empty());
    assert_eq!(part.articles().whole(0), loaded.articles().whole(0));
}

#[test]
fn a_write_takes_away_what_a_write_cut_short_left_and_nothing_else() {
    let dir = tempfile::tempdir().expect("tempdir");
    let cache_dir = dir.path().join("cache");
    let path = write(dir.path(), "s.json", &awkward());
    let other = write(dir.path(), "t.json", &awkward());
    let (store, _) = open(&path, &cache_dir);
    let (other_store, _) = open(&other, &cache_dir);
    cache::write(&cache_dir, other_store.articles(), &other_store.warnings).expect("written");
    let name = |p: &Path| {
        cache::file_for(&cache_dir, p)
            .and_then(|f| f.file_name().map(|n| n.to_string_lossy().into_owned()))
            .expect("named")
    };
    let leftover = cache_dir.join(format!(".{}.4242.tmp", name(&path)));
    let unrelated = cache_dir.join(format!(".{}.4242.tmp", name(&other)));
    fs::write(&leftover, "half a cache").expect("write");
    fs::write(&unrelated, "another store's half").expect("write");
    cache::write(&cache_dir, store.articles(), &store.warnings).expect("written");
    assert!(!leftover.exists());
    assert!(unrelated.exists());
    assert!(open(&path, &cache_dir).1 && open(&other, &cache_dir).1);
}

#[test]
fn the_search_index_and_content_vectors_read_from_their_caches_are_the_ones_built() {
    use tuinews::query::index::SearchIndex;
    use tuinews::similar::ContentIndex;
    let dir = tempfile::tempdir().expect("tempdir");
    let cache_dir = dir.path().join("cache");
    for path in stores(dir.path()) {
        let name = path.display().to_string();
        let (store, _) = open(&path, &cache_dir);
        let articles = store.shared();
        let search = SearchIndex::of_store(&articles);
        let similar = ContentIndex::of_store(&articles);
        assert!(search.tokens() > 0, "{name}");
        let read_search = || {
            cache::read_derived(&cache_dir, &articles, "search", |s| {
                SearchIndex::load(s, &articles)
            })
        };
        let read_similar = || {
            cache::read_derived(&cache_dir, &articles, "similar", |s| {
                ContentIndex::load(s, &articles)
            })
        };
        assert!(
            read_search().is_none() && read_similar().is_none(),
            "{name}"
        );
        assert!(
            cache::write_derived(&cache_dir, &articles, "search", |s| search.save(s))
                .expect("written")
        );
        assert!(
            cache::write_derived(&cache_dir, &articles, "similar", |s| similar.save(s))
                .expect("written")
        );
        // Every table, row and weight the same, and answering for the same store.
        let (Some(s), Some(c)) = (read_search(), read_similar()) else {
            panic!("{name}: both read back");
        };
        assert_eq!(format!("{s:?}"), format!("{search:?}"), "{name}");
        assert_eq!(format!("{c:?}"), format!("{similar:?}"), "{name}");
        assert!(s.is_for(&store) && c.is_for(&store));
        for (ix, _) in store.iter() {
            assert_eq!(c.similar(&store, ix), similar.similar(&store, ix));
        }
        // Not for the same articles loaded again (another store, to the reader), though read
        // for them from the cache.
        let (again, _) = open(&path, &cache_dir);
        assert!(!s.is_for(&again));

        // Any byte changed, or cut short: passed over.
        for kind in ["search", "similar"] {
            let file = cache::file_for(&cache_dir, &path)
                .expect("named")
                .with_extension(kind);
            let good = fs::read(&file).expect("read");
            let step = (good.len() / 3000).max(1);
            for at in (0..good.len()).step_by(step) {
                let mut bad = good.clone();
                bad[at] ^= 0x41;
                fs::write(&file, &bad).expect("write");
                let reads = || match kind {
                    "search" => read_search().is_some(),
                    _ => read_similar().is_some(),
                };
                assert!(!reads(), "{name} {kind}: byte {at}");
                fs::write(&file, &good[..at]).expect("write");
                assert!(!reads(), "{name} {kind}: cut at {at}");
                fs::write(&file, &good).expect("write");
            }
        }
        assert!(read_search().is_some() && read_similar().is_some());
    }
    // For another version of the file: passed over.
    let path = dir.path().join("awkward.json");
    let (store, _) = open(&path, &cache_dir);
    std::thread::sleep(std::time::Duration::from_millis(20));
    fs::write(&path, awkward()).expect("rewrite");
    let articles = store.shared();
    assert!(
        cache::read_derived(&cache_dir, &articles, "search", |s| SearchIndex::load(
            s, &articles
        ))
        .is_none()
    );
}

#[test]
fn a_derived_cache_whose_tables_do_not_hold_together_is_passed_over() {
    use tuinews::query::index::SearchIndex;
    use tuinews::similar::ContentIndex;
    let dir = tempfile::tempdir().expect("tempdir");
    let cache_dir = dir.path().join("cache");
    let path = write(dir.path(), "s.json", &awkward());
    let (store, _) = open(&path, &cache_dir);
    let articles = store.shared();
    let n = articles.len() as u64;
    // A search table: vocabulary, token starts, list offsets, lists, dense marks, bitmaps.
    type Table<'a> = (
        &'a str,
        &'a [u32],
        &'a [u32],
        &'a [u32],
        &'a [u32],
        &'a [u64],
    );
    let good: Table = (
        "hanoi",
        &[0, 2, 5],
        &[0, 1, 2],
        &[0, 1],
        &[u32::MAX, u32::MAX],
        &[],
    );
    let search_with = |folded: Table| {
        cache::write_derived(&cache_dir, &articles, "search", |s| {
            s.u64(SearchIndex::CACHE_FORMAT)?;
            s.u64(n)?;
            for (vocabulary, starts, offsets, lists, dense, bitmaps) in [folded, good] {
                s.bytes(vocabulary.as_bytes())?;
                s.u32s(starts)?;
                s.u32s(offsets)?;
                s.u32s(lists)?;
                s.u32s(dense)?;
                s.u64s(bitmaps)?;
            }
            Ok(())
        })
        .expect("written");
        cache::read_derived(&cache_dir, &articles, "search", |s| {
            SearchIndex::load(s, &articles)
        })
        .is_some()
    };
    assert!(search_with(good), "the well-formed table reads");
    // A token in every article is kept as a bitmap, one bit an article: none past the last.
    let dense = |bits: u64| -> bool {
        search_with((
            "hanoi",
            &[0, 2, 5],
            &[0, 0, 1],
            &[1],
            &[0, u32::MAX],
            &[bits],
        ))
    };
    assert!(dense(1), "a bitmap reads");
    assert!(!dense(1 << n), "a bit past the last article");
    let past = n as u32;
    for (why, bad) in [
        (
            "an article past the store",
            (
                "hanoi",
                &[0, 2, 5][..],
                &[0, 1, 2][..],
                &[0, past][..],
                &[u32::MAX, u32::MAX][..],
                &[][..],
            ),
        ),
        (
            "tokens out of order",
            (
                "noiha",
                &[0, 3, 5],
                &[0, 1, 2],
                &[0, 1],
                &[u32::MAX, u32::MAX],
                &[],
            ),
        ),
        (
            "a start past the vocabulary",
            (
                "hanoi",
                &[0, 2, 9],
                &[0, 1, 2],
                &[0, 1],
                &[u32::MAX, u32::MAX],
                &[],
            ),
        ),
        (
            "lists past their end",
            (
                "hanoi",
                &[0, 2, 5],
                &[0, 3, 2],
                &[0, 1],
                &[u32::MAX, u32::MAX],
                &[],
            ),
        ),
        (
            "a bitmap that is not there",
            (
                "hanoi",
                &[0, 2, 5],
                &[0, 1, 2],
                &[0, 1],
                &[0, u32::MAX],
                &[],
            ),
        ),
        (
            "a start inside a letter",
            (
                "hàn",
                &[0, 2, 4],
                &[0, 1, 2],
                &[0, 1],
                &[u32::MAX, u32::MAX],
                &[],
            ),
        ),
    ] {
        assert!(!search_with(bad), "{why}");
    }

    // Content vectors: per article its terms, then per term its articles.
    // Per article its terms; per term its articles, in store order, with the weights.
    let similar_with = |terms: (&[u32], &[u32]), postings: (&[u32], &[(u32, f32)])| {
        cache::write_derived(&cache_dir, &articles, "similar", |s| {
            s.u64(ContentIndex::CACHE_FORMAT)?;
            s.u32s(terms.0)?;
            s.u32s(terms.1)?;
            s.u32s(postings.0)?;
            s.pairs(postings.1)
        })
        .expect("written");
        cache::read_derived(&cache_dir, &articles, "similar", |s| {
            ContentIndex::load(s, &articles)
        })
        .is_some()
    };
    // The first article keeps term 0, the others none.
    let mut starts = vec![1u32; articles.len() + 1];
    starts[0] = 0;
    let postings: (&[u32], &[(u32, f32)]) = (&[0, 1], &[(0, 1.0)]);
    assert!(similar_with((&starts, &[0]), postings));
    assert!(
        !similar_with((&starts, &[1]), postings),
        "a term past the postings"
    );
    assert!(
        !similar_with((&starts, &[0]), (&[0, 1], &[(0, f32::NAN)])),
        "a weight that is no number"
    );
    assert!(!similar_with((&starts[1..], &[0]), postings), "a row short");
    assert!(
        !similar_with((&starts, &[0]), (&[0, 1], &[(past, 1.0)])),
        "an article past the store"
    );
    assert!(
        !similar_with((&starts, &[0]), (&[0, 2], &[(1, 1.0), (0, 1.0)])),
        "a term's articles out of order"
    );
    assert!(similar_with(
        (&starts, &[0]),
        (&[0, 2], &[(0, 1.0), (1, 1.0)])
    ));
}

/// Where each article's persons, tags, section and source are kept in memory.
fn name_addresses(store: &Store) -> Vec<Vec<*const u8>> {
    (store.articles().iter())
        .map(|a| {
            (a.persons.iter().map(|p| p.as_ptr()))
                .chain(a.tags.iter().map(|t| t.as_ptr()))
                .chain(a.section.iter().map(|s| s.as_ptr()))
                .chain(a.source.iter().map(|s| s.as_ptr()))
                .collect()
        })
        .collect()
}

#[test]
fn a_person_tag_section_or_source_is_kept_once_for_every_article_that_names_it() {
    let dir = tempfile::tempdir().expect("tempdir");
    let cache_dir = dir.path().join("cache");
    let same = json!({"id": "x", "title": "Tin", "persons": ["Tô Lâm", "Shii Kazuo"],
                      "tags": ["Đối ngoại"], "section": "Thời sự", "source": "Đối ngoại"});
    let mut list: Vec<serde_json::Value> = (0..3)
        .map(|i| {
            let mut a = same.clone();
            a["id"] = json!(format!("a{i}"));
            a
        })
        .collect();
    list.push(json!({"id": "other", "title": "Tin", "persons": ["Tô Lâm"]}));
    let text = json!({ "articles": list }).to_string();
    let path = write(dir.path(), "names.json", &text);
    let parsed = Store::parse(&text, "names.json").expect("parses");
    let (loaded, cached) = open(&path, &cache_dir);
    assert!(!cached);
    cache::write(&cache_dir, loaded.articles(), &loaded.warnings).expect("written");
    let (again, cached) = open(&path, &cache_dir);
    assert!(cached);
    for (how, store) in [("parsed", &parsed), ("loaded", &loaded), ("cached", &again)] {
        let at = name_addresses(store);
        assert_eq!(at[0].len(), 5, "{how}");
        assert_eq!(at[0], at[1], "{how}: the same names, kept once");
        assert_eq!(at[0], at[2], "{how}");
        assert_eq!(at[3], [at[0][0]], "{how}: Tô Lâm once");
        assert_eq!(
            at[0][2], at[0][4],
            "{how}: a tag and a source of the same text"
        );
        let a = &store.articles()[0];
        assert_eq!(a.persons, ["Tô Lâm", "Shii Kazuo"], "{how}");
        assert_eq!(a.persons[0].folded(), "to lam", "{how}");
        assert_eq!(a.persons[1].folded(), "shii kazuo", "{how}");
    }
}

#[test]
fn the_caches_of_a_store_no_longer_there_are_taken_away_and_no_other() {
    let dir = tempfile::tempdir().expect("tempdir");
    let cache_dir = dir.path().join("cache");
    let [kept, gone] = ["kept.json", "gone.json"].map(|name| {
        let path = write(dir.path(), name, EMBEDDED_SAMPLE);
        let (store, _) = open(&path, &cache_dir);
        assert!(cache::write(&cache_dir, store.articles(), &store.warnings).expect("written"));
        path
    });
    let files = |path: &Path| -> Vec<PathBuf> {
        let cache = cache::file_for(&cache_dir, path).expect("the cache's name");
        ["cache", "search", "similar"]
            .map(|e| cache.with_extension(e))
            .to_vec()
    };
    let (kept_files, gone_files) = (files(&kept), files(&gone));
    // The derived tables beside each cache, as the reader writes them.
    for f in kept_files.iter().chain(&gone_files).skip(1) {
        if !f.exists() {
            fs::write(f, "table").expect("write");
        }
    }
    // A store in a directory that goes away whole (a disk not mounted looks the same).
    let away = dir.path().join("away");
    fs::create_dir(&away).expect("mkdir");
    let elsewhere = write(&away, "kho.json", EMBEDDED_SAMPLE);
    let (store, _) = open(&elsewhere, &cache_dir);
    assert!(cache::write(&cache_dir, store.articles(), &store.warnings).expect("written"));
    let elsewhere_cache = cache::file_for(&cache_dir, &elsewhere).expect("the cache's name");
    // Other things in the directory, named like caches.
    let strangers = [
        cache_dir.join("notes.cache"),
        cache_dir.join("store-0000000000000000.cache"),
    ];
    for s in &strangers {
        fs::write(s, "not a cache of tuinews").expect("write");
    }

    assert_eq!(cache::prune(&cache_dir), 0, "every store is there");
    fs::remove_file(&gone).expect("remove the store");
    fs::remove_dir_all(&away).expect("remove the directory");
    assert_eq!(cache::prune(&cache_dir), 1);
    for f in &gone_files {
        assert!(!f.exists(), "{} taken away", f.display());
    }
    for f in kept_files
        .iter()
        .chain(&strangers)
        .chain([&elsewhere_cache])
    {
        assert!(f.exists(), "{} left", f.display());
    }
    let (_, cached) = open(&kept, &cache_dir);
    assert!(cached, "the store still there still starts from its cache");
}

#[cfg(unix)]
#[test]
fn a_store_replaced_by_a_fifo_is_refused_not_waited_on() {
    let dir = tempfile::tempdir().expect("tempdir");
    let cache_dir = dir.path().join("cache");
    let path = write(dir.path(), "kho.json", EMBEDDED_SAMPLE);
    let (store, _) = open(&path, &cache_dir);
    assert!(cache::write(&cache_dir, store.articles(), &store.warnings).expect("written"));
    fs::remove_file(&path).expect("remove the store");
    let c_path = std::ffi::CString::new(path.as_os_str().as_encoded_bytes()).expect("a C path");
    // SAFETY: mkfifo reads the NUL-terminated path and nothing else.
    assert_eq!(unsafe { libc::mkfifo(c_path.as_ptr(), 0o600) }, 0, "mkfifo");
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        let read = AtomicUsize::new(0);
        let opened =
            Store::open_cached(&Origin::Flag(path), Some(&cache_dir), telling(&read)).is_ok();
        let _ = tx.send(opened);
    });
    let opened = rx
        .recv_timeout(std::time::Duration::from_secs(20))
        .expect("the open returns instead of waiting on the FIFO");
    assert!(!opened, "a FIFO is no store");
}
