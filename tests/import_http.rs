//! Fetching URLs, against an HTTP server on 127.0.0.1 that each test starts itself (no test
//! reaches the internet): a feed served with an ETag and then answered with 304, a 404, a
//! redirect loop, a response slower than the timeout, and a 50 MB body past the size limit, with
//! and without a Content-Length.

use std::io::{BufRead, BufReader, Write};
use std::net::{TcpListener, TcpStream};
use std::path::Path;
use std::sync::{Arc, Mutex};
use std::thread;
use std::time::Duration;

use tuinews::import::fetch::{Config, FetchError, Fetched, Fetcher, USER_AGENT};
use tuinews::import::{self, Options};
use tuinews::store::Store;

const FEED: &str = r#"<?xml version="1.0"?><rss version="2.0"><channel><title>T</title>
<item><title>Tin một</title><link>/tin-mot.html</link><guid>g1</guid>
<pubDate>Wed, 28 Jan 2026 02:30:00 GMT</pubDate><description>Một.</description></item>
</channel></rss>"#;

/// What the server saw of each request: its path and headers (lowercase names).
type Seen = Arc<Mutex<Vec<(String, Vec<(String, String)>)>>>;

/// Starts the server; returns its base URL and the log of requests.
fn serve() -> std::io::Result<(String, Seen)> {
    let listener = TcpListener::bind("127.0.0.1:0")?;
    let base = format!("http://{}", listener.local_addr()?);
    let seen: Seen = Arc::default();
    let log = Arc::clone(&seen);
    thread::spawn(move || {
        for stream in listener.incoming().flatten() {
            let log = Arc::clone(&log);
            thread::spawn(move || {
                let _ = answer(stream, &log);
            });
        }
    });
    Ok((base, seen))
}

fn answer(mut stream: TcpStream, log: &Seen) -> std::io::Result<()> {
    let mut reader = BufReader::new(stream.try_clone()?);
    let mut request_line = String::new();
    reader.read_line(&mut request_line)?;
    let path = request_line
        .split_whitespace()
        .nth(1)
        .unwrap_or("/")
        .to_owned();
    let mut headers = Vec::new();
    loop {
        let mut line = String::new();
        if reader.read_line(&mut line)? == 0 || line.trim().is_empty() {
            break;
        }
        if let Some((k, v)) = line.split_once(':') {
            headers.push((k.trim().to_lowercase(), v.trim().to_owned()));
        }
    }
    let if_none_match = headers
        .iter()
        .find(|(k, _)| k == "if-none-match")
        .map(|(_, v)| v.clone());
    if let Ok(mut l) = log.lock() {
        l.push((path.clone(), headers));
    }
    let reply = |stream: &mut TcpStream, status: &str, extra: &str, body: &[u8]| {
        let head = format!(
            "HTTP/1.1 {status}\r\nContent-Length: {}\r\nConnection: close\r\n{extra}\r\n",
            body.len()
        );
        stream.write_all(head.as_bytes())?;
        stream.write_all(body)
    };
    match path.as_str() {
        "/feed.xml" => {
            if if_none_match.as_deref() == Some("\"v1\"") {
                reply(&mut stream, "304 Not Modified", "ETag: \"v1\"\r\n", b"")
            } else {
                reply(
                    &mut stream,
                    "200 OK",
                    "ETag: \"v1\"\r\nContent-Type: application/rss+xml\r\n",
                    FEED.as_bytes(),
                )
            }
        }
        "/loop" => reply(&mut stream, "302 Found", "Location: /loop\r\n", b""),
        "/slow" => {
            thread::sleep(Duration::from_secs(4));
            reply(&mut stream, "200 OK", "", FEED.as_bytes())
        }
        "/big" | "/big-unsized" => {
            let size = 50 * 1024 * 1024;
            let head = if path == "/big" {
                format!("HTTP/1.1 200 OK\r\nContent-Length: {size}\r\nConnection: close\r\n\r\n")
            } else {
                "HTTP/1.1 200 OK\r\nConnection: close\r\n\r\n".to_owned()
            };
            stream.write_all(head.as_bytes())?;
            let chunk = vec![b'a'; 64 * 1024];
            for _ in 0..size / chunk.len() {
                // The client hangs up once past its limit; that ends the loop.
                stream.write_all(&chunk)?;
            }
            Ok(())
        }
        _ => reply(&mut stream, "404 Not Found", "", b"not here"),
    }
}

fn fetcher(state: Option<&Path>) -> Fetcher {
    Fetcher::new(Config {
        timeout: Duration::from_secs(2),
        max_bytes: 10 * 1024 * 1024,
        max_redirects: 3,
        state_dir: state.map(Path::to_path_buf),
        proxy_from_env: false,
    })
}

type TestResult = Result<(), Box<dyn std::error::Error>>;

#[test]
fn a_feed_is_fetched_once_and_then_answered_not_modified() -> TestResult {
    let (base, seen) = serve()?;
    let dir = tempfile::tempdir()?;
    let store = dir.path().join("store.json");
    let state = dir.path().join("state");
    let url = format!("{base}/feed.xml");
    let opts = Options {
        today: jiff::civil::date(2026, 2, 1),
        year: None,
    };

    let first = import::run(
        std::slice::from_ref(&url),
        &store,
        &opts,
        &mut fetcher(Some(&state)),
    );
    assert!(!first.failed(), "{first:?}");
    let loaded = Store::load_path(&store)?;
    assert_eq!(loaded.len(), 1);
    assert_eq!(
        (loaded.articles().whole(0)).and_then(|a| a.url.clone()),
        Some(format!("{base}/tin-mot.html")),
        "relative links resolve against the URL fetched"
    );

    // A new run (a new process, as far as the fetcher knows) remembers the ETag.
    let second = import::run(
        std::slice::from_ref(&url),
        &store,
        &opts,
        &mut fetcher(Some(&state)),
    );
    assert!(!second.failed(), "{second:?}");
    assert!(second.sources[0].not_modified, "{second:?}");
    assert!(
        second
            .lines()
            .iter()
            .any(|l| l.ends_with("not modified since the last import"))
    );

    let log = seen.lock().map_err(|e| e.to_string())?;
    let header = |i: usize, name: &str| {
        log[i]
            .1
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.clone())
    };
    assert_eq!(header(0, "user-agent").as_deref(), Some(USER_AGENT));
    assert!(USER_AGENT.starts_with("tuinews/"));
    assert_eq!(header(0, "if-none-match"), None);
    assert_eq!(header(1, "if-none-match").as_deref(), Some("\"v1\""));
    Ok(())
}

#[test]
fn validators_are_not_remembered_when_the_store_was_not_written() -> TestResult {
    let (base, seen) = serve()?;
    let dir = tempfile::tempdir()?;
    let state = dir.path().join("state");
    let store = dir.path().join("store.json");
    std::fs::write(&store, "[]")?;
    // A directory where the backup goes makes the write fail after the fetch.
    std::fs::create_dir_all(dir.path().join("store.json.bak").join("in-the-way"))?;
    let url = format!("{base}/feed.xml");
    let opts = Options {
        today: jiff::civil::date(2026, 2, 1),
        year: None,
    };
    let report = import::run(
        std::slice::from_ref(&url),
        &store,
        &opts,
        &mut fetcher(Some(&state)),
    );
    let e = report.store_error.ok_or("the write should fail")?;
    assert!(e.contains("keeping the previous store"), "{e}");
    assert_eq!(std::fs::read(&store)?, b"[]");
    let mut again = fetcher(Some(&state));
    assert!(matches!(again.get(&url), Ok(Fetched::Body { .. })));
    let log = seen.lock().map_err(|e| e.to_string())?;
    assert_eq!(log.len(), 2, "{log:?}");
    assert!(
        log.iter()
            .all(|(_, h)| h.iter().all(|(k, _)| k != "if-none-match"))
    );
    Ok(())
}

#[test]
fn http_errors_name_the_reason() -> TestResult {
    let (base, _) = serve()?;
    let mut f = fetcher(None);
    let err = |r: Result<Fetched, FetchError>| match r {
        Err(e) => e,
        Ok(x) => panic!("expected an error, got {x:?}"),
    };
    let e = err(f.get(&format!("{base}/missing")));
    assert!(matches!(e, FetchError::Status(404)), "{e:?}");
    assert_eq!(e.to_string(), "the server answered HTTP 404");

    let e = err(f.get(&format!("{base}/loop")));
    assert!(matches!(e, FetchError::TooManyRedirects(3)), "{e:?}");

    let started = std::time::Instant::now();
    let e = err(f.get(&format!("{base}/slow")));
    assert!(matches!(e, FetchError::Timeout(2)), "{e:?}");
    assert!(
        started.elapsed() < Duration::from_secs(4),
        "gave up at the timeout"
    );

    for path in ["/big", "/big-unsized"] {
        let e = err(f.get(&format!("{base}{path}")));
        assert!(matches!(e, FetchError::TooLarge(_)), "{path}: {e:?}");
        assert!(
            e.to_string()
                .contains("larger than the limit of 10485760 bytes")
        );
    }

    let e = err(f.get("ftp://127.0.0.1/x"));
    assert!(matches!(e, FetchError::BadUrl(_)), "{e:?}");
    Ok(())
}

/// The binary with its home, data, config and state in `home` and no proxy, so it reaches the
/// test's server on 127.0.0.1 and nothing of the user's.
fn tuinews_in(home: &Path) -> Result<assert_cmd::Command, Box<dyn std::error::Error>> {
    let mut cmd = assert_cmd::Command::cargo_bin("tuinews")?;
    cmd.env("HOME", home)
        .env("XDG_STATE_HOME", home.join("state"))
        .env_remove("XDG_DATA_HOME")
        .env_remove("XDG_CONFIG_HOME")
        .env_remove("TUINEWS_STORE");
    for proxy in ["http_proxy", "HTTP_PROXY", "ALL_PROXY", "all_proxy"] {
        cmd.env_remove(proxy);
    }
    Ok(cmd)
}

#[test]
fn a_failed_url_is_named_in_the_report_and_the_exit_status() -> TestResult {
    let (base, _) = serve()?;
    let dir = tempfile::tempdir()?;
    let out = tuinews_in(dir.path())?
        .args([
            "import",
            &format!("{base}/missing"),
            &format!("{base}/feed.xml"),
        ])
        .arg("--into")
        .arg(dir.path().join("s.json"))
        .output()?;
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8(out.stderr)?;
    assert!(
        stderr.contains(&format!(
            "tuinews: {base}/missing: the server answered HTTP 404"
        )),
        "{stderr}"
    );
    assert_eq!(Store::load_path(&dir.path().join("s.json"))?.len(), 1);
    Ok(())
}

/// `tuinews feeds add` then `tuinews update`: every subscription fetched into the store; a
/// second update costs a 304 per feed and changes nothing; a feed that fails is named and the
/// exit status says so while the others still import.
#[test]
fn update_fetches_every_subscription_and_then_only_what_changed() -> TestResult {
    let (base, seen) = serve()?;
    let dir = tempfile::tempdir()?;
    let store = dir.path().join("s.json");
    let tuinews =
        |args: &[&str]| -> Result<(Option<i32>, String, String), Box<dyn std::error::Error>> {
            let out = tuinews_in(dir.path())?.args(args).output()?;
            Ok((
                out.status.code(),
                String::from_utf8(out.stdout)?,
                String::from_utf8(out.stderr)?,
            ))
        };
    let (code, _, err) = tuinews(&["update", "--into", store.to_str().unwrap_or_default()])?;
    assert_eq!(code, Some(1));
    assert!(err.contains("no subscriptions"), "{err}");

    let feed = format!("{base}/feed.xml");
    let (code, out, _) = tuinews(&["feeds", "add", &feed, "--name", "Thời sự"])?;
    assert_eq!(code, Some(0));
    assert!(out.starts_with("subscribed:"), "{out}");
    let (_, out, _) = tuinews(&["feeds", "add", &feed])?;
    assert!(out.starts_with("already subscribed"), "{out}");
    let (code, out, _) = tuinews(&["feeds", "add", "ftp://example.org/x"])?;
    assert_eq!(code, Some(1));
    assert!(out.contains("not a feed address"), "{out}");
    let (_, out, _) = tuinews(&["feeds", "list"])?;
    assert_eq!(out.trim(), format!("Thời sự  {feed}"));

    let s = store.to_str().unwrap_or_default();
    let (code, out, err) = tuinews(&["update", "--into", s, "--json"])?;
    assert_eq!(code, Some(0), "{err}");
    let report: serde_json::Value = serde_json::from_str(out.trim())?;
    assert_eq!(report["added"], 1, "{report}");
    assert_eq!(Store::load_path(&store)?.len(), 1);
    // The second time, the server is asked with the ETag it gave and answers 304.
    let (code, _, _) = tuinews(&["update", "--into", s])?;
    assert_eq!(code, Some(0));
    let conditional = seen
        .lock()
        .map(|l| {
            l.iter()
                .filter(|(p, h)| p == "/feed.xml" && h.iter().any(|(k, _)| k == "if-none-match"))
                .count()
        })
        .unwrap_or(0);
    assert_eq!(conditional, 1);

    // A broken feed is named; the store keeps what it had.
    tuinews(&["feeds", "add", &format!("{base}/missing")])?;
    let (code, _, err) = tuinews(&["update", "--into", s])?;
    assert_eq!(code, Some(1));
    assert!(
        err.contains(&format!("{base}/missing: the server answered HTTP 404")),
        "{err}"
    );
    assert_eq!(Store::load_path(&store)?.len(), 1);

    let (code, out, _) = tuinews(&["feeds", "remove", "Thời sự"])?;
    assert_eq!(code, Some(0), "{out}");
    let (_, out, _) = tuinews(&["feeds", "list"])?;
    assert_eq!(out.trim(), format!("{base}/missing"));
    let (code, _, _) = tuinews(&["feeds", "remove", "nothing"])?;
    assert_eq!(code, Some(1));
    Ok(())
}
