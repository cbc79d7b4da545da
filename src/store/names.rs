//! Names that repeat across a store, kept once: persons (with their folded form, which the
//! person filter compares), tags, sections and sources.
//!
//! An archive names the same few thousand persons, tags and sections in article after
//! article. Kept as a string per mention, with a folded copy of every person's name, they
//! were a third of a loaded article's memory (about 360 of 1,000 bytes, measured on a
//! generated 100k store). Each is now an [`Arc`] shared by the articles that give it: each
//! thread of a load (and of a read from the cache) shares them through its own [`Names`], so a
//! name is kept once per thread at most; an article built on its own (read again from the
//! file, written by hand) has its own, equal ones.

use std::borrow::Borrow;
use std::collections::HashSet;
use std::fmt;
use std::hash::{Hash, Hasher};
use std::ops::Deref;
use std::sync::Arc;

use crate::text::fold;

/// A person as an article names them, with the name folded (marks and case dropped) once, for
/// the person filter. It reads as the name as written: it derefs, compares, hashes, prints and
/// serialises as that string.
#[derive(Clone)]
pub struct Person(Arc<PersonName>);

struct PersonName {
    written: Box<str>,
    folded: Box<str>,
}

impl Person {
    /// The person named `written` (already sanitised).
    pub fn new(written: &str) -> Person {
        Person(Arc::new(PersonName {
            written: written.into(),
            folded: fold(written).into(),
        }))
    }

    /// The name as written.
    pub fn as_str(&self) -> &str {
        &self.0.written
    }

    /// The name folded as the search folds text: `"Phạm Minh Chính"` is `"pham minh chinh"`.
    pub fn folded(&self) -> &str {
        &self.0.folded
    }
}

impl From<&str> for Person {
    fn from(written: &str) -> Person {
        Person::new(written)
    }
}

impl From<String> for Person {
    fn from(written: String) -> Person {
        Person::new(&written)
    }
}

/// A tag, section or source, shared by the articles of a load that give it. It reads as the
/// text: it derefs, compares, hashes, prints and serialises as that string.
#[derive(Clone)]
pub struct Label(Arc<str>);

impl Label {
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl From<&str> for Label {
    fn from(s: &str) -> Label {
        Label(s.into())
    }
}

impl From<String> for Label {
    fn from(s: String) -> Label {
        Label(s.into())
    }
}

/// What makes `$t` read as its text (`as_str`): it derefs, borrows, compares, hashes, prints
/// and serialises as that string.
macro_rules! reads_as_text {
    ($t:ty) => {
        impl Deref for $t {
            type Target = str;

            fn deref(&self) -> &str {
                self.as_str()
            }
        }

        impl Borrow<str> for $t {
            fn borrow(&self) -> &str {
                self.as_str()
            }
        }

        impl AsRef<str> for $t {
            fn as_ref(&self) -> &str {
                self.as_str()
            }
        }

        impl PartialEq for $t {
            fn eq(&self, other: &$t) -> bool {
                self.as_str() == other.as_str()
            }
        }

        impl Eq for $t {}

        impl PartialEq<str> for $t {
            fn eq(&self, other: &str) -> bool {
                self.as_str() == other
            }
        }

        impl PartialEq<&str> for $t {
            fn eq(&self, other: &&str) -> bool {
                self.as_str() == *other
            }
        }

        impl PartialEq<String> for $t {
            fn eq(&self, other: &String) -> bool {
                self.as_str() == other
            }
        }

        impl Hash for $t {
            /// As the text, so a set of them is looked up by a `&str`.
            fn hash<H: Hasher>(&self, state: &mut H) {
                self.as_str().hash(state);
            }
        }

        impl fmt::Debug for $t {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                fmt::Debug::fmt(self.as_str(), f)
            }
        }

        impl fmt::Display for $t {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl From<&$t> for String {
            fn from(t: &$t) -> String {
                t.as_str().to_owned()
            }
        }

        impl serde::Serialize for $t {
            fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                s.serialize_str(self.as_str())
            }
        }
    };
}

reads_as_text!(Person);
reads_as_text!(Label);

/// What one load has met so far: each person and each tag, section and source once.
#[derive(Default)]
pub struct Names {
    persons: HashSet<Person, foldhash::fast::RandomState>,
    labels: HashSet<Label, foldhash::fast::RandomState>,
}

impl Names {
    /// The person named `written`, the one met before if there was one.
    pub fn person(&mut self, written: &str) -> Person {
        if let Some(p) = self.persons.get(written) {
            return p.clone();
        }
        let p = Person::new(written);
        self.persons.insert(p.clone());
        p
    }

    /// The person named `written`, whose name folds to `folded`, the one met before if there
    /// was one: a person read back from where it was kept folded.
    pub(super) fn person_folded(&mut self, written: &str, folded: &str) -> Person {
        if let Some(p) = self.persons.get(written) {
            return p.clone();
        }
        let p = Person(Arc::new(PersonName {
            written: written.into(),
            folded: folded.into(),
        }));
        self.persons.insert(p.clone());
        p
    }

    /// `s` as a label, the one met before if there was one.
    pub fn label(&mut self, s: &str) -> Label {
        if let Some(met) = self.labels.get(s) {
            return met.clone();
        }
        let new = Label::from(s);
        self.labels.insert(new.clone());
        new
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_person_reads_as_written_and_keeps_the_folded_name() {
        let p = Person::new("Phạm Minh Chính");
        assert_eq!(&*p, "Phạm Minh Chính");
        assert_eq!(p.folded(), "pham minh chinh");
        assert_eq!(p, "Phạm Minh Chính");
        assert_eq!(format!("{p:?}"), "\"Phạm Minh Chính\"");
        assert_eq!(
            serde_json::to_string(&p).ok().as_deref(),
            Some("\"Phạm Minh Chính\"")
        );
        assert_eq!(
            [p.clone(), Person::new("Tô Lâm")].join(", "),
            "Phạm Minh Chính, Tô Lâm"
        );
    }

    #[test]
    fn names_met_again_are_the_same_allocation() {
        let mut names = Names::default();
        let a = names.person("Tô Lâm");
        assert!(!Arc::ptr_eq(&a.0, &Person::new("Tô Lâm").0));
        assert!(Arc::ptr_eq(&a.0, &names.person("Tô Lâm").0));
        let folded = names.person_folded("Tô Lâm", "something else");
        assert!(Arc::ptr_eq(&a.0, &folded.0));
        let other = names.person("Tô Lâm ");
        assert!(!Arc::ptr_eq(&a.0, &other.0));
        let s = names.label("Thời sự");
        assert!(!Arc::ptr_eq(&s.0, &Label::from("Thời sự").0));
        assert!(Arc::ptr_eq(&s.0, &names.label("Thời sự").0));
        assert_eq!(s, "Thời sự");
    }
}
