//! Random ropa-like texts for tests (feature `testing`, enabled only by other crates'
//! dev-dependencies): the fast-path oracles in `ropa-analysis` and `ropa-fmt` draw token
//! sequences — mostly well-formed items, a few mutations, varied whitespace and comments — from
//! a vocabulary each test chooses. Deterministic, so a failure reproduces from its seed.

/// A small linear congruential generator: no dependency, reproducible.
pub struct Random(pub u64);

impl Random {
    pub fn next_u64(&mut self) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        self.0 >> 33
    }

    pub fn pick<'s>(&mut self, from: &[&'s str]) -> &'s str {
        from.get(self.next_u64() as usize % from.len().max(1))
            .copied()
            .unwrap_or("")
    }

    pub fn chance(&mut self, percent: u64) -> bool {
        self.next_u64() % 100 < percent
    }
}

/// What a random file is made of.
pub struct Vocabulary<'v> {
    /// Item keywords (and words that are not).
    pub kinds: &'v [&'v str],
    /// Item ids.
    pub names: &'v [&'v str],
    pub keys: &'v [&'v str],
    pub values: &'v [&'v str],
    /// Words after an integer (`90 days`).
    pub units: &'v [&'v str],
    /// Inserted at random places.
    pub junk: &'v [&'v str],
    /// Between tokens.
    pub space: &'v [&'v str],
    /// At most this many fields per block (minus one).
    pub fields: u64,
    /// The chance (in percent) that a file uses `space` between its tokens; otherwise one
    /// space each (lines without comments, so one-line blocks can stay on one line).
    pub varied_space: u64,
}

fn value(r: &mut Random, v: &Vocabulary, depth: u32, out: &mut Vec<String>) {
    if depth < 2 && r.chance(15) {
        out.push("[".into());
        for i in 0..r.next_u64() % 4 {
            if i > 0 {
                out.push(",".into());
            }
            value(r, v, depth + 1, out);
        }
        if r.chance(30) {
            out.push(",".into());
        }
        out.push("]".into());
    } else if r.chance(12) {
        out.push(r.pick(&["1", "90", "12"]).into());
        out.push(r.pick(v.units).into());
    } else {
        out.push(r.pick(v.values).into());
    }
}

fn block(r: &mut Random, v: &Vocabulary, depth: u32, out: &mut Vec<String>) {
    out.push("{".into());
    for _ in 0..r.next_u64() % v.fields.max(1) {
        out.push(r.pick(v.keys).into());
        let with_value = r.chance(75);
        if with_value {
            value(r, v, 0, out);
        }
        if depth < 2 && (!with_value || r.chance(10)) {
            block(r, v, depth + 1, out);
        }
        if r.chance(20) {
            out.push(";".into());
        }
    }
    out.push("}".into());
}

/// Up to three items, then up to two mutations (a token dropped, doubled, or junk inserted).
pub fn random_file(r: &mut Random, v: &Vocabulary) -> String {
    let mut tokens: Vec<String> = Vec::new();
    for _ in 0..r.next_u64() % 4 {
        tokens.push(r.pick(v.kinds).into());
        if r.chance(85) {
            tokens.push(r.pick(v.names).into());
        }
        block(r, v, 0, &mut tokens);
    }
    for _ in 0..r.next_u64() % 3 {
        if tokens.is_empty() {
            break;
        }
        let at = r.next_u64() as usize % tokens.len();
        match r.next_u64() % 3 {
            0 => {
                tokens.remove(at);
            }
            1 => {
                let copy = tokens[at].clone();
                tokens.insert(at, copy);
            }
            _ => tokens.insert(at, r.pick(v.junk).into()),
        }
    }
    let varied = r.chance(v.varied_space);
    let mut text = String::new();
    for token in tokens {
        text.push_str(&token);
        text.push_str(if varied { r.pick(v.space) } else { " " });
    }
    text
}

/// The inputs of a tree-sitter corpus file: `(title, input)` for each case.
pub fn corpus_cases(text: &str) -> Vec<(String, String)> {
    let lines: Vec<&str> = text.split_inclusive('\n').collect();
    let is_rule = |l: &str, c: char| {
        let t = l.trim_end();
        t.len() >= 3 && t.chars().all(|x| x == c)
    };
    let mut cases = Vec::new();
    let mut i = 0;
    while i < lines.len() {
        if !is_rule(lines[i], '=') {
            i += 1;
            continue;
        }
        let title = lines
            .get(i + 1)
            .map(|l| l.trim().to_string())
            .unwrap_or_default();
        i += 2;
        if lines.get(i).is_some_and(|l| is_rule(l, '=')) {
            i += 1;
        }
        let mut input = String::new();
        while i < lines.len() && !is_rule(lines[i], '-') {
            input.push_str(lines[i]);
            i += 1;
        }
        // tree-sitter drops the line break before the `---` line.
        if input.ends_with('\n') {
            input.pop();
            if input.ends_with('\r') {
                input.pop();
            }
        }
        cases.push((title, input));
        i += 1;
    }
    cases
}
