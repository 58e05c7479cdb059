//! The wasm module's memory allocator: small blocks by size class, the rest
//! from the system allocator (dlmalloc).
//!
//! A loaded dataset is mostly small allocations: at 100k items, 800k of
//! them, averaging 56 bytes (ids, texts, lists of one or two entries).
//! dlmalloc gives each a 4-byte header, rounds it to 8 bytes and to 16 at
//! least, which cost 5.5 MB of a 50 MB dataset. Rust tells an allocator
//! the size of every block it frees, so blocks of up to [`SMALL`] bytes
//! need no header: they are cut from 64 KiB chunks in steps of a word (4
//! bytes on wasm32; 8 for 8-aligned types), and a freed block goes on a list of its class,
//! from which the next request of that class takes it. Chunks are never
//! given back, like wasm memory itself.
//!
//! [`SizeClasses`] is the logic, over any [`GlobalAlloc`] for chunks and
//! large blocks, and is tested natively (`tests/alloc.rs`); it is the
//! global allocator of wasm builds only, which are single-threaded.

use std::alloc::{GlobalAlloc, Layout};
use std::cell::UnsafeCell;
use std::ptr;

/// The largest block served by size class, in bytes.
pub const SMALL: usize = 128;
/// The size of a chunk that small blocks are cut from.
const CHUNK: usize = 64 * 1024;
/// A free block holds the address of the next, so blocks are a word at least.
const WORD: usize = size_of::<usize>();
/// Classes in steps of a word (alignment up to a word), then in steps of 8
/// bytes (alignment 8, where a word is 4 bytes).
const CLASSES_BY_WORD: usize = SMALL / WORD;
const CLASSES: usize = CLASSES_BY_WORD + SMALL / 8;

struct State {
    /// The first free block of each class; each free block holds the next.
    free: [*mut u8; CLASSES],
    /// The unused rest of the current chunk.
    next: *mut u8,
    end: *mut u8,
}

/// A size-class allocator for small blocks over `Backing` for the rest.
pub struct SizeClasses<Backing> {
    backing: Backing,
    state: UnsafeCell<State>,
}

// SAFETY: `SizeClasses` keeps unsynchronised state, so it may only be
// shared where there is one thread: the global allocator of wasm32 builds
// without the atomics feature, and each native test's own instance.
unsafe impl<Backing: Sync> Sync for SizeClasses<Backing> {}

impl<Backing> SizeClasses<Backing> {
    pub const fn new(backing: Backing) -> Self {
        SizeClasses {
            backing,
            state: UnsafeCell::new(State {
                free: [ptr::null_mut(); CLASSES],
                next: ptr::null_mut(),
                end: ptr::null_mut(),
            }),
        }
    }
}

/// The class of a small layout and the size of its blocks, or `None` for a
/// layout the backing allocator serves.
fn class_of(layout: Layout) -> Option<(usize, usize)> {
    let size = layout.size().max(WORD);
    if size > SMALL {
        None
    } else if layout.align() <= WORD {
        Some(((size - 1) / WORD, (size + WORD - 1) & !(WORD - 1)))
    } else if layout.align() == 8 {
        Some((CLASSES_BY_WORD + (size - 1) / 8, (size + 7) & !7))
    } else {
        None
    }
}

/// The size of the block a small layout gets, or `None` for a layout the
/// backing allocator serves.
pub fn small_block(layout: Layout) -> Option<usize> {
    class_of(layout).map(|(_, size)| size)
}

impl<Backing: GlobalAlloc> SizeClasses<Backing> {
    /// A block of `size` bytes aligned to `align` from the current chunk,
    /// starting a new chunk when it has no room. The rest of the old chunk
    /// and any gap before an 8-aligned block go on the free lists.
    ///
    /// # Safety
    /// Single-threaded use only.
    unsafe fn cut(&self, state: &mut State, size: usize, align: usize) -> *mut u8 {
        // Moving the pointer itself, not an integer made a pointer, keeps
        // its provenance.
        let gap = (state.next as usize).wrapping_neg() & (align - 1);
        let mut start = state.next.wrapping_add(gap);
        if state.next.is_null() || start as usize + size > state.end as usize {
            let chunk = unsafe {
                self.backing
                    .alloc(Layout::from_size_align_unchecked(CHUNK, 8))
            };
            if chunk.is_null() {
                return chunk;
            }
            unsafe { self.spare(state, state.next, state.end) };
            state.next = chunk;
            state.end = unsafe { chunk.add(CHUNK) };
            start = chunk;
        }
        unsafe { self.spare(state, state.next, start) };
        state.next = unsafe { start.add(size) };
        start
    }

    /// Puts the word-aligned room from `from` to `to` on the free list of
    /// its size, so that no part of a chunk is lost.
    unsafe fn spare(&self, state: &mut State, from: *mut u8, to: *mut u8) {
        let room = (to as usize).saturating_sub(from as usize).min(SMALL) & !(WORD - 1);
        if room >= WORD {
            unsafe { push(state, (room - 1) / WORD, from) };
        }
    }
}

/// Puts a free block on its class's list.
unsafe fn push(state: &mut State, class: usize, block: *mut u8) {
    unsafe { (block as *mut *mut u8).write(state.free[class]) };
    state.free[class] = block;
}

// SAFETY: small blocks are cut from chunks the backing allocator gave and
// never gave back, each of its class's size and aligned to its layout, and
// handed out at most once until freed; large layouts go to the backing
// allocator unchanged. Callers keep to single-threaded use (see `Sync`).
unsafe impl<Backing: GlobalAlloc> GlobalAlloc for SizeClasses<Backing> {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        let Some((class, size)) = class_of(layout) else {
            return unsafe { self.backing.alloc(layout) };
        };
        let state = unsafe { &mut *self.state.get() };
        let block = state.free[class];
        if !block.is_null() {
            state.free[class] = unsafe { (block as *mut *mut u8).read() };
            return block;
        }
        unsafe { self.cut(state, size, layout.align().max(WORD)) }
    }

    unsafe fn dealloc(&self, block: *mut u8, layout: Layout) {
        match class_of(layout) {
            Some((class, _)) => unsafe { push(&mut *self.state.get(), class, block) },
            None => unsafe { self.backing.dealloc(block, layout) },
        }
    }

    unsafe fn realloc(&self, block: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        let new_layout = unsafe { Layout::from_size_align_unchecked(new_size, layout.align()) };
        match (class_of(layout), class_of(new_layout)) {
            (None, None) => unsafe { self.backing.realloc(block, layout, new_size) },
            (Some((old, _)), Some((new, _))) if old == new => block,
            _ => {
                let moved = unsafe { self.alloc(new_layout) };
                if !moved.is_null() {
                    unsafe {
                        ptr::copy_nonoverlapping(block, moved, layout.size().min(new_size));
                        self.dealloc(block, layout);
                    }
                }
                moved
            }
        }
    }
}

/// The allocator of wasm32 builds (the `heap-stats` measuring build wraps it
/// in its counter instead).
#[cfg(all(target_arch = "wasm32", not(target_feature = "atomics")))]
#[cfg_attr(not(feature = "heap-stats"), global_allocator)]
pub static WASM: SizeClasses<std::alloc::System> = SizeClasses::new(std::alloc::System);
