//! A deterministic generator of large, realistic-looking datasets, for
//! scale tests and benchmarks. The same size and seed always give the same
//! JSON text, which the ordinary loader reads.
//!
//! The text is assembled from the vocabulary of the real documents, so that
//! search meets realistic term frequencies; the quotes are not real and the
//! generated sources have no stored text.

use std::fmt::Write;

use super::json::write_string as json_string;

/// A small, fast, deterministic generator (SplitMix64).
struct Random(u64);

impl Random {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    fn below(&mut self, bound: usize) -> usize {
        (self.next() % bound as u64) as usize
    }

    fn pick<'a>(&mut self, words: &[&'a str]) -> &'a str {
        words[self.below(words.len())]
    }

    fn chance(&mut self, percent: usize) -> bool {
        self.below(100) < percent
    }
}

const AREAS: &[(&str, &str)] = &[
    (
        "innovation-ai-quantum",
        "Innovation, AI, quantum and advanced computing",
    ),
    ("defence", "Defence"),
    ("semiconductors", "Semiconductors"),
    ("space", "Space"),
    ("talent", "STEM talent and people"),
    ("telecom", "Next-generation telecom"),
    (
        "clean-energy-minerals",
        "Clean energy and critical minerals",
    ),
    ("biotechnology", "Biotechnology"),
];

const TOPICS: &[&str] = &[
    "jet engines",
    "quantum technologies",
    "semiconductor packaging",
    "human spaceflight",
    "Open RAN",
    "5G and 6G research",
    "critical minerals",
    "small modular reactors",
    "biotechnology supply chains",
    "artificial intelligence standards",
    "high performance computing",
    "space situational awareness",
    "undersea domain awareness",
    "sonobuoys",
    "munition technologies",
    "advanced materials",
    "rare earth processing",
    "post-quantum cryptography",
    "geospatial data",
    "defence startups",
    "lunar exploration",
    "talent mobility",
    "H-1B visas",
    "MQ-9B platforms",
    "F414-INS6 engines",
];

const VERBS: &[&str] = &[
    "Launching",
    "Advancing",
    "Expanding",
    "Strengthening",
    "Welcoming",
    "Deepening",
    "Building",
    "Exploring",
];
const FORMATS: &[&str] = &[
    "initiative on",
    "partnership for",
    "dialogue on",
    "workshop on",
    "roadmap for",
    "exchange on",
];
const PLACES: &[&str] = &[
    "New Delhi",
    "Washington, DC",
    "Bengaluru",
    "Houston",
    "Stanford",
    "Los Angeles",
    "Mumbai",
    "Boston",
    "Hyderabad",
];
const SYLLABLES: &[&str] = &[
    "bha", "ra", "tek", "nova", "sys", "dyn", "astra", "quant", "orbit", "semi", "vaj", "ira",
    "lum", "gen",
];
const BODY_KINDS: &[&str] = &[
    "Agency",
    "Council",
    "Institute",
    "Laboratory",
    "Mission",
    "Directorate",
    "Centre",
];
const EVENT_TYPES: &[&str] = &[
    "meeting",
    "dialogue",
    "visit",
    "signing",
    "launch",
    "summit",
    "announcement",
    "workshop",
    "exchange",
];
const STATUSES: &[&str] = &["announced", "in_progress", "achieved", "stalled"];
const ACTOR_KINDS: &[&str] = &[
    "government",
    "company",
    "academic",
    "association",
    "official",
    "mechanism",
];
const COUNTRIES: &[&str] = &["us", "in", "joint", "other"];

fn capitalised(word: &str) -> String {
    let mut chars = word.chars();
    chars
        .next()
        .map(|c| c.to_uppercase().chain(chars).collect())
        .unwrap_or_default()
}

/// A date between 2022 and 2025 at a random precision, as `(value, approximate)`.
fn random_date(random: &mut Random) -> (String, bool) {
    let year = 2022 + random.below(4);
    let month = 1 + random.below(12);
    let day = 1 + random.below(28);
    match random.below(10) {
        0 => (format!("{year}"), true),
        1 => (
            format!(
                "{year}-{}",
                random.pick(&["H1", "H2", "early", "late", "spring", "autumn"])
            ),
            false,
        ),
        2 | 3 => (format!("{year}-{month:02}"), false),
        _ => (format!("{year}-{month:02}-{day:02}"), random.chance(10)),
    }
}

fn date_json(out: &mut String, (value, approximate): &(String, bool)) {
    if *approximate {
        let _ = write!(
            out,
            r#"{{"value":"{value}","approximate":true,"note":"Generated."}}"#
        );
    } else {
        let _ = write!(out, r#"{{"value":"{value}"}}"#);
    }
}

/// A dataset with `items` events and commitments (about one in three a
/// commitment), `items / 20 + 60` actors and the real focus areas.
pub fn dataset_json(items: usize, seed: u64) -> String {
    let mut random = Random(seed);
    let actor_count = items / 20 + 60;
    let mut out = String::with_capacity(items * 900);
    out.push_str(r#"{"version":1,"title":"Synthetic iCET-like dataset","description":"Generated for scale tests.","#);
    out.push_str(r#""sources":[{"id":"synthetic-a","publisher":"Generator","title":"Synthetic primary source","kind":"primary","format":"fact_sheet","published":{"value":"2025-01-06"},"url":null},"#);
    out.push_str(r#"{"id":"synthetic-b","publisher":"Generator","title":"Synthetic press report","kind":"secondary","format":"news_report","published":{"value":"2023-06"},"url":null}],"focus_areas":["#);
    for (i, (id, name)) in AREAS.iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        let _ = write!(
            out,
            r#"{{"id":"{id}","name":"{name}","description":"{name}.","headings":[{{"source":"synthetic-a","quote":"{name}"}}]}}"#
        );
    }
    out.push_str(r#"],"actors":["#);
    for i in 0..actor_count {
        let name = format!(
            "{}{} {}",
            capitalised(random.pick(SYLLABLES)),
            random.pick(SYLLABLES),
            random.pick(BODY_KINDS)
        );
        let short: String = name
            .split(' ')
            .map(|w| w.chars().next().unwrap_or('X'))
            .collect::<String>()
            .to_uppercase();
        if i > 0 {
            out.push(',');
        }
        let _ = write!(out, r#"{{"id":"actor-{i}","name":"#);
        json_string(&mut out, &name);
        let _ = write!(
            out,
            r#","short_name":"{short}{i}","aliases":[],"kind":"{}","country":"{}","citations":[{{"source":"synthetic-a","quote":"#,
            random.pick(ACTOR_KINDS),
            random.pick(COUNTRIES)
        );
        json_string(&mut out, &format!("the {name}"));
        out.push_str("}]}");
    }
    let commitments = items / 3;
    let events = items - commitments;
    out.push_str(r#"],"events":["#);
    for i in 0..events {
        if i > 0 {
            out.push(',');
        }
        let topic = random.pick(TOPICS);
        let title = format!("{} {} {topic}", random.pick(VERBS), random.pick(FORMATS));
        let _ = write!(out, r#"{{"id":"event-{i}","title":"#);
        json_string(&mut out, &title);
        let _ = write!(out, r#","type":"{}","date":"#, random.pick(EVENT_TYPES));
        date_json(&mut out, &random_date(&mut random));
        let _ = write!(
            out,
            r#","place":"{}","participants":["#,
            random.pick(PLACES)
        );
        for p in 0..1 + random.below(4) {
            let _ = write!(
                out,
                r#"{}"actor-{}""#,
                if p > 0 { "," } else { "" },
                random.below(actor_count)
            );
        }
        let _ = write!(
            out,
            r#"],"focus_areas":["{}"],"description":"#,
            AREAS[random.below(AREAS.len())].0
        );
        let description = format!(
            "Officials from {} met in {} to discuss {topic} and {}, and agreed next steps.",
            random.pick(PLACES),
            random.pick(PLACES),
            random.pick(TOPICS)
        );
        json_string(&mut out, &description);
        out.push_str(r#","citations":[{"source":"synthetic-a","quote":"#);
        json_string(&mut out, &format!("{title} in {}", random.pick(PLACES)));
        out.push_str("}]}");
    }
    out.push_str(r#"],"commitments":["#);
    for i in 0..commitments {
        if i > 0 {
            out.push(',');
        }
        let topic = random.pick(TOPICS);
        let _ = write!(out, r#"{{"id":"commitment-{i}","title":"#);
        json_string(
            &mut out,
            &format!("{} cooperation on {topic}", random.pick(VERBS)),
        );
        out.push_str(r#","description":"#);
        json_string(&mut out, &format!("The two governments committed to work together on {topic} with industry and academia."));
        let _ = write!(
            out,
            r#","focus_areas":["{}"],"actors":["actor-{}"],"announced_at":"event-{}","status_history":["#,
            AREAS[random.below(AREAS.len())].0,
            random.below(actor_count),
            random.below(events.max(1))
        );
        // Entries in date order: a first year, then later years.
        let first_year = 2022 + random.below(3);
        for (n, year) in (first_year..2026).take(1 + random.below(3)).enumerate() {
            let status = if n == 0 {
                "announced"
            } else {
                random.pick(STATUSES)
            };
            let _ = write!(
                out,
                r#"{}{{"status":"{status}","date":{{"value":"{year}-{:02}"}},"summary":"Progress on {topic}.","citations":[{{"source":"synthetic-b","quote":"#,
                if n > 0 { "," } else { "" },
                1 + random.below(12)
            );
            json_string(&mut out, &format!("progress on {topic} in {year}"));
            out.push_str("}]}");
        }
        out.push_str("]}");
    }
    out.push_str("]}");
    out
}
