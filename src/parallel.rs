//! Work spread over the machine's cores (the indexes built in the background, the load), and
//! the checks of rows read back from a cache.

/// Runs `f` on `items` cut into one chunk per core (at most 8), each given its chunk and the
/// position of its first item, and returns the results in order. A panic in one chunk is
/// passed on: a lost chunk would shift every result after it.
pub fn by_chunks<T: Sync, R: Send>(items: &[T], f: impl Fn(&[T], usize) -> R + Sync) -> Vec<R> {
    let threads = threads();
    let chunk = items.len().div_ceil(threads).max(1);
    let f = &f;
    std::thread::scope(|s| {
        let handles: Vec<_> = items
            .chunks(chunk)
            .enumerate()
            .map(|(n, slice)| s.spawn(move || f(slice, n * chunk)))
            .collect();
        handles
            .into_iter()
            .map(|h| h.join().unwrap_or_else(|p| std::panic::resume_unwind(p)))
            .collect()
    })
}

/// How many threads work on a load or an index: one per core, at most 8.
pub fn threads() -> usize {
    std::thread::available_parallelism()
        .map_or(1, std::num::NonZero::get)
        .clamp(1, 8)
}

/// Whether `starts`, where rows begin in a vector of `end` items (with the end last), ascend
/// from 0 to `end`: what rows read back from a cache must do before they are used.
pub fn ascending_to(starts: &[u32], end: usize) -> bool {
    starts.first() == Some(&0)
        && starts.windows(2).all(|w| w[0] <= w[1])
        && starts.last().map(|&l| l as usize) == Some(end)
}

#[cfg(test)]
mod tests {
    #[test]
    fn every_item_once_in_order_with_its_position() {
        let items: Vec<usize> = (0..1001).collect();
        let parts = super::by_chunks(&items, |slice, first| {
            slice
                .iter()
                .enumerate()
                .map(|(i, &x)| (first + i, x))
                .collect::<Vec<_>>()
        });
        let flat: Vec<(usize, usize)> = parts.into_iter().flatten().collect();
        assert_eq!(flat.len(), 1001);
        assert!(flat.iter().all(|&(pos, x)| pos == x));
        assert!(
            super::by_chunks(&[] as &[u8], |s, _| s.len())
                .iter()
                .all(|&n| n == 0)
        );
    }
}
