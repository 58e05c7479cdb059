//! A fast hasher for the tables built while loading and indexing a dataset.
//!
//! The standard `SipHash` took several per cent of loading a large
//! dataset (and most of building its search index). This is `FxHash`'s multiplication, eight bytes at a
//! time, with a shift that carries the high bits of each step into the
//! low ones (`FxHash` alone let ids such as `event-1234` collide).
//!
//! Unseeded, such a hash is easy to invert: a file could hold ids or words
//! crafted to land in one slot, and every lookup would walk all of them.
//! So every table hashes from a seed the process picks once ([`seed_once`]):
//! the page from the browser's random numbers, the command-line tools from
//! the operating system's. A file's author cannot know it, so cannot craft
//! the collisions. A table keeps the seed it was made with ([`Seeded`]),
//! so it goes on finding its keys whatever happens to the seed later.

use std::collections::{HashMap, HashSet};
use std::hash::{BuildHasher, Hasher};
use std::sync::atomic::{AtomicU64, Ordering};

/// A `HashMap` with [`FastHasher`].
pub type FastMap<K, V> = HashMap<K, V, Seeded>;

/// A `HashSet` with [`FastHasher`].
pub type FastSet<T> = HashSet<T, Seeded>;

/// The state every hasher starts from: 0 until [`seed_once`] sets it.
static SEED: AtomicU64 = AtomicU64::new(0);

/// Sets the seed of the tables made from now on, the first time only
/// (the wasm module calls it when it starts, the tools in `main`). `seed`
/// 0 is taken as 1, since 0 means "not set".
pub fn seed_once(seed: u64) {
    let _ = SEED.compare_exchange(0, seed.max(1), Ordering::Relaxed, Ordering::Relaxed);
}

/// The hashers of one table: each starts from the seed the table was made
/// with (`Default` takes the process's).
#[derive(Clone, Copy, Debug)]
pub struct Seeded(u64);

impl Default for Seeded {
    fn default() -> Seeded {
        Seeded(SEED.load(Ordering::Relaxed))
    }
}

impl BuildHasher for Seeded {
    type Hasher = FastHasher;

    fn build_hasher(&self) -> FastHasher {
        FastHasher(self.0)
    }
}

impl Seeded {
    /// The hash of `text` alone, as a map keyed by `str` would compute it.
    pub fn hash_str(&self, text: &str) -> u64 {
        self.hash_one(text)
    }
}

/// A multiply and a shift per 64-bit word.
#[derive(Clone, Copy)]
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
        let hash_str = |text: &str| Seeded(0).hash_str(text);
        assert_eq!(hash_str("event-1"), hash_str("event-1"));
        let hashes: FastSet<u64> = (0..10_000)
            .map(|i| Seeded(0).hash_str(&format!("event-{i}")))
            .collect();
        assert_eq!(hashes.len(), 10_000);
        // The low bits pick a table's slot: they must differ too.
        let low: FastSet<u64> = (0..1000)
            .map(|i| Seeded(0).hash_str(&format!("event-{i}")) & 0xffff)
            .collect();
        assert!(low.len() > 950, "{} distinct low halves of 1000", low.len());
    }

    #[test]
    fn a_text_and_its_longer_self_differ() {
        // A word padded with zeros must not equal a shorter one.
        let hash_str = |text: &str| Seeded(0).hash_str(text);
        assert_ne!(hash_str("abcdefgh"), hash_str("abcdefgh\0"));
        assert_ne!(hash_str(""), hash_str("\0"));
    }

    /// The state after one word, from `start`.
    fn after(start: u64, word: u64) -> u64 {
        let mut hasher = FastHasher(start);
        hasher.add(word);
        hasher.0
    }

    #[test]
    fn collisions_crafted_for_one_seed_miss_under_another() {
        // Two-word keys whose second word cancels the first's difference:
        // all of them collide for the seed they were made for.
        let crafted = |seed: u64| -> Vec<[u64; 2]> {
            let target = after(seed, 0);
            (1..1000_u64)
                .map(|first| [first, after(seed, first) ^ target])
                .collect()
        };
        let hash = |seed: u64, key: [u64; 2]| {
            let mut hasher = FastHasher(seed);
            hasher.add(key[0]);
            hasher.add(key[1]);
            hasher.finish()
        };
        let keys = crafted(7);
        let under_their_seed: FastSet<u64> = keys.iter().map(|&key| hash(7, key)).collect();
        assert_eq!(
            under_their_seed.len(),
            1,
            "the attack works when the seed is known"
        );
        let under_another: FastSet<u64> = keys.iter().map(|&key| hash(0x2545_f491, key)).collect();
        assert_eq!(
            under_another.len(),
            keys.len(),
            "and fails under a seed the author did not know"
        );
    }

    #[test]
    fn the_seed_is_set_once_and_a_table_keeps_its_own() {
        let before: FastMap<String, usize> = (0..100).map(|i| (format!("id-{i}"), i)).collect();
        // Whatever ran first in this process (another test may have seeded
        // it), a second seed changes nothing.
        seed_once(12345);
        let seeded = SEED.load(Ordering::Relaxed);
        assert_ne!(seeded, 0);
        seed_once(67890);
        assert_eq!(SEED.load(Ordering::Relaxed), seeded);
        assert_eq!(Seeded::default().0, seeded);
        // A table made before the seed was set still finds its keys.
        assert_eq!(before.get("id-42"), Some(&42));
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
