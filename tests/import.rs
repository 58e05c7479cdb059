//! Importing other tools' timelines: cases in `tests/data/import/`.

#![cfg(not(target_arch = "wasm32"))]

mod support;

use icet_explorer::core::import;
use support::read;

#[test]
fn smoke() {
    let r = import::csv(&read("tests/data/import/women-in-computing.csv"));
    match r {
        Ok(i) => {
            println!("{}", i.dataset.title);
            for e in &i.dataset.events {
                println!(
                    "{} | {} | {:?} | {:?} | {:?} | {:?}",
                    e.id,
                    e.title,
                    e.date.value,
                    e.end_date.as_ref().map(|d| d.value),
                    e.links,
                    e.media
                );
                println!("   {}", e.description);
            }
            for w in &i.warnings {
                println!("W {} {}", w.kind, w);
            }
        }
        Err(e) => println!("{e}"),
    }
}
