use icet_explorer::core::query::QueryIndex;
use std::time::Instant;
fn main() {
    for n in [1000usize, 10000] {
        let text = icet_explorer::core::synthetic::dataset_json(n, 42);
        let mut best = [f64::MAX; 3];
        for _ in 0..5 {
            let t = Instant::now();
            let d = icet_explorer::load(&text).unwrap();
            let t1 = t.elapsed().as_secs_f64();
            let i = QueryIndex::build(&d);
            let t2 = t.elapsed().as_secs_f64();
            let _ = icet_explorer::summarize(&d);
            let t3 = t.elapsed().as_secs_f64();
            best[0] = best[0].min(t1);
            best[1] = best[1].min(t2 - t1);
            best[2] = best[2].min(t3 - t2);
            drop(i);
        }
        println!(
            "{n}: load {:.1} ms, index {:.1} ms, summary {:.1} ms ({} KB)",
            best[0] * 1e3,
            best[1] * 1e3,
            best[2] * 1e3,
            text.len() / 1024
        );
    }
}
