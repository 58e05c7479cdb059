use icet_explorer::core::query::QueryIndex;
use std::time::Instant;
fn main() {
    let text = std::fs::read_to_string("target/site/data/icet.json").unwrap();
    for _ in 0..3 {
        let t = Instant::now();
        let d = icet_explorer::load(&text).unwrap();
        let t1 = t.elapsed();
        let s = icet_explorer::summarize(&d);
        let t2 = t.elapsed();
        let i = QueryIndex::build(&d);
        let t3 = t.elapsed();
        let _ = icet_explorer::core::viewport::TimelineState::new(&d);
        let t4 = t.elapsed();
        println!(
            "load {:?} summary {:?} index {:?} timeline {:?}",
            t1,
            t2 - t1,
            t3 - t2,
            t4 - t3
        );
        let _ = (s, i);
    }
}
