//! A fast hasher for the tables built while loading and indexing a dataset.
//!
//! The standard `SipHash` guards against crafted keys with random keys of
//! its own, which the page's wasm target has no source for, and it took
//! several per cent of loading a large dataset (and most of building its
//! search index). This is `FxHash`'s multiplication, eight bytes at a
//! time, with a shift that carries the high bits of each step into the
//! low ones (`FxHash` alone let ids such as `event-1234` collide).

use std::collections::{HashMap, HashSet};
use std::hash::{BuildHasherDefault, Hasher};

/// A `HashMap` with [`FastHasher`].
pub type FastMap<K, V> = HashMap<K, V, BuildHasherDefault<FastHasher>>;

/// A `HashSet` with [`FastHasher`].
pub type FastSet<T> = HashSet<T, BuildHasherDefault<FastHasher>>;

/// A multiply and a shift per 64-bit word.
#[derive(Clone, Copy, Default)]
pub struct FastHasher(u64);

impl FastHasher {
    /// Each step is a bijection of the state for a given word (an xor, a
    /// multiplication by an odd number, an xor-shift), so texts that
    /// differ only in their last word never collide.
    fn add(&mut self, word: u64) {
        let mixed = (self.0 ^ word).wrapping_mul(0x51_7c_c1_b7_27_22_0a_95);
        self.0 = mixed ^ (mixed >> 29);
    }
}

/// The hash of `text` alone, as a map keyed by `str` would compute it.
pub fn hash_str(text: &str) -> u64 {
    let mut hasher = FastHasher::default();
    std::hash::Hash::hash(text, &mut hasher);
    hasher.finish()
}

impl Hasher for FastHasher {
    fn write(&mut self, mut bytes: &[u8]) {
        // Plain loops: the size-optimised release build does not inline
        // iterator adaptors, and this runs for every word of every item.
        while let Some((eight, rest)) = bytes.split_first_chunk::<8>() {
            self.add(u64::from_le_bytes(*eight));
            bytes = rest;
        }
        // The last word's top byte (never a byte of the text: at most
        // seven are left) says how many there are, so that `"a"` and
        // `"a\0"` differ.
        let mut last = [0u8; 8];
        last[..bytes.len()].copy_from_slice(bytes);
        last[7] = bytes.len() as u8;
        self.add(u64::from_le_bytes(last));
    }

    fn write_u8(&mut self, byte: u8) {
        self.add(u64::from(byte));
    }

    fn write_usize(&mut self, n: usize) {
        self.add(n as u64);
    }

    fn finish(&self) -> u64 {
        self.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn equal_texts_hash_alike_and_near_ones_apart() {
        assert_eq!(hash_str("event-1"), hash_str("event-1"));
        let hashes: FastSet<u64> = (0..10_000)
            .map(|i| hash_str(&format!("event-{i}")))
            .collect();
        assert_eq!(hashes.len(), 10_000);
        // The low bits pick a table's slot: they must differ too.
        let low: FastSet<u64> = (0..1000)
            .map(|i| hash_str(&format!("event-{i}")) & 0xffff)
            .collect();
        assert!(low.len() > 950, "{} distinct low halves of 1000", low.len());
    }

    #[test]
    fn a_text_and_its_longer_self_differ() {
        // A word padded with zeros must not equal a shorter one.
        assert_ne!(hash_str("abcdefgh"), hash_str("abcdefgh\0"));
        assert_ne!(hash_str(""), hash_str("\0"));
    }

    #[test]
    fn maps_find_what_they_hold() {
        let mut map: FastMap<String, usize> = FastMap::default();
        for i in 0..1000 {
            map.insert(format!("actor-{i}"), i);
        }
        assert_eq!(map.get("actor-517"), Some(&517));
        assert_eq!(map.get("actor-1000"), None);
    }
}
