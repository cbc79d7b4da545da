//! Fetching sources over HTTP(S), politely and within bounds.
//!
//! A feed is fetched again and again, so each fetch sends the validators the server gave last
//! time (`If-None-Match` with its ETag, `If-Modified-Since` with its Last-Modified) and a feed
//! that has not changed costs one small answer. The validators are remembered in the state
//! directory, and only once the store has been written: remembering them for a fetch whose
//! articles never reached the store would make the next run skip them.
//!
//! Every fetch is bounded: a timeout for the whole exchange, a size limit on the body, a limit
//! on redirects, and a User-Agent that names tuinews so a site can tell who is asking.

use std::collections::BTreeMap;
use std::fs;
use std::io;
use std::path::{Path, PathBuf};
use std::time::Duration;

use serde_json::{Value, json};

/// The bounds of every fetch.
#[derive(Clone, Debug)]
pub struct Config {
    /// For the whole exchange, redirects and body included.
    pub timeout: Duration,
    /// The largest body accepted, in bytes.
    pub max_bytes: u64,
    pub max_redirects: u32,
    /// Where validators are remembered; `None` remembers nothing.
    pub state_dir: Option<PathBuf>,
    /// Whether to use the proxy named by `http_proxy` / `https_proxy` / `ALL_PROXY`.
    pub proxy_from_env: bool,
}

impl Default for Config {
    fn default() -> Config {
        Config {
            timeout: Duration::from_secs(30),
            max_bytes: 20 * 1024 * 1024,
            max_redirects: 5,
            state_dir: None,
            proxy_from_env: true,
        }
    }
}

/// The User-Agent of every request.
pub const USER_AGENT: &str = concat!(
    "tuinews/",
    env!("CARGO_PKG_VERSION"),
    " (terminal news reader; feed import)"
);

/// The file in the state directory that holds the validators.
const VALIDATORS_FILE: &str = "http-validators.json";

/// What a fetch brought.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Fetched {
    /// The content, and the URL it finally came from (after redirects), for relative links.
    Body { bytes: Vec<u8>, url: String },
    /// The server says nothing changed since the validators it gave last time.
    NotModified,
}

/// Why a URL could not be fetched, in words a user can act on.
#[derive(Debug, thiserror::Error)]
pub enum FetchError {
    #[error("not a valid http(s) URL ({0})")]
    BadUrl(String),
    #[error("host not found (DNS)")]
    HostNotFound,
    #[error("cannot connect to the server")]
    Connect,
    #[error("TLS failed: {0}")]
    Tls(String),
    #[error("the server answered HTTP {0}")]
    Status(u16),
    #[error("the body is larger than the limit of {0} bytes")]
    TooLarge(u64),
    #[error("no complete answer within {0} seconds")]
    Timeout(u64),
    #[error("more than {0} redirects (a redirect loop?)")]
    TooManyRedirects(u32),
    #[error("{0}")]
    Other(String),
}

/// Validators a server gave for a URL.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
struct Validators {
    etag: Option<String>,
    last_modified: Option<String>,
}

/// A client with its bounds and the validators of earlier fetches.
pub struct Fetcher {
    agent: ureq::Agent,
    config: Config,
    known: BTreeMap<String, Validators>,
    /// Validators of this run's fetches, remembered by [`Fetcher::commit`].
    fresh: BTreeMap<String, Validators>,
    /// What [`Fetcher::prefetch`] brought, handed out by [`Fetcher::get`].
    ready: BTreeMap<String, Result<Fetched, FetchError>>,
}

impl Fetcher {
    pub fn new(config: Config) -> Fetcher {
        let mut builder = ureq::Agent::config_builder()
            .timeout_global(Some(config.timeout))
            .max_redirects(config.max_redirects)
            .max_redirects_will_error(true)
            .http_status_as_error(false)
            .user_agent(USER_AGENT);
        if !config.proxy_from_env {
            builder = builder.proxy(None);
        }
        let agent: ureq::Agent = builder.build().into();
        let known = config
            .state_dir
            .as_deref()
            .map(load_validators)
            .unwrap_or_default();
        Fetcher {
            agent,
            config,
            known,
            fresh: BTreeMap::new(),
            ready: BTreeMap::new(),
        }
    }

    /// Fetches `urls` on up to `threads` threads at once, for [`Fetcher::get`] to hand out;
    /// `done` hears how many of how many have come back, as they do.
    pub fn prefetch(
        &mut self,
        urls: &[String],
        threads: usize,
        done: &(dyn Fn(usize, usize) + Sync),
    ) {
        let next = std::sync::atomic::AtomicUsize::new(0);
        let finished = std::sync::atomic::AtomicUsize::new(0);
        let this = &*self;
        let results: Vec<(String, Result<Fetched, FetchError>, Option<Validators>)> =
            std::thread::scope(|s| {
                let workers: Vec<_> = (0..threads.clamp(1, urls.len().max(1)))
                    .map(|_| {
                        s.spawn(|| {
                            let mut out = Vec::new();
                            loop {
                                let i = next.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
                                let Some(url) = urls.get(i) else { break };
                                let (result, validators) = this.fetch(url);
                                out.push((url.clone(), result, validators));
                                let n = finished.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
                                done(n + 1, urls.len());
                            }
                            out
                        })
                    })
                    .collect();
                workers
                    .into_iter()
                    .flat_map(|w| w.join().unwrap_or_default())
                    .collect()
            });
        for (url, result, validators) in results {
            if let Some(v) = validators {
                self.fresh.insert(url.clone(), v);
            }
            self.ready.insert(url, result);
        }
    }

    /// Fetches `url`, conditionally when it was fetched before (or hands out what
    /// [`Fetcher::prefetch`] brought for it).
    pub fn get(&mut self, url: &str) -> Result<Fetched, FetchError> {
        if let Some(result) = self.ready.remove(url) {
            return result;
        }
        let (result, validators) = self.fetch(url);
        if let Some(v) = validators {
            self.fresh.insert(url.to_owned(), v);
        }
        result
    }

    /// One fetch, with the validators to remember when it brought a body that has some.
    fn fetch(&self, url: &str) -> (Result<Fetched, FetchError>, Option<Validators>) {
        let mut validators = None;
        let result = self.fetch_into(url, &mut validators);
        (result, validators)
    }

    fn fetch_into(
        &self,
        url: &str,
        remember: &mut Option<Validators>,
    ) -> Result<Fetched, FetchError> {
        if url::Url::parse(url).map_or(true, |u| !matches!(u.scheme(), "http" | "https")) {
            return Err(FetchError::BadUrl(url.to_owned()));
        }
        let mut req = self.agent.get(url);
        if let Some(v) = self.known.get(url) {
            if let Some(etag) = &v.etag {
                req = req.header("If-None-Match", etag);
            }
            if let Some(lm) = &v.last_modified {
                req = req.header("If-Modified-Since", lm);
            }
        }
        let resp = req.call().map_err(|e| self.error(e))?;
        let status = resp.status().as_u16();
        if status == 304 {
            return Ok(Fetched::NotModified);
        }
        if !(200..300).contains(&status) {
            return Err(FetchError::Status(status));
        }
        let header = |name: &str| {
            resp.headers()
                .get(name)
                .and_then(|v| v.to_str().ok())
                .map(str::to_owned)
        };
        let validators = Validators {
            etag: header("etag"),
            last_modified: header("last-modified"),
        };
        let final_url = ureq::ResponseExt::get_uri(&resp).to_string();
        if let Some(len) = header("content-length").and_then(|l| l.parse::<u64>().ok())
            && len > self.config.max_bytes
        {
            return Err(FetchError::TooLarge(self.config.max_bytes));
        }
        let bytes = resp
            .into_body()
            .with_config()
            .limit(self.config.max_bytes)
            .read_to_vec()
            .map_err(|e| self.error(e))?;
        if validators != Validators::default() {
            *remember = Some(validators);
        }
        Ok(Fetched::Body {
            bytes,
            url: final_url,
        })
    }

    /// Remembers the validators of this run's fetches in the state directory. Called once what
    /// they fetched is safely in the store.
    pub fn commit(&mut self) -> io::Result<()> {
        let Some(dir) = self.config.state_dir.clone() else {
            return Ok(());
        };
        if self.fresh.is_empty() {
            return Ok(());
        }
        self.known.append(&mut self.fresh);
        save_validators(&dir, &self.known)
    }

    fn error(&self, e: ureq::Error) -> FetchError {
        match e {
            ureq::Error::StatusCode(s) => FetchError::Status(s),
            ureq::Error::HostNotFound => FetchError::HostNotFound,
            ureq::Error::ConnectionFailed => FetchError::Connect,
            ureq::Error::Timeout(_) => FetchError::Timeout(self.config.timeout.as_secs().max(1)),
            ureq::Error::BodyExceedsLimit(_) => FetchError::TooLarge(self.config.max_bytes),
            ureq::Error::TooManyRedirects => {
                FetchError::TooManyRedirects(self.config.max_redirects)
            }
            ureq::Error::BadUri(u) => FetchError::BadUrl(u),
            ureq::Error::Tls(m) => FetchError::Tls(m.to_owned()),
            ureq::Error::Rustls(e) => FetchError::Tls(e.to_string()),
            ureq::Error::Io(e) if e.kind() == io::ErrorKind::TimedOut => {
                FetchError::Timeout(self.config.timeout.as_secs().max(1))
            }
            ureq::Error::Io(e) if e.kind() == io::ErrorKind::ConnectionRefused => {
                FetchError::Connect
            }
            other => FetchError::Other(other.to_string()),
        }
    }
}

fn load_validators(dir: &Path) -> BTreeMap<String, Validators> {
    let Ok(text) = fs::read_to_string(dir.join(VALIDATORS_FILE)) else {
        return BTreeMap::new();
    };
    let Ok(Value::Object(map)) = serde_json::from_str::<Value>(&text) else {
        // A damaged file costs one unconditional fetch per URL, nothing more.
        return BTreeMap::new();
    };
    map.into_iter()
        .map(|(url, v)| {
            let get = |k: &str| v.get(k).and_then(Value::as_str).map(str::to_owned);
            (
                url,
                Validators {
                    etag: get("etag"),
                    last_modified: get("last_modified"),
                },
            )
        })
        .collect()
}

fn save_validators(dir: &Path, known: &BTreeMap<String, Validators>) -> io::Result<()> {
    fs::create_dir_all(dir)?;
    let obj: serde_json::Map<String, Value> = known
        .iter()
        .map(|(url, v)| {
            (
                url.clone(),
                json!({"etag": v.etag, "last_modified": v.last_modified}),
            )
        })
        .collect();
    let text = serde_json::to_string_pretty(&Value::Object(obj)).map_err(io::Error::other)?;
    let tmp = dir.join(format!(".{VALIDATORS_FILE}.tmp-{}", std::process::id()));
    fs::write(&tmp, text)?;
    fs::rename(&tmp, dir.join(VALIDATORS_FILE))
}
