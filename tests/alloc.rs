//! The wasm allocator's logic (`icet_explorer::alloc`), run natively over
//! the system allocator: random sequences of allocations, frees and
//! reallocations keep every live block aligned, apart from the others and
//! with its contents, and freed small blocks are used again.

#![cfg(not(target_arch = "wasm32"))]

use std::alloc::{GlobalAlloc, Layout, System};
use std::cell::RefCell;

use icet_explorer::alloc::{small_block, SizeClasses, SMALL};
use proptest::prelude::*;

/// The system allocator, noting what it hands out so that the test can
/// count chunks and give everything back.
#[derive(Default)]
struct Backing {
    live: RefCell<Vec<(usize, Layout)>>,
    calls: RefCell<usize>,
}

// SAFETY: each test uses its own `Backing` from one thread.
unsafe impl Sync for Backing {}

// SAFETY: every call goes to `System` unchanged.
unsafe impl GlobalAlloc for &Backing {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        *self.calls.borrow_mut() += 1;
        let block = unsafe { System.alloc(layout) };
        self.live.borrow_mut().push((block as usize, layout));
        block
    }

    unsafe fn dealloc(&self, block: *mut u8, layout: Layout) {
        self.live
            .borrow_mut()
            .retain(|&(at, _)| at != block as usize);
        unsafe { System.dealloc(block, layout) }
    }
}

impl Drop for Backing {
    fn drop(&mut self) {
        for (at, layout) in self.live.take() {
            unsafe { System.dealloc(at as *mut u8, layout) };
        }
    }
}

#[derive(Clone, Debug)]
enum Step {
    Alloc { size: usize, align: usize },
    Free(usize),
    Realloc(usize, usize),
}

fn step() -> impl Strategy<Value = Step> {
    let size = prop_oneof![1usize..=SMALL + 8, 1usize..600];
    prop_oneof![
        3 => (size.clone(), prop_oneof![Just(1usize), Just(2), Just(4), Just(8), Just(16)])
            .prop_map(|(size, align)| Step::Alloc { size, align }),
        2 => any::<usize>().prop_map(Step::Free),
        2 => (any::<usize>(), size).prop_map(|(at, size)| Step::Realloc(at, size)),
    ]
}

/// A live block: where, its layout, and the byte it was filled with.
struct Block {
    at: *mut u8,
    layout: Layout,
    fill: u8,
}

fn fill(block: &Block) {
    unsafe { std::ptr::write_bytes(block.at, block.fill, block.layout.size()) };
}

fn intact(block: &Block, size: usize) -> bool {
    (0..size).all(|i| unsafe { *block.at.add(i) } == block.fill)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    #[test]
    fn live_blocks_stay_aligned_apart_and_whole(steps in prop::collection::vec(step(), 1..300)) {
        let backing = Backing::default();
        let allocator = SizeClasses::new(&backing);
        let mut live: Vec<Block> = Vec::new();
        for (n, step) in steps.into_iter().enumerate() {
            let fill_byte = (n % 251) as u8 + 1;
            match step {
                Step::Alloc { size, align } => {
                    let layout = Layout::from_size_align(size, align).unwrap();
                    let at = unsafe { allocator.alloc(layout) };
                    prop_assert!(!at.is_null());
                    prop_assert_eq!(at as usize % align, 0, "{:?}", layout);
                    let block = Block { at, layout, fill: fill_byte };
                    fill(&block);
                    live.push(block);
                }
                Step::Free(pick) if !live.is_empty() => {
                    let block = live.swap_remove(pick % live.len());
                    prop_assert!(intact(&block, block.layout.size()));
                    unsafe { allocator.dealloc(block.at, block.layout) };
                }
                Step::Realloc(pick, new_size) if !live.is_empty() => {
                    let at = pick % live.len();
                    let old = &live[at];
                    let kept = old.layout.size().min(new_size);
                    let moved = unsafe { allocator.realloc(old.at, old.layout, new_size) };
                    prop_assert!(!moved.is_null());
                    let block = Block {
                        at: moved,
                        layout: Layout::from_size_align(new_size, old.layout.align()).unwrap(),
                        fill: old.fill,
                    };
                    prop_assert_eq!(moved as usize % block.layout.align(), 0);
                    prop_assert!(intact(&block, kept), "realloc lost contents");
                    let block = Block { fill: fill_byte, ..block };
                    fill(&block);
                    live[at] = block;
                }
                _ => {}
            }
            // Each live block still holds its own byte: none overlaps another.
            for block in &live {
                prop_assert!(intact(block, block.layout.size()), "a block was overwritten");
            }
        }
        for block in live {
            unsafe { allocator.dealloc(block.at, block.layout) };
        }
    }
}

#[test]
fn small_blocks_freed_are_used_again() {
    let backing = Backing::default();
    let allocator = SizeClasses::new(&backing);
    let layouts: Vec<Layout> = (1..=SMALL)
        .flat_map(|size| [1, 4, 8].map(|align| Layout::from_size_align(size, align).unwrap()))
        .collect();
    let round = |allocator: &SizeClasses<&Backing>| {
        let blocks: Vec<_> = (0..50)
            .flat_map(|_| {
                layouts
                    .iter()
                    .map(|&layout| (unsafe { allocator.alloc(layout) }, layout))
            })
            .collect();
        for (at, layout) in blocks {
            unsafe { allocator.dealloc(at, layout) };
        }
    };
    round(&allocator);
    let chunks = *backing.calls.borrow();
    assert!(chunks > 1, "small blocks come from chunks");
    round(&allocator);
    round(&allocator);
    assert_eq!(
        *backing.calls.borrow(),
        chunks,
        "the second and third rounds took no new chunk"
    );
}

#[test]
fn small_blocks_take_no_header() {
    // A block's room is its size rounded up to a word, or to 8 bytes for
    // 8-aligned types: never more.
    let word = std::mem::size_of::<usize>();
    for size in 1..=SMALL {
        for align in [1, 2, 4, 8] {
            let layout = Layout::from_size_align(size, align).unwrap();
            let room = small_block(layout).unwrap();
            let step = align.max(word);
            assert_eq!(room, size.div_ceil(step) * step, "{layout:?}");
        }
    }
    assert_eq!(
        small_block(Layout::from_size_align(SMALL + 1, 1).unwrap()),
        None
    );
    assert_eq!(small_block(Layout::from_size_align(8, 16).unwrap()), None);
}
