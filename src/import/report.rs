//! What an import did: per source, per article (added, updated, skipped and why), as lines
//! for a person and as JSON for a script.

use std::path::PathBuf;

use serde_json::{Value, json};

use super::dates::YearFrom;

/// What happened to one imported article.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Action {
    Added,
    /// Updated in place; the fields that changed.
    Updated(Vec<String>),
    /// Not written, and why.
    Skipped(String),
}

impl Action {
    pub fn name(&self) -> &'static str {
        match self {
            Action::Added => "added",
            Action::Updated(_) => "updated",
            Action::Skipped(_) => "skipped",
        }
    }
}

/// One imported article in the report.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Entry {
    /// The id in the store (an updated article keeps the store's id).
    pub id: String,
    pub title: String,
    pub action: Action,
    /// Where the year of its date came from when the text did not write it.
    pub year_from: Option<YearFrom>,
}

/// One source in the report: its articles, or why it failed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SourceReport {
    pub source: String,
    pub format: Option<String>,
    /// True when a URL answered that nothing changed since the last import.
    pub not_modified: bool,
    pub result: Result<Vec<Entry>, String>,
}

/// What an import did.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Report {
    pub store: PathBuf,
    pub sources: Vec<SourceReport>,
    /// The previous store, kept when the store was rewritten.
    pub backup: Option<PathBuf>,
    /// Why the store could not be read or written; nothing was changed then.
    pub store_error: Option<String>,
}

impl Report {
    /// Writes the report for `tuinews import` and `tuinews update`: each failure to `err`, the
    /// report to `out` (as JSON with `json`); returns the exit status, 1 when anything failed.
    pub fn print(
        &self,
        json: bool,
        out: &mut dyn std::io::Write,
        err: &mut dyn std::io::Write,
    ) -> std::io::Result<i32> {
        let failures = self.sources.iter().filter_map(|s| s.result.as_ref().err());
        for e in failures.chain(&self.store_error) {
            writeln!(err, "tuinews: {}", crate::text::sanitize_line(e))?;
        }
        if json {
            // serde_json escapes every control character, so JSON output is safe as it is.
            writeln!(out, "{}", self.to_json())?;
        } else {
            for line in self.lines() {
                writeln!(out, "{line}")?;
            }
        }
        Ok(i32::from(self.failed()))
    }

    /// Whether any source failed or the store could not be written: the exit status is then 1.
    pub fn failed(&self) -> bool {
        self.store_error.is_some() || self.sources.iter().any(|s| s.result.is_err())
    }

    /// How many articles were added, updated and skipped.
    pub fn counts(&self) -> (usize, usize, usize) {
        let mut c = (0, 0, 0);
        for e in self
            .sources
            .iter()
            .filter_map(|s| s.result.as_ref().ok())
            .flatten()
        {
            match e.action {
                Action::Added => c.0 += 1,
                Action::Updated(_) => c.1 += 1,
                Action::Skipped(_) => c.2 += 1,
            }
        }
        c
    }

    /// The report as lines for people, every one sanitised: titles, file names, URLs and error
    /// messages all come from outside and must not reach the terminal as control sequences.
    pub fn lines(&self) -> Vec<String> {
        use crate::text::sanitize_line as clean;
        let mut out = Vec::new();
        for s in &self.sources {
            let source = clean(&s.source);
            let format = s
                .format
                .as_deref()
                .map(|f| format!(" ({f})"))
                .unwrap_or_default();
            match &s.result {
                Err(e) => out.push(format!("failed: {}", clean(e))),
                Ok(_) if s.not_modified => {
                    out.push(format!("{source}: not modified since the last import"));
                }
                Ok(entries) => {
                    let n = |name: &str| entries.iter().filter(|e| e.action.name() == name).count();
                    out.push(format!(
                        "{source}{format}: {} added, {} updated, {} skipped",
                        n("added"),
                        n("updated"),
                        n("skipped")
                    ));
                    for e in entries {
                        let mut line = format!(
                            "  {:<8} {}  {}",
                            e.action.name(),
                            clean(&e.id),
                            clean(&e.title)
                        );
                        match &e.action {
                            Action::Updated(fields) => {
                                line.push_str(&format!("  [{}]", clean(&fields.join(", "))));
                            }
                            Action::Skipped(why) => line.push_str(&format!("  ({})", clean(why))),
                            Action::Added => {}
                        }
                        if let Some(from) = e.year_from {
                            line.push_str(&format!("  (year of the date {})", from.describe()));
                        }
                        out.push(line);
                    }
                }
            }
        }
        let (added, updated, skipped) = self.counts();
        let failed = self.sources.iter().filter(|s| s.result.is_err()).count();
        let store = clean(&self.store.display().to_string());
        match &self.store_error {
            Some(e) => out.push(format!("nothing written to {store}: {}", clean(e))),
            None => {
                let mut total =
                    format!("{store}: {added} added, {updated} updated, {skipped} skipped");
                if failed > 0 {
                    total.push_str(&format!(
                        "; {failed} source{} failed",
                        if failed == 1 { "" } else { "s" }
                    ));
                }
                if let Some(b) = &self.backup {
                    total.push_str(&format!(
                        "; previous store kept as {}",
                        clean(&b.display().to_string())
                    ));
                }
                out.push(total);
            }
        }
        out
    }

    /// The report as JSON, for scripts.
    pub fn to_json(&self) -> Value {
        let (added, updated, skipped) = self.counts();
        json!({
            "store": self.store.display().to_string(),
            "backup": self.backup.as_ref().map(|b| b.display().to_string()),
            "store_error": self.store_error,
            "added": added,
            "updated": updated,
            "skipped": skipped,
            "sources": self.sources.iter().map(|s| {
                let mut o = json!({
                    "source": s.source,
                    "format": s.format,
                    "not_modified": s.not_modified,
                });
                match &s.result {
                    Ok(entries) => {
                        o["articles"] = entries.iter().map(|e| {
                            let mut a = json!({"id": e.id, "title": e.title, "action": e.action.name()});
                            match &e.action {
                                Action::Updated(fields) => a["fields"] = json!(fields),
                                Action::Skipped(why) => a["reason"] = json!(why),
                                Action::Added => {}
                            }
                            if let Some(from) = e.year_from {
                                a["year_inferred"] = json!(from.describe());
                            }
                            a
                        }).collect();
                    }
                    Err(e) => o["error"] = json!(e),
                }
                o
            }).collect::<Vec<_>>(),
        })
    }
}
