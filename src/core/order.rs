//! One shared sort. The standard library's sorts are large, and every element
//! type and comparator gets its own copy in the wasm (they were a fifth of
//! its code). Sorting positions through one non-generic function keeps a
//! single copy; the generic wrappers only apply the resulting permutation.

use std::cmp::Ordering;

/// The positions `0..len`, stably sorted by `compare`.
pub fn order(len: usize, compare: &dyn Fn(usize, usize) -> Ordering) -> Vec<usize> {
    let mut positions: Vec<usize> = (0..len).collect();
    positions.sort_by(|&a, &b| compare(a, b));
    positions
}

/// Sorts `items` stably by `compare`.
pub fn sort_by<T>(items: &mut Vec<T>, compare: impl Fn(&T, &T) -> Ordering) {
    let positions = order(items.len(), &|a, b| compare(&items[a], &items[b]));
    let mut slots: Vec<Option<T>> = std::mem::take(items).into_iter().map(Some).collect();
    items.extend(positions.into_iter().map(|p| {
        slots[p]
            .take()
            .expect("a permutation names each position once")
    }));
}

/// Sorts `items` stably by the key `key` gives.
pub fn sort_by_key<T, K: Ord>(items: &mut Vec<T>, key: impl Fn(&T) -> K) {
    sort_by(items, |a, b| key(a).cmp(&key(b)));
}

/// Sorts `items` in their natural order.
pub fn sort<T: Ord>(items: &mut Vec<T>) {
    sort_by(items, T::cmp);
}

/// Sorts numeric keys ascending. Callers that pack what they sort by into one
/// `u64` share this single, fast sort of primitives.
pub fn sort_keys(keys: &mut [u64]) {
    keys.sort_unstable();
}
