//! Articles by id: a table of store positions hashed by each article's own id.
//!
//! A map from a copy of every id to its position cost a million allocations and a million
//! copies at archive scale; this table keeps only positions and compares against the ids the
//! articles already hold. The hash is foldhash with a seed chosen per process, so ids written to
//! collide (a hostile store) cannot turn the load quadratic.

use std::hash::BuildHasher;

use hashbrown::HashTable;

use super::Article;

#[derive(Clone, Default)]
pub(super) struct Ids {
    table: HashTable<u32>,
    hasher: foldhash::fast::RandomState,
}

impl std::fmt::Debug for Ids {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Ids({} articles)", self.table.len())
    }
}

impl Ids {
    fn hash(&self, id: &str) -> u64 {
        self.hasher.hash_one(id)
    }

    /// Room for `more` ids without rehashing; `list` holds the articles already in the table.
    pub(super) fn reserve(&mut self, more: usize, list: &[Article]) {
        let hasher = &self.hasher;
        self.table.reserve(more, |&at| hash_of(hasher, list, at));
    }

    /// The position of the article with this id in `list`.
    pub(super) fn find(&self, list: &[Article], id: &str) -> Option<u32> {
        self.table
            .find(self.hash(id), |&at| id_at(list, at) == Some(id))
            .copied()
    }

    /// Whether an article in `list` has this id.
    pub(super) fn contains(&self, list: &[Article], id: &str) -> bool {
        self.find(list, id).is_some()
    }

    /// Notes that the article with `id` is (about to be) at position `at`, which no article in
    /// `list` has yet; `false`, and nothing noted, when the id is taken.
    pub(super) fn insert(&mut self, list: &[Article], id: &str, at: u32) -> bool {
        let hash = self.hash(id);
        let hasher = &self.hasher;
        match self.table.entry(
            hash,
            |&other| id_at(list, other) == Some(id),
            |&other| hash_of(hasher, list, other),
        ) {
            hashbrown::hash_table::Entry::Occupied(_) => false,
            hashbrown::hash_table::Entry::Vacant(room) => {
                room.insert(at);
                true
            }
        }
    }
}

fn id_at(list: &[Article], at: u32) -> Option<&str> {
    list.get(at as usize).map(|a| a.id.as_str())
}

fn hash_of(hasher: &foldhash::fast::RandomState, list: &[Article], at: u32) -> u64 {
    hasher.hash_one(id_at(list, at).unwrap_or_default())
}
